/**
 * The jaxpr-level transforms handed to higher-order primitives' rules (see JaxprTransforms in
 * core/rules/rule.ts): each is the corresponding interpreter run inside a staging trace. The
 * interpreters take this record as an argument (they pass it on to the rules they call) rather
 * than importing it, so this module sits above them and above the jit compiler.
 */
import type { Aval } from "../core/aval.js";
import { fail } from "../core/errors.js";
import type { ClosedJaxpr } from "../core/jaxpr.js";
import type { ArrayValue } from "../core/ndarray.js";
import type { FlatFunction } from "../core/primitives.js";
import { compileLazily } from "./jit/compile.js";
import { instantiate } from "../core/rules/autodiff-helpers.js";
import { moveAxis, withBatchAt } from "../core/rules/batching-helpers.js";
import { Zero, type BatchDim, type JaxprTransforms, type Tangent } from "../core/rules/rule.js";
import { jvpFlat } from "./jvp-interpreter.js";
import { stageFlat } from "./staging.js";
import { backwardPass } from "./transpose.js";
import { vmapFlat, vmapFlatWithDims } from "./vmap-interpreter.js";
import { callJaxpr } from "../core/eval-jaxpr.js";

function jvpJaxpr(jaxpr: ClosedJaxpr, nonzeroTangents: readonly boolean[], instantiateOuts: readonly boolean[]) {
  const avals = jaxpr.inAvals;
  let outNonzero: boolean[] = [];
  const staged = stageFlat(
    (xs) => {
      const n = avals.length;
      let next = n;
      const tangents: Tangent[] = avals.map((a, i) => (nonzeroTangents[i] ? xs[next++]! : new Zero(a)));
      const [outs, outTangents] = jvpFlat(jaxprTransforms, (args) => callJaxpr(jaxpr, args), xs.slice(0, n), tangents);
      outNonzero = outTangents.map((t, i) => !(t instanceof Zero) || Boolean(instantiateOuts[i]));
      return [...outs, ...outTangents.filter((_, i) => outNonzero[i]).map(instantiate)];
    },
    [...avals, ...avals.filter((_, i) => nonzeroTangents[i])],
  );
  return { jaxpr: staged, outNonzero };
}

function batchedAval(aval: Aval, dim: BatchDim, axisSize: number): Aval {
  if (dim === null) return aval;
  const shape = [...aval.shape];
  shape.splice(dim, 0, axisSize);
  return { shape, dtype: aval.dtype };
}

function vmapJaxpr(jaxpr: ClosedJaxpr, axisSize: number, inDims: readonly BatchDim[], forceOutDims?: readonly BatchDim[]) {
  let outDims: BatchDim[] = [];
  const staged = stageFlat(
    (xs) => {
      const [outs, dims] = vmapFlatWithDims(jaxprTransforms, (args) => callJaxpr(jaxpr, args), xs, inDims, axisSize);
      outDims = dims.map((d, i) => forceOutDims?.[i] ?? d);
      return outs.map((o, i) => {
        const want = forceOutDims?.[i];
        if (want === null || want === undefined) return o;
        return dims[i] === null ? withBatchAt(o, null, want, axisSize) : moveAxis(o, dims[i]!, want);
      });
    },
    jaxpr.inAvals.map((a, i) => batchedAval(a, inDims[i] ?? null, axisSize)),
  );
  return { jaxpr: staged, outDims };
}

function vmapFunction(f: FlatFunction, axisSize: number, inDims: readonly BatchDim[]): FlatFunction {
  return (args) => vmapFlat(jaxprTransforms, (xs) => f(xs), args, inDims, (n) => new Array<number>(n).fill(0), axisSize);
}

function transposeJaxpr(jaxpr: ClosedJaxpr, linear: readonly boolean[]): ClosedJaxpr {
  const nonLinearAvals = jaxpr.inAvals.filter((_, i) => !linear[i]);
  const outAvals = jaxpr.outAvals;
  return stageFlat(
    (xs) => {
      let next = 0;
      const args: (ArrayValue | null)[] = linear.map((isLinear) => (isLinear ? null : xs[next++]!));
      const cts = xs.slice(next);
      return backwardPass(jaxprTransforms, jaxpr.jaxpr, jaxpr.consts, args, cts).map(instantiate);
    },
    [...nonLinearAvals, ...outAvals],
  );
}

function stage(f: FlatFunction, inAvals: readonly Aval[]): ClosedJaxpr {
  return stageFlat((xs) => {
    const outs = f(xs);
    if (!Array.isArray(outs)) fail("stage", "a staged function must return a list of arrays");
    return outs;
  }, inAvals);
}

/** The jaxpr transforms every interpreter passes to the rules it calls. */
export const jaxprTransforms: JaxprTransforms = { jvpJaxpr, vmapJaxpr, vmapFunction, transposeJaxpr, stage, compile: compileLazily };
