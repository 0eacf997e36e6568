import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { iterate } from "../../models/iterate.js";
import { jit, vmap } from "../../transforms/index.js";
import { errorOf } from "../helpers.js";

/** Newton's iteration for sqrt(a): x <- (x + a / x) / 2, until the relative change is under 1e-12. */
const newton = (a: ArrayValue, maxIter = 50) =>
  iterate({
    init: np.onesLike(a),
    step: (x: ArrayValue) => np.multiply(np.add(x, np.divide(a, x)), 0.5),
    converged: (previous, next) => np.lessEqual(np.abs(np.subtract(previous, next)), np.multiply(np.abs(next), 1e-12)),
    maxIter,
  });

/** The same iteration written out in plain JS: how many steps it takes and where it ends. */
function newtonByHand(a: number, maxIter = 50): { x: number; steps: number } {
  let x = 1;
  for (let steps = 1; steps <= maxIter; steps++) {
    const next = 0.5 * (x + a / x);
    const done = Math.abs(x - next) <= Math.abs(next) * 1e-12;
    x = next;
    if (done) return { x, steps };
  }
  return { x, steps: maxIter };
}

describe("iterate", () => {
  it("steps until converged(previous, next) holds, and says how many steps it took", () => {
    const result = newton(np.array(2, { dtype: "float64" }));
    const expected = newtonByHand(2);
    expect(result.carry.item()).toBe(expected.x);
    expect(result.carry.item()).toBeCloseTo(Math.SQRT2, 15);
    expect(result.iterations.item()).toBe(expected.steps);
    expect(result.converged.item()).toBe(true);
  });

  it("stops at maxIter with converged false", () => {
    const result = newton(np.array(2, { dtype: "float64" }), 2);
    expect(result.iterations.item()).toBe(2);
    expect(result.converged.item()).toBe(false);
    expect(result.carry.item()).toBe(newtonByHand(2, 2).x);
  });

  it("is one program under jit, and batches under vmap (each element stops on its own)", () => {
    const a = np.array([2, 9, 1e6], { dtype: "float64" });
    const jitted = jit(vmap((v: ArrayValue) => newton(v)))(a);
    const batched = vmap((v: ArrayValue) => newton(v))(a);
    const byHand = [2, 9, 1e6].map((v) => newtonByHand(v));
    for (const result of [jitted, batched]) {
      expect(Array.from(result.carry.toTypedArray())).toEqual(byHand.map((r) => r.x));
    }
    expect(Array.from(batched.iterations.toTypedArray())).toEqual(byHand.map((r) => r.steps));
  });

  it("rejects missing options and a convergence test that is not a bool scalar", () => {
    expect(errorOf(() => iterate({ init: np.array(1), step: (x: ArrayValue) => x } as never)).message).toMatch(/iterate: needs converged, maxIter/);
    expect(errorOf(() => iterate({ init: np.array(1), step: (x: ArrayValue) => x, converged: () => true, maxIter: 0 })).message).toMatch(/maxIter must be a positive integer/);
    expect(errorOf(() => iterate({ init: np.array(1.5), step: (x: ArrayValue) => x, converged: (_p, n) => n, maxIter: 3 })).message).toMatch(/converged must return a boolean or a bool scalar array, got float32\[\]/);
    // a vector carry must be reduced to one flag (np.all), never tested elementwise by accident
    expect(errorOf(() => newton(np.array([2, 3], { dtype: "float64" }))).message).toMatch(/got bool\[2\]/);
    expect(errorOf(() => iterate({ init: np.array(1), step: (x: ArrayValue) => x, converged: () => true, maxIter: 3, tol: 1 } as never)).message).toMatch(/unknown option "tol"/);
  });
});
