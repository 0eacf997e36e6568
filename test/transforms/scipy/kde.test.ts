/**
 * scipy.stats.gaussianKde against jax.scipy.stats.gaussian_kde (JAX 0.10.2,
 * test/fixtures/scipy_kde.json from generate_scipy_kde.py): the record's fields, evaluate/pdf,
 * logpdf, the integrals and resample with fixed keys, on 1-D and 2-D datasets with and without
 * weights for each bandwidth method, in float32 and float64; float64 gradients of logpdf and
 * evaluate with respect to the points and the dataset. Also: the record is a pytree that jit,
 * vmap and grad pass through, setBandwidth, and the errors.
 * Measured: float32 values within 2.9e-7 and float64 within 6.2e-16 (relative, absolute below 1);
 * resampled draws pick the same data points as JAX and agree to 1.6e-7 (float32) and 2e-15
 * (float64), most of them bit for bit (the rest differ by the noise matmul's rounding).
 */
import { describe, expect, it } from "vitest";
import { grad, jit, np, random, scipy, tree, vmap, type ArrayValue } from "../../../index.js";
import { expectClose, loadFixture, nonEmpty } from "../../helpers.js";
import { keyOf, type FixtureOut } from "../../random-fixtures.js";

type Nested = number | Nested[];
interface Case {
  dim: "1d" | "2d";
  dataset: Nested;
  weights: Nested | null;
  bw: "scott" | "silverman" | "scaledScott" | number;
  points: Nested;
  neff: FixtureOut;
  weightsOut: FixtureOut;
  covariance: FixtureOut;
  invCov: FixtureOut;
  d: number;
  n: number;
  evaluate: FixtureOut;
  logpdf: FixtureOut;
  other: Nested;
  integrateKde: FixtureOut;
  gaussian: { mean: Nested; cov: Nested };
  integrateGaussian: FixtureOut;
  resample: { key: number[]; shape: number[]; out: FixtureOut }[];
  box?: [number, number];
  integrateBox1d?: FixtureOut;
  single?: Nested;
  singleLogpdf?: FixtureOut;
  gradLogpdfPoints?: FixtureOut;
  gradLogpdfDataset?: FixtureOut;
  gradEvaluatePoints?: FixtureOut;
  gradEvaluateDataset?: FixtureOut;
}
const fixture = loadFixture<{ float32: Case[]; float64: Case[] }>("scipy_kde");
const kdeFns = scipy.stats.gaussianKde;

const bwMethodOf = (c: Case): scipy.stats.BandwidthMethod =>
  c.bw === "scaledScott" ? (k) => np.multiply(0.8, np.power(k.neff, -1 / (k.d + 4))) : c.bw;
const arr = (x: Nested, dtype: "float32" | "float64") => np.array(x, { dtype });
const build = (c: Case, dtype: "float32" | "float64", dataset: ArrayValue = arr(c.dataset, dtype)) =>
  scipy.stats.gaussianKde(dataset, { bwMethod: bwMethodOf(c), weights: c.weights === null ? null : arr(c.weights, dtype) });
const label = (c: Case) => `${c.dim} ${c.weights === null ? "unweighted" : "weighted"} ${c.bw}`;

function expectJax(actual: ArrayValue, want: FixtureOut, tol: number): void {
  expect(actual.shape).toEqual(want.shape);
  expect(actual.dtype).toBe(want.dtype);
  expectClose(actual, want.values, { rtol: tol, atol: tol });
}

describe.each(["float32", "float64"] as const)("gaussianKde matches JAX in %s", (dtype) => {
  const tol = dtype === "float32" ? 1e-6 : 1e-13;
  const cases = nonEmpty(fixture[dtype], dtype);
  it.each(cases.map((c) => [label(c), c] as const))("%s: fields, densities and integrals", (_, c) => {
    const kde = build(c, dtype);
    expect([kde.d, kde.n]).toEqual([c.d, c.n]);
    expect(kde.dataset.shape).toEqual([c.d, c.n]);
    expect(kde.dataset.dtype).toBe(dtype);
    expectJax(kde.neff, c.neff, tol);
    expectJax(kde.weights, c.weightsOut, tol);
    expectJax(kde.covariance, c.covariance, tol);
    expectJax(kde.invCov, c.invCov, tol);
    const points = arr(c.points, dtype);
    expectJax(kdeFns.evaluate(kde, points), c.evaluate, tol);
    expectJax(kdeFns.pdf(kde, points), c.evaluate, tol);
    expectJax(kdeFns.logpdf(kde, points), c.logpdf, tol);
    expectJax(kdeFns.integrateKde(kde, scipy.stats.gaussianKde(arr(c.other, dtype))), c.integrateKde, tol);
    expectJax(kdeFns.integrateGaussian(kde, arr(c.gaussian.mean, dtype), arr(c.gaussian.cov, dtype)), c.integrateGaussian, tol);
    if (c.box !== undefined) expectJax(kdeFns.integrateBox1d(kde, c.box[0], c.box[1]), c.integrateBox1d!, tol);
    if (c.single !== undefined) expectJax(kdeFns.logpdf(kde, arr(c.single, dtype)), c.singleLogpdf!, tol);
    // The record is frozen and the bandwidth factor squared scales the data covariance.
    expect(Object.isFrozen(kde)).toBe(true);
  });
  it.each(cases.map((c) => [label(c), c] as const))("%s: resample with JAX's keys", (_, c) => {
    const kde = build(c, dtype);
    for (const r of nonEmpty(c.resample, "resample")) expectJax(kdeFns.resample(kde, keyOf(r.key), r.shape), r.out, dtype === "float32" ? 1e-6 : 1e-13);
  });
});

describe("gaussianKde gradients match JAX (float64)", () => {
  it.each(fixture.float64.map((c) => [label(c), c] as const))("%s", (_, c) => {
    const points = arr(c.points, "float64");
    const dataset = arr(c.dataset, "float64");
    const logpdfSum = (p: ArrayValue, ds: ArrayValue) => np.sum(kdeFns.logpdf(build(c, "float64", ds), p));
    const evaluateSum = (p: ArrayValue, ds: ArrayValue) => np.sum(kdeFns.evaluate(build(c, "float64", ds), p));
    const [gp, gd] = grad(logpdfSum, { argnums: [0, 1] })(points, dataset) as [ArrayValue, ArrayValue];
    expectJax(gp, c.gradLogpdfPoints!, 1e-10);
    expectJax(gd, c.gradLogpdfDataset!, 1e-10);
    const [ep, ed] = grad(evaluateSum, { argnums: [0, 1] })(points, dataset) as [ArrayValue, ArrayValue];
    expectJax(ep, c.gradEvaluatePoints!, 1e-10);
    expectJax(ed, c.gradEvaluateDataset!, 1e-10);
  });
});

describe("gaussianKde records under the transforms", () => {
  const c = fixture.float64.find((x) => x.dim === "2d" && x.weights !== null && x.bw === "scott")!;
  const kde = build(c, "float64");
  const points = arr(c.points, "float64");

  it("is a pytree of arrays and numbers", () => {
    const [leaves] = tree.flatten(kde);
    expect(leaves.length).toBe(8);
  });
  it("logpdf under jit, with the record as an argument and as a result", () => {
    const jitted = jit((k: typeof kde, p: ArrayValue) => kdeFns.logpdf(k, p));
    expectClose(jitted(kde, points), c.logpdf.values, { rtol: 1e-12, atol: 1e-12 });
    const built = jit((ds: ArrayValue) => scipy.stats.gaussianKde(ds))(arr(c.dataset, "float64"));
    expectClose(built.covariance, scipy.stats.gaussianKde(arr(c.dataset, "float64")).covariance.toArray(), { rtol: 1e-12, atol: 1e-12 });
  });
  it("evaluate vmapped over points", () => {
    const columns = np.transpose(points); // [m, d]
    const each = vmap((p: ArrayValue) => kdeFns.evaluate(kde, p))(columns);
    expectClose(np.reshape(each, [-1]), c.evaluate.values, { rtol: 1e-12, atol: 1e-12 });
  });
  it("estimators built under vmap, one per dataset", () => {
    const datasets = np.stack([arr(c.dataset, "float64"), np.multiply(arr(c.dataset, "float64"), 2)]);
    const batched = vmap((ds: ArrayValue) => kdeFns.logpdf(scipy.stats.gaussianKde(ds), points))(datasets);
    for (let i = 0; i < 2; i++) {
      const one = kdeFns.logpdf(scipy.stats.gaussianKde(np.take(datasets, i, { axis: 0 })), points);
      expectClose(np.take(batched, i, { axis: 0 }), one.toArray(), { rtol: 1e-12, atol: 1e-12 });
    }
  });
  it("differentiates through a bandwidth given as a 0-d array", () => {
    const f = (h: ArrayValue) => np.sum(kdeFns.logpdf(scipy.stats.gaussianKde(arr(c.dataset, "float64"), { bwMethod: h }), points));
    const h = np.array(0.6, { dtype: "float64" });
    const eps = 1e-6;
    const numeric = (f(np.add(h, eps)).item() - f(np.subtract(h, eps)).item()) / (2 * eps);
    expectClose(grad(f)(h), [numeric], { rtol: 1e-6, atol: 1e-6 });
  });
  it("resample under jit and vmap (over keys) draws what it draws eagerly", () => {
    const key = random.key(3);
    const eager = kdeFns.resample(kde, key, [4]);
    const jitted = jit((k: typeof kde, kk: ArrayValue) => kdeFns.resample(k, kk, [4]))(kde, key);
    expectClose(jitted, eager.toArray(), { rtol: 1e-12, atol: 1e-12 });
    expect(kdeFns.resample(kde, key, [2, 3]).shape).toEqual([2, 2, 3]);
    const keys = random.split(key, 2);
    const batched = vmap((kk: ArrayValue) => kdeFns.resample(kde, kk, [4]))(keys);
    for (let i = 0; i < 2; i++) {
      expectClose(np.take(batched, i, { axis: 0 }), kdeFns.resample(kde, np.take(keys, i, { axis: 0 }), [4]).toArray(), { rtol: 1e-12, atol: 1e-12 });
    }
  });
});

describe("gaussianKde.setBandwidth", () => {
  const c = fixture.float64.find((x) => x.dim === "1d" && x.weights !== null && x.bw === "scott")!;
  const silverman = fixture.float64.find((x) => x.dim === "1d" && x.weights !== null && x.bw === "silverman")!;
  it("returns a new record with the new bandwidth and leaves the old one alone", () => {
    const kde = build(c, "float64");
    const changed = kdeFns.setBandwidth(kde, "silverman");
    expectJax(changed.covariance, silverman.covariance, 1e-12);
    expectJax(kdeFns.logpdf(changed, arr(c.points, "float64")), silverman.logpdf, 1e-12);
    expectJax(kde.covariance, c.covariance, 1e-12);
    expectClose(kdeFns.setBandwidth(changed).covariance, kde.covariance.toArray(), { rtol: 1e-12, atol: 1e-12 });
    expectClose(kdeFns.setBandwidth(kde, 0.5).factor, [0.5]);
  });
});

describe("gaussianKde errors", () => {
  const kde = scipy.stats.gaussianKde(np.array([[0, 1, 2, 4], [1, 0, 2, 3]]));
  const oneD = scipy.stats.gaussianKde(np.array([0, 1, 2, 4]));
  it("names what JAX leaves out", () => {
    expect(() => kdeFns.integrateBox(kde, np.zeros([2]), np.ones([2]))).toThrow(/integrateBox.*integrateBox1d/);
  });
  it("rejects bad datasets, weights and bandwidths", () => {
    expect(() => scipy.stats.gaussianKde(np.array([1]))).toThrow(/more than one element/);
    expect(() => scipy.stats.gaussianKde(np.ones([2, 2, 2]))).toThrow(/\[n\] or \[d, n\]/);
    expect(() => scipy.stats.gaussianKde(np.array([1, 2, 3]), { weights: np.ones([2]) })).toThrow(/one entry per data point \(3\)/);
    expect(() => scipy.stats.gaussianKde(np.array([1, 2, 3]), { weights: np.ones([3, 1]) })).toThrow(/one-dimensional/);
    expect(() => scipy.stats.gaussianKde(np.array([1, 2, 3]), { bwMethod: "scot" as "scott" })).toThrow(/"scott", "silverman"/);
    expect(() => scipy.stats.gaussianKde(np.array([1, 2, 3]), { bwMethod: np.ones([2]) })).toThrow(/bwMethod/);
    expect(() => scipy.stats.gaussianKde(np.array([1, 2, 3]), { bwMethod: () => np.ones([2]) })).toThrow(/0-d array/);
    expect(() => scipy.stats.gaussianKde(np.array([1, 2, 3]), { bw: 1 } as never)).toThrow(/unknown option "bw"/);
  });
  it("rejects points, limits and estimators of the wrong dimension", () => {
    expect(() => kdeFns.logpdf(kde, np.ones([3, 2]))).toThrow(/dimension 3, the dataset has dimension 2/);
    expect(() => kdeFns.integrateBox1d(kde, 0, 1)).toThrow(/one-dimensional/);
    expect(() => kdeFns.integrateBox1d(oneD, np.zeros([2]), 1)).toThrow(/scalars/);
    expect(() => kdeFns.integrateKde(kde, oneD)).toThrow(/different dimensions: 2 and 1/);
    expect(() => kdeFns.integrateGaussian(kde, np.zeros([3]), np.eye(2))).toThrow(/mean must have dimension 2/);
    expect(() => kdeFns.integrateGaussian(kde, np.zeros([2]), np.eye(3))).toThrow(/covariance must be \[2, 2\]/);
    expect(() => kdeFns.logpdf({ dataset: np.ones([2]) } as never, np.ones([2]))).toThrow(/record made by scipy.stats.gaussianKde/);
  });
});
