/**
 * Rules for the primitives behind user-defined derivatives and checkpointing. customJvpCall and
 * customVjpCall evaluate their function normally and substitute the user's rules under
 * differentiation; customLinear is the linear map a customVjp function contributes to a
 * linearized program (its transpose is the user's bwd; given a forward function, as the implicit
 * solves' tangent solve, it also evaluates and differentiates as that function); checkpoint evaluates its jaxpr normally
 * and is rematerialized by linearize's partial evaluation (transforms/partial-eval.ts).
 */
import { aval, type Aval } from "../aval.js";
import { describe, describeAll, fail } from "../errors.js";
import { bind } from "../interpreter.js";
import { checkJaxprInputs, hoistConsts, type ClosedJaxpr } from "../jaxpr.js";
import type { ArrayValue, NdArray } from "../ndarray.js";
import { shapesEqual } from "../shape.js";
import { instantiate, zeroLike } from "./autodiff-helpers.js";
import { batchFirst } from "./batching-helpers.js";
import { LinearArg, needTransforms, Zero, type RuleTable, type Tangent } from "./rule.js";
import { callJaxpr } from "../eval-jaxpr.js";

/** Checks that a user rule returned arrays with the expected avals. */
export function checkRuleOutputs(op: string, what: string, got: readonly ArrayValue[], expected: readonly Aval[]): void {
  if (!Array.isArray(got) || got.length !== expected.length) {
    fail(op, `${what} returned ${Array.isArray(got) ? got.length : typeof got} value(s); expected ${expected.length} (${describeAll(expected)})`);
  }
  got.forEach((g, i) => {
    if (!shapesEqual(g.shape, expected[i]!.shape) || g.dtype !== expected[i]!.dtype) {
      fail(op, `${what} returned ${describe(g)} at position ${i}; expected ${describe(expected[i]!)}`);
    }
  });
}

/**
 * The values a custom-rule function closes over are its leading operands; the user's rule cannot
 * see their tangents, so differentiating through them is an error (as JAX asks for
 * closure_convert) rather than a silently wrong derivative.
 */
function checkClosureTangents(op: string, tangents: readonly Tangent[]): void {
  const active = tangents.findIndex((t) => !(t instanceof Zero));
  if (active >= 0) {
    fail(op, `the function closes over a value that is being differentiated (${describe(tangents[active] as ArrayValue)}); its derivative would bypass the custom rule: pass that value as an argument instead`);
  }
}

const NO_FORWARD = "forward-mode differentiation (jvp, jacfwd) of a customVjp function is not supported, as in JAX; use vjp, grad or jacrev";

const evalJaxprImpl = (jaxpr: ClosedJaxpr, args: readonly NdArray[]) => callJaxpr(jaxpr, args) as NdArray[];

/** Rules for customJvpCall, customVjpCall, customLinear and checkpoint. */
export const customRules: RuleTable<"customJvpCall" | "customVjpCall" | "customLinear" | "checkpoint"> = {
  customJvpCall: {
    fusion: "opaque",
    abstractEval(args, { fun }) {
      checkJaxprInputs("customJvp", fun, args);
      return fun.outAvals.map((a) => aval(a.shape, a.dtype));
    },
    impl: (args, { fun }) => evalJaxprImpl(fun, args),
    jvp(primals, tangents, { fun, jvp, numConsts }) {
      checkClosureTangents("customJvp", tangents.slice(0, numConsts));
      const outAvals = fun.outAvals;
      const result = jvp([...primals.slice(numConsts), ...tangents.slice(numConsts).map(instantiate)]);
      checkRuleOutputs("customJvp", "the jvp rule", result, [...outAvals, ...outAvals]);
      return [result.slice(0, outAvals.length), result.slice(outAvals.length)];
    },
    vmap(args, dims, { fun, jvp, numConsts }, axisSize, transforms) {
      const t = needTransforms("customJvp", transforms);
      const batched = args.map((x, i) => batchFirst(x, dims[i]!, axisSize));
      const zerosFirst = args.map(() => 0);
      const newFun = t.vmapJaxpr(fun, axisSize, zerosFirst, fun.outAvals.map(() => 0)).jaxpr;
      const inputsFirst = zerosFirst.slice(numConsts);
      const newJvp = t.vmapFunction(jvp, axisSize, [...inputsFirst, ...inputsFirst]);
      const outs = bind("customJvpCall", batched, { fun: newFun, jvp: newJvp, numConsts });
      return [outs, outs.map(() => 0)];
    },
  },

  customVjpCall: {
    fusion: "opaque",
    abstractEval(args, { fun }) {
      checkJaxprInputs("customVjp", fun, args);
      return fun.outAvals.map((a) => aval(a.shape, a.dtype));
    },
    impl: (args, { fun }) => evalJaxprImpl(fun, args),
    jvp(allPrimals, allTangents, { fun, fwd, bwd, numResiduals, numConsts }) {
      checkClosureTangents("customVjp", allTangents.slice(0, numConsts));
      const primals = allPrimals.slice(numConsts);
      const tangents = allTangents.slice(numConsts);
      const outAvals = fun.outAvals;
      const result = fwd(primals);
      if (!Array.isArray(result) || result.length !== outAvals.length + numResiduals) {
        fail("customVjp", `fwd returned ${Array.isArray(result) ? result.length : typeof result} values; expected ${outAvals.length} output(s) and ${numResiduals} residual(s)`);
      }
      const outs = result.slice(0, outAvals.length);
      checkRuleOutputs("customVjp", "fwd", outs, outAvals);
      const residuals = result.slice(outAvals.length);
      if (tangents.every((t) => t instanceof Zero)) return [outs, outs.map(zeroLike)];
      const outTangents = bind("customLinear", [...residuals, ...tangents.map(instantiate)], { bwd, numResiduals, outAvals });
      return [outs, outTangents];
    },
    vmap(args, dims, { fun, fwd, bwd, numResiduals, numConsts }, axisSize, transforms) {
      const t = needTransforms("customVjp", transforms);
      const batched = args.map((x, i) => batchFirst(x, dims[i]!, axisSize));
      const zerosFirst = args.map(() => 0);
      const newFun = t.vmapJaxpr(fun, axisSize, zerosFirst, fun.outAvals.map(() => 0)).jaxpr;
      const newFwd = t.vmapFunction(fwd, axisSize, zerosFirst.slice(numConsts));
      const newBwd = t.vmapFunction(bwd, axisSize, new Array<number>(numResiduals + fun.outAvals.length).fill(0));
      const outs = bind("customVjpCall", batched, { fun: newFun, fwd: newFwd, bwd: newBwd, numResiduals, numConsts });
      return [outs, outs.map(() => 0)];
    },
  },

  customLinear: {
    fusion: "opaque",
    abstractEval: (_args, { outAvals }) => outAvals.map((a) => aval(a.shape, a.dtype)),
    impl: (args, { forward }) => (forward === undefined ? fail("customVjp", NO_FORWARD) : (forward(args) as NdArray[])),
    jvp(primals, tangents, { forward }, transforms) {
      if (forward === undefined) return fail("customVjp", NO_FORWARD);
      // Differentiates as `forward` does (it is linear in the tangent args; the residuals' tangents go through it too).
      const t = needTransforms("customLinear", transforms);
      const nonzero = tangents.map((x) => !(x instanceof Zero));
      const staged = t.stage(forward, primals.map((p) => aval(p.shape, p.dtype)));
      const { jaxpr, outNonzero } = t.jvpJaxpr(staged, nonzero, staged.outAvals.map(() => false));
      const active = tangents.filter((x): x is ArrayValue => !(x instanceof Zero));
      const results = callJaxpr(jaxpr, [...primals, ...active]);
      const n = staged.outAvals.length;
      let next = n;
      return [results.slice(0, n), staged.outAvals.map((a, i) => (outNonzero[i] ? results[next++]! : new Zero(a)))];
    },
    vmap(args, dims, { bwd, numResiduals, outAvals, forward }, axisSize, transforms) {
      const t = needTransforms("customVjp", transforms);
      const batched = args.map((x, i) => batchFirst(x, dims[i]!, axisSize));
      const newBwd = t.vmapFunction(bwd, axisSize, new Array<number>(numResiduals + outAvals.length).fill(0));
      const newForward = forward === undefined ? undefined : t.vmapFunction(forward, axisSize, args.map(() => 0));
      const newOutAvals = outAvals.map((a) => ({ shape: [axisSize, ...a.shape], dtype: a.dtype }));
      const outs = bind("customLinear", batched, { bwd: newBwd, numResiduals, outAvals: newOutAvals, ...(newForward === undefined ? {} : { forward: newForward }) });
      return [outs, outs.map(() => 0)];
    },
    transpose(cotangents, args, { bwd, numResiduals }) {
      const residuals = args.slice(0, numResiduals) as ArrayValue[];
      const tangentAvals = args.slice(numResiduals).map((a) => (a instanceof LinearArg ? a.aval : aval(a.shape, a.dtype)));
      const cts = bwd([...residuals, ...cotangents.map(instantiate)]);
      checkRuleOutputs("customVjp", "bwd", cts, tangentAvals);
      // Only linear operands receive cotangents; a tangent that arrived as a constant gets none.
      return [...residuals.map(() => null), ...cts.map((ct, i) => (args[numResiduals + i] instanceof LinearArg ? ct : null))] as (Tangent | null)[];
    },
  },

  checkpoint: {
    fusion: "opaque",
    abstractEval(args, { jaxpr }) {
      checkJaxprInputs("checkpoint", jaxpr, args);
      return jaxpr.outAvals.map((a) => aval(a.shape, a.dtype));
    },
    impl: (args, { jaxpr }) => evalJaxprImpl(jaxpr, args),
    jvp(primals, tangents, { jaxpr }, transforms) {
      const t = needTransforms("checkpoint", transforms);
      const nonzero = tangents.map((x) => !(x instanceof Zero));
      const jvp = t.jvpJaxpr(jaxpr, nonzero, jaxpr.outAvals.map(() => false));
      const { outNonzero } = jvp;
      // Constants the jvp created (zeros, for instance) become operands, as partial evaluation needs.
      const [jvpJaxpr, consts] = hoistConsts(jvp.jaxpr);
      const active = tangents.filter((x): x is ArrayValue => !(x instanceof Zero));
      const results = bind("checkpoint", [...consts, ...primals, ...active], { jaxpr: jvpJaxpr });
      const n = jaxpr.outAvals.length;
      let next = n;
      const outTangents = jaxpr.outAvals.map((a, i) => (outNonzero[i] ? results[next++]! : new Zero(a)));
      return [results.slice(0, n), outTangents];
    },
    vmap(args, dims, { jaxpr }, axisSize, transforms) {
      const t = needTransforms("checkpoint", transforms);
      const vmapped = t.vmapJaxpr(jaxpr, axisSize, dims);
      const [batched, consts] = hoistConsts(vmapped.jaxpr);
      return [bind("checkpoint", [...consts, ...args], { jaxpr: batched }), vmapped.outDims];
    },
  },
};
