/**
 * lax.linalg.tridiagonalSolve: the tridiagonal system A x = b by the Thomas algorithm (forward
 * elimination, then back substitution), unrolled over the static row count with primitives, so
 * it batches, jits and differentiates in the diagonals and in b. Its derivatives are the ones
 * JAX defines (the solve is linear in b; a change dA gives dx = -A⁻¹ dA x), because they are the
 * derivatives of the same function; dl[0] and du[m-1] lie outside A and get zero gradient.
 */
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { divide, multiply, subtract } from "../numpy/elementwise.js";
import { concatenate } from "../numpy/movement.js";
import { bool, checkArity, readOptions } from "../validate.js";
import { floatArg, sameBatch } from "./linalg-checks.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** Entry i along the last axis of `[..., m]` as `[..., 1, 1]`, or row i of `[..., m, n]` as `[..., 1, n]`. */
function row(x: ArrayValue, i: number, vector: boolean): ArrayValue {
  const axis = vector ? x.ndim - 1 : x.ndim - 2;
  const start = x.shape.map((_, k) => (k === axis ? i : 0));
  const limit = x.shape.map((d, k) => (k === axis ? i + 1 : d));
  const sliced = bind1("slice", [x], { start, limit, strides: x.shape.map(() => 1) });
  return vector ? bind1("reshape", [sliced], { newShape: [...x.shape.slice(0, -1), 1, 1] }) : sliced;
}

/** Options of tridiagonalSolve: JAX's `perturbSingular` (LAPACK's perturbed pivots) is not provided. */
export interface TridiagonalSolveOptions {
  readonly perturbSingular?: boolean;
}

/**
 * Solves A x = b for tridiagonal A given by its three diagonals, each `[..., m]`: `dl[i]` =
 * A[i, i-1] (dl[0] unused), `d[i]` = A[i, i], `du[i]` = A[i, i+1] (du[m-1] unused); b is
 * `[..., m, n]` (jax.lax.linalg.tridiagonal_solve). No pivoting (the Thomas algorithm): it suits
 * diagonally dominant or positive-definite A; a zero pivot gives infinities or NaNs.
 *
 * @example
 * ```ts
 * import { lax, np } from "tessera";
 * const dl = np.array([0, 1, 1]), d = np.array([2, 2, 2]), du = np.array([1, 1, 0]);
 * lax.linalg.tridiagonalSolve(dl, d, du, np.array([[3], [4], [3]])); // [[1], [1], [1]]
 * ```
 */
export function tridiagonalSolve(dl: ArrayValue, d: ArrayValue, du: ArrayValue, b: ArrayValue, options: TridiagonalSolveOptions | null = {}): ArrayValue {
  const op = "lax.linalg.tridiagonalSolve";
  checkArity(op, arguments, 5);
  const o = readOptions(op, options, { perturbSingular: bool });
  if (o.perturbSingular) fail(op, "perturbSingular: true (LAPACK's perturbation of tiny pivots) is not provided; the solve uses no pivoting");
  const lower = floatArg(op, dl, "dl", 1);
  const diag = floatArg(op, d, "d", 1);
  const upper = floatArg(op, du, "du", 1);
  const rhs = floatArg(op, b, "b", 2);
  sameBatch(op, [["dl", lower, 1], ["d", diag, 1], ["du", upper, 1], ["b", rhs, 2]]);
  const m = diag.shape[diag.ndim - 1]!;
  for (const [name, x] of [["dl", lower], ["du", upper]] as const) {
    if (x.shape[x.ndim - 1] !== m) fail(op, `dl, d and du must have the same length, got d ${shapeText(diag.shape)} and ${name} ${shapeText(x.shape)}`);
  }
  if (rhs.shape[rhs.ndim - 2] !== m) fail(op, `b must be [..., ${m}, n] for diagonals of length ${m}, got b ${shapeText(rhs.shape)}`);
  if (m === 0) return rhs;
  // Forward elimination: row i becomes x_i + cp_i x_{i+1} = dp_i.
  const cp: ArrayValue[] = [];
  const dp: ArrayValue[] = [];
  for (let i = 0; i < m; i++) {
    const di = row(diag, i, true);
    const bi = row(rhs, i, false);
    if (i === 0) {
      cp.push(divide(row(upper, 0, true), di));
      dp.push(divide(bi, di));
    } else {
      const li = row(lower, i, true);
      const pivot = subtract(di, multiply(li, cp[i - 1]!));
      cp.push(divide(row(upper, i, true), pivot));
      dp.push(divide(subtract(bi, multiply(li, dp[i - 1]!)), pivot));
    }
  }
  // Back substitution.
  const x: ArrayValue[] = new Array<ArrayValue>(m);
  x[m - 1] = dp[m - 1]!;
  for (let i = m - 2; i >= 0; i--) x[i] = subtract(dp[i]!, multiply(cp[i]!, x[i + 1]!));
  return concatenate(x, { axis: -2 });
}
