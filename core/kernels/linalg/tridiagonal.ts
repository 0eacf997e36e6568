/**
 * Householder reduction of a symmetric matrix to tridiagonal form, A = Q T Qᵀ (LAPACK's dsytd2 +
 * dorgtr, unblocked): the first step of eigh. Only the lower triangle is read and updated, which
 * halves the work of each step's symmetric rank-2 update.
 */
import { makeReflector, reflect } from "./reflector.js";

/** T's diagonal `d` (n) and off-diagonal `e` (n - 1), and Qᵀ (row j is column j of Q). */
export interface Tridiagonal {
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly qt: Float64Array;
}

/** Reduces the n x n row-major `lower` (its lower triangle; overwritten) to tridiagonal form. */
export function tridiagonalize(lower: Float64Array, n: number, computeQ: boolean): Tridiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  // Reflector i acts on entries i+1..n-1; its v is kept in row i of `vs` from offset 0.
  const vs = new Float64Array(n * n);
  const tau = new Float64Array(Math.max(n - 2, 0));
  const p = new Float64Array(n);
  for (let i = 0; i < n - 2; i++) {
    const o = i + 1;
    const len = n - o;
    const v = vs.subarray(i * n, i * n + len);
    for (let r = 0; r < len; r++) v[r] = lower[(o + r) * n + i]!;
    const t = makeReflector(v, 0, len);
    d[i] = lower[i * n + i]!;
    e[i] = v[0]!;
    v[0] = 1;
    tau[i] = t;
    if (t === 0) continue;
    // p = t A₂₂ v from the lower triangle of the trailing block A₂₂ (rows and columns o..n-1).
    p.fill(0, 0, len);
    for (let r = 0; r < len; r++) {
      const row = (o + r) * n + o;
      const vr = v[r]!;
      let acc = 0;
      for (let c = 0; c < r; c++) {
        const a = lower[row + c]!;
        acc += a * v[c]!;
        p[c]! += a * vr;
      }
      p[r]! += acc + lower[row + r]! * vr;
    }
    let pv = 0;
    for (let r = 0; r < len; r++) {
      p[r]! *= t;
      pv += p[r]! * v[r]!;
    }
    // w = p - (t/2)(pᵀv) v, then A₂₂ -= v wᵀ + w vᵀ: the two-sided application H A₂₂ H.
    const shift = -0.5 * t * pv;
    for (let r = 0; r < len; r++) p[r]! += shift * v[r]!;
    for (let r = 0; r < len; r++) {
      const row = (o + r) * n + o;
      const vr = v[r]!;
      const wr = p[r]!;
      for (let c = 0; c <= r; c++) lower[row + c]! -= vr * p[c]! + wr * v[c]!;
    }
  }
  if (n >= 2) {
    d[n - 2] = lower[(n - 2) * n + n - 2]!;
    e[n - 2] = lower[(n - 1) * n + n - 2]!;
  }
  if (n >= 1) d[n - 1] = lower[(n - 1) * n + n - 1]!;
  return { d, e, qt: computeQ ? formQt(vs, tau, n) : new Float64Array(0) };
}

/** Qᵀ for Q = H₀ H₁ ... H_{n-3}: row j is Q e_j, which the reflectors from j on leave alone. */
function formQt(vs: Float64Array, tau: Float64Array, n: number): Float64Array {
  const qt = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    qt[j * n + j] = 1;
    for (let i = Math.min(j - 1, tau.length - 1); i >= 0; i--) reflect(vs, i * n, qt, j * n + i + 1, n - i - 1, tau[i]!);
  }
  return qt;
}
