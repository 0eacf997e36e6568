/**
 * Rules for whileLoop: args are cond consts, body consts, then carries; `carry = body(carry)`
 * repeats while `cond(carry)` holds. jvp carries the tangents as extra loop state (the body is
 * differentiated, the cond ignores them); vmap batches the loop, and when the predicate differs
 * between examples it runs until every example is done, freezing the finished ones with a
 * select (JAX's batched while). The loop is not linear, so reverse mode stops at its partial
 * evaluation (transforms/partial-eval-control.ts) with a clear error, as in JAX.
 */
import { aval, avalsMatch } from "../aval.js";
import { describeAll, fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import type { ArrayValue, NdArray } from "../ndarray.js";
import type { ParamsOf } from "../primitives.js";
import { avalOf, instantiate, zeroLike } from "./autodiff-helpers.js";
import { batchFirst } from "./batching-helpers.js";
import { anyFlags, batchSelect } from "./cond.js";
import { needTransforms, Zero, type BatchDim, type JaxprTransforms, type RuleTable, type Tangent } from "./rule.js";
import { callJaxpr } from "../eval-jaxpr.js";

type WhileParams = ParamsOf["whileLoop"];

/** The args split into cond consts, body consts and carries. */
function split<T>(args: readonly T[], { condNumConsts, bodyNumConsts }: WhileParams): [T[], T[], T[]] {
  return [args.slice(0, condNumConsts), args.slice(condNumConsts, condNumConsts + bodyNumConsts), args.slice(condNumConsts + bodyNumConsts)];
}

/** The rules of the whileLoop primitive. */
export const whileRules: RuleTable<"whileLoop"> = {
  whileLoop: {
    fusion: "opaque",
    abstractEval(args, params) {
      const { cond, body } = params;
      const [condConsts, bodyConsts, carries] = split(args, params);
      if (!avalsMatch(cond.inAvals, [...condConsts, ...carries])) {
        fail("whileLoop", `the cond function takes (${describeAll(cond.inAvals)}) but is given consts and carries (${describeAll([...condConsts, ...carries])})`);
      }
      const pred = cond.outAvals;
      if (pred.length !== 1 || pred[0]!.shape.length !== 0 || pred[0]!.dtype !== "bool") {
        fail("whileLoop", `the cond function must return one bool scalar, got (${describeAll(pred)})`);
      }
      if (!avalsMatch(body.inAvals, [...bodyConsts, ...carries])) {
        fail("whileLoop", `the body takes (${describeAll(body.inAvals)}) but is given consts and carries (${describeAll([...bodyConsts, ...carries])})`);
      }
      if (!avalsMatch(body.outAvals, carries)) {
        fail("whileLoop", `the body returns (${describeAll(body.outAvals)}) but the carries are (${describeAll(carries)})`);
      }
      return carries.map((c) => aval(c.shape, c.dtype));
    },
    impl(args, params) {
      const { cond, body } = params;
      const [condConsts, bodyConsts, init] = split(args, params);
      let carries: readonly NdArray[] = init;
      while (callJaxpr(cond, [...condConsts, ...carries])[0]!.item() === true) {
        carries = callJaxpr(body, [...bodyConsts, ...carries]) as NdArray[];
      }
      return [...carries];
    },
    // Reached only when reverse mode meets a loop carrying tangents (see partialEvalWhile).
    transpose: () =>
      fail(
        "lax.whileLoop",
        "reverse-mode differentiation (grad, vjp) does not support a while loop with a data-dependent trip count, as in JAX; use lax.scan or foriLoop with static bounds",
      ),
    jvp(primals, tangents, params, transforms) {
      const t = needTransforms("whileLoop", transforms);
      const { cond, body, condNumConsts } = params;
      const [condConsts, bodyConsts, carries] = split(primals, params);
      const [, bodyConstTangents, carryTangents] = split(tangents, params);
      const bodyConstNonzero = bodyConstTangents.map((x) => !(x instanceof Zero));
      // Fixed point: a carry tangent is nonzero if it starts so or the body can make it so.
      let carryNonzero = carryTangents.map((x) => !(x instanceof Zero));
      for (;;) {
        const out = t.jvpJaxpr(body, [...bodyConstNonzero, ...carryNonzero], carryNonzero).outNonzero;
        if (out.every((o, i) => o === carryNonzero[i])) break;
        carryNonzero = carryNonzero.map((c, i) => c || out[i] === true);
      }
      if (!carryNonzero.some(Boolean)) return [bind("whileLoop", primals, params), carries.map(zeroLike)];
      const jvpBody = t.jvpJaxpr(body, [...bodyConstNonzero, ...carryNonzero], carryNonzero).jaxpr;
      const bodyDots = bodyConstTangents.filter((x): x is ArrayValue => !(x instanceof Zero));
      const carryDots = carryTangents.filter((_, i) => carryNonzero[i]).map(instantiate);
      const nb = bodyConsts.length;
      const nbd = bodyDots.length;
      const nc = carries.length;
      // jvpBody takes (consts, carries, const tangents, carry tangents); the loop wants its consts first.
      const newBody = t.stage(
        (xs) => callJaxpr(jvpBody, [...xs.slice(0, nb), ...xs.slice(nb + nbd, nb + nbd + nc), ...xs.slice(nb, nb + nbd), ...xs.slice(nb + nbd + nc)]),
        [...bodyConsts, ...bodyDots, ...carries, ...carryDots].map(avalOf),
      );
      const newCond = t.stage((xs) => callJaxpr(cond, xs.slice(0, condNumConsts + nc)), [...condConsts, ...carries, ...carryDots].map(avalOf));
      const results = bind("whileLoop", [...condConsts, ...bodyConsts, ...bodyDots, ...carries, ...carryDots], {
        cond: newCond,
        body: newBody,
        condNumConsts,
        bodyNumConsts: nb + nbd,
      });
      let next = nc;
      const outTangents = carries.map((c, i): Tangent => (carryNonzero[i] ? results[next++]! : new Zero(avalOf(c))));
      return [results.slice(0, nc), outTangents];
    },
    vmap(args, dims, params, axisSize, transforms) {
      const t = needTransforms("whileLoop", transforms);
      const [condConsts, bodyConsts, carries] = split(args, params);
      const [condDims, bodyDims, carryDims] = split(dims, params);
      // Fixed point: a carry is batched if it starts so or the body makes it so.
      let carryBatched = carryDims.map((d) => d !== null);
      for (;;) {
        const inDims = carryBatched.map((b) => (b ? 0 : null));
        const out = t.vmapJaxpr(params.body, axisSize, [...bodyDims, ...inDims]).outDims.map((d) => d !== null);
        if (out.every((o, i) => o === carryBatched[i])) break;
        carryBatched = anyFlags([carryBatched, out], carryBatched.length);
      }
      const loopDims = carryBatched.map((b): BatchDim => (b ? 0 : null));
      const predBatched = t.vmapJaxpr(params.cond, axisSize, [...condDims, ...loopDims]).outDims[0] !== null;
      if (predBatched) return vmapBatchedPredicate(t, params, args, dims, axisSize);
      const cond = t.vmapJaxpr(params.cond, axisSize, [...condDims, ...loopDims]).jaxpr;
      const body = t.vmapJaxpr(params.body, axisSize, [...bodyDims, ...loopDims], loopDims).jaxpr;
      const init = carries.map((x, i) => (carryBatched[i] ? batchFirst(x, carryDims[i] ?? null, axisSize) : x));
      const outs = bind("whileLoop", [...condConsts, ...bodyConsts, ...init], { ...params, cond, body });
      return [outs, loopDims];
    },
  },
};

/**
 * vmap when examples may stop at different iterations: every carry is batched, the loop runs
 * while any example's predicate holds, and each step keeps the new carry only for the examples
 * still running. The body needs the cond consts too, to recompute the per-example predicate.
 */
function vmapBatchedPredicate(
  t: JaxprTransforms,
  params: WhileParams,
  args: readonly ArrayValue[],
  dims: readonly BatchDim[],
  axisSize: number,
): [ArrayValue[], BatchDim[]] {
  const [condConsts, bodyConsts, carries] = split(args, params);
  const [condDims, bodyDims, carryDims] = split(dims, params);
  const nc = condConsts.length;
  const nb = bodyConsts.length;
  const front = carries.map(() => 0);
  const perExamplePred = t.vmapJaxpr(params.cond, axisSize, [...condDims, ...front], [0]).jaxpr;
  const perExampleBody = t.vmapJaxpr(params.body, axisSize, [...bodyDims, ...front], front).jaxpr;
  const init = carries.map((x, i) => batchFirst(x, carryDims[i] ?? null, axisSize));
  const carryAvals = init.map(avalOf);
  const condConstAvals = condConsts.map(avalOf);
  const cond = t.stage((xs) => [bind1("reduceMax", [callJaxpr(perExamplePred, xs)[0]!], { axes: [0] })], [...condConstAvals, ...carryAvals]);
  const body = t.stage(
    (xs) => {
      const carry = xs.slice(nc + nb);
      const active = callJaxpr(perExamplePred, [...xs.slice(0, nc), ...carry])[0]!;
      const next = callJaxpr(perExampleBody, xs.slice(nc));
      return next.map((x, i) => batchSelect(active, x, carry[i]!));
    },
    [...condConstAvals, ...bodyConsts.map(avalOf), ...carryAvals],
  );
  const outs = bind("whileLoop", [...condConsts, ...condConsts, ...bodyConsts, ...init], {
    cond,
    body,
    condNumConsts: nc,
    bodyNumConsts: nc + nb,
  });
  return [outs, front];
}

