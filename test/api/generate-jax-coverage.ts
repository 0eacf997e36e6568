/** Writes docs/jax-coverage.md, or lists what keeps the table from being true. See jax-coverage.ts. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tessera from "../../index.js";
import { computeCoverage, loadJaxApi, PAGE, renderPage } from "./jax-coverage.js";
import { root } from "./public-api.js";

const api = loadJaxApi();
const coverage = computeCoverage(api, tessera as unknown as Record<string, unknown>);
if (coverage.problems.length > 0) {
  console.error(`${PAGE} not written; the decisions (test/api/jax-coverage-decisions.ts) disagree with tessera:\n- ${coverage.problems.join("\n- ")}`);
  process.exit(1);
}
writeFileSync(join(root, PAGE), renderPage(api, coverage));
console.log(`wrote ${PAGE}`);
