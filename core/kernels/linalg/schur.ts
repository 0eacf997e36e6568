/**
 * The real Schur decomposition A = Z T Zᵀ of one square matrix, following the steps of LAPACK's
 * dgees without sorting (dgehd2's Householder reduction to upper Hessenberg form, then dlahqr's
 * Francis double-shift sweeps: its deflation test, shifts, exceptional shifts and bulge start,
 * accumulating Z), so in float64 it gives LAPACK's T and Z up to rounding, not merely another
 * valid decomposition. T is quasi upper triangular: 1x1 blocks for real eigenvalues and 2x2
 * blocks for complex pairs in dlanv2's standard form (equal diagonal entries, off-diagonal
 * entries of opposite sign). Non-finite input, or sweeps that fail to converge, give NaN (JAX's
 * answer to LAPACK failing).
 */
import { allFinite, nanMatrix, type Matrix } from "./matrix.js";

/** [t, z] of the real Schur decomposition. */
export interface SchurResult {
  readonly t: Matrix;
  readonly z: Matrix;
}

const EPS = 2 ** -52;

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

/** LAPACK's dlarfg on x = (alpha, rest): [beta, tau, v] with (I - tau (1, v)(1, v)ᵀ) x = (beta, 0, ...); tau 0 when rest is zero. */
function dlarfg(x: readonly number[]): [number, number, number[]] {
  const alpha = x[0]!;
  const rest = x.slice(1);
  const xnorm = Math.hypot(...rest);
  if (xnorm === 0) return [alpha, 0, rest.map(() => 0)];
  const beta = -sign(Math.hypot(alpha, xnorm), alpha);
  const inverse = 1 / (alpha - beta);
  return [beta, (beta - alpha) / beta, rest.map((e) => e * inverse)];
}

/** I - tau v vᵀ (v at rows/cols k..) applied to H's rows k.. from column colFrom on, H's columns k.. in rows 0..rowTo, and Z's columns k... */
function applyReflector(h: Float64Array, z: Float64Array, n: number, v: readonly number[], tau: number, k: number, colFrom: number, rowTo: number): void {
  if (tau === 0) return;
  const len = v.length;
  for (let j = colFrom; j < n; j++) {
    let s = 0;
    for (let r = 0; r < len; r++) s += v[r]! * h[(k + r) * n + j]!;
    for (let r = 0; r < len; r++) h[(k + r) * n + j]! -= s * tau * v[r]!;
  }
  for (let i = 0; i <= rowTo; i++) {
    let s = 0;
    for (let r = 0; r < len; r++) s += h[i * n + k + r]! * v[r]!;
    for (let r = 0; r < len; r++) h[i * n + k + r]! -= s * tau * v[r]!;
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let r = 0; r < len; r++) s += z[i * n + k + r]! * v[r]!;
    for (let r = 0; r < len; r++) z[i * n + k + r]! -= s * tau * v[r]!;
  }
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
    const [beta, tau, tail] = dlarfg(x);
    applyReflector(h, z, n, [1, ...tail], tau, k + 1, k + 1, n - 1);
    h[(k + 1) * n + k] = beta;
    for (let i = k + 2; i < n; i++) h[i * n + k] = 0;
  }
  const at = (i: number, j: number): number => h[i * n + j]!;
  // QR sweeps in the manner of LAPACK's dlahqr (what gees runs on small matrices), so that the
  // eigenvalues usually come out in LAPACK's order: its deflation test, its shifts (a real pair
  // replaced by a double shift at the one nearer the corner), its exceptional shifts, and its
  // search for a bulge start below two small subdiagonal entries.
  const safeMin = 2 ** -1022;
  const small = safeMin * (n / EPS);
  let hi = n - 1;
  let sinceDeflation = 0;
  const limit = 30 * Math.max(10, n);
  while (hi >= 0) {
    let lo = 0;
    let its = 0;
    for (; its <= limit; its++) {
      // Find lo: the top of the unreduced block ending at hi.
      let k = hi;
      for (; k > 0; k--) {
        const sub = Math.abs(at(k, k - 1));
        if (sub <= small) break;
        let tst = Math.abs(at(k - 1, k - 1)) + Math.abs(at(k, k));
        if (tst === 0) {
          if (k - 2 >= 0) tst += Math.abs(at(k - 1, k - 2));
          if (k + 1 <= n - 1) tst += Math.abs(at(k + 1, k));
        }
        if (sub <= EPS * tst) {
          const ab = Math.max(sub, Math.abs(at(k - 1, k)));
          const ba = Math.min(sub, Math.abs(at(k - 1, k)));
          const aa = Math.max(Math.abs(at(k, k)), Math.abs(at(k - 1, k - 1) - at(k, k)));
          const bb = Math.min(Math.abs(at(k, k)), Math.abs(at(k - 1, k - 1) - at(k, k)));
          const sum = aa + ab;
          if (ba * (ab / sum) <= Math.max(small, EPS * (bb * (aa / sum)))) break;
        }
      }
      lo = k;
      if (lo > 0) h[lo * n + lo - 1] = 0;
      if (lo >= hi - 1) break;
      sinceDeflation++;
      // The shifts: the eigenvalues of the trailing 2x2 block, or exceptional ones.
      let h11: number;
      let h12: number;
      let h21: number;
      let h22: number;
      if (sinceDeflation % 20 === 0) {
        const e = Math.abs(at(hi, hi - 1)) + Math.abs(at(hi - 1, hi - 2));
        h11 = 0.75 * e + at(hi, hi);
        h12 = -0.4375 * e;
        h21 = e;
        h22 = h11;
      } else if (sinceDeflation % 10 === 0) {
        const e = Math.abs(at(lo + 1, lo)) + Math.abs(at(lo + 2, lo + 1));
        h11 = 0.75 * e + at(lo, lo);
        h12 = -0.4375 * e;
        h21 = e;
        h22 = h11;
      } else {
        h11 = at(hi - 1, hi - 1);
        h21 = at(hi, hi - 1);
        h12 = at(hi - 1, hi);
        h22 = at(hi, hi);
      }
      let rt1r = 0;
      let rt1i = 0;
      let rt2r = 0;
      let rt2i = 0;
      const scale = Math.abs(h11) + Math.abs(h12) + Math.abs(h21) + Math.abs(h22);
      if (scale !== 0) {
        h11 /= scale;
        h21 /= scale;
        h12 /= scale;
        h22 /= scale;
        const tr = (h11 + h22) / 2;
        const det = (h11 - tr) * (h22 - tr) - h12 * h21;
        const rtdisc = Math.sqrt(Math.abs(det));
        if (det >= 0) {
          rt1r = tr * scale;
          rt2r = rt1r;
          rt1i = rtdisc * scale;
          rt2i = -rt1i;
        } else {
          rt1r = tr + rtdisc;
          rt2r = tr - rtdisc;
          if (Math.abs(rt1r - h22) <= Math.abs(rt2r - h22)) {
            rt1r *= scale;
            rt2r = rt1r;
          } else {
            rt2r *= scale;
            rt1r = rt2r;
          }
        }
      }
      // Start the bulge at m, below two consecutive small subdiagonal entries if there are.
      let m = hi - 2;
      let v: number[] = [0, 0, 0];
      for (; ; m--) {
        let h21s = at(m + 1, m);
        let e = Math.abs(at(m, m) - rt2r) + Math.abs(rt2i) + Math.abs(h21s);
        h21s = at(m + 1, m) / e;
        v = [
          h21s * at(m, m + 1) + (at(m, m) - rt1r) * ((at(m, m) - rt2r) / e) - rt1i * (rt2i / e),
          h21s * (at(m, m) + at(m + 1, m + 1) - rt1r - rt2r),
          h21s * at(m + 2, m + 1),
        ];
        e = Math.abs(v[0]!) + Math.abs(v[1]!) + Math.abs(v[2]!);
        v = v.map((x) => x / e);
        if (m === lo) break;
        const h00 = Math.abs(at(m, m - 1)) * (Math.abs(v[1]!) + Math.abs(v[2]!));
        const h01 = Math.abs(v[0]!) * (Math.abs(at(m - 1, m - 1)) + Math.abs(at(m, m)) + Math.abs(at(m + 1, m + 1)));
        if (h00 <= EPS * h01) break;
      }
      // The double-shift sweep: chase the bulge from m down to hi.
      for (let k = m; k <= hi - 1; k++) {
        const nr = Math.min(3, hi - k + 1);
        if (k > m) v = Array.from({ length: nr }, (_, r) => at(k + r, k - 1));
        const [beta, tau, tail] = dlarfg(v.slice(0, nr));
        if (k > m) {
          h[k * n + k - 1] = beta;
          h[(k + 1) * n + k - 1] = 0;
          if (k < hi - 1) h[(k + 2) * n + k - 1] = 0;
        } else if (m > lo) {
          h[k * n + k - 1] *= 1 - tau;
        }
        applyReflector(h, z, n, [1, ...tail], tau, k, k, Math.min(k + 3, hi));
      }
    }
    if (its > limit) return { t: nanMatrix(n, n), z: nanMatrix(n, n) };
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
    }
    sinceDeflation = 0;
    hi = lo - 1;
  }
  // Zero what lies below the quasi-triangle (rounding debris under the subdiagonal).
  for (let i = 0; i < n; i++) for (let j = 0; j + 1 < i; j++) h[i * n + j] = 0;
  return { t: { rows: n, cols: n, data: h }, z: { rows: n, cols: n, data: z } };
}
