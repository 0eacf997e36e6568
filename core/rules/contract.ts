/**
 * Rules for contractions, convolutions and window reductions. All are `opaque` to the fuser:
 * jit calls their tuned kernels rather than inlining them. Params arrive in primitive form (axis
 * indices, explicit padding pairs); the user wrappers in `numpy/contract.ts` and `lax/contract.ts`
 * resolve layouts and padding strings before binding.
 */
import { aval, type Aval } from "../aval.js";
import { isDType, isFloat, type DType } from "../dtype.js";
import { describe, describeAll, fail } from "../errors.js";
import { convGeneralDilatedKernel } from "../kernels/conv.js";
import { dotGeneralKernel } from "../kernels/matmul.js";
import { reduceWindowKernel, type WindowReduction } from "../kernels/window.js";
import { NdArray } from "../ndarray.js";
import type { ContractPrim, ParamsOf, ReduceWindowParams, WindowPadding } from "../primitives.js";
import type { Rule, RuleTable } from "./rule.js";

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
    fail(op, `${side} ${role} axes ${JSON.stringify(axes)} are invalid for ${describe(x)}; expected distinct integers in [0, ${rank - 1}]`);
  }
}

/** Checks a list of `count` integers of at least `min` (strides, dilations, window sizes). */
function checkInts(op: string, name: string, values: readonly number[], count: number, min: number): void {
  if (!Array.isArray(values) || values.length !== count || !values.every((v) => Number.isInteger(v) && v >= min)) {
    fail(op, `${name} must be ${count} integer${count === 1 ? "" : "s"} >= ${min}, got ${JSON.stringify(values)}`);
  }
}

/** Checks `count` [low, high] integer padding pairs. */
function checkPadding(op: string, padding: WindowPadding, count: number): void {
  const ok = Array.isArray(padding) && padding.length === count && padding.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v)));
  if (!ok) fail(op, `padding must be ${count} [low, high] integer pairs, got ${JSON.stringify(padding)}`);
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

const dotGeneral: Rule<"dotGeneral"> = {
  fusion: "opaque",
  abstractEval(args, params) {
    const op = "dotGeneral";
    const [lhs, rhs] = pair(op, args, contractible);
    const [lc, rc] = params.contracting;
    const [lb, rb] = params.batch;
    checkAxes(op, lhs, "lhs", "contracting and batch", [...lc, ...lb]);
    checkAxes(op, rhs, "rhs", "contracting and batch", [...rc, ...rb]);
    if (lc.length !== rc.length) fail(op, `lhs has ${lc.length} contracting axes ${JSON.stringify(lc)} but rhs has ${rc.length} ${JSON.stringify(rc)}`);
    if (lb.length !== rb.length) fail(op, `lhs has ${lb.length} batch axes ${JSON.stringify(lb)} but rhs has ${rb.length} ${JSON.stringify(rb)}`);
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
    const data = dotGeneralKernel(lhs!.data, lhs!.shape, rhs!.data, rhs!.shape, params, out!.dtype);
    return [NdArray.fromBuffer(data, out!.shape, out!.dtype)];
  },
};

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
    const ok = Array.isArray(axes) && axes.length === rank && new Set(axes).size === rank && axes.every((a) => Number.isInteger(a) && a >= 0 && a < rank);
    if (!ok) fail(op, `dimensionNumbers.${name} must be a permutation of [0..${rank - 1}], got ${JSON.stringify(axes)}`);
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

const convGeneralDilated: Rule<"convGeneralDilated"> = {
  fusion: "opaque",
  abstractEval(args, params) {
    const [lhs, rhs] = pair("convGeneralDilated", args, convolvable);
    return [aval(convShape(lhs, rhs, params), lhs.dtype)];
  },
  impl([lhs, rhs], params, [out]) {
    const data = convGeneralDilatedKernel(lhs!.data, lhs!.shape, rhs!.data, rhs!.shape, params, out!.shape, out!.dtype);
    return [NdArray.fromBuffer(data, out!.shape, out!.dtype)];
  },
};

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
      const data = reduceWindowKernel(x!.data, x!.shape, x!.dtype, reduction, params, out!.shape);
      return [NdArray.fromBuffer(data, out!.shape, out!.dtype)];
    },
  };
}

/** Rules for the contraction family. */
export const contractRules: RuleTable<ContractPrim> = {
  dotGeneral,
  convGeneralDilated,
  reduceWindowSum: defReduceWindow("reduceWindowSum", "sum"),
  reduceWindowMax: defReduceWindow("reduceWindowMax", "max"),
  reduceWindowMin: defReduceWindow("reduceWindowMin", "min"),
};
