/**
 * jax.lax's shape arithmetic for convolutions and window reductions: pure functions on shapes
 * (JS number lists), returning what JAX's helpers return (their tuples as lists). No arrays are
 * touched, so these run anywhere, traced or not.
 */
import { fail } from "../errors.js";
import { checkArity, describeValue, integer, listOf, string, validShape } from "../validate.js";
import { layoutAxes, paddingArg, padsFor, positive, transposedPadding, type Padding } from "./conv-layout.js";

/** A shape argument (validShape: non-negative integers, of a size an array could have). */
const shapeList = (op: string, name: string, value: unknown): readonly number[] => validShape(op, value, undefined, name);
const positiveList = listOf(positive);
const pairList = listOf(listOf(integer, { min: 2, max: 2 }));

/** Out-of-window positions a stride visits (XLA's stride_dim): 0 when the window is longer than the axis. */
const strideDim = (size: number, window: number, stride: number): number => Math.max(0, Math.floor((size - window) / stride) + 1);

/** Dilated axis size (XLA's dilate_dim). */
const dilateDim = (size: number, dilation: number): number => (size === 0 ? 0 : 1 + dilation * (size - 1));

/** Checked layout strings `[lhs, rhs, out]`. */
function specsArg(op: string, value: unknown): readonly [string, string, string] {
  const specs = listOf(string, { min: 3, max: 3 })(op, "dimensionNumbers", value) as unknown as readonly [string, string, string];
  if (specs[1].length !== specs[0].length || specs[2].length !== specs[0].length) {
    fail(op, `dimensionNumbers must each have the same spatial characters, got ${describeValue(value)}`);
  }
  return specs;
}

/**
 * The axis permutations `[lhsPerm, rhsPerm, outPerm]` that take operands laid out as the strings
 * say to the canonical order (batch/out-feature, feature/in-feature, spatial axes in the kernel
 * string's order), as jax.lax.conv_general_permutations.
 *
 * @example lax.convGeneralPermutations(["NHWC", "HWIO", "NHWC"]) // [[0, 3, 1, 2], [3, 2, 0, 1], [0, 3, 1, 2]]
 */
export function convGeneralPermutations(dimensionNumbers: readonly [string, string, string]): [number[], number[], number[]] {
  const op = "lax.convGeneralPermutations";
  checkArity(op, arguments, 1);
  const specs = specsArg(op, dimensionNumbers);
  const axes = layoutAxes(op, specs, specs[0].length);
  return [[...axes.lhs], [...axes.rhs], [...axes.out]];
}

/** Checks that `shapes` all have `rank` entries. */
function sameRank(op: string, rank: number, lists: Record<string, readonly unknown[]>): void {
  for (const [name, list] of Object.entries(lists)) {
    if (list.length !== rank) fail(op, `${name} needs ${rank} entries, got ${describeValue(list)}`);
  }
}

/** convShapeTuple on checked arguments. */
function canonicalConvShape(op: string, lhs: readonly number[], rhs: readonly number[], strides: readonly number[], padding: Padding, batchGroupCount: number): number[] {
  if (lhs.length < 2 || rhs.length !== lhs.length) fail(op, `lhsShape and rhsShape need the same rank, at least 2, got ${describeValue(lhs)} and ${describeValue(rhs)}`);
  const spatial = lhs.length - 2;
  sameRank(op, spatial, { strides });
  const pads = padsFor(op, lhs.slice(2), rhs.slice(2), strides, padding);
  if (pads.length !== spatial) fail(op, `wrong number of explicit pads: expected ${spatial}, got ${describeValue(padding)}`);
  const padded = lhs.slice(2).map((n, d) => n + pads[d]![0] + pads[d]![1]);
  if (padded.some((n) => n < 0)) fail(op, `negative padding ${describeValue(pads)} is larger than the spatial sizes ${describeValue(lhs.slice(2))}`);
  if (lhs[0]! % batchGroupCount !== 0) fail(op, `batch size ${lhs[0]} is not divisible by batchGroupCount ${batchGroupCount}`);
  return [lhs[0]! / batchGroupCount, rhs[0]!, ...padded.map((n, d) => strideDim(n, rhs[2 + d]!, strides[d]!))];
}

/**
 * The output shape of a convolution of operands in canonical order (lhs `[N, C, spatial...]`,
 * rhs `[O, I, spatial...]`), as jax.lax.conv_shape_tuple: padding a mode or `[low, high]` pairs.
 *
 * @example lax.convShapeTuple([2, 3, 7, 7], [4, 3, 3, 3], [2, 2], "SAME") // [2, 4, 4, 4]
 */
export function convShapeTuple(lhsShape: readonly number[], rhsShape: readonly number[], strides: readonly number[], pads: Padding, batchGroupCount = 1): number[] {
  const op = "lax.convShapeTuple";
  checkArity(op, arguments, 5);
  return canonicalConvShape(op, shapeList(op, "lhsShape", lhsShape), shapeList(op, "rhsShape", rhsShape), positiveList(op, "strides", strides), paddingArg(op, "pads", pads), positive(op, "batchGroupCount", batchGroupCount));
}

/** Operand shapes permuted to canonical order by layout strings, checked. */
function canonicalShapes(op: string, lhsShape: unknown, rhsShape: unknown, dimensionNumbers: unknown) {
  const lhs = shapeList(op, "lhsShape", lhsShape);
  const rhs = shapeList(op, "rhsShape", rhsShape);
  const specs = specsArg(op, dimensionNumbers);
  if (lhs.length !== specs[0].length || rhs.length !== specs[0].length) {
    fail(op, `lhsShape ${describeValue(lhs)} and rhsShape ${describeValue(rhs)} need rank ${specs[0].length} for dimensionNumbers ${describeValue(specs)}`);
  }
  const axes = layoutAxes(op, specs, specs[0].length);
  return { lhs: axes.lhs.map((a) => lhs[a]!), rhs: axes.rhs.map((a) => rhs[a]!), out: axes.out };
}

/** A canonical-order shape put back into the output layout. */
function inLayout(canonical: readonly number[], outAxes: readonly number[]): number[] {
  const shape = new Array<number>(canonical.length);
  outAxes.forEach((axis, j) => (shape[axis] = canonical[j]!));
  return shape;
}

/**
 * The output shape of a convolution of operands laid out as the layout strings say
 * (jax.lax.conv_general_shape_tuple).
 *
 * @example lax.convGeneralShapeTuple([2, 7, 7, 3], [3, 3, 3, 4], [1, 1], "VALID", ["NHWC", "HWIO", "NHWC"]) // [2, 5, 5, 4]
 */
export function convGeneralShapeTuple(
  lhsShape: readonly number[],
  rhsShape: readonly number[],
  windowStrides: readonly number[],
  padding: Padding,
  dimensionNumbers: readonly [string, string, string],
): number[] {
  const op = "lax.convGeneralShapeTuple";
  checkArity(op, arguments, 5);
  const c = canonicalShapes(op, lhsShape, rhsShape, dimensionNumbers);
  const out = canonicalConvShape(op, c.lhs, c.rhs, positiveList(op, "windowStrides", windowStrides), paddingArg(op, "padding", padding), 1);
  return inLayout(out, c.out);
}

/**
 * The output shape of `convTranspose` (jax.lax.conv_transpose_shape_tuple), with "SAME"/"VALID"
 * read as the forward convolution's padding and `[low, high]` pairs as the transposed one's. Like
 * JAX's, it takes the kernel's undilated size.
 *
 * @example lax.convTransposeShapeTuple([1, 3, 3, 2], [3, 3, 2, 4], [2, 2], "SAME", ["NHWC", "HWIO", "NHWC"]) // [1, 6, 6, 4]
 */
export function convTransposeShapeTuple(
  lhsShape: readonly number[],
  rhsShape: readonly number[],
  windowStrides: readonly number[],
  padding: "SAME" | "VALID" | readonly (readonly [number, number])[],
  dimensionNumbers: readonly [string, string, string],
): number[] {
  const op = "lax.convTransposeShapeTuple";
  checkArity(op, arguments, 5);
  const c = canonicalShapes(op, lhsShape, rhsShape, dimensionNumbers);
  const strides = positiveList(op, "windowStrides", windowStrides);
  const spatial = c.lhs.length - 2;
  sameRank(op, spatial, { windowStrides: strides });
  let pads: readonly (readonly [number, number])[];
  if (padding === "SAME" || padding === "VALID") pads = c.rhs.slice(2).map((k, d) => transposedPadding(op, k, strides[d]!, padding));
  else if (typeof padding === "string") return fail(op, `padding must be "SAME", "VALID" or [low, high] pairs, got ${describeValue(padding)}`);
  else pads = pairList(op, "padding", padding) as unknown as (readonly [number, number])[];
  sameRank(op, spatial, { padding: pads });
  const out = [c.lhs[0]!, c.rhs[0]!, ...c.lhs.slice(2).map((n, d) => (n - 1) * strides[d]! - c.rhs[2 + d]! + 2 + pads[d]![0] + pads[d]![1])];
  return inLayout(out, c.out);
}

/**
 * The output shape of `reduceWindow` (jax.lax.reduce_window_shape_tuple): padding as explicit
 * `[low, high]` pairs, dilations default to ones.
 *
 * @example lax.reduceWindowShapeTuple([4, 6], [2, 3], [2, 1], [[0, 0], [1, 1]]) // [2, 6]
 */
export function reduceWindowShapeTuple(
  operandShape: readonly number[],
  windowDimensions: readonly number[],
  windowStrides: readonly number[],
  padding: readonly (readonly [number, number])[],
  baseDilation?: readonly number[] | null,
  windowDilation?: readonly number[] | null,
): number[] {
  const op = "lax.reduceWindowShapeTuple";
  checkArity(op, arguments, 6);
  const shape = shapeList(op, "operandShape", operandShape);
  const rank = shape.length;
  const window = shapeList(op, "windowDimensions", windowDimensions);
  const strides = positiveList(op, "windowStrides", windowStrides);
  const pads = pairList(op, "padding", padding);
  const base = baseDilation === undefined || baseDilation === null ? shape.map(() => 1) : positiveList(op, "baseDilation", baseDilation);
  const dilation = windowDilation === undefined || windowDilation === null ? shape.map(() => 1) : positiveList(op, "windowDilation", windowDilation);
  sameRank(op, rank, { windowDimensions: window, windowStrides: strides, padding: pads, baseDilation: base, windowDilation: dilation });
  return shape.map((n, d) => strideDim(dilateDim(n, base[d]!) + pads[d]![0]! + pads[d]![1]!, dilateDim(window[d]!, dilation[d]!), strides[d]!));
}
