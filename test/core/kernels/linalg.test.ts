import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cholesky } from "../../../core/kernels/linalg/cholesky.js";
import { eigh } from "../../../core/kernels/linalg/eigh.js";
import { lu } from "../../../core/kernels/linalg/lu.js";
import { fromRows, multiply, transposed, type Matrix } from "../../../core/kernels/linalg/matrix.js";
import { qr } from "../../../core/kernels/linalg/qr.js";
import { svd } from "../../../core/kernels/linalg/svd.js";
import { triangularSolve, type TriangularOptions } from "../../../core/kernels/linalg/triangular.js";
import { nonEmpty, signNormalized } from "../../helpers.js";

interface FixtureArray {
  dtype: string;
  shape: number[];
  data: (number | string)[];
}
type Case = Record<string, FixtureArray> & { params?: TriangularOptions; fullMatrices?: boolean };
const fixtures = JSON.parse(readFileSync(new URL("../../fixtures/linalg.json", import.meta.url), "utf8")) as Record<string, Case[]>;

const num = (v: number | string): number => Number(v);

/** The matrices of a batched fixture array (a vector per batch entry when rank is 1 + batch). */
function matrices(x: FixtureArray): Matrix[] {
  const [rows, cols] = x.shape.slice(-2) as [number, number];
  const size = rows * cols;
  const out: Matrix[] = [];
  for (let i = 0; i * size < x.data.length || (size === 0 && i === 0); i++) {
    out.push({ rows, cols, data: Float64Array.from(x.data.slice(i * size, (i + 1) * size), num) });
  }
  return out;
}

/** The vectors (last axis) of a batched fixture array. */
function vectors(x: FixtureArray): Float64Array[] {
  const n = x.shape[x.shape.length - 1]!;
  const out: Float64Array[] = [];
  for (let i = 0; i * n < x.data.length; i++) out.push(Float64Array.from(x.data.slice(i * n, (i + 1) * n), num));
  return out;
}

function tol(x: FixtureArray): number {
  return x.dtype === "float32" ? 2e-5 : 1e-11;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (Number.isNaN(e)) expect(a).toBeNaN();
    else expect(Math.abs(a - e), `entry ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(atol * (1 + Math.abs(e)));
  }
}

function identityDistance(m: Matrix): number {
  let worst = 0;
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) worst = Math.max(worst, Math.abs(m.data[i * m.cols + j]! - (i === j ? 1 : 0)));
  return worst;
}

describe("cholesky kernel", () => {
  it("matches jax.lax.linalg.cholesky", () => {
    for (const c of nonEmpty(fixtures.cholesky, "cholesky")) {
      const as = matrices(c.a!);
      const ls = matrices(c.l!);
      as.forEach((a, i) => expectClose(cholesky(a).data, ls[i]!.data, tol(c.a!)));
    }
  });
  it("reads only the lower triangle", () => {
    const l = cholesky(fromRows([[4, 999], [2, 5]]));
    expect(Array.from(l.data)).toEqual([2, 0, 1, 2]);
  });
  it("fills the lower triangle with NaN for a matrix that is not positive definite", () => {
    const l = cholesky(fromRows([[4, 0], [0, -1]]));
    expect(Number.isNaN(l.data[0]!) && Number.isNaN(l.data[2]!) && Number.isNaN(l.data[3]!)).toBe(true);
    expect(l.data[1]).toBe(0);
  });
});

describe("triangularSolve kernel", () => {
  it("matches jax.lax.linalg.triangular_solve in all sixteen forms", () => {
    for (const c of nonEmpty(fixtures.triangularSolve, "triangularSolve")) {
      const as = matrices(c.a!);
      const bs = matrices(c.b!);
      const xs = matrices(c.x!);
      as.forEach((a, i) => expectClose(triangularSolve(a, bs[i]!, c.params!).data, xs[i]!.data, tol(c.a!) * 10));
    }
  });
  it("solves L x = b by forward substitution", () => {
    const x = triangularSolve(fromRows([[2, 0], [1, 4]]), fromRows([[2], [9]]), { leftSide: true, lower: true, transposeA: false, unitDiagonal: false });
    expect(Array.from(x.data)).toEqual([1, 2]);
  });
});

describe("lu kernel", () => {
  it("matches jax.lax.linalg.lu: packed factors, pivots and permutation", () => {
    for (const c of nonEmpty(fixtures.lu, "lu")) {
      const as = matrices(c.a!);
      const lus = matrices(c.lu!);
      const pivots = vectors(c.pivots!);
      const perms = vectors(c.permutation!);
      as.forEach((a, i) => {
        const r = lu(a);
        expectClose(r.lu.data, lus[i]!.data, tol(c.a!));
        expect(Array.from(r.pivots)).toEqual(Array.from(pivots[i]!));
        expect(Array.from(r.permutation)).toEqual(Array.from(perms[i]!));
      });
    }
  });
});

describe("qr kernel", () => {
  it("matches numpy/JAX Q and R, signs included (LAPACK Householder conventions)", () => {
    for (const c of nonEmpty(fixtures.qr, "qr")) {
      const as = matrices(c.a!);
      const qs = matrices(c.q!);
      const rs = matrices(c.r!);
      as.forEach((a, i) => {
        const r = qr(a, c.fullMatrices!);
        expect([r.q.rows, r.q.cols, r.r.rows, r.r.cols]).toEqual([qs[i]!.rows, qs[i]!.cols, rs[i]!.rows, rs[i]!.cols]);
        expectClose(r.q.data, qs[i]!.data, tol(c.a!));
        expectClose(r.r.data, rs[i]!.data, tol(c.a!));
      });
    }
  });
});

describe("eigh kernel", () => {
  it("matches jax eigenvalues, and eigenvectors up to sign", () => {
    for (const c of nonEmpty(fixtures.eigh, "eigh")) {
      const as = matrices(c.a!);
      const ws = vectors(c.w!);
      const vs = matrices(c.v!);
      as.forEach((a, i) => {
        const r = eigh(a);
        expectClose(r.w, ws[i]!, tol(c.a!));
        expectClose(signNormalized(r.v, r.v.cols).u, signNormalized(vs[i]!, vs[i]!.cols).u, tol(c.a!) * 10);
        expect(identityDistance(multiply(transposed(r.v), r.v))).toBeLessThan(1e-13);
      });
    }
  });
  it("diagonalizes: A V = V diag(w)", () => {
    const a = fromRows([[2, 1, 0], [1, 2, 1], [0, 1, 2]]);
    const { w, v } = eigh(a);
    expectClose(w, [2 - Math.SQRT2, 2, 2 + Math.SQRT2], 1e-14);
    const av = multiply(a, v);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) expect(av.data[r * 3 + c]).toBeCloseTo(v.data[r * 3 + c]! * w[c]!, 13);
  });
  it("returns NaN for non-finite input", () => {
    const { w } = eigh(fromRows([[1, 0], [NaN, 1]]));
    expect(Number.isNaN(w[0]!)).toBe(true);
  });
});

describe("svd kernel", () => {
  it("matches jax singular values, and singular vectors up to sign", () => {
    for (const c of nonEmpty(fixtures.svd, "svd")) {
      const as = matrices(c.a!);
      const ss = vectors(c.s!);
      const us = matrices(c.u!);
      const vts = matrices(c.vt!);
      as.forEach((a, i) => {
        const r = svd(a, { fullMatrices: c.fullMatrices!, computeUv: true });
        expectClose(r.s, ss[i]!, tol(c.a!));
        expect([r.u!.rows, r.u!.cols, r.vt!.rows, r.vt!.cols]).toEqual([us[i]!.rows, us[i]!.cols, vts[i]!.rows, vts[i]!.cols]);
        expect(identityDistance(multiply(transposed(r.u!), r.u!))).toBeLessThan(1e-13);
        expect(identityDistance(multiply(r.vt!, transposed(r.vt!)))).toBeLessThan(1e-13);
        // Completion vectors (beyond min(m, n)) are any orthonormal basis: compare only the first k.
        const k = r.s.length;
        const ours = signNormalized(r.u!, k, r.vt!);
        const theirs = signNormalized(us[i]!, k, vts[i]!);
        expectClose(ours.u, theirs.u, tol(c.a!) * 10);
        expectClose(ours.vt, theirs.vt, tol(c.a!) * 10);
      });
    }
  });
  it("reconstructs a rank-deficient matrix and completes U to an orthonormal basis", () => {
    const a = fromRows([[1, 2], [2, 4], [3, 6]]);
    const r = svd(a, { fullMatrices: true, computeUv: true });
    expectClose(r.s, [Math.sqrt(70), 0], 1e-14);
    expect(identityDistance(multiply(transposed(r.u!), r.u!))).toBeLessThan(1e-14);
    const us = { rows: 3, cols: 2, data: Float64Array.from([0, 1, 2, 3, 4, 5], (j) => r.u!.data[Math.floor(j / 2) * 3 + (j % 2)]! * r.s[j % 2]!) };
    expectClose(multiply(us, r.vt!).data, a.data, 1e-14);
  });
  it("computes singular values alone when computeUv is false", () => {
    const r = svd(fromRows([[3, 0], [0, -4]]), { fullMatrices: false, computeUv: false });
    expect(Array.from(r.s)).toEqual([4, 3]);
    expect(r.u).toBeNull();
  });
});

describe("decompositions of larger matrices reconstruct their input", () => {
  // A deterministic pseudo-random matrix (no Math.random in tests).
  const random = (rows: number, cols: number, seed: number): Matrix => {
    let state = seed;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
    return { rows, cols, data: Float64Array.from({ length: rows * cols }, next) };
  };
  const maxAbs = (x: Float64Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const difference = (a: Matrix, b: Matrix) => maxAbs(a.data.map((v, i) => v - b.data[i]!));

  it("svd of 30 x 20 and 20 x 30 matrices: u diag(s) vt = a", () => {
    for (const a of [random(30, 20, 1), random(20, 30, 2)]) {
      const { u, s, vt } = svd(a, { fullMatrices: false, computeUv: true });
      const us = { ...u!, data: u!.data.map((v, i) => v * s[i % u!.cols]!) };
      expect(difference(multiply(us, vt!), a)).toBeLessThan(1e-13);
      for (let i = 1; i < s.length; i++) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!);
    }
  });

  it("eigh of a 25 x 25 matrix with a repeated eigenvalue: V diag(w) Vᵀ = a, V orthogonal", () => {
    const b = random(25, 25, 3);
    const { v: q } = eigh(multiply(b, transposed(b)));
    // a = Q diag(d) Qᵀ with d having a triple eigenvalue 2.
    const d = Float64Array.from({ length: 25 }, (_, i) => (i < 3 ? 2 : i - 10));
    const a = multiply({ ...q, data: q.data.map((x, i) => x * d[i % 25]!) }, transposed(q));
    const { w, v } = eigh(a);
    expectClose(w, Float64Array.from(d).sort(), 1e-13);
    expect(identityDistance(multiply(transposed(v), v))).toBeLessThan(1e-13);
    const rebuilt = multiply({ ...v, data: v.data.map((x, i) => x * w[i % 25]!) }, transposed(v));
    expect(difference(rebuilt, a)).toBeLessThan(1e-12);
  });

  it("lu of a 6 x 4 matrix: a[permutation] = L U", () => {
    const a = random(6, 4, 4);
    const r = lu(a);
    const entry = (i: number, j: number) => r.lu.data[i * 4 + j]!;
    const l = { rows: 6, cols: 4, data: new Float64Array(24) };
    const u = { rows: 4, cols: 4, data: new Float64Array(16) };
    const permuted = { rows: 6, cols: 4, data: new Float64Array(24) };
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 4; j++) {
        l.data[i * 4 + j] = i === j ? 1 : j < i ? entry(i, j) : 0;
        if (i < 4) u.data[i * 4 + j] = j >= i ? entry(i, j) : 0;
        permuted.data[i * 4 + j] = a.data[r.permutation[i]! * 4 + j]!;
      }
    }
    expect(difference(multiply(l, u), permuted)).toBeLessThan(1e-14);
  });
});
