/**
 * Transpose rules of the contraction family (reverse mode), ported from JAX's
 * `_dot_general_transpose_lhs/_rhs`, `_conv_general_dilated_transpose_lhs/_rhs` and
 * `_reduce_window_sum_transpose_rule`: each cotangent is again a dotGeneral, a convolution or a
 * window sum, so reverse mode through them stays differentiable and batchable.
 */
import type { DType } from "../dtype.js";
import type { Aval } from "../aval.js";
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { scalar } from "../numpy/promote.js";
import type { ConvDimensionNumbers, ParamsOf, ReduceWindowParams, WindowPadding } from "../primitives.js";
import { range, sizeOf } from "../shape.js";
import { isZero } from "./autodiff-helpers.js";
import { LinearArg, Zero, type Tangent } from "./rule.js";

/** `x` transposed by `permutation`, skipping the identity. */
function transposeTo(x: ArrayValue, permutation: readonly number[]): ArrayValue {
  return permutation.every((p, i) => p === i) ? x : bind1("transpose", [x], { permutation: [...permutation] });
}

/** `x` converted to `dtype` when it differs. */
function convertTo(x: ArrayValue, dtype: DType): ArrayValue {
  return x.dtype === dtype ? x : bind1("convert", [x], { dtype });
}

/**
 * Merges axis `src` into axis `dst` as its major part; `dst` counts axes after `src` is removed
 * (JAX's `_reshape_axis_into`).
 */
export function reshapeAxisInto(src: number, dst: number, x: ArrayValue): ArrayValue {
  const perm = range(x.ndim).filter((i) => i !== src);
  perm.splice(dst, 0, src);
  const shape = x.shape.filter((_, i) => i !== src);
  shape[dst] = shape[dst]! * x.shape[src]!;
  return bind1("reshape", [transposeTo(x, perm)], { newShape: shape });
}

/** Splits axis `src` into `[size, rest]` (JAX's `_reshape_axis_out_of`). */
export function reshapeAxisOutOf(src: number, size: number, x: ArrayValue): ArrayValue {
  const shape = [...x.shape];
  shape.splice(src, 1, size, x.shape[src]! / size);
  return bind1("reshape", [x], { newShape: shape });
}

/** Axes `0..rank-1` not listed in `used`, in order. */
function remaining(rank: number, ...used: (readonly number[])[]): number[] {
  return range(rank).filter((i) => !used.some((u) => u.includes(i)));
}

/** Consecutive index ranges with the lengths of `lists` (JAX's `ranges_like`). */
function rangesLike(...lists: (readonly number[])[]): number[][] {
  let start = 0;
  return lists.map((l) => {
    const r = Array.from({ length: l.length }, (_, i) => start + i);
    start += l.length;
    return r;
  });
}

/** The permutation sorting `values` ascending. */
function argsort(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
}

/**
 * The cotangent of dotGeneral's operand `x` (aval `xAval`) given the other operand `y`: the
 * cotangent contracted with `y` over y's free axes, then transposed to x's axis order.
 * `swapAns` when x is the rhs, whose free axes come after the lhs's in the output.
 */
function dotTransposeOperand(
  g: ArrayValue,
  xAval: Aval,
  y: ArrayValue,
  contracting: readonly [readonly number[], readonly number[]],
  batch: readonly [readonly number[], readonly number[]],
  swapAns: boolean,
): ArrayValue {
  const [xContract, yContract] = contracting;
  const [xBatch, yBatch] = batch;
  const xKept = remaining(xAval.shape.length, xContract, xBatch);
  const yKept = remaining(y.ndim, yContract, yBatch);
  const [ansBatch, first, second] = swapAns ? rangesLike(xBatch, yKept, xKept) : rangesLike(xBatch, xKept, yKept);
  const ansY = swapAns ? first! : second!;
  const xContractSortedByY = argsort(yContract).map((i) => xContract[i]!);
  const unsortedAxes = [...xBatch, ...xKept, ...xContractSortedByY];
  // The cotangent may carry preferredDtype; contract in its dtype, then return to the operand's.
  const product = bind1("dotGeneral", [g, convertTo(y, g.dtype)], { contracting: [ansY, yKept], batch: [ansBatch!, yBatch], preferredDtype: null });
  return convertTo(transposeTo(product, argsort(unsortedAxes)), xAval.dtype);
}

/** Checks a bilinear transpose got exactly one linear operand; returns its position. */
function linearOperand(op: string, args: readonly (ArrayValue | LinearArg)[]): 0 | 1 {
  const [lhs, rhs] = args;
  if (lhs instanceof LinearArg && rhs instanceof LinearArg) fail(op, "cannot transpose with both operands linear (the product of two linear values is not linear)");
  if (lhs instanceof LinearArg) return 0;
  if (rhs instanceof LinearArg) return 1;
  return fail(op, "transpose needs one linear operand, got none");
}

/** dotGeneral transposed in whichever operand is linear. */
export function dotGeneralTranspose(cts: readonly Tangent[], args: readonly (ArrayValue | LinearArg)[], params: ParamsOf["dotGeneral"]): (Tangent | null)[] {
  const which = linearOperand("dotGeneral", args);
  const x = args[which] as LinearArg;
  const y = args[1 - which] as ArrayValue;
  const ct = cts[0]!;
  let result: Tangent;
  if (isZero(ct)) result = new Zero(x.aval);
  else if (which === 0) result = dotTransposeOperand(ct, x.aval, y, params.contracting, params.batch, false);
  else {
    const [lc, rc] = params.contracting;
    const [lb, rb] = params.batch;
    result = dotTransposeOperand(ct, x.aval, y, [rc, lc], [rb, lb], true);
  }
  return which === 0 ? [result, null] : [null, result];
}

/** Each size of `sizes` dilated by `dilation`: `(n - 1) * d + 1`, zero staying zero. */
function dilateShape(sizes: readonly number[], dilation: readonly number[]): number[] {
  return sizes.map((n, i) => (n === 0 ? 0 : (n - 1) * dilation[i]! + 1));
}

/** The input, window and output sizes of a windowed op once dilation (and stride) are spread out. */
function dilatedSizes(
  inShape: readonly number[],
  window: readonly number[],
  strides: readonly number[],
  outShape: readonly number[],
  lhsDilation: readonly number[],
  rhsDilation: readonly number[],
): { lhs: number[]; rhs: number[]; out: number[] } {
  return { lhs: dilateShape(inShape, lhsDilation), rhs: dilateShape(window, rhsDilation), out: dilateShape(outShape, strides) };
}

/**
 * Padding of the cotangent for the lhs (input) transpose of a windowed op: full-correlation
 * padding, trimmed so the result has exactly the input's size (JAX's `_conv_general_vjp_lhs_padding`).
 */
export function vjpLhsPadding(
  inShape: readonly number[],
  window: readonly number[],
  strides: readonly number[],
  outShape: readonly number[],
  padding: WindowPadding,
  lhsDilation: readonly number[],
  rhsDilation: readonly number[],
): [number, number][] {
  const { lhs, rhs, out } = dilatedSizes(inShape, window, strides, outShape, lhsDilation, rhsDilation);
  return inShape.map((_, i) => {
    const before = rhs[i]! - padding[i]![0] - 1;
    return [before, lhs[i]! + rhs[i]! - 1 - out[i]! - before];
  });
}

/** Padding of the lhs for the rhs (kernel) transpose of a convolution (JAX's `_conv_general_vjp_rhs_padding`). */
function vjpRhsPadding(
  inShape: readonly number[],
  window: readonly number[],
  strides: readonly number[],
  outShape: readonly number[],
  padding: WindowPadding,
  lhsDilation: readonly number[],
  rhsDilation: readonly number[],
): [number, number][] {
  const { lhs, rhs, out } = dilatedSizes(inShape, window, strides, outShape, lhsDilation, rhsDilation);
  return inShape.map((_, i) => {
    const low = padding[i]![0];
    return [low, out[i]! - lhs[i]! + (rhs[i]! - low - 1)];
  });
}

/** A conv spec with its first two entries (batch/feature or out/in feature) swapped. */
function swapSpec(spec: readonly number[]): number[] {
  return [spec[1]!, spec[0]!, ...spec.slice(2)];
}

/** The entries of `shape` at `axes`. */
function take(shape: readonly number[], axes: readonly number[]): number[] {
  return axes.map((a) => shape[a]!);
}

/** The cotangent of the convolution's input: the cotangent convolved with the spatially reversed kernel. */
function convTransposeLhs(g: ArrayValue, lhs: Aval, rhs: ArrayValue, params: ParamsOf["convGeneralDilated"]): ArrayValue {
  const dn = params.dimensionNumbers;
  const rhsSpatial = dn.rhs.slice(2);
  let kernel = rhs;
  let groups = params.featureGroupCount;
  const batchGroups = params.batchGroupCount;
  // Groups move from the kernel's output features into its input features, which the
  // transposed convolution reads as its output features.
  if (groups > 1 || batchGroups > 1) {
    kernel = reshapeAxisOutOf(dn.rhs[0]!, Math.max(groups, batchGroups), kernel);
    kernel = reshapeAxisInto(dn.rhs[0]!, dn.rhs[1]!, kernel);
    groups = Math.max(groups, batchGroups);
  }
  const transposed: ConvDimensionNumbers = { lhs: dn.out, rhs: swapSpec(dn.rhs), out: dn.lhs };
  const padding = vjpLhsPadding(
    take(lhs.shape, dn.lhs.slice(2)),
    take(rhs.shape, rhsSpatial),
    params.windowStrides,
    take(g.shape, dn.out.slice(2)),
    params.padding,
    params.lhsDilation,
    params.rhsDilation,
  );
  const reversed = rhsSpatial.length > 0 ? bind1("rev", [kernel], { axes: rhsSpatial }) : kernel;
  let out = bind1("convGeneralDilated", [g, reversed], {
    windowStrides: params.lhsDilation,
    padding,
    lhsDilation: params.windowStrides,
    rhsDilation: params.rhsDilation,
    dimensionNumbers: transposed,
    featureGroupCount: groups,
    batchGroupCount: 1,
  });
  if (batchGroups > 1) {
    out = reshapeAxisOutOf(dn.lhs[1]!, batchGroups, out);
    out = reshapeAxisInto(dn.lhs[1]!, dn.lhs[0]!, out);
  }
  return out;
}

/** The cotangent of the convolution's kernel: the input correlated with the cotangent. */
function convTransposeRhs(g: ArrayValue, lhs: ArrayValue, rhs: Aval, params: ParamsOf["convGeneralDilated"]): Tangent {
  if (sizeOf(g.shape) === 0) return new Zero(rhs);
  const dn = params.dimensionNumbers;
  // Feature groups of the forward pass become batch groups of the transposed one, and back.
  const featureGroupCount = params.batchGroupCount > 1 ? params.batchGroupCount : 1;
  const batchGroupCount = params.featureGroupCount > 1 ? params.featureGroupCount : 1;
  const transposed: ConvDimensionNumbers = { lhs: swapSpec(dn.lhs), rhs: swapSpec(dn.out), out: swapSpec(dn.rhs) };
  const padding = vjpRhsPadding(
    take(lhs.shape, dn.lhs.slice(2)),
    take(rhs.shape, dn.rhs.slice(2)),
    params.windowStrides,
    take(g.shape, dn.out.slice(2)),
    params.padding,
    params.lhsDilation,
    params.rhsDilation,
  );
  return bind1("convGeneralDilated", [lhs, g], {
    windowStrides: params.rhsDilation,
    padding,
    lhsDilation: params.lhsDilation,
    rhsDilation: params.windowStrides,
    dimensionNumbers: transposed,
    featureGroupCount,
    batchGroupCount,
  });
}

/** convGeneralDilated transposed in whichever operand is linear. */
export function convTranspose(
  cts: readonly Tangent[],
  args: readonly (ArrayValue | LinearArg)[],
  params: ParamsOf["convGeneralDilated"],
): (Tangent | null)[] {
  const which = linearOperand("convGeneralDilated", args);
  const ct = cts[0]!;
  if (which === 0) {
    const lhs = (args[0] as LinearArg).aval;
    return [isZero(ct) ? new Zero(lhs) : convTransposeLhs(ct, lhs, args[1] as ArrayValue, params), null];
  }
  const rhs = (args[1] as LinearArg).aval;
  return [null, isZero(ct) ? new Zero(rhs) : convTransposeRhs(ct, args[0] as ArrayValue, rhs, params)];
}

/**
 * reduceWindowSum transposed: the cotangent, spread back by padding (interior padding undoes the
 * strides), summed over the same window; the base dilation becomes the strides.
 */
export function reduceWindowSumTranspose(cts: readonly Tangent[], args: readonly (ArrayValue | LinearArg)[], params: ReduceWindowParams): (Tangent | null)[] {
  const x = args[0];
  if (!(x instanceof LinearArg)) return fail("reduceWindowSum", "transpose needs a linear operand");
  const ct = cts[0]!;
  if (isZero(ct)) return [new Zero(x.aval)];
  const shape = x.aval.shape;
  const pads = vjpLhsPadding(shape, params.windowDimensions, params.windowStrides, ct.shape, params.padding, params.baseDilation, params.windowDilation);
  const config = pads.map(([lo, hi], i) => [lo, hi, params.windowStrides[i]! - 1] as const);
  const padded = bind1("pad", [ct, scalar(0, ct.dtype)], { config });
  const ones = shape.map(() => 1);
  return [
    bind1("reduceWindowSum", [padded], {
      windowDimensions: params.windowDimensions,
      windowStrides: params.baseDilation,
      padding: shape.map(() => [0, 0] as const),
      baseDilation: ones,
      windowDilation: params.windowDilation,
    }),
  ];
}
