/**
 * numpy's one-boolean summaries of comparisons: `allclose` (over `isclose`) and `arrayEqual`.
 * They read values, so they need concrete arrays (not tracers).
 */
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { shapesEqual } from "../shape.js";
import { equal, isclose, isnan, logicalAnd, logicalOr } from "./elementwise.js";
import { all } from "./reductions.js";

/** Whether every element of a is close to b's: |a - b| <= atol + rtol·|b| (numpy's defaults rtol 1e-5, atol 1e-8). */
export function allclose(a: ArrayOrScalar, b: ArrayOrScalar, options: { rtol?: number; atol?: number; equalNan?: boolean } = {}): boolean {
  return Boolean(all(isclose(a, b, options)).item());
}

/** Whether a and b have the same shape and equal elements (NaN equals NaN only with `equalNan`). */
export function arrayEqual(a: ArrayOrScalar, b: ArrayOrScalar, options: { readonly equalNan?: boolean } = {}): boolean {
  const shapeOf = (x: ArrayOrScalar) => (x instanceof ArrayValue ? x.shape : []);
  if (!shapesEqual(shapeOf(a), shapeOf(b))) return false;
  const same = equal(a, b);
  return Boolean(all(options.equalNan ? logicalOr(same, logicalAnd(isnan(a), isnan(b))) : same).item());
}
