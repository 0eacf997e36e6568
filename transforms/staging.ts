/**
 * Staging: tracing a function into a jaxpr. Each primitive applied to a staging tracer becomes
 * an equation; values that are not this trace's tracers (concrete arrays, or tracers of outer
 * transforms) become constants of the jaxpr (rank-0 concrete arrays are inlined as literals), so
 * the closed jaxpr carries everything the function closed over.
 */
import { aval, isWeak, type Aval } from "../core/aval.js";
import { fail } from "../core/errors.js";
import { ClosedJaxpr, Jaxpr, Lit, Var, type Atom, type Eqn } from "../core/jaxpr.js";
import { ArrayValue, NdArray } from "../core/ndarray.js";
import type { ParamsOf, Prim } from "../core/primitives.js";
import { ruleOf } from "../core/rules/index.js";
import { checkNoLeakedTracers, traceFlat, Tracer, type TracingInterpreter } from "./tracer.js";

/** A value being staged: an abstract array standing for a jaxpr variable. */
export class StagingTracer extends Tracer {
  readonly shape: readonly number[];
  readonly dtype: Aval["dtype"];
  /** True for an input standing for a JS number (it promotes like one; see `resultDtype`). */
  readonly weak: boolean;
  constructor(
    readonly interpreter: StagingInterpreter,
    readonly variable: Var,
  ) {
    super();
    this.shape = variable.aval.shape;
    this.dtype = variable.aval.dtype;
    this.weak = isWeak(variable.aval);
  }
}

/** Records equations instead of computing. */
export class StagingInterpreter implements TracingInterpreter {
  readonly name = "staging";
  closed = false;
  /** @param transform the user-facing transform being traced, for error messages. */
  constructor(readonly transform = "jit") {}
  readonly eqns: Eqn[] = [];
  private readonly constVars = new Map<ArrayValue, Var>();

  process<P extends Prim>(prim: P, args: readonly ArrayValue[], params: ParamsOf[P]): ArrayValue[] {
    checkNoLeakedTracers(prim, args);
    const inputs = args.map((a) => this.atomOf(a));
    const outAvals = ruleOf(prim).abstractEval(inputs.map((a) => a.aval), params);
    // Results are strong even where a rule passes a weak input's aval through (kept simple: JAX
    // keeps some results weak).
    const outs = outAvals.map((a) => new Var(aval(a.shape, a.dtype)));
    this.eqns.push({ prim, inputs, params, outs } as Eqn);
    return outs.map((v) => new StagingTracer(this, v));
  }

  /** The atom standing for `x`: its variable, a literal, or a (deduplicated) constant binder. */
  atomOf(x: ArrayValue): Atom {
    if (x instanceof StagingTracer && x.interpreter === this) return x.variable;
    if (x instanceof NdArray && x.shape.length === 0) return new Lit(x);
    let v = this.constVars.get(x);
    if (v === undefined) {
      v = new Var({ shape: x.shape, dtype: x.dtype });
      this.constVars.set(x, v);
    }
    return v;
  }

  /** The closed jaxpr of everything recorded, with `inVars` as inputs and `outputs` as results. */
  finish(inVars: readonly Var[], outputs: readonly ArrayValue[]): ClosedJaxpr {
    const outs = outputs.map((x) => this.atomOf(x));
    const consts = [...this.constVars.keys()];
    const jaxpr = new Jaxpr([...this.constVars.values()], inVars, this.eqns, outs);
    return new ClosedJaxpr(jaxpr, consts);
  }
}

/** Traces `f` on abstract inputs of `inAvals` into a closed jaxpr (`transform` names the user's transform in errors). */
export function stageFlat(f: (args: ArrayValue[]) => ArrayValue[], inAvals: readonly Aval[], transform = "jit"): ClosedJaxpr {
  const interpreter = new StagingInterpreter(transform);
  const inVars = inAvals.map((a) => new Var(a));
  const outputs = traceFlat("makeJaxpr", interpreter, f, inVars.map((v) => new StagingTracer(interpreter, v)));
  for (const out of outputs) {
    if (!(out instanceof ArrayValue)) fail("makeJaxpr", `the function must return arrays, got ${typeof out}`);
  }
  return interpreter.finish(inVars, outputs);
}
