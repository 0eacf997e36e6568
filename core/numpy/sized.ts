/**
 * Functions whose output length depends on the values: `nonzero`, `flatnonzero`, `argwhere` and
 * `unique`. As in JAX, a static `size` fixes the length (padded with `fillValue`, or truncated),
 * so they work under jit and vmap; without it the input must be concrete, and the size is read
 * from its values. Compaction is a stable sort that moves the selected positions first.
 */
import { fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import { ArrayValue, NdArray, type ArrayOrScalar } from "../ndarray.js";
import { stridesOf } from "../shape.js";
import { anyValue, bool, checkArity, count, describeValue, readOptions } from "../validate.js";
import { add, isnan, less, logicalAnd, logicalNot, notEqual, remainder, subtract, where } from "./elementwise.js";
import { broadcastTo, concatenate, ravel, reshape, stack } from "./movement.js";
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

/** Options of unique: the static size, padding, which extra outputs to return, and NaN handling. */
export interface UniqueOptions {
  readonly size?: number | null;
  /** Padding of the values past the real count (default: the smallest value). */
  readonly fillValue?: number | null;
  readonly returnIndex?: boolean;
  readonly returnInverse?: boolean;
  readonly returnCounts?: boolean;
  /** Treat all NaNs as one value (default true, as JAX). */
  readonly equalNan?: boolean;
}

/** Options of unique asking for the values only. */
export type UniqueValuesOptions = UniqueOptions & { readonly returnIndex?: false; readonly returnInverse?: false; readonly returnCounts?: false };

/**
 * The sorted distinct values of the flattened x. With `returnIndex`, `returnInverse` or
 * `returnCounts` the result is a list: `[values, index?, inverse?, counts?]` in that order (the
 * first occurrence of each value, where each element of x went in values (x's shape), and each
 * value's count), as JAX. Padding past the count: fillValue for values, the smallest value's
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
  });
  const a = promote("unique", checkOperand("unique", x))[0]!;
  const flat = ravel(a);
  const n = flat.shape[0]!;
  const [sorted, order] = n === 0 ? [flat, iota(0)] : bind("sort", [flat, iota(n)], { axis: 0, numKeys: 1, descending: false });
  // A new value starts where an element differs from its predecessor (NaNs equal each other unless equalNan is false).
  let starts: ArrayValue = broadcastTo(scalar(true, "bool"), [n]);
  if (n > 1) {
    const [later, earlier] = [slice1(sorted!, 1, n), slice1(sorted!, 0, n - 1)];
    let differs = notEqual(later, earlier);
    if (o.equalNan ?? true) differs = logicalAnd(differs, logicalNot(logicalAnd(isnan(later), isnan(earlier))));
    starts = concatenate([reshape(scalar(true, "bool"), [1]), differs], 0);
  }
  if (n === 0 && (o.size === undefined || o.size === null)) return emptyUnique(a, o);
  const size = sizeFrom("unique", o.size, starts);
  if (n === 0) fail("unique", `cannot pad the unique values of an empty array to size ${size}: there is no value to fill with`);
  const { positions, total } = compact(starts, size);
  const valid = less(iota(size), total);
  const firsts = where(valid, positions, 0);
  const values = where(valid, gather(sorted!, firsts), o.fillValue ?? gather(sorted!, scalar(0, "int32")));
  if (!o.returnIndex && !o.returnInverse && !o.returnCounts) return values;
  const out = [values];
  if (o.returnIndex) out.push(gather(order!, firsts));
  if (o.returnInverse) {
    // Each sorted element belongs to the value numbered (starts so far) - 1; sort back by position.
    const group = subtract(cumsum(starts), 1);
    const [, inverse] = bind("sort", [order!, group], { axis: 0, numKeys: 1, descending: false });
    out.push(reshape(inverse!, a.shape));
  }
  if (o.returnCounts) {
    const next = concatenate([slice1(positions, 1, size), reshape(scalar(n, "int32"), [1])], 0);
    const end = where(less(add(iota(size), 1), total), next, n);
    out.push(where(valid, subtract(end, positions), 0));
  }
  return out;
}

const gather = (x: ArrayValue, indices: ArrayValue): ArrayValue => bind1("gather", [x, indices], { axis: 0 });

/** unique of an empty array without a size: empty outputs. */
function emptyUnique(a: ArrayValue, o: { returnIndex?: boolean; returnInverse?: boolean; returnCounts?: boolean }): ArrayValue | ArrayValue[] {
  const empty = reshape(a, [0]);
  if (!o.returnIndex && !o.returnInverse && !o.returnCounts) return empty;
  const none = iota(0);
  return [empty, ...(o.returnIndex ? [none] : []), ...(o.returnInverse ? [reshape(none, a.shape)] : []), ...(o.returnCounts ? [none] : [])];
}
