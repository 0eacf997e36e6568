/**
 * Effects: which equations run for what they do rather than for their results. A primitive has
 * an effect when its rule says so (`debugCallback`); a higher-order primitive (jit, scan,
 * whileLoop, cond, checkpoint, custom rules) has the effects of the jaxprs it carries. Passes that
 * remove, merge, fold, hoist or reorder equations ask here first.
 */
import { ClosedJaxpr, Jaxpr, type Eqn } from "./jaxpr.js";
import { ruleOf } from "./rules/index.js";

// Jaxprs are immutable, so whether one has effects never changes: remember the answer per jaxpr.
const known = new WeakMap<Jaxpr, boolean>();

/** True when running `jaxpr` has an effect (some equation in it, or in a jaxpr it carries, has one). */
export function jaxprHasEffects(jaxpr: Jaxpr): boolean {
  let answer = known.get(jaxpr);
  if (answer === undefined) {
    answer = jaxpr.eqns.some(hasEffects);
    known.set(jaxpr, answer);
  }
  return answer;
}

/** True when the equation must run even if nothing reads its results. */
export function hasEffects(eqn: Eqn): boolean {
  return ruleOf(eqn.prim).effect !== undefined || Object.values(eqn.params as object).some(carriesEffects);
}

function carriesEffects(value: unknown): boolean {
  if (value instanceof ClosedJaxpr) return jaxprHasEffects(value.jaxpr);
  if (value instanceof Jaxpr) return jaxprHasEffects(value);
  if (Array.isArray(value)) return value.some(carriesEffects);
  return false;
}
