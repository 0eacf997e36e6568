/**
 * The jax.numpy functions of core/numpy/{ufuncs,manipulation,statistics,histograms,sized}.ts
 * against JAX 0.10.2 (test/fixtures/generate_numpy_extra.py): values, dtypes and shapes in
 * float32, float64 and int32, and gradients in float64; and a check that the fixture covers
 * every function those modules export.
 */
import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import * as histograms from "../../../core/numpy/histograms.js";
import * as manipulation from "../../../core/numpy/manipulation.js";
import * as sized from "../../../core/numpy/sized.js";
import * as statistics from "../../../core/numpy/statistics.js";
import * as ufuncs from "../../../core/numpy/ufuncs.js";
import { loadFixture } from "../../helpers.js";
import { describeJaxCases } from "./jax-cases.js";

describeJaxCases("numpy_extra", "the new np functions", (name) => (np as unknown as Record<string, unknown>)[name]);

/** Functions of these modules whose JAX cases live in another fixture, or that are the same function under a second name. */
const coveredElsewhere: Readonly<Record<string, string>> = {
  radians: "deg2rad under numpy 2's name (the same function object)",
  degrees: "rad2deg under numpy 2's name (the same function object)",
  nanmedian: "numpy_more.json",
  nanquantile: "numpy_more.json",
  nanpercentile: "numpy_more.json",
};

describe("the numpy_extra fixture", () => {
  it("has cases for every function of the modules it covers (or says where they are checked)", () => {
    const named = (fixture: string) => {
      const f = loadFixture<{ cases: { fn: string }[]; grads: { fn: string }[] }>(fixture);
      return new Set([...f.cases, ...f.grads].map((c) => c.fn));
    };
    const here = named("numpy_extra");
    const more = named("numpy_more");
    const exported = [ufuncs, manipulation, statistics, histograms, sized].flatMap((module) =>
      Object.entries(module)
        .filter(([, value]) => typeof value === "function")
        .map(([name]) => name),
    );
    expect(exported.length).toBeGreaterThan(40);
    expect(exported.filter((name) => !here.has(name) && coveredElsewhere[name] === undefined)).toEqual([]);
    expect(Object.keys(coveredElsewhere).filter((name) => coveredElsewhere[name] === "numpy_more.json" && !more.has(name))).toEqual([]);
    expect(np.radians).toBe(np.deg2rad);
    expect(np.degrees).toBe(np.rad2deg);
  });
});
