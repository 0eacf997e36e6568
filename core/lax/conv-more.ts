/**
 * jax.lax's conveniences over convolution: transposed convolution (`convTranspose`), the
 * positional `convWithGeneralPadding`, patch extraction (`convGeneralDilatedPatches`, im2col) and
 * the unshared-weight convolution (`convGeneralDilatedLocal`). Each resolves its arguments into
 * one `convGeneralDilated` (plus a `dotGeneral` for the local one), so each differentiates, jits
 * and vmaps as those do.
 *
 * Layouts follow `lax.convGeneralDilated` in tessera: channels-last by default (NHWC input, HWIO
 * kernel), where JAX's conv_with_general_padding, patches and local default to NCHW/OIHW.
 * conv_transpose already defaults to channels-last in JAX, so there the defaults agree.
 */
import { allocate } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { NdArray, type ArrayValue } from "../ndarray.js";
import type { ConvDimensionNumbers, WindowPadding } from "../primitives.js";
import { range } from "../shape.js";
import { bool, checkArity, describeValue, listOf, nullable, readOptions, validShape } from "../validate.js";
import { arrayArg } from "./args.js";
import { channelsLast, convLayoutArg, layoutAxes, paddingArg, positive, transposedPadding, type Padding } from "./conv-layout.js";
import { convGeneralDilated, dotGeneral } from "./contract.js";
import { reshape, rev, transpose } from "./primitives.js";

/** Layout strings like `["NHWC", "HWIO", "NHWC"]`, or axis indices `{lhs, rhs, out}`. */
export type ConvLayout = readonly [string, string, string] | ConvDimensionNumbers;

/** Options of `convTranspose` (JAX's keyword arguments). */
export interface ConvTransposeOptions {
  readonly rhsDilation?: readonly number[] | null;
  /** Default channels-last, as JAX's: NHC/HIO/NHC, NHWC/HWIO/NHWC, NHWDC/HWDIO/NHWDC. */
  readonly dimensionNumbers?: ConvLayout | null;
  /** Flip the kernel's spatial axes and swap its I and O axes (Keras's Conv2DTranspose). Default false. */
  readonly transposeKernel?: boolean;
  /** Read `[low, high]` pairs as the forward convolution's padding, as strings are (PyTorch's rule). Default false. */
  readonly useConsistentPadding?: boolean;
}

/** Options of `convGeneralDilatedPatches` and `convGeneralDilatedLocal`. */
export interface ConvPatchesOptions {
  readonly lhsDilation?: readonly number[] | null;
  readonly rhsDilation?: readonly number[] | null;
  /** Default channels-last (tessera's convolution default; JAX's is NCHW/OIHW/NCHW). */
  readonly dimensionNumbers?: ConvLayout | null;
}

const positiveList = listOf(positive);

/** Axis indices for a layout option (strings or axis lists), or `fallback` when absent. */
function layoutFor(op: string, given: ConvLayout | null | undefined, rank: number, fallback: () => ConvDimensionNumbers): ConvDimensionNumbers {
  if (given === undefined || given === null) return fallback();
  const checked = convLayoutArg(op, "dimensionNumbers", given);
  if (Array.isArray(checked)) return layoutAxes(op, checked as readonly [string, string, string], rank);
  const axes = checked as ConvDimensionNumbers;
  for (const [name, list] of [["lhs", axes.lhs], ["rhs", axes.rhs], ["out", axes.out]] as const) {
    if (list.length !== rank || new Set(list).size !== rank || list.some((a) => a < 0 || a >= rank)) {
      fail(op, `dimensionNumbers.${name} must be a permutation of [0..${rank - 1}], got ${describeValue(list)}`);
    }
  }
  return axes;
}

/** A per-spatial-axis list of positive integers: `count` entries, or ones when absent. */
function perAxis(op: string, name: string, value: unknown, count: number): number[] {
  if (value === undefined || value === null) return new Array<number>(count).fill(1);
  const list = positiveList(op, name, value);
  if (list.length !== count) fail(op, `${name} needs one entry per spatial axis (${count}), got ${describeValue(value)}`);
  return list;
}

/** Checks that lhs and rhs are arrays of one rank of at least `least` (batch, feature and spatial axes). */
function convOperands(op: string, lhs: unknown, rhs: unknown, least = 3): [ArrayValue, ArrayValue] {
  const a = arrayArg(op, lhs, "lhs");
  const b = arrayArg(op, rhs, "rhs");
  if (a.ndim < least || a.ndim !== b.ndim) {
    fail(op, `lhs and rhs must have the same rank, at least ${least} (batch, feature${least > 2 ? " and spatial" : ""} axes), got ${describe(a)} and ${describe(b)}`);
  }
  return [a, b];
}

/** Dilated window size (XLA's dilate_dim): k taps spread `dilation` apart. */
const dilated = (k: number, dilation: number): number => (k === 0 ? 0 : 1 + dilation * (k - 1));


const convTransposeSpec = { rhsDilation: nullable(positiveList), dimensionNumbers: nullable(convLayoutArg), transposeKernel: bool, useConsistentPadding: bool };

/**
 * Transposed ("fractionally strided") convolution (jax.lax.conv_transpose): the input is dilated by
 * `strides` and convolved with stride 1. "SAME" and "VALID" name the padding of the forward
 * convolution this one inverts (an output `strides` times the input for "SAME"); explicit
 * `[low, high]` pairs pad the dilated input directly, unless `useConsistentPadding` reads them as
 * the forward padding too. The kernel is used as given (spatially unflipped, I and O as laid out)
 * unless `transposeKernel` is set. Layouts default to channels-last, as in JAX; rank-2 operands
 * (no spatial axes, JAX's "NC"/"IO" layouts) are a matrix product.
 *
 * @example lax.convTranspose(np.ones([1, 3, 3, 1]), np.ones([3, 3, 1, 1]), [2, 2], "SAME").shape // [1, 6, 6, 1]
 */
export function convTranspose(lhs: ArrayValue, rhs: ArrayValue, strides: readonly number[], padding: Padding, options: ConvTransposeOptions | null = {}): ArrayValue {
  const op = "lax.convTranspose";
  checkArity(op, arguments, 5, "pass rhsDilation, dimensionNumbers, transposeKernel and useConsistentPadding as options");
  const [a, b] = convOperands(op, lhs, rhs, 2);
  const o = readOptions(op, options, convTransposeSpec);
  const rank = a.ndim;
  const spatial = rank - 2;
  const dn = layoutFor(op, o.dimensionNumbers, rank, () => {
    if (rank > 5) fail(op, `has no default dimensionNumbers for rank ${rank} operands (JAX's defaults cover 1 to 3 spatial axes); pass dimensionNumbers`);
    return channelsLast(rank);
  });
  const steps = perAxis(op, "strides", strides, spatial);
  const rhsDilation = perAxis(op, "rhsDilation", o.rhsDilation, spatial);
  const mode = paddingArg(op, "padding", padding);
  if (typeof mode !== "string" && mode.length !== spatial) fail(op, `padding needs one [low, high] pair per spatial axis (${spatial}), got ${describeValue(padding)}`);
  let pads: Padding;
  if (mode === "SAME" || mode === "VALID" || (o.useConsistentPadding === true && typeof mode !== "string")) {
    pads = dn.rhs.slice(2).map((axis, d) => {
      const forward = typeof mode === "string" ? mode : mode[d]!;
      return transposedPadding(op, dilated(b.shape[axis]!, rhsDilation[d]!), steps[d]!, forward as "SAME" | "VALID" | readonly [number, number]);
    });
  } else if (mode === "SAME_LOWER") {
    // JAX hands "SAME_LOWER" to the convolution as it is, which only accepts it without input dilation.
    if (o.useConsistentPadding === true || steps.some((s) => s !== 1)) fail(op, `padding "SAME_LOWER" is only accepted with strides of 1 and without useConsistentPadding, got strides ${describeValue(steps)}`);
    pads = mode;
  } else {
    pads = mode as WindowPadding;
  }
  let kernel = b;
  if (o.transposeKernel === true) {
    const [outAxis, inAxis] = [dn.rhs[0]!, dn.rhs[1]!];
    const swap = range(rank).map((axis) => (axis === outAxis ? inAxis : axis === inAxis ? outAxis : axis));
    kernel = transpose(rev(b, dn.rhs.slice(2)), swap);
  }
  if (spatial === 0) {
    // No spatial axes (JAX's "NC"/"IO" case, a matrix product): convolve over one added axis of size 1.
    const lift = (v: ArrayValue) => reshape(v, [...v.shape, 1]);
    const lifted = { lhs: [...dn.lhs, 2], rhs: [...dn.rhs, 2], out: [...dn.out, 2] };
    const out = convGeneralDilated(lift(a), lift(kernel), { padding: [[0, 0]], dimensionNumbers: lifted });
    return reshape(out, out.shape.slice(0, 2));
  }
  return convGeneralDilated(a, kernel, { windowStrides: new Array<number>(spatial).fill(1), padding: pads, lhsDilation: steps, rhsDilation, dimensionNumbers: dn });
}

/**
 * jax.lax.conv_with_general_padding: `convGeneralDilated` with JAX's positional strides, padding,
 * lhs dilation and rhs dilation (null for ones). The layout is tessera's convolution default,
 * channels-last (NHWC input, HWIO kernel), where JAX's is NCHW/OIHW.
 *
 * @example lax.convWithGeneralPadding(np.ones([1, 4, 4, 2]), np.ones([3, 3, 2, 5]), [1, 1], [[1, 1], [1, 1]], null, null).shape // [1, 4, 4, 5]
 */
export function convWithGeneralPadding(
  lhs: ArrayValue,
  rhs: ArrayValue,
  windowStrides: readonly number[],
  padding: Padding,
  lhsDilation?: readonly number[] | null,
  rhsDilation?: readonly number[] | null,
): ArrayValue {
  const op = "lax.convWithGeneralPadding";
  checkArity(op, arguments, 6, "precision and preferredElementType are not supported (tessera computes in the operands' dtype)");
  const [a, b] = convOperands(op, lhs, rhs);
  const spatial = a.ndim - 2;
  return convGeneralDilated(a, b, {
    windowStrides: perAxis(op, "windowStrides", windowStrides, spatial),
    padding: paddingArg(op, "padding", padding),
    lhsDilation: perAxis(op, "lhsDilation", lhsDilation, spatial),
    rhsDilation: perAxis(op, "rhsDilation", rhsDilation, spatial),
  });
}

const patchesSpec = { lhsDilation: nullable(positiveList), rhsDilation: nullable(positiveList), dimensionNumbers: nullable(convLayoutArg) };

/** The checked filter shape (one positive size per spatial axis, in the kernel layout's spatial order). */
function filterShapeArg(op: string, filterShape: unknown, spatial: number): number[] {
  const shape = validShape(op, filterShape, undefined, "filterShape");
  if (shape.length !== spatial || shape.some((k) => k < 1)) {
    fail(op, `filterShape needs ${spatial} positive sizes (one per spatial axis), got ${describeValue(filterShape)}`);
  }
  return [...shape];
}

/**
 * The im2col kernel for `channels` input features and a window of `filter`: output feature
 * `c * S + s` (S the window's size) picks input feature c at window position s, laid out as `dn.rhs`.
 */
function patchKernel(a: ArrayValue, filter: readonly number[], dn: ConvDimensionNumbers): ArrayValue {
  const channels = a.shape[dn.lhs[1]!]!;
  const window = filter.reduce((p, k) => p * k, 1);
  const data = allocate(a.dtype, channels * window * window);
  for (let o = 0; o < channels * window; o++) data[o * window + (o % window)] = 1;
  // Canonical order [O, I, spatial...]; output axis dn.rhs[j] holds canonical axis j.
  const canonical = NdArray.fromBuffer(data, [channels * window, 1, ...filter], a.dtype);
  const perm = new Array<number>(dn.rhs.length);
  dn.rhs.forEach((axis, j) => (perm[axis] = j));
  return transpose(canonical, perm);
}

/** Checked arguments of the patch functions: operand, window, strides, padding, dilations, layout. */
function patchArgs(op: string, lhs: unknown, filterShape: unknown, windowStrides: unknown, padding: unknown, options: unknown) {
  const a = arrayArg(op, lhs, "lhs");
  if (a.ndim < 3) fail(op, `lhs needs rank at least 3 (batch, feature and spatial axes), got ${describe(a)}`);
  const spatial = a.ndim - 2;
  const o = readOptions(op, options, patchesSpec);
  const filter = filterShapeArg(op, filterShape, spatial);
  const dn = layoutFor(op, o.dimensionNumbers, a.ndim, () => channelsLast(a.ndim));
  return {
    a,
    filter,
    dn,
    windowStrides: perAxis(op, "windowStrides", windowStrides, spatial),
    padding: paddingArg(op, "padding", padding),
    lhsDilation: perAxis(op, "lhsDilation", o.lhsDilation, spatial),
    rhsDilation: perAxis(op, "rhsDilation", o.rhsDilation, spatial),
  };
}

/** Patches on checked arguments. */
function patches(p: ReturnType<typeof patchArgs>): ArrayValue {
  return convGeneralDilated(p.a, patchKernel(p.a, p.filter, p.dn), {
    windowStrides: p.windowStrides,
    padding: p.padding,
    lhsDilation: p.lhsDilation,
    rhsDilation: p.rhsDilation,
    dimensionNumbers: p.dn,
    featureGroupCount: p.a.shape[p.dn.lhs[1]!]!,
  });
}

/**
 * The windows a convolution would see (jax.lax.conv_general_dilated_patches, im2col): the output's
 * feature axis holds each window flattened, input feature outermost, then the window's positions
 * in the kernel layout's spatial order, so it has `features * prod(filterShape)` entries. Takes
 * the convolution's strides, padding, dilations and layout (default channels-last; JAX's is NCHW).
 *
 * @example lax.convGeneralDilatedPatches(np.ones([1, 4, 4, 3]), [2, 2], [1, 1], "VALID").shape // [1, 3, 3, 12]
 */
export function convGeneralDilatedPatches(
  lhs: ArrayValue,
  filterShape: readonly number[],
  windowStrides: readonly number[],
  padding: Padding,
  options: ConvPatchesOptions | null = {},
): ArrayValue {
  const op = "lax.convGeneralDilatedPatches";
  checkArity(op, arguments, 5, "pass lhsDilation, rhsDilation and dimensionNumbers as options");
  return patches(patchArgs(op, lhs, filterShape, windowStrides, padding, options));
}

/**
 * Convolution with a separate kernel at every output position (jax.lax.conv_general_dilated_local,
 * a locally connected layer). rhs is laid out as the kernel layout says, but its spatial axes are
 * the output's positions and its I axis holds a whole window: input feature outermost, then the
 * window's positions (`filterShape`, in the kernel layout's spatial order). With the default
 * channels-last layout, rhs is `[outH, outW, features * prod(filterShape), outFeatures]`.
 *
 * @example lax.convGeneralDilatedLocal(np.ones([1, 4, 4, 3]), np.ones([3, 3, 12, 5]), [1, 1], "VALID", [2, 2]).shape // [1, 3, 3, 5]
 */
export function convGeneralDilatedLocal(
  lhs: ArrayValue,
  rhs: ArrayValue,
  windowStrides: readonly number[],
  padding: Padding,
  filterShape: readonly number[],
  options: ConvPatchesOptions | null = {},
): ArrayValue {
  const op = "lax.convGeneralDilatedLocal";
  checkArity(op, arguments, 6, "pass lhsDilation, rhsDilation and dimensionNumbers as options");
  const p = patchArgs(op, lhs, filterShape, windowStrides, padding, options);
  const b = arrayArg(op, rhs, "rhs");
  const { dn } = p;
  const rank = p.a.ndim;
  if (b.ndim !== rank || b.dtype !== p.a.dtype) fail(op, `rhs must have the rank and dtype of lhs, got ${describe(p.a)} and ${describe(b)}`);
  const cols = patches(p);
  const window = p.a.shape[dn.lhs[1]!]! * p.filter.reduce((q, k) => q * k, 1);
  const outSpatial = dn.out.slice(2).map((axis) => cols.shape[axis]!);
  const rhsSpatial = dn.rhs.slice(2).map((axis) => b.shape[axis]!);
  if (b.shape[dn.rhs[1]!] !== window || rhsSpatial.some((n, d) => n !== outSpatial[d])) {
    fail(
      op,
      `rhs ${describe(b)} must have ${window} input features (features x window size) on axis ${dn.rhs[1]} and the output's ` +
        `spatial sizes ${describeValue(outSpatial)} on axes ${describeValue(dn.rhs.slice(2))}`,
    );
  }
  // Contract each window with its own kernel: the spatial axes are batch axes of the product,
  // taken in the order they appear in the output so the result needs only N and O moved in.
  const order = range(rank - 2).sort((i, j) => dn.out[2 + i]! - dn.out[2 + j]!);
  const product = dotGeneral(cols, b, [
    [[dn.out[1]!], [dn.rhs[1]!]],
    [order.map((d) => dn.out[2 + d]!), order.map((d) => dn.rhs[2 + d]!)],
  ]);
  // product: [spatial in output order..., N, O]; place N and O at their output axes.
  const perm: number[] = [];
  let next = 0;
  for (let axis = 0; axis < rank; axis++) perm.push(axis === dn.out[0] ? rank - 2 : axis === dn.out[1] ? rank - 1 : next++);
  return transpose(product, perm);
}

