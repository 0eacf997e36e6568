/**
 * Partial evaluation: splitting a jaxpr, given which inputs are known now, into a known jaxpr
 * (run now) and an unknown jaxpr (run later on the residuals the known one saves). Linearize
 * uses it on a staged jvp: primals known, tangents unknown, so the unknown jaxpr is the linear
 * map that reverse mode transposes.
 */
import { hasEffects } from "../core/effects.js";
import { ClosedJaxpr, Jaxpr, Lit, Var, type Atom, type Eqn } from "../core/jaxpr.js";
import type { Prim } from "../core/primitives.js";
import { dce } from "./dce.js";
import { compileLazily } from "./jit/compile.js";
import { partialEvalCond, partialEvalWhile } from "./partial-eval-control.js";
import type { PartialEvalRule, PartialEvaluation, SplitJaxpr } from "./partial-eval-rule.js";
import { partialEvalScan } from "./partial-eval-scan.js";

/** Rules for the higher-order primitives that do not split all-or-nothing. */
const partialEvalRules: Partial<Record<Prim, PartialEvalRule>> = {
  checkpoint: partialEvalCheckpoint,
  jit: partialEvalJit,
  cond: partialEvalCond,
  scan: partialEvalScan,
  whileLoop: partialEvalWhile,
};

/** Splits `jaxpr` by which inputs are known; a first-order equation is known when all its inputs are. */
export function partialEvalJaxpr(jaxpr: Jaxpr, inKnown: readonly boolean[]): PartialEvaluation {
  const known = new Set<Var>(jaxpr.constVars);
  jaxpr.inVars.forEach((v, i) => inKnown[i] && known.add(v));
  const isKnown = (a: Atom) => a instanceof Lit || known.has(a);
  const knownEqns: Eqn[] = [];
  const unknownEqns: Eqn[] = [];
  const residuals = new Set<Var>();
  const later = (eqn: Eqn) => {
    unknownEqns.push(eqn);
    for (const a of eqn.inputs) if (a instanceof Var && known.has(a)) residuals.add(a);
  };
  const now = (eqn: Eqn) => {
    knownEqns.push(eqn);
    eqn.outs.forEach((v) => known.add(v));
  };
  for (const eqn of jaxpr.eqns) {
    const flags = eqn.inputs.map(isKnown);
    const rule = partialEvalRules[eqn.prim];
    if (flags.every(Boolean)) now(eqn);
    else if (rule === undefined || !flags.some(Boolean)) later(eqn);
    else {
      const split = rule(eqn, flags, partialEvalJaxpr);
      split.known.forEach(now);
      split.unknown.forEach(later);
    }
  }
  const outKnown = jaxpr.outs.map(isKnown);
  const residualVars = [...residuals];
  const knownJaxpr = new Jaxpr(
    jaxpr.constVars,
    jaxpr.inVars.filter((_, i) => inKnown[i]),
    knownEqns,
    [...jaxpr.outs.filter((_, i) => outKnown[i]), ...residualVars],
  );
  const unknownJaxpr = new Jaxpr(
    [],
    [...residualVars, ...jaxpr.inVars.filter((_, i) => !inKnown[i])],
    unknownEqns,
    jaxpr.outs.filter((_, i) => !outKnown[i]),
  );
  return { known: knownJaxpr, unknown: unknownJaxpr, outKnown, numResiduals: residualVars.length };
}

/**
 * A staged call splits into two staged calls: the known one computes the known outputs and the
 * residuals, the unknown one takes the residuals and the unknown inputs.
 */
function partialEvalJit(eqn: Eqn, inKnown: readonly boolean[], partialEvalJaxpr: SplitJaxpr): { known: Eqn[]; unknown: Eqn[] } {
  const { jaxpr: inner } = eqn.params as { jaxpr: ClosedJaxpr };
  if (inner.jaxpr.constVars.length > 0) throw new Error("tessera: internal error: a jit jaxpr with unhoisted constants");
  const split = partialEvalJaxpr(inner.jaxpr, inKnown);
  const numKnown = split.outKnown.filter(Boolean).length;
  const residuals = split.known.outs.slice(numKnown).map((a) => new Var(a.aval));
  const knownJaxpr = new ClosedJaxpr(split.known, []);
  const unknownJaxpr = new ClosedJaxpr(split.unknown, []);
  const knownEqn = {
    prim: "jit",
    inputs: eqn.inputs.filter((_, i) => inKnown[i]),
    params: { jaxpr: knownJaxpr, program: compileLazily(knownJaxpr) },
    outs: [...eqn.outs.filter((_, i) => split.outKnown[i]), ...residuals],
  } as Eqn;
  const unknownEqn = {
    prim: "jit",
    inputs: [...residuals, ...eqn.inputs.filter((_, i) => !inKnown[i])],
    params: { jaxpr: unknownJaxpr, program: compileLazily(unknownJaxpr) },
    outs: eqn.outs.filter((_, i) => !split.outKnown[i]),
  } as Eqn;
  return { known: [knownEqn], unknown: [unknownEqn] };
}

/**
 * Checkpointing: the known half runs the function's known outputs only (saving nothing); the
 * unknown half reruns the function's known part from the known inputs (recomputing what the
 * linear part needs) and then its unknown part. Both come from splitting the function itself,
 * so higher-order equations inside it (scan, nested checkpoints) are split too.
 */
function partialEvalCheckpoint(eqn: Eqn, inKnown: readonly boolean[], partialEvalJaxpr: SplitJaxpr): { known: Eqn[]; unknown: Eqn[] } {
  const { jaxpr: inner } = eqn.params as { jaxpr: ClosedJaxpr };
  if (inner.jaxpr.constVars.length > 0) throw new Error("tessera: internal error: a checkpoint jaxpr with unhoisted constants");
  const split = partialEvalJaxpr(inner.jaxpr, inKnown);
  const knownOuts = split.outKnown;
  // Keep the known outputs, drop the residuals: the backward pass recomputes them.
  const numKnown = knownOuts.filter(Boolean).length;
  const primalOnly = dce(split.known, split.known.outs.map((_, i) => i < numKnown));
  const knownInputs = eqn.inputs.filter((_, i) => inKnown[i]);
  const unknownInputs = eqn.inputs.filter((_, i) => !inKnown[i]);
  const knownEqn = {
    prim: "checkpoint",
    inputs: knownInputs,
    params: { jaxpr: new ClosedJaxpr(primalOnly, []) },
    outs: eqn.outs.filter((_, i) => knownOuts[i]),
  } as Eqn;
  // Recompute the residuals (fresh variables), then run the unknown part on them.
  const residuals = split.known.outs.slice(numKnown).map((a) => new Var(a.aval));
  const recompute = inlineJaxpr(dce(split.known, split.known.outs.map((_, i) => i >= numKnown)), knownInputs, split.known.outs.slice(numKnown), residuals);
  const unknownOuts = eqn.outs.filter((_, i) => !knownOuts[i]);
  const rest = inlineJaxpr(split.unknown, [...residuals, ...unknownInputs], split.unknown.outs, unknownOuts);
  // Effects (debug prints) run in both halves, as JAX's remat prints again when it recomputes.
  return { known: knownOuts.some(Boolean) || hasEffects(knownEqn) ? [knownEqn] : [], unknown: [...recompute, ...rest] };
}

/**
 * The equations of `jaxpr` (no constants) with its inputs replaced by `inputs`, fresh variables
 * for its intermediates, and `results[i]` bound to the value of `outs[i]`.
 */
function inlineJaxpr(jaxpr: Jaxpr, inputs: readonly Atom[], outs: readonly Atom[], results: readonly Var[]): Eqn[] {
  const rename = new Map<Var, Atom>();
  jaxpr.inVars.forEach((v, i) => rename.set(v, inputs[i]!));
  // An output produced by an equation binds its result variable directly.
  const direct = new Map<Var, Var>();
  outs.forEach((a, i) => {
    if (a instanceof Var && !rename.has(a) && !direct.has(a)) direct.set(a, results[i]!);
  });
  const read = (a: Atom): Atom => (a instanceof Lit ? a : rename.get(a)!);
  const eqns: Eqn[] = jaxpr.eqns.map((e) => {
    const newOuts = e.outs.map((v) => direct.get(v) ?? new Var(v.aval));
    e.outs.forEach((v, i) => rename.set(v, newOuts[i]!));
    return { prim: e.prim, inputs: e.inputs.map(read), params: e.params, outs: newOuts } as Eqn;
  });
  // Outputs that are inputs, literals or repeats are copied with a same-shape reshape.
  outs.forEach((a, i) => {
    const result = results[i]!;
    if (a instanceof Var && direct.get(a) === result) return;
    eqns.push({ prim: "reshape", inputs: [read(a)], params: { newShape: result.aval.shape }, outs: [result] } as Eqn);
  });
  return eqns;
}
