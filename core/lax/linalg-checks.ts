/**
 * Operand checks and small matrix pieces shared by the lax.linalg functions built from
 * primitives (linalg-householder.ts, linalg-products.ts, tridiagonal-solve.ts, ...). lax does not
 * promote: operands must already be float32 or float64, as jax.lax.linalg requires.
 */
import { isFloat } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { astype, equal, greater, where } from "../numpy/elementwise.js";
import { arrayArg } from "./args.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** `x` as a float array of rank >= `rank`, or an error naming the op and the argument. */
export function floatArg(op: string, x: unknown, name: string, rank: number): ArrayValue {
  const a = arrayArg(op, x, name);
  if (!isFloat(a.dtype)) fail(op, `${name} must be float32 or float64, got ${describe(a)}`);
  if (a.ndim < rank) {
    const what = rank === 1 ? "a vector or a batch of vectors (rank >= 1)" : "a matrix or a batch of matrices (rank >= 2, shape [..., m, n])";
    fail(op, `${name} must be ${what}, got ${describe(a)}`);
  }
  return a;
}

/** Checks that the arrays share a dtype and the given batch axes (each array's leading axes before its last `core` ones). */
export function sameBatch(op: string, entries: readonly (readonly [string, ArrayValue, number])[]): number[] {
  const [firstName, first, firstCore] = entries[0]!;
  const batch = first.shape.slice(0, first.ndim - firstCore);
  for (const [name, x, core] of entries.slice(1)) {
    if (x.dtype !== first.dtype) fail(op, `${firstName} and ${name} must share a dtype, got ${describe(first)} and ${describe(x)}`);
    const own = x.shape.slice(0, x.ndim - core);
    if (own.length !== batch.length || own.some((d, i) => d !== batch[i])) {
      fail(op, `${firstName} and ${name} must have the same batch axes, got ${firstName} ${shapeText(first.shape)} (batch ${shapeText(batch)}) and ${name} ${shapeText(x.shape)} (batch ${shapeText(own)})`);
    }
  }
  return batch;
}

/** Column `j` of each matrix `[..., m, n]`, as `[..., m, 1]`. */
export function column(x: ArrayValue, j: number): ArrayValue {
  const batch = x.shape.slice(0, -2);
  const m = x.shape[x.ndim - 2]!;
  return bind1("slice", [x], { start: [...batch.map(() => 0), 0, j], limit: [...batch, m, j + 1], strides: x.shape.map(() => 1) });
}

/** Entry `i` of each vector `[..., k]`, as `[..., 1, 1]` (to scale matrices). */
export function entry(v: ArrayValue, i: number): ArrayValue {
  const batch = v.shape.slice(0, -1);
  const sliced = bind1("slice", [v], { start: [...batch.map(() => 0), i], limit: [...batch, i + 1], strides: v.shape.map(() => 1) });
  return bind1("reshape", [sliced], { newShape: [...batch, 1, 1] });
}

/** An int32 `[m, 1]` column 0, 1, ..., m-1 (row numbers, broadcasting against `[..., m, 1]`). */
export function rowNumbers(m: number): ArrayValue {
  return bind1("iota", [], { dtype: "int32", shape: [m, 1], dimension: 0 });
}

/** `[..., m, n]` identity-like: ones on the main diagonal, batch axes `batch`. */
export function eyeLike(batch: readonly number[], m: number, n: number, like: ArrayValue): ArrayValue {
  const shape = [...batch, m, n];
  const rows = bind1("iota", [], { dtype: "int32", shape, dimension: shape.length - 2 });
  const cols = bind1("iota", [], { dtype: "int32", shape, dimension: shape.length - 1 });
  return bind1("convert", [bind1("eq", [rows, cols], {})], { dtype: like.dtype });
}

/**
 * The Householder vector stored in column `j` of `a` below row `pivot`: a one at `pivot`, a's
 * entries below it, zeros above (LAPACK's implicit unit leading entry), as `[..., m, 1]`.
 */
export function reflector(a: ArrayValue, j: number, pivot: number): ArrayValue {
  const rows = rowNumbers(a.shape[a.ndim - 2]!);
  return where(greater(rows, pivot), column(a, j), astype(equal(rows, pivot), a.dtype));
}
