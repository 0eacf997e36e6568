/**
 * Batching: the vmap interpreter carries each traced value with the position of its mapped axis
 * and applies each primitive's `vmap` rule one level down. Values that are not this
 * interpreter's tracers are unmapped; a primitive with no mapped input is applied directly.
 */
import type { Aval } from "../core/aval.js";
import { describe, fail } from "../core/errors.js";
import { bind, currentInterpreter, withInterpreter, type Interpreter } from "../core/interpreter.js";
import type { ArrayValue } from "../core/ndarray.js";
import type { ParamsOf, Prim } from "../core/primitives.js";
import { moveAxis, withBatchAt } from "../core/rules/batching-helpers.js";
import { ruleOf } from "../core/rules/index.js";
import type { BatchDim, JaxprTransforms } from "../core/rules/rule.js";
import { checkNoLeakedTracers, traceFlat, Tracer, type TracingInterpreter } from "./tracer.js";

/** A batched value: `value` has the mapped axis at `dim`; user code sees the per-example shape. */
export class BatchTracer extends Tracer {
  readonly shape: readonly number[];
  readonly dtype: Aval["dtype"];
  constructor(
    readonly interpreter: BatchInterpreter,
    readonly value: ArrayValue,
    readonly dim: number,
  ) {
    super();
    this.shape = value.shape.filter((_, i) => i !== dim);
    this.dtype = value.dtype;
  }
}

/** Maps every primitive over one extra axis of length `axisSize`. */
export class BatchInterpreter implements TracingInterpreter {
  readonly name = "vmap";
  closed = false;
  /** @param transforms the jaxpr transforms handed to higher-order primitives' rules. */
  constructor(
    readonly parent: Interpreter,
    readonly axisSize: number,
    readonly transforms: JaxprTransforms,
  ) {}

  process<P extends Prim>(prim: P, args: readonly ArrayValue[], params: ParamsOf[P]): ArrayValue[] {
    checkNoLeakedTracers(prim, args);
    const values = args.map((a) => (this.owns(a) ? a.value : a));
    const dims: BatchDim[] = args.map((a) => (this.owns(a) ? a.dim : null));
    if (dims.every((d) => d === null)) return withInterpreter(this.parent, () => bind(prim, values, params));
    const [outs, outDims] = withInterpreter(this.parent, () => ruleOf(prim).vmap(values, dims, params, this.axisSize, this.transforms));
    return outs.map((o, i) => this.wrap(o, outDims[i]!));
  }

  /** True for this interpreter's own tracers. */
  owns(x: ArrayValue): x is BatchTracer {
    return x instanceof BatchTracer && x.interpreter === this;
  }

  /** A result of a rule as a tracer (an unmapped result is returned as is). */
  wrap(value: ArrayValue, dim: BatchDim): ArrayValue {
    return dim === null ? value : new BatchTracer(this, value, dim);
  }

  /** A result moved to have its mapped axis at `outDim` (unmapped results are broadcast there). */
  unpack(x: ArrayValue, outDim: number | null): ArrayValue {
    if (outDim === null) {
      if (this.owns(x)) fail("vmap", `outAxes is null for an output (${describe(x)}) that depends on a mapped input; give it an axis`);
      return x;
    }
    if (this.owns(x)) return moveAxis(x.value, x.dim, outDim);
    return withInterpreter(this.parent, () => withBatchAt(x, null, outDim, this.axisSize));
  }
}

/** Runs `f` on inputs mapped at `inDims` under a new batch interpreter; returns it with the raw results. */
function runBatched(
  transforms: JaxprTransforms,
  f: (args: ArrayValue[]) => ArrayValue[],
  args: readonly ArrayValue[],
  inDims: readonly BatchDim[],
  axisSize: number,
): [BatchInterpreter, ArrayValue[]] {
  const interpreter = new BatchInterpreter(currentInterpreter(), axisSize, transforms);
  return [interpreter, traceFlat("vmap", interpreter, f, args.map((a, i) => interpreter.wrap(a, inDims[i]!)))];
}

/**
 * Runs `f` once on batched inputs: `inDims[i]` is the mapped axis of `args[i]` (null: shared by
 * every example); outputs get their mapped axis at `outDims[i]`. `transforms` are passed to the
 * rules of higher-order primitives (transforms/jaxpr-transforms.ts).
 */
export function vmapFlat(
  transforms: JaxprTransforms,
  f: (args: ArrayValue[]) => ArrayValue[],
  args: readonly ArrayValue[],
  inDims: readonly BatchDim[],
  outDims: (numOutputs: number) => readonly (number | null)[],
  axisSize: number,
): ArrayValue[] {
  const [interpreter, outs] = runBatched(transforms, f, args, inDims, axisSize);
  const dims = outDims(outs.length);
  return withInterpreter(interpreter.parent, () => outs.map((o, i) => interpreter.unpack(o, dims[i]!)));
}

/** Runs `f` on batched inputs and returns each output with its batch axis (null when unmapped). */
export function vmapFlatWithDims(
  transforms: JaxprTransforms,
  f: (args: ArrayValue[]) => ArrayValue[],
  args: readonly ArrayValue[],
  inDims: readonly BatchDim[],
  axisSize: number,
): [ArrayValue[], BatchDim[]] {
  const [interpreter, outs] = runBatched(transforms, f, args, inDims, axisSize);
  return [outs.map((o) => (interpreter.owns(o) ? o.value : o)), outs.map((o) => (interpreter.owns(o) ? o.dim : null))];
}
