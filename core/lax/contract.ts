/**
 * jax.lax's contractions, convolutions and window reductions, plus max/average pooling. These
 * resolve the conveniences (layout strings such as "NHWC", "SAME" padding, default strides) into
 * the primitives' explicit params. Operands must already share a dtype, as in lax.
 *
 * One deliberate difference from JAX: convolutions default to channels-last layouts
 * (NWC/WIO/NWC, NHWC/HWIO/NHWC, NDHWC/DHWIO/NDHWC) rather than JAX's NCHW/OIHW.
 */
import type { DType } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { divide } from "../numpy/elementwise.js";
import type { ConvDimensionNumbers, WindowPadding } from "../primitives.js";
import { checkArity, count, describeValue, integerList, isPlainRecord, listOf, nullable, oneOf, readOptions, string, validShape } from "../validate.js";
import { dtypeOption } from "../numpy/args.js";
import { arrayArg } from "./args.js";
import { channelsLast, convLayoutArg, layoutAxes, listOr, paddingArg, padsFor, positive, type Padding } from "./conv-layout.js";

/** JAX's dot_general dimension numbers: `[[lhsContracting, rhsContracting], [lhsBatch, rhsBatch]]`. */
export type DotDimensionNumbers = readonly [
  readonly [readonly number[], readonly number[]],
  readonly [readonly number[], readonly number[]],
];

export type { Padding } from "./conv-layout.js";

/** Options of `convGeneralDilated`; every field has JAX's default except the channels-last layout. */
export interface ConvOptions {
  readonly windowStrides?: readonly number[];
  /** Default "VALID". String padding is not allowed together with lhsDilation (as in JAX). */
  readonly padding?: Padding;
  readonly lhsDilation?: readonly number[];
  readonly rhsDilation?: readonly number[];
  /** Layout strings like `["NHWC", "HWIO", "NHWC"]`, or axis indices. Default: channels-last. */
  readonly dimensionNumbers?: readonly [string, string, string] | ConvDimensionNumbers;
  readonly featureGroupCount?: number;
  readonly batchGroupCount?: number;
}

/** Options of `reduceWindow`. */
export interface ReduceWindowOptions {
  readonly windowDimensions: readonly number[];
  /** Default 1 on every axis. */
  readonly windowStrides?: readonly number[];
  /** Default "VALID". */
  readonly padding?: Padding;
  readonly baseDilation?: readonly number[];
  readonly windowDilation?: readonly number[];
}

/** Options of the pooling helpers (flax's defaults: stride 1, "VALID"). */
export interface PoolOptions {
  readonly strides?: readonly number[];
  readonly padding?: Padding;
}



const dotDimensionNumbersArg = listOf(listOf(integerList, { min: 2, max: 2 }), { min: 2, max: 2 });

/** A general contraction (jax.lax.dot_general): output axes are batch, lhs free, rhs free. */
export function dotGeneral(
  lhs: ArrayValue,
  rhs: ArrayValue,
  dimensionNumbers: DotDimensionNumbers,
  options: { readonly preferredElementType?: DType | null } | null = {},
): ArrayValue {
  const op = "lax.dotGeneral";
  checkArity(op, arguments, 4, "pass preferredElementType as an option: dotGeneral(lhs, rhs, dims, {preferredElementType})");
  const a = arrayArg(op, lhs, "lhs");
  const b = arrayArg(op, rhs, "rhs");
  const o = readOptions(op, options, { preferredElementType: nullable(dtypeOption) });
  let dims: number[][][];
  try {
    dims = dotDimensionNumbersArg(op, "dimensionNumbers", dimensionNumbers);
  } catch {
    return fail(op, `dimensionNumbers must be [[lhsContracting, rhsContracting], [lhsBatch, rhsBatch]] (lists of integers), got ${describeValue(dimensionNumbers)}`);
  }
  const [contracting, batch] = dims as unknown as DotDimensionNumbers;
  return bind1("dotGeneral", [a, b], { contracting, batch, preferredDtype: o.preferredElementType ?? null });
}

/** Per-axis `[low, high]` padding for a padding mode (jax.lax.padtype_to_pads). */
export function padtypeToPads(inShape: readonly number[], windowShape: readonly number[], strides: readonly number[], padding: Padding): WindowPadding {
  const op = "lax.padtypeToPads";
  checkArity(op, arguments, 4);
  const dims = validShape(op, inShape, undefined, "inShape");
  const window = validShape(op, windowShape, undefined, "windowShape");
  const steps = listOf(positive)(op, "strides", strides);
  const mode = paddingArg(op, "padding", padding);
  if (typeof mode === "string" && (window.length !== dims.length || steps.length !== dims.length)) {
    fail(op, `inShape, windowShape and strides need the same length, got ${describeValue(inShape)}, ${describeValue(windowShape)} and ${describeValue(strides)}`);
  }
  return padsFor(op, dims, window, steps, mode);
}



/** Axis indices for layout strings like `["NHWC", "HWIO", "NHWC"]`, spatial axes ordered as in the kernel's string (JAX's rule). */
export function convDimensionNumbers(specs: readonly [string, string, string], rank: number): ConvDimensionNumbers {
  checkArity("lax.convDimensionNumbers", arguments, 2);
  listOf(string, { min: 3, max: 3 })("lax.convDimensionNumbers", "specs", specs);
  return layoutAxes("lax.convDimensionNumbers", specs, count("lax.convDimensionNumbers", "rank", rank));
}




const convOptionSpec = {
  windowStrides: listOf(positive),
  padding: paddingArg,
  lhsDilation: listOf(positive),
  rhsDilation: listOf(positive),
  dimensionNumbers: convLayoutArg,
  featureGroupCount: positive,
  batchGroupCount: positive,
};

/** JAX's positional parameters after lhs and rhs, in order. */
const convPositional = ["windowStrides", "padding", "lhsDilation", "rhsDilation", "dimensionNumbers", "featureGroupCount", "batchGroupCount", "precision", "preferredElementType"] as const;

/**
 * JAX's positional call `convGeneralDilated(lhs, rhs, windowStrides, padding, lhsDilation,
 * rhsDilation, dimensionNumbers, featureGroupCount, batchGroupCount)` as an options record.
 * JAX's default layout (NCHW/OIHW) differs from tessera's (channels-last), so a positional call
 * must name its dimension numbers: guessing either way could silently convolve the wrong axes.
 */
function positionalConvOptions(op: string, args: readonly unknown[]): ConvOptions {
  checkArity(op, args, 2 + convPositional.length);
  const record: Record<string, unknown> = {};
  args.slice(2).forEach((value, i) => {
    const name = convPositional[i]!;
    if (value === undefined || value === null) return;
    if (name === "precision" || name === "preferredElementType") fail(op, `${name} is not supported (tessera computes in the operands' dtype), got ${describeValue(value)}`);
    record[name] = value;
  });
  if (record.dimensionNumbers === undefined) {
    fail(
      op,
      `the positional form (lhs, rhs, windowStrides, padding, ...) needs dimensionNumbers, because JAX's default layout (NCHW, OIHW) ` +
        `differs from tessera's (channels-last); pass them, e.g. convGeneralDilated(x, w, [1, 1], "SAME", null, null, ["NHWC", "HWIO", "NHWC"]), ` +
        `or use options: convGeneralDilated(x, w, {windowStrides: [1, 1], padding: "SAME"})`,
    );
  }
  return record as ConvOptions;
}

/**
 * General dilated convolution (jax.lax.conv_general_dilated): strides, padding, lhs dilation
 * (transposed convolution), rhs dilation (atrous), feature and batch groups. Takes an options
 * record, or JAX's positional parameters (window strides, padding, lhs dilation, rhs dilation,
 * dimension numbers, group counts); positionally the dimension numbers are required, since
 * JAX's default layout is NCHW and tessera's is channels-last.
 */
export function convGeneralDilated(lhs: ArrayValue, rhs: ArrayValue, options?: ConvOptions | null): ArrayValue;
export function convGeneralDilated(lhs: ArrayValue, rhs: ArrayValue, windowStrides: readonly number[], padding: Padding, ...rest: unknown[]): ArrayValue;
export function convGeneralDilated(lhs: ArrayValue, rhs: ArrayValue, ...rest: unknown[]): ArrayValue {
  const op = "lax.convGeneralDilated";
  const args = [lhs, rhs, ...rest];
  if (isPlainRecord(rest[0])) checkArity(op, args, 3, "the options record must be the last argument");
  const positional = rest.length > 1 || Array.isArray(rest[0]);
  if (!positional && rest.length === 1 && rest[0] !== undefined && rest[0] !== null && !isPlainRecord(rest[0])) {
    fail(op, `the third argument must be an options record {windowStrides, padding, ...} or JAX's windowStrides list, got ${describeValue(rest[0])}`);
  }
  const o = readOptions(op, positional ? positionalConvOptions(op, args) : rest[0], convOptionSpec);
  const a = arrayArg(op, lhs, "lhs");
  const b = arrayArg(op, rhs, "rhs");
  if (a.ndim < 3 || a.ndim !== b.ndim) {
    fail(op, `lhs and rhs must have the same rank, at least 3 (batch, feature and spatial axes), got ${describe(a)} and ${describe(b)}`);
  }
  const spatial = a.ndim - 2;
  const given = o.dimensionNumbers;
  const dimensionNumbers = given === undefined ? channelsLast(a.ndim) : Array.isArray(given) ? layoutAxes(op, given as readonly [string, string, string], a.ndim) : (given as ConvDimensionNumbers);
  const windowStrides = listOr(o.windowStrides, spatial, 1);
  const lhsDilation = listOr(o.lhsDilation, spatial, 1);
  const rhsDilation = listOr(o.rhsDilation, spatial, 1);
  const paddingOption = o.padding ?? "VALID";
  let padding: WindowPadding;
  if (typeof paddingOption === "string") {
    if (lhsDilation.some((d) => d !== 1)) fail(op, `string padding "${paddingOption}" is not supported with lhsDilation ${describeValue(lhsDilation)}; give explicit [low, high] pairs`);
    if (windowStrides.length !== spatial || rhsDilation.length !== spatial) {
      fail(op, `windowStrides and rhsDilation need ${spatial} entries for ${describe(a)}, got ${describeValue(windowStrides)} and ${describeValue(rhsDilation)}`);
    }
    const axesOk = (axes: readonly number[], x: ArrayValue) => axes.length === x.ndim && axes.every((ax) => ax >= 0 && ax < x.ndim);
    if (!axesOk(dimensionNumbers.lhs, a) || !axesOk(dimensionNumbers.rhs, b)) {
      fail(op, `dimensionNumbers ${describeValue(dimensionNumbers)} do not fit operands ${describe(a)} and ${describe(b)}`);
    }
    const inShape = dimensionNumbers.lhs.slice(2).map((axis) => a.shape[axis]!);
    const window = dimensionNumbers.rhs.slice(2).map((axis, d) => (b.shape[axis]! - 1) * rhsDilation[d]! + 1);
    padding = padsFor(op, inShape, window, windowStrides, paddingOption);
  } else padding = paddingOption;
  return bind1("convGeneralDilated", [a, b], {
    windowStrides,
    padding,
    lhsDilation,
    rhsDilation,
    dimensionNumbers,
    featureGroupCount: o.featureGroupCount ?? 1,
    batchGroupCount: o.batchGroupCount ?? 1,
  });
}

/** Convolution with channels-last layout (NHWC input, HWIO kernel), strides and padding only. */
export function conv(lhs: ArrayValue, rhs: ArrayValue, windowStrides?: readonly number[] | null, padding: Padding = "VALID"): ArrayValue {
  checkArity("lax.conv", arguments, 4);
  const strides = windowStrides === undefined || windowStrides === null ? undefined : listOf(positive)("lax.conv", "windowStrides", windowStrides);
  return convGeneralDilated(lhs, rhs, strides === undefined ? { padding: paddingArg("lax.conv", "padding", padding) } : { windowStrides: strides, padding: paddingArg("lax.conv", "padding", padding) });
}

const reduceWindowSpec = {
  windowDimensions: listOf(count),
  windowStrides: listOf(positive),
  padding: paddingArg,
  baseDilation: listOf(positive),
  windowDilation: listOf(positive),
};

/** jax.lax.reduce_window with a built-in monoid: padding and dilation holes hold its identity. */
export function reduceWindow(x: ArrayValue, computation: "sum" | "max" | "min", options: ReduceWindowOptions): ArrayValue {
  const op = "lax.reduceWindow";
  checkArity(op, arguments, 3);
  const a = arrayArg(op, x, "operand");
  const computations = { sum: "reduceWindowSum", max: "reduceWindowMax", min: "reduceWindowMin" } as const;
  const prim = computations[oneOf(["sum", "max", "min"] as const)(op, "computation", computation)];
  const o = readOptions(op, options, reduceWindowSpec);
  if (o.windowDimensions === undefined) fail(op, `options.windowDimensions is required (one window size per axis of ${describe(a)})`);
  return windowReduce(op, prim, a, { ...o, windowDimensions: o.windowDimensions });
}

/** reduceWindow on checked options. */
function windowReduce(op: string, prim: "reduceWindowSum" | "reduceWindowMax" | "reduceWindowMin", a: ArrayValue, options: ReduceWindowOptions): ArrayValue {
  const rank = a.ndim;
  const windowDimensions = options.windowDimensions;
  const windowStrides = listOr(options.windowStrides, rank, 1);
  const windowDilation = listOr(options.windowDilation, rank, 1);
  const paddingOption = options.padding ?? "VALID";
  let padding: WindowPadding = paddingOption as WindowPadding;
  if (typeof paddingOption === "string") {
    if (windowDimensions.length !== rank || windowStrides.length !== rank || windowDilation.length !== rank) {
      fail(op, `windowDimensions, windowStrides and windowDilation need ${rank} entries for ${describe(a)}, got ${describeValue([windowDimensions, windowStrides, windowDilation])}`);
    }
    const window = windowDimensions.map((w, d) => (w - 1) * windowDilation[d]! + 1);
    padding = padsFor(op, a.shape, window, windowStrides, paddingOption);
  }
  return bind1(prim, [a], { windowDimensions, windowStrides, padding, baseDilation: listOr(options.baseDilation, rank, 1), windowDilation });
}

const poolSpec = { strides: listOf(positive), padding: paddingArg };

/** The window params of a pooling op over the spatial axes of [batch..., spatial..., features]. */
function poolWindow(op: string, x: ArrayValue, windowShape: readonly number[], options: unknown): ReduceWindowOptions {
  const o = readOptions(op, options, poolSpec);
  const window = listOf(count)(op, "windowShape", windowShape);
  if (x.ndim < window.length + 1) {
    fail(op, `windowShape ${describeValue(window)} needs an operand of rank >= ${window.length + 1} ([batch..., spatial..., features]), got ${describe(x)}`);
  }
  const batchAxes = x.ndim - window.length - 1;
  const strides = o.strides ?? window.map(() => 1);
  if (strides.length !== window.length) fail(op, `strides ${describeValue(strides)} must have one entry per window axis (${window.length})`);
  const ones = new Array<number>(batchAxes).fill(1);
  const padding = o.padding ?? "VALID";
  if (typeof padding !== "string" && padding.length !== window.length) fail(op, `padding ${describeValue(padding)} must have one [low, high] pair per window axis (${window.length})`);
  return {
    windowDimensions: [...ones, ...window, 1],
    windowStrides: [...ones, ...strides, 1],
    padding: typeof padding === "string" ? padding : [...ones.map(() => [0, 0] as const), ...padding, [0, 0] as const],
  };
}

/** Max pooling over the spatial axes of [batch..., spatial..., features] (flax's max_pool). */
export function maxPool(x: ArrayValue, windowShape: readonly number[], options: PoolOptions | null = {}): ArrayValue {
  const op = "lax.maxPool";
  checkArity(op, arguments, 3);
  const a = arrayArg(op, x, "operand");
  return windowReduce(op, "reduceWindowMax", a, poolWindow(op, a, windowShape, options));
}

/** Average pooling over the spatial axes of [batch..., spatial..., features]; padding counts as zeros (flax's avg_pool). */
export function avgPool(x: ArrayValue, windowShape: readonly number[], options: PoolOptions | null = {}): ArrayValue {
  const op = "lax.avgPool";
  checkArity(op, arguments, 3);
  const a = arrayArg(op, x, "operand");
  const sum = windowReduce(op, "reduceWindowSum", a, poolWindow(op, a, windowShape, options));
  return divide(sum, (windowShape as readonly number[]).reduce((p, w) => p * w, 1));
}
