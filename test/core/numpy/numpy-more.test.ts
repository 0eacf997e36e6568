/**
 * The NaN-ignoring reductions, quantile's inverted_cdf with weights, cov's weights, np.linalg's
 * cond/svdvals/matrixNorm/vectorNorm/multiDot and the ops segment reductions against JAX 0.10.2
 * (test/fixtures/generate_numpy_more.py): values, dtypes and shapes in float32, float64 and the
 * integer dtypes, and gradients in float64.
 */
import { describe, expect, it } from "vitest";
import * as nanReductions from "../../../core/numpy/nan-reductions.js";
import * as np from "../../../core/numpy/index.js";
import * as ops from "../../../core/ops.js";
import { loadFixture } from "../../helpers.js";
import { expectReadableError } from "../../misuse/case.js";
import { describeJaxCases } from "./jax-cases.js";

const namespaces: Record<string, Record<string, unknown>> = { linalg: np.linalg, ops };

describeJaxCases("numpy_more", "nan reductions, linalg and ops", (name) => {
  const [head, tail] = name.split(".");
  return tail === undefined ? (np as unknown as Record<string, unknown>)[head!] : namespaces[head!]![tail];
});

describe("the numpy_more fixture", () => {
  it("has JAX cases for every nan reduction, every ops function and the new linalg functions", () => {
    const f = loadFixture<{ cases: { fn: string }[] }>("numpy_more");
    const named = new Set(f.cases.map((c) => c.fn));
    const functions = (module: object) => Object.entries(module).filter(([, v]) => typeof v === "function").map(([name]) => name);
    const expected = [
      ...functions(nanReductions),
      ...functions(ops).map((name) => `ops.${name}`),
      ...["cond", "svdvals", "matrixNorm", "vectorNorm", "multiDot"].map((name) => `linalg.${name}`),
    ];
    expect(expected.length).toBeGreaterThan(15);
    expect(expected.filter((name) => !named.has(name))).toEqual([]);
  });
});

describe("the new options reject what JAX rejects, naming the op", () => {
  const x = np.array([[1, 2, 3], [4, 5, 6]]);
  const reject = expectReadableError;
  it("quantile's weights", () => {
    reject(() => np.quantile(x, 0.5, { weights: np.onesLike(x) }), "quantile", 'only method "inverted_cdf"');
    reject(() => np.quantile(x, 0.5, { method: "inverted_cdf", weights: np.ones([3]) }), "quantile", "when axis is absent");
    reject(() => np.nanquantile(x, 0.5, { axis: 1, method: "inverted_cdf", weights: np.ones([2]) }), "nanquantile", "reduced axes' shape [3]");
    reject(() => np.nanpercentile(x, 50, { method: "median" as never }), "nanpercentile", "method");
  });
  it("nan reductions", () => {
    reject(() => np.nanvar(x, { dtype: "int32" }), "nanvar", "float dtype");
    reject(() => np.nansum(x, { axis: 2 }), "tessera.nansum", "axis");
    reject(() => np.nanmax(np.zeros([0])), "tessera.nanmax");
    reject(() => np.nanargmin(x, { axis: [0, 1] } as never), "tessera.nanargmin");
    reject(() => np.nanvar(x, { correction: 1 } as never), "nanvar", 'unknown option "correction"');
  });
  it("cov's weights", () => {
    reject(() => np.cov(x, { fweights: np.ones([3]) }), "cov", "fweights must be integers");
    reject(() => np.cov(x, { aweights: np.ones([2]) }), "cov", "one weight per observation (3)");
    reject(() => np.cov(x, { dtype: "int32" }), "cov", "float dtype");
  });
  it("linalg", () => {
    reject(() => np.linalg.cond(np.ones([2, 3]), 1), "linalg.cond", "square");
    reject(() => np.linalg.cond(np.ones([3])), "linalg.cond", "rank >= 2");
    reject(() => np.linalg.cond(np.ones([2, 2]), "inf" as never), "linalg.cond", "p must be");
    reject(() => np.linalg.vectorNorm(x, { ord: "fro" as never }), "linalg.vectorNorm");
    reject(() => np.linalg.matrixNorm(x, { ord: 3 }), "linalg.matrixNorm", "invalid order 3");
    reject(() => np.linalg.multiDot([x]), "linalg.multiDot", "at least two");
    reject(() => np.linalg.multiDot([x, x]), "linalg.multiDot", "do not chain");
    reject(() => np.linalg.multiDot([x, np.ones([3, 2, 2])]), "linalg.multiDot", "matrices");
  });
});
