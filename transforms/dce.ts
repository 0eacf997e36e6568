/**
 * Dead-code elimination: drops outputs nobody wants and every equation that only feeds dropped
 * values. An equation is needed when one of its outputs is, or when it has an effect (a debug
 * print, or a loop or call whose body prints): those always run, with whatever they read.
 */
import { hasEffects } from "../core/effects.js";
import { Jaxpr, Var, type Eqn } from "../core/jaxpr.js";

/** `jaxpr` keeping only the outputs marked in `keep`, and the equations they need. */
export function dce(jaxpr: Jaxpr, keep: readonly boolean[]): Jaxpr {
  const outs = jaxpr.outs.filter((_, i) => keep[i]);
  const live = new Set<Var>();
  for (const a of outs) if (a instanceof Var) live.add(a);
  const kept: Eqn[] = [];
  for (let k = jaxpr.eqns.length - 1; k >= 0; k--) {
    const eqn = jaxpr.eqns[k]!;
    if (!eqn.outs.some((v) => live.has(v)) && !hasEffects(eqn)) continue;
    kept.push(eqn);
    for (const a of eqn.inputs) if (a instanceof Var) live.add(a);
  }
  return new Jaxpr(jaxpr.constVars, jaxpr.inVars, kept.reverse(), outs);
}
