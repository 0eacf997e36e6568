/**
 * The SVD of an upper bidiagonal matrix by implicit QR (Golub-Kahan-Reinsch): shifted QR steps
 * chase a bulge down the block, zero diagonal entries are rotated out first, and converged
 * superdiagonal entries split the problem. Each rotation is accumulated into the rows of Uᵀ
 * (left) or Vᵀ (right), which are the columns of U and V.
 */
import { emptyRotationLog, logRotation, replayRotations } from "./rotations.js";

/** LAPACK's dbdsqr gives up after 6n² QR steps. */
const maxStepsPerSquare = 6;

/** Entries below this (subnormal) count as zero: rotations built from them have no precision left. */
const smallestNormal = 2 ** -1022;

/**
 * Overwrites d (n) with the singular values (unsorted, of either sign) and e (n - 1) with zeros,
 * rotating the rows (each n long) of `ut` and `vt` when given. False if it did not converge.
 */
export function diagonalizeBidiagonal(d: Float64Array, e: Float64Array, ut: Float64Array | null, vt: Float64Array | null, n: number): boolean {
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]!) + (i < n - 1 ? Math.abs(e[i]!) : 0));
  // A diagonal entry this small is set to zero (a backward error of eps ‖B‖) and rotated out.
  const tiny = Math.max(Number.EPSILON * norm, smallestNormal);
  const negligible = (i: number) => Math.abs(e[i]!) <= Math.max(Number.EPSILON * (Math.abs(d[i]!) + Math.abs(d[i + 1]!)), smallestNormal);
  // The rotations of Uᵀ and Vᵀ are logged and replayed at the end (rotations.ts).
  const uLog = emptyRotationLog();
  const vLog = emptyRotationLog();
  const rotateU: Rotate = (p, q, c, s) => {
    if (ut !== null) logRotation(uLog, p, q, c, s);
  };
  const rotateV: Rotate = (p, q, c, s) => {
    if (vt !== null) logRotation(vLog, p, q, c, s);
  };
  let steps = 0;
  let hi = n - 1;
  while (hi > 0) {
    if (negligible(hi - 1)) {
      e[hi - 1] = 0;
      hi--;
      continue;
    }
    let lo = hi - 1;
    while (lo > 0 && !negligible(lo - 1)) lo--;
    if (lo > 0) e[lo - 1] = 0;
    if (++steps > maxStepsPerSquare * n * n) return false;
    let zero = lo;
    while (zero <= hi && Math.abs(d[zero]!) > tiny) zero++;
    if (zero <= hi) {
      d[zero] = 0;
      if (zero < hi) chaseRowRight(d, e, zero, hi, rotateU);
      else chaseColumnUp(d, e, lo, hi, rotateV);
      continue;
    }
    shiftedStep(d, e, lo, hi, rotateU, rotateV);
  }
  if (ut !== null) replayRotations(uLog, ut, n, n);
  if (vt !== null) replayRotations(vLog, vt, n, n);
  return true;
}

type Rotate = (p: number, q: number, c: number, s: number) => void;

/** d[i] = 0 (i < hi): zero e[i] by left rotations of rows (j, i), pushing the fill right to hi. */
function chaseRowRight(d: Float64Array, e: Float64Array, i: number, hi: number, rotateU: Rotate): void {
  let f = e[i]!;
  e[i] = 0;
  for (let j = i + 1; j <= hi && f !== 0; j++) {
    const r = Math.hypot(d[j]!, f);
    const c = d[j]! / r;
    const s = f / r;
    d[j] = r;
    rotateU(j, i, c, s);
    if (j < hi) {
      f = -s * e[j]!;
      e[j] = c * e[j]!;
    }
  }
}

/** d[hi] = 0: zero e[hi-1] by right rotations of columns (j, hi), pushing the fill up to lo. */
function chaseColumnUp(d: Float64Array, e: Float64Array, lo: number, hi: number, rotateV: Rotate): void {
  let f = e[hi - 1]!;
  e[hi - 1] = 0;
  for (let j = hi - 1; j >= lo && f !== 0; j--) {
    const r = Math.hypot(d[j]!, f);
    const c = d[j]! / r;
    const s = f / r;
    d[j] = r;
    rotateV(j, hi, c, s);
    if (j > lo) {
      f = -s * e[j - 1]!;
      e[j - 1] = c * e[j - 1]!;
    }
  }
}

/** The plane rotation (c, s) with c y + s z = hypot(y, z) and c z - s y = 0. */
function givens(y: number, z: number): [number, number, number] {
  const r = Math.hypot(y, z);
  return r === 0 ? [1, 0, 0] : [y / r, z / r, r];
}

/** One implicit QR step on the block lo..hi (all its d and e nonzero), shifted by the Wilkinson shift of BᵀB. */
function shiftedStep(d: Float64Array, e: Float64Array, lo: number, hi: number, rotateU: Rotate, rotateV: Rotate): void {
  // The eigenvalue of BᵀB's trailing 2x2 block nearer its last diagonal entry.
  const above = hi - 1 > lo ? e[hi - 2]! : 0;
  const t11 = d[hi - 1]! * d[hi - 1]! + above * above;
  const t12 = d[hi - 1]! * e[hi - 1]!;
  const t22 = d[hi]! * d[hi]! + e[hi - 1]! * e[hi - 1]!;
  const delta = (t11 - t22) / 2;
  const denominator = delta + (delta >= 0 ? 1 : -1) * Math.hypot(delta, t12);
  const shift = denominator === 0 ? t22 : t22 - (t12 * t12) / denominator;
  let y = d[lo]! * d[lo]! - shift;
  let z = d[lo]! * e[lo]!;
  for (let k = lo; k < hi; k++) {
    // Right rotation of columns (k, k+1): zeroes the bulge above (or starts the chase).
    let [c, s, r] = givens(y, z);
    if (k > lo) e[k - 1] = r;
    const dk = d[k]!;
    const ek = e[k]!;
    d[k] = c * dk + s * ek;
    e[k] = c * ek - s * dk;
    const bulge = s * d[k + 1]!;
    d[k + 1] = c * d[k + 1]!;
    rotateV(k, k + 1, c, s);
    // Left rotation of rows (k, k+1): zeroes the bulge below the diagonal, making one right of the superdiagonal.
    [c, s, r] = givens(d[k]!, bulge);
    d[k] = r;
    const ek2 = e[k]!;
    e[k] = c * ek2 + s * d[k + 1]!;
    d[k + 1] = c * d[k + 1]! - s * ek2;
    rotateU(k, k + 1, c, s);
    if (k < hi - 1) {
      y = e[k]!;
      z = s * e[k + 1]!;
      e[k + 1] = c * e[k + 1]!;
    }
  }
}
