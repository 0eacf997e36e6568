/**
 * lax.linalg.choleskyUpdate: the upper Cholesky factor of A + w wᵀ from that of A, in O(n²), by
 * one Givens rotation per row that folds w into R (the rotation's coefficients computed with
 * BLAS drotg's scaling, as JAX's own implementation does, so the two agree to rounding). Built
 * from primitives over the static size, so it jits and vmaps.
 */
import { describe, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { abs, add, divide, equal, greater, multiply, negative, sqrt, subtract, where } from "../numpy/elementwise.js";
import { checkArity } from "../validate.js";
import { floatArg } from "./linalg-checks.js";

/** `[1, n]` row k of `[n, n]` x. */
function rowOf(x: ArrayValue, k: number): ArrayValue {
  const n = x.shape[1]!;
  return bind1("slice", [x], { start: [k, 0], limit: [k + 1, n], strides: [1, 1] });
}

/** `[1, 1]` entry k of a `[1, n]` row. */
function at(row: ArrayValue, k: number): ArrayValue {
  return bind1("slice", [row], { start: [0, k], limit: [1, k + 1], strides: [1, 1] });
}

/**
 * The upper-triangular R' with R'ᵀ R' = Rᵀ R + w wᵀ, for upper-triangular `rMatrix` `[n, n]` and
 * `wVector` `[n]` (jax.lax.linalg.cholesky_update; one matrix, as JAX's).
 *
 * @example
 * ```ts
 * import { lax, np } from "tessera";
 * lax.linalg.choleskyUpdate(np.array([[2, 1], [0, 1]]), np.array([0, 1])); // [[2, 1], [0, 1.414...]]
 * ```
 */
export function choleskyUpdate(rMatrix: ArrayValue, wVector: ArrayValue): ArrayValue {
  const op = "lax.linalg.choleskyUpdate";
  checkArity(op, arguments, 2);
  const r0 = floatArg(op, rMatrix, "rMatrix", 2);
  const w0 = floatArg(op, wVector, "wVector", 1);
  const n = r0.shape[0]!;
  if (r0.ndim !== 2 || r0.shape[1] !== n || w0.ndim !== 1 || w0.shape[0] !== n) {
    fail(op, `expected a square matrix rMatrix [n, n] and a vector wVector [n] of the same size, got ${describe(r0)} and ${describe(w0)}`);
  }
  if (r0.dtype !== w0.dtype) fail(op, `rMatrix and wVector must share a dtype, got ${describe(r0)} and ${describe(w0)}`);
  const rows = bind1("iota", [], { dtype: "int32", shape: [n, 1], dimension: 0 });
  let r = r0;
  let z = bind1("reshape", [w0], { newShape: [1, n] });
  for (let k = 0; k < n; k++) {
    const rowK = rowOf(r, k);
    const x = at(rowK, k);
    const y = at(z, k);
    // The rotation [c, -s; s, c] that zeroes z[k] against R[k, k] (the identity when z[k] = 0).
    const zero = equal(y, 0);
    const scale = where(zero, 1, where(greater(abs(x), abs(y)), abs(x), abs(y)));
    const xs = divide(x, scale);
    const ys = divide(y, scale);
    const rh = divide(1, sqrt(add(multiply(xs, xs), multiply(ys, ys))));
    const c = where(zero, 1, multiply(xs, rh));
    const s = where(zero, 0, negative(multiply(ys, rh)));
    const newRow = subtract(multiply(c, rowK), multiply(s, z));
    z = add(multiply(c, z), multiply(s, rowK));
    r = where(equal(rows, k), newRow, r);
  }
  return r;
}
