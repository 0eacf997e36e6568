/**
 * Golub-Kahan bidiagonalization of a square matrix, R = U B Vᵀ with B upper bidiagonal (LAPACK's
 * dgebd2 + dorgbr, unblocked): the first step of svd. Left reflectors zero columns below the
 * diagonal, right reflectors zero rows right of the superdiagonal.
 */
import { makeReflector, reflectEach, reflectorScratch } from "./reflector.js";

/** B's diagonal `d` (n) and superdiagonal `e` (n - 1), and Uᵀ, Vᵀ (row j is column j of U, V) when asked for. */
export interface Bidiagonal {
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly ut: Float64Array | null;
  readonly vt: Float64Array | null;
}

/** Reduces the n x n row-major `a` to upper bidiagonal form. */
export function bidiagonalize(a: Float64Array, n: number, computeUv: boolean): Bidiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  // The working matrix, the reflectors, Uᵀ and Vᵀ in one scratch, where reflectEach may run in
  // WebAssembly. Left reflector i acts on entries i.., right reflector i on entries i+1..; their
  // v's are kept from offset 0 of row i of `left` and `right`.
  const scratch = reflectorScratch(5 * n * n);
  const r = scratch.subarray(0, n * n);
  r.set(a.subarray(0, n * n));
  const left = scratch.subarray(n * n, 2 * n * n);
  const right = scratch.subarray(2 * n * n, 3 * n * n);
  const leftTau = new Float64Array(n);
  const rightTau = new Float64Array(Math.max(n - 1, 0));
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const len = n - i;
    const v = left.subarray(i * n, i * n + len);
    for (let k = 0; k < len; k++) v[k] = r[(i + k) * n + i]!;
    const t = makeReflector(v, 0, len);
    d[i] = v[0]!;
    v[0] = 1;
    leftTau[i] = t;
    if (t !== 0 && i < n - 1) {
      // Rows i.. of columns i+1..: A -= t v (vᵀA), by rows so that every access is contiguous.
      w.fill(0, i + 1, n);
      for (let k = 0; k < len; k++) {
        const row = (i + k) * n;
        const vk = v[k]!;
        for (let j = i + 1; j < n; j++) w[j]! += vk * r[row + j]!;
      }
      for (let k = 0; k < len; k++) {
        const row = (i + k) * n;
        const f = t * v[k]!;
        for (let j = i + 1; j < n; j++) r[row + j]! -= f * w[j]!;
      }
    }
    if (i === n - 1) break;
    const start = i * n + i + 1;
    const tr = makeReflector(r, start, i * n + n);
    e[i] = r[start]!;
    rightTau[i] = tr;
    const u = right.subarray(i * n, i * n + len - 1);
    u.set(r.subarray(start, i * n + n));
    u[0] = 1;
    reflectEach(u, 0, len - 1, tr, r, (i + 1) * n + i + 1, n, n - i - 1);
  }
  if (!computeUv) return { d, e, ut: null, vt: null };
  const ut = scratch.subarray(3 * n * n, 4 * n * n);
  const vt = scratch.subarray(4 * n * n, 5 * n * n);
  for (let j = 0; j < n; j++) {
    ut[j * n + j] = 1;
    vt[j * n + j] = 1;
  }
  // Column j of U is H₀ ... H_{n-1} e_j, and reflectors past j leave e_j alone (likewise for V):
  // so reflector i, applied last to first, acts on the rows of Uᵀ (Vᵀ) from i (i + 1) on.
  for (let i = n - 1; i >= 0; i--) {
    reflectEach(left, i * n, n - i, leftTau[i]!, ut, i * n + i, n, n - i);
    if (i < n - 1) reflectEach(right, i * n, n - i - 1, rightTau[i]!, vt, (i + 1) * n + i + 1, n, n - i - 1);
  }
  return { d, e, ut: ut.slice(), vt: vt.slice() };
}
