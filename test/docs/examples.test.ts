/**
 * The documentation's code examples compile and run: every ```ts block of README.md,
 * CONTRIBUTING.md and docs/*.md, and every `@example` of the JSDoc in the library's sources
 * (scope convention in test/docs/compile.ts). A block fenced as `ts no-run` is type-checked only.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NAMESPACES, root } from "../api/public-api.js";
import { exampleModules, resolveSpecifier, transpile, typecheck, type ExampleModule } from "./compile.js";
import { jsdocExamples, markdownExamples, sourceFiles, type Example } from "./extract.js";

const pages = ["README.md", "CONTRIBUTING.md", ...(existsSync(join(root, "docs")) ? readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`) : [])];
const sources = ["index.ts", "core", "transforms", "models", "laws", "node"].filter((p) => existsSync(join(root, p)));
const examples: Example[] = [
  ...pages.filter((p) => existsSync(join(root, p))).flatMap((p) => markdownExamples(root, p)),
  ...sources.flatMap((dir) => sourceFiles(root, dir)).flatMap((file) => jsdocExamples(root, file)),
];
const namespaces = [...Object.values(NAMESPACES), "laws/index.ts"];
const { modules, options } = exampleModules(root, examples, namespaces);

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;

/** Runs an example module with `require` answering from the modules loaded for it. */
async function run(module: ExampleModule): Promise<void> {
  const code = transpile(module);
  const specifiers = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
  const loaded = new Map<string, unknown>();
  for (const specifier of specifiers) loaded.set(specifier, await import(/* @vite-ignore */ resolveSpecifier(root, module, specifier)));
  const require = (specifier: string) => loaded.get(specifier);
  await new AsyncFunction("require", "exports", "module", code)(require, {}, { exports: {} });
}

describe("documentation examples", () => {
  it("finds the examples of every page and source (and counts the type-check-only ones)", () => {
    const noRun = examples.filter((e) => !e.run);
    console.log(`${examples.length} examples: ${examples.length - noRun.length} type-checked and run, ${noRun.length} type-checked only (no-run)`);
    expect(examples.filter((e) => e.file === "README.md").length).toBeGreaterThan(3);
    expect(examples.filter((e) => e.file.endsWith(".ts")).length).toBeGreaterThan(100);
  });

  it("type-check (one program for all of them)", () => {
    const problems = typecheck(modules, options);
    expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual([]);
  });

  describe("run", () => {
    let workDir = "";
    let cwd = "";
    beforeAll(() => {
      // Examples that save files write them into a scratch directory.
      cwd = process.cwd();
      workDir = mkdtempSync(join(tmpdir(), "tessera-examples-"));
      process.chdir(workDir);
      for (const method of ["log", "info", "warn", "error"] as const) vi.spyOn(console, method).mockImplementation(() => {});
    });
    afterAll(() => {
      process.chdir(cwd);
      rmSync(workDir, { recursive: true, force: true });
      vi.restoreAllMocks();
    });
    for (const module of modules.filter((m) => m.example.run)) {
      it(`${module.example.file}:${module.example.line}`, async () => {
        await run(module);
      });
    }
  });
});
