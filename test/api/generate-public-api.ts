/** Rewrites the `*.public.ts` modules from the public functions' signatures: `npx tsx test/api/generate-public-api.ts`. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatePublicModules, root } from "./public-api.js";

for (const module of generatePublicModules()) {
  writeFileSync(join(root, module.path), module.text);
  console.log(`wrote ${module.path}`);
}
