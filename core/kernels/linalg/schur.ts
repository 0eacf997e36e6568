/**
 * The real Schur decomposition A = Z T Zᵀ of one square matrix (LAPACK gees without sorting):
 * Householder reduction to upper Hessenberg form, then Francis double-shift QR sweeps with
 * deflation at negligible subdiagonal entries, accumulating Z. T is quasi upper triangular: 1x1
 * blocks for real eigenvalues and 2x2 blocks for complex pairs, each 2x2 block in LAPACK's
 * standard form (equal diagonal entries, off-diagonal entries of opposite sign), and a 2x2
 * block with real eigenvalues split into two 1x1 blocks (dlanv2's conventions). A matrix with
 * non-finite entries, or whose sweeps fail to converge, gives NaN (JAX's answer to LAPACK failing).
 */
import { allFinite, nanMatrix, type Matrix } from "./matrix.js";

/** [t, z] of the real Schur decomposition. */
export interface SchurResult {
  readonly t: Matrix;
  readonly z: Matrix;
}

const EPS = 2 ** -52;

/** Applies the reflector I - beta v vᵀ (v of length `len` at rows/cols `k..`) to H from both sides within the given ranges, and to Z from the right. */
function reflect(h: Float64Array, z: Float64Array, n: number, v: readonly number[], beta: number, k: number, colFrom: number, rowTo: number): void {
  const len = v.length;
  for (let j = colFrom; j < n; j++) {
    let s = 0;
    for (let i = 0; i < len; i++) s += v[i]! * h[(k + i) * n + j]!;
    s *= beta;
    for (let i = 0; i < len; i++) h[(k + i) * n + j]! -= s * v[i]!;
  }
  for (let i = 0; i <= rowTo; i++) {
    let s = 0;
    for (let j = 0; j < len; j++) s += h[i * n + k + j]! * v[j]!;
    s *= beta;
    for (let j = 0; j < len; j++) h[i * n + k + j]! -= s * v[j]!;
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < len; j++) s += z[i * n + k + j]! * v[j]!;
    s *= beta;
    for (let j = 0; j < len; j++) z[i * n + k + j]! -= s * v[j]!;
  }
}

/** The reflector [v, beta] with (I - beta v vᵀ) x = (alpha, 0, ...); beta 0 (no reflection, as LAPACK's dlarfg) when x is zero below its first entry. */
function householder(x: readonly number[]): [number[], number] {
  if (x.slice(1).every((e) => e === 0)) return [x.map(() => 0), 0];
  const norm = Math.hypot(...x);
  const alpha = x[0]! >= 0 ? -norm : norm;
  const v = [x[0]! - alpha, ...x.slice(1)];
  const vv = v.reduce((s, e) => s + e * e, 0);
  return [v, vv === 0 ? 0 : 2 / vv];
}

/** Rotates rows and columns p, p+1 of H (the rest of the rows right of the block, the columns above it) and columns of Z by (cs, sn): x' = cs x + sn y, y' = cs y - sn x. */
function rotate(h: Float64Array, z: Float64Array, n: number, p: number, cs: number, sn: number): void {
  const q = p + 1;
  for (let j = p; j < n; j++) {
    const x = h[p * n + j]!;
    const y = h[q * n + j]!;
    h[p * n + j] = cs * x + sn * y;
    h[q * n + j] = cs * y - sn * x;
  }
  for (let i = 0; i <= q; i++) {
    const x = h[i * n + p]!;
    const y = h[i * n + q]!;
    h[i * n + p] = cs * x + sn * y;
    h[i * n + q] = cs * y - sn * x;
  }
  for (let i = 0; i < n; i++) {
    const x = z[i * n + p]!;
    const y = z[i * n + q]!;
    z[i * n + p] = cs * x + sn * y;
    z[i * n + q] = cs * y - sn * x;
  }
}

const sign = (a: number, b: number): number => (b >= 0 ? Math.abs(a) : -Math.abs(a));

/**
 * The rotation (cs, sn) that puts the 2x2 block [[a, b], [c, d]] in standard form (dlanv2): upper
 * triangular when its eigenvalues are real, equal diagonal entries with b c < 0 when complex.
 */
function standardRotation(a: number, b: number, c: number, d: number): [number, number, boolean] {
  if (c === 0) return [1, 0, true];
  if (b === 0) return [0, 1, true];
  if (a - d === 0 && Math.sign(b) !== Math.sign(c)) return [1, 0, false];
  const temp = a - d;
  let p = 0.5 * temp;
  const bcmax = Math.max(Math.abs(b), Math.abs(c));
  const bcmis = Math.min(Math.abs(b), Math.abs(c)) * Math.sign(b) * Math.sign(c);
  const scale = Math.max(Math.abs(p), bcmax);
  let zz = (p / scale) * p + (bcmax / scale) * bcmis;
  if (zz >= 4 * EPS) {
    // Real eigenvalues: rotate the eigenvector of the one nearer a to the first axis.
    zz = p + sign(Math.sqrt(scale) * Math.sqrt(zz), p);
    const tau = Math.hypot(c, zz);
    return [zz / tau, c / tau, true];
  }
  // Complex or nearly equal eigenvalues: first make the diagonal entries equal.
  const sigma = b + c;
  const tau = Math.hypot(sigma, temp);
  let cs = Math.sqrt(0.5 * (1 + Math.abs(sigma) / tau));
  let sn = -(p / (tau * cs)) * sign(1, sigma);
  const aa = a * cs + b * sn;
  const bb = -a * sn + b * cs;
  const cc = c * cs + d * sn;
  const dd = -c * sn + d * cs;
  const b2 = bb * cs + dd * sn;
  const c2 = -aa * sn + cc * cs;
  let real = false;
  if (c2 !== 0 && b2 !== 0 && Math.sign(b2) === Math.sign(c2)) {
    real = true;
    // Real after all: a second rotation makes it upper triangular.
    const sab = Math.sqrt(Math.abs(b2));
    const sac = Math.sqrt(Math.abs(c2));
    p = sign(sab * sac, c2);
    const t = 1 / Math.sqrt(Math.abs(b2 + c2));
    const cs1 = sab * t;
    const sn1 = sac * t;
    const next = cs * cs1 - sn * sn1;
    sn = cs * sn1 + sn * cs1;
    cs = next;
  } else if (c2 !== 0 && b2 === 0) {
    const next = cs;
    cs = -sn;
    sn = next;
    real = true;
  } else if (c2 === 0) {
    real = true;
  }
  return [cs, sn, real];
}

/** The real Schur form of a square matrix, with its Schur vectors. */
export function schur(a: Matrix): SchurResult {
  const n = a.rows;
  if (!allFinite(a)) return { t: nanMatrix(n, n), z: nanMatrix(n, n) };
  const h = new Float64Array(a.data);
  const z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) z[i * n + i] = 1;
  // Hessenberg form: reflector k zeroes column k below the subdiagonal.
  for (let k = 0; k + 2 < n; k++) {
    const x: number[] = [];
    for (let i = k + 1; i < n; i++) x.push(h[i * n + k]!);
    const [v, beta] = householder(x);
    if (beta !== 0) reflect(h, z, n, v, beta, k + 1, 0, n - 1);
    for (let i = k + 2; i < n; i++) h[i * n + k] = 0;
  }
  const at = (i: number, j: number): number => h[i * n + j]!;
  let hi = n - 1;
  let iterations = 0;
  const limit = 30 * Math.max(n, 10);
  while (hi >= 0) {
    // The active block is lo..hi, lo just below the last negligible subdiagonal entry.
    let lo = hi;
    while (lo > 0) {
      const scale = Math.abs(at(lo - 1, lo - 1)) + Math.abs(at(lo, lo));
      if (Math.abs(at(lo, lo - 1)) <= EPS * (scale === 0 ? 1 : scale)) {
        h[lo * n + lo - 1] = 0;
        break;
      }
      lo--;
    }
    if (lo === hi) {
      hi -= 1;
      iterations = 0;
      continue;
    }
    if (lo === hi - 1) {
      const [cs, sn, real] = standardRotation(at(lo, lo), at(lo, hi), at(hi, lo), at(hi, hi));
      rotate(h, z, n, lo, cs, sn);
      if (real) {
        h[hi * n + lo] = 0;
      } else {
        // Standard form: equal diagonal entries (they agree up to rounding after the rotation).
        const mean = 0.5 * (at(lo, lo) + at(hi, hi));
        h[lo * n + lo] = mean;
        h[hi * n + hi] = mean;
      }
      hi -= 2;
      iterations = 0;
      continue;
    }
    if (++iterations > limit) return { t: nanMatrix(n, n), z: nanMatrix(n, n) };
    // The double shift: the eigenvalues of the trailing 2x2 block (exceptional shifts now and then).
    let s: number;
    let t: number;
    if (iterations % 10 === 0) {
      const w = Math.abs(at(hi, hi - 1)) + Math.abs(at(hi - 1, hi - 2));
      s = 1.5 * w + at(hi, hi);
      t = w * w;
    } else {
      s = at(hi - 1, hi - 1) + at(hi, hi);
      t = at(hi - 1, hi - 1) * at(hi, hi) - at(hi - 1, hi) * at(hi, hi - 1);
    }
    // First column of (H - s1)(H - s2), then chase the bulge down the active block.
    let x = at(lo, lo) * at(lo, lo) + at(lo, lo + 1) * at(lo + 1, lo) - s * at(lo, lo) + t;
    let y = at(lo + 1, lo) * (at(lo, lo) + at(lo + 1, lo + 1) - s);
    let w = at(lo + 1, lo) * at(lo + 2, lo + 1);
    for (let k = lo; k <= hi - 2; k++) {
      const [v, beta] = householder([x, y, w]);
      if (beta !== 0) reflect(h, z, n, v, beta, k, Math.max(lo, k - 1), Math.min(k + 3, hi));
      if (k > lo) {
        h[(k + 1) * n + k - 1] = 0;
        h[(k + 2) * n + k - 1] = 0;
      }
      x = at(k + 1, k);
      y = at(k + 2, k);
      if (k < hi - 2) w = at(k + 3, k);
    }
    const [v, beta] = householder([x, y]);
    if (beta !== 0) reflect(h, z, n, v, beta, hi - 1, hi - 2 >= lo ? hi - 2 : lo, hi);
    if (hi - 2 >= lo) h[hi * n + hi - 2] = 0;
  }
  // Zero what lies below the quasi-triangle (rounding debris under the subdiagonal).
  for (let i = 0; i < n; i++) for (let j = 0; j + 1 < i; j++) h[i * n + j] = 0;
  return { t: { rows: n, cols: n, data: h }, z: { rows: n, cols: n, data: z } };
}
