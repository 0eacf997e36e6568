/**
 * Rules for dense linear algebra. Every primitive takes float32 or float64 operands batched over
 * leading axes (`[..., m, n]`), is opaque to the fuser, and runs its kernel matrix by matrix in
 * float64 (float32 results are rounded on store). Failed factorizations produce NaN, as in JAX,
 * instead of throwing: only malformed shapes and dtypes are errors. Being batched already, each
 * batches under vmap by moving the mapped axis to the front; the jvp rules live in linalg-jvp.ts.
 */
import { aval, type Aval } from "../aval.js";
import { isFloat } from "../dtype.js";
import { describe, describeAll, fail } from "../errors.js";
import { mapMatrices as mapBufferMatrices } from "../kernels/linalg/batch.js";
import { cholesky } from "../kernels/linalg/cholesky.js";
import { eigh } from "../kernels/linalg/eigh.js";
import { lu } from "../kernels/linalg/lu.js";
import { qr } from "../kernels/linalg/qr.js";
import { schur } from "../kernels/linalg/schur.js";
import { svd } from "../kernels/linalg/svd.js";
import { triangularSolve } from "../kernels/linalg/triangular.js";
import { bind, bind1 } from "../interpreter.js";
import { adoptBuffer, operandOf, type NdArray } from "../ndarray.js";
import type { LinalgPrim } from "../primitives.js";
import { shapesEqual } from "../shape.js";
import { batchFirst, moveAxis } from "./batching-helpers.js";
import { choleskyJvp, eighJvp, luJvp, qrJvp, svdJvp, triangularSolveJvp } from "./linalg-jvp.js";
import { LinearArg, Zero, type RuleTable, type TransposeRule, type VmapRule } from "./rule.js";

/** Runs a per-matrix kernel over batched arrays (core/kernels/linalg/batch.ts) and wraps its buffers as arrays. */
function mapMatrices(args: readonly NdArray[], outAvals: readonly Aval[], kernel: Parameters<typeof mapBufferMatrices>[2]): NdArray[] {
  return mapBufferMatrices(args.map(operandOf), outAvals, kernel).map((b, k) => adoptBuffer(b, outAvals[k]!.shape, outAvals[k]!.dtype));
}

/** Checks the operand count, then that each operand is a float batch of matrices; returns the operands. */
function matrices(op: string, args: readonly Aval[], count: number): readonly Aval[] {
  if (args.length !== count) fail(op, `expected ${count} operand${count > 1 ? "s" : ""}, got ${args.length} (${describeAll(args)})`);
  for (const x of args) {
    if (!isFloat(x.dtype)) fail(op, `expected float32 or float64 operands, got ${describe(x)}`);
    if (x.shape.length < 2) fail(op, `expected a matrix or a batch of matrices (rank >= 2, shape [..., m, n]), got ${describe(x)}`);
  }
  return args;
}

/** Checks that the last two axes of `x` are equal; returns their size. */
function square(op: string, x: Aval): number {
  const [m, n] = x.shape.slice(-2) as [number, number];
  if (m !== n) fail(op, `expected square matrices (last two axes equal), got shape ${describe(x)} (${m} x ${n})`);
  return m;
}

const batchOf = (x: Aval): number[] => x.shape.slice(0, -2);
const rowsOf = (x: Aval): number => x.shape[x.shape.length - 2]!;
const colsOf = (x: Aval): number => x.shape[x.shape.length - 1]!;

/** Batching for a one-operand primitive already batched over leading axes: the mapped axis goes first. */
function vmapLeading<P extends Exclude<LinalgPrim, "triangularSolve">>(prim: P): VmapRule<P> {
  return (args, dims, params, size) => {
    const outs = bind(prim, [batchFirst(args[0]!, dims[0]!, size)], params);
    return [outs, outs.map(() => 0)];
  };
}

/**
 * Batching for triangularSolve. When only b is mapped, the mapped axis is folded into b's free
 * axis (columns for a left-side solve, rows for a right-side one: each is solved independently),
 * so a is not copied per example; otherwise both operands get the mapped axis first.
 */
const triangularSolveVmap: VmapRule<"triangularSolve"> = ([a, b], [aDim, bDim], params, size) => {
  if (aDim === null) {
    const rank = b!.ndim;
    const at = params.leftSide ? rank - 1 : rank - 3;
    const moved = moveAxis(b!, bDim!, at);
    const shape = moved.shape;
    // [..., m, n, size] -> [..., m, n * size] (left) or [..., size, n, m] -> [..., size * n, m] (right)
    const folded = params.leftSide
      ? [...shape.slice(0, -3), shape[rank - 3]!, shape[rank - 2]! * size]
      : [...shape.slice(0, -3), size * shape[rank - 2]!, shape[rank - 1]!];
    const x = bind1("triangularSolve", [a!, bind1("reshape", [moved], { newShape: folded })], params);
    return [[bind1("reshape", [x], { newShape: shape })], [at]];
  }
  const x = bind1("triangularSolve", [batchFirst(a!, aDim, size), batchFirst(b!, bDim!, size)], params);
  return [[x], [0]];
};

/** x = op(a)⁻¹ b is linear in b; its transpose solves with op(a)ᵀ (transposeA flipped) on the same side. */
const triangularSolveTranspose: TransposeRule<"triangularSolve"> = ([ct], [a, b], params) => {
  if (a instanceof LinearArg || !(b instanceof LinearArg)) {
    return fail("triangularSolve", "transpose: the solve is linear only in b (a must be a known value, b the linear operand)");
  }
  if (ct === undefined || ct instanceof Zero) return [null, new Zero(b.aval)];
  return [null, bind1("triangularSolve", [a, ct], { ...params, transposeA: !params.transposeA })];
};

/** Rules for the linalg primitives. */
export const linalgRules: RuleTable<LinalgPrim> = {
  cholesky: {
    fusion: "opaque",
    jvp: choleskyJvp,
    vmap: vmapLeading("cholesky"),
    abstractEval(args) {
      const [a] = matrices("cholesky", args, 1);
      square("cholesky", a!);
      return [aval(a!.shape, a!.dtype)];
    },
    impl(args, _params, outAvals) {
      return mapMatrices(args, outAvals, ([a]) => [cholesky(a!).data]);
    },
  },

  triangularSolve: {
    fusion: "opaque",
    jvp: triangularSolveJvp,
    vmap: triangularSolveVmap,
    transpose: triangularSolveTranspose,
    abstractEval(args, params) {
      const [a, b] = matrices("triangularSolve", args, 2) as [Aval, Aval];
      const m = square("triangularSolve", a);
      if (a.dtype !== b.dtype) fail("triangularSolve", `operands must share a dtype, got a: ${describe(a)} and b: ${describe(b)}`);
      const solvedAxis = params.leftSide ? rowsOf(b) : colsOf(b);
      if (!shapesEqual(batchOf(a), batchOf(b)) || solvedAxis !== m) {
        const expected = params.leftSide ? `[${[...batchOf(a), m, "n"].join(",")}]` : `[${[...batchOf(a), "n", m].join(",")}]`;
        fail("triangularSolve", `b has shape ${describe(b)} but a is ${describe(a)}; expected b of shape ${expected} (leftSide: ${params.leftSide})`);
      }
      return [aval(b.shape, b.dtype)];
    },
    impl(args, params, outAvals) {
      return mapMatrices(args, outAvals, ([a, b]) => [triangularSolve(a!, b!, params).data]);
    },
  },

  lu: {
    fusion: "opaque",
    jvp: luJvp,
    vmap: vmapLeading("lu"),
    abstractEval(args) {
      const [a] = matrices("lu", args, 1);
      const m = rowsOf(a!);
      const k = Math.min(m, colsOf(a!));
      return [aval(a!.shape, a!.dtype), aval([...batchOf(a!), k], "int32"), aval([...batchOf(a!), m], "int32")];
    },
    impl(args, _params, outAvals) {
      return mapMatrices(args, outAvals, ([a]) => {
        const r = lu(a!);
        return [r.lu.data, r.pivots, r.permutation];
      });
    },
  },

  qr: {
    fusion: "opaque",
    jvp: qrJvp,
    vmap: vmapLeading("qr"),
    abstractEval(args, params) {
      const [a] = matrices("qr", args, 1);
      const m = rowsOf(a!);
      const n = colsOf(a!);
      const k = params.fullMatrices ? m : Math.min(m, n);
      return [aval([...batchOf(a!), m, k], a!.dtype), aval([...batchOf(a!), k, n], a!.dtype)];
    },
    impl(args, params, outAvals) {
      return mapMatrices(args, outAvals, ([a]) => {
        const r = qr(a!, params.fullMatrices);
        return [r.q.data, r.r.data];
      });
    },
  },

  eigh: {
    fusion: "opaque",
    jvp: eighJvp,
    vmap: vmapLeading("eigh"),
    abstractEval(args) {
      const [a] = matrices("eigh", args, 1);
      const n = square("eigh", a!);
      return [aval([...batchOf(a!), n], a!.dtype), aval(a!.shape, a!.dtype)];
    },
    impl(args, _params, outAvals) {
      return mapMatrices(args, outAvals, ([a]) => {
        const r = eigh(a!);
        return [r.w, r.v.data];
      });
    },
  },

  svd: {
    fusion: "opaque",
    jvp: svdJvp,
    vmap: vmapLeading("svd"),
    abstractEval(args, params) {
      const [a] = matrices("svd", args, 1);
      const m = rowsOf(a!);
      const n = colsOf(a!);
      const k = Math.min(m, n);
      const s = aval([...batchOf(a!), k], a!.dtype);
      if (!params.computeUv) return [s];
      const [uCols, vtRows] = params.fullMatrices ? [m, n] : [k, k];
      return [aval([...batchOf(a!), m, uCols], a!.dtype), s, aval([...batchOf(a!), vtRows, n], a!.dtype)];
    },
    impl(args, params, outAvals) {
      return mapMatrices(args, outAvals, ([a]) => {
        const r = svd(a!, params);
        return r.u === null || r.vt === null ? [r.s] : [r.u.data, r.s, r.vt.data];
      });
    },
  },

  schur: {
    fusion: "opaque",
    // JAX defines no derivative for the Schur decomposition (it is not unique).
    jvp: () => fail("schur", "the Schur decomposition is not differentiable (JAX defines no derivative for it either)"),
    vmap: vmapLeading("schur"),
    abstractEval(args, params) {
      const [a] = matrices("schur", args, 1);
      square("schur", a!);
      const t = aval(a!.shape, a!.dtype);
      return params.computeSchurVectors ? [t, aval(a!.shape, a!.dtype)] : [t];
    },
    impl(args, params, outAvals) {
      return mapMatrices(args, outAvals, ([a]) => {
        const r = schur(a!);
        return params.computeSchurVectors ? [r.t.data, r.z.data] : [r.t.data];
      });
    },
  },
};
