/** Shared by the distributions: JAX's promote_args_inexact (errors named after the function) and lax.clamp. */
import { stopGradient } from "../../../core/lax/primitives.js";
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { promoteToFloat } from "../../../core/numpy/promote.js";

/** The operands promoted to one float dtype (integers and JS numbers alone become float32). */
export function floats(name: string, ...xs: ArrayOrScalar[]): ArrayValue[] {
  return promoteToFloat(`scipy.stats.${name}`, ...xs);
}

/**
 * lax.clamp(lo, y, hi) with its derivative: y's tangent strictly inside (lo, hi), 0 at and beyond
 * the bounds (so an infinite y with an infinite tangent gives 0, not NaN, as in JAX).
 */
export function clamp(lo: number, y: ArrayValue, hi: number): ArrayValue {
  const inside = np.logicalAnd(np.greater(y, lo), np.less(y, hi));
  return np.where(inside, y, stopGradient(np.minimum(np.maximum(y, lo), hi)));
}
