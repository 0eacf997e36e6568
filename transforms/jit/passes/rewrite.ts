/**
 * The walk every simplification pass shares: visit equations in order with their inputs already
 * renamed, and let the pass keep, rebuild or replace each one. Replacing an equation means
 * renaming its outputs to other atoms everywhere downstream, the jaxpr's outputs included, so a
 * pass never edits a jaxpr in place; it describes a substitution and gets a new jaxpr.
 */
import { describe, fail } from "../../../core/errors.js";
import { Jaxpr, Var, type Atom, type Eqn } from "../../../core/jaxpr.js";
import { shapesEqual } from "../../../core/shape.js";

/** What a pass makes of one equation: emit this equation, or use these atoms (one per output) instead. */
export type Rewritten = Eqn | readonly Atom[];

/** What a pass may ask while visiting: the emitted equation that bound a variable, if any. */
export interface RewriteContext {
  readonly producer: (v: Var) => Eqn | undefined;
}

/** A simplification pass: a pure function from a jaxpr to an equivalent jaxpr. */
export type Pass = (jaxpr: Jaxpr) => Jaxpr;

/**
 * Runs `visit` over the equations of `jaxpr` (inputs renamed by earlier replacements) and builds
 * the result; returns `jaxpr` itself when nothing changed, so callers detect a fixed point by identity.
 */
export function rewriteEqns(jaxpr: Jaxpr, visit: (eqn: Eqn, context: RewriteContext) => Rewritten): Jaxpr {
  const renamed = new Map<Var, Atom>();
  const producers = new Map<Var, Eqn>();
  const context: RewriteContext = { producer: (v) => producers.get(v) };
  const resolve = (a: Atom): Atom => (a instanceof Var ? (renamed.get(a) ?? a) : a);
  const eqns: Eqn[] = [];
  let changed = false;
  for (const original of jaxpr.eqns) {
    const inputs = original.inputs.map(resolve);
    const eqn = inputs.every((a, i) => a === original.inputs[i]) ? original : { ...original, inputs };
    const result = visit(eqn, context);
    if (Array.isArray(result)) {
      const atoms = result as readonly Atom[];
      checkReplacement(eqn, atoms);
      eqn.outs.forEach((v, i) => renamed.set(v, atoms[i]!));
      changed = true;
    } else {
      const emitted = result as Eqn;
      for (const v of emitted.outs) producers.set(v, emitted);
      eqns.push(emitted);
      if (emitted !== original) changed = true;
    }
  }
  if (!changed) return jaxpr;
  return new Jaxpr(jaxpr.constVars, jaxpr.inVars, eqns, jaxpr.outs.map(resolve));
}

// A replacement of another type would silently change the program's meaning downstream.
function checkReplacement(eqn: Eqn, atoms: readonly Atom[]): void {
  if (atoms.length !== eqn.outs.length) fail("simplify", `internal error: ${atoms.length} replacements for the ${eqn.outs.length} outputs of ${eqn.prim}`);
  eqn.outs.forEach((v, i) => {
    const a = atoms[i]!;
    if (!shapesEqual(a.aval.shape, v.aval.shape) || a.aval.dtype !== v.aval.dtype) {
      fail("simplify", `internal error: ${eqn.prim} output ${describe(v.aval)} replaced by ${describe(a.aval)}`);
    }
  });
}

