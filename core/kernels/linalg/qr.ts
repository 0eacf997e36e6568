/**
 * Householder QR in LAPACK's conventions (geqrf + orgqr, as numpy and JAX use), so Q and R match
 * theirs entry for entry, signs included: each reflector H = I - tau v vᵀ has v[0] = 1 and maps
 * its column to beta e₀ with beta = -sign(alpha) ‖x‖ (dlarfg); a column that is already zero
 * below the diagonal gets tau = 0, keeping its diagonal entry's sign.
 */
import type { Matrix } from "./matrix.js";

/** Q (m x k, or m x m when full) and R (k x n, or m x n when full), k = min(m, n). */
export interface QrResult {
  readonly q: Matrix;
  readonly r: Matrix;
}

/** The Euclidean norm of `x[start..end)`, scaled against overflow like dnrm2. */
export function norm2(x: Float64Array, start: number, end: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = start; i < end; i++) {
    const v = Math.abs(x[i]!);
    if (v === 0) continue;
    if (scale < v) {
      ssq = 1 + ssq * (scale / v) * (scale / v);
      scale = v;
    } else {
      ssq += (v / scale) * (v / scale);
    }
  }
  return scale * Math.sqrt(ssq);
}

/** Householder reflectors of a: row i of `columns` holds column i of the factored matrix (contiguous). */
interface Reflectors {
  readonly columns: Float64Array;
  readonly tau: Float64Array;
}

/** dgeqr2 on the transposed matrix, so that each column (and reflector) is contiguous. */
function householder(a: Matrix): Reflectors {
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const cols = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) cols[j * m + i] = a.data[i * n + j]!;
  const tau = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const base = i * m;
    const alpha = cols[base + i]!;
    const xnorm = norm2(cols, base + i + 1, base + m);
    if (xnorm === 0) continue;
    const beta = (alpha >= 0 ? -1 : 1) * Math.hypot(alpha, xnorm);
    tau[i] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let r = i + 1; r < m; r++) cols[base + r]! *= scale;
    cols[base + i] = beta;
    for (let j = i + 1; j < n; j++) reflect(cols, base, cols, j * m, i, m, tau[i]!);
  }
  return { columns: cols, tau };
}

/**
 * Applies H = I - tau v vᵀ to rows i.. of the column at `col[colBase ..]`; v is stored at
 * `v[vBase + i + 1 ..]` with an implicit v[i] = 1.
 */
function reflect(v: Float64Array, vBase: number, col: Float64Array, colBase: number, i: number, m: number, tau: number): void {
  if (tau === 0) return;
  let dot = col[colBase + i]!;
  for (let r = i + 1; r < m; r++) dot += v[vBase + r]! * col[colBase + r]!;
  const f = tau * dot;
  col[colBase + i]! -= f;
  for (let r = i + 1; r < m; r++) col[colBase + r]! -= f * v[vBase + r]!;
}

/** The QR factorization of a (any m x n), reduced unless `fullMatrices`. */
export function qr(a: Matrix, fullMatrices: boolean): QrResult {
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const { columns, tau } = householder(a);
  const rRows = fullMatrices ? m : k;
  const r = new Float64Array(rRows * n);
  for (let i = 0; i < Math.min(rRows, k); i++) for (let j = i; j < n; j++) r[i * n + j] = columns[j * m + i]!;
  const qCols = fullMatrices ? m : k;
  const q = formQ(columns, tau, m, qCols);
  return { q, r: { rows: rRows, cols: n, data: r } };
}

/**
 * The first `qCols` columns of Q = H₀ H₁ ... H_{k-1} (dorg2r): applied right to left to the
 * identity's columns, H_i only touches columns >= i.
 */
export function formQ(reflectorColumns: Float64Array, tau: Float64Array, m: number, qCols: number): Matrix {
  const k = tau.length;
  const qt = new Float64Array(qCols * m);
  for (let c = 0; c < qCols; c++) qt[c * m + c] = 1;
  for (let i = k - 1; i >= 0; i--) {
    for (let c = i; c < qCols; c++) reflect(reflectorColumns, i * m, qt, c * m, i, m, tau[i]!);
  }
  const q = new Float64Array(m * qCols);
  for (let c = 0; c < qCols; c++) for (let r = 0; r < m; r++) q[r * qCols + c] = qt[c * m + r]!;
  return { rows: m, cols: qCols, data: q };
}

/**
 * An orthonormal basis of the complement of span(columns of `a`) (a: m x r with orthonormal
 * columns): the last m - r columns of a full Householder Q of a. Returned as rows (m - r vectors of length m).
 */
export function orthogonalComplement(a: Matrix): Float64Array[] {
  const { rows: m, cols: r } = a;
  const { columns, tau } = householder(a);
  const q = formQ(columns, tau, m, m);
  const out: Float64Array[] = [];
  for (let c = r; c < m; c++) {
    const v = new Float64Array(m);
    for (let i = 0; i < m; i++) v[i] = q.data[i * m + c]!;
    out.push(v);
  }
  return out;
}
