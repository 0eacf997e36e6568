/**
 * The public namespaces check their calls' positional argument counts: the generated
 * `*.public.ts` modules match the signatures, and every public function refuses more arguments
 * than it declares (JavaScript would drop them silently).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as tessera from "../../index.js";
import * as nodeEntry from "../../node/index.public.js";
import * as nodeMain from "../../node/main.js";
import { generatePublicModules, NAMESPACES, root } from "./public-api.js";

const modules = generatePublicModules();
/** Qualified name -> the arity its guard enforces, read back from the generated modules. */
const guarded = new Map(
  [...modules.map((m) => m.text).join("\n").matchAll(/guardArity\("([^"]+)", [^,]+, (\d+|Infinity)\)/g)].map((m) => [m[1]!, Number(m[2])]),
);

/** Every function reachable from the public namespaces, with its qualified name. */
function publicFunctions(): [string, (...args: unknown[]) => unknown][] {
  const out: [string, (...args: unknown[]) => unknown][] = [];
  const walk = (prefix: string, ns: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(ns)) {
      if (typeof value === "function" && !/^[A-Z]/.test(name)) out.push([`${prefix}${name}`, value as (...args: unknown[]) => unknown]);
      else if (value !== null && typeof value === "object" && Object.prototype.toString.call(value) === "[object Module]") walk(`${prefix}${name}.`, value as Record<string, unknown>);
    }
  };
  for (const name of Object.keys(NAMESPACES)) walk(`${name}.`, (tessera as unknown as Record<string, Record<string, unknown>>)[name]!);
  for (const entry of [tessera, nodeEntry]) {
    for (const [name, value] of Object.entries(entry)) if (typeof value === "function" && !/^[A-Z]/.test(name)) out.push([name, value as (...args: unknown[]) => unknown]);
  }
  return out;
}

describe("public API arity", () => {
  it("the generated modules are up to date (run npx tsx test/api/generate-public-api.ts)", () => {
    for (const m of modules) expect(readFileSync(join(root, m.path), "utf8"), m.path).toBe(m.text);
  });

  it("every public function refuses extra positional arguments, naming itself", () => {
    const functions = publicFunctions();
    expect(functions.length).toBeGreaterThan(400);
    for (const [name, fn] of functions) {
      const arity = guarded.get(name);
      expect(arity, `${name} is public but has no guard (is its namespace in NAMESPACES / ROOT_FUNCTIONS?)`).toBeDefined();
      if (arity !== Infinity) {
        let error: unknown;
        try {
          fn(...Array<unknown>(70).fill(0));
        } catch (e) {
          error = e;
        }
        expect(error, name).toBeInstanceOf(tessera.TesseraError);
        expect((error as Error).message, name).toMatch(new RegExp(`^tessera\\.${name.replace(/\./g, "\\.")}: takes at most \\d+ arguments?, got 70`));
      }
    }
  });

  it("the Node entry point's models differ from the public face's only in fit, which is guarded too", () => {
    const differing = Object.keys(tessera.models).filter((name) => (nodeMain.models as Record<string, unknown>)[name] !== (tessera.models as Record<string, unknown>)[name]);
    expect(differing).toEqual(["fit"]);
    expect(Object.keys(nodeMain.models).sort()).toEqual(Object.keys(tessera.models).sort());
    expect(nodeMain.np).toBe(tessera.np);
    expect(() => (nodeMain.models.fit as (...a: unknown[]) => unknown)({}, 2)).toThrow(/^tessera\.models\.fit: takes at most 1 argument, got 2/);
  });

  it("keeps names, types and behaviour", () => {
    expect(tessera.np.add.name).toBe("add");
    expect(tessera.np.add(1, 2).item()).toBe(3);
    expect(() => (tessera.np.zeros as (...a: unknown[]) => unknown)([2], "float32", 3)).toThrow(/np\.zeros: takes at most 2 arguments, got 3 \(extra: 3\)/);
    expect(() => [tessera.np.ones([2])].map(tessera.np.sum as never)).toThrow(/np\.sum: takes at most 2 arguments, got 3/);
  });
});
