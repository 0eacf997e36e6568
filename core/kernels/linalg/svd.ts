/**
 * Singular value decomposition, LAPACK's dgesvd path: a wide matrix is decomposed through its
 * transpose; a tall one is first reduced by Householder QR to its square R (qr.ts), R is
 * bidiagonalized (bidiagonal.ts), the bidiagonal diagonalized by implicit QR (bidiagonal-qr.ts),
 * and the left vectors lifted back through Q.
 */
import { bidiagonalize } from "./bidiagonal.js";
import { diagonalizeBidiagonal } from "./bidiagonal-qr.js";
import { allFinite, nanMatrix, transposed, type Matrix } from "./matrix.js";
import { applyQ, householder, type Reflectors } from "./qr.js";
import { safeScale } from "./reflector.js";

/** What to compute. */
export interface SvdOptions {
  readonly fullMatrices: boolean;
  readonly computeUv: boolean;
}

/** s descending; u (m x k or m x m) and vt (k x n or n x n) when computeUv, k = min(m, n). */
export interface SvdResult {
  readonly s: Float64Array;
  readonly u: Matrix | null;
  readonly vt: Matrix | null;
}

/** The SVD a = u diag(s) vt; NaN everywhere for non-finite input or no convergence (as JAX reports a failed gesdd). */
export function svd(a: Matrix, options: SvdOptions): SvdResult {
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const failed = (): SvdResult => {
    const [ur, vc] = options.fullMatrices ? [m, n] : [k, k];
    return {
      s: new Float64Array(k).fill(NaN),
      u: options.computeUv ? nanMatrix(m, ur) : null,
      vt: options.computeUv ? nanMatrix(vc, n) : null,
    };
  };
  if (!allFinite(a)) return failed();
  // Work on the tall one of a and aᵀ: len x k, len >= k.
  const tall = m >= n;
  const work = tall ? { ...a, data: a.data.slice() } : transposed(a);
  const len = work.rows;
  const scale = safeScale(work.data);
  if (scale !== 1) for (let i = 0; i < work.data.length; i++) work.data[i]! *= scale;
  const { core, reflectors } = squareCore(work);
  const { d, e, ut, vt } = bidiagonalize(core, k, options.computeUv);
  if (!diagonalizeBidiagonal(d, e, ut, vt, k)) return failed();
  sortDescending(d, ut, vt, k);
  if (scale !== 1) for (let i = 0; i < k; i++) d[i]! /= scale;
  if (ut === null || vt === null) return { s: d, u: null, vt: null };

  // Left vectors of the tall problem: the core's, padded with zeros and lifted by Q, then (full) Q's remaining columns.
  const leftCount = options.fullMatrices ? len : k;
  const left = new Float64Array(leftCount * len);
  for (let j = 0; j < k; j++) left.set(ut.subarray(j * k, (j + 1) * k), j * len);
  for (let j = k; j < leftCount; j++) left[j * len + j] = 1;
  if (reflectors !== null) applyQ(reflectors, left, leftCount);
  const leftRows: Matrix = { rows: leftCount, cols: len, data: left };
  const rightRows: Matrix = { rows: k, cols: k, data: vt };
  // a = U S Vᵀ when tall; aᵀ = U S Vᵀ gives a = V S Uᵀ when wide.
  return tall ? { s: d, u: transposed(leftRows), vt: rightRows } : { s: d, u: transposed(rightRows), vt: leftRows };
}

/** The square k x k matrix to bidiagonalize: R of a QR factorization when there are more rows than columns. */
function squareCore(a: Matrix): { core: Float64Array; reflectors: Reflectors | null } {
  const { rows: m, cols: k } = a;
  if (m === k) return { core: a.data, reflectors: null };
  const reflectors = householder(a);
  const core = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) core[i * k + j] = reflectors.columns[j * m + i]!;
  return { core, reflectors };
}

/** Makes the singular values nonnegative (flipping rows of vt) and sorts them descending with their vectors. */
function sortDescending(d: Float64Array, ut: Float64Array | null, vt: Float64Array | null, k: number): void {
  for (let i = 0; i < k; i++) {
    if (d[i]! >= 0) continue;
    d[i] = -d[i]!;
    if (vt !== null) for (let c = 0; c < k; c++) vt[i * k + c] = -vt[i * k + c]!;
  }
  for (let i = 0; i < k - 1; i++) {
    let largest = i;
    for (let j = i + 1; j < k; j++) if (d[j]! > d[largest]!) largest = j;
    if (largest === i) continue;
    [d[i], d[largest]] = [d[largest]!, d[i]!];
    if (ut !== null) swapRows(ut, i * k, largest * k, k);
    if (vt !== null) swapRows(vt, i * k, largest * k, k);
  }
}

function swapRows(x: Float64Array, p: number, q: number, length: number): void {
  for (let i = 0; i < length; i++) {
    const t = x[p + i]!;
    x[p + i] = x[q + i]!;
    x[q + i] = t;
  }
}
