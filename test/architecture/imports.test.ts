/**
 * The architecture's import rules (design.md): core, transforms, models and laws form a DAG with
 * no import cycle; imports flow one way (models -> transforms -> core); only node/ touches `node:*`
 * modules; no library file imports a test, a benchmark or an example; and every module can be the
 * first one a program imports (no module relies on another having been loaded before it).
 */
import { describe, expect, it } from "vitest";
import { cycles, importGraph, libraryFiles, type ImportEdge } from "./import-graph.js";
import { importEachAlone } from "./import-alone.js";

const graph = importGraph();
const edges = [...graph.values()].flat();

/**
 * Mutually recursive types, erased at run time: a primitive's params hold jaxprs (control flow,
 * jit, custom rules) and a jaxpr's equations hold primitive params. No other type-only cycle is
 * allowed.
 */
const TYPE_CYCLES_ALLOWED = [["core/jaxpr.ts", "core/primitives.ts"]];

/** Which top-level folders each folder may import from. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: ["core"],
  transforms: ["core", "transforms"],
  models: ["core", "transforms", "models"],
  laws: ["core", "transforms", "models", "laws", "index.ts"],
  node: ["core", "transforms", "models", "node", "index.ts"],
  "index.ts": ["core", "transforms", "models"],
};

/** Packages the library may import, by folder (node:* only from node/). */
const PACKAGES: Readonly<Record<string, RegExp>> = {
  core: /^(fp-ts|io-ts)(\/|$)/,
  transforms: /^(fp-ts|io-ts)(\/|$)/,
  models: /^(fp-ts|io-ts)(\/|$)/,
  laws: /^(fp-ts|io-ts|fast-check)(\/|$)/,
  node: /^(fp-ts|io-ts|node:.*)(\/|$)/,
  "index.ts": /^(fp-ts|io-ts)(\/|$)/,
};

const folderOf = (path: string): string => path.split("/")[0]!;
const isLocal = (edge: ImportEdge): boolean => graph.has(edge.to) || /^(test|bench|examples)\//.test(edge.to);

describe("the import graph", () => {
  it("reads every library module", () => {
    expect(libraryFiles().length).toBeGreaterThan(150);
    expect(graph.get("core/eager.ts")?.some((e) => e.to === "core/rules/index.ts")).toBe(true);
  });

  it("has no import cycle among run-time imports", () => {
    expect(cycles(graph, (edge) => !edge.typeOnly)).toEqual([]);
  });

  it("has no import cycle counting type-only imports, but for the IR and the primitive set", () => {
    expect(cycles(graph)).toEqual(TYPE_CYCLES_ALLOWED);
  });

  it("imports flow one way: models -> transforms -> core", () => {
    const wrong = edges
      .filter((e) => isLocal(e) && !MAY_IMPORT[folderOf(e.from)]!.includes(folderOf(e.to)))
      .map((e) => `${e.from} imports ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it("imports only the packages each folder may use (node:* only in node/)", () => {
    const wrong = edges
      .filter((e) => !isLocal(e) && !e.to.startsWith(".") && !PACKAGES[folderOf(e.from)]!.test(e.to))
      .map((e) => `${e.from} imports ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it("kernels work on buffers: they import no arrays, interpreters, rules or ops", () => {
    const allowed = new Set(["core/aval.ts", "core/dtype.ts", "core/errors.ts", "core/lru.ts", "core/primitives.ts", "core/shape.ts"]);
    const wrong = edges
      .filter((e) => e.from.startsWith("core/kernels/") && graph.has(e.to) && !e.to.startsWith("core/kernels/") && !allowed.has(e.to))
      .map((e) => `${e.from} imports ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it("catches a cycle when there is one (the check itself)", () => {
    const looped = new Map(graph);
    looped.set("core/errors.ts", [...graph.get("core/errors.ts")!, { from: "core/errors.ts", to: "core/eager.ts", typeOnly: false }]);
    const found = cycles(looped, (edge) => !edge.typeOnly).find((c) => c.includes("core/errors.ts"));
    expect(found).toContain("core/eager.ts");
    expect(found).toContain("core/rules/index.ts");
  });
});

describe("every module imported first, alone, in a fresh worker", () => {
  it("loads without error", { timeout: 120_000 }, async () => {
    const failures = await importEachAlone(libraryFiles());
    expect(failures).toEqual([]);
  });
});
