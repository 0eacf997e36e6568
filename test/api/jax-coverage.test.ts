/**
 * docs/jax-coverage.md stays true: every JAX function in the checklist is provided by tessera or
 * given a reason, nothing given a reason exists, every tessera function in the mirrored
 * namespaces is on the page, and the page is what the generator writes today.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as tessera from "../../index.js";
import { computeCoverage, loadJaxApi, PAGE, REGENERATE, renderPage } from "./jax-coverage.js";
import { root } from "./public-api.js";

const api = loadJaxApi();
const exports = tessera as unknown as Record<string, unknown>;
const coverage = computeCoverage(api, exports);

/** tessera's exports with one namespace's members changed (a module-like copy, as the walk expects). */
function withNamespace(name: "np" | "lax", change: (members: Record<string, unknown>) => void): Record<string, unknown> {
  const members: Record<string, unknown> = { ...(exports[name] as Record<string, unknown>) };
  change(members);
  Object.defineProperty(members, Symbol.toStringTag, { value: "Module" });
  return { ...exports, [name]: members };
}

describe("the JAX coverage table", () => {
  it("checks the JAX wheel's names (test/fixtures/jax_api.json)", () => {
    expect(api.jax).toBe("0.10.2");
    expect(api.namespaces["jax.numpy"]!["functions"]!.length).toBeGreaterThan(300);
    expect(coverage.rows.length).toBeGreaterThan(800);
  });

  it("agrees with tessera's exports: each JAX function is provided or has a reason, and nothing is both", () => {
    expect(coverage.problems).toEqual([]);
  });

  it("maps each provided JAX function to a tessera function", () => {
    const provided = coverage.rows.filter((row) => row.tessera !== null);
    expect(provided.length).toBeGreaterThan(350);
    for (const row of provided) {
      const value = row.tessera!.split(".").reduce<unknown>((ns, key) => (ns as Record<string, unknown>)[key], exports);
      expect(typeof value, `${row.namespace}.${row.name} -> ${row.tessera}`).toBe("function");
    }
    expect(provided.find((row) => row.namespace === "jax.numpy" && row.name === "expand_dims")?.tessera).toBe("np.expandDims");
  });

  it(`is the page the generator writes (run ${REGENERATE})`, () => {
    expect(readFileSync(join(root, PAGE), "utf8")).toBe(renderPage(api, coverage));
  });

  it("notices a removed function, a function added without the table, and a function with no JAX name", () => {
    const removed = computeCoverage(api, withNamespace("np", (np) => delete np["expandDims"]));
    expect(removed.problems).toEqual(["jax.numpy.expand_dims: tessera has no np.expandDims; provide it, map it in RENAMED, or give a reason in NOT_PROVIDED"]);

    const added = computeCoverage(api, withNamespace("np", (np) => (np["angle"] = () => 0)));
    expect(added.problems).toEqual(['jax.numpy.angle is provided as np.angle but listed under "Complex numbers": remove it there']);

    const unknown = computeCoverage(api, withNamespace("lax", (lax) => (lax["frobnicate"] = () => 0)));
    expect(unknown.problems).toEqual(["lax.frobnicate matches no JAX name: map one to it in RENAMED or describe it in TESSERA_ONLY"]);
  });
});
