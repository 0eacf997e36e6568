/**
 * Singular value decomposition by one-sided Jacobi (Hestenes): rotate pairs of columns until all
 * are mutually orthogonal; their norms are then the singular values. Simple, and accurate to
 * high relative precision. Wide matrices are decomposed through their transpose.
 */
import { allFinite, nanMatrix, type Matrix } from "./matrix.js";
import { norm2, orthogonalComplement } from "./qr.js";

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

const maxSweeps = 75;

/** The SVD a = u diag(s) vt; NaN everywhere for non-finite input (as JAX reports a failed gesdd). */
export function svd(a: Matrix, options: SvdOptions): SvdResult {
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  if (!allFinite(a)) {
    const [ur, vc] = options.fullMatrices ? [m, n] : [k, k];
    return {
      s: new Float64Array(k).fill(NaN),
      u: options.computeUv ? nanMatrix(m, ur) : null,
      vt: options.computeUv ? nanMatrix(vc, n) : null,
    };
  }
  // Columns of a (rows of aᵀ) when tall; columns of aᵀ (rows of a) when wide: k vectors of length `len`.
  const tall = m >= n;
  const len = tall ? m : n;
  const vectors = new Float64Array(a.data.length);
  if (tall) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) vectors[j * m + i] = a.data[i * n + j]!;
  else vectors.set(a.data);
  const right = options.computeUv ? identity(k) : null;
  orthogonalize(vectors, k, len, right);

  const norms = Array.from({ length: k }, (_, j) => norm2(vectors, j * len, (j + 1) * len));
  const order = Array.from({ length: k }, (_, j) => j).sort((i, j) => norms[j]! - norms[i]! || i - j);
  const s = Float64Array.from(order, (j) => norms[j]!);
  if (right === null) return { s, u: null, vt: null };

  // The normalized columns are the left vectors of the tall problem; `right` holds its right vectors.
  const left: (Float64Array | null)[] = order.map((j) => {
    const norm = norms[j]!;
    return norm > 0 ? vectors.slice(j * len, (j + 1) * len).map((x) => x / norm) : null;
  });
  const leftBasis = completeBasis(left, len, options.fullMatrices ? len : k);
  const rightBasis = order.map((j) => right.slice(j * k, (j + 1) * k));
  // Tall: u = left basis as columns, vt = right vectors as rows. Wide: the roles swap.
  return tall
    ? { s, u: asColumns(leftBasis, len), vt: asRows(rightBasis, k) }
    : { s, u: asColumns(rightBasis, k), vt: asRows(leftBasis, len) };
}

/**
 * Rotates the k vectors (rows of `vectors`, each of length `len`) pairwise until orthogonal,
 * applying the same rotations to the rows of `right` (k x k) when given.
 */
function orthogonalize(vectors: Float64Array, k: number, len: number, right: Float64Array | null): void {
  const tol = Number.EPSILON * Math.sqrt(len);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const bp = p * len;
        const bq = q * len;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < len; i++) {
          const x = vectors[bp + i]!;
          const y = vectors[bq + i]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.hypot(1, zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = c * t;
        rotatePair(vectors, bp, bq, len, c, sn);
        if (right !== null) rotatePair(right, p * k, q * k, k, c, sn);
      }
    }
    if (!rotated) break;
  }
}

function rotatePair(data: Float64Array, bp: number, bq: number, len: number, c: number, s: number): void {
  for (let i = 0; i < len; i++) {
    const x = data[bp + i]!;
    const y = data[bq + i]!;
    data[bp + i] = c * x - s * y;
    data[bq + i] = s * x + c * y;
  }
}

/**
 * `count` orthonormal vectors of length `len`: the given ones in order, with each missing one
 * (a zero singular value) and each extra one filled from the complement of the given ones.
 */
function completeBasis(given: readonly (Float64Array | null)[], len: number, count: number): Float64Array[] {
  const present = given.filter((v): v is Float64Array => v !== null);
  if (present.length === count) return present;
  const known = new Float64Array(len * present.length);
  present.forEach((v, c) => {
    for (let i = 0; i < len; i++) known[i * present.length + c] = v[i]!;
  });
  const extra = orthogonalComplement({ rows: len, cols: present.length, data: known });
  let next = 0;
  const out = given.map((v) => v ?? extra[next++]!);
  while (out.length < count) out.push(extra[next++]!);
  return out;
}

function identity(n: number): Float64Array {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) d[i * n + i] = 1;
  return d;
}

/** The matrix whose columns are `vectors` (each of length `len`). */
function asColumns(vectors: readonly Float64Array[], len: number): Matrix {
  const cols = vectors.length;
  const d = new Float64Array(len * cols);
  vectors.forEach((v, c) => {
    for (let i = 0; i < len; i++) d[i * cols + c] = v[i]!;
  });
  return { rows: len, cols, data: d };
}

/** The matrix whose rows are `vectors` (each of length `len`). */
function asRows(vectors: readonly Float64Array[], len: number): Matrix {
  const d = new Float64Array(len * vectors.length);
  vectors.forEach((v, r) => d.set(v, r * len));
  return { rows: vectors.length, cols: len, data: d };
}
