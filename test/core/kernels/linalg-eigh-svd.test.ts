import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { eigh } from "../../../core/kernels/linalg/eigh.js";
import { fromRows, multiply, transposed, type Matrix } from "../../../core/kernels/linalg/matrix.js";
import { svd } from "../../../core/kernels/linalg/svd.js";
import { np } from "../../../index.js";

interface Stored {
  shape: number[];
  data: number[];
}
interface Fixtures {
  eigh: { name: string; a: Stored; w: Stored }[];
  svd: { name: string; a: Stored; s: Stored }[];
}
const fixtures = JSON.parse(readFileSync(new URL("../../fixtures/linalg-kernels.json", import.meta.url), "utf8")) as Fixtures;

const matrix = (x: Stored): Matrix => ({ rows: x.shape[0]!, cols: x.shape[1]!, data: Float64Array.from(x.data) });
const maxAbs = (x: ArrayLike<number>): number => Array.from(x).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** max |mᵀm - I| over the columns of m. */
function columnOrthogonality(m: Matrix): number {
  const g = multiply(transposed(m), m);
  return maxAbs(g.data.map((v, k) => v - (Math.floor(k / g.cols) === k % g.cols ? 1 : 0)));
}

/** The largest entry of u diag(s) vt - a, relative to the largest of a (or absolute when a is zero). */
function reconstructionError(u: Matrix, s: ArrayLike<number>, vt: Matrix, a: Matrix): number {
  const k = s.length;
  const us: Matrix = { rows: u.rows, cols: k, data: Float64Array.from({ length: u.rows * k }, (_, i) => u.data[Math.floor(i / k) * u.cols + (i % k)]! * s[i % k]!) };
  const vk: Matrix = { rows: k, cols: vt.cols, data: vt.data.subarray(0, k * vt.cols) };
  const rebuilt = multiply(us, vk);
  return maxAbs(rebuilt.data.map((v, i) => v - a.data[i]!)) / (maxAbs(a.data) || 1);
}

describe("eigh kernel (tridiagonal QL) on numpy's cases", () => {
  for (const c of fixtures.eigh) {
    it(`${c.name}: numpy's eigenvalues ascending, orthonormal V, V diag(w) Vᵀ = a`, () => {
      const a = matrix(c.a);
      const { w, v } = eigh(a);
      const scale = maxAbs(c.w.data) || 1;
      expect(maxAbs(w.map((x, i) => x - c.w.data[i]!)) / scale).toBeLessThan(1e-13);
      for (let i = 1; i < w.length; i++) expect(w[i]!).toBeGreaterThanOrEqual(w[i - 1]!);
      expect(columnOrthogonality(v)).toBeLessThan(1e-13);
      expect(reconstructionError(v, w, transposed(v), a)).toBeLessThan(1e-13);
    });
  }
});

describe("svd kernel (Golub-Kahan-Reinsch) on numpy's cases", () => {
  for (const c of fixtures.svd) {
    it(`${c.name}: numpy's singular values descending, orthonormal U and V, U diag(s) Vᵀ = a, reduced and full`, () => {
      const a = matrix(c.a);
      const scale = c.s.data[0]! || 1;
      for (const fullMatrices of [false, true]) {
        const { s, u, vt } = svd(a, { fullMatrices, computeUv: true });
        const k = Math.min(a.rows, a.cols);
        expect([u!.rows, u!.cols, vt!.rows, vt!.cols]).toEqual(fullMatrices ? [a.rows, a.rows, a.cols, a.cols] : [a.rows, k, k, a.cols]);
        expect(maxAbs(s.map((x, i) => x - c.s.data[i]!)) / scale).toBeLessThan(1e-13);
        for (let i = 0; i < k; i++) expect(s[i]!).toBeGreaterThanOrEqual(i + 1 < k ? s[i + 1]! : 0);
        expect(columnOrthogonality(u!)).toBeLessThan(1e-13);
        expect(columnOrthogonality(transposed(vt!))).toBeLessThan(1e-13);
        expect(reconstructionError(u!, s, vt!, a)).toBeLessThan(1e-13);
      }
      expect(Array.from(svd(a, { fullMatrices: false, computeUv: false }).s)).toEqual(Array.from(svd(a, { fullMatrices: false, computeUv: true }).s));
    });
  }
});

describe("eigh and svd kernels on degenerate inputs", () => {
  it("eigh of the zero matrix: zero eigenvalues and the identity as eigenvectors", () => {
    const { w, v } = eigh(fromRows([[0, 0, 0], [0, 0, 0], [0, 0, 0]]));
    expect(Array.from(w)).toEqual([0, 0, 0]);
    expect(Array.from(v.data)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
  it("eigh of 1x1 and 0x0 matrices", () => {
    const one = eigh(fromRows([[-2.5]]));
    expect([Array.from(one.w), Array.from(one.v.data)]).toEqual([[-2.5], [1]]);
    const empty = eigh({ rows: 0, cols: 0, data: new Float64Array(0) });
    expect([empty.w.length, empty.v.rows, empty.v.cols]).toEqual([0, 0, 0]);
  });
  it("eigh of a diagonal matrix sorts its diagonal and permutes the identity", () => {
    const { w, v } = eigh(fromRows([[3, 0, 0], [0, -1, 0], [0, 0, 2]]));
    expect(Array.from(w)).toEqual([-1, 2, 3]);
    expect(Array.from(v.data).map(Math.abs)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });
  it("svd of the zero matrix: zero singular values, orthonormal U and V", () => {
    for (const [m, n] of [[4, 2], [2, 4], [3, 3]] as const) {
      const { s, u, vt } = svd({ rows: m, cols: n, data: new Float64Array(m * n) }, { fullMatrices: true, computeUv: true });
      expect(Array.from(s)).toEqual(new Array<number>(Math.min(m, n)).fill(0));
      expect(columnOrthogonality(u!)).toBe(0);
      expect(columnOrthogonality(transposed(vt!))).toBe(0);
    }
  });
  it("svd of a 1x1 matrix puts the sign in the vectors", () => {
    const { s, u, vt } = svd(fromRows([[-3]]), { fullMatrices: false, computeUv: true });
    expect(Array.from(s)).toEqual([3]);
    expect(u!.data[0]! * vt!.data[0]!).toBe(-1);
  });
  it("svd of empty matrices: no singular values, identity completions when full", () => {
    for (const [m, n] of [[0, 0], [3, 0], [0, 2]] as const) {
      const { s, u, vt } = svd({ rows: m, cols: n, data: new Float64Array(0) }, { fullMatrices: true, computeUv: true });
      expect(s.length).toBe(0);
      expect([u!.rows, u!.cols, vt!.rows, vt!.cols]).toEqual([m, m, n, n]);
      expect(columnOrthogonality(u!)).toBe(0);
      expect(columnOrthogonality(vt!)).toBe(0);
    }
  });
  it("svd of a matrix with a zero column and a zero row in the middle", () => {
    const a = fromRows([[1, 0, 2], [0, 0, 0], [3, 0, 4], [5, 0, 6]]);
    const { s, u, vt } = svd(a, { fullMatrices: true, computeUv: true });
    expect(s[2]).toBe(0);
    expect(columnOrthogonality(u!)).toBeLessThan(1e-15);
    expect(reconstructionError(u!, s, vt!, a)).toBeLessThan(1e-15);
  });
  it("NaN everywhere for non-finite input", () => {
    const r = svd(fromRows([[1, Infinity], [0, 1]]), { fullMatrices: false, computeUv: true });
    expect([...r.s, ...r.u!.data, ...r.vt!.data].every(Number.isNaN)).toBe(true);
    const { w, v } = eigh(fromRows([[1, 0], [Infinity, 1]]));
    expect([...w, ...v.data].every(Number.isNaN)).toBe(true);
  });
});

describe("batched eigh and svd (np.linalg over a leading axis) run the kernel per matrix", () => {
  const data = fixtures.eigh.find((c) => c.name === "random 40")!.a.data;
  const first = data.slice(0, 400);
  const second = data.slice(400, 800);
  const symmetric = (x: number[]) => x.map((v, k) => v + x[(k % 20) * 20 + Math.floor(k / 20)]!);
  const stack = [symmetric(first), symmetric(second)];
  it("eigh of a [2, 20, 20] batch equals eigh of each matrix", () => {
    const [w, v] = np.linalg.eigh(np.array(Float64Array.from(stack.flat()), { dtype: "float64", shape: [2, 20, 20] }));
    const ws = Array.from(w.toTypedArray());
    const vs = Array.from(v.toTypedArray());
    stack.forEach((x, b) => {
      const r = eigh({ rows: 20, cols: 20, data: Float64Array.from(x) });
      expect(ws.slice(b * 20, (b + 1) * 20)).toEqual(Array.from(r.w));
      expect(vs.slice(b * 400, (b + 1) * 400)).toEqual(Array.from(r.v.data));
    });
  });
  it("svd of a [2, 20, 20] batch equals svd of each matrix", () => {
    const [u, s, vt] = np.linalg.svd(np.array(Float64Array.from([...first, ...second]), { dtype: "float64", shape: [2, 20, 20] }));
    [first, second].forEach((x, b) => {
      const r = svd({ rows: 20, cols: 20, data: Float64Array.from(x) }, { fullMatrices: true, computeUv: true });
      expect(Array.from(s.toTypedArray()).slice(b * 20, (b + 1) * 20)).toEqual(Array.from(r.s));
      expect(Array.from(u.toTypedArray()).slice(b * 400, (b + 1) * 400)).toEqual(Array.from(r.u!.data));
      expect(Array.from(vt.toTypedArray()).slice(b * 400, (b + 1) * 400)).toEqual(Array.from(r.vt!.data));
    });
  });
});
