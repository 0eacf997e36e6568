/**
 * Reverse mode's backward pass: transposing a jaxpr that is linear in some of its inputs.
 * Equations that do not touch a linear input are evaluated forward first (recomputation, as in
 * checkpointing); then cotangents flow backward through the linear equations, each transposed by
 * its primitive's `transpose` rule. Every step binds, so the backward pass can itself be
 * differentiated, batched or staged.
 */
import { hasEffects } from "../core/effects.js";
import { fail } from "../core/errors.js";
import { bind } from "../core/interpreter.js";
import { Lit, Var, type Eqn, type Jaxpr } from "../core/jaxpr.js";
import type { ArrayValue } from "../core/ndarray.js";
import { addTangents } from "../core/rules/autodiff-helpers.js";
import { ruleOf } from "../core/rules/index.js";
import { LinearArg, Zero, type JaxprTransforms, type Tangent } from "../core/rules/rule.js";

/**
 * Cotangents of the linear inputs of `jaxpr` (those whose `args` entry is null) given the
 * cotangents of its outputs. Non-linear inputs and constants take their values from `args` and
 * `consts`. Outputs that do not depend on a linear input ignore their cotangents. `transforms`
 * are passed to the transpose rules of higher-order primitives (transforms/jaxpr-transforms.ts).
 */
export function backwardPass(
  transforms: JaxprTransforms,
  jaxpr: Jaxpr,
  consts: readonly ArrayValue[],
  args: readonly (ArrayValue | null)[],
  outCotangents: readonly Tangent[],
): Tangent[] {
  const values = new Map<Var, ArrayValue>();
  const linear = new Set<Var>();
  jaxpr.constVars.forEach((v, i) => values.set(v, consts[i]!));
  jaxpr.inVars.forEach((v, i) => {
    const a = args[i];
    if (a === null || a === undefined) linear.add(v);
    else values.set(v, a);
  });
  const isLinear = (a: Var | Lit) => a instanceof Var && linear.has(a);
  const linearEqns: Eqn[] = [];
  const forwardEqns: Eqn[] = [];
  for (const eqn of jaxpr.eqns) {
    if (eqn.inputs.some(isLinear)) {
      linearEqns.push(eqn);
      eqn.outs.forEach((v) => linear.add(v));
    } else forwardEqns.push(eqn);
  }
  // Forward-evaluate only what the linear equations read (recomputation, e.g. for checkpointing),
  // and equations with effects: a debug print in recomputed code prints again, as in JAX.
  const needed = new Set<Var>();
  for (const eqn of linearEqns) for (const a of eqn.inputs) if (a instanceof Var && !linear.has(a)) needed.add(a);
  const kept: Eqn[] = [];
  for (let k = forwardEqns.length - 1; k >= 0; k--) {
    const eqn = forwardEqns[k]!;
    if (!eqn.outs.some((v) => needed.has(v)) && !hasEffects(eqn)) continue;
    kept.push(eqn);
    for (const a of eqn.inputs) if (a instanceof Var) needed.add(a);
  }
  for (const eqn of kept.reverse()) {
    const outs = bind(eqn.prim, eqn.inputs.map((a) => (a instanceof Lit ? a.value : values.get(a)!)), eqn.params);
    eqn.outs.forEach((v, i) => values.set(v, outs[i]!));
  }
  const cotangents = new Map<Var, Tangent>();
  const accumulate = (v: Var, ct: Tangent) => cotangents.set(v, addTangents(cotangents.get(v) ?? new Zero(v.aval), ct));
  jaxpr.outs.forEach((a, i) => {
    if (a instanceof Var && linear.has(a)) accumulate(a, outCotangents[i]!);
  });
  for (let k = linearEqns.length - 1; k >= 0; k--) {
    const eqn = linearEqns[k]!;
    const cts = eqn.outs.map((v) => cotangents.get(v) ?? new Zero(v.aval));
    eqn.outs.forEach((v) => cotangents.delete(v));
    if (cts.every((ct) => ct instanceof Zero)) continue;
    const rule = ruleOf(eqn.prim).transpose;
    if (rule === undefined) {
      fail(eqn.prim, `reverse mode cannot transpose ${eqn.prim}: it is not linear in its tangent inputs`);
    }
    const operands = eqn.inputs.map((a) => (a instanceof Lit ? a.value : linear.has(a) ? new LinearArg(a.aval) : values.get(a)!));
    const inputCts = rule(cts, operands, eqn.params as never, transforms);
    eqn.inputs.forEach((a, i) => {
      const ct = inputCts[i];
      if (a instanceof Var && linear.has(a) && ct !== null && ct !== undefined) accumulate(a, ct);
    });
  }
  return jaxpr.inVars.filter((v) => linear.has(v)).map((v) => cotangents.get(v) ?? new Zero(v.aval));
}
