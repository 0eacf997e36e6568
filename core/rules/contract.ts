/**
 * Rules for contractions, convolutions and window reductions. All are `opaque` to the fuser:
 * jit calls their tuned kernels rather than inlining them. Params arrive in primitive form (axis
 * indices, explicit padding pairs); the user wrappers in `numpy/contract.ts` and `lax/contract.ts`
 * resolve layouts and padding strings before binding.
 */
import { describeValue } from "../validate.js";
import { aval, type Aval } from "../aval.js";
import { isDType, isFloat, type DType } from "../dtype.js";
import { describe, describeAll, fail } from "../errors.js";
import { convGeneralDilatedKernel } from "../kernels/conv.js";
import { dotGeneralKernel } from "../kernels/matmul.js";
import { reduceWindowKernel, type WindowReduction } from "../kernels/window.js";
import { bind1 } from "../interpreter.js";
import { adoptBuffer, type ArrayValue, NdArray, storageOf } from "../ndarray.js";
import { scalar } from "../numpy/promote.js";
import type { ContractPrim, ParamsOf, ReduceWindowParams, WindowPadding } from "../primitives.js";
import { isPermutation, range } from "../shape.js";
import { addTangents, isDifferentiable, isZero, linearJvp, zeroLike } from "./autodiff-helpers.js";
import { convTranspose, dotGeneralTranspose, reduceWindowSumTranspose, reshapeAxisInto, reshapeAxisOutOf } from "./contract-transpose.js";
import type { BatchDim, JvpRule, Rule, RuleFor, RuleTable, Tangent } from "./rule.js";

const contractible: readonly DType[] = ["float32", "float64", "int32", "uint32"];
const convolvable: readonly DType[] = ["float32", "float64", "int32"];

/** Checks for exactly two operands of one accepted dtype; returns them. */
function pair(op: string, args: readonly Aval[], accepted: readonly DType[]): [Aval, Aval] {
  if (args.length !== 2) fail(op, `expected 2 operands, got ${args.length} (${describeAll(args)})`);
  const [lhs, rhs] = args as [Aval, Aval];
  if (lhs.dtype !== rhs.dtype) fail(op, `operands must share a dtype, got ${describe(lhs)} and ${describe(rhs)}`);
  if (!accepted.includes(lhs.dtype)) fail(op, `got ${describeAll(args)}; expected ${accepted.join(" or ")} operands`);
  return [lhs, rhs];
}

/** Checks that `axes` are distinct valid axes of `x`, naming the role they play. */
function checkAxes(op: string, x: Aval, side: string, role: string, axes: readonly number[]): void {
  const rank = x.shape.length;
  if (!Array.isArray(axes) || !axes.every((a) => Number.isInteger(a) && a >= 0 && a < rank) || new Set(axes).size !== axes.length) {
    fail(op, `${side} ${role} axes ${describeValue(axes)} are invalid for ${describe(x)}; expected distinct integers in [0, ${rank - 1}]`);
  }
}

/** Checks a list of `count` integers of at least `min` (strides, dilations, window sizes). */
function checkInts(op: string, name: string, values: readonly number[], count: number, min: number): void {
  if (!Array.isArray(values) || values.length !== count || !values.every((v) => Number.isInteger(v) && v >= min)) {
    fail(op, `${name} must be ${count} integer${count === 1 ? "" : "s"} >= ${min}, got ${describeValue(values)}`);
  }
}

/** Checks `count` [low, high] integer padding pairs. */
function checkPadding(op: string, padding: WindowPadding, count: number): void {
  const ok = Array.isArray(padding) && padding.length === count && padding.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v)));
  if (!ok) fail(op, `padding must be ${count} [low, high] integer pairs, got ${describeValue(padding)}`);
}

/**
 * The number of window positions along one axis: the input dilated and padded, the window
 * dilated, stepped by `stride` (zero when the window does not fit).
 */
export function windowCount(size: number, window: number, stride: number, padding: readonly [number, number], baseDilation: number, windowDilation: number): number {
  const dilatedSize = size === 0 ? 0 : (size - 1) * baseDilation + 1;
  const padded = dilatedSize + padding[0] + padding[1];
  const dilatedWindow = window === 0 ? 0 : (window - 1) * windowDilation + 1;
  return padded < dilatedWindow ? 0 : Math.floor((padded - dilatedWindow) / stride) + 1;
}

const dotGeneral: RuleFor<"dotGeneral"> = {
  fusion: "opaque",
  abstractEval(args, params) {
    const op = "dotGeneral";
    const [lhs, rhs] = pair(op, args, contractible);
    const [lc, rc] = params.contracting;
    const [lb, rb] = params.batch;
    checkAxes(op, lhs, "lhs", "contracting and batch", [...lc, ...lb]);
    checkAxes(op, rhs, "rhs", "contracting and batch", [...rc, ...rb]);
    if (lc.length !== rc.length) fail(op, `lhs has ${lc.length} contracting axes ${describeValue(lc)} but rhs has ${rc.length} ${describeValue(rc)}`);
    if (lb.length !== rb.length) fail(op, `lhs has ${lb.length} batch axes ${describeValue(lb)} but rhs has ${rb.length} ${describeValue(rb)}`);
    const checkSizes = (role: string, la: readonly number[], ra: readonly number[]): void =>
      la.forEach((a, i) => {
        if (lhs.shape[a] !== rhs.shape[ra[i]!]) {
          fail(op, `${role} axes must have equal sizes: lhs ${describe(lhs)} axis ${a} has size ${lhs.shape[a]} but rhs ${describe(rhs)} axis ${ra[i]} has size ${rhs.shape[ra[i]!]}`);
        }
      });
    checkSizes("contracting", lc, rc);
    checkSizes("batch", lb, rb);
    const preferred = params.preferredDtype;
    if (preferred !== null && (!isDType(preferred) || preferred === "bool" || (isFloat(lhs.dtype) && !isFloat(preferred)))) {
      fail(op, `preferredDtype ${preferred} is not allowed for ${lhs.dtype} operands`);
    }
    const lhsFree = lhs.shape.filter((_, a) => !lc.includes(a) && !lb.includes(a));
    const rhsFree = rhs.shape.filter((_, a) => !rc.includes(a) && !rb.includes(a));
    return [aval([...lb.map((a) => lhs.shape[a]!), ...lhsFree, ...rhsFree], preferred ?? lhs.dtype)];
  },
  impl([lhs, rhs], params, [out]) {
    const data = dotGeneralKernel(storageOf(lhs!), lhs!.shape, storageOf(rhs!), rhs!.shape, params, out!.dtype);
    return [adoptBuffer(data, out!.shape, out!.dtype)];
  },
  jvp: bilinearJvp("dotGeneral"),
  vmap([lhs, rhs], dims, params) {
    const [lbd, rbd] = [dims[0] ?? null, dims[1] ?? null];
    // JAX's _dot_general_batch_rule: two mapped axes become a new leading batch axis of the
    // contraction; a single one is a free axis of its operand, found again in the output.
    const bump = (axes: readonly number[], b: number): number[] => axes.map((a) => (a >= b ? a + 1 : a));
    let [lc, rc] = params.contracting;
    let [lb, rb] = params.batch;
    let outDim: number;
    if (lbd !== null && rbd !== null) {
      [lb, rb, lc, rc] = [[lbd, ...bump(lb, lbd)], [rbd, ...bump(rb, rbd)], bump(lc, lbd), bump(rc, rbd)];
      outDim = 0;
    } else if (lbd !== null) {
      const free = freeAxes(lhs!.ndim - 1, lc, lb);
      outDim = lb.length + free.filter((a) => a < lbd).length;
      [lb, lc] = [bump(lb, lbd), bump(lc, lbd)];
    } else {
      // Only the rhs is mapped (the caller guarantees one operand is).
      const rbd = dims[1]!;
      const free = freeAxes(rhs!.ndim - 1, rc, rb);
      outDim = lhs!.ndim - lc.length + free.filter((a) => a < rbd).length;
      [rb, rc] = [bump(rb, rbd), bump(rc, rbd)];
    }
    const out = bind1("dotGeneral", [lhs!, rhs!], { contracting: [lc, rc], batch: [lb, rb], preferredDtype: params.preferredDtype });
    return [[out], [outDim]];
  },
  transpose: dotGeneralTranspose,
};

/** Axes of a rank-`rank` operand that are neither contracting nor batch axes, in order. */
function freeAxes(rank: number, contracting: readonly number[], batch: readonly number[]): number[] {
  return range(rank).filter((a) => !contracting.includes(a) && !batch.includes(a));
}

/** The jvp of a bilinear primitive: d(a * b) = da * b + a * db, with symbolic zeros skipped. */
function bilinearJvp<P extends "dotGeneral" | "convGeneralDilated">(prim: P): JvpRule<P> {
  return (primals, tangents, params: ParamsOf[P]) => {
    const [lhs, rhs] = primals as [ArrayValue, ArrayValue];
    const out = bind1(prim, [lhs, rhs], params);
    let t: Tangent = zeroLike(out);
    if (!isDifferentiable(out.dtype)) return [[out], [t]];
    const [tl, tr] = tangents;
    if (tl !== undefined && !isZero(tl)) t = addTangents(t, bind1(prim, [tl, rhs], params));
    if (tr !== undefined && !isZero(tr)) t = addTangents(t, bind1(prim, [lhs, tr], params));
    return [[out], [t]];
  };
}

/** The output shape of a convolution, validating every parameter against the operands. */
function convShape(lhs: Aval, rhs: Aval, params: ParamsOf["convGeneralDilated"]): number[] {
  const op = "convGeneralDilated";
  const rank = lhs.shape.length;
  if (rank < 2 || rhs.shape.length !== rank) {
    fail(op, `lhs and rhs must have the same rank (2 + number of spatial axes), got ${describe(lhs)} and ${describe(rhs)}`);
  }
  const spatial = rank - 2;
  const dn = params.dimensionNumbers;
  for (const [name, axes] of [["lhs", dn.lhs], ["rhs", dn.rhs], ["out", dn.out]] as const) {
    if (!isPermutation(axes, rank)) fail(op, `dimensionNumbers.${name} must be a permutation of [0..${rank - 1}], got ${describeValue(axes)}`);
  }
  checkInts(op, "windowStrides", params.windowStrides, spatial, 1);
  checkInts(op, "lhsDilation", params.lhsDilation, spatial, 1);
  checkInts(op, "rhsDilation", params.rhsDilation, spatial, 1);
  checkPadding(op, params.padding, spatial);
  const groups = params.featureGroupCount;
  const batchGroups = params.batchGroupCount;
  checkInts(op, "featureGroupCount", [groups], 1, 1);
  checkInts(op, "batchGroupCount", [batchGroups], 1, 1);
  if (groups > 1 && batchGroups > 1) fail(op, `featureGroupCount ${groups} and batchGroupCount ${batchGroups} cannot both exceed 1`);
  const batch = lhs.shape[dn.lhs[0]!]!;
  const features = lhs.shape[dn.lhs[1]!]!;
  const outFeatures = rhs.shape[dn.rhs[0]!]!;
  const inFeatures = rhs.shape[dn.rhs[1]!]!;
  if (features !== inFeatures * groups) {
    fail(
      op,
      `feature count mismatch: lhs ${describe(lhs)} has ${features} features (axis ${dn.lhs[1]}) but rhs ${describe(rhs)} ` +
        `takes ${inFeatures} input features (axis ${dn.rhs[1]})` + (groups > 1 ? ` x featureGroupCount ${groups} = ${inFeatures * groups}` : ""),
    );
  }
  if (outFeatures % groups !== 0) fail(op, `rhs ${describe(rhs)} has ${outFeatures} output features, not divisible by featureGroupCount ${groups}`);
  if (outFeatures % batchGroups !== 0) fail(op, `rhs ${describe(rhs)} has ${outFeatures} output features, not divisible by batchGroupCount ${batchGroups}`);
  if (batch % batchGroups !== 0) fail(op, `lhs ${describe(lhs)} has batch size ${batch}, not divisible by batchGroupCount ${batchGroups}`);
  const shape = new Array<number>(rank);
  shape[dn.out[0]!] = batch / batchGroups;
  shape[dn.out[1]!] = outFeatures;
  for (let d = 0; d < spatial; d++) {
    shape[dn.out[2 + d]!] = windowCount(
      lhs.shape[dn.lhs[2 + d]!]!,
      rhs.shape[dn.rhs[2 + d]!]!,
      params.windowStrides[d]!,
      params.padding[d]!,
      params.lhsDilation[d]!,
      params.rhsDilation[d]!,
    );
  }
  return shape;
}

const convGeneralDilated: RuleFor<"convGeneralDilated"> = {
  fusion: "opaque",
  abstractEval(args, params) {
    const [lhs, rhs] = pair("convGeneralDilated", args, convolvable);
    return [aval(convShape(lhs, rhs, params), lhs.dtype)];
  },
  impl([lhs, rhs], params, [out]) {
    const data = convGeneralDilatedKernel(storageOf(lhs!), lhs!.shape, storageOf(rhs!), rhs!.shape, params, out!.shape, out!.dtype);
    return [adoptBuffer(data, out!.shape, out!.dtype)];
  },
  jvp: bilinearJvp("convGeneralDilated"),
  vmap: convVmap,
  transpose: convTranspose,
};

/**
 * Batching a convolution (JAX's _conv_general_dilated_batch_rule): the mapped axis is folded
 * into an axis the convolution already has (the batch axis for a mapped input, the output
 * features for a mapped kernel, feature or batch groups when both are mapped), and split out of
 * the output again.
 */
function convVmap(
  [lhs, rhs]: readonly ArrayValue[],
  dims: readonly BatchDim[],
  params: ParamsOf["convGeneralDilated"],
  size: number,
): [ArrayValue[], BatchDim[]] {
  const [lbd, rbd] = [dims[0] ?? null, dims[1] ?? null];
  const dn = params.dimensionNumbers;
  const conv = (l: ArrayValue, r: ArrayValue, p: ParamsOf["convGeneralDilated"] = params): ArrayValue => bind1("convGeneralDilated", [l, r], p);
  const drop = (x: ArrayValue, d: BatchDim): Aval => aval(d === null ? x.shape : x.shape.filter((_, i) => i !== d), x.dtype);
  // The reshapes below cannot split a mapped axis of length zero.
  if (size === 0) return [[NdArray.zeros([0, ...convShape(drop(lhs!, lbd), drop(rhs!, rbd), params)], lhs!.dtype)], [0]];
  const [groups, batchGroups] = [params.featureGroupCount, params.batchGroupCount];
  if (lbd !== null && rbd !== null) {
    const intoBatch = batchGroups > 1;
    const newLhs = reshapeAxisInto(lbd, intoBatch ? dn.lhs[0]! : dn.lhs[1]!, lhs!);
    const newRhs = reshapeAxisInto(rbd, dn.rhs[0]!, rhs!);
    const grouped = intoBatch ? { ...params, batchGroupCount: batchGroups * size } : { ...params, featureGroupCount: groups * size };
    return [[reshapeAxisOutOf(dn.out[1]!, size, conv(newLhs, newRhs, grouped))], [dn.out[1]!]];
  }
  if (lbd !== null) {
    let newLhs: ArrayValue;
    if (batchGroups === 1) newLhs = reshapeAxisInto(lbd, dn.lhs[0]!, lhs!);
    else {
      // Batch groups must stay outermost in the batch axis: fold the mapped axis in under them.
      const batchAxis = dn.lhs[0]!;
      newLhs = reshapeAxisOutOf(batchAxis + (lbd <= batchAxis ? 1 : 0), batchGroups, lhs!);
      newLhs = reshapeAxisInto(lbd + (batchAxis < lbd ? 1 : 0), batchAxis + 1, newLhs);
      newLhs = reshapeAxisInto(batchAxis, batchAxis, newLhs);
    }
    return [[reshapeAxisOutOf(dn.out[0]!, size, conv(newLhs, rhs!))], [dn.out[0]!]];
  }
  // Only the kernel is mapped.
  const kernelDim = dims[1]!;
  const outAxis = dn.out[1]!;
  if (groups === 1 && batchGroups === 1) {
    return [[reshapeAxisOutOf(outAxis, size, conv(lhs!, reshapeAxisInto(kernelDim, dn.rhs[0]!, rhs!)))], [outAxis]];
  }
  // Groups must stay outermost in the kernel's output features, and in the output's features.
  const g = Math.max(groups, batchGroups);
  const featureAxis = dn.rhs[0]!;
  let newRhs = reshapeAxisOutOf(featureAxis + (kernelDim <= featureAxis ? 1 : 0), g, rhs!);
  newRhs = reshapeAxisInto(kernelDim + (featureAxis < kernelDim ? 1 : 0), featureAxis + 1, newRhs);
  newRhs = reshapeAxisInto(featureAxis, featureAxis, newRhs);
  let out = reshapeAxisOutOf(outAxis, g, conv(lhs!, newRhs));
  out = reshapeAxisOutOf(outAxis + 1, size, out);
  return [[reshapeAxisInto(outAxis, outAxis + 1, out)], [outAxis]];
}

/** A window reduction with the monoid `reduction`; padding and dilation holes hold its identity. */
function defReduceWindow<P extends "reduceWindowSum" | "reduceWindowMax" | "reduceWindowMin">(name: P, reduction: WindowReduction): Rule<P> {
  const accepted: readonly DType[] = reduction === "sum" ? contractible : [...contractible, "bool"];
  return {
    fusion: "opaque",
    abstractEval(args, params: ReduceWindowParams) {
      if (args.length !== 1) fail(name, `expected 1 operand, got ${args.length} (${describeAll(args)})`);
      const x = args[0]!;
      if (!accepted.includes(x.dtype)) fail(name, `got ${describe(x)}; expected a ${accepted.join(" or ")} operand`);
      const rank = x.shape.length;
      checkInts(name, "windowDimensions", params.windowDimensions, rank, 1);
      checkInts(name, "windowStrides", params.windowStrides, rank, 1);
      checkInts(name, "baseDilation", params.baseDilation, rank, 1);
      checkInts(name, "windowDilation", params.windowDilation, rank, 1);
      checkPadding(name, params.padding, rank);
      const shape = x.shape.map((size, d) =>
        windowCount(size, params.windowDimensions[d]!, params.windowStrides[d]!, params.padding[d]!, params.baseDilation[d]!, params.windowDilation[d]!),
      );
      return [aval(shape, x.dtype)];
    },
    impl([x], params: ReduceWindowParams, [out]) {
      const data = reduceWindowKernel(storageOf(x!), x!.shape, x!.dtype, reduction, params, out!.shape);
      return [adoptBuffer(data, out!.shape, out!.dtype)];
    },
    jvp: (reduction === "sum" ? linearJvp(name) : chooserJvp(name as ChooserPrim, reduction)) as JvpRule<P>,
    vmap([x], [d], params: ReduceWindowParams) {
      // The mapped axis gets a window of one element: each batch member is reduced on its own.
      const at = d!;
      const insert = <T>(list: readonly T[], value: T): T[] => [...list.slice(0, at), value, ...list.slice(at)];
      const batched: ReduceWindowParams = {
        windowDimensions: insert(params.windowDimensions, 1),
        windowStrides: insert(params.windowStrides, 1),
        padding: insert<readonly [number, number]>(params.padding, [0, 0]),
        baseDilation: insert(params.baseDilation, 1),
        windowDilation: insert(params.windowDilation, 1),
      };
      return [[bind1(name, [x!], batched)], [at]];
    },
  };
}

/** The window reductions that choose an element. */
type ChooserPrim = "reduceWindowMax" | "reduceWindowMin";

/**
 * The jvp of a max/min window reduction: each output takes the tangent of the first element (in
 * row-major window order) equal to the window's extremum. Built from pad, strided slices, eq
 * and select, so it is linear in the tangent and itself differentiable and batchable: for each
 * window offset, one strided slice of the padded operand and of the padded tangent lines up
 * that offset's element of every window with the output.
 */
function chooserJvp(name: ChooserPrim, reduction: "max" | "min"): JvpRule<ChooserPrim> {
  return ([x], [t], params) => {
    const out = bind1(name, [x!], params);
    if (!isDifferentiable(out.dtype) || t === undefined || isZero(t) || out.size === 0) return [[out], [zeroLike(out)]];
    const config = params.padding.map(([lo, hi], d) => [lo, hi, params.baseDilation[d]! - 1] as const);
    const fill = reduction === "max" ? -Infinity : Infinity;
    const paddedX = bind1("pad", [x!, scalar(fill, x!.dtype)], { config });
    const paddedT = bind1("pad", [t, scalar(0, t.dtype)], { config });
    const window = params.windowDimensions;
    const count = window.reduce((a, b) => a * b, 1);
    const strides = params.windowStrides;
    const sliceAt = (v: ArrayValue, offset: number): ArrayValue => {
      const start: number[] = [];
      let rest = offset;
      for (let d = window.length - 1; d >= 0; d--) {
        start[d] = (rest % window[d]!) * params.windowDilation[d]!;
        rest = Math.floor(rest / window[d]!);
      }
      const limit = start.map((s, d) => s + (out.shape[d]! - 1) * strides[d]! + 1);
      return bind1("slice", [v], { start, limit, strides });
    };
    // Scanning offsets backwards, each match overrides later ones: the first match wins.
    let tangent = sliceAt(paddedT, count - 1);
    for (let k = count - 2; k >= 0; k--) {
      const hit = bind1("eq", [sliceAt(paddedX, k), out], {});
      tangent = bind1("select", [hit, sliceAt(paddedT, k), tangent], {});
    }
    return [[out], [tangent]];
  };
}

/** Rules for the contraction family. */
export const contractRules: RuleTable<ContractPrim> = {
  dotGeneral,
  convGeneralDilated,
  reduceWindowSum: { ...defReduceWindow("reduceWindowSum", "sum"), transpose: reduceWindowSumTranspose },
  reduceWindowMax: defReduceWindow("reduceWindowMax", "max"),
  reduceWindowMin: defReduceWindow("reduceWindowMin", "min"),
};
