/**
 * Products of elementary Householder reflectors stored LAPACK's way (geqrf's output): column j
 * of `a` below the diagonal holds v_j (whose entry j is an implicit 1), and H_j = I - tau_j v_j v_jᵀ.
 * `householderProduct` forms Q = H_0 H_1 ... H_{k-1} (LAPACK orgqr); `ormqr` applies Q or Qᵀ to
 * another matrix without forming it. Each reflector is applied as a rank-one update built from
 * primitives, so both run under jit and vmap and differentiate (JAX defines no derivative here).
 */
import { fail } from "../errors.js";
import type { ArrayValue } from "../ndarray.js";
import { matmul, mT } from "../rules/linalg-helpers.js";
import { multiply, subtract } from "../numpy/elementwise.js";
import { bool, checkArity, readOptions } from "../validate.js";
import { entry, eyeLike, floatArg, reflector, sameBatch } from "./linalg-checks.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** c with reflector j (vector v, scale tau) applied on the left (H c) or the right (c H). */
function applyReflector(c: ArrayValue, v: ArrayValue, tau: ArrayValue, left: boolean): ArrayValue {
  // H c = c - tau v (vᵀ c); c H = c - tau (c v) vᵀ.
  return left ? subtract(c, multiply(tau, matmul(v, matmul(mT(v), c)))) : subtract(c, multiply(tau, matmul(matmul(c, v), mT(v))));
}

/** Checks a `[..., m, n]` and taus `[..., k]` with k <= n; returns [m, n, k]. */
function reflectors(op: string, a: ArrayValue, taus: ArrayValue): [number, number, number] {
  sameBatch(op, [["a", a, 2], ["taus", taus, 1]]);
  const [m, n] = a.shape.slice(-2) as [number, number];
  const k = taus.shape[taus.ndim - 1]!;
  if (k > Math.min(m, n)) fail(op, `taus must have at most min(m, n) = ${Math.min(m, n)} entries for a of shape ${shapeText(a.shape)}, got taus of shape ${shapeText(taus.shape)}`);
  return [m, n, k];
}

/**
 * The product Q = H_0 H_1 ... H_{k-1} of the Householder reflectors stored below the diagonal
 * of `a` (`[..., m, n]`, m >= n) with scale factors `taus` (`[..., k]`, k <= n): the first n
 * columns of Q, shape `[..., m, n]`, as LAPACK's orgqr (jax.lax.linalg.householder_product).
 *
 * @example
 * ```ts
 * import { lax, np } from "tessera";
 * // LAPACK geqrf's output for [[1, 2], [3, 4], [5, 6]] (R on and above the diagonal, reflectors below):
 * const reflectors = np.array([[-5.9160795, -7.437358], [0.43377176, 0.8280796], [0.72295296, 0.8926235]]);
 * lax.linalg.householderProduct(reflectors, np.array([1.1690309, 1.1131042]));
 * // [[-0.169, 0.897], [-0.507, 0.276], [-0.845, -0.345]]: the Q of np.linalg.qr
 * ```
 */
export function householderProduct(a: ArrayValue, taus: ArrayValue): ArrayValue {
  const op = "lax.linalg.householderProduct";
  checkArity(op, arguments, 2);
  const x = floatArg(op, a, "a", 2);
  const t = floatArg(op, taus, "taus", 1);
  const [m, n, k] = reflectors(op, x, t);
  if (m < n) fail(op, `a must have at least as many rows as columns (m >= n), got shape ${shapeText(x.shape)}`);
  // Q [:, :n] = H_0 (H_1 (... (H_{k-1} I[:, :n]))): the last reflector is applied first.
  let q = eyeLike(x.shape.slice(0, -2), m, n, x);
  for (let j = k - 1; j >= 0; j--) q = applyReflector(q, reflector(x, j, j), entry(t, j), true);
  return q;
}

/** Options of ormqr: `left` (Q c, default) or right (c Q); `transpose` uses Qᵀ. */
export interface OrmqrOptions {
  readonly left?: boolean;
  readonly transpose?: boolean;
}

/**
 * Q c, Qᵀ c, c Q or c Qᵀ (by `left` and `transpose`) for the Q = H_0 ... H_{k-1} whose
 * reflectors are stored below the diagonal of `a` (`[..., m, n]`) with scale factors `taus`
 * (`[..., k]`), without forming Q, as LAPACK's ormqr (jax.lax.linalg.ormqr). `c` is
 * `[..., m, p]` when left, `[..., p, m]` otherwise; the result has c's shape.
 *
 * @example
 * ```ts
 * import { lax, np } from "tessera";
 * const a = np.array([[1, 0], [0.5, 1], [0, 0.5]]);
 * lax.linalg.ormqr(a, np.array([1.6, 1.6]), np.eye(3)).shape; // [3, 3]
 * ```
 */
export function ormqr(a: ArrayValue, taus: ArrayValue, c: ArrayValue, options: OrmqrOptions | null = {}): ArrayValue {
  const op = "lax.linalg.ormqr";
  checkArity(op, arguments, 4);
  const o = readOptions(op, options, { left: bool, transpose: bool });
  const left = o.left ?? true;
  const transpose = o.transpose ?? false;
  const x = floatArg(op, a, "a", 2);
  const t = floatArg(op, taus, "taus", 1);
  const y = floatArg(op, c, "c", 2);
  const [m, , k] = reflectors(op, x, t);
  sameBatch(op, [["a", x, 2], ["c", y, 2]]);
  const matched = left ? y.shape[y.ndim - 2] : y.shape[y.ndim - 1];
  if (matched !== m) {
    fail(op, `with left ${left}, c must have ${m} ${left ? "rows" : "columns"} (a's row count), got a ${shapeText(x.shape)} and c ${shapeText(y.shape)}`);
  }
  // Q c = H_0 (... (H_{k-1} c)) and c Qᵀ = (c H_{k-1}) ... H_0 take the reflectors last to
  // first; Qᵀ c and c Q take them first to last.
  const lastFirst = left !== transpose;
  let out = y;
  for (let i = 0; i < k; i++) {
    const j = lastFirst ? k - 1 - i : i;
    out = applyReflector(out, reflector(x, j, j), entry(t, j), left);
  }
  return out;
}
