/**
 * The lax.linalg functions built from primitives (core/lax/linalg-householder.ts,
 * linalg-products.ts, tridiagonal-solve.ts, ...) and np.linalg.tensorinv/tensorsolve,
 * np.polydiv/polyfit, against JAX 0.10.2 (test/fixtures/generate_linalg_more.py): values,
 * shapes and dtypes in float32 and float64, each case with the tolerance its generator states
 * (tessera's algorithms are its own, so they agree with JAX's LAPACK calls to rounding), and
 * float64 gradients. Then the errors, and jit/vmap agreeing with eager.
 */
import { describe, expect, it } from "vitest";
import { ArrayValue } from "../../../core/ndarray.js";
import { grad, jit, lax, np, vmap } from "../../../index.js";
import { expectClose, itHasCases, loadFixture } from "../../helpers.js";
import { describeJaxCases, toArray, type Encoded } from "../numpy/jax-cases.js";

/** "np.polydiv.1": result 1 of np.polydiv; "lax.linalg.qr": lax.linalg's qr. */
function lookup(name: string): unknown {
  const parts = name.split(".");
  const pick = /^\d+$/.test(parts[parts.length - 1]!) ? Number(parts.pop()) : null;
  let f: unknown = { np, lax };
  for (const p of parts) f = (f as Record<string, unknown>)[p];
  if (pick === null || typeof f !== "function") return f;
  const g = f as (...args: unknown[]) => unknown[];
  return (...args: unknown[]) => g(...args)[pick];
}

describeJaxCases("linalg_more", "lax.linalg's products, solves and reductions, np.linalg.tensor*, np.polydiv and np.polyfit", lookup, { gradientTolerance: 1e-9 });

describe("they reject what JAX rejects, naming the op", () => {
  const m = np.eye(3);
  it("np.linalg.tensorinv and tensorsolve", () => {
    expect(() => np.linalg.tensorinv(np.ones([2, 3]), { ind: 1 })).toThrow(/tensorinv.*product of the first ind = 1 axes \(2\).*\(3\)/);
    expect(() => np.linalg.tensorinv(m, { ind: 0 })).toThrow(/tensorinv.*ind must be a positive integer/);
    expect(() => np.linalg.tensorinv(m, { index: 1 } as never)).toThrow(/tensorinv.*unknown option "index"/);
    expect(() => np.linalg.tensorsolve(np.ones([2, 3, 6]), np.ones([3, 2]))).toThrow(/tensorsolve.*leading axes/);
    expect(() => np.linalg.tensorsolve(np.ones([2, 3, 5]), np.ones([2, 3]))).toThrow(/tensorsolve.*as many entries/);
  });
  it("np.polydiv and np.polyfit", () => {
    expect(() => np.polydiv(m, np.ones([2]))).toThrow(/polydiv.*1-D/);
    expect(() => np.polydiv(np.ones([3]), np.ones([0]))).toThrow(/polydiv.*at least one coefficient/);
    expect(() => jit((u: ArrayValue) => np.polydiv(u, np.array([1, 1]), { trimLeadingZeros: true })[1])(np.ones([3]))).toThrow(/polydiv.*concrete/);
    const x = np.array([0, 1, 2]);
    expect(() => np.polyfit(x, x, -1)).toThrow(/polyfit.*deg/);
    expect(() => np.polyfit(m, x, 1)).toThrow(/polyfit.*x must be a 1-D/);
    expect(() => np.polyfit(x, np.ones([2]), 1)).toThrow(/polyfit.*same length/);
    expect(() => np.polyfit(x, np.ones([3, 1, 1]), 1)).toThrow(/polyfit.*y must be/);
    expect(() => np.polyfit(x, x, 1, { w: np.ones([2]) })).toThrow(/polyfit.*w must be/);
    expect(() => np.polyfit(x, x, 2, { cov: true })).toThrow(/polyfit.*more points than coefficients/);
    expect(() => np.polyfit(x, x, 1, { cov: "scaled" as never })).toThrow(/polyfit.*cov/);
  });
  it("lax.linalg's products and solves", () => {
    const L = lax.linalg;
    expect(() => L.symmetricProduct(np.ones([3, 2]), np.eye(2))).toThrow(/symmetricProduct.*cMatrix must be \[\.\.\., 3, 3\]/);
    expect(() => L.symmetricProduct(np.ones([3, 2], { dtype: "int32" }), m)).toThrow(/symmetricProduct.*float32 or float64/);
    expect(() => L.symmetricProduct(np.ones([3, 2]), m, { gamma: 1 } as never)).toThrow(/symmetricProduct.*unknown option "gamma"/);
    expect(() => L.luPivotsToPermutation(np.array([0, 1]), 3)).toThrow(/luPivotsToPermutation.*int32/);
    expect(() => L.luPivotsToPermutation(np.array([0, 1, 2], { dtype: "int32" }), 2)).toThrow(/luPivotsToPermutation.*at least the number of pivots/);
    expect(() => L.householderProduct(np.ones([2, 3]), np.ones([2]))).toThrow(/householderProduct.*m >= n/);
    expect(() => L.householderProduct(m, np.ones([4]))).toThrow(/householderProduct.*at most min\(m, n\) = 3/);
    expect(() => L.householderProduct(np.ones([2, 3, 3]), np.ones([3, 2]))).toThrow(/householderProduct.*same batch axes/);
    expect(() => L.ormqr(m, np.ones([2]), np.ones([2, 3]))).toThrow(/ormqr.*3 rows/);
    expect(() => L.ormqr(m, np.ones([2]), np.ones([2, 3]), { left: false, transpose: true })).not.toThrow();
    expect(() => L.tridiagonalSolve(np.ones([3]), np.ones([3]), np.ones([2]), np.ones([3, 1]))).toThrow(/tridiagonalSolve.*same length/);
    expect(() => L.tridiagonalSolve(np.ones([3]), np.ones([3]), np.ones([3]), np.ones([3]))).toThrow(/tridiagonalSolve.*b must be a matrix/);
    expect(() => L.tridiagonalSolve(np.ones([3]), np.ones([3]), np.ones([3]), np.ones([3, 1]), { perturbSingular: true })).toThrow(/tridiagonalSolve.*perturbSingular/);
  });
});

describe("they run under jit and vmap as they do eagerly", () => {
  const a = np.array([[4, 1, 0], [1, 3, 1], [0.5, 1, 5], [1, 0, 1]]);
  const taus = np.array([1.2, 1.5, 0.3]);
  const close = (x: ArrayValue, y: ArrayValue) => expectClose(x, y.toArray(), { rtol: 1e-6, atol: 1e-6 });
  it("householderProduct, ormqr, symmetricProduct", () => {
    close(jit(lax.linalg.householderProduct)(a, taus), lax.linalg.householderProduct(a, taus));
    const c = np.ones([4, 2]);
    close(jit((x: ArrayValue, t: ArrayValue, y: ArrayValue) => lax.linalg.ormqr(x, t, y, { transpose: true }))(a, taus, c), lax.linalg.ormqr(a, taus, c, { transpose: true }));
    const batch = np.stack([a, np.multiply(a, 2)]);
    const tb = np.stack([taus, taus]);
    const mapped = vmap(lax.linalg.householderProduct)(batch, tb);
    close(mapped, lax.linalg.householderProduct(batch, tb));
    close(vmap((x: ArrayValue) => lax.linalg.symmetricProduct(x, np.eye(4)))(batch), lax.linalg.symmetricProduct(batch, np.stack([np.eye(4), np.eye(4)])));
  });
  it("luPivotsToPermutation with traced pivots, tridiagonalSolve, polyfit", () => {
    const pivots = np.array([[2, 2, 3], [1, 2, 2]], { dtype: "int32" });
    expect(vmap((p: ArrayValue) => lax.linalg.luPivotsToPermutation(p, 4))(pivots).toArray()).toEqual(lax.linalg.luPivotsToPermutation(pivots, 4).toArray());
    expect(jit((p: ArrayValue) => lax.linalg.luPivotsToPermutation(p, 4))(pivots).toArray()).toEqual([[2, 0, 3, 1], [1, 2, 0, 3]]);
    const d = np.array([[4, 4, 4], [5, 5, 5]]);
    const off = np.array([1, 1, 1]);
    const b = np.ones([2, 3, 2]);
    close(vmap((x: ArrayValue, y: ArrayValue) => lax.linalg.tridiagonalSolve(off, x, off, y))(d, b), lax.linalg.tridiagonalSolve(np.stack([off, off]), d, np.stack([off, off]), b));
    const x = np.array([0, 1, 2, 3, 4]);
    const ys = np.array([[1, 2, 5, 10, 17], [0, 1, 0, 1, 0]]);
    close(vmap((y: ArrayValue) => np.polyfit(x, y, 2))(ys), np.polyfit(x, np.transpose(ys), 2).mT);
  });
});

describe("hessenberg and tridiagonal are similarity transforms, choleskyUpdate a rank-one update", () => {
  const L = lax.linalg;
  /** Q of a reduction: the product of its reflectors, stored one column left of and one row below where householderProduct reads them. */
  function qOf(stored: ArrayValue, taus: ArrayValue): ArrayValue {
    const n = stored.shape[stored.ndim - 1]!;
    const shifted = np.pad(lax.slice(stored, [1, 0], [n, n - 1]), [[1, 0], [1, 0]]);
    return L.householderProduct(shifted, np.pad(taus, [[1, 0]]));
  }
  const a = np.array([[4, 1, -2, 2], [1, 2, 0, 1], [-2, 0, 3, -2], [2, 1, -2, -1]], { dtype: "float64" });
  const eye = np.eye(4, 4, { dtype: "float64" });
  it("a = Q H Qᵀ with Q orthogonal and H upper Hessenberg", () => {
    const g = np.add(a, np.array([[0, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0], [3, 2, 0, 0]], { dtype: "float64" }));
    const [stored, taus] = L.hessenberg(g);
    const h = np.triu(stored, -1);
    const q = qOf(stored, taus);
    expectClose(np.matmul(q.mT, q), eye.toArray(), { atol: 1e-12 });
    expectClose(np.matmul(np.matmul(q, h), q.mT), g.toArray(), { atol: 1e-12 });
  });
  it("a = Q T Qᵀ with T = tridiag(e, d, e), from either triangle", () => {
    const [stored, d, e, taus] = L.tridiagonal(a);
    const t = np.add(np.add(np.diag(d), np.diag(e, -1)), np.diag(e, 1));
    const q = qOf(stored, taus);
    expectClose(np.matmul(np.matmul(q, t), q.mT), a.toArray(), { atol: 1e-12 });
    const [, dUpper, eUpper] = L.tridiagonal(a, { lower: false });
    expectClose(np.linalg.eigvalsh(np.add(np.add(np.diag(dUpper), np.diag(eUpper, -1)), np.diag(eUpper, 1))), np.linalg.eigvalsh(a).toArray(), { atol: 1e-12 });
    expectClose(np.sum(dUpper), np.trace(a).toArray() as number, { atol: 1e-12 });
  });
  it("choleskyUpdate(R, w)ᵀ choleskyUpdate(R, w) = RᵀR + w wᵀ, under jit and vmap too", () => {
    const r = np.linalg.cholesky(np.add(np.matmul(a, a.mT), eye), { upper: true });
    const w = np.array([1, -2, 0.5, 0], { dtype: "float64" });
    const updated = L.choleskyUpdate(r, w);
    expectClose(np.matmul(updated.mT, updated), np.add(np.matmul(r.mT, r), np.outer(w, w)).toArray(), { atol: 1e-10 });
    expectClose(jit(L.choleskyUpdate)(r, w), updated.toArray(), { atol: 1e-12 });
    const ws = np.stack([w, np.multiply(w, 2)]);
    expectClose(vmap((v: ArrayValue) => L.choleskyUpdate(r, v))(ws), np.stack([updated, L.choleskyUpdate(r, np.multiply(w, 2))]).toArray(), { atol: 1e-12 });
  });
  it("they jit and vmap", () => {
    const batch = np.stack([a, np.multiply(a, 2)]);
    const [h] = L.hessenberg(batch);
    expectClose(vmap((x: ArrayValue) => L.hessenberg(x)[0])(batch), h.toArray(), { atol: 1e-12 });
    expectClose(jit((x: ArrayValue) => L.tridiagonal(x, { lower: false })[1])(batch), L.tridiagonal(batch, { lower: false })[1].toArray(), { atol: 1e-12 });
  });
  it("reject what JAX rejects, naming the op", () => {
    expect(() => L.hessenberg(np.ones([2, 3]))).toThrow(/hessenberg.*square/);
    expect(() => L.tridiagonal(np.ones([3]))).toThrow(/tridiagonal.*matrix/);
    expect(() => L.tridiagonal(a, { upper: true } as never)).toThrow(/tridiagonal.*unknown option "upper"/);
    expect(() => L.choleskyUpdate(a, np.ones([3], { dtype: "float64" }))).toThrow(/choleskyUpdate.*same size/);
    expect(() => L.choleskyUpdate(np.stack([a, a]), np.ones([2, 4], { dtype: "float64" }))).toThrow(/choleskyUpdate.*square matrix/);
  });
});

interface SchurCase {
  a: Encoded;
  x64: boolean;
  t: Encoded;
  q: Encoded;
  eigRe: Encoded;
  eigIm: Encoded;
}

/** The eigenvalues of a quasi upper triangular t `[n, n]` (row-major), from its 1x1 and 2x2 diagonal blocks, sorted by (real, imaginary). */
function blockEigenvalues(t: number[][]): [number, number][] {
  const n = t.length;
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && t[i + 1]![i] !== 0) {
      const [a, b, c, d] = [t[i]![i]!, t[i]![i + 1]!, t[i + 1]![i]!, t[i + 1]![i + 1]!];
      const mean = (a + d) / 2;
      const disc = ((a - d) / 2) ** 2 + b * c;
      if (disc >= 0) out.push([mean - Math.sqrt(disc), 0], [mean + Math.sqrt(disc), 0]);
      else out.push([mean, -Math.sqrt(-disc)], [mean, Math.sqrt(-disc)]);
      i++;
    } else {
      out.push([t[i]![i]!, 0]);
    }
  }
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

describe("lax.linalg.schur: a = q t qᵀ in real Schur form with JAX's eigenvalues, and LAPACK gees' own t and q in float64", () => {
  const schurCases = loadFixture<{ schur: SchurCase[] }>("linalg_more").schur;
  itHasCases(schurCases, "schur");
  schurCases.forEach((c, i) => {
    it(`${c.a.dtype}[${c.a.shape}] #${i}`, () => {
      const a = toArray(c.a);
      const [t, q] = lax.linalg.schur(a) as [ArrayValue, ArrayValue];
      expect(t.shape).toEqual(c.t.shape);
      expect(q.shape).toEqual(c.q.shape);
      expect(t.dtype).toBe(c.t.dtype);
      expect(q.dtype).toBe(c.q.dtype);
      const tol = c.x64 ? 1e-10 : 2e-4;
      const n = a.shape[a.ndim - 1]!;
      const eye = np.broadcastTo(np.eye(n, n, { dtype: a.dtype }), a.shape);
      expectClose(np.matmul(q.mT, q), eye.toArray(), { atol: tol, rtol: 0 });
      expectClose(np.matmul(np.matmul(q, t), q.mT), a.toArray(), { atol: tol * 10, rtol: 0 });
      const ts = (a.ndim === 2 ? [t.toArray()] : t.toArray()) as number[][][];
      const re = c.eigRe.data.map(Number);
      const im = c.eigIm.data.map(Number);
      ts.forEach((tm, b) => {
        // Quasi upper triangular: nothing below the subdiagonal, no two adjacent subdiagonal entries, 2x2 blocks in standard form.
        for (let r = 0; r < n; r++) for (let col = 0; col + 1 < r; col++) expect(tm[r]![col]).toBe(0);
        for (let r = 1; r < n; r++) {
          if (tm[r]![r - 1] === 0) continue;
          expect(r + 1 < n ? tm[r + 1]![r] : 0, "adjacent 2x2 blocks").toBe(0);
          expect(tm[r - 1]![r - 1]).toBeCloseTo(tm[r]![r]!, 12);
          expect(tm[r - 1]![r]! * tm[r]![r - 1]!, "a complex pair's block").toBeLessThan(0);
        }
        const eig = blockEigenvalues(tm);
        expectClose(eig.map((e) => e[0]), re.slice(b * n, (b + 1) * n), { atol: tol * 10, rtol: tol });
        expectClose(eig.map((e) => e[1]), im.slice(b * n, (b + 1) * n), { atol: tol * 10, rtol: tol });
      });
      // float64: LAPACK's own t and q (the kernel follows dgees' steps). float32: JAX runs sgees in
      // float32 while the kernel computes in float64, so the order along the diagonal may differ.
      if (c.x64) {
        expectClose(t, c.t.data.map(Number), { atol: 1e-12, rtol: 0 });
        expectClose(q, c.q.data.map(Number), { atol: 1e-12, rtol: 0 });
      }
    });
  });
  it("computeSchurVectors: false gives [t]; under jit and vmap the same; sorting and derivatives are rejected", () => {
    const a = np.array([[1, 2, 0], [-1, 1, 3], [0, 1, 2]], { dtype: "float64" });
    const [t] = lax.linalg.schur(a) as [ArrayValue];
    const only = lax.linalg.schur(a, { computeSchurVectors: false });
    expect(only.length).toBe(1);
    expectClose(only[0]!, t.toArray(), { atol: 0 });
    expectClose(jit((x: ArrayValue) => lax.linalg.schur(x)[0]!)(a), t.toArray(), { atol: 0 });
    expectClose(vmap((x: ArrayValue) => lax.linalg.schur(x)[0]!)(np.stack([a, a])), np.stack([t, t]).toArray(), { atol: 0 });
    expect(() => lax.linalg.schur(a, { sortEigVals: true })).toThrow(/schur.*sortEigVals/);
    expect(() => lax.linalg.schur(a, { selectCallable: (() => true) as never })).toThrow(/schur.*selectCallable/);
    expect(() => lax.linalg.schur(np.ones([2, 3]))).toThrow(/schur.*square/);
    expect(() => lax.linalg.schur(np.ones([2, 2], { dtype: "int32" }))).toThrow(/schur.*float32 or float64/);
    expect(() => grad((x: ArrayValue) => np.sum(lax.linalg.schur(x)[0]!))(a)).toThrow(/schur.*not differentiable/);
  });
});

describe("lax.linalg.qdwh: x = u h, under jit and vmap as eagerly", () => {
  const x = np.array([[3, 1, 0], [1, -2, 1], [0, 2, 4], [1, 0, 1]], { dtype: "float64" });
  it("u has orthonormal columns, h is symmetric positive definite, u h = x", () => {
    const [u, h, iterations, converged] = lax.linalg.qdwh(x);
    expectClose(np.matmul(u.mT, u), np.eye(3, 3, { dtype: "float64" }).toArray(), { atol: 1e-12 });
    expectClose(np.matmul(u, h), x.toArray(), { atol: 1e-12 });
    expect(np.all(np.greater(np.linalg.eigvalsh(h), 0)).toArray()).toBe(true);
    expect(iterations.dtype).toBe("int32");
    expect(converged.toArray()).toBe(true);
    const jitted = jit((a: ArrayValue) => lax.linalg.qdwh(a, { maxIterations: 6 }))(x);
    expectClose(jitted[0], lax.linalg.qdwh(x, { maxIterations: 6 })[0].toArray(), { atol: 1e-14 });
    const batch = np.stack([x, np.multiply(x, -2)]);
    const mapped = vmap((a: ArrayValue) => lax.linalg.qdwh(a)[1])(batch);
    expectClose(mapped, np.stack([h, lax.linalg.qdwh(np.multiply(x, -2))[1]]).toArray(), { atol: 1e-12 });
  });
  it("rejects what JAX rejects, and the options it does not provide", () => {
    expect(() => lax.linalg.qdwh(x.mT)).toThrow(/qdwh.*m >= n/);
    expect(() => lax.linalg.qdwh(np.stack([x, x]))).toThrow(/qdwh.*one matrix/);
    expect(() => lax.linalg.qdwh(x, { dynamicShape: [2, 3] })).toThrow(/qdwh.*dynamicShape must be \[rows, cols\]/);
    expect(() => lax.linalg.qdwh(x, { dynamicShape: [5, 3] })).toThrow(/qdwh.*dynamicShape/);
    expect(() => lax.linalg.qdwh(x, { dynamicShape: [3] as never })).toThrow(/qdwh.*dynamicShape/);
    expect(() => lax.linalg.qdwh(x, { maxIterations: 1.5 })).toThrow(/qdwh.*maxIterations/);
    expect(() => lax.linalg.qdwh(x, { eps: -1 })).toThrow(/qdwh.*eps/);
  });
});
