/**
 * Rules for the `jit` primitive: a call of a staged jaxpr. Every transform rewrites the inner
 * jaxpr and binds `jit` again, so `grad(jit(f))`, `jit(grad(f))`, `vmap(jit(f))` and jit inside
 * control flow all stay staged calls; partial evaluation splits it into a known and an unknown
 * call (transforms/partial-eval.ts).
 */
import { aval } from "../aval.js";
import { bind } from "../interpreter.js";
import { checkJaxprInputs, hoistConsts, type ClosedJaxpr } from "../jaxpr.js";
import type { ArrayValue } from "../ndarray.js";
import { instantiate } from "./autodiff-helpers.js";
import { LinearArg, needTransforms, Zero, type JaxprTransforms, type RuleTable, type Tangent } from "./rule.js";

/** Binds `jit` on a transformed jaxpr, its new constants becoming leading operands. */
function bindJit(t: JaxprTransforms, jaxpr: ClosedJaxpr, args: readonly ArrayValue[]): ArrayValue[] {
  const [hoisted, consts] = hoistConsts(jaxpr);
  return bind("jit", [...consts, ...args], { jaxpr: hoisted, program: t.compile(hoisted) });
}

/** The rules of the jit primitive. */
export const jitRules: RuleTable<"jit"> = {
  jit: {
    fusion: "opaque",
    abstractEval(args, { jaxpr }) {
      checkJaxprInputs("jit", jaxpr, args);
      return jaxpr.outAvals.map((a) => aval(a.shape, a.dtype));
    },
    impl: (args, { program }) => program(args),
    jvp(primals, tangents, { jaxpr }, transforms) {
      const t = needTransforms("jit", transforms);
      const nonzero = tangents.map((x) => !(x instanceof Zero));
      const { jaxpr: jvpJaxpr, outNonzero } = t.jvpJaxpr(jaxpr, nonzero, jaxpr.outAvals.map(() => false));
      const active = tangents.filter((x): x is ArrayValue => !(x instanceof Zero));
      const results = bindJit(t, jvpJaxpr, [...primals, ...active]);
      const n = jaxpr.outAvals.length;
      let next = n;
      return [results.slice(0, n), jaxpr.outAvals.map((a, i) => (outNonzero[i] ? results[next++]! : new Zero(a)))];
    },
    vmap(args, dims, { jaxpr }, axisSize, transforms) {
      const t = needTransforms("jit", transforms);
      const { jaxpr: batched, outDims } = t.vmapJaxpr(jaxpr, axisSize, dims);
      return [bindJit(t, batched, args), outDims];
    },
    transpose(cotangents, args, { jaxpr }, transforms) {
      const linear = args.map((a) => a instanceof LinearArg);
      const zeros = args.map((a) => (a instanceof LinearArg ? new Zero(a.aval) : null));
      if (cotangents.every((ct) => ct instanceof Zero)) return zeros;
      const t = needTransforms("jit", transforms);
      const transposed = t.transposeJaxpr(jaxpr, linear);
      const nonLinear = args.filter((a): a is ArrayValue => !(a instanceof LinearArg));
      const cts = bindJit(t, transposed, [...nonLinear, ...cotangents.map(instantiate)]);
      let next = 0;
      return args.map((a): Tangent | null => (a instanceof LinearArg ? cts[next++]! : null));
    },
  },
};
