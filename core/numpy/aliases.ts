/**
 * numpy 2's array-API names for functions tessera already has under numpy 1's names (JAX
 * exports both): `acos` is `arccos`, `pow` is `power`, `concat` is `concatenate`, and so on.
 */
import { fail } from "../errors.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { checkArity, describeValue } from "../validate.js";
import { arccos, arccosh, arcsin, arcsinh, arctan, arctan2, arctanh, power } from "./elementwise.js";
import { concatenate, swapaxes, transpose } from "./movement.js";
import { promote } from "./promote.js";

/** Alias of arccos. */
export const acos = arccos;
/** Alias of arcsin. */
export const asin = arcsin;
/** Alias of arctan. */
export const atan = arctan;
/** Alias of arccosh. */
export const acosh = arccosh;
/** Alias of arcsinh. */
export const asinh = arcsinh;
/** Alias of arctanh. */
export const atanh = arctanh;
/** Alias of arctan2. */
export const atan2 = arctan2;
/** Alias of power. */
export const pow = power;
/** Alias of concatenate. */
export const concat = concatenate;

/** Permutes the axes as `transpose(x, axes)`, but the permutation is required (the array API's form). */
export function permuteDims(x: ArrayOrScalar, axes: readonly number[]): ArrayValue {
  checkArity("permuteDims", arguments, 2);
  if (axes === undefined || axes === null) fail("permuteDims", `expected the permutation of the axes, got ${describeValue(axes)}; use np.transpose(x) to reverse them`);
  return transpose(x, axes);
}

/** Swaps the last two axes (a batch of matrices transposed); x needs rank >= 2. */
export function matrixTranspose(x: ArrayOrScalar): ArrayValue {
  checkArity("matrixTranspose", arguments, 1);
  const a = promote("matrixTranspose", x)[0]!;
  if (a.ndim < 2) fail("matrixTranspose", `expected an array of rank >= 2 (a matrix or a batch of them), got shape [${a.shape.join(",")}]`);
  return swapaxes(a, -1, -2);
}
