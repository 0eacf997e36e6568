/**
 * Symmetric eigendecomposition: Householder reduction to tridiagonal form (tridiagonal.ts), then
 * the implicit QL algorithm with Wilkinson shifts on the tridiagonal matrix, its plane rotations
 * accumulated into Q. O(n³) with small constants: about 9n³ flops with eigenvectors, against
 * ~10 sweeps of 6n³ for cyclic Jacobi. Only the lower triangle is read (JAX's eigh primitive
 * with lower=True).
 */
import { allFinite, nanMatrix, type Matrix } from "./matrix.js";
import { safeScale } from "./reflector.js";
import { emptyRotationLog, logRotation, replayRotations } from "./rotations.js";
import { tridiagonalize } from "./tridiagonal.js";

/** Eigenvalues ascending and the matching unit eigenvectors as the columns of `v`. */
export interface EighResult {
  readonly w: Float64Array;
  readonly v: Matrix;
}

/** LAPACK's dsteqr allows 30 QL steps per eigenvalue; after as many more with the looser deflation test below, eigh reports failure. */
const maxStepsPerEigenvalue = 30;

const smallestNormal = 2 ** -1022;

/** Eigenvalues and eigenvectors of the symmetric matrix whose lower triangle is a's; NaN everywhere for non-finite input or no convergence. */
export function eigh(a: Matrix): EighResult {
  const n = a.rows;
  const failed = { w: new Float64Array(n).fill(NaN), v: nanMatrix(n, n) };
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) lower[i * n + j] = a.data[i * n + j]!;
  if (!allFinite({ rows: n, cols: n, data: lower })) return failed;
  // Exact power-of-two scaling keeps squares of huge or tiny entries in range.
  const scale = safeScale(lower);
  if (scale !== 1) for (let i = 0; i < lower.length; i++) lower[i]! *= scale;
  const { d, e, qt } = tridiagonalize(lower, n, true);
  if (!diagonalize(d, e, qt, n)) return failed;
  // Eigenvalues ascending (selection sort: n row swaps of Qᵀ, each O(n)).
  for (let i = 0; i < n - 1; i++) {
    let smallest = i;
    for (let j = i + 1; j < n; j++) if (d[j]! < d[smallest]!) smallest = j;
    if (smallest === i) continue;
    [d[i], d[smallest]] = [d[smallest]!, d[i]!];
    swapRows(qt, i * n, smallest * n, n);
  }
  const v = new Float64Array(n * n);
  for (let c = 0; c < n; c++) for (let r = 0; r < n; r++) v[r * n + c] = qt[c * n + r]!;
  if (scale !== 1) for (let i = 0; i < n; i++) d[i]! /= scale;
  return { w: d, v: { rows: n, cols: n, data: v } };
}

/**
 * Implicit QL with Wilkinson shifts on the tridiagonal (d, e), overwriting d with the eigenvalues
 * and rotating rows of `zt` (row i is the vector for d[i]). False if some eigenvalue did not converge.
 */
function diagonalize(d: Float64Array, e: Float64Array, zt: Float64Array, n: number): boolean {
  const rotations = emptyRotationLog();
  const off = new Float64Array(n); // off[i] = T[i, i+1]; off[n-1] = 0 stops every search
  off.set(e);
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]!) + Math.abs(off[i]!) + (i > 0 ? Math.abs(off[i - 1]!) : 0));
  for (let l = 0; l < n; l++) {
    for (let step = 0; ; step++) {
      // The first negligible off-diagonal entry at or after l splits off the block l..m: small
      // next to its diagonal neighbours (LAPACK's test), or, once an eigenvalue has taken
      // maxStepsPerEigenvalue steps, small next to ‖T‖. That happens when a cluster of
      // eigenvalues near zero shares a block with large ones (a rank-deficient matrix): the
      // chase brings rounding noise of size eps ‖T‖ to the cluster's off-diagonal entries, which
      // then never get small next to their near-zero neighbours. Deflating them is still a
      // backward-stable step, like every rounding in the reduction to T.
      // (Subnormal entries count as negligible: they would only feed rotations with no precision left.)
      const floor = step >= maxStepsPerEigenvalue ? Math.max(Number.EPSILON * norm, smallestNormal) : smallestNormal;
      let m = l;
      while (m < n - 1 && Math.abs(off[m]!) > Math.max(Number.EPSILON * (Math.abs(d[m]!) + Math.abs(d[m + 1]!)), floor)) m++;
      if (m === l) break;
      if (step === 2 * maxStepsPerEigenvalue) return false;
      // Wilkinson shift: the eigenvalue of the leading 2x2 block nearer d[l], as g = d[m] - shift.
      // Every 10th step is unshifted instead: on strongly graded blocks the shifted bulge can
      // underflow to nothing and the step stall, which a zero shift does not.
      let g = (d[l + 1]! - d[l]!) / (2 * off[l]!);
      let r = Math.hypot(g, 1);
      g = step % 10 === 9 ? d[m]! : d[m]! - d[l]! + off[l]! / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      // Chase the bulge from the bottom of the block up, one rotation of rows (i, i+1) at a time.
      for (; i >= l; i--) {
        const f = s * off[i]!;
        const b = c * off[i]!;
        r = Math.hypot(f, g);
        off[i + 1] = r;
        if (r === 0) {
          // An off-diagonal entry underflowed: the block splits; deflate and start over.
          d[i + 1]! -= p;
          off[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        logRotation(rotations, i + 1, i, c, s);
      }
      if (r === 0 && i >= l) continue;
      d[l]! -= p;
      off[l] = g;
      off[m] = 0;
    }
  }
  replayRotations(rotations, zt, n, n);
  return true;
}

function swapRows(x: Float64Array, p: number, q: number, length: number): void {
  for (let k = 0; k < length; k++) {
    const t = x[p + k]!;
    x[p + k] = x[q + k]!;
    x[q + k] = t;
  }
}
