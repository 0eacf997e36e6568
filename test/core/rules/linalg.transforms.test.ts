import { describe, expect, it } from "vitest";
import type { Aval } from "../../../core/aval.js";
import type { DType } from "../../../core/dtype.js";
import { evaluate } from "../../../core/eager.js";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import type { ParamsOf, Prim } from "../../../core/primitives.js";
import { rules } from "../../../core/rules/index.js";
import { LinearArg, Zero, type BatchDim, type JaxprTransforms, type Rule, type Tangent } from "../../../core/rules/rule.js";
import { sizeOf } from "../../../core/shape.js";
import * as lax from "../../../core/lax/index.js";
import * as np from "../../../core/numpy/index.js";
import { grad, jvp, vmap } from "../../../transforms/index.js";
import { expectClose } from "../../helpers.js";

// ---- arrays -------------------------------------------------------------------------------

/** First-order rules never use the jaxpr transforms: any use fails loudly. */
const noTransforms = new Proxy({} as JaxprTransforms, {
  get: (_, name) => {
    throw new Error(`a linalg rule used transforms.${String(name)}`);
  },
});

let seed = 12345;
/** Deterministic uniform [-1, 1). */
function uniform(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 31 - 1;
}

const arr = (data: ArrayLike<number>, shape: readonly number[], dtype: DType = "float64"): NdArray =>
  dtype === "float32" ? NdArray.fromBuffer(Float32Array.from(data), shape, "float32") : NdArray.fromBuffer(Float64Array.from(data), shape, "float64");
const rand = (shape: readonly number[], dtype: DType = "float64"): NdArray =>
  arr(Array.from({ length: sizeOf(shape) }, uniform), shape, dtype);
const values = (x: ArrayValue): number[] => Array.from((x as NdArray).toTypedArray());
const cast = (x: NdArray, dtype: DType): NdArray => arr(x.toTypedArray(), x.shape, dtype);

/** Applies `f` to every matrix of a batch `[..., m, n]` (plain arrays in, plain arrays out). */
function perMatrix(x: NdArray, f: (m: number[], rows: number, cols: number) => number[]): NdArray {
  const [rows, cols] = x.shape.slice(-2) as [number, number];
  const size = rows * cols;
  const out: number[] = [];
  for (let b = 0; b < x.toTypedArray().length / size; b++) out.push(...f(Array.from(x.toTypedArray().subarray(b * size, (b + 1) * size)), rows, cols));
  return arr(out, x.shape, x.dtype);
}
const matT = (x: number[], r: number, c: number): number[] => Array.from({ length: r * c }, (_, k) => x[(k % r) * c + Math.floor(k / r)]!);
const matmul = (x: number[], y: number[], r: number, k: number, c: number): number[] =>
  Array.from({ length: r * c }, (_, ij) => {
    let s = 0;
    for (let t = 0; t < k; t++) s += x[Math.floor(ij / c) * k + t]! * y[t * c + (ij % c)]!;
    return s;
  });

/** Symmetric positive definite: M Mᵀ + n I. */
const spd = (shape: readonly number[]): NdArray =>
  perMatrix(rand(shape), (m, n) => matmul(m, matT(m, n, n), n, n, n).map((v, k) => v + (k % (n + 1) === 0 ? n : 0)));
/** Symmetric with well-separated eigenvalues: Q diag(1, 3, 5, ...) Qᵀ for a random orthogonal Q. */
const separatedSymmetric = (shape: readonly number[]): NdArray =>
  perMatrix(rand(shape), (m, n) => {
    const [q] = evaluate("qr", [arr(m, [n, n])], { fullMatrices: true }) as [NdArray, NdArray];
    const qd = Array.from(q.toTypedArray());
    const scaled = qd.map((v, k) => v * (2 * (k % n) + 1));
    return matmul(scaled, matT(qd, n, n), n, n, n);
  });
/** A triangular-solve operand: random with a dominant diagonal, so the solve is well conditioned. */
const triangularOperand = (shape: readonly number[]): NdArray =>
  perMatrix(rand(shape), (m, n) => m.map((v, k) => (k % (n + 1) === 0 ? 3 + v : v)));

// ---- checks -------------------------------------------------------------------------------

/** Central differences of every float output of `prim` at `args` along `tangents` (null: held fixed). */
function finiteDifferences<P extends Prim>(
  prim: P,
  args: readonly NdArray[],
  tangents: readonly (NdArray | null)[],
  params: ParamsOf[P],
  post: (outs: NdArray[]) => NdArray[] = (o) => o,
): number[][] {
  const h = 1e-6;
  const shifted = (sign: number) =>
    post(evaluate(prim, args.map((x, i) => {
      const t = tangents[i];
      return t ? arr(values(x).map((v, k) => v + sign * h * t.toTypedArray()[k]!), x.shape, x.dtype) : x;
    }), params));
  const plus = shifted(1);
  const minus = shifted(-1);
  return plus.map((p, o) => values(p).map((v, k) => (v - minus[o]!.toTypedArray()[k]!) / (2 * h)));
}

/** Asserts the jvp rule's tangents equal central differences (relative to each output's scale). */
function checkJvp<P extends Prim>(prim: P, args: NdArray[], tangents: (NdArray | null)[], params: ParamsOf[P]): void {
  const tangentsIn: Tangent[] = tangents.map((t, i) => t ?? new Zero({ shape: args[i]!.shape, dtype: args[i]!.dtype }));
  const [outs, outTangents] = (rules[prim] as Rule<P>).jvp(args, tangentsIn, params, noTransforms);
  const expectedOuts = evaluate(prim, args, params);
  outs.forEach((o, i) => expectClose(o, expectedOuts[i]!.toArray(), { rtol: 1e-12, atol: 1e-12 }));
  const fd = finiteDifferences(prim, args, tangents, params);
  outTangents.forEach((t, i) => {
    if (outs[i]!.dtype === "int32") {
      expect(t).toBeInstanceOf(Zero);
      return;
    }
    expect(t).not.toBeInstanceOf(Zero);
    const tv = t as NdArray;
    expect(tv.shape).toEqual(outs[i]!.shape);
    expect(tv.dtype).toBe(outs[i]!.dtype);
    const scale = Math.max(1, ...fd[i]!.map(Math.abs));
    expectClose(tv, fd[i]!, { rtol: 1e-6, atol: 1e-6 * scale });
  });
}

/** Flips column j of `u` and row j of `vt` (or column j of `v` when `vt` is null) to match the reference signs. */
function alignSigns(ref: NdArray, x: NdArray, vt: NdArray | null): NdArray[] {
  const [m, k] = ref.shape.slice(-2) as [number, number];
  const xs = Array.from(x.toTypedArray());
  const vs = vt ? Array.from(vt.toTypedArray()) : null;
  const n = vt ? vt.shape[vt.ndim - 1]! : 0;
  const vRows = vt ? vt.shape[vt.ndim - 2]! : 0;
  for (let b = 0; b < xs.length / (m * k); b++) {
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += ref.toTypedArray()[b * m * k + i * k + j]! * xs[b * m * k + i * k + j]!;
      if (dot >= 0) continue;
      for (let i = 0; i < m; i++) xs[b * m * k + i * k + j] = -xs[b * m * k + i * k + j]!;
      if (vs && j < vRows) for (let c = 0; c < n; c++) vs[b * vRows * n + j * n + c] = -vs[b * vRows * n + j * n + c]!;
    }
  }
  const out = [arr(xs, x.shape, x.dtype)];
  if (vt && vs) out.push(arr(vs, vt.shape, vt.dtype));
  return out;
}

// ---- vmap helpers -------------------------------------------------------------------------

/** Stacks arrays along a new axis 0. */
const stack = (xs: readonly NdArray[]): NdArray => arr(xs.flatMap(values), [xs.length, ...xs[0]!.shape], xs[0]!.dtype);

/** Stacks `base` `size` times along a new axis at `axis`. */
function insertAxis(xs: readonly NdArray[], axis: number): NdArray {
  const stacked = stack(xs);
  const perm = Array.from({ length: stacked.ndim }, (_, i) => i).filter((i) => i !== 0);
  perm.splice(axis, 0, 0);
  return evaluate("transpose", [stacked], { permutation: perm })[0]!;
}

/** Moves axis `from` to the front. */
const toFront = (x: NdArray, from: number): NdArray => {
  const perm = [from, ...Array.from({ length: x.ndim }, (_, i) => i).filter((i) => i !== from)];
  return evaluate("transpose", [x], { permutation: perm })[0]!;
};

/**
 * Batches each operand's examples along its axis in `dims` (null: the first example, unmapped),
 * runs the vmap rule, and compares every output with the eager op applied example by example.
 */
function checkVmap<P extends Prim>(prim: P, examples: NdArray[][], dims: BatchDim[], params: ParamsOf[P]): void {
  const size = examples.length;
  const args = dims.map((d, i) => (d === null ? examples[0]![i]! : insertAxis(examples.map((e) => e[i]!), d)));
  const [outs, outDims] = (rules[prim] as Rule<P>).vmap(args, dims, params, size, noTransforms);
  const expected = examples.map((e) => evaluate(prim, dims.map((d, i) => (d === null ? examples[0]![i]! : e[i]!)), params));
  outs.forEach((o, k) => {
    const dim = outDims[k]!;
    expect(dim).not.toBeNull();
    const got = toFront(o as NdArray, dim!);
    expect(got.shape).toEqual([size, ...expected[0]![k]!.shape]);
    expect(got.dtype).toBe(expected[0]![k]!.dtype);
    expectClose(got, expected.map((e) => e[k]!.toArray()), { rtol: 1e-12, atol: 1e-12 });
  });
}

// ---- jvp ----------------------------------------------------------------------------------

describe("linalg jvp rules match central differences (float64)", () => {
  it("cholesky, batched, with a non-symmetric tangent (only its lower triangle matters)", () => {
    const a = spd([2, 4, 4]);
    checkJvp("cholesky", [a], [rand([2, 4, 4])], {});
    const da = rand([4, 4]);
    const upperOnly = perMatrix(da, (m, _r, n) => m.map((v, k) => (k % n > Math.floor(k / n) ? v : 0)));
    const [, [t]] = rules.cholesky.jvp([spd([4, 4])], [upperOnly], {}, noTransforms);
    expectClose(t as NdArray, new Array(16).fill(0), { atol: 0 });
  });

  it("triangularSolve in a and b, every side/triangle/transpose/unit-diagonal combination, tall and wide b", () => {
    for (const leftSide of [true, false]) {
      for (const lower of [true, false]) {
        for (const transposeA of [true, false]) {
          for (const unitDiagonal of [true, false]) {
            const params = { leftSide, lower, transposeA, unitDiagonal };
            for (const [m, n] of [[4, 2], [2, 4], [3, 3]] as const) {
              const size = leftSide ? m : n;
              const a = triangularOperand([2, size, size]);
              const b = rand([2, m, n]);
              checkJvp("triangularSolve", [a, b], [rand(a.shape), rand(b.shape)], params);
              checkJvp("triangularSolve", [a, b], [rand(a.shape), null], params);
              checkJvp("triangularSolve", [a, b], [null, rand(b.shape)], params);
            }
          }
        }
      }
    }
  });

  it("lu for square, tall, wide and batched matrices; pivots and permutation get int32 zero tangents", () => {
    for (const shape of [[4, 4], [5, 3], [3, 5], [2, 3, 3]]) checkJvp("lu", [rand(shape)], [rand(shape)], {});
    const [outs, tangents] = rules.lu.jvp([rand([2, 4, 3])], [rand([2, 4, 3])], {}, noTransforms);
    expect(tangents[1]).toEqual(new Zero({ shape: [2, 3], dtype: "int32" }));
    expect(tangents[2]).toEqual(new Zero({ shape: [2, 4], dtype: "int32" }));
    expect(outs[2]!.dtype).toBe("int32");
  });

  it("qr, reduced and full, square, tall, wide and batched (full tall uses the complement formula)", () => {
    for (const fullMatrices of [false, true]) {
      for (const shape of [[3, 3], [5, 3], [3, 5], [2, 4, 2], [2, 2, 4], [6, 2]]) {
        checkJvp("qr", [rand(shape)], [rand(shape)], { fullMatrices });
      }
    }
  });

  it("eigh: eigenvalues directly, eigenvectors after fixing their signs, for a non-symmetric tangent", () => {
    const a = separatedSymmetric([2, 4, 4]);
    const da = rand([2, 4, 4]);
    const [[w, v], [dw, dv]] = rules.eigh.jvp([a], [da], {}, noTransforms);
    const fd = finiteDifferences("eigh", [a], [da], {}, ([w1, v1]) => [w1!, alignSigns(v as NdArray, v1!, null)[0]!]);
    expectClose(dw as NdArray, fd[0]!, { rtol: 1e-6, atol: 1e-6 });
    expectClose(dv as NdArray, fd[1]!, { rtol: 1e-6, atol: 1e-6 });
    expectClose(w, evaluate("eigh", [a], {})[0]!.toArray(), { atol: 0 });
  });

  it("eigh: the jvp of the sign-invariant V diag(c) Vᵀ matches differences", () => {
    const n = 3;
    const a = separatedSymmetric([n, n]);
    const da = rand([n, n]);
    const c = [1, -2, 0.5];
    const form = (v: number[], dv: number[] | null) => {
      // V diag(c) Vᵀ, or its derivative dV diag(c) Vᵀ + V diag(c) dVᵀ
      const vc = (x: number[]) => x.map((e, k) => e * c[k % n]!);
      if (!dv) return matmul(vc(v), matT(v, n, n), n, n, n);
      const left = matmul(vc(dv), matT(v, n, n), n, n, n);
      return left.map((e, k) => e + left[(k % n) * n + Math.floor(k / n)]!);
    };
    const [[, v], [, dv]] = rules.eigh.jvp([a], [da], {}, noTransforms);
    const fd = finiteDifferences("eigh", [a], [da], {}, ([, v1]) => [arr(form(values(v1!), null), [n, n])]);
    expectClose(form(values(v), values(dv as NdArray)), fd[0]!, { rtol: 1e-6, atol: 1e-6 });
  });

  it("svd: singular values and sign-aligned vectors for square, tall, wide and batched; s alone without computeUv", () => {
    for (const shape of [[3, 3], [5, 3], [3, 5], [2, 4, 3]]) {
      const a = rand(shape);
      const da = rand(shape);
      for (const fullMatrices of shape[shape.length - 1] === shape[shape.length - 2] ? [false, true] : [false]) {
        const params = { fullMatrices, computeUv: true };
        const [[u, s, vt], [du, ds, dvt]] = rules.svd.jvp([a], [da], params, noTransforms);
        const fd = finiteDifferences("svd", [a], [da], params, ([u1, s1, vt1]) => [...alignSigns(u as NdArray, u1!, vt1!), s1!]);
        expectClose(du as NdArray, fd[0]!, { rtol: 1e-6, atol: 1e-6 });
        expectClose(dvt as NdArray, fd[1]!, { rtol: 1e-6, atol: 1e-6 });
        expectClose(ds as NdArray, fd[2]!, { rtol: 1e-6, atol: 1e-6 });
        expectClose(s, evaluate("svd", [a], params)[1]!.toArray(), { atol: 1e-14 });
        expect(vt.shape).toEqual(evaluate("svd", [a], params)[2]!.shape);
      }
      checkJvp("svd", [a], [da], { fullMatrices: true, computeUv: false });
    }
  });

  it("svd with full matrices of a non-square operand is not implemented (as JAX)", () => {
    expect(() => rules.svd.jvp([rand([4, 3])], [rand([4, 3])], { fullMatrices: true, computeUv: true }, noTransforms)).toThrow(
      /svd.*not implemented.*f64\[4,3\].*fullMatrices: false/,
    );
  });

  it("zero tangents stay symbolic and the primal outputs are unchanged", () => {
    const a = spd([3, 3]);
    const zero = new Zero({ shape: [3, 3], dtype: "float64" });
    const cases: [keyof ParamsOf, ParamsOf[keyof ParamsOf]][] = [
      ["cholesky", {}], ["lu", {}], ["qr", { fullMatrices: false }], ["eigh", {}], ["svd", { fullMatrices: false, computeUv: true }],
    ];
    for (const [prim, params] of cases) {
      const rule = rules[prim] as unknown as typeof rules.cholesky;
      const [outs, tangents] = rule.jvp([a], [zero], params as ParamsOf["cholesky"], noTransforms);
      tangents.forEach((t, i) => expect(t).toEqual(new Zero({ shape: outs[i]!.shape, dtype: outs[i]!.dtype })));
    }
    const [, [t]] = rules.triangularSolve.jvp([a, a], [zero, zero], { leftSide: true, lower: true, transposeA: false, unitDiagonal: false }, noTransforms);
    expect(t).toBeInstanceOf(Zero);
  });

  it("float32 operands give float32 tangents close to the float64 ones", () => {
    const a = spd([3, 3]);
    const da = rand([3, 3]);
    const cases: [keyof ParamsOf, ParamsOf[keyof ParamsOf]][] = [
      ["cholesky", {}], ["lu", {}], ["qr", { fullMatrices: false }], ["eigh", {}], ["svd", { fullMatrices: false, computeUv: false }],
    ];
    for (const [prim, params] of cases) {
      const rule = rules[prim] as unknown as typeof rules.cholesky;
      const [, t64] = rule.jvp([a], [da], params as ParamsOf["cholesky"], noTransforms);
      const [, t32] = rule.jvp([cast(a, "float32")], [cast(da, "float32")], params as ParamsOf["cholesky"], noTransforms);
      t32.forEach((t, i) => {
        if (t instanceof Zero) return expect(t64[i]).toBeInstanceOf(Zero);
        expect((t as NdArray).dtype, prim).toBe("float32");
        expectClose(t as NdArray, (t64[i] as NdArray).toArray(), { rtol: 1e-4, atol: 1e-4 });
      });
    }
  });
});

// ---- vmap ---------------------------------------------------------------------------------

describe("linalg vmap rules equal the op applied to each example", () => {
  const examples = (count: number, make: () => NdArray[]): NdArray[][] => Array.from({ length: count }, make);

  it("the one-operand primitives, with the mapped axis first, between batch axes, before the matrix axes and last", () => {
    const cases: [keyof ParamsOf, ParamsOf[keyof ParamsOf], () => NdArray][] = [
      ["cholesky", {}, () => spd([2, 3, 3])],
      ["lu", {}, () => rand([2, 4, 3])],
      ["qr", { fullMatrices: false }, () => rand([2, 4, 3])],
      ["qr", { fullMatrices: true }, () => rand([2, 4, 3])],
      ["eigh", {}, () => separatedSymmetric([2, 3, 3])],
      ["svd", { fullMatrices: true, computeUv: true }, () => rand([2, 3, 4])],
      ["svd", { fullMatrices: false, computeUv: false }, () => rand([2, 3, 4])],
    ];
    for (const [prim, params, make] of cases) {
      const xs = examples(3, () => [make()]);
      for (const dim of [0, 1, 2, 3]) checkVmap(prim, xs, [dim], params as ParamsOf["cholesky"]);
    }
    // A single unbatched matrix per example.
    checkVmap("cholesky", examples(2, () => [spd([3, 3])]), [2], {});
  });

  it("triangularSolve, for every combination of mapped and unmapped operands and batch positions", () => {
    for (const leftSide of [true, false]) {
      const params = { leftSide, lower: !leftSide, transposeA: leftSide, unitDiagonal: false };
      const xs = examples(3, () => [triangularOperand([2, 3, 3]), rand(leftSide ? [2, 3, 4] : [2, 4, 3])]);
      for (const aDim of [null, 0, 1, 3]) {
        for (const bDim of [null, 0, 2, 3]) {
          if (aDim === null && bDim === null) continue;
          checkVmap("triangularSolve", xs, [aDim, bDim], params);
        }
      }
      // Unbatched matrices: only b mapped folds the mapped axis into b's free axis.
      const single = examples(2, () => [triangularOperand([3, 3]), rand(leftSide ? [3, 2] : [2, 3])]);
      for (const bDim of [0, 1, 2]) checkVmap("triangularSolve", single, [null, bDim], params);
      checkVmap("triangularSolve", single, [1, null], params);
    }
  });
});

// ---- transpose ----------------------------------------------------------------------------

describe("triangularSolve transpose (linear in b)", () => {
  const dot = (x: ArrayValue, y: ArrayValue) => values(x).reduce((s, v, i) => s + v * values(y)[i]!, 0);

  it("passes the dot-product test <ct, solve(a, v)> = <solveᵀ(ct), v> for every combination", () => {
    for (const leftSide of [true, false]) {
      for (const lower of [true, false]) {
        for (const transposeA of [true, false]) {
          for (const unitDiagonal of [true, false]) {
            const params = { leftSide, lower, transposeA, unitDiagonal };
            const a = triangularOperand([2, 3, 3]);
            const bAval: Aval = { shape: leftSide ? [2, 3, 5] : [2, 5, 3], dtype: "float64" };
            const v = rand(bAval.shape);
            const ct = rand(bAval.shape);
            const [none, ctB] = rules.triangularSolve.transpose([ct], [a, new LinearArg(bAval)], params, noTransforms);
            expect(none).toBeNull();
            expect((ctB as NdArray).shape).toEqual(bAval.shape);
            expect((ctB as NdArray).dtype).toBe("float64");
            const lhs = dot(ct, evaluate("triangularSolve", [a, v], params)[0]!);
            expect(Math.abs(lhs - dot(ctB as NdArray, v))).toBeLessThan(1e-10 * (1 + Math.abs(lhs)));
          }
        }
      }
    }
  });

  it("keeps float32, maps a zero cotangent to a zero, and rejects a linear a", () => {
    const params = { leftSide: true, lower: true, transposeA: false, unitDiagonal: false };
    const a = cast(triangularOperand([3, 3]), "float32");
    const bAval: Aval = { shape: [3, 2], dtype: "float32" };
    const [, ct32] = rules.triangularSolve.transpose([rand([3, 2], "float32")], [a, new LinearArg(bAval)], params, noTransforms);
    expect((ct32 as NdArray).dtype).toBe("float32");
    const [, zero] = rules.triangularSolve.transpose([new Zero(bAval)], [a, new LinearArg(bAval)], params, noTransforms);
    expect(zero).toEqual(new Zero(bAval));
    expect(() => rules.triangularSolve.transpose([rand([3, 2])], [new LinearArg({ shape: [3, 3], dtype: "float64" }), rand([3, 2])], params, noTransforms)).toThrow(
      /triangularSolve.*linear only in b/,
    );
  });
});

// ---- through the public transforms ---------------------------------------------------------

describe("linalg primitives through the public transforms", () => {
  const inner = (x: ArrayValue, y: ArrayValue): number => values(x).reduce((s, v, i) => s + v * values(y)[i]!, 0);
  const axpy = (x: NdArray, h: number, d: NdArray): NdArray => arr(values(x).map((v, i) => v + h * d.toTypedArray()[i]!), x.shape);
  const weighted = (x: ArrayValue, w: ArrayValue): ArrayValue => np.sum(np.multiply(x, w));
  /** V diag(c) Vᵀ: sign-invariant in V's columns. */
  const form = (v: ArrayValue, c: ArrayValue): ArrayValue => np.matmul(np.multiply(v, c), np.swapaxes(v, -1, -2));

  /** <grad f, d> against the central difference of f along random d, for every argument. */
  function expectGradMatches(f: (...args: ArrayValue[]) => ArrayValue, args: NdArray[]): void {
    const grads = grad(f, { argnums: args.map((_, i) => i) })(...args) as ArrayValue[];
    grads.forEach((g, i) => expect(g.shape).toEqual(args[i]!.shape));
    const ds = args.map((a) => rand(a.shape));
    const h = 1e-6;
    const at = (sign: number) => f(...args.map((a, i) => axpy(a, sign * h, ds[i]!))).item() as number;
    const fd = (at(1) - at(-1)) / (2 * h);
    const analytic = grads.reduce((acc, g, i) => acc + inner(g, ds[i]!), 0);
    expect(Math.abs(analytic - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
  }

  it("grad of a weighted sum of each primitive's outputs matches finite differences", () => {
    const c3 = arr([1, -2, 0.5], [3]);
    const w33 = rand([3, 3]);
    expectGradMatches((a) => weighted(lax.linalg.cholesky(a), w33), [spd([3, 3])]);
    for (const options of [{ leftSide: true, lower: true }, { leftSide: false, transposeA: true, unitDiagonal: true }]) {
      const w = rand([3, 2]);
      const b = rand(options.leftSide ? [3, 2] : [3, 3]);
      const wb = options.leftSide ? w : w33;
      expectGradMatches((a, b) => weighted(lax.linalg.triangularSolve(a, b, options), wb), [triangularOperand([3, 3]), b]);
    }
    const wLu = rand([4, 3]);
    expectGradMatches((a) => weighted(lax.linalg.lu(a)[0], wLu), [rand([4, 3])]);
    for (const fullMatrices of [false, true]) {
      const [wq, wr] = [rand([5, fullMatrices ? 5 : 3]), rand([fullMatrices ? 5 : 3, 3])];
      expectGradMatches((a) => {
        const [q, r] = lax.linalg.qr(a, { fullMatrices });
        return np.add(weighted(q, wq), weighted(r, wr));
      }, [rand([5, 3])]);
    }
    expectGradMatches((a) => {
      const [v, w] = lax.linalg.eigh(a);
      return np.add(weighted(w, c3), weighted(form(v, c3), w33));
    }, [separatedSymmetric([3, 3])]);
    const w43 = rand([4, 3]);
    expectGradMatches((a) => {
      const [u, s, vt] = lax.linalg.svd(a, { fullMatrices: false });
      return np.add(weighted(s, c3), weighted(np.matmul(np.multiply(u, c3), vt), w43));
    }, [rand([4, 3])]);
  });

  it("second order: jvp of grad (a Hessian-vector product) through cholesky and eigh matches differences of grad", () => {
    const w33 = rand([3, 3]);
    const c3 = arr([1, -2, 0.5], [3]);
    const cases: [(a: ArrayValue) => ArrayValue, NdArray][] = [
      [(a) => weighted(lax.linalg.cholesky(a), w33), spd([3, 3])],
      [(a) => weighted(form(lax.linalg.eigh(a)[0], c3), w33), separatedSymmetric([3, 3])],
      [(a) => weighted(lax.linalg.triangularSolve(a, w33, { leftSide: true, lower: true }), w33), triangularOperand([3, 3])],
    ];
    for (const [f, a] of cases) {
      const g = grad(f);
      const v = rand(a.shape);
      const [, hv] = jvp(g, [a], [v]) as [unknown, ArrayValue];
      const h = 1e-5;
      const [gp, gm] = [values(g(axpy(a, h, v)) as ArrayValue), values(g(axpy(a, -h, v)) as ArrayValue)];
      expectClose(hv, gp.map((p, i) => (p - gm[i]!) / (2 * h)), { rtol: 1e-5, atol: 1e-6 });
    }
  });

  it("vmap with inAxes: a shared triangular matrix against mapped right-hand sides, and per-example gradients", () => {
    const a = triangularOperand([3, 3]);
    const bs = rand([3, 4, 2]);
    const solved = vmap((b: ArrayValue) => lax.linalg.triangularSolve(a, b, { leftSide: true, lower: true }), { inAxes: 1 })(bs) as NdArray;
    const expected = [0, 1, 2, 3].map((k) => evaluate("triangularSolve", [a, take2(bs, k)], { leftSide: true, lower: true, transposeA: false, unitDiagonal: false })[0]!);
    expectClose(solved, expected.map((e) => e.toArray()), { rtol: 1e-12, atol: 1e-12 });

    const w = rand([3, 3]);
    const loss = (a: ArrayValue) => weighted(lax.linalg.cholesky(a), w);
    const as = stack([spd([3, 3]), spd([3, 3])]);
    const perExample = vmap(grad(loss), { inAxes: 0 })(as) as NdArray;
    const one = (k: number) => arr(as.toTypedArray().subarray(k * 9, (k + 1) * 9), [3, 3]);
    expectClose(perExample, [0, 1].map((k) => (grad(loss)(one(k)) as NdArray).toArray()), { rtol: 1e-10, atol: 1e-12 });
  });

  it("vmap of jvp (batched traced pivots, the full-QR complement solve) equals the jvp of each example", () => {
    const fs: ((a: ArrayValue) => ArrayValue)[] = [
      (a) => lax.linalg.lu(a)[0],
      (a) => lax.linalg.qr(a, { fullMatrices: true })[0],
      (a) => lax.linalg.svd(a, { fullMatrices: false })[2],
    ];
    for (const f of fs) {
      const [as, ds] = [rand([3, 5, 3]), rand([3, 5, 3])];
      const tangentOf = (a: ArrayValue, d: ArrayValue) => (jvp(f, [a], [d]) as [unknown, ArrayValue])[1];
      const batched = vmap(tangentOf, { inAxes: [1, 1] })(np.moveaxis(as, 0, 1), np.moveaxis(ds, 0, 1)) as NdArray;
      const one = (x: NdArray, k: number) => arr(x.toTypedArray().subarray(k * 15, (k + 1) * 15), [5, 3]);
      expectClose(batched, [0, 1, 2].map((k) => (tangentOf(one(as, k), one(ds, k)) as NdArray).toArray()), { rtol: 1e-10, atol: 1e-12 });
    }
  });
});

/** Column block k of `[3, 4, 2]` along axis 1, as `[3, 2]`. */
function take2(x: NdArray, k: number): NdArray {
  const out: number[] = [];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) out.push(x.toTypedArray()[i * 8 + k * 2 + j]!);
  return arr(out, [3, 2]);
}
