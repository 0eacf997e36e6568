/**
 * package.json's entry points: every condition names a file the build emits from a source that
 * exists, "types" comes first and "node" before "default" (conditions match in order), and the
 * files that run the core's registration step are the only ones marked as having side effects.
 * (The built package itself, loaded with require() and import, is tested in dist.test.ts.)
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../api/public-api.js";
import { libraryFiles } from "../architecture/import-graph.js";

const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, Record<string, string>>;
  sideEffects: string[];
};
const build = JSON.parse(readFileSync(join(root, "tsconfig.build.json"), "utf8")) as { include: string[] };

/** The source file tsc compiles to a dist path (dist/x/y.js or .d.ts -> x/y.ts). */
const sourceOf = (target: string) => target.replace(/^\.\/dist\//, "").replace(/\.d\.ts$|\.js$/, ".ts");

describe("package.json exports", () => {
  it("offers the public face, its Node form, tessera/node and tessera/laws, types first and a default last", () => {
    expect(Object.keys(manifest.exports)).toEqual([".", "./node", "./laws"]);
    expect(Object.keys(manifest.exports["."]!)).toEqual(["types", "node", "default"]);
    for (const conditions of Object.values(manifest.exports)) {
      const names = Object.keys(conditions);
      expect(names[0]).toBe("types");
      expect(names[names.length - 1]).toBe("default");
    }
  });

  it("points every condition at the output of a source file the build compiles", () => {
    for (const conditions of Object.values(manifest.exports)) {
      for (const target of Object.values(conditions)) {
        const source = sourceOf(target);
        expect(existsSync(join(root, source)), `${target} comes from ${source}`).toBe(true);
        expect(build.include.some((folder) => source === folder || source.startsWith(`${folder}/`)), `${source} is in tsconfig.build.json`).toBe(true);
      }
    }
  });

  it("marks exactly the files that run installCore() at load as having side effects", () => {
    // A bundler drops an unmarked module whose exports go unused, and webpack skips one whose
    // re-exports alone are used: either would drop the registration step, so those files are marked.
    const registering = libraryFiles()
      .filter((file) => file !== "core/install.ts" && /^installCore\(\);$/m.test(readFileSync(join(root, file), "utf8")))
      .map((file) => `./dist/${file.replace(/\.ts$/, ".js")}`);
    expect(registering).toContain("./dist/index.js");
    expect([...manifest.sideEffects].sort()).toEqual(registering.sort());
    for (const file of manifest.sideEffects) expect(existsSync(join(root, sourceOf(file)))).toBe(true);
  });
});
