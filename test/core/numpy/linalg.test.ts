import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { bind } from "../../../core/interpreter.js";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { expectClose, loadFixture, nonEmpty, orthonormalityError, signNormalized, type Dense } from "../../helpers.js";

/** A fixture array: flat data where non-finite floats are the strings "NaN", "Infinity", "-Infinity". */
interface Encoded {
  shape: number[];
  dtype: DType;
  data: (number | string)[];
}
type Case = Record<string, Encoded>;
interface Fixtures {
  cholesky: Case[];
  triangularSolve: (Case & { params: { leftSide: boolean; lower: boolean; transposeA: boolean; unitDiagonal: boolean } })[];
  lu: Case[];
  qr: (Case & { fullMatrices: boolean })[];
  eigh: Case[];
  svd: (Case & { fullMatrices: boolean })[];
  numpy: {
    solve: Case[];
    inv: Case[];
    det: Case[];
    slogdet: Case[];
    norm: (Case & { ord: number | string | null; axis: number | number[] | null; keepdims: boolean })[];
    lstsq: (Case & { rank: number })[];
    pinv: Case[];
    matrixRank: Case[];
    matrixPower: (Case & { n: number })[];
  };
}
const fixtures = loadFixture<Fixtures>("linalg");

function decode(e: Encoded): NdArray {
  const data = allocate(e.dtype, e.data.length);
  e.data.forEach((v, i) => (data[i] = Number(v)));
  return NdArray.fromBuffer(data, e.shape, e.dtype);
}

const tolerance = (e: Encoded) => (e.dtype === "float32" ? { rtol: 2e-5, atol: 2e-5 } : { rtol: 1e-10, atol: 1e-10 });

/** Checks shape, dtype and values against a fixture array. */
function expectFixture(x: ArrayValue, e: Encoded, scale = 1): void {
  expect(x.shape).toEqual(e.shape);
  expect(x.dtype).toBe(e.dtype);
  const { rtol, atol } = tolerance(e);
  expectClose(x, e.data.map(Number), { rtol: rtol * scale, atol: atol * scale });
}

/** The matrices [rows, cols] of a batched array [..., rows, cols], in row-major float64. */
function matricesOf(data: ArrayLike<number | string>, shape: readonly number[]): Dense[] {
  const [rows, cols] = shape.slice(-2) as [number, number];
  const count = shape.slice(0, -2).reduce((p, d) => p * d, 1);
  return Array.from({ length: count }, (_, b) => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, (_, i) => Number(data[b * rows * cols + i]!)) }));
}

/** The vectors (last axis) of a batched array, in float64. */
function vectorsOf(data: ArrayLike<number | string>, shape: readonly number[]): Float64Array[] {
  const n = shape[shape.length - 1]!;
  const count = shape.slice(0, -1).reduce((p, d) => p * d, 1);
  return Array.from({ length: count }, (_, b) => Float64Array.from({ length: n }, (_, i) => Number(data[b * n + i]!)));
}

/** The largest |entry| of a matrix. */
const largest = (m: Dense) => Array.from(m.data).reduce((worst, v) => Math.max(worst, Math.abs(v)), 0);

/** Tolerance of a reconstruction (a product of factors against the input), relative to the input's scale. */
const reconstructionTolerance = (dtype: DType, scale: number) => (dtype === "float32" ? 1e-5 : 1e-12) * (1 + scale);

const matrix = (rows: number[][], dtype: DType = "float64") => np.array(rows, { dtype });

describe("linalg primitives", () => {
  it("cholesky matches JAX, storing float32 results as float32", () => {
    for (const c of nonEmpty(fixtures.cholesky, "cholesky")) expectFixture(bind("cholesky", [decode(c.a!)], {})[0]!, c.l!);
  });

  it("triangularSolve matches JAX in every form, batched too", () => {
    for (const c of nonEmpty(fixtures.triangularSolve, "triangularSolve")) {
      expectFixture(bind("triangularSolve", [decode(c.a!), decode(c.b!)], c.params)[0]!, c.x!, 10);
    }
  });

  it("lu returns JAX's packed factors, int32 pivots and permutation", () => {
    for (const c of nonEmpty(fixtures.lu, "lu")) {
      const [lu, pivots, permutation] = bind("lu", [decode(c.a!)], {});
      expectFixture(lu!, c.lu!);
      expect(pivots!.dtype).toBe("int32");
      expect(pivots!.toArray()).toEqual(decode(c.pivots!).toArray());
      expect(permutation!.toArray()).toEqual(decode(c.permutation!).toArray());
    }
  });

  it("qr matches numpy's Q and R exactly up to rounding, signs included", () => {
    for (const c of nonEmpty(fixtures.qr, "qr")) {
      const [q, r] = bind("qr", [decode(c.a!)], { fullMatrices: c.fullMatrices });
      expectFixture(q!, c.q!);
      expectFixture(r!, c.r!);
    }
  });

  it("eigh gives ascending eigenvalues; A v = v diag(w) with orthonormal v; the eigenvectors of JAX up to sign", () => {
    for (const c of nonEmpty(fixtures.eigh, "eigh")) {
      const [w, v] = bind("eigh", [decode(c.a!)], {});
      expectFixture(w!, c.w!);
      expect(v!.shape).toEqual(c.v!.shape);
      expect(v!.dtype).toBe(c.v!.dtype);
      const [as, ws, vs, expected] = [matricesOf(c.a!.data, c.a!.shape), vectorsOf(w!.toTypedArray(), w!.shape), matricesOf(v!.toTypedArray(), v!.shape), matricesOf(c.v!.data, c.v!.shape)];
      const { rtol, atol } = tolerance(c.v!);
      as.forEach((a, b) => {
        const n = a.rows;
        const tol = reconstructionTolerance(c.a!.dtype, largest(a));
        // eigh reads only the lower triangle: A is that triangle mirrored.
        const entry = (i: number, j: number) => (i >= j ? a.data[i * n + j]! : a.data[j * n + i]!);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let av = 0;
            for (let k = 0; k < n; k++) av += entry(i, k) * vs[b]!.data[k * n + j]!;
            const vw = vs[b]!.data[i * n + j]! * ws[b]![j]!;
            expect(Math.abs(av - vw), `batch ${b}: (A v)[${i},${j}] = ${av} but (v diag(w))[${i},${j}] = ${vw}`).toBeLessThanOrEqual(tol);
          }
        }
        expect(orthonormalityError(vs[b]!, true)).toBeLessThanOrEqual(reconstructionTolerance(c.a!.dtype, 0));
        expectClose(signNormalized(vs[b]!, n).u, signNormalized(expected[b]!, n).u, { rtol: rtol * 10, atol: atol * 10 });
      });
    }
  });

  it("svd gives descending singular values; u diag(s) vt = a with orthonormal u and vt; the vectors of JAX up to sign", () => {
    for (const c of nonEmpty(fixtures.svd, "svd")) {
      const [u, s, vt] = bind("svd", [decode(c.a!)], { fullMatrices: c.fullMatrices, computeUv: true });
      expectFixture(s!, c.s!);
      for (const [x, e] of [[u!, c.u!], [vt!, c.vt!]] as const) {
        expect(x.shape).toEqual(e.shape);
        expect(x.dtype).toBe(e.dtype);
      }
      const [as, ss, us, vts] = [matricesOf(c.a!.data, c.a!.shape), vectorsOf(s!.toTypedArray(), s!.shape), matricesOf(u!.toTypedArray(), u!.shape), matricesOf(vt!.toTypedArray(), vt!.shape)];
      const [expectedU, expectedVt] = [matricesOf(c.u!.data, c.u!.shape), matricesOf(c.vt!.data, c.vt!.shape)];
      const { rtol, atol } = tolerance(c.u!);
      as.forEach((a, b) => {
        const k = ss[b]!.length;
        const tol = reconstructionTolerance(c.a!.dtype, largest(a));
        for (let i = 0; i < a.rows; i++) {
          for (let j = 0; j < a.cols; j++) {
            let usv = 0;
            for (let l = 0; l < k; l++) usv += us[b]!.data[i * us[b]!.cols + l]! * ss[b]![l]! * vts[b]!.data[l * a.cols + j]!;
            expect(Math.abs(usv - a.data[i * a.cols + j]!), `batch ${b}: (u diag(s) vt)[${i},${j}] = ${usv}`).toBeLessThanOrEqual(tol);
          }
        }
        expect(orthonormalityError(us[b]!, true)).toBeLessThanOrEqual(reconstructionTolerance(c.a!.dtype, 0));
        expect(orthonormalityError(vts[b]!, false)).toBeLessThanOrEqual(reconstructionTolerance(c.a!.dtype, 0));
        // Vectors beyond the first k (completing u or vt to a square basis) are any orthonormal basis: compare only the first k.
        const ours = signNormalized(us[b]!, k, vts[b]!);
        const theirs = signNormalized(expectedU[b]!, k, expectedVt[b]!);
        expectClose(ours.u, theirs.u, { rtol: rtol * 10, atol: atol * 10 });
        expectClose(ours.vt, theirs.vt, { rtol: rtol * 10, atol: atol * 10 });
      });
      const only = bind("svd", [decode(c.a!)], { fullMatrices: c.fullMatrices, computeUv: false });
      expect(only.length).toBe(1);
      expectFixture(only[0]!, c.s!);
    }
  });

  it("rejects non-float, rank < 2 and non-square operands with the op and shape in the message", () => {
    const int = np.array([[1, 2], [3, 4]], { dtype: "int32" });
    expect(() => bind("cholesky", [int], {})).toThrow(/cholesky: expected float32 or float64.*i32\[2,2\]/);
    expect(() => bind("svd", [np.array([1, 2])], { fullMatrices: true, computeUv: true })).toThrow(/svd: .*rank >= 2.*f32\[2\]/);
    const wide = np.zeros([2, 3]);
    for (const prim of ["cholesky", "eigh"] as const) expect(() => bind(prim, [wide], {})).toThrow(new RegExp(`${prim}: expected square.*f32\\[2,3\\]`));
    expect(() => bind("lu", [np.array(1)], {})).toThrow(/lu: .*rank >= 2/);
    expect(() => bind("qr", [int], { fullMatrices: false })).toThrow(/qr: expected float32 or float64/);
  });

  it("triangularSolve rejects mismatched shapes and dtypes", () => {
    const a = np.eye(3);
    const params = { leftSide: true, lower: true, transposeA: false, unitDiagonal: false };
    expect(() => bind("triangularSolve", [a, np.ones([2, 2])], params)).toThrow(/triangularSolve: b has shape f32\[2,2\] but a is f32\[3,3\]/);
    expect(() => bind("triangularSolve", [a, np.ones([3, 2], { dtype: "float64" })], params)).toThrow(/triangularSolve: operands must share a dtype/);
    expect(() => bind("triangularSolve", [np.ones([2, 3, 3]), np.ones([3, 3, 1])], params)).toThrow(/triangularSolve: b has shape/);
  });

  it("never writes its inputs", () => {
    const a = decode(fixtures.svd[0]!.a!);
    const before = a.toTypedArray();
    bind("svd", [a], { fullMatrices: true, computeUv: true });
    bind("qr", [a], { fullMatrices: true });
    bind("lu", [a], {});
    expect(a.toTypedArray()).toEqual(before);
    const s = decode(fixtures.eigh[1]!.a!);
    const sBefore = s.toTypedArray();
    bind("eigh", [s], {});
    bind("cholesky", [np.matmul(s, s)], {});
    expect(s.toTypedArray()).toEqual(sBefore);
  });
});

describe("np.linalg factorizations", () => {
  it("cholesky reconstructs a (L Lᵀ = a) and gives NaNs for a non-positive-definite matrix", () => {
    const a = matrix([[4, 2], [2, 3]]);
    const l = np.linalg.cholesky(a);
    expectClose(l, [2, 0, 1, Math.SQRT2], { atol: 1e-15 });
    expectClose(np.matmul(l, l.T), a.toArray(), { atol: 1e-14 });
    expectClose(np.linalg.cholesky(a, { upper: true }), [2, 1, 0, Math.SQRT2], { atol: 1e-15 });
    const bad = np.linalg.cholesky(matrix([[1, 2], [2, 1]]));
    expectClose(bad, [NaN, 0, NaN, NaN]);
  });

  it("qr modes follow numpy", () => {
    const a = decode(fixtures.qr[0]!.a!); // 5 x 3
    const [q, r] = np.linalg.qr(a);
    expect([q.shape, r.shape]).toEqual([[5, 3], [3, 3]]);
    const [qc, rc] = np.linalg.qr(a, { mode: "complete" });
    expect([qc.shape, rc.shape]).toEqual([[5, 5], [5, 3]]);
    expectClose(np.linalg.qr(a, { mode: "r" }), r.toArray(), { atol: 0 });
    expectClose(np.matmul(q, r), a.toArray(), { atol: 1e-14 });
    expect(() => np.linalg.qr(a, { mode: "economic" as "r" })).toThrow(/linalg.qr: mode must be one of "reduced", "complete", "r", got "economic"/);
  });

  it("svd reconstructs a and returns s alone when computeUv is false", () => {
    const a = decode(fixtures.svd[0]!.a!);
    const [u, s, vh] = np.linalg.svd(a, { fullMatrices: false });
    expectClose(np.matmul(np.multiply(u, s), vh), a.toArray(), { atol: 1e-14 });
    expectFixture(np.linalg.svd(a, { computeUv: false }), fixtures.svd[0]!.s!);
  });

  it("eigh symmetrizes its input like JAX; eigvalsh agrees", () => {
    const [w, v] = np.linalg.eigh(matrix([[1, 5], [2, 3]]));
    expectClose(w, [2 - Math.sqrt(13.25), 2 + Math.sqrt(13.25)], { atol: 1e-14 });
    expect(v.shape).toEqual([2, 2]);
    const lowerOnly = np.linalg.eigvalsh(matrix([[1, 5], [2, 3]]), { symmetrizeInput: false });
    expectClose(lowerOnly, [2 - Math.sqrt(5), 2 + Math.sqrt(5)], { atol: 1e-14 });
    const upperOnly = np.linalg.eigvalsh(matrix([[1, 5], [2, 3]]), { symmetrizeInput: false, UPLO: "U" });
    expectClose(upperOnly, [2 - Math.sqrt(26), 2 + Math.sqrt(26)], { atol: 1e-14 });
  });

  it("promotes integer input to float32 like jax.numpy.linalg", () => {
    const w = np.linalg.eigvalsh(np.array([[2, 0], [0, 1]], { dtype: "int32" }));
    expect(w.dtype).toBe("float32");
    expectClose(w, [1, 2]);
  });

  it("rejects non-square and rank < 2 input naming the np function", () => {
    const wide = np.zeros([2, 3]);
    expect(() => np.linalg.cholesky(wide)).toThrow(/linalg.cholesky: expected square matrices.*f32\[2,3\]/);
    expect(() => np.linalg.eigh(wide)).toThrow(/linalg.eigh: expected square/);
    expect(() => np.linalg.inv(wide)).toThrow(/linalg.inv: expected square/);
    expect(() => np.linalg.det(wide)).toThrow(/linalg.det: expected square/);
    expect(() => np.linalg.svd(np.ones([3]))).toThrow(/linalg.svd: .*rank >= 2.*f32\[3\]/);
  });
});

describe("np.linalg solving and inverting", () => {
  it("solve matches numpy, for vector, matrix and batched right-hand sides", () => {
    for (const c of nonEmpty(fixtures.numpy.solve, "numpy.solve")) expectFixture(np.linalg.solve(decode(c.a!), decode(c.b!)), c.x!, 10);
  });

  it("solve broadcasts a 1-D b against a batch of matrices (numpy 2 semantics)", () => {
    const x = np.linalg.solve(np.array([[[2, 0], [0, 4]], [[1, 0], [0, 1]]]), np.array([2, 4]));
    expect(x.shape).toEqual([2, 2]);
    expectClose(x, [1, 1, 2, 4], { atol: 0 });
  });

  it("solve rejects a right-hand side of the wrong shape", () => {
    expect(() => np.linalg.solve(np.eye(3), np.ones([4]))).toThrow(/linalg.solve: a has shape f32\[3,3\] but b has shape f32\[4\]/);
    expect(() => np.linalg.solve(np.eye(3), np.ones([2, 2]))).toThrow(/linalg.solve: .*expected b of shape \[3\] or \[\.\.\., 3, k\]/);
  });

  it("inv, det and slogdet match JAX", () => {
    for (const c of nonEmpty(fixtures.numpy.inv, "numpy.inv")) expectFixture(np.linalg.inv(decode(c.a!)), c.inv!, 10);
    for (const c of nonEmpty(fixtures.numpy.det, "numpy.det")) expectFixture(np.linalg.det(decode(c.a!)), c.det!, 10);
    for (const c of nonEmpty(fixtures.numpy.slogdet, "numpy.slogdet")) {
      const [sign, logabsdet] = np.linalg.slogdet(decode(c.a!));
      expectFixture(sign, c.sign!);
      expectFixture(logabsdet, c.logabsdet!, 10);
    }
  });

  it("det of a permutation is its sign", () => {
    expectClose(np.linalg.det(matrix([[0, 1], [1, 0]])), -1, { atol: 0 });
    expectClose(np.linalg.det(matrix([[0, 1, 0], [0, 0, 1], [1, 0, 0]])), 1, { atol: 0 });
  });

  it("matrixPower matches JAX for positive, zero and negative exponents", () => {
    for (const c of nonEmpty(fixtures.numpy.matrixPower, "numpy.matrixPower")) expectFixture(np.linalg.matrixPower(decode(c.a!), c.n), c.y!, 100);
    const fibonacci = np.linalg.matrixPower(np.array([[1, 1], [1, 0]], { dtype: "int32" }), 10);
    expect(fibonacci.dtype).toBe("int32");
    expect(fibonacci.toArray()).toEqual([[89, 55], [55, 34]]);
    expect(() => np.linalg.matrixPower(np.eye(2), 0.5)).toThrow(/linalg.matrixPower: the exponent must be an integer/);
  });

  it("leaves its inputs unchanged", () => {
    const a = decode(fixtures.numpy.solve[0]!.a!);
    const b = decode(fixtures.numpy.solve[0]!.b!);
    const [aBefore, bBefore] = [a.toTypedArray(), b.toTypedArray()];
    np.linalg.solve(a, b);
    np.linalg.inv(a);
    np.linalg.slogdet(a);
    expect(a.toTypedArray()).toEqual(aBefore);
    expect(b.toTypedArray()).toEqual(bBefore);
  });
});

describe("np.linalg least squares, pseudo-inverse, rank and norms", () => {
  it("lstsq matches JAX: minimum-norm solution, residuals, rank and singular values", () => {
    for (const c of nonEmpty(fixtures.numpy.lstsq, "numpy.lstsq")) {
      const [x, residuals, rank, s] = np.linalg.lstsq(decode(c.a!), decode(c.b!));
      expectFixture(x, c.x!, 100);
      expect(residuals.shape).toEqual(c.residuals!.shape);
      expectClose(residuals, c.residuals!.data.map(Number), { atol: 1e-12, rtol: 1e-9 });
      expect(rank.item()).toBe(c.rank);
      expectFixture(s, c.s!);
    }
  });

  it("pinv and matrixRank match JAX", () => {
    for (const c of nonEmpty(fixtures.numpy.pinv, "numpy.pinv")) expectFixture(np.linalg.pinv(decode(c.a!)), c.pinv!, 100);
    for (const c of nonEmpty(fixtures.numpy.matrixRank, "numpy.matrixRank")) {
      const rank = np.linalg.matrixRank(decode(c.a!));
      expect(rank.dtype).toBe("int32");
      expect(rank.toArray()).toEqual(decode(c.rank!).toArray());
    }
  });

  it("norm matches numpy for vector and matrix orders, axes and keepdims", () => {
    for (const c of nonEmpty(fixtures.numpy.norm, "numpy.norm")) {
      const ord = c.ord === "inf" ? Infinity : c.ord === "-inf" ? -Infinity : (c.ord as number | "fro" | "nuc" | null);
      expectFixture(np.linalg.norm(decode(c.x!), { ord, axis: c.axis, keepdims: c.keepdims }), c.y!, 10);
    }
  });

  it("norm rejects bad orders and axis counts", () => {
    expect(() => np.linalg.norm(np.ones([3]), { ord: "fro" })).toThrow(/linalg.norm: ord "fro" is a matrix norm/);
    expect(() => np.linalg.norm(np.ones([2, 2]), { ord: 3 })).toThrow(/linalg.norm: invalid order 3 for a matrix norm/);
    expect(() => np.linalg.norm(np.ones([2, 2, 2]), { ord: 1 })).toThrow(/linalg.norm: expected one axis .* or two/);
  });
});
