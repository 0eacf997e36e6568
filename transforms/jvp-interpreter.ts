/**
 * Forward mode: the JVP interpreter carries a (primal, tangent) pair per traced value and applies
 * each primitive's `jvp` rule one level down. Values that are not this interpreter's tracers are
 * constants with zero tangents; zero tangents stay symbolic, and a primitive whose inputs all
 * have zero tangents is simply applied to the primals.
 */
import type { Aval } from "../core/aval.js";
import { currentInterpreter, withInterpreter, type Interpreter } from "../core/interpreter.js";
import type { ArrayValue } from "../core/ndarray.js";
import type { ParamsOf, Prim } from "../core/primitives.js";
import { avalOf, zeroLike } from "../core/rules/autodiff-helpers.js";
import { ruleOf } from "../core/rules/index.js";
import { Zero, type JaxprTransforms, type Tangent } from "../core/rules/rule.js";
import { bind } from "../core/interpreter.js";
import { checkNoLeakedTracers, traceFlat, Tracer, type TracingInterpreter } from "./tracer.js";

/** A primal value with its tangent. */
export class JvpTracer extends Tracer {
  readonly shape: readonly number[];
  readonly dtype: Aval["dtype"];
  constructor(
    readonly interpreter: JvpInterpreter,
    readonly primal: ArrayValue,
    readonly tangent: Tangent,
  ) {
    super();
    this.shape = primal.shape;
    this.dtype = primal.dtype;
  }
}

/** Pushes tangents forward through every primitive. */
export class JvpInterpreter implements TracingInterpreter {
  readonly name = "jvp";
  closed = false;
  /**
   * @param transforms the jaxpr transforms handed to higher-order primitives' rules.
   * @param transform the user-facing transform being traced ("jvp", "grad", ...), for error messages.
   */
  constructor(
    readonly parent: Interpreter,
    readonly transforms: JaxprTransforms,
    readonly transform = "jvp",
  ) {}

  process<P extends Prim>(prim: P, args: readonly ArrayValue[], params: ParamsOf[P]): ArrayValue[] {
    checkNoLeakedTracers(prim, args);
    const primals = args.map((a) => (this.owns(a) ? a.primal : a));
    const tangents = args.map((a) => (this.owns(a) ? a.tangent : zeroLike(a)));
    if (tangents.every((t) => t instanceof Zero)) return withInterpreter(this.parent, () => bind(prim, primals, params));
    const [outs, outTangents] = withInterpreter(this.parent, () => ruleOf(prim).jvp(primals, tangents, params, this.transforms));
    return outs.map((o, i) => new JvpTracer(this, o, outTangents[i]!));
  }

  /** True for this interpreter's own tracers. */
  owns(x: ArrayValue): x is JvpTracer {
    return x instanceof JvpTracer && x.interpreter === this;
  }

  /** The (primal, tangent) of a result: non-tracers are constants with zero tangents. */
  unpack(x: ArrayValue): [ArrayValue, Tangent] {
    return this.owns(x) ? [x.primal, x.tangent] : [x, new Zero(avalOf(x))];
  }
}

/**
 * Runs `f` on primals carrying tangents; returns the outputs and their tangents (zeros symbolic).
 * `transforms` are passed to the rules of higher-order primitives (transforms/jaxpr-transforms.ts).
 */
export function jvpFlat(
  transforms: JaxprTransforms,
  f: (args: ArrayValue[]) => ArrayValue[],
  primals: readonly ArrayValue[],
  tangents: readonly Tangent[],
  transform = "jvp",
): [ArrayValue[], Tangent[]] {
  const interpreter = new JvpInterpreter(currentInterpreter(), transforms, transform);
  const tracers = primals.map((p, i) => new JvpTracer(interpreter, p, tangents[i]!));
  const outs = traceFlat("jvp", interpreter, f, tracers);
  const pairs = outs.map((o) => interpreter.unpack(o));
  return [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
}
