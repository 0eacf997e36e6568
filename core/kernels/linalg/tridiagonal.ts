/**
 * Householder reduction of a symmetric matrix to tridiagonal form, A = Q T Qᵀ (LAPACK's dsytd2 +
 * dorgtr, unblocked): the first step of eigh. Only the lower triangle is read and updated, which
 * halves the work of each step's symmetric rank-2 update.
 */
import { lowerRank2Wasm, lowerTimesWasm } from "../wasm/reflectors.js";
import { makeReflector, reflectEach, reflectorScratch } from "./reflector.js";

/** T's diagonal `d` (n) and off-diagonal `e` (n - 1), and Qᵀ (row j is column j of Q). */
export interface Tridiagonal {
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly qt: Float64Array;
}

/** Reduces the n x n row-major matrix whose lower triangle is `a`'s to tridiagonal form. */
export function tridiagonalize(a: Float64Array, n: number, computeQ: boolean): Tridiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  const tau = new Float64Array(Math.max(n - 2, 0));
  // The working matrix, the reflectors, Qᵀ and p in one scratch, where the inner steps may run
  // in WebAssembly. Reflector i acts on entries i+1..n-1; its v is kept in row i of `vs`.
  const scratch = reflectorScratch(3 * n * n + n);
  const lower = scratch.subarray(0, n * n);
  lower.set(a.subarray(0, n * n));
  const vs = scratch.subarray(n * n, 2 * n * n);
  const qt = scratch.subarray(2 * n * n, 3 * n * n);
  const p = scratch.subarray(3 * n * n);
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
  if (computeQ) formQt(vs, tau, qt, n);
  return { d, e, qt: computeQ ? qt.slice() : new Float64Array(0) };
}

/**
 * Writes into the zeroed `qt` Qᵀ for Q = H₀ H₁ ... H_{n-3}: row j is Q e_j, which the reflectors
 * from j on leave alone, so reflector i (applied last to first) acts on rows i+1.. only, each of
 * them from entry i+1 on.
 */
function formQt(vs: Float64Array, tau: Float64Array, qt: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) qt[j * n + j] = 1;
  for (let i = tau.length - 1; i >= 0; i--) reflectEach(vs, i * n, n - i - 1, tau[i]!, qt, (i + 1) * n + i + 1, n, n - i - 1);
}

/**
 * p[0..len) := A₂₂ v for the symmetric trailing block A₂₂ = rows and columns o..n-1 of `lower`,
 * read from its lower triangle (len = n - o = v's length). Row r, in order, adds its entries
 * times v[r] to p[0..r) and to p[r] its dot product with v: the even columns summed in one
 * partial sum and the odd ones in another, which are then added (and a last odd-one-out column
 * after them), as the WebAssembly kernel (core/kernels/wasm/tridiagonal-module.ts) sums them.
 */
export function lowerTimes(lower: Float64Array, n: number, o: number, v: Float64Array, p: Float64Array): void {
  if (lowerTimesWasm(lower, n, o, v, p)) return;
  const len = n - o;
  p.fill(0, 0, len);
  for (let r = 0; r < len; r++) {
    const row = (o + r) * n + o;
    const vr = v[r]!;
    let even = 0;
    let odd = 0;
    let c = 0;
    for (; c + 1 < r; c += 2) {
      const a0 = lower[row + c]!;
      const a1 = lower[row + c + 1]!;
      even += a0 * v[c]!;
      odd += a1 * v[c + 1]!;
      p[c]! += a0 * vr;
      p[c + 1]! += a1 * vr;
    }
    let dot = even + odd;
    if (c < r) {
      const a0 = lower[row + c]!;
      dot += a0 * v[c]!;
      p[c]! += a0 * vr;
    }
    p[r]! += dot + lower[row + r]! * vr;
  }
}

/** The lower triangle of A₂₂ (as in `lowerTimes`) minus v wᵀ + w vᵀ. */
export function lowerRank2Update(lower: Float64Array, n: number, o: number, v: Float64Array, w: Float64Array): void {
  if (lowerRank2Wasm(lower, n, o, v, w)) return;
  const len = n - o;
  for (let r = 0; r < len; r++) {
    const row = (o + r) * n + o;
    const vr = v[r]!;
    const wr = w[r]!;
    for (let c = 0; c <= r; c++) lower[row + c]! -= vr * w[c]! + wr * v[c]!;
  }
}
