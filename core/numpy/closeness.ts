/**
 * numpy's one-boolean summaries of comparisons: `allclose` (over `isclose`) and `arrayEqual`.
 * They read values, so they need concrete arrays (not tracers).
 */
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { shapesEqual } from "../shape.js";
import { bool, checkArity, readOptions } from "../validate.js";
import { positional, readCloseOptions } from "./args.js";
import { equal, isclose, isnan, logicalAnd, logicalOr, type CloseOptions } from "./elementwise.js";
import { checkOperand } from "./promote.js";
import { all } from "./reductions.js";

/** Whether every element of a is close to b's: |a - b| <= atol + rtol·|b| (numpy's defaults rtol 1e-5, atol 1e-8). */
export function allclose(a: ArrayOrScalar, b: ArrayOrScalar, options?: CloseOptions | number | null): boolean {
  checkArity("allclose", arguments, 3);
  checkOperand("allclose", a, 0);
  checkOperand("allclose", b, 1);
  return Boolean(all(isclose(a, b, readCloseOptions("allclose", options))).item());
}

/** Whether a and b have the same shape and equal elements (NaN equals NaN only with `equalNan`). */
export function arrayEqual(a: ArrayOrScalar, b: ArrayOrScalar, options?: { readonly equalNan?: boolean } | boolean | null): boolean {
  checkArity("arrayEqual", arguments, 3);
  checkOperand("arrayEqual", a, 0);
  checkOperand("arrayEqual", b, 1);
  const o = readOptions("arrayEqual", positional(options, "equalNan", (v) => typeof v === "boolean"), { equalNan: bool });
  const shapeOf = (x: ArrayOrScalar) => (x instanceof ArrayValue ? x.shape : []);
  if (!shapesEqual(shapeOf(a), shapeOf(b))) return false;
  const same = equal(a, b);
  return Boolean(all(o.equalNan ? logicalOr(same, logicalAnd(isnan(a), isnan(b))) : same).item());
}
