/**
 * Rules for cond: `cond(index, ...operands)` runs `branches[clamp(index)]` on the operands. Every
 * branch takes the same operands (constants hoisted into them) and returns the same avals, so
 * each transform maps every branch the same way and binds a new cond: jvp differentiates every
 * branch with the union of their nonzero tangents, vmap batches every branch (or, when the index
 * itself is batched, runs them all and selects, as JAX does), transpose transposes every branch.
 * Partial evaluation lives in transforms/partial-eval-control.ts.
 */
import { aval, avalsMatch } from "../aval.js";
import { describe, describeAll, fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import type { ClosedJaxpr } from "../jaxpr.js";
import { adoptBuffer, type ArrayValue, NdArray } from "../ndarray.js";
import { instantiate } from "./autodiff-helpers.js";
import { batchFirst } from "./batching-helpers.js";
import { LinearArg, needTransforms, Zero, type JaxprTransforms, type RuleTable, type Tangent } from "./rule.js";
import { callJaxpr } from "../eval-jaxpr.js";

/** Elementwise OR of several flag lists of one length. */
export function anyFlags(lists: readonly (readonly boolean[])[], length: number): boolean[] {
  return Array.from({ length }, (_, i) => lists.some((l) => l[i] === true));
}

/** An int32 scalar constant. */
function int32(value: number): NdArray {
  return adoptBuffer(Int32Array.of(value), [], "int32");
}

/** `select(pred, onTrue, onFalse)` with a batch-shaped `pred` ([B]) broadcast over the values' trailing axes. */
export function batchSelect(pred: ArrayValue, onTrue: ArrayValue, onFalse: ArrayValue): ArrayValue {
  const p = pred.ndim === onTrue.ndim ? pred : bind1("broadcastInDim", [pred], { shape: onTrue.shape, broadcastDimensions: [0] });
  return bind1("select", [p, onTrue, onFalse], {});
}

/** `cases[index]` per example (index [B], clamped to the cases). */
function selectN(index: ArrayValue, cases: readonly ArrayValue[]): ArrayValue {
  let out = cases[0]!;
  for (let i = 1; i < cases.length; i++) out = batchSelect(bind1("eq", [index, int32(i)], {}), cases[i]!, out);
  return out;
}

/** The rules of the cond primitive. */
export const condRules: RuleTable<"cond"> = {
  cond: {
    fusion: "opaque",
    abstractEval(args, { branches }) {
      if (branches.length === 0) fail("cond", "needs at least one branch");
      const index = args[0];
      if (index === undefined || index.shape.length !== 0 || index.dtype !== "int32") {
        fail("cond", `the branch index must be an int32 scalar, got ${index === undefined ? "nothing" : describe(index)}`);
      }
      const operands = args.slice(1);
      const outAvals = branches[0]!.outAvals;
      branches.forEach((b, i) => {
        if (!avalsMatch(b.inAvals, operands)) {
          fail("cond", `branch ${i} takes (${describeAll(b.inAvals)}) but the operands are (${describeAll(operands)})`);
        }
        if (!avalsMatch(b.outAvals, outAvals)) {
          fail("cond", `branch ${i} returns (${describeAll(b.outAvals)}) but branch 0 returns (${describeAll(outAvals)}); every branch must return the same types`);
        }
      });
      return outAvals.map((a) => aval(a.shape, a.dtype));
    },
    impl(args, { branches }) {
      const index = Math.min(Math.max(Number(args[0]!.item()), 0), branches.length - 1);
      return callJaxpr(branches[index]!, args.slice(1)) as NdArray[];
    },
    jvp(primals, tangents, params, transforms) {
      const t = needTransforms("cond", transforms);
      const { branches } = params;
      const [index, ...operands] = primals;
      const operandTangents = tangents.slice(1);
      const nonzero = operandTangents.map((x) => !(x instanceof Zero));
      const outAvals = branches[0]!.outAvals;
      const none = outAvals.map(() => false);
      // An output tangent is nonzero if any branch can make it so; every branch then produces it.
      // Branches that already produce exactly those tangents are not differentiated twice.
      const first = branches.map((b) => t.jvpJaxpr(b, nonzero, none));
      const outNonzero = anyFlags(first.map((j) => j.outNonzero), outAvals.length);
      if (!outNonzero.some(Boolean)) return [bind("cond", primals, params), outAvals.map((a) => new Zero(a))];
      const jvpBranches = branches.map((b, k) =>
        first[k]!.outNonzero.every((f, i) => f === outNonzero[i]) ? first[k]!.jaxpr : t.jvpJaxpr(b, nonzero, outNonzero).jaxpr,
      );
      const active = operandTangents.filter((x): x is ArrayValue => !(x instanceof Zero));
      const results = bind("cond", [index!, ...operands, ...active], { branches: jvpBranches });
      let next = outAvals.length;
      const outTangents = outAvals.map((a, i): Tangent => (outNonzero[i] ? results[next++]! : new Zero(a)));
      return [results.slice(0, outAvals.length), outTangents];
    },
    vmap(args, dims, { branches }, axisSize, transforms) {
      const t = needTransforms("cond", transforms);
      const [index, ...operands] = args;
      const [indexDim, ...operandDims] = dims;
      if (indexDim !== null && indexDim !== undefined) return vmapMappedIndex(t, branches, index!, indexDim, operands, operandDims, axisSize);
      const outCount = branches[0]!.outAvals.length;
      const free = branches.map((b) => t.vmapJaxpr(b, axisSize, operandDims));
      const outBatched = anyFlags(free.map((r) => r.outDims.map((d) => d !== null)), outCount);
      const outDims = outBatched.map((b) => (b ? 0 : null));
      // Branches whose free batching already matches are not batched twice.
      const batched = branches.map((b, k) => {
        const result = free[k]!.outDims.every((d, i) => d === outDims[i]) ? free[k]! : t.vmapJaxpr(b, axisSize, operandDims, outDims);
        if (result.outDims.some((d, i) => d !== outDims[i])) fail("cond", "internal error: branches disagree on which outputs are batched");
        return result.jaxpr;
      });
      return [bind("cond", [index!, ...operands], { branches: batched }), outDims];
    },
    transpose(cotangents, args, { branches }, transforms) {
      const t = needTransforms("cond", transforms);
      const [index, ...operands] = args;
      if (index instanceof LinearArg || index === undefined) return fail("cond", "internal error: the branch index cannot be a linear input");
      const linear = operands.map((a) => a instanceof LinearArg);
      const zeroCts = operands.map((a) => (a instanceof LinearArg ? new Zero(a.aval) : null));
      if (cotangents.every((ct) => ct instanceof Zero)) return [null, ...zeroCts];
      const residuals = operands.filter((a): a is ArrayValue => !(a instanceof LinearArg));
      const transposed = branches.map((b) => t.transposeJaxpr(b, linear));
      const cts = bind("cond", [index, ...residuals, ...cotangents.map(instantiate)], { branches: transposed });
      let next = 0;
      return [null, ...operands.map((a) => (a instanceof LinearArg ? cts[next++]! : null))];
    },
  },
};

/**
 * vmap with a batched index: every branch runs on the whole batch and each example keeps the
 * result of its own branch (JAX turns the cond into a select). Each branch sees its operands
 * through a stopGradient where it is not selected, so reverse mode sends no cotangent through
 * the branches an example did not take (JAX issue #1052).
 */
function vmapMappedIndex(
  t: JaxprTransforms,
  branches: readonly ClosedJaxpr[],
  index: ArrayValue,
  indexDim: number,
  operands: readonly ArrayValue[],
  operandDims: readonly (number | null)[],
  axisSize: number,
): [ArrayValue[], number[]] {
  const last = int32(branches.length - 1);
  const clamped = bind1("max", [bind1("min", [batchFirst(index, indexDim, axisSize), last], {}), int32(0)], {});
  const batched = operands.map((x, i) => batchFirst(x, operandDims[i] ?? null, axisSize));
  const outsPerBranch = branches.map((branch, b) => {
    const taken = bind1("eq", [clamped, int32(b)], {});
    const guarded = batched.map((x) => batchSelect(taken, x, bind1("stopGradient", [x], {})));
    return t.vmapFunction((xs) => callJaxpr(branch, xs), axisSize, guarded.map(() => 0))(guarded);
  });
  const outs = outsPerBranch[0]!.map((_, k) => selectN(clamped, outsPerBranch.map((o) => o[k]!)));
  return [outs, outs.map(() => 0)];
}
