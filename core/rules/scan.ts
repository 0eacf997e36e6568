/**
 * The scan primitive: a loop over the leading axis of its `xs` operands that threads carries
 * through a body jaxpr and stacks the body's per-iteration outputs (JAX's lax.scan). Operands are
 * consts (the body's hoisted constants), then carries, then xs; results are the final carries,
 * then the stacked ys. Every rule transforms the body jaxpr and binds another scan, so scans
 * compose with every transform to any order. Partial evaluation (reverse mode's split into a
 * known and a linear scan) lives in transforms/partial-eval-scan.ts.
 */
import { aval, avalEqual, type Aval } from "../aval.js";
import { allocate } from "../dtype.js";
import { describe, describeAll, fail } from "../errors.js";
import { bind, evalInterpreter, withInterpreter } from "../interpreter.js";
import { ClosedJaxpr, hoistConsts } from "../jaxpr.js";
import { adoptBuffer, type ArrayValue, NdArray, storageOf } from "../ndarray.js";
import type { ParamsOf } from "../primitives.js";
import { sizeOf } from "../shape.js";
import { instantiate, zeros } from "./autodiff-helpers.js";
import { moveAxis, withBatchAt } from "./batching-helpers.js";
import { LinearArg, needTransforms, Zero, type BatchDim, type RuleTable, type Tangent } from "./rule.js";
import { callJaxpr } from "../eval-jaxpr.js";

type ScanParams = ParamsOf["scan"];

/** Splits `xs` into consecutive pieces of the given sizes, the rest last. */
export function splitList<T>(xs: readonly T[], sizes: readonly number[]): T[][] {
  const parts: T[][] = [];
  let start = 0;
  for (const n of sizes) {
    parts.push(xs.slice(start, start + n));
    start += n;
  }
  parts.push(xs.slice(start));
  return parts;
}

/** The aval of one slice along the leading (scanned) axis. */
function sliceAval(a: Aval): Aval {
  return aval(a.shape.slice(1), a.dtype);
}

/** The aval of `length` stacked values of `a`. */
function stackedAval(a: Aval, length: number): Aval {
  return aval([length, ...a.shape], a.dtype);
}


/** Row `index` of `x` along its leading axis (a copy, so the result owns its buffer). */
function sliceLeading(x: NdArray, index: number): NdArray {
  const shape = x.shape.slice(1);
  const size = sizeOf(shape);
  return adoptBuffer(storageOf(x).slice(index * size, (index + 1) * size) as never, shape, x.dtype);
}

/** Binds a scan over a freshly staged body, hoisting the body's constants into leading consts. */
function bindScan(body: ClosedJaxpr, consts: readonly ArrayValue[], carries: readonly ArrayValue[], xs: readonly ArrayValue[], params: Pick<ScanParams, "length" | "reverse">): ArrayValue[] {
  const [open, hoisted] = hoistConsts(body);
  return bind("scan", [...hoisted, ...consts, ...carries, ...xs], {
    body: open,
    numConsts: hoisted.length + consts.length,
    numCarry: carries.length,
    length: params.length,
    reverse: params.reverse,
  });
}

/** Rules for scan. */
export const scanRules: RuleTable<"scan"> = {
  scan: {
    fusion: "opaque",
    abstractEval(args, { body, numConsts, numCarry, length }) {
      const inAvals = body.inAvals;
      const outAvals = body.outAvals;
      if (!Number.isInteger(length) || length < 0) fail("scan", `length must be a non-negative integer, got ${length}`);
      if (args.length !== inAvals.length) {
        fail("scan", `${args.length} operands given but the body takes ${inAvals.length} (${describeAll(inAvals)})`);
      }
      if (numConsts < 0 || numCarry < 0 || numConsts + numCarry > args.length || numCarry > outAvals.length) {
        fail("scan", `numConsts ${numConsts} and numCarry ${numCarry} do not fit ${args.length} operands and ${outAvals.length} body outputs`);
      }
      args.forEach((a, i) => {
        const isX = i >= numConsts + numCarry;
        if (isX && (a.shape.length === 0 || a.shape[0] !== length)) {
          fail("scan", `scanned operand ${i - numConsts - numCarry} is ${describe(a)}; expected a leading axis of length ${length}`);
        }
        const expected = inAvals[i]!;
        if (!avalEqual(isX ? sliceAval(a) : a, expected)) {
          const what = i < numConsts ? "constant" : isX ? "scanned operand (one slice)" : "initial carry";
          fail("scan", `${what} at operand ${i} is ${describe(isX ? sliceAval(a) : a)} but the body expects ${describe(expected)}`);
        }
      });
      for (let k = 0; k < numCarry; k++) {
        if (!avalEqual(outAvals[k]!, inAvals[numConsts + k]!)) {
          fail("scan", `the body returns carry ${k} as ${describe(outAvals[k]!)} but takes it as ${describe(inAvals[numConsts + k]!)}`);
        }
      }
      return [...outAvals.slice(0, numCarry).map((a) => aval(a.shape, a.dtype)), ...outAvals.slice(numCarry).map((a) => stackedAval(a, length))];
    },

    impl(args, { body, numConsts, numCarry, length, reverse }, outAvals) {
      const [consts, init, xs] = splitList(args, [numConsts, numCarry]) as [NdArray[], NdArray[], NdArray[]];
      const yAvals = outAvals.slice(numCarry);
      const yBuffers = yAvals.map((a) => allocate(a.dtype, sizeOf(a.shape)));
      let carry: NdArray[] = init;
      withInterpreter(evalInterpreter, () => {
        for (let step = 0; step < length; step++) {
          const i = reverse ? length - 1 - step : step;
          const outs = callJaxpr(body, [...consts, ...carry, ...xs.map((x) => sliceLeading(x, i))]) as NdArray[];
          carry = outs.slice(0, numCarry);
          outs.slice(numCarry).forEach((y, k) => (yBuffers[k] as Float64Array).set(storageOf(y) as Float64Array, i * storageOf(y).length));
        }
      });
      return [...carry, ...yBuffers.map((data, k) => adoptBuffer(data as never, yAvals[k]!.shape, yAvals[k]!.dtype))];
    },

    jvp(primals, tangents, { body, numConsts, numCarry, length, reverse }, transforms) {
      const t = needTransforms("scan", transforms);
      const numYs = body.outAvals.length - numCarry;
      const nonzero = tangents.map((x) => !(x instanceof Zero));
      const [constNz, initNz, xsNz] = splitList(nonzero, [numConsts, numCarry]) as [boolean[], boolean[], boolean[]];
      // A carry's tangent is nonzero if its initial tangent is or if one iteration makes it so:
      // grow the set until the body maps it to itself (at most numCarry + 1 rounds).
      let carryNz = initNz;
      let jvpBody: ClosedJaxpr;
      let outNz: boolean[];
      for (;;) {
        const r = t.jvpJaxpr(body, [...constNz, ...carryNz, ...xsNz], [...carryNz, ...new Array<boolean>(numYs).fill(false)]);
        const carryOutNz = r.outNonzero.slice(0, numCarry);
        if (carryOutNz.every((nz, k) => nz === carryNz[k])) {
          jvpBody = r.jaxpr;
          outNz = r.outNonzero;
          break;
        }
        carryNz = carryNz.map((nz, k) => nz || carryOutNz[k]!);
      }
      const ysNz = outNz.slice(numCarry);
      const [consts, init, xs] = splitList(primals, [numConsts, numCarry]);
      const [constT, initT, xsT] = splitList(tangents, [numConsts, numCarry]);
      const constDots = constT.filter((_, i) => constNz[i]).map(instantiate);
      const initDots = initT.filter((_, k) => carryNz[k]).map(instantiate);
      const xsDots = xsT.filter((_, j) => xsNz[j]).map(instantiate);
      // The jvp jaxpr takes all primals, then the nonzero tangents; the scan convention wants
      // consts, carries and xs each followed by their tangents.
      const bodyIn = body.inAvals;
      const [constAvals, carryAvals, xAvals] = splitList(bodyIn, [numConsts, numCarry]);
      const wrapper = t.stage(
        (a) => {
          const [c, cd, k, kd, x, xd] = splitList(a, [numConsts, constDots.length, numCarry, initDots.length, xAvals!.length]);
          const outs = callJaxpr(jvpBody, [...c!, ...k!, ...x!, ...cd!, ...kd!, ...xd!]);
          const [carry, ys, carryDot, ysDot] = splitList(outs, [numCarry, numYs, initDots.length]);
          return [...carry!, ...carryDot!, ...ys!, ...ysDot!];
        },
        [
          ...constAvals!,
          ...constAvals!.filter((_, i) => constNz[i]),
          ...carryAvals!,
          ...carryAvals!.filter((_, k) => carryNz[k]),
          ...xAvals!,
          ...xAvals!.filter((_, j) => xsNz[j]),
        ],
      );
      const outs = bindScan(wrapper, [...consts!, ...constDots], [...init!, ...initDots], [...xs!, ...xsDots], { length, reverse });
      const [carryOut, carryDotOut, ysOut, ysDotOut] = splitList(outs, [numCarry, initDots.length, numYs]);
      let nextCarry = 0;
      let nextY = 0;
      const carryTangents: Tangent[] = carryOut!.map((c, k) => (carryNz[k] ? carryDotOut![nextCarry++]! : new Zero(aval(c.shape, c.dtype))));
      const yTangents: Tangent[] = ysOut!.map((y, j) => (ysNz[j] ? ysDotOut![nextY++]! : new Zero(aval(y.shape, y.dtype))));
      return [[...carryOut!, ...ysOut!], [...carryTangents, ...yTangents]];
    },

    vmap(args, dims, { body, numConsts, numCarry, length, reverse }, axisSize, transforms) {
      const t = needTransforms("scan", transforms);
      const numYs = body.outAvals.length - numCarry;
      const [constDims, initDims, xsDims] = splitList(dims, [numConsts, numCarry]) as [BatchDim[], BatchDim[], BatchDim[]];
      // A carry is batched if its initial value is or if one iteration makes it so.
      let carryBatched = initDims.map((d) => d !== null);
      let batchedBody: ClosedJaxpr;
      let outDims: BatchDim[];
      const at0 = (b: boolean): BatchDim => (b ? 0 : null);
      for (;;) {
        // The body sees one slice of xs: the batch axis (moved to 1 in the stacked operand) is its axis 0.
        const inDims = [...constDims.map((d) => at0(d !== null)), ...carryBatched.map(at0), ...xsDims.map((d) => at0(d !== null))];
        const r = t.vmapJaxpr(body, axisSize, inDims, [...carryBatched.map(at0), ...new Array<BatchDim>(numYs).fill(null)]);
        const carryOut = r.outDims.slice(0, numCarry).map((d) => d !== null);
        if (carryOut.every((b, k) => b === carryBatched[k])) {
          batchedBody = r.jaxpr;
          outDims = r.outDims;
          break;
        }
        carryBatched = carryBatched.map((b, k) => b || carryOut[k]!);
      }
      const [consts, init, xs] = splitList(args, [numConsts, numCarry]);
      const newConsts = consts!.map((c, i) => (constDims[i] === null ? c : moveAxis(c, constDims[i]!, 0)));
      const newInit = init!.map((c, k) => (carryBatched[k] ? withBatchAt(c, initDims[k]!, 0, axisSize) : c));
      const newXs = xs!.map((x, j) => (xsDims[j] === null ? x : moveAxis(x, xsDims[j]!, 1)));
      const outs = bindScan(batchedBody, newConsts, newInit, newXs, { length, reverse });
      const ysDims = outDims.slice(numCarry).map((d) => (d === null ? null : d + 1));
      return [outs, [...carryBatched.map(at0), ...ysDims]];
    },

    transpose(cotangents, args, { body, numConsts, numCarry, length, reverse }, transforms) {
      const t = needTransforms("scan", transforms);
      const [consts, init, xs] = splitList(args, [numConsts, numCarry]);
      const constLinear = consts!.map((c) => c instanceof LinearArg);
      const xsLinear = xs!.map((x) => x instanceof LinearArg);
      // Carries are linear even when their initial value arrived as a constant (an instantiated
      // zero tangent): the body is linear in them, and their cotangents flow between iterations.
      const transposed = t.transposeJaxpr(body, [...constLinear, ...init!.map(() => true), ...xsLinear]);
      const residualConsts = consts!.filter((_, i) => !constLinear[i]) as ArrayValue[];
      const residualXs = xs!.filter((_, j) => !xsLinear[j]) as ArrayValue[];
      const [constAvals, carryAvals, xAvals] = splitList(body.inAvals, [numConsts, numCarry]);
      const linearConstAvals = constAvals!.filter((_, i) => constLinear[i]);
      const yAvals = body.outAvals.slice(numCarry);
      const carryCts = cotangents.slice(0, numCarry).map(instantiate);
      const yCts = cotangents.slice(numCarry);
      const yNonzero = yCts.map((ct) => !(ct instanceof Zero));
      // Reverse scan: consts are the residual consts; the carry holds the const cotangent sums and
      // the carry cotangents; xs are the residual xs and the (nonzero) ys cotangents.
      const wrapper = t.stage(
        (a) => {
          const [resC, sums, ctCarry, resX, ctY] = splitList(a, [residualConsts.length, linearConstAvals.length, numCarry, residualXs.length]);
          let next = 0;
          const ctYs = yAvals.map((ya, j) => (yNonzero[j] ? ctY![next++]! : zeros(ya)));
          const outs = callJaxpr(transposed, [...resC!, ...resX!, ...ctCarry!, ...ctYs]);
          const [ctConsts, ctCarryIn, ctXs] = splitList(outs, [linearConstAvals.length, numCarry]);
          return [...sums!.map((s, i) => bind("add", [s, ctConsts![i]!], {})[0]!), ...ctCarryIn!, ...ctXs!];
        },
        [
          ...constAvals!.filter((_, i) => !constLinear[i]),
          ...linearConstAvals,
          ...carryAvals!,
          ...xAvals!.filter((_, j) => !xsLinear[j]),
          ...yAvals.filter((_, j) => yNonzero[j]),
        ],
      );
      const outs = bindScan(
        wrapper,
        residualConsts,
        [...linearConstAvals.map(zeros), ...carryCts],
        [...residualXs, ...yCts.filter((_, j) => yNonzero[j]).map(instantiate)],
        { length, reverse: !reverse },
      );
      const [constSums, initCts, xsCts] = splitList(outs, [linearConstAvals.length, numCarry]);
      let nextConst = 0;
      let nextX = 0;
      return [
        ...consts!.map((_, i) => (constLinear[i] ? constSums![nextConst++]! : null)),
        ...init!.map((c, k) => (c instanceof LinearArg ? initCts![k]! : null)),
        ...xs!.map((_, j) => (xsLinear[j] ? xsCts![nextX++]! : null)),
      ];
    },
  },
};
