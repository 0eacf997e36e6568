/**
 * models.pairwiseSquaredDistances against the direct sum of squared differences (float64), its
 * gradient against the direct formula's, and models.softThreshold's values and its derivative at
 * the kinks |x| = t (0, as JAX's autodiff of sign(x) * relu(|x| - t)).
 */
import { describe, expect, it } from "vitest";
import { grad, models, np, random, type ArrayValue } from "../../index.js";
import { expectClose } from "../helpers.js";
import { expectReadableError } from "../misuse/case.js";

const direct = (x: ArrayValue, y: ArrayValue): ArrayValue => np.sum(np.square(np.subtract(np.expandDims(x, 1), np.expandDims(y, 0))), { axis: -1 });

describe("pairwiseSquaredDistances", () => {
  const [k1, k2] = random.split(random.key(3));
  const x = random.normal(k1!, [5, 3], { dtype: "float64" });
  const y = random.normal(k2!, [4, 3], { dtype: "float64" });

  it("equals the sum of squared differences, with x against itself having an exact zero diagonal", () => {
    expectClose(models.pairwiseSquaredDistances(x, y), direct(x, y).toArray(), { rtol: 1e-12, atol: 1e-12 });
    const self = models.pairwiseSquaredDistances(x);
    expectClose(self, direct(x, x).toArray(), { rtol: 1e-12, atol: 1e-12 });
    expect(np.diagonal(self).toArray()).toEqual([0, 0, 0, 0, 0]);
  });

  it("clamps rounding below zero for near-equal rows", () => {
    const p = np.array([[1e4, 1e4 + 1e-3], [1e4, 1e4 + 1e-3]]);
    const d = models.pairwiseSquaredDistances(p, p);
    expect(Math.min(...(d.toTypedArray() as Float32Array))).toBeGreaterThanOrEqual(0);
  });

  it("has the direct formula's gradient", () => {
    const w = random.uniform(random.key(9), [5, 4], { dtype: "float64" });
    const loss = (f: (a: ArrayValue, b: ArrayValue) => ArrayValue) => (a: ArrayValue) => np.sum(np.multiply(f(a, y), w));
    expectClose(grad(loss(models.pairwiseSquaredDistances))(x), grad(loss(direct))(x).toArray(), { rtol: 1e-10, atol: 1e-10 });
    const wSelf = random.uniform(random.key(10), [5, 5], { dtype: "float64" });
    const selfLoss = (f: (a: ArrayValue, b: ArrayValue) => ArrayValue) => (a: ArrayValue) => np.sum(np.multiply(f(a, a), wSelf));
    expectClose(grad(selfLoss((a) => models.pairwiseSquaredDistances(a)))(x), grad(selfLoss(direct))(x).toArray(), { rtol: 1e-10, atol: 1e-10 });
  });

  it("rejects non-matrices and mismatched dimensions", () => {
    expectReadableError(() => models.pairwiseSquaredDistances(np.array([1, 2])), "pairwiseSquaredDistances", "matrix");
    expectReadableError(() => models.pairwiseSquaredDistances(x, np.ones([2, 2])), "same number of columns");
  });
});

describe("softThreshold", () => {
  it("shrinks toward zero by t", () => {
    expect(models.softThreshold(np.array([-3, -0.5, 0, 0.5, 2]), 1).toArray()).toEqual([-2, -0, 0, 0, 1]);
    expect(models.softThreshold(np.array([-3, 3]), np.array([1, 2])).toArray()).toEqual([-2, 1]);
  });

  it("has derivative 0 at |x| = t and 1 beyond, in x; -sign(x) beyond, in t", () => {
    const dx = grad((x: ArrayValue) => np.sum(models.softThreshold(x, 1)))(np.array([-1, 1, 1.5, -2, 0.2]));
    expect(dx.toArray()).toEqual([0, 0, 1, 1, 0]);
    const x = np.array([-1, 1, 1.5, -2, 0.2]);
    const dt = grad((t: ArrayValue) => np.sum(models.softThreshold(x, t)))(np.ones([5]));
    expectClose(dt, [0, 0, -1, 1, 0], { atol: 0 });
  });
});
