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
import { ArrayValue } from "../ndarray.js";
import { divide } from "../numpy/elementwise.js";
import type { ConvDimensionNumbers, WindowPadding } from "../primitives.js";

/** JAX's dot_general dimension numbers: `[[lhsContracting, rhsContracting], [lhsBatch, rhsBatch]]`. */
export type DotDimensionNumbers = readonly [
  readonly [readonly number[], readonly number[]],
  readonly [readonly number[], readonly number[]],
];

/** Padding of a windowed op: a mode (as JAX's padtype_to_pads) or explicit `[low, high]` pairs per spatial axis. */
export type Padding = "SAME" | "SAME_LOWER" | "VALID" | WindowPadding;

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

/** Checks that `x` is an array, naming `op` and the argument otherwise. */
function arrayArgument(op: string, x: unknown, name: string): ArrayValue {
  if (x instanceof ArrayValue) return x;
  return fail(op, `${name} must be an array, got ${x === null ? "null" : typeof x}`);
}

/** A general contraction (jax.lax.dot_general): output axes are batch, lhs free, rhs free. */
export function dotGeneral(
  lhs: ArrayValue,
  rhs: ArrayValue,
  dimensionNumbers: DotDimensionNumbers,
  options: { readonly preferredElementType?: DType | null } = {},
): ArrayValue {
  const a = arrayArgument("dotGeneral", lhs, "lhs");
  const b = arrayArgument("dotGeneral", rhs, "rhs");
  const ok = Array.isArray(dimensionNumbers) && dimensionNumbers.length === 2 && dimensionNumbers.every((p) => Array.isArray(p) && p.length === 2 && p.every(Array.isArray));
  if (!ok) fail("dotGeneral", `dimensionNumbers must be [[lhsContracting, rhsContracting], [lhsBatch, rhsBatch]], got ${JSON.stringify(dimensionNumbers)}`);
  const [contracting, batch] = dimensionNumbers;
  return bind1("dotGeneral", [a, b], { contracting, batch, preferredDtype: options.preferredElementType ?? null });
}

/** Per-axis `[low, high]` padding for a padding mode (jax.lax.padtype_to_pads). */
export function padtypeToPads(inShape: readonly number[], windowShape: readonly number[], strides: readonly number[], padding: Padding, op = "padtypeToPads"): WindowPadding {
  if (typeof padding !== "string") return padding;
  if (padding === "VALID") return inShape.map(() => [0, 0] as const);
  if (padding !== "SAME" && padding !== "SAME_LOWER") fail(op, `unknown padding "${String(padding)}"; expected "SAME", "SAME_LOWER", "VALID" or [low, high] pairs`);
  return inShape.map((size, d) => {
    const stride = strides[d]!;
    const outSize = Math.ceil(size / stride);
    const total = Math.max(0, (outSize - 1) * stride + windowShape[d]! - size);
    const small = Math.floor(total / 2);
    return padding === "SAME" ? ([small, total - small] as const) : ([total - small, small] as const);
  });
}

/** Axis indices for layout strings like `["NHWC", "HWIO", "NHWC"]`, spatial axes ordered as in the kernel's string (JAX's rule). */
export function convDimensionNumbers(specs: readonly [string, string, string], rank: number): ConvDimensionNumbers {
  const op = "convGeneralDilated";
  const pairs = [["N", "C"], ["O", "I"], ["N", "C"]] as const;
  specs.forEach((spec, i) => {
    if (typeof spec !== "string") fail(op, `dimensionNumbers[${i}] must be a string such as "NHWC", got ${JSON.stringify(spec)}`);
    const [first, second] = pairs[i]!;
    if (spec.split(first).length !== 2 || spec.split(second).length !== 2) {
      fail(op, `dimensionNumbers[${i}] must contain "${first}" and "${second}" exactly once, got "${spec}"`);
    }
    if (new Set(spec).size !== spec.length) fail(op, `dimensionNumbers[${i}] cannot repeat a character, got "${spec}"`);
    if (spec.length !== rank) fail(op, `dimensionNumbers[${i}] "${spec}" has ${spec.length} characters but the operands have rank ${rank}`);
  });
  const spatialChars = (spec: string, pair: readonly [string, string]): string => [...spec].filter((c) => !pair.includes(c)).sort().join("");
  const [lhsSpec, rhsSpec, outSpec] = specs;
  const lhsSpatial = spatialChars(lhsSpec, pairs[0]);
  if (lhsSpatial !== spatialChars(rhsSpec, pairs[1]) || lhsSpatial !== spatialChars(outSpec, pairs[2])) {
    fail(op, `dimensionNumbers must each have the same spatial characters, got ${JSON.stringify(specs)}`);
  }
  const kernelOrder = [...rhsSpec].filter((c) => c !== "O" && c !== "I");
  const axes = (spec: string, pair: readonly [string, string]): number[] => [spec.indexOf(pair[0]), spec.indexOf(pair[1]), ...kernelOrder.map((c) => spec.indexOf(c))];
  return { lhs: axes(lhsSpec, pairs[0]), rhs: axes(rhsSpec, pairs[1]), out: axes(outSpec, pairs[2]) };
}

/** Channels-last axis indices for operands of `rank`: lhs/out N...C, rhs ...IO. */
function channelsLast(rank: number): ConvDimensionNumbers {
  const spatial = Array.from({ length: rank - 2 }, (_, i) => i);
  return {
    lhs: [0, rank - 1, ...spatial.map((i) => i + 1)],
    rhs: [rank - 1, rank - 2, ...spatial],
    out: [0, rank - 1, ...spatial.map((i) => i + 1)],
  };
}

/** A list option that defaults to `fill` on each of `count` axes. */
function listOr(values: readonly number[] | undefined, count: number, fill: number): readonly number[] {
  return values ?? new Array<number>(count).fill(fill);
}

/**
 * General dilated convolution (jax.lax.conv_general_dilated): strides, padding, lhs dilation
 * (transposed convolution), rhs dilation (atrous), feature and batch groups.
 */
export function convGeneralDilated(lhs: ArrayValue, rhs: ArrayValue, options: ConvOptions = {}): ArrayValue {
  const op = "convGeneralDilated";
  const a = arrayArgument(op, lhs, "lhs");
  const b = arrayArgument(op, rhs, "rhs");
  if (a.ndim < 3 || a.ndim !== b.ndim) {
    fail(op, `lhs and rhs must have the same rank, at least 3 (batch, feature and spatial axes), got ${describe(a)} and ${describe(b)}`);
  }
  const spatial = a.ndim - 2;
  const given = options.dimensionNumbers;
  const dimensionNumbers = given === undefined ? channelsLast(a.ndim) : Array.isArray(given) ? convDimensionNumbers(given as readonly [string, string, string], a.ndim) : (given as ConvDimensionNumbers);
  const windowStrides = listOr(options.windowStrides, spatial, 1);
  const lhsDilation = listOr(options.lhsDilation, spatial, 1);
  const rhsDilation = listOr(options.rhsDilation, spatial, 1);
  const paddingOption = options.padding ?? "VALID";
  let padding: WindowPadding;
  if (typeof paddingOption === "string") {
    if (lhsDilation.some((d) => d !== 1)) fail(op, `string padding "${paddingOption}" is not supported with lhsDilation ${JSON.stringify(lhsDilation)}; give explicit [low, high] pairs`);
    if (windowStrides.length !== spatial || rhsDilation.length !== spatial) {
      fail(op, `windowStrides and rhsDilation need ${spatial} entries for ${describe(a)}, got ${JSON.stringify(windowStrides)} and ${JSON.stringify(rhsDilation)}`);
    }
    const inShape = dimensionNumbers.lhs.slice(2).map((axis) => a.shape[axis]!);
    const window = dimensionNumbers.rhs.slice(2).map((axis, d) => (b.shape[axis]! - 1) * rhsDilation[d]! + 1);
    padding = padtypeToPads(inShape, window, windowStrides, paddingOption, op);
  } else padding = paddingOption;
  return bind1(op, [a, b], {
    windowStrides,
    padding,
    lhsDilation,
    rhsDilation,
    dimensionNumbers,
    featureGroupCount: options.featureGroupCount ?? 1,
    batchGroupCount: options.batchGroupCount ?? 1,
  });
}

/** Convolution with channels-last layout (NHWC input, HWIO kernel), strides and padding only. */
export function conv(lhs: ArrayValue, rhs: ArrayValue, windowStrides?: readonly number[], padding: Padding = "VALID"): ArrayValue {
  return convGeneralDilated(lhs, rhs, windowStrides === undefined ? { padding } : { windowStrides, padding });
}

/** jax.lax.reduce_window with a built-in monoid: padding and dilation holes hold its identity. */
export function reduceWindow(x: ArrayValue, computation: "sum" | "max" | "min", options: ReduceWindowOptions): ArrayValue {
  const op = "reduceWindow";
  const a = arrayArgument(op, x, "operand");
  const prim = ({ sum: "reduceWindowSum", max: "reduceWindowMax", min: "reduceWindowMin" } as const)[computation];
  if (prim === undefined) fail(op, `computation must be "sum", "max" or "min", got ${JSON.stringify(computation)}`);
  if (options === undefined || !Array.isArray(options.windowDimensions)) fail(op, `options.windowDimensions is required (one window size per axis of ${describe(a)})`);
  const rank = a.ndim;
  const windowDimensions = options.windowDimensions;
  const windowStrides = listOr(options.windowStrides, rank, 1);
  const windowDilation = listOr(options.windowDilation, rank, 1);
  const paddingOption = options.padding ?? "VALID";
  let padding: WindowPadding = paddingOption as WindowPadding;
  if (typeof paddingOption === "string") {
    if (windowDimensions.length !== rank || windowStrides.length !== rank || windowDilation.length !== rank) {
      fail(prim, `windowDimensions, windowStrides and windowDilation need ${rank} entries for ${describe(a)}, got ${JSON.stringify([windowDimensions, windowStrides, windowDilation])}`);
    }
    const window = windowDimensions.map((w, d) => (w - 1) * windowDilation[d]! + 1);
    padding = padtypeToPads(a.shape, window, windowStrides, paddingOption, op);
  }
  return bind1(prim, [a], { windowDimensions, windowStrides, padding, baseDilation: listOr(options.baseDilation, rank, 1), windowDilation });
}

/** The window params of a pooling op over the spatial axes of [batch..., spatial..., features]. */
function poolWindow(op: string, x: ArrayValue, windowShape: readonly number[], options: PoolOptions): ReduceWindowOptions {
  if (!Array.isArray(windowShape) || x.ndim < windowShape.length + 1) {
    fail(op, `windowShape ${JSON.stringify(windowShape)} needs an operand of rank >= ${(windowShape?.length ?? 0) + 1} ([batch..., spatial..., features]), got ${describe(x)}`);
  }
  const batchAxes = x.ndim - windowShape.length - 1;
  const strides = options.strides ?? windowShape.map(() => 1);
  if (strides.length !== windowShape.length) fail(op, `strides ${JSON.stringify(strides)} must have one entry per window axis (${windowShape.length})`);
  const ones = new Array<number>(batchAxes).fill(1);
  const padding = options.padding ?? "VALID";
  return {
    windowDimensions: [...ones, ...windowShape, 1],
    windowStrides: [...ones, ...strides, 1],
    padding: typeof padding === "string" ? padding : [...ones.map(() => [0, 0] as const), ...padding, [0, 0] as const],
  };
}

/** Max pooling over the spatial axes of [batch..., spatial..., features] (flax's max_pool). */
export function maxPool(x: ArrayValue, windowShape: readonly number[], options: PoolOptions = {}): ArrayValue {
  const a = arrayArgument("maxPool", x, "operand");
  return reduceWindow(a, "max", poolWindow("maxPool", a, windowShape, options));
}

/** Average pooling over the spatial axes of [batch..., spatial..., features]; padding counts as zeros (flax's avg_pool). */
export function avgPool(x: ArrayValue, windowShape: readonly number[], options: PoolOptions = {}): ArrayValue {
  const a = arrayArgument("avgPool", x, "operand");
  const sum = reduceWindow(a, "sum", poolWindow("avgPool", a, windowShape, options));
  return divide(sum, windowShape.reduce((p, w) => p * w, 1));
}
