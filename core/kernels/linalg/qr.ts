/**
 * Householder QR in LAPACK's conventions (geqrf + orgqr, as numpy and JAX use), so Q and R match
 * theirs entry for entry, signs included: each reflector H = I - tau v vᵀ has v[0] = 1 and maps
 * its column to beta e₀ with beta = -sign(alpha) ‖x‖ (dlarfg); a column that is already zero
 * below the diagonal gets tau = 0, keeping its diagonal entry's sign.
 */
import type { Matrix } from "./matrix.js";
import { makeReflector, reflectEach, reflectorScratch } from "./reflector.js";

/** Q (m x k, or m x m when full) and R (k x n, or m x n when full), k = min(m, n). */
export interface QrResult {
  readonly q: Matrix;
  readonly r: Matrix;
}

/**
 * The Householder factorization of an m x n matrix, stored transposed so that each column (and
 * reflector) is contiguous: row j of `columns` is column j of the factored matrix, holding R above
 * and on the diagonal and reflector i's v below it (in row i).
 */
export interface Reflectors {
  readonly rows: number;
  readonly columns: Float64Array;
  readonly tau: Float64Array;
}

/** dgeqr2 on the transposed matrix. */
export function householder(a: Matrix): Reflectors {
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const cols = reflectorScratch(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) cols[j * m + i] = a.data[i * n + j]!;
  const tau = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const base = i * m;
    tau[i] = makeReflector(cols, base + i, base + m);
    reflectEach(cols, base + i, m - i, tau[i]!, cols, (i + 1) * m + i, m, n - i - 1);
  }
  return { rows: m, columns: cols.slice(), tau };
}

/**
 * Overwrites each of the `count` vectors of length m stored contiguously in `vectors` (from
 * offset 0) with Q times it, Q = H₀ H₁ ... H_{k-1}. When `unitColumns`, vector j is e_j, which
 * the reflectors past j leave alone (H_i only mixes entries >= i), so they skip it (dorg2r).
 */
export function applyQ(f: Reflectors, vectors: Float64Array, count: number, unitColumns = false): void {
  const m = f.rows;
  const k = f.tau.length;
  // The reflectors, then the vectors, in one scratch (where reflectEach may run in WebAssembly).
  const scratch = reflectorScratch((k + count) * m);
  scratch.set(f.columns.subarray(0, k * m));
  const work = scratch.subarray(k * m);
  work.set(vectors.subarray(0, count * m));
  for (let i = k - 1; i >= 0; i--) {
    const first = unitColumns ? i : 0;
    if (first < count) reflectEach(scratch, i * m + i, m - i, f.tau[i]!, work, first * m + i, m, count - first);
  }
  vectors.set(work);
}

/** The QR factorization of a (any m x n), reduced unless `fullMatrices`. */
export function qr(a: Matrix, fullMatrices: boolean): QrResult {
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const factors = householder(a);
  const rRows = fullMatrices ? m : k;
  const r = new Float64Array(rRows * n);
  for (let i = 0; i < Math.min(rRows, k); i++) for (let j = i; j < n; j++) r[i * n + j] = factors.columns[j * m + i]!;
  const qCols = fullMatrices ? m : k;
  // Column c of Q is Q e_c; e_c is untouched by the reflectors past c (dorg2r).
  const qt = new Float64Array(qCols * m);
  for (let c = 0; c < qCols; c++) qt[c * m + c] = 1;
  applyQ(factors, qt, qCols, true);
  const q = new Float64Array(m * qCols);
  for (let c = 0; c < qCols; c++) for (let i = 0; i < m; i++) q[i * qCols + c] = qt[c * m + i]!;
  return { q: { rows: m, cols: qCols, data: q }, r: { rows: rRows, cols: n, data: r } };
}
