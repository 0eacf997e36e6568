/**
 * Compiled loop bodies: inside a jitted program, the jaxprs that scan, whileLoop, cond and
 * checkpoint carry are replaced by wrappers that call them as `jit` equations, so each
 * iteration runs the simplified body's fused kernels (with its own reused buffers) instead of
 * interpreting it equation by equation. Only the program being compiled changes: the jaxpr
 * transforms see stays as traced.
 */
import { ClosedJaxpr, Jaxpr, Var, type Eqn } from "../../core/jaxpr.js";
import type { NdArray } from "../../core/ndarray.js";
import type { CompiledProgram, ParamsOf } from "../../core/primitives.js";
import { simplify } from "./simplify.js";

/** `inner` as a closed jaxpr of one `jit` equation running its simplified, compiled form. */
function compiledCall(inner: ClosedJaxpr, compile: (closed: ClosedJaxpr) => CompiledProgram): ClosedJaxpr {
  const { jaxpr, consts } = inner;
  const body = new ClosedJaxpr(simplify(new Jaxpr([], [...jaxpr.constVars, ...jaxpr.inVars], jaxpr.eqns, jaxpr.outs)), []);
  let program: CompiledProgram | undefined;
  const run: CompiledProgram = (args: readonly NdArray[]) => (program ??= compile(body))(args);
  const constVars = jaxpr.constVars.map((v) => new Var(v.aval));
  const inVars = jaxpr.inVars.map((v) => new Var(v.aval));
  const outs = jaxpr.outAvals.map((a) => new Var(a));
  const call: Eqn<"jit"> = { prim: "jit", inputs: [...constVars, ...inVars], params: { jaxpr: body, program: run }, outs };
  return new ClosedJaxpr(new Jaxpr(constVars, inVars, [call], outs), consts);
}

/** The jaxpr with every control-flow body (recursively, when they run) compiled; `compile` turns a jaxpr into a program. */
export function compileInnerJaxprs(jaxpr: Jaxpr, compile: (closed: ClosedJaxpr) => CompiledProgram): Jaxpr {
  let changed = false;
  const eqns = jaxpr.eqns.map((eqn): Eqn => {
    const wrap = (inner: ClosedJaxpr) => compiledCall(inner, compile);
    switch (eqn.prim) {
      case "scan": {
        const params = eqn.params as ParamsOf["scan"];
        changed = true;
        return { ...eqn, params: { ...params, body: wrap(params.body) } } as Eqn;
      }
      case "whileLoop": {
        const params = eqn.params as ParamsOf["whileLoop"];
        changed = true;
        return { ...eqn, params: { ...params, cond: wrap(params.cond), body: wrap(params.body) } } as Eqn;
      }
      case "cond": {
        const params = eqn.params as ParamsOf["cond"];
        changed = true;
        return { ...eqn, params: { branches: params.branches.map(wrap) } } as Eqn;
      }
      case "checkpoint": {
        const params = eqn.params as ParamsOf["checkpoint"];
        changed = true;
        return { ...eqn, params: { jaxpr: wrap(params.jaxpr) } } as Eqn;
      }
      default:
        return eqn;
    }
  });
  return changed ? new Jaxpr(jaxpr.constVars, jaxpr.inVars, eqns, jaxpr.outs) : jaxpr;
}
