/**
 * Partial evaluation of cond and whileLoop (entries of the table in partial-eval.ts).
 *
 * cond with a known index splits like JAX's: a known cond computes the outputs every branch
 * knows plus residuals, and an unknown cond consumes them. Each branch has its own residuals, so
 * the residual list is the concatenation of every branch's slots, a branch filling the others'
 * slots with zeros. An output known in one branch but not in another is unknown overall; the
 * branch that knows it passes it through its residual slot. An unknown index stages everything.
 *
 * A while loop with unknown inputs would need its trip count in the backward pass; as in JAX,
 * reverse mode through it is an error (loops whose inputs are all known pass through untouched).
 */
import type { Aval } from "../core/aval.js";
import { fail } from "../core/errors.js";
import { bind1 } from "../core/interpreter.js";
import { evalJaxpr, Var, type ClosedJaxpr, type Eqn } from "../core/jaxpr.js";
import { NdArray, type ArrayValue } from "../core/ndarray.js";
import type { ParamsOf } from "../core/primitives.js";
import { partialEvalJaxpr, type PartialEvaluation } from "./partial-eval.js";
import { stageFlat } from "./staging.js";

/** A zero array of `aval` (a broadcast scalar literal, so no constant array is captured). */
function zerosOf(aval: Aval): ArrayValue {
  const zero = NdArray.zeros([], aval.dtype);
  return aval.shape.length === 0 ? zero : bind1("broadcastInDim", [zero], { shape: aval.shape, broadcastDimensions: [] });
}

/** One branch split by partial evaluation, with the residual slot it fills. */
interface BranchSplit {
  readonly branch: ClosedJaxpr;
  readonly split: PartialEvaluation;
  /** Outputs this branch knows that are unknown overall: passed to the unknown cond as residuals. */
  readonly forwarded: number[];
  readonly residualAvals: Aval[];
}

/** Splits a cond equation by which of its inputs (index, then operands) are known. */
export function partialEvalCond(eqn: Eqn, inKnown: readonly boolean[]): { known: Eqn[]; unknown: Eqn[] } {
  if (!inKnown[0]) return { known: [], unknown: [eqn] };
  const { branches } = eqn.params as ParamsOf["cond"];
  const operandKnown = inKnown.slice(1);
  const splits0 = branches.map((b) => partialEvalJaxpr(b.jaxpr, operandKnown));
  const outUnknown = eqn.outs.map((_, i) => splits0.some((s) => !s.outKnown[i]));
  const anyUnknown = outUnknown.some(Boolean);
  const splits: BranchSplit[] = branches.map((branch, b) => {
    const split = splits0[b]!;
    const numKnown = split.outKnown.filter(Boolean).length;
    const forwarded = outUnknown.flatMap((u, i) => (u && split.outKnown[i] ? [i] : []));
    // With every output known, no residuals are needed.
    const residualAvals = anyUnknown ? [...split.known.outs.slice(numKnown).map((a) => a.aval), ...forwarded.map((i) => eqn.outs[i]!.aval)] : [];
    return { branch, split, forwarded, residualAvals };
  });
  const slotStarts: number[] = [];
  let total = 0;
  for (const s of splits) {
    slotStarts.push(total);
    total += s.residualAvals.length;
  }
  const allResidualAvals = splits.flatMap((s) => s.residualAvals);
  const operandAvals = branches[0]!.inAvals;

  const knownBranches = splits.map((s, b) =>
    stageFlat((knownOperands) => {
      const values = evalJaxpr(s.split.known, s.branch.consts, knownOperands);
      const byOutput = new Map<number, ArrayValue>();
      let k = 0;
      s.split.outKnown.forEach((isKnown, i) => isKnown && byOutput.set(i, values[k++]!));
      const outs = outUnknown.flatMap((u, i) => (u ? [] : [byOutput.get(i)!]));
      if (!anyUnknown) return outs;
      const own = [...values.slice(k), ...s.forwarded.map((i) => byOutput.get(i)!)];
      const residuals = splits.flatMap((other, c) => (c === b ? own : other.residualAvals.map(zerosOf)));
      return [...outs, ...residuals];
    }, operandAvals.filter((_, i) => operandKnown[i])),
  );
  const knownOutVars = eqn.outs.filter((_, i) => !outUnknown[i]);
  const residualVars = allResidualAvals.map((a) => new Var(a));
  const knownEqn = {
    prim: "cond",
    inputs: [eqn.inputs[0]!, ...eqn.inputs.slice(1).filter((_, i) => operandKnown[i])],
    params: { branches: knownBranches },
    outs: [...knownOutVars, ...residualVars],
  } as Eqn<"cond">;
  const known = knownEqn.outs.length > 0 ? [knownEqn] : [];
  if (!anyUnknown) return { known, unknown: [] };

  const unknownBranches = splits.map((s, b) =>
    stageFlat((xs) => {
      const mine = xs.slice(slotStarts[b]!, slotStarts[b]! + s.residualAvals.length);
      const numResiduals = s.split.numResiduals;
      const computed = evalJaxpr(s.split.unknown, [], [...mine.slice(0, numResiduals), ...xs.slice(total)]);
      const passed = mine.slice(numResiduals);
      let k = 0;
      return outUnknown.flatMap((u, i) => {
        if (!u) return [];
        const f = s.forwarded.indexOf(i);
        return [f >= 0 ? passed[f]! : computed[k++]!];
      });
    }, [...allResidualAvals, ...operandAvals.filter((_, i) => !operandKnown[i])]),
  );
  const unknownEqn = {
    prim: "cond",
    inputs: [eqn.inputs[0]!, ...residualVars, ...eqn.inputs.slice(1).filter((_, i) => !operandKnown[i])],
    params: { branches: unknownBranches },
    outs: eqn.outs.filter((_, i) => outUnknown[i]),
  } as Eqn<"cond">;
  return { known, unknown: [unknownEqn] };
}

/** A while loop with some unknown inputs: reverse mode cannot go through it (as in JAX). */
export function partialEvalWhile(): never {
  return fail(
    "lax.whileLoop",
    "reverse-mode differentiation (grad, vjp) does not support a while loop with a data-dependent trip count, as in JAX; use lax.scan or foriLoop with static bounds",
  );
}
