/**
 * Partial evaluation: splitting a jaxpr, given which inputs are known now, into a known jaxpr
 * (run now) and an unknown jaxpr (run later on the residuals the known one saves). Linearize
 * uses it on a staged jvp: primals known, tangents unknown, so the unknown jaxpr is the linear
 * map that reverse mode transposes.
 */
import { Jaxpr, Lit, Var, type Atom, type Eqn } from "../core/jaxpr.js";

/** The two halves of a partially evaluated jaxpr. */
export interface PartialEvaluation {
  /** Known inputs (and the original constants) -> known outputs, then residuals. */
  readonly known: Jaxpr;
  /** Residuals, then unknown inputs -> unknown outputs. */
  readonly unknown: Jaxpr;
  /** For each original output, whether the known jaxpr computes it. */
  readonly outKnown: readonly boolean[];
  /** How many residuals the known jaxpr appends to its outputs. */
  readonly numResiduals: number;
}

/** Splits `jaxpr` by which inputs are known; an equation is known when all its inputs are. */
export function partialEvalJaxpr(jaxpr: Jaxpr, inKnown: readonly boolean[]): PartialEvaluation {
  const known = new Set<Var>(jaxpr.constVars);
  jaxpr.inVars.forEach((v, i) => inKnown[i] && known.add(v));
  const isKnown = (a: Atom) => a instanceof Lit || known.has(a);
  const knownEqns: Eqn[] = [];
  const unknownEqns: Eqn[] = [];
  const residuals = new Set<Var>();
  for (const eqn of jaxpr.eqns) {
    if (eqn.inputs.every(isKnown)) {
      knownEqns.push(eqn);
      eqn.outs.forEach((v) => known.add(v));
    } else {
      unknownEqns.push(eqn);
      for (const a of eqn.inputs) if (a instanceof Var && known.has(a)) residuals.add(a);
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
