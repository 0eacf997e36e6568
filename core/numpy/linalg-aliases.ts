/**
 * The array API's linear-algebra names in `np.linalg` (JAX exports them from jax.numpy.linalg):
 * the np functions with the array API's defaults, which work on the last axes (diagonal and trace
 * of the last two, cross of the last one) and accept only what the standard does (outer of
 * vectors, cross of 3-vectors).
 */
import type { DType } from "../dtype.js";
import { fail } from "../errors.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { normalizeAxis } from "../shape.js";
import { checkArity, integer, readOptions } from "../validate.js";
import { dtypeOption } from "./args.js";
import { matrixTranspose as npMatrixTranspose } from "./aliases.js";
import { matmul as npMatmul, outer as npOuter, tensordot as npTensordot } from "./contract.js";
import { cross as npCross } from "./manipulation.js";
import { diagonal as npDiagonal } from "./movement.js";
import { checkOperand, promote } from "./promote.js";
import { sum } from "./reductions.js";

const shapeText = (x: ArrayValue): string => `[${x.shape.join(",")}]`;

/** The cross product of 3-vectors along `axis` (default -1) of both operands, broadcasting the rest (2-vectors are rejected). */
export function cross(x1: ArrayOrScalar, x2: ArrayOrScalar, options?: { readonly axis?: number } | null): ArrayValue {
  checkArity("linalg.cross", arguments, 3);
  const o = readOptions("linalg.cross", options, { axis: integer });
  const [a, b] = promote("linalg.cross", checkOperand("linalg.cross", x1, 0), checkOperand("linalg.cross", x2, 1));
  const axis = o.axis ?? -1;
  const size = (v: ArrayValue) => (v.ndim === 0 ? 0 : v.shape[normalizeAxis("linalg.cross", axis, v.ndim)]);
  if (size(a!) !== 3 || size(b!) !== 3) {
    fail("linalg.cross", `both operands must have size 3 along axis ${axis}, got shapes ${shapeText(a!)} and ${shapeText(b!)}`);
  }
  return npCross(a!, b!, { axis });
}

/** The `offset` diagonal of the matrices on the last two axes (np.diagonal with axis1 -2, axis2 -1). */
export function diagonal(x: ArrayOrScalar, options?: { readonly offset?: number } | null): ArrayValue {
  checkArity("linalg.diagonal", arguments, 2);
  const o = readOptions("linalg.diagonal", options, { offset: integer });
  return npDiagonal(checkOperand("linalg.diagonal", x), { offset: o.offset ?? 0, axis1: -2, axis2: -1 });
}

/** The matrix product (np.matmul). */
export function matmul(x1: ArrayOrScalar, x2: ArrayOrScalar): ArrayValue {
  checkArity("linalg.matmul", arguments, 2);
  return npMatmul(x1, x2);
}

/** Swaps the last two axes (np.matrixTranspose); x needs rank >= 2. */
export function matrixTranspose(x: ArrayOrScalar): ArrayValue {
  checkArity("linalg.matrixTranspose", arguments, 1);
  return npMatrixTranspose(x);
}

/** The outer product `out[i, j] = x1[i] * x2[j]` of two 1-D arrays (np.outer flattens; this rejects other ranks). */
export function outer(x1: ArrayOrScalar, x2: ArrayOrScalar): ArrayValue {
  checkArity("linalg.outer", arguments, 2);
  const [a, b] = promote("linalg.outer", checkOperand("linalg.outer", x1, 0), checkOperand("linalg.outer", x2, 1));
  if (a!.ndim !== 1 || b!.ndim !== 1) fail("linalg.outer", `both operands must be 1-D, got shapes ${shapeText(a!)} and ${shapeText(b!)}`);
  return npOuter(a!, b!);
}

/** np.tensordot with the axes as an option (default 2: the last two of x1 against the first two of x2). */
export function tensordot(
  x1: ArrayOrScalar,
  x2: ArrayOrScalar,
  options?: { readonly axes?: number | readonly [number | readonly number[], number | readonly number[]] } | null,
): ArrayValue {
  checkArity("linalg.tensordot", arguments, 3);
  const o = readOptions("linalg.tensordot", options, { axes: (_op, _name, v) => v as number | readonly [number | readonly number[], number | readonly number[]] });
  return npTensordot(x1, x2, o.axes ?? 2);
}

/** The sum of the `offset` diagonal of the matrices on the last two axes; `dtype` sets the sum's dtype (bools and integers sum as int32). */
export function trace(x: ArrayOrScalar, options?: { readonly offset?: number; readonly dtype?: DType } | null): ArrayValue {
  checkArity("linalg.trace", arguments, 2);
  const o = readOptions("linalg.trace", options, { offset: integer, dtype: dtypeOption });
  const a = promote("linalg.trace", checkOperand("linalg.trace", x))[0]!;
  if (a.ndim < 2) fail("linalg.trace", `expected an array with at least 2 axes, got shape ${shapeText(a)}`);
  const d = npDiagonal(a, { offset: o.offset ?? 0, axis1: -2, axis2: -1 });
  return sum(d, o.dtype === undefined ? { axis: -1 } : { axis: -1, dtype: o.dtype });
}
