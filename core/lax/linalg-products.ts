/**
 * Two small lax.linalg helpers built from primitives: the symmetric product alpha a aᵀ + beta c
 * (BLAS syrk) and the conversion of LU's row swaps (pivots) to the permutation they make.
 */
import { describe, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { matmul, mT, tril } from "../rules/linalg-helpers.js";
import { add, equal, multiply, where } from "../numpy/elementwise.js";
import { broadcastTo } from "../numpy/movement.js";
import { scalar } from "../numpy/promote.js";
import { sum } from "../numpy/reductions.js";
import { bool, checkArity, count, finite, readOptions } from "../validate.js";
import { arrayArg } from "./args.js";
import { floatArg, sameBatch } from "./linalg-checks.js";

/** Options of symmetricProduct: the scalars alpha and beta, and whether to copy the lower triangle over the upper. */
export interface SymmetricProductOptions {
  readonly alpha?: number;
  readonly beta?: number;
  readonly symmetrizeOutput?: boolean;
}

/**
 * alpha a aᵀ + beta c for `a` `[..., m, n]` and symmetric `c` `[..., m, m]`
 * (jax.lax.linalg.symmetric_product). Every entry is computed (JAX guarantees only the lower
 * triangle on some platforms; on CPU it computes all of them, as here); `symmetrizeOutput`
 * replaces the upper triangle with the transpose of the lower.
 *
 * @example
 * ```ts
 * import { lax, np } from "tessera";
 * lax.linalg.symmetricProduct(np.array([[1, 2], [3, 4]]), np.eye(2), { alpha: 1, beta: 2 }); // [[7, 11], [11, 27]]
 * ```
 */
export function symmetricProduct(aMatrix: ArrayValue, cMatrix: ArrayValue, options: SymmetricProductOptions | null = {}): ArrayValue {
  const op = "lax.linalg.symmetricProduct";
  checkArity(op, arguments, 3);
  const o = readOptions(op, options, { alpha: finite, beta: finite, symmetrizeOutput: bool });
  const a = floatArg(op, aMatrix, "aMatrix", 2);
  const c = floatArg(op, cMatrix, "cMatrix", 2);
  sameBatch(op, [["aMatrix", a, 2], ["cMatrix", c, 2]]);
  const m = a.shape[a.ndim - 2]!;
  if (c.shape[c.ndim - 1] !== m || c.shape[c.ndim - 2] !== m) {
    fail(op, `cMatrix must be [..., ${m}, ${m}] for aMatrix ${describe(a)}, got ${describe(c)}`);
  }
  const product = add(multiply(matmul(a, mT(a)), scalar(o.alpha ?? 1, a.dtype)), multiply(c, scalar(o.beta ?? 0, a.dtype)));
  return o.symmetrizeOutput ? add(tril(product), mT(tril(product, -1))) : product;
}

/**
 * The permutation `[..., permutationSize]` (int32) made by applying LU's row swaps in order to
 * 0, 1, ..., permutationSize-1: swap i exchanges entries i and pivots[..., i]
 * (jax.lax.linalg.lu_pivots_to_permutation). permutationSize must be at least the number of pivots.
 *
 * @example
 * ```ts
 * import { lax, np } from "tessera";
 * lax.linalg.luPivotsToPermutation(np.array([2, 2, 3], { dtype: "int32" }), 5); // [2, 0, 3, 1, 4]
 * ```
 */
export function luPivotsToPermutation(pivots: ArrayValue, permutationSize: number): ArrayValue {
  const op = "lax.linalg.luPivotsToPermutation";
  checkArity(op, arguments, 2);
  const p = arrayArg(op, pivots, "pivots");
  if (p.dtype !== "int32") fail(op, `pivots must be int32, got ${describe(p)}`);
  if (p.ndim < 1) fail(op, `pivots must be a vector or a batch of vectors (rank >= 1), got ${describe(p)}`);
  const size = count(op, "permutationSize", permutationSize);
  const k = p.shape[p.ndim - 1]!;
  if (size < k) fail(op, `permutationSize (${size}) must be at least the number of pivots (${k}), got pivots ${describe(p)}`);
  const batch = p.shape.slice(0, -1);
  const shape = [...batch, size];
  const positions = bind1("iota", [], { dtype: "int32", shape, dimension: batch.length });
  let permutation = positions;
  for (let i = 0; i < k; i++) {
    // Swap entries i and j = pivots[..., i]: read both (as one-hot sums, so a traced j works), then write them back crossed.
    const j = bind1("slice", [p], { start: [...batch.map(() => 0), i], limit: [...batch, i + 1], strides: p.shape.map(() => 1) });
    const isJ = equal(positions, j);
    const atJ = sum(where(isJ, permutation, 0), { axis: -1, keepdims: true });
    const atI = bind1("slice", [permutation], { start: [...batch.map(() => 0), i], limit: [...batch, i + 1], strides: shape.map(() => 1) });
    const isI = equal(positions, i);
    permutation = where(isI, broadcastTo(atJ, shape), where(isJ, broadcastTo(atI, shape), permutation));
  }
  return permutation;
}
