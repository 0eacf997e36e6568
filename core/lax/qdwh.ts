/**
 * lax.linalg.qdwh: the polar decomposition x = u h by the QR-based dynamically weighted Halley
 * iteration (Nakatsukasa, Bai and Gygi 2010), step for step as jax.lax.linalg.qdwh: the same
 * static schedule of weights (QR-based steps while the weight c is large, Cholesky-based ones
 * after), then fixed Halley steps until the iterate settles, at most `maxIterations` in all.
 * JAX's data-dependent while loop is unrolled here to its static bound with every step after
 * convergence masked out, so the result (and the iteration count) is the loop's, and the whole
 * thing is primitives: it jits and vmaps.
 */
import { describe, fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { matmul, mT } from "../rules/linalg-helpers.js";
import { abs, add, astype, equal, greater, logicalAnd, logicalNot, multiply, rsqrt, sqrt, subtract, where } from "../numpy/elementwise.js";
import { concatenate } from "../numpy/movement.js";
import { scalar } from "../numpy/promote.js";
import { max, sum } from "../numpy/reductions.js";
import { bool, checkArity, describeValue, finite, integer, integerList, nullable, readOptions, refine } from "../validate.js";
import { eyeLike, floatArg } from "./linalg-checks.js";

/** Options of qdwh, as JAX's keyword arguments. */
export interface QdwhOptions {
  /** Unused (JAX keeps it for backward compatibility). */
  readonly isHermitian?: boolean;
  /** The most iterations (default 10). */
  readonly maxIterations?: number | null;
  /** The target accuracy (default the dtype's machine epsilon). */
  readonly eps?: number | null;
  /** `[rows, cols]`: x is that matrix padded with junk to its shape; u and h come back padded with zeros. */
  readonly dynamicShape?: readonly [number, number] | null;
}

/** The weights (a, b, c) of one step, as JAX derives them in float64 before casting. */
interface Weights {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** Above this c a step uses QR (better conditioned), below it Cholesky (cheaper). */
const CHOLESKY_CUTOFF = 100;

/** The static weight schedule: from the lower bound l = eps on the singular values, each step's optimal weights, until l reaches 1. */
function schedule(eps: number, maxIterations: number): Weights[] {
  const weights: Weights[] = [];
  const tolL = (10 * eps) / 2;
  let l = eps;
  while (l + tolL < 1 && weights.length < maxIterations) {
    const l2 = l * l;
    const dd = Math.pow((4 * (1 / l2 - 1)) / l2, 1 / 3);
    const sqd = Math.sqrt(1 + dd);
    const a = sqd + Math.sqrt(2 - dd + (2 * (2 - l2)) / (l2 * sqd));
    const b = (a - 1) ** 2 / 4;
    const c = a + b - 1;
    l = (l * (a + b * l2)) / (1 + c * l2);
    weights.push({ a, b, c });
  }
  return weights;
}

/** One QR-based step: e u + (a - e)/sqrt(c) Q1 Q2ᵀ with [Q1; Q2] the Q of [sqrt(c) u; I]. */
function qrStep(u: ArrayValue, { a, b, c }: Weights): ArrayValue {
  const [m, n] = u.shape as [number, number];
  const e = b / c;
  const sqrtC = Math.sqrt(c);
  const stacked = concatenate([multiply(u, scalar(sqrtC, u.dtype)), eyeLike([], n, n, u)], { axis: 0 });
  const [q] = bind("qr", [stacked], { fullMatrices: false }) as [ArrayValue];
  const q1 = bind1("slice", [q], { start: [0, 0], limit: [m, n], strides: [1, 1] });
  const q2 = bind1("slice", [q], { start: [m, 0], limit: [m + n, n], strides: [1, 1] });
  return add(multiply(u, scalar(e, u.dtype)), multiply(matmul(q1, mT(q2)), scalar((a - e) / sqrtC, u.dtype)));
}

/** One Cholesky-based step: e u + (a - e) u (c uᵀu + I)⁻¹, through the Cholesky factor of c uᵀu + I. */
function choleskyStep(u: ArrayValue, { a, b, c }: Weights): ArrayValue {
  const n = u.shape[1]!;
  const e = b / c;
  const gram = add(multiply(matmul(mT(u), u), scalar(c, u.dtype)), eyeLike([], n, n, u));
  const factor = bind1("cholesky", [gram], {});
  const half = bind1("triangularSolve", [factor, mT(u)], { leftSide: true, lower: true, transposeA: false, unitDiagonal: false });
  const z = mT(bind1("triangularSolve", [factor, half], { leftSide: true, lower: true, transposeA: true, unitDiagonal: false }));
  return add(multiply(u, scalar(e, u.dtype)), multiply(z, scalar(a - e, u.dtype)));
}

/** The Frobenius norm of u - previous exceeds tol (not converged yet). */
function moved(u: ArrayValue, previous: ArrayValue, tol: number): ArrayValue {
  const d = subtract(u, previous);
  return greater(sqrt(sum(multiply(d, d))), tol);
}

/**
 * The polar decomposition x = u h of a matrix `[m, n]` (m >= n): `[u, h, numIters, isConverged]`
 * with u `[m, n]` having orthonormal columns, h `[n, n]` symmetric positive semi-definite, the
 * iteration count (int32) and whether the iterate converged within `maxIterations`
 * (jax.lax.linalg.qdwh; one matrix, as JAX's).
 *
 * @example
 * ```ts
 * import { lax, np } from "tessera";
 * const [u, h, iterations, converged] = lax.linalg.qdwh(np.array([[2, 1], [0, 3]]));
 * converged; // true
 * ```
 */
export function qdwh(x: ArrayValue, options: QdwhOptions | null = {}): [ArrayValue, ArrayValue, ArrayValue, ArrayValue] {
  const op = "lax.linalg.qdwh";
  checkArity(op, arguments, 2);
  const o = readOptions(op, options, {
    isHermitian: bool,
    maxIterations: nullable(refine(integer, (v) => v >= 0, "a non-negative integer")),
    eps: nullable(refine(finite, (v) => v > 0, "a positive number")),
    dynamicShape: nullable(integerList),
  });
  const a = floatArg(op, x, "x", 2);
  if (a.ndim !== 2) fail(op, `expected one matrix [m, n], got ${describe(a)}`);
  const [m, n] = a.shape as [number, number];
  if (m < n) fail(op, `expected a matrix [m, n] with m >= n, got ${describe(a)}`);
  const maxIterations = o.maxIterations ?? 10;
  const eps = o.eps ?? (a.dtype === "float32" ? 2 ** -23 : 2 ** -52);
  if (o.dynamicShape === undefined || o.dynamicShape === null) return polar(a, maxIterations, eps);
  // A padded input: only its leading [rows, cols] block is the matrix; the rest of u and h is zero
  // (what JAX's masked iteration leaves there).
  const [rows, cols] = o.dynamicShape;
  if (o.dynamicShape.length !== 2 || !(cols! >= 1 && cols! <= rows! && rows! <= m && cols! <= n)) {
    fail(op, `dynamicShape must be [rows, cols] with 1 <= cols <= rows, rows <= ${m} and cols <= ${n} (x is ${describe(a)}), got ${describeValue(o.dynamicShape)}`);
  }
  const block = bind1("slice", [a], { start: [0, 0], limit: [rows!, cols!], strides: [1, 1] });
  const [u, h, iterations, converged] = polar(block, maxIterations, eps);
  const zero = scalar(0, a.dtype);
  const u2 = bind1("pad", [u, zero], { config: [[0, m - rows!, 0], [0, n - cols!, 0]] });
  const h2 = bind1("pad", [h, zero], { config: [[0, n - cols!, 0], [0, n - cols!, 0]] });
  return [u2, h2, iterations, converged];
}

/** The QDWH iteration on the matrix `a` [m, n] (m >= n). */
function polar(a: ArrayValue, maxIterations: number, eps: number): [ArrayValue, ArrayValue, ArrayValue, ArrayValue] {
  const tolNorm = Math.cbrt((10 * eps) / 2);

  // Scale so the singular values are at most 1: by 1 / sqrt(||x||_1 ||x||_inf).
  const oneNorm = max(sum(abs(a), { axis: 0 }));
  const infNorm = max(sum(abs(a), { axis: 1 }));
  const alphaInverse = where(equal(oneNorm, 0), 1, multiply(rsqrt(oneNorm), rsqrt(infNorm)));
  let u = multiply(a, alphaInverse);

  const weights = schedule(eps, maxIterations);
  let notConverged: ArrayValue = scalar(true, "bool");
  for (const w of weights.filter((w) => w.c > CHOLESKY_CUTOFF)) u = qrStep(u, w);
  for (const w of weights.filter((w) => w.c <= CHOLESKY_CUTOFF)) {
    const next = choleskyStep(u, w);
    notConverged = moved(next, u, tolNorm);
    u = next;
  }
  // JAX's while loop of Halley steps (a, b, c) = (3, 1, 3): each runs only while not converged.
  let iterations: ArrayValue = scalar(weights.length, "int32");
  for (let k = weights.length; k < maxIterations; k++) {
    const next = choleskyStep(u, { a: 3, b: 1, c: 3 });
    const stillMoving = moved(next, u, tolNorm);
    u = where(notConverged, next, u);
    iterations = add(iterations, astype(notConverged, "int32"));
    notConverged = logicalAnd(notConverged, stillMoving);
  }
  // One Newton-Schulz step to polish orthogonality, then h = uᵀx, symmetrized.
  u = subtract(multiply(u, 1.5), multiply(matmul(u, matmul(mT(u), u)), 0.5));
  const h0 = matmul(mT(u), a);
  const h = multiply(add(h0, mT(h0)), 0.5);
  return [u, h, iterations, logicalNot(notConverged)];
}
