/**
 * Partial evaluation of scan (reverse mode's split of a loop): a known scan runs the iterations'
 * known part now and stacks, per iteration, the residuals the rest needs; an unknown scan runs
 * later over those stacked residuals. A carry is known only if its initial value is and every
 * iteration keeps it known. Residuals that do not change across iterations (known consts, and
 * values computed from them alone) are passed to the unknown scan once, as consts, instead of
 * being stacked; residuals that are known xs are passed as they are.
 */
import { hasEffects, jaxprHasEffects } from "../core/effects.js";
import { ClosedJaxpr, Jaxpr, Lit, Var, type Atom, type Eqn } from "../core/jaxpr.js";
import type { ParamsOf } from "../core/primitives.js";
import { splitList } from "../core/rules/scan.js";
import { dce } from "./dce.js";
import type { PartialEvaluation, SplitJaxpr } from "./partial-eval-rule.js";

const count = (flags: readonly boolean[]) => flags.filter(Boolean).length;

/**
 * `split` with the outputs marked in `force` moved to the unknown side: their known values
 * become residuals the unknown jaxpr returns as they are.
 */
function forceUnknown(split: PartialEvaluation, force: readonly boolean[]): PartialEvaluation {
  const moved = split.outKnown.map((k, i) => k && Boolean(force[i]));
  if (!moved.some(Boolean)) return split;
  const { known, unknown, outKnown, numResiduals } = split;
  const numKnownOuts = known.outs.length - numResiduals;
  const residuals = known.outs.slice(numKnownOuts) as Var[];
  const knownOuts: Atom[] = [];
  const unknownOuts: Atom[] = [];
  let nextKnown = 0;
  let nextUnknown = 0;
  outKnown.forEach((isKnown, i) => {
    if (!isKnown) return void unknownOuts.push(unknown.outs[nextUnknown++]!);
    const a = known.outs[nextKnown++]!;
    if (!moved[i]) return void knownOuts.push(a);
    if (a instanceof Var && !residuals.includes(a)) residuals.push(a);
    unknownOuts.push(a);
  });
  return {
    known: new Jaxpr(known.constVars, known.inVars, known.eqns, [...knownOuts, ...residuals]),
    unknown: new Jaxpr([], [...residuals, ...unknown.inVars.slice(numResiduals)], unknown.eqns, unknownOuts),
    outKnown: outKnown.map((k, i) => k && !moved[i]),
    numResiduals: residuals.length,
  };
}

/** Copies `eqns` with their inputs renamed through `rename` (extended with fresh outputs). */
function inlineEqns(eqns: readonly Eqn[], rename: Map<Var, Atom>): Eqn[] {
  return eqns.map((e) => {
    const outs = e.outs.map((v) => new Var(v.aval));
    const inputs = e.inputs.map((a) => (a instanceof Lit ? a : rename.get(a)!));
    e.outs.forEach((v, i) => rename.set(v, outs[i]!));
    return { prim: e.prim, inputs, params: e.params, outs } as Eqn;
  });
}

/** Splits a scan equation with some known operands into a known scan and an unknown scan. */
export function partialEvalScan(eqn: Eqn, inKnown: readonly boolean[], partialEvalJaxpr: SplitJaxpr): { known: Eqn[]; unknown: Eqn[] } {
  const { body, numConsts, numCarry, length, reverse } = eqn.params as ParamsOf["scan"];
  if (body.jaxpr.constVars.length > 0) throw new Error("tessera: internal error: a scan body with unhoisted constants");
  const numYs = body.outAvals.length - numCarry;
  const [constKnown, initKnown, xsKnown] = splitList(inKnown, [numConsts, numCarry]) as [boolean[], boolean[], boolean[]];

  let carryKnown = initKnown;
  let split: PartialEvaluation;
  for (;;) {
    split = partialEvalJaxpr(body.jaxpr, [...constKnown, ...carryKnown, ...xsKnown]);
    const outCarryKnown = split.outKnown.slice(0, numCarry);
    if (carryKnown.every((k, i) => !k || outCarryKnown[i])) break;
    carryKnown = carryKnown.map((k, i) => k && outCarryKnown[i]!);
  }
  // An unknown carry must leave the unknown body even when an iteration computes it from known values.
  split = forceUnknown(split, [...carryKnown.map((k) => !k), ...new Array<boolean>(numYs).fill(false)]);
  const known = split.known;
  const bodyKnown = [...constKnown, ...carryKnown, ...xsKnown];
  const numKnownConsts = count(constKnown);
  const numKnownCarry = count(carryKnown);

  // Classify the residuals by how they vary across iterations.
  const outerOf = new Map<Var, Atom>();
  const knownOperands = eqn.inputs.filter((_, i) => bodyKnown[i]);
  known.inVars.forEach((v, i) => outerOf.set(v, knownOperands[i]!));
  const constVars = new Set(known.inVars.slice(0, numKnownConsts));
  const xsVars = new Set(known.inVars.slice(numKnownConsts + numKnownCarry));
  const invariant = new Set<Var>(constVars);
  // An equation with an effect runs every iteration, so it is never loop-invariant.
  const hoistable = (e: Eqn) => !hasEffects(e) && e.inputs.every((a) => a instanceof Lit || invariant.has(a));
  for (const e of known.eqns) {
    if (hoistable(e)) e.outs.forEach((v) => invariant.add(v));
  }
  const numKnownOuts = known.outs.length - split.numResiduals;
  const residuals = known.outs.slice(numKnownOuts) as Var[];
  const isIntensive = (r: Var) => invariant.has(r);
  const isStacked = (r: Var) => !invariant.has(r) && !xsVars.has(r);

  // Loop-invariant residuals computed inside the body are computed once, before the loop.
  const computed = residuals.filter((r) => invariant.has(r) && !constVars.has(r));
  const rename = new Map<Var, Atom>([...constVars].map((v) => [v, outerOf.get(v)!]));
  const invariantJaxpr = dce(new Jaxpr([], [...constVars], known.eqns.filter(hoistable), computed), computed.map(() => true));
  const hoistedEqns = inlineEqns(invariantJaxpr.eqns, rename);

  // The known scan: known carries and ys, then the stacked residuals as extra ys.
  const stacked = residuals.filter(isStacked);
  const stackedVars = stacked.map((r) => new Var({ shape: [length, ...r.aval.shape], dtype: r.aval.dtype }));
  const stackedOuter = new Map(stacked.map((r, i) => [r, stackedVars[i]!]));
  const knownBody = dce(known, known.outs.map((_, i) => i < numKnownOuts || isStacked(residuals[i - numKnownOuts]!)));
  const knownEqns: Eqn[] = [...hoistedEqns];
  const knownResults = eqn.outs.filter((_, i) => split.outKnown[i]);
  if (knownBody.outs.length > 0 || jaxprHasEffects(knownBody)) {
    knownEqns.push({
      prim: "scan",
      inputs: knownOperands,
      params: { body: new ClosedJaxpr(knownBody, []), numConsts: numKnownConsts, numCarry: numKnownCarry, length, reverse },
      outs: [...knownResults, ...stackedVars],
    } as Eqn);
  }

  // The unknown scan: [intensive residuals, unknown consts] as consts, unknown carries, [unknown xs, extensive residuals] as xs.
  const unknownResults = eqn.outs.filter((_, i) => !split.outKnown[i]);
  if (unknownResults.length === 0) return { known: knownEqns, unknown: [] };
  const unknown = split.unknown;
  const unknownInputs = unknown.inVars.slice(split.numResiduals);
  const unknownOperands = eqn.inputs.filter((_, i) => !bodyKnown[i]);
  const numUnknownConsts = numConsts - numKnownConsts;
  const numUnknownCarry = numCarry - numKnownCarry;
  const intensive = residuals.filter(isIntensive);
  const extensive = residuals.filter((r) => !isIntensive(r));
  const residualAtom = (r: Var): Atom => rename.get(r) ?? stackedOuter.get(r) ?? outerOf.get(r)!;
  const [uConsts, uCarries, uXs] = splitList(unknownInputs, [numUnknownConsts, numUnknownCarry]);
  const [oConsts, oCarries, oXs] = splitList(unknownOperands, [numUnknownConsts, numUnknownCarry]);
  const unknownBody = new Jaxpr([], [...intensive, ...uConsts!, ...uCarries!, ...uXs!, ...extensive], unknown.eqns, unknown.outs);
  const unknownEqn = {
    prim: "scan",
    inputs: [...intensive.map(residualAtom), ...oConsts!, ...oCarries!, ...oXs!, ...extensive.map(residualAtom)],
    params: { body: new ClosedJaxpr(unknownBody, []), numConsts: intensive.length + numUnknownConsts, numCarry: numUnknownCarry, length, reverse },
    outs: unknownResults,
  } as Eqn;
  return { known: knownEqns, unknown: [unknownEqn] };
}
