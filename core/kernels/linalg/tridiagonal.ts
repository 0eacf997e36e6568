/**
 * Householder reduction of a symmetric matrix to tridiagonal form, A = Q T Qᵀ (LAPACK's dsytd2 +
 * dorgtr, unblocked): the first step of eigh. Only the lower triangle is read and updated, which
 * halves the work of each step's symmetric rank-2 update.
 */
import { makeReflector, reflectEach, reflectorScratch } from "./reflector.js";

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
    lowerTimes(lower, n, o, v, p);
    let pv = 0;
    for (let r = 0; r < len; r++) {
      p[r]! *= t;
      pv += p[r]! * v[r]!;
    }
    // w = p - (t/2)(pᵀv) v, then A₂₂ -= v wᵀ + w vᵀ: the two-sided application H A₂₂ H.
    const shift = -0.5 * t * pv;
    for (let r = 0; r < len; r++) p[r]! += shift * v[r]!;
    lowerRank2Update(lower, n, o, v, p);
  }
  if (n >= 2) {
    d[n - 2] = lower[(n - 2) * n + n - 2]!;
    e[n - 2] = lower[(n - 1) * n + n - 2]!;
  }
  if (n >= 1) d[n - 1] = lower[(n - 1) * n + n - 1]!;
  return { d, e, qt: computeQ ? formQt(vs, tau, n) : new Float64Array(0) };
}

/**
 * Qᵀ for Q = H₀ H₁ ... H_{n-3}: row j is Q e_j, which the reflectors from j on leave alone, so
 * reflector i (applied last to first) acts on rows i+1.. only, each of them from entry i+1 on.
 */
function formQt(vs: Float64Array, tau: Float64Array, n: number): Float64Array {
  // The reflectors, then Qᵀ, in one scratch (where reflectEach may run in WebAssembly).
  const scratch = reflectorScratch(2 * n * n);
  scratch.set(vs);
  const qt = scratch.subarray(n * n);
  for (let j = 0; j < n; j++) qt[j * n + j] = 1;
  for (let i = tau.length - 1; i >= 0; i--) reflectEach(scratch, i * n, n - i - 1, tau[i]!, qt, (i + 1) * n + i + 1, n, n - i - 1);
  return qt.slice();
}

/**
 * p[0..len) := A₂₂ v for the symmetric trailing block A₂₂ = rows and columns o..n-1 of `lower`,
 * read from its lower triangle (len = n - o = v's length). Each row r adds its dot product with v
 * to p[r] and its entries times v[r] to p[0..r). Rows go two at a time, so that each load of v
 * and p serves both and the two dot products overlap; every p[c] still gets its terms in row order.
 */
function lowerTimes(lower: Float64Array, n: number, o: number, v: Float64Array, p: Float64Array): void {
  const len = n - o;
  p.fill(0, 0, len);
  let r = 0;
  for (; r + 1 < len; r += 2) {
    const row0 = (o + r) * n + o;
    const row1 = row0 + n;
    const v0 = v[r]!;
    const v1 = v[r + 1]!;
    let acc0 = 0;
    let acc1 = 0;
    for (let c = 0; c < r; c++) {
      const a0 = lower[row0 + c]!;
      const a1 = lower[row1 + c]!;
      const vc = v[c]!;
      acc0 += a0 * vc;
      acc1 += a1 * vc;
      p[c] = p[c]! + a0 * v0 + a1 * v1;
    }
    p[r]! += acc0 + lower[row0 + r]! * v0;
    const a = lower[row1 + r]!;
    acc1 += a * v0;
    p[r]! += a * v1;
    p[r + 1]! += acc1 + lower[row1 + r + 1]! * v1;
  }
  if (r < len) {
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
}

/** The lower triangle of A₂₂ (as in `lowerTimes`) minus v wᵀ + w vᵀ, two rows at a time. */
function lowerRank2Update(lower: Float64Array, n: number, o: number, v: Float64Array, w: Float64Array): void {
  const len = n - o;
  let r = 0;
  for (; r + 1 < len; r += 2) {
    const row0 = (o + r) * n + o;
    const row1 = row0 + n;
    const v0 = v[r]!;
    const w0 = w[r]!;
    const v1 = v[r + 1]!;
    const w1 = w[r + 1]!;
    for (let c = 0; c <= r; c++) {
      const wc = w[c]!;
      const vc = v[c]!;
      lower[row0 + c]! -= v0 * wc + w0 * vc;
      lower[row1 + c]! -= v1 * wc + w1 * vc;
    }
    lower[row1 + r + 1]! -= v1 * w[r + 1]! + w1 * v[r + 1]!;
  }
  if (r < len) {
    const row = (o + r) * n + o;
    const vr = v[r]!;
    const wr = w[r]!;
    for (let c = 0; c <= r; c++) lower[row + c]! -= vr * w[c]! + wr * v[c]!;
  }
}
