/**
 * Matrix building blocks for the linalg transform rules, written with primitives (bind) so the
 * rules built from them can be transformed again. Every helper works on the last two axes and
 * keeps any leading batch axes; operands of a product must share their batch axes.
 */
import { allocate, type DType } from "../dtype.js";
import { bind, bind1 } from "../interpreter.js";
import { adoptBuffer, type ArrayValue, NdArray } from "../ndarray.js";
import { scalar } from "../numpy/promote.js";
import { range } from "../shape.js";

/** A constant rows x cols matrix whose entry (i, j) is `entry(i, j)`. */
export function constantMatrix(rows: number, cols: number, dtype: DType, entry: (i: number, j: number) => number): NdArray {
  const data = allocate(dtype, rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = entry(i, j);
  return adoptBuffer(data, [rows, cols], dtype);
}

/** The n x n identity of `dtype`. */
export function eye(n: number, dtype: DType): NdArray {
  return constantMatrix(n, n, dtype, (i, j) => (i === j ? 1 : 0));
}

/** The batched matrix product a @ b of `[..., m, k]` and `[..., k, n]` (same leading axes). */
export function matmul(a: ArrayValue, b: ArrayValue): ArrayValue {
  const r = a.ndim;
  const batch = range(r - 2);
  return bind1("dotGeneral", [a, b], { contracting: [[r - 1], [r - 2]], batch: [batch, batch], preferredDtype: null });
}

/** Swaps the last two axes. */
export function mT(x: ArrayValue): ArrayValue {
  const r = x.ndim;
  return bind1("transpose", [x], { permutation: [...range(r - 2), r - 1, r - 2] });
}

/** Keeps the entries with `keep(row, col)` of each matrix, zeroing the others (a select, so inf/NaN elsewhere do not leak). */
function mask(x: ArrayValue, keep: (i: number, j: number) => boolean): ArrayValue {
  const [m, n] = x.shape.slice(-2) as [number, number];
  const pred = constantMatrix(m, n, "bool", (i, j) => (keep(i, j) ? 1 : 0));
  return bind1("select", [pred, x, scalar(0, x.dtype)], {});
}

/** The lower triangle on and below diagonal `k` (numpy's tril). */
export function tril(x: ArrayValue, k = 0): ArrayValue {
  return mask(x, (i, j) => j - i <= k);
}

/** The upper triangle on and above diagonal `k` (numpy's triu). */
export function triu(x: ArrayValue, k = 0): ArrayValue {
  return mask(x, (i, j) => j - i >= k);
}

/** The symmetric matrix whose lower triangle is x's (what the primitives reading only the lower triangle see). */
export function symmetricFromLower(x: ArrayValue): ArrayValue {
  return bind1("add", [tril(x), mT(tril(x, -1))], {});
}

/** The main diagonal of each square matrix `[..., n, n]`, as `[..., n]`. */
export function diagonal(x: ArrayValue): ArrayValue {
  const batch = x.shape.slice(0, -2);
  const n = x.shape[x.ndim - 1]!;
  const flat = bind1("reshape", [x], { newShape: [...batch, n * n] });
  return bind1("slice", [flat], {
    start: [...batch.map(() => 0), 0],
    limit: [...batch, n * n],
    strides: [...batch.map(() => 1), n + 1],
  });
}

/** `[..., n]` as a row `[..., 1, n]` (axis 0) or a column `[..., n, 1]` (axis 1). */
export function asMatrix(v: ArrayValue, as: "row" | "column"): ArrayValue {
  const batch = v.shape.slice(0, -1);
  const n = v.shape[v.ndim - 1]!;
  return bind1("reshape", [v], { newShape: as === "row" ? [...batch, 1, n] : [...batch, n, 1] });
}

/** Rows [r0, r1) and columns [c0, c1) of each matrix. */
export function block(x: ArrayValue, rows: readonly [number, number], cols: readonly [number, number]): ArrayValue {
  const batch = x.shape.slice(0, -2);
  return bind1("slice", [x], {
    start: [...batch.map(() => 0), rows[0], cols[0]],
    limit: [...batch, rows[1], cols[1]],
    strides: x.shape.map(() => 1),
  });
}

/** Pads each matrix with zero rows below and zero columns to the right. */
export function padZeros(x: ArrayValue, rows: number, cols: number): ArrayValue {
  if (rows === 0 && cols === 0) return x;
  const config = x.shape.map((): [number, number, number] => [0, 0, 0]);
  config[x.ndim - 2] = [0, rows, 0];
  config[x.ndim - 1] = [0, cols, 0];
  return bind1("pad", [x, scalar(0, x.dtype)], { config });
}

/**
 * The permutation matrix P of a row permutation `[..., m]` (int32): (P a)[i] = a[perm[i]], so
 * P a is `a[perm]` and Pᵀ a undoes it. Built from primitives so a traced permutation works.
 */
export function permutationMatrix(perm: ArrayValue, dtype: DType): ArrayValue {
  const batch = perm.shape.slice(0, -1);
  const m = perm.shape[perm.ndim - 1]!;
  const shape = [...batch, m, m];
  const rows = bind1("broadcastInDim", [perm], { shape, broadcastDimensions: range(perm.ndim) });
  const cols = bind1("iota", [], { dtype: "int32", shape, dimension: shape.length - 1 });
  return bind1("convert", [bind1("eq", [rows, cols], {})], { dtype });
}

/**
 * Solves aᵀ x = b for square a (`[..., n, n]`, `b` `[..., n, p]`) through a's partial-pivot LU:
 * with P a = L U, aᵀ = Uᵀ Lᵀ P, so x = Pᵀ L⁻ᵀ U⁻ᵀ b.
 */
export function solveTransposed(a: ArrayValue, b: ArrayValue): ArrayValue {
  const [lu, , perm] = bind("lu", [a], {}) as [ArrayValue, ArrayValue, ArrayValue];
  const y = bind1("triangularSolve", [lu, b], { leftSide: true, lower: false, transposeA: true, unitDiagonal: false });
  const z = bind1("triangularSolve", [lu, y], { leftSide: true, lower: true, transposeA: true, unitDiagonal: true });
  return matmul(mT(permutationMatrix(perm, a.dtype)), z);
}
