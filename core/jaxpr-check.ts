/**
 * The jaxpr type checker: every variable bound before use and once, and every equation's declared
 * outputs equal to what its primitive's shape rule gives. It reads the rule tables, so it sits
 * above them (the IR in core/jaxpr.ts does not).
 */
import { describe, fail } from "./errors.js";
import { Var, type Atom, type Jaxpr } from "./jaxpr.js";
import { ruleOf } from "./rules/index.js";
import { shapesEqual } from "./shape.js";

/** Checks that every variable is bound before use and every equation's outputs match its shape rule. */
export function typecheckJaxpr(jaxpr: Jaxpr): void {
  const bound = new Set<Var>([...jaxpr.constVars, ...jaxpr.inVars]);
  const check = (a: Atom, where: string) => {
    if (a instanceof Var && !bound.has(a)) fail("typecheckJaxpr", `${where} uses a variable before it is bound`);
  };
  jaxpr.eqns.forEach((eqn, i) => {
    eqn.inputs.forEach((a) => check(a, `equation ${i} (${eqn.prim})`));
    const expected = ruleOf(eqn.prim).abstractEval(eqn.inputs.map((a) => a.aval), eqn.params as never);
    if (expected.length !== eqn.outs.length || expected.some((e, k) => !shapesEqual(e.shape, eqn.outs[k]!.aval.shape) || e.dtype !== eqn.outs[k]!.aval.dtype)) {
      fail("typecheckJaxpr", `equation ${i} (${eqn.prim}) declares ${eqn.outs.map((v) => describe(v.aval)).join(", ")} but its shape rule gives ${expected.map(describe).join(", ")}`);
    }
    for (const v of eqn.outs) {
      if (bound.has(v)) fail("typecheckJaxpr", `equation ${i} (${eqn.prim}) rebinds a variable`);
      bound.add(v);
    }
  });
  jaxpr.outs.forEach((a) => check(a, "the output list"));
}
