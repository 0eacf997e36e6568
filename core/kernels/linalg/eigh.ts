/**
 * Symmetric eigendecomposition by the cyclic Jacobi method: slower than tridiagonal QR for large
 * matrices but simple, and accurate to high relative precision. Only the lower triangle is read
 * (JAX's eigh primitive with lower=True).
 */
import { allFinite, nanMatrix, type Matrix } from "./matrix.js";

/** Eigenvalues ascending and the matching unit eigenvectors as the columns of `v`. */
export interface EighResult {
  readonly w: Float64Array;
  readonly v: Matrix;
}

const maxSweeps = 60;

/** Eigenvalues and eigenvectors of the symmetric matrix whose lower triangle is a's; NaN everywhere for non-finite input. */
export function eigh(a: Matrix): EighResult {
  const n = a.rows;
  const s = symmetricFromLower(a);
  if (!allFinite({ rows: n, cols: n, data: s })) return { w: new Float64Array(n).fill(NaN), v: nanMatrix(n, n) };
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = s[p * n + q]!;
        const app = s[p * n + p]!;
        const aqq = s[q * n + q]!;
        // Relative test (Demmel-Veselić): an entry this small no longer changes any eigenvalue's leading digits.
        if (Math.abs(apq) <= Number.EPSILON * Math.sqrt(Math.abs(app) * Math.abs(aqq)) || apq === 0) continue;
        rotated = true;
        rotate(s, v, n, p, q);
      }
    }
    if (!rotated) break;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => s[i * n + i]! - s[j * n + j]! || i - j);
  const w = Float64Array.from(order, (i) => s[i * n + i]!);
  const vs = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) vs[r * n + c] = v[r * n + order[c]!]!;
  return { w, v: { rows: n, cols: n, data: vs } };
}

/** One Jacobi rotation zeroing s[p,q] (Golub & Van Loan, sym.schur2), accumulated into v. */
function rotate(s: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = s[p * n + q]!;
  const theta = (s[q * n + q]! - s[p * n + p]!) / (2 * apq);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(1, theta));
  const c = 1 / Math.sqrt(1 + t * t);
  const sn = t * c;
  s[p * n + p]! -= t * apq;
  s[q * n + q]! += t * apq;
  s[p * n + q] = 0;
  s[q * n + p] = 0;
  for (let r = 0; r < n; r++) {
    if (r !== p && r !== q) {
      const arp = s[r * n + p]!;
      const arq = s[r * n + q]!;
      const np = c * arp - sn * arq;
      const nq = sn * arp + c * arq;
      s[r * n + p] = np;
      s[p * n + r] = np;
      s[r * n + q] = nq;
      s[q * n + r] = nq;
    }
    const vrp = v[r * n + p]!;
    const vrq = v[r * n + q]!;
    v[r * n + p] = c * vrp - sn * vrq;
    v[r * n + q] = sn * vrp + c * vrq;
  }
}

function symmetricFromLower(a: Matrix): Float64Array {
  const n = a.rows;
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      s[i * n + j] = a.data[i * n + j]!;
      s[j * n + i] = a.data[i * n + j]!;
    }
  }
  return s;
}
