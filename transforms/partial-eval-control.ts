/**
 * Partial evaluation of cond and whileLoop (entries of the table in partial-eval.ts).
 *
 * cond with a known index splits like JAX's: a known cond computes the outputs every branch
 * knows plus residuals, and an unknown cond consumes them. Each branch has its own residuals, so
 * the residual list is the concatenation of every branch's slots, a branch filling the others'
 * slots with zeros. An output known in one branch but not in another is unknown overall; the
 * branch that knows it passes it through its residual slot. An unknown index stages everything.
 *
 * A while loop with unknown inputs splits its known carries into a loop run now and reruns the
 * whole loop later; transposing that loop (reverse mode) is an error, as in JAX.
 */
import type { Aval } from "../core/aval.js";
import { hasEffects } from "../core/effects.js";
import { bind1 } from "../core/interpreter.js";
import { evalJaxpr } from "../core/eval-jaxpr.js";
import { ClosedJaxpr, Var, type Eqn } from "../core/jaxpr.js";
import { NdArray, type ArrayValue } from "../core/ndarray.js";
import type { ParamsOf } from "../core/primitives.js";
import { dce } from "./dce.js";
import type { PartialEvaluation, SplitJaxpr } from "./partial-eval-rule.js";
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
export function partialEvalCond(eqn: Eqn, inKnown: readonly boolean[], partialEvalJaxpr: SplitJaxpr): { known: Eqn[]; unknown: Eqn[] } {
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
  const known = knownEqn.outs.length > 0 || hasEffects(knownEqn) ? [knownEqn] : [];
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

/**
 * A while loop with some unknown inputs, as JAX splits it: the carries that stay known through
 * every iteration (a fixed point) are computed by a known loop now; the unknown loop reruns the
 * whole loop later (recomputing the known carries its condition needs). Linearize and forward
 * evaluation of the linear part work; transposing the unknown loop (grad, vjp) is an error, since
 * the backward pass would need the trip count (the whileLoop rule's transpose says so).
 */
export function partialEvalWhile(eqn: Eqn, inKnown: readonly boolean[], partialEvalJaxpr: SplitJaxpr): { known: Eqn[]; unknown: Eqn[] } {
  const { cond, body, condNumConsts, bodyNumConsts } = eqn.params as ParamsOf["whileLoop"];
  const condConstKnown = inKnown.slice(0, condNumConsts);
  const bodyConstKnown = inKnown.slice(condNumConsts, condNumConsts + bodyNumConsts);
  let carryKnown = inKnown.slice(condNumConsts + bodyNumConsts);
  for (;;) {
    const outKnown = partialEvalJaxpr(body.jaxpr, [...bodyConstKnown, ...carryKnown]).outKnown;
    const next = carryKnown.map((k, i) => k && outKnown[i]!);
    if (next.every((k, i) => k === carryKnown[i])) break;
    carryKnown = next;
  }
  const condSplit = partialEvalJaxpr(cond.jaxpr, [...condConstKnown, ...carryKnown]);
  if (!condSplit.outKnown[0] || !carryKnown.some(Boolean)) return { known: [], unknown: [eqn] };
  const bodySplit = partialEvalJaxpr(body.jaxpr, [...bodyConstKnown, ...carryKnown]);
  // Positions, among the known body's outputs, of the known carries.
  let position = 0;
  const keep = new Set<number>();
  bodySplit.outKnown.forEach((known, i) => {
    if (known && carryKnown[i]) keep.add(position);
    if (known) position++;
  });
  const knownBody = dce(bodySplit.known, bodySplit.known.outs.map((_, i) => keep.has(i)));
  const knownCond = dce(condSplit.known, condSplit.known.outs.map((_, i) => i === 0));
  const carries = eqn.outs.length;
  const knownEqn = {
    prim: "whileLoop",
    inputs: eqn.inputs.filter((_, i) => inKnown[i] && (i < condNumConsts + bodyNumConsts || carryKnown[i - condNumConsts - bodyNumConsts])),
    params: {
      cond: new ClosedJaxpr(knownCond, cond.consts),
      body: new ClosedJaxpr(knownBody, body.consts),
      condNumConsts: condConstKnown.filter(Boolean).length,
      bodyNumConsts: bodyConstKnown.filter(Boolean).length,
    },
    outs: eqn.outs.filter((_, i) => carryKnown[i]),
  } as Eqn<"whileLoop">;
  // The later loop recomputes the known carries into fresh, unused variables.
  const unknownEqn = { ...eqn, outs: eqn.outs.map((v, i) => (i < carries && carryKnown[i] ? new Var(v.aval) : v)) } as Eqn;
  return { known: [knownEqn], unknown: [unknownEqn] };
}
