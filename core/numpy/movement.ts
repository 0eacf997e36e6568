/**
 * numpy's shape and data-movement functions in camelCase: reshaping, axis shuffles, joining and
 * splitting, tiling, flipping, `take`, constant `pad`, and the triangle/diagonal helpers. Each
 * validates its arguments with errors naming the np function, then lowers to the movement
 * primitives (reshape, broadcastInDim, transpose, slice, pad, concatenate, rev, gather).
 */
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { adoptBuffer, type ArrayOrScalar, ArrayValue, NdArray, storageOf } from "../ndarray.js";
import { isPermutation, normalizeAxes, normalizeAxis, range, sizeOf, type Shape } from "../shape.js";
import { checkArity, describeValue, integer, integerList, listOf, readOptions, validShape } from "../validate.js";
import { axesOption, axisOption, concrete, intListOption, isAxisLike, positional, singleAxisOption } from "./args.js";
import { add, less, where } from "./elementwise.js";
import { readNested } from "./nested.js";
import { cast, promote, scalar, storedScalar } from "./promote.js";
import type { ArithmeticOf, OperandDtype } from "../static-dtype.js";

/** Options naming one axis; `null` (where allowed) means the flattened array. */
export interface AxisOptions {
  readonly axis?: number | null;
}

/** The array behind an array-or-scalar argument (numbers become float32 scalars). */
function operand(op: string, x: ArrayOrScalar): ArrayValue {
  return promote(op, x)[0]!;
}

const shapeText = (shape: Shape): string => `[${shape.join(",")}]`;

/** The reshape primitive, skipped when the shape is unchanged. */
function reshapeTo(x: ArrayValue, shape: Shape): ArrayValue {
  return shapesMatch(x.shape, shape) ? x : bind1("reshape", [x], { newShape: [...shape] });
}

function shapesMatch(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

// ---------------------------------------------------------------------------------------------
// shape changes

/** Gives x a new shape with the same number of elements; one entry may be -1 (inferred). The shape may be a concrete integer array. */
export function reshape<X extends ArrayOrScalar>(x: X, shape: number | readonly number[]): ArrayValue<OperandDtype<X>>;
export function reshape(x: ArrayOrScalar, shape: number | readonly number[]): ArrayValue {
  checkArity("reshape", arguments, 2, "pass the shape as one list: np.reshape(x, [2, 3])");
  const a = operand("reshape", x);
  const given = concrete("reshape", "shape", shape);
  const requested = typeof given === "number" ? [given] : given;
  if (!Array.isArray(requested)) fail("reshape", `shape must be a list of integers or one integer, got ${describeValue(shape)}`);
  const dims = integerList("reshape", "shape", requested);
  const bad = () => fail("reshape", `cannot reshape ${a.dtype}${shapeText(a.shape)} (${a.size} elements) into shape ${shapeText(dims)}`);
  if (!dims.every((d) => d >= -1)) bad();
  const unknown = dims.filter((d) => d === -1).length;
  if (unknown > 1) fail("reshape", `can only infer one axis (-1), got shape ${shapeText(dims)}`);
  const known = sizeOf(dims.filter((d) => d !== -1));
  if (unknown === 1) {
    if (known === 0 || a.size % known !== 0) bad();
    dims[dims.indexOf(-1)] = a.size / known;
  } else if (known !== a.size) bad();
  return reshapeTo(a, validShape("reshape", dims, a.dtype));
}

/** Flattens to one axis. */
export function ravel<X extends ArrayOrScalar>(x: X): ArrayValue<OperandDtype<X>>;
export function ravel(x: ArrayOrScalar): ArrayValue {
  checkArity("ravel", arguments, 1);
  return reshape(x, [-1]);
}

/**
 * Permutes the axes: output axis i is input axis `axes[i]` (reversed when omitted or null);
 * negative axes count from the end; `axes` may be a concrete integer array.
 */
export function transpose<X extends ArrayOrScalar>(x: X, axes?: readonly number[] | null): ArrayValue<OperandDtype<X>>;
export function transpose(x: ArrayOrScalar, axes?: readonly number[] | null): ArrayValue {
  checkArity("transpose", arguments, 2, "pass the axes as one list: np.transpose(x, [1, 0])");
  const a = operand("transpose", x);
  const rank = a.ndim;
  const given = axes === undefined || axes === null ? undefined : intListOption("transpose", "axes", axes);
  const perm = given === undefined ? range(rank).reverse() : given.map((p) => (p < 0 ? p + rank : p));
  if (!isPermutation(perm, rank)) {
    fail("transpose", `axes ${describeValue(given)} are not a permutation of the axes of an array of shape ${shapeText(a.shape)}`);
  }
  return perm.every((p, i) => p === i) ? a : bind1("transpose", [a], { permutation: perm });
}

/** Moves axes `source` to positions `destination`, keeping the other axes in order. */
export function moveaxis(x: ArrayOrScalar, source: number | readonly number[], destination: number | readonly number[]): ArrayValue {
  checkArity("moveaxis", arguments, 3);
  const a = operand("moveaxis", x);
  const source1 = axesOption("moveaxis", "source", source);
  const destination1 = axesOption("moveaxis", "destination", destination);
  const src = (typeof source1 === "number" ? [source1] : source1).map((s) => normalizeAxis("moveaxis", s, a.ndim));
  const dst = (typeof destination1 === "number" ? [destination1] : destination1).map((d) => normalizeAxis("moveaxis", d, a.ndim));
  if (src.length !== dst.length) fail("moveaxis", `source ${describeValue(source1)} and destination ${describeValue(destination1)} differ in length`);
  if (new Set(src).size !== src.length || new Set(dst).size !== dst.length) fail("moveaxis", "repeated axis in source or destination");
  const order = range(a.ndim).filter((i) => !src.includes(i));
  const moves = dst.map((d, i) => [d, src[i]!] as const).sort((p, q) => p[0] - q[0]);
  for (const [d, s] of moves) order.splice(d, 0, s);
  return transpose(a, order);
}

/** Exchanges two axes. */
export function swapaxes<X extends ArrayOrScalar>(x: X, axis1: number, axis2: number): ArrayValue<OperandDtype<X>>;
export function swapaxes(x: ArrayOrScalar, axis1: number, axis2: number): ArrayValue {
  checkArity("swapaxes", arguments, 3);
  const a = operand("swapaxes", x);
  integer("swapaxes", "axis1", axis1);
  integer("swapaxes", "axis2", axis2);
  const perm = range(a.ndim);
  const i = normalizeAxis("swapaxes", axis1, a.ndim);
  const j = normalizeAxis("swapaxes", axis2, a.ndim);
  [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  return transpose(a, perm);
}

/** Inserts size-1 axes at the given positions of the result: `expandDims(x, 0)` or `expandDims(x, {axis: [0, -1]})`. */
export function expandDims(x: ArrayOrScalar, axis: number | readonly number[] | { readonly axis: number | readonly number[] }): ArrayValue {
  checkArity("expandDims", arguments, 2, "pass several axes as one list: np.expandDims(x, [0, 1])");
  const a = operand("expandDims", x);
  const read = readOptions("expandDims", positional(axis, "axis", (v) => typeof v === "number" || Array.isArray(v) || v instanceof ArrayValue), { axis: axesOption });
  if (read.axis === undefined) fail("expandDims", `expected the axis (or axes) at which to insert size-1 axes, got ${describeValue(axis)}`);
  const list = typeof read.axis === "number" ? [read.axis] : read.axis;
  const rank = a.ndim + list.length;
  const inserted = normalizeAxes("expandDims", list, rank);
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) shape.push(inserted.includes(i) ? 1 : a.shape[k++]!);
  return reshapeTo(a, shape);
}

/** Removes size-1 axes: all of them, or the listed ones (which must have size 1). */
export function squeeze<X extends ArrayOrScalar>(x: X, options?: { readonly axis?: number | readonly number[] | null } | number | readonly number[] | null): ArrayValue<OperandDtype<X>>;
export function squeeze(x: ArrayOrScalar, options?: { readonly axis?: number | readonly number[] | null } | number | readonly number[] | null): ArrayValue {
  checkArity("squeeze", arguments, 2);
  const a = operand("squeeze", x);
  options = readOptions("squeeze", positional(options, "axis", isAxisLike), { axis: axisOption });
  const axes =
    options.axis === undefined || options.axis === null
      ? range(a.ndim).filter((i) => a.shape[i] === 1)
      : normalizeAxes("squeeze", options.axis, a.ndim);
  for (const i of axes) {
    if (a.shape[i] !== 1) fail("squeeze", `cannot squeeze axis ${i} of shape ${shapeText(a.shape)}: its size is ${a.shape[i]}, expected 1`);
  }
  return reshapeTo(a, a.shape.filter((_, i) => !axes.includes(i)));
}

/** Broadcasts x to `shape` by numpy's rules (x's axes align with the trailing axes of `shape`). */
export function broadcastTo(x: ArrayOrScalar, shape: readonly number[]): ArrayValue {
  checkArity("broadcastTo", arguments, 2, "pass the shape as one list: np.broadcastTo(x, [2, 3])");
  const a = operand("broadcastTo", x);
  const given = concrete("broadcastTo", "shape", shape);
  shape = validShape("broadcastTo", typeof given === "number" ? [given] : given, a.dtype);
  const offset = shape.length - a.ndim;
  const ok = offset >= 0 && a.shape.every((d, i) => d === 1 || d === shape[offset + i]);
  if (!ok) {
    fail("broadcastTo", `cannot broadcast an array of shape ${shapeText(a.shape)} to shape ${shapeText(shape)}; each axis must match or be 1`);
  }
  if (shapesMatch(a.shape, shape)) return a;
  return bind1("broadcastInDim", [a], { shape: [...shape], broadcastDimensions: a.shape.map((_, i) => offset + i) });
}

// ---------------------------------------------------------------------------------------------
// joining and splitting

/** The list of arrays that concatenate and stack join: a real, non-empty list without holes. */
function arrayList(op: string, arrays: unknown): ArrayOrScalar[] {
  if (!Array.isArray(arrays) || arrays.length === 0) {
    fail(op, `expected a non-empty list of arrays such as np.${op}([a, b]), got ${describeValue(arrays)}`);
  }
  return listOf((_op, _name, v) => v as ArrayOrScalar)(op, "arrays", arrays);
}

/** Joins arrays along an existing axis (default 0; `null` flattens them first), promoting dtypes. */
export function concatenate(arrays: readonly ArrayOrScalar[], options?: AxisOptions | number | null): ArrayValue {
  checkArity("concatenate", arguments, 2, "pass the arrays as one list: np.concatenate([a, b])");
  const xs0 = arrayList("concatenate", arrays);
  const o = readOptions("concatenate", positional(options, "axis", isAxisLike), { axis: singleAxisOption });
  let xs = promote("concatenate", ...xs0);
  let axis = o.axis === undefined ? 0 : o.axis;
  if (axis === null) {
    xs = xs.map((x) => ravel(x));
    axis = 0;
  }
  if (xs.some((x) => x.ndim === 0)) fail("concatenate", "zero-dimensional arrays cannot be concatenated; use stack");
  const ax = normalizeAxis("concatenate", axis, xs[0]!.ndim);
  return xs.length === 1 ? xs[0]! : bind1("concatenate", xs, { axis: ax });
}

/** Joins same-shaped arrays along a new axis (default 0). */
export function stack(arrays: readonly ArrayOrScalar[], options?: { readonly axis?: number } | number | null): ArrayValue {
  checkArity("stack", arguments, 2, "pass the arrays as one list: np.stack([a, b])");
  const xs0 = arrayList("stack", arrays);
  const o = readOptions("stack", positional(options, "axis", isAxisLike), { axis: integer });
  const xs = promote("stack", ...xs0);
  const first = xs[0]!;
  if (xs.some((x) => !shapesMatch(x.shape, first.shape))) {
    fail("stack", `all arrays must have the same shape, got ${xs.map((x) => shapeText(x.shape)).join(", ")}`);
  }
  const axis = normalizeAxis("stack", o.axis ?? 0, first.ndim + 1);
  return concatenate(xs.map((x) => expandDims(x, axis)), { axis });
}

/**
 * Splits x along an axis into `n` equal parts, or at the given indices (python slice semantics:
 * indices past the end give empty parts).
 */
export function split(x: ArrayOrScalar, sectionsOrIndices: number | readonly number[], options?: { readonly axis?: number } | number | null): ArrayValue[] {
  checkArity("split", arguments, 3);
  const a = operand("split", x);
  const o = readOptions("split", positional(options, "axis", isAxisLike), { axis: integer });
  sectionsOrIndices = axesOption("split", "indicesOrSections", sectionsOrIndices);
  const axis = normalizeAxis("split", o.axis ?? 0, a.ndim);
  const n = a.shape[axis]!;
  let bounds: number[];
  if (typeof sectionsOrIndices === "number") {
    const parts = sectionsOrIndices;
    if (!Number.isInteger(parts) || parts < 1 || n % parts !== 0) {
      fail("split", `cannot split axis ${axis} of size ${n} (shape ${shapeText(a.shape)}) into ${parts} equal parts`);
    }
    bounds = range(parts + 1).map((i) => (i * n) / parts);
  } else {
    const clamp = (i: number) => Math.min(n, Math.max(0, i < 0 ? i + n : i));
    bounds = [0, ...sectionsOrIndices.map(clamp), n];
  }
  return bounds.slice(1).map((end, i) => {
    const start = bounds[i]!;
    return sliceAxis(a, axis, start, Math.max(start, end));
  });
}

/** `x[..., start:limit, ...]` on one axis. */
function sliceAxis(x: ArrayValue, axis: number, start: number, limit: number): ArrayValue {
  if (start === 0 && limit === x.shape[axis]) return x;
  return bind1("slice", [x], {
    start: x.shape.map((_, i) => (i === axis ? start : 0)),
    limit: x.shape.map((d, i) => (i === axis ? limit : d)),
    strides: x.shape.map(() => 1),
  });
}

/** Repeats the whole array `reps` times along each axis (numpy's alignment of reps and axes). */
export function tile(x: ArrayOrScalar, reps: number | readonly number[]): ArrayValue {
  checkArity("tile", arguments, 2, "pass the repetitions as one list: np.tile(x, [2, 3])");
  const a = operand("tile", x);
  const given = axesOption("tile", "reps", reps);
  const list = typeof given === "number" ? [given] : given;
  if (!list.every((r) => r >= 0)) fail("tile", `reps must be non-negative integers, got ${describeValue(given)}`);
  const rank = Math.max(a.ndim, list.length);
  const r = [...new Array<number>(rank - list.length).fill(1), ...list];
  const shape = [...new Array<number>(rank - a.ndim).fill(1), ...a.shape];
  // Interleave a repeat axis before each axis: [r0, s0, r1, s1, ...], then merge the pairs.
  const expanded = shape.flatMap((d, i) => [r[i]!, d]);
  validShape("tile", shape.map((d, i) => d * r[i]!), a.dtype);
  const b = bind1("broadcastInDim", [reshapeTo(a, shape)], { shape: expanded, broadcastDimensions: shape.map((_, i) => 2 * i + 1) });
  return reshapeTo(b, shape.map((d, i) => d * r[i]!));
}

/** Repeats each element `repeats` times (or `repeats[i]` times for element i) along an axis; without an axis, of the flattened array. */
export function repeat<X extends ArrayOrScalar>(x: X, repeats: number | readonly number[], options?: { readonly axis?: number | null } | number | null): ArrayValue<OperandDtype<X>>;
export function repeat(x: ArrayOrScalar, repeats: number | readonly number[], options?: { readonly axis?: number | null } | number | null): ArrayValue {
  checkArity("repeat", arguments, 3);
  let a = operand("repeat", x);
  const o = readOptions("repeat", positional(options, "axis", isAxisLike), { axis: singleAxisOption });
  const given = axesOption("repeat", "repeats", repeats);
  if (o.axis === undefined || o.axis === null) a = ravel(a);
  const axis = normalizeAxis("repeat", o.axis ?? 0, a.ndim);
  const n = a.shape[axis]!;
  const list = typeof given === "number" ? [given] : given;
  if (!list.every((r) => r >= 0) || (list.length !== 1 && list.length !== n)) {
    fail("repeat", `repeats must be a non-negative integer or one per element of axis ${axis} (size ${n}), got ${describeValue(given)}`);
  }
  validShape("repeat", a.shape.map((d, i) => (i === axis ? (list.length === 1 ? d * list[0]! : list.reduce((p, q) => p + q, 0)) : d)), a.dtype);
  if (list.length === 1) {
    const r = list[0]!;
    const shape = [...a.shape.slice(0, axis + 1), r, ...a.shape.slice(axis + 1)];
    const dims = range(a.ndim).map((i) => (i <= axis ? i : i + 1));
    const b = bind1("broadcastInDim", [a], { shape, broadcastDimensions: dims });
    return reshapeTo(b, a.shape.map((d, i) => (i === axis ? d * r : d)));
  }
  const indices = list.flatMap((r, i) => new Array<number>(r).fill(i));
  return bind1("gather", [a, adoptBuffer(Int32Array.from(indices), [indices.length], "int32")], { axis });
}

// ---------------------------------------------------------------------------------------------
// reversing, indexing, padding

/** Reverses the order of elements along the given axes (all when omitted). */
export function flip(x: ArrayOrScalar, options?: { readonly axis?: number | readonly number[] | null } | number | readonly number[] | null): ArrayValue {
  checkArity("flip", arguments, 2);
  const a = operand("flip", x);
  const o = readOptions("flip", positional(options, "axis", isAxisLike), { axis: axisOption });
  const axes = normalizeAxes("flip", o.axis, a.ndim);
  return axes.length === 0 ? a : bind1("rev", [a], { axes });
}

/**
 * numpy `take`: elements at `indices` along an axis (of the flattened array without one).
 * Negative indices count from the end, concrete or traced; out-of-range indices are an error
 * (when the call is made for concrete ones, when the program runs for traced ones), never
 * wrapped or clipped.
 */
export function take<X extends ArrayOrScalar>(x: X, indices: ArrayValue | number | readonly unknown[], options?: AxisOptions | number | null): ArrayValue<OperandDtype<X>>;
export function take(x: ArrayOrScalar, indices: ArrayValue | number | readonly unknown[], options?: AxisOptions | number | null): ArrayValue {
  checkArity("take", arguments, 3);
  let a = operand("take", x);
  const o = readOptions("take", positional(options, "axis", isAxisLike), { axis: singleAxisOption });
  if (o.axis === undefined || o.axis === null) a = ravel(a);
  const axis = normalizeAxis("take", o.axis ?? 0, a.ndim);
  const n = a.shape[axis]!;
  let idx = indices instanceof ArrayValue ? indices : indexArray("take", indices as number | readonly unknown[]);
  if (idx.dtype !== "int32" && idx.dtype !== "uint32") fail("take", `indices must be integers, got dtype ${idx.dtype}`);
  // Check concrete indices before the int32 cast, so large uint32 values cannot wrap to negatives.
  if (idx instanceof NdArray) {
    const data = storageOf(idx);
    const wrapped = new Int32Array(data.length);
    for (let k = 0; k < data.length; k++) {
      const i = data[k]!;
      if (i < -n || i >= n) {
        fail("take", `index ${i} is out of range for axis ${axis} of size ${n} (shape ${shapeText(a.shape)}); expected -${n} <= index < ${n}`);
      }
      wrapped[k] = i < 0 ? i + n : i;
    }
    idx = adoptBuffer(wrapped, idx.shape, "int32");
  } else if (idx.dtype === "int32") {
    // An index below -n is left as it is, so gather's error names the index the caller gave.
    idx = where(less(idx, 0), where(less(idx, -n), idx, add(idx, n)), idx);
  }
  return bind1("gather", [a, cast(idx, "int32")], { axis });
}

/** A concrete int32 array from a JS number or nested list of integers. */
function indexArray(op: string, value: unknown): NdArray {
  const { shape, leaves } = readNested(op, value);
  for (const v of leaves) {
    if (typeof v !== "number" || !Number.isSafeInteger(v)) fail(op, `indices must be integers, got ${describeValue(v)} in ${describeValue(value)}`);
    // Int32Array.from would wrap 2^32 to 0: out of int32 range is an error, as JAX's OverflowError.
    if (v < -(2 ** 31) || v > 2 ** 31 - 1) fail(op, `index ${v} is out of int32 range [-2^31, 2^31 - 1]`);
  }
  return adoptBuffer(Int32Array.from(leaves as number[]), shape, "int32");
}

/** Options of `pad`: only numpy's "constant" mode. */
export interface PadOptions {
  readonly mode?: "constant";
  readonly constantValue?: number | boolean;
}

/** numpy's pad widths: `n`, `[before, after]` for every axis, or one `[before, after]` (or `[n]`) per axis. */
export type PadWidth = number | readonly number[] | readonly (readonly number[])[];

/** Pads with a constant (numpy's "constant" mode; `constantValue` defaults to 0). */
export function pad(x: ArrayOrScalar, padWidth: PadWidth, options?: PadOptions | "constant" | null): ArrayValue {
  checkArity("pad", arguments, 3);
  const a = operand("pad", x);
  const o = readOptions("pad", positional(options, "mode", (v) => typeof v === "string"), {
    mode: (op, name, v) => {
      if (v !== "constant") fail(op, `${name} ${describeValue(v)} is not supported; only "constant"`);
      return v;
    },
    constantValue: (op, name, v) => {
      if (typeof v !== "number" && typeof v !== "boolean") fail(op, `${name} must be a number or a boolean, got ${describeValue(v)}`);
      return v;
    },
  });
  const widths = padWidths(a.ndim, concrete("pad", "padWidth", padWidth));
  const value = storedScalar("pad", o.constantValue ?? 0, a.dtype);
  validShape("pad", a.shape.map((d, i) => d + widths[i]![0] + widths[i]![1]), a.dtype);
  if (widths.every(([lo, hi]) => lo === 0 && hi === 0)) return a;
  return bind1("pad", [a, value], { config: widths.map(([lo, hi]) => [lo, hi, 0] as const) });
}

/** numpy's broadcast of a pad width spec to one `[before, after]` per axis. */
function padWidths(rank: number, spec: unknown): [number, number][] {
  const bad = (): never =>
    fail("pad", `padWidth ${describeValue(spec)} must be n, [before, after], or one [before, after] per axis (${rank}), non-negative integers`);
  const isRow = Array.isArray(spec) && spec.every((s) => typeof s === "number");
  const rows = (typeof spec === "number" ? [[spec]] : isRow ? [spec] : spec) as readonly (readonly unknown[])[];
  if (!Array.isArray(rows) || (rows.length !== 1 && rows.length !== rank) || rows.some((_, i) => !(i in rows))) bad();
  return range(rank).map((i) => {
    const row = rows.length === 1 ? rows[0]! : rows[i]!;
    if (!Array.isArray(row) || (row.length !== 1 && row.length !== 2)) bad();
    const [lo, hi] = [row[0], row[row.length - 1]];
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || (lo as number) < 0 || (hi as number) < 0) bad();
    return [lo as number, hi as number];
  });
}

// ---------------------------------------------------------------------------------------------
// triangles and diagonals

/** A concrete bool mask over the last two axes: `keep(row, col)`. */
function matrixMask(rows: number, cols: number, keep: (row: number, col: number) => boolean): NdArray {
  const data = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = keep(r, c) ? 1 : 0;
  return adoptBuffer(data, [rows, cols], "bool");
}

/** The diagonal offset `{k}` (or JAX's positional k), default 0. */
function readK(op: string, options: unknown): number {
  return readOptions(op, positional(options, "k", (v) => typeof v === "number"), { k: integer }).k ?? 0;
}

function triangle(op: string, x: ArrayOrScalar, keep: (row: number, col: number) => boolean): ArrayValue {
  const a = operand(op, x);
  if (a.ndim < 2) fail(op, `expected an array with at least 2 axes, got shape ${shapeText(a.shape)}`);
  const mask = matrixMask(a.shape[a.ndim - 2]!, a.shape[a.ndim - 1]!, keep);
  return where(mask, a, scalar(0, a.dtype));
}

/** Zeroes the elements below the k-th diagonal of the last two axes (k > 0 is above the main diagonal). */
export function triu(x: ArrayOrScalar, options?: { readonly k?: number } | number | null): ArrayValue {
  checkArity("triu", arguments, 2);
  const k = readK("triu", options);
  return triangle("triu", x, (r, c) => c - r >= k);
}

/** Zeroes the elements above the k-th diagonal of the last two axes. */
export function tril(x: ArrayOrScalar, options?: { readonly k?: number } | number | null): ArrayValue {
  checkArity("tril", arguments, 2);
  const k = readK("tril", options);
  return triangle("tril", x, (r, c) => c - r <= k);
}

/** Options selecting a diagonal: its offset and the two axes of the matrices. */
export interface DiagonalOptions {
  readonly offset?: number;
  readonly axis1?: number;
  readonly axis2?: number;
}

/** The `offset` diagonal of the matrices on (axis1, axis2), as a new last axis (numpy's order). */
export function diagonal<X extends ArrayOrScalar>(x: X, options?: DiagonalOptions | number | null): ArrayValue<OperandDtype<X>>;
export function diagonal(x: ArrayOrScalar, options?: DiagonalOptions | number | null): ArrayValue {
  checkArity("diagonal", arguments, 2);
  return diagonalOf("diagonal", x, options);
}

/** Reads diagonal's options (or JAX's positional offset). */
function readDiagonal(op: string, options: unknown): DiagonalOptions {
  return readOptions(op, positional(options, "offset", (v) => typeof v === "number"), { offset: integer, axis1: integer, axis2: integer });
}

function diagonalOf(op: string, x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = operand(op, x);
  const o = readDiagonal(op, options);
  if (a.ndim < 2) fail(op, `expected an array with at least 2 axes, got shape ${shapeText(a.shape)}`);
  const offset = o.offset ?? 0;
  const i = normalizeAxis(op, o.axis1 ?? 0, a.ndim);
  const j = normalizeAxis(op, o.axis2 ?? 1, a.ndim);
  if (i === j) fail(op, `axis1 and axis2 must differ, both are ${i}`);
  const rest = range(a.ndim).filter((d) => d !== i && d !== j);
  const m = a.shape[i]!;
  const n = a.shape[j]!;
  const batch = rest.map((d) => a.shape[d]!);
  // In the flattened m*n matrix the diagonal is every (n+1)-th element from its first one.
  const flat = reshapeTo(transpose(a, [...rest, i, j]), [...batch, m * n]);
  const length = Math.max(0, offset >= 0 ? Math.min(m, n - offset) : Math.min(m + offset, n));
  const first = length === 0 ? 0 : offset >= 0 ? offset : -offset * n;
  const last = length === 0 ? 0 : first + (length - 1) * (n + 1) + 1;
  return bind1("slice", [flat], {
    start: [...batch.map(() => 0), first],
    limit: [...batch, last],
    strides: [...batch.map(() => 1), n + 1],
  });
}

/** A vector's elements placed on the k-th diagonal of a square matrix, or a matrix's k-th diagonal. */
export function diag(x: ArrayOrScalar, options?: { readonly k?: number } | number | null): ArrayValue {
  checkArity("diag", arguments, 2);
  const a = operand("diag", x);
  const k = readK("diag", options);
  if (a.ndim === 2) return diagonal(a, { offset: k });
  if (a.ndim !== 1) fail("diag", `expected a 1-D or 2-D array, got shape ${shapeText(a.shape)}`);
  const len = a.shape[0]!;
  const n = len + Math.abs(k);
  if (len === 0) return bind1("broadcastInDim", [scalar(0, a.dtype)], { shape: [n, n], broadcastDimensions: [] });
  // Interior padding of n spaces the vector n+1 apart: exactly the diagonal of the flattened matrix.
  const low = k >= 0 ? k : -k * n;
  const high = n * n - low - len - (len - 1) * n;
  return reshapeTo(bind1("pad", [a, scalar(0, a.dtype)], { config: [[low, high, n]] }), [n, n]);
}

/** Sum of the `offset` diagonal of the matrices on (axis1, axis2); bools are summed as int32. */
export function trace<X extends ArrayOrScalar>(x: X, options?: DiagonalOptions | number | null): ArrayValue<ArithmeticOf<OperandDtype<X>>>;
export function trace(x: ArrayOrScalar, options?: DiagonalOptions | number | null): ArrayValue {
  checkArity("trace", arguments, 2);
  let d = diagonalOf("trace", x, options);
  if (d.dtype === "bool") d = cast(d, "int32");
  return bind1("reduceSum", [d], { axes: [d.ndim - 1] });
}
