/**
 * Functions whose output length depends on the values: `nonzero`, `flatnonzero`, `argwhere` and
 * `unique`. As in JAX, a static `size` fixes the length (padded with `fillValue`, or truncated),
 * so they work under jit and vmap; without it the input must be concrete, and the size is read
 * from its values. Compaction is a stable sort that moves the selected positions first.
 */
import { fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import { ArrayValue, NdArray, type ArrayOrScalar } from "../ndarray.js";
import { normalizeAxis, stridesOf } from "../shape.js";
import { anyValue, bool, checkArity, count, describeValue, readOptions } from "../validate.js";
import { singleAxisOption } from "./args.js";
import { add, isnan, less, logicalAnd, logicalNot, notEqual, remainder, subtract, where } from "./elementwise.js";
import { broadcastTo, concatenate, moveaxis, ravel, reshape, stack } from "./movement.js";
import { cumsum, sum } from "./reductions.js";
import { cast, checkOperand, promote, scalar } from "./promote.js";

/** Options of the sized functions: the static output length and the padding value. */
export interface SizeOptions {
  readonly size?: number | null;
  /** Padding for positions past the real count (default 0; per axis as a list for nonzero/argwhere). */
  readonly fillValue?: number | readonly number[] | null;
}

const iota = (n: number): ArrayValue => bind1("iota", [], { dtype: "int32", shape: [n], dimension: 0 });
/** `x[start:limit]` of a 1-D array. */
const slice1 = (x: ArrayValue, start: number, limit: number): ArrayValue => bind1("slice", [x], { start: [start], limit: [limit], strides: [1] });

/** The output size: the given one, or the count of a concrete mask. */
function sizeFrom(op: string, given: number | null | undefined, mask: ArrayValue): number {
  if (given !== undefined && given !== null) return given;
  if (!(mask instanceof NdArray)) fail(op, "the input is traced, so the output size is unknown: pass a static size option (JAX's size=), with fillValue for the padding");
  return (mask.toArray() as boolean[]).filter(Boolean).length;
}

/** The first `size` positions where the 1-D bool mask is true, in order (arbitrary past the count), and the count. */
function compact(mask: ArrayValue, size: number): { positions: ArrayValue; total: ArrayValue } {
  const n = mask.shape[0]!;
  const total = sum(mask);
  if (n === 0) return { positions: broadcastTo(scalar(0, "int32"), [size]), total };
  // Stable sort on "not selected" moves the selected positions first, keeping their order.
  const [, order] = bind("sort", [cast(logicalNot(mask), "int32"), iota(n)], { axis: 0, numKeys: 1, descending: false });
  const positions = size <= n ? slice1(order!, 0, size) : bind1("pad", [order!, scalar(0, "int32")], { config: [[0, size - n, 0]] });
  return { positions, total };
}

/** Reads `{size, fillValue}` with a per-axis fill list of length `rank`. */
function readSized(op: string, options: unknown, rank: number): { size: number | null | undefined; fill: number[] } {
  const o = readOptions(op, options, { size: (p, n, v) => (v === null ? null : count(p, n, v)), fillValue: anyValue });
  const f = o.fillValue ?? 0;
  const fill = typeof f === "number" ? Array(rank).fill(f) : Array.isArray(f) && f.length === rank && f.every((v) => Number.isSafeInteger(v)) ? (f as number[]) : null;
  if (fill === null || fill.some((v) => !Number.isSafeInteger(v))) fail(op, `fillValue must be an integer or a list of ${rank} integers (one per axis), got ${describeValue(o.fillValue)}`);
  return { size: o.size, fill };
}

/** A nonzero mask of the flattened array. */
function nonzeroMask(op: string, x: ArrayOrScalar): { a: ArrayValue; mask: ArrayValue } {
  const a = promote(op, checkOperand(op, x))[0]!;
  return { a, mask: ravel(a.dtype === "bool" ? a : notEqual(a, 0)) };
}

/** Index arrays (int32), one per axis, of x's nonzero elements in row-major order; `size` pads with `fillValue` or truncates. */
export function nonzero(x: ArrayOrScalar, options?: SizeOptions | null): ArrayValue<"int32">[];
export function nonzero(x: ArrayOrScalar, options?: SizeOptions | null): ArrayValue[] {
  checkArity("nonzero", arguments, 2);
  const { a, mask } = nonzeroMask("nonzero", x);
  if (a.ndim === 0) fail("nonzero", "calling nonzero on a rank-0 array is not allowed (as numpy and JAX); use atleast1d first");
  const { size: given, fill } = readSized("nonzero", options, a.ndim);
  const size = sizeFrom("nonzero", given, mask);
  const { positions, total } = compact(mask, size);
  const valid = less(iota(size), total);
  const strides = stridesOf(a.shape);
  return a.shape.map((d, i) => {
    const index = remainder(bind1("div", [positions, scalar(Math.max(strides[i]!, 1), "int32")], {}), Math.max(d, 1));
    return where(valid, index, scalar(fill[i]!, "int32"));
  });
}

/** Indices (int32) of x's nonzero elements in its flattened form. */
export function flatnonzero(x: ArrayOrScalar, options?: SizeOptions | null): ArrayValue {
  checkArity("flatnonzero", arguments, 2);
  const { mask } = nonzeroMask("flatnonzero", x);
  return nonzero(mask, options ?? null)[0]!;
}

/** The [count, ndim] int32 coordinates of x's nonzero elements (rows in row-major order). */
export function argwhere(x: ArrayOrScalar, options?: SizeOptions | null): ArrayValue {
  checkArity("argwhere", arguments, 2);
  const { a, mask } = nonzeroMask("argwhere", x);
  if (a.ndim === 0) {
    const { size } = readSized("argwhere", options, 0);
    return broadcastTo(scalar(0, "int32"), [sizeFrom("argwhere", size, mask), 0]);
  }
  return stack(nonzero(a, options ?? null), 1);
}

/** Options of unique: the static size, padding, which extra outputs to return, NaN handling and the axis. */
export interface UniqueOptions {
  readonly size?: number | null;
  /** Padding of the values past the real count (default: the smallest value, or row). */
  readonly fillValue?: number | null;
  readonly returnIndex?: boolean;
  readonly returnInverse?: boolean;
  readonly returnCounts?: boolean;
  /** Treat all NaNs as one value (default true, as JAX). */
  readonly equalNan?: boolean;
  /** The distinct slices along this axis (sorted lexicographically) instead of the distinct elements of the flattened array. */
  readonly axis?: number | null;
  /** Accepted for JAX's signature: the values come sorted either way, as JAX's. */
  readonly sorted?: boolean;
}

/** Options of unique asking for the values only. */
export type UniqueValuesOptions = UniqueOptions & { readonly returnIndex?: false; readonly returnInverse?: false; readonly returnCounts?: false };

/**
 * The sorted distinct values of the flattened x, or with `axis` the distinct slices along that
 * axis (in lexicographic order). With `returnIndex`, `returnInverse` or `returnCounts` the
 * result is a list: `[values, index?, inverse?, counts?]` in that order (the first occurrence of
 * each value, where each element of x went in values (x's shape; one per slice with `axis`), and
 * each value's count), as JAX. Padding past the count: fillValue for values, the smallest value's
 * index, and count 0.
 */
export function unique(x: ArrayOrScalar, options?: UniqueValuesOptions | null): ArrayValue;
export function unique(x: ArrayOrScalar, options: UniqueOptions): ArrayValue | ArrayValue[];
export function unique(x: ArrayOrScalar, options?: UniqueOptions | null): ArrayValue | ArrayValue[] {
  checkArity("unique", arguments, 2);
  const o = readOptions("unique", options, {
    size: (p, n, v) => (v === null ? null : count(p, n, v)),
    fillValue: (p, n, v) => (v === null ? null : typeof v === "number" ? v : fail(p, `${n} must be a number, got ${describeValue(v)}`)),
    returnIndex: bool,
    returnInverse: bool,
    returnCounts: bool,
    equalNan: bool,
    axis: singleAxisOption,
    sorted: bool,
  });
  const a = promote("unique", checkOperand("unique", x))[0]!;
  const byAxis = o.axis !== undefined && o.axis !== null;
  if (byAxis && a.ndim === 0) fail("unique", `axis ${o.axis} is out of range for a rank-0 array; leave axis out for its single value`);
  const axis = byAxis ? normalizeAxis("unique", o.axis!, a.ndim) : 0;
  // The items to find the distinct ones of: the flattened elements [n], or the slices along axis as rows [n, m].
  const moved = byAxis ? moveaxis(a, axis, 0) : a;
  const n = byAxis ? a.shape[axis]! : a.size;
  const rowShape = byAxis ? moved.shape.slice(1) : [];
  const m = rowShape.reduce((p, d) => p * d, 1);
  if (byAxis && m === 0 && n > 0) fail("unique", `the slices along axis ${axis} of shape [${a.shape.join(",")}] are empty; unique over empty slices is not supported`);
  const items = byAxis ? reshape(moved, [n, m]) : ravel(a);
  let sorted: ArrayValue;
  let order: ArrayValue;
  if (n === 0) [sorted, order] = [items, iota(0)];
  else if (!byAxis) [sorted, order] = bind("sort", [items, iota(n)], { axis: 0, numKeys: 1, descending: false }) as [ArrayValue, ArrayValue];
  else {
    // A lexicographic sort of the rows: every column a key, the row numbers carried along.
    const columns = Array.from({ length: m }, (_, j) => reshape(bind1("slice", [items], { start: [0, j], limit: [n, j + 1], strides: [1, 1] }), [n]));
    order = bind("sort", [...columns, iota(n)], { axis: 0, numKeys: m, descending: false })[m]!;
    sorted = gather(items, order);
  }
  // A new value starts where an item differs from its predecessor (NaNs equal each other unless equalNan is false).
  let starts: ArrayValue = broadcastTo(scalar(true, "bool"), [n]);
  if (n > 1) {
    const [later, earlier] = [sliceRows(sorted, 1, n), sliceRows(sorted, 0, n - 1)];
    let differs: ArrayValue = notEqual(later, earlier);
    if (o.equalNan ?? true) differs = logicalAnd(differs, logicalNot(logicalAnd(isnan(later), isnan(earlier))));
    if (byAxis) differs = bind1("reduceMax", [differs], { axes: [1] });
    starts = concatenate([reshape(scalar(true, "bool"), [1]), differs], 0);
  }
  const shapeBack = (rows: ArrayValue, count: number): ArrayValue => (byAxis ? moveaxis(reshape(rows, [count, ...rowShape]), 0, axis) : rows);
  if (n === 0 && (o.size === undefined || o.size === null)) return emptyUnique(a, o, byAxis ? shapeBack(reshape(items, [0, m]), 0) : reshape(a, [0]), byAxis);
  const size = sizeFrom("unique", o.size, starts);
  if (n === 0) fail("unique", `cannot pad the unique values of an empty array to size ${size}: there is no value to fill with`);
  const { positions, total } = compact(starts, size);
  const valid = less(iota(size), total);
  const firsts = where(valid, positions, 0);
  const picked = gather(sorted, firsts);
  const fill = o.fillValue ?? gather(sorted, byAxis ? broadcastTo(scalar(0, "int32"), [size]) : scalar(0, "int32"));
  const values = shapeBack(where(byAxis ? reshape(valid, [size, 1]) : valid, picked, fill), size);
  if (!o.returnIndex && !o.returnInverse && !o.returnCounts) return values;
  const out = [values];
  if (o.returnIndex) out.push(gather(order, firsts));
  if (o.returnInverse) {
    // Each sorted item belongs to the value numbered (starts so far) - 1; sort back by position.
    const group = subtract(cumsum(starts), 1);
    const [, inverse] = bind("sort", [order, group], { axis: 0, numKeys: 1, descending: false });
    out.push(byAxis ? inverse! : reshape(inverse!, a.shape));
  }
  if (o.returnCounts) {
    // Each count ends where the next value starts, which may lie past `size` when the values are truncated.
    const next = slice1(compact(starts, size + 1).positions, 1, size + 1);
    const end = where(less(add(iota(size), 1), total), next, n);
    out.push(where(valid, subtract(end, positions), 0));
  }
  return out;
}

/** Rows start..limit of a 1-D or 2-D array. */
function sliceRows(x: ArrayValue, start: number, limit: number): ArrayValue {
  return bind1("slice", [x], { start: x.shape.map((_, i) => (i === 0 ? start : 0)), limit: x.shape.map((d, i) => (i === 0 ? limit : d)), strides: x.shape.map(() => 1) });
}

const gather = (x: ArrayValue, indices: ArrayValue): ArrayValue => bind1("gather", [x, indices], { axis: 0 });

/** unique of an empty array (or along an empty axis) without a size: empty outputs. */
function emptyUnique(a: ArrayValue, o: { returnIndex?: boolean; returnInverse?: boolean; returnCounts?: boolean }, empty: ArrayValue, byAxis: boolean): ArrayValue | ArrayValue[] {
  if (!o.returnIndex && !o.returnInverse && !o.returnCounts) return empty;
  const none = iota(0);
  return [empty, ...(o.returnIndex ? [none] : []), ...(o.returnInverse ? [byAxis ? none : reshape(none, a.shape)] : []), ...(o.returnCounts ? [none] : [])];
}
