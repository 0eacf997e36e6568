/**
 * The argument checks and layout arithmetic the convolution wrappers share (lax.convGeneralDilated
 * in contract.ts, and conv-more.ts's conveniences over it): padding modes and pairs, layout
 * strings turned into axis indices, SAME/VALID padding per axis, channels-last defaults.
 * Internal: the lax namespace exports the public wrappers, not these.
 */
import { fail } from "../errors.js";
import type { ConvDimensionNumbers, WindowPadding } from "../primitives.js";
import { range } from "../shape.js";
import { describeValue, integer, integerList, isPlainRecord, listOf, readOptions, string, type OptionCheck } from "../validate.js";

/** Padding of a windowed op: a mode (as JAX's padtype_to_pads) or explicit `[low, high]` pairs per spatial axis. */
export type Padding = "SAME" | "SAME_LOWER" | "VALID" | WindowPadding;

/** A padding mode or explicit `[low, high]` integer pairs. */
export const paddingArg: OptionCheck<Padding> = (op, name, value) => {
  if (typeof value === "string") {
    if (value === "SAME" || value === "VALID" || value === "SAME_LOWER") return value;
    return fail(op, `${name} must be "SAME", "SAME_LOWER", "VALID" or [low, high] pairs, got ${describeValue(value)}`);
  }
  if (!Array.isArray(value)) fail(op, `${name} must be "SAME", "SAME_LOWER", "VALID" or [low, high] pairs, got ${describeValue(value)}`);
  return listOf(listOf(integer, { min: 2, max: 2 }))(op, name, value) as unknown as WindowPadding;
};

/** Layout strings `[lhs, rhs, out]` or explicit axis indices `{lhs, rhs, out}`. */
export const convLayoutArg: OptionCheck<readonly [string, string, string] | ConvDimensionNumbers> = (op, name, value) => {
  if (Array.isArray(value)) return listOf(string, { min: 3, max: 3 })(op, name, value) as unknown as readonly [string, string, string];
  if (!isPlainRecord(value)) fail(op, `${name} must be layout strings such as ["NHWC", "HWIO", "NHWC"] or {lhs, rhs, out} axis lists, got ${describeValue(value)}`);
  const o = readOptions(op, value, { lhs: integerList, rhs: integerList, out: integerList });
  if (o.lhs === undefined || o.rhs === undefined || o.out === undefined) fail(op, `${name} needs all of lhs, rhs and out, got ${describeValue(value)}`);
  return { lhs: o.lhs, rhs: o.rhs, out: o.out };
};

/** padtypeToPads on checked arguments, errors naming `op`. */
export function padsFor(op: string, inShape: readonly number[], windowShape: readonly number[], strides: readonly number[], padding: Padding): WindowPadding {
  if (typeof padding !== "string") return padding;
  if (padding === "VALID") return inShape.map(() => [0, 0] as const);
  if (padding !== "SAME" && padding !== "SAME_LOWER") fail(op, `unknown padding ${describeValue(padding)}; expected "SAME", "SAME_LOWER", "VALID" or [low, high] pairs`);
  return inShape.map((size, d) => {
    const stride = strides[d]!;
    const outSize = Math.ceil(size / stride);
    const total = Math.max(0, (outSize - 1) * stride + windowShape[d]! - size);
    const small = Math.floor(total / 2);
    return padding === "SAME" ? ([small, total - small] as const) : ([total - small, small] as const);
  });
}

/** A positive integer (strides, dilations). */
export const positive: OptionCheck<number> = (op, name, value) => {
  if (!Number.isSafeInteger(value) || (value as number) < 1) fail(op, `${name} must be a positive integer, got ${describeValue(value)}`);
  return value as number;
};

/** convDimensionNumbers on checked arguments, errors naming `op`. */
export function layoutAxes(op: string, specs: readonly [string, string, string], rank: number): ConvDimensionNumbers {
  const pairs = [["N", "C"], ["O", "I"], ["N", "C"]] as const;
  specs.forEach((spec, i) => {
    if (typeof spec !== "string") fail(op, `dimensionNumbers[${i}] must be a string such as "NHWC", got ${describeValue(spec)}`);
    const [first, second] = pairs[i]!;
    if (spec.split(first).length !== 2 || spec.split(second).length !== 2) {
      fail(op, `dimensionNumbers[${i}] must contain "${first}" and "${second}" exactly once, got ${describeValue(spec)}`);
    }
    if (new Set(spec).size !== spec.length) fail(op, `dimensionNumbers[${i}] cannot repeat a character, got ${describeValue(spec)}`);
    if (spec.length !== rank) fail(op, `dimensionNumbers[${i}] ${describeValue(spec)} has ${spec.length} characters but the operands have rank ${rank}`);
  });
  const spatialChars = (spec: string, pair: readonly [string, string]): string => [...spec].filter((c) => !pair.includes(c)).sort().join("");
  const [lhsSpec, rhsSpec, outSpec] = specs;
  const lhsSpatial = spatialChars(lhsSpec, pairs[0]);
  if (lhsSpatial !== spatialChars(rhsSpec, pairs[1]) || lhsSpatial !== spatialChars(outSpec, pairs[2])) {
    fail(op, `dimensionNumbers must each have the same spatial characters, got ${describeValue(specs)}`);
  }
  const kernelOrder = [...rhsSpec].filter((c) => c !== "O" && c !== "I");
  const axes = (spec: string, pair: readonly [string, string]): number[] => [spec.indexOf(pair[0]), spec.indexOf(pair[1]), ...kernelOrder.map((c) => spec.indexOf(c))];
  return { lhs: axes(lhsSpec, pairs[0]), rhs: axes(rhsSpec, pairs[1]), out: axes(outSpec, pairs[2]) };
}

/** Channels-last axis indices for operands of `rank`: lhs/out N...C, rhs ...IO. */
export function channelsLast(rank: number): ConvDimensionNumbers {
  const spatial = range(rank - 2);
  return {
    lhs: [0, rank - 1, ...spatial.map((i) => i + 1)],
    rhs: [rank - 1, rank - 2, ...spatial],
    out: [0, rank - 1, ...spatial.map((i) => i + 1)],
  };
}

/** A list option that defaults to `fill` on each of `count` axes. */
export function listOr(values: readonly number[] | undefined, count: number, fill: number): readonly number[] {
  return values ?? new Array<number>(count).fill(fill);
}

/**
 * The padding of the fractionally strided convolution that a transposed convolution runs, for one
 * axis: kernel size k (dilated), stride s, and the forward convolution's padding (a mode or a pair).
 */
export function transposedPadding(op: string, k: number, s: number, padding: "SAME" | "VALID" | readonly [number, number]): [number, number] {
  let before: number;
  let total: number;
  if (padding === "SAME") {
    total = k + s - 2;
    before = s > k - 1 ? k - 1 : Math.ceil(total / 2);
  } else if (padding === "VALID") {
    total = k + s - 2 + Math.max(k - s, 0);
    before = k - 1;
  } else if (Array.isArray(padding)) {
    before = k - padding[0] - 1;
    total = before + (k - padding[1] - 1);
  } else {
    return fail(op, `padding must be "SAME", "VALID" or [low, high] pairs, got ${describeValue(padding)}`);
  }
  return [before, total - before];
}
