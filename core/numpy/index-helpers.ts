/**
 * numpy's index helpers over JAX's rules: the indices of a diagonal, of a triangle, of a grid
 * (`indices`, `ix`), of a mask, and conversions between flat and multi-dimensional indices. Sizes
 * are static (they come from JS numbers or shapes), so the results are concrete int32 arrays
 * where the inputs are numbers, and traced where the inputs are traced (`ix`, `ravelMultiIndex`,
 * `unravelIndex`). A tuple of index arrays in JAX is a JS array of arrays here.
 */
import { allocate, isInteger, type DType } from "../dtype.js";
import { fail } from "../errors.js";
import { NdArray, type ArrayOrScalar, type ArrayValue } from "../ndarray.js";
import { checkArity, count, describeValue, integer, oneOf, readOptions } from "../validate.js";
import { concrete, dtypeOption } from "./args.js";
import { ones } from "./creation.js";
import { add, clip, floorDivide, greater, less, multiply, remainder, where } from "./elementwise.js";
import { broadcastTo, reshape, stack } from "./movement.js";
import { nonzero } from "./sized.js";
import { cast, checkOperand, promote, scalar } from "./promote.js";

/** A concrete int32 vector. */
const int32Vector = (values: readonly number[]): NdArray => {
  const data = allocate("int32", values.length);
  values.forEach((v, i) => (data[i] = v));
  return NdArray.fromBuffer(data, [values.length], "int32");
};

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** The indices of the main diagonal of an n x n x ... (ndim axes) array: `ndim` copies of 0..n-1. */
export function diagIndices(n: number, ndim = 2): ArrayValue[] {
  checkArity("diagIndices", arguments, 2);
  const size = count("diagIndices", "n", n);
  const rank = count("diagIndices", "ndim", ndim);
  const iota = int32Vector(Array.from({ length: size }, (_, i) => i));
  return Array.from({ length: rank }, () => iota);
}

/** The indices of the main diagonal of x, whose axes (at least 2) must all have one length. */
export function diagIndicesFrom(x: ArrayValue): ArrayValue[] {
  checkArity("diagIndicesFrom", arguments, 1);
  const a = promote("diagIndicesFrom", checkOperand("diagIndicesFrom", x))[0]!;
  if (a.ndim < 2) fail("diagIndicesFrom", `the input must have at least 2 axes, got shape ${shapeText(a.shape)}`);
  if (new Set(a.shape).size !== 1) fail("diagIndicesFrom", `all axes of the input must have one length, got shape ${shapeText(a.shape)}`);
  return diagIndices(a.shape[0]!, a.ndim);
}

/** Options of indices: the index dtype (int32 by default) and the sparse form. */
export interface IndicesOptions {
  readonly dtype?: DType;
  /** One array per axis, each of length 1 except along its own axis, instead of the dense stack. */
  readonly sparse?: boolean;
}

/**
 * The index grid of an array of shape `dimensions`: an array of shape [ndim, ...dimensions]
 * whose k-th slice holds each element's index along axis k; `sparse` gives the broadcastable
 * vectors instead (a list).
 */
export function indices(dimensions: readonly number[], options?: (IndicesOptions & { readonly sparse?: false }) | null): ArrayValue;
export function indices(dimensions: readonly number[], options: IndicesOptions & { readonly sparse: true }): ArrayValue[];
export function indices(dimensions: readonly number[], options?: IndicesOptions | null): ArrayValue | ArrayValue[];
export function indices(dimensions: readonly number[], options?: IndicesOptions | null): ArrayValue | ArrayValue[] {
  checkArity("indices", arguments, 2);
  dimensions = concrete("indices", "dimensions", dimensions) as readonly number[];
  if (!Array.isArray(dimensions)) fail("indices", `dimensions must be a list of sizes, got ${describeValue(dimensions)}`);
  const dims = dimensions.map((d, i) => count("indices", `dimensions[${i}]`, d));
  const o = readOptions("indices", options, { dtype: dtypeOption, sparse: (p, n, v) => (typeof v === "boolean" ? v : fail(p, `${n} must be a boolean, got ${describeValue(v)}`)) });
  const dtype = o.dtype ?? "int32";
  const vectors = dims.map((d, k) => {
    const placed = reshape(cast(int32Vector(Array.from({ length: d }, (_, i) => i)), dtype), dims.map((e, j) => (j === k ? e : 1)));
    return o.sparse ? placed : broadcastTo(placed, dims);
  });
  if (o.sparse) return vectors;
  if (dims.length === 0) return cast(int32Vector([]), dtype);
  return stack(vectors, 0);
}

/**
 * Open-mesh index arrays from 1-D index vectors (numpy's `ix_`): the i-th result has the i-th
 * vector along axis i and length 1 elsewhere, so `x.at`-style indexing with them picks the
 * cross product. Bool vectors are not supported (as JAX); an empty vector gives int32.
 */
export function ix(...vectors: ArrayValue[]): ArrayValue[] {
  const n = vectors.length;
  return vectors.map((v, i) => {
    const a = promote("ix", checkOperand("ix", v, i))[0]!;
    if (a.ndim !== 1) fail("ix", `every argument must be 1-D, got shape ${shapeText(a.shape)} at position ${i}`);
    if (a.dtype === "bool") fail("ix", `bool arguments are not supported (as in JAX), got a bool vector at position ${i}; use np.nonzero first`);
    const shape = Array.from({ length: n }, (_, j) => (j === i ? a.shape[0]! : 1));
    return a.size === 0 ? broadcastTo(scalar(0, "int32"), shape) : reshape(a, shape);
  });
}

/**
 * The indices (rows, columns) where `maskFunc(ones([n, n]), k)` is nonzero, such as
 * `np.triu` for the upper triangle; `size` fixes the count as in nonzero.
 */
export function maskIndices(
  n: number,
  maskFunc: (x: ArrayValue, k: number) => ArrayValue,
  k = 0,
  options?: { readonly size?: number | null } | null,
): ArrayValue[] {
  checkArity("maskIndices", arguments, 4);
  const size = count("maskIndices", "n", n);
  if (typeof maskFunc !== "function") fail("maskIndices", `maskFunc must be a function (x, k) => mask, such as np.triu, got ${describeValue(maskFunc)}`);
  const o = readOptions("maskIndices", options, { size: (p, name, v) => (v === null ? null : count(p, name, v)) });
  const mask = maskFunc(ones([size, size]), integer("maskIndices", "k", k));
  if (mask === null || typeof mask !== "object" || !("shape" in mask) || (mask.shape as number[]).length !== 2) {
    fail("maskIndices", `maskFunc must return an ${size}x${size} array, got ${describeValue(mask)}`);
  }
  return nonzero(mask, o.size === undefined || o.size === null ? null : { size: o.size });
}

/** The (rows, columns) of the cells where `inside(row, column)` holds in an n x m grid, in row-major order. */
function triangleIndices(n: number, m: number, inside: (r: number, c: number) => boolean): ArrayValue[] {
  const rows: number[] = [];
  const cols: number[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < m; c++) {
      if (inside(r, c)) {
        rows.push(r);
        cols.push(c);
      }
    }
  }
  return [int32Vector(rows), int32Vector(cols)];
}

function readTriangle(op: string, n: number, k: number, m: number | null | undefined): [number, number, number] {
  return [count(op, "n", n), integer(op, "k", k), m === undefined || m === null ? count(op, "n", n) : count(op, "m", m)];
}

/** The indices (rows, columns) of the lower triangle of an n x m matrix (m = n by default), at and below the k-th diagonal. */
export function trilIndices(n: number, k = 0, m?: number | null): ArrayValue[] {
  checkArity("trilIndices", arguments, 3);
  const [rows, diagonal, cols] = readTriangle("trilIndices", n, k, m);
  return triangleIndices(rows, cols, (r, c) => c - r <= diagonal);
}

/** The indices (rows, columns) of the upper triangle of an n x m matrix (m = n by default), at and above the k-th diagonal. */
export function triuIndices(n: number, k = 0, m?: number | null): ArrayValue[] {
  checkArity("triuIndices", arguments, 3);
  const [rows, diagonal, cols] = readTriangle("triuIndices", n, k, m);
  return triangleIndices(rows, cols, (r, c) => c - r >= diagonal);
}

function matrixShape(op: string, x: ArrayValue): [number, number] {
  const a = promote(op, checkOperand(op, x))[0]!;
  if (a.ndim !== 2) fail(op, `only 2-D inputs are accepted, got shape ${shapeText(a.shape)}`);
  return [a.shape[0]!, a.shape[1]!];
}

/** trilIndices for x's shape (x must be 2-D). */
export function trilIndicesFrom(x: ArrayValue, k = 0): ArrayValue[] {
  checkArity("trilIndicesFrom", arguments, 2);
  const [n, m] = matrixShape("trilIndicesFrom", x);
  return trilIndices(n, k, m);
}

/** triuIndices for x's shape (x must be 2-D). */
export function triuIndicesFrom(x: ArrayValue, k = 0): ArrayValue[] {
  checkArity("triuIndicesFrom", arguments, 2);
  const [n, m] = matrixShape("triuIndicesFrom", x);
  return triuIndices(n, k, m);
}

/** Options of ravelMultiIndex. */
export interface RavelMultiIndexOptions {
  /**
   * Out-of-range indices: "raise" (default; needs concrete indices), "wrap" (modulo the size),
   * "clip" (to the valid range) or "ignore" (used as they are).
   */
  readonly mode?: "raise" | "wrap" | "clip" | "ignore";
  /** "C" (row-major, default) or "F" (column-major). */
  readonly order?: "C" | "F";
  /** The integer dtype of the result (default: the indices' dtype, int32). */
  readonly dtype?: DType;
}

/** The flat indices into an array of shape `dims` of the multi-indices (one integer array per axis, broadcast together). */
export function ravelMultiIndex(multiIndex: readonly ArrayOrScalar[], dims: readonly number[], options?: RavelMultiIndexOptions | null): ArrayValue {
  checkArity("ravelMultiIndex", arguments, 3);
  const op = "ravelMultiIndex";
  if (!Array.isArray(multiIndex)) fail(op, `multiIndex must be a list of index arrays (one per axis), got ${describeValue(multiIndex)}`);
  dims = concrete(op, "dims", dims) as readonly number[];
  if (!Array.isArray(dims)) fail(op, `dims must be a list of sizes, got ${describeValue(dims)}`);
  const sizes = dims.map((d, i) => count(op, `dims[${i}]`, d));
  if (multiIndex.length !== sizes.length) fail(op, `expected one index array per axis of dims ${shapeText(sizes)}, got ${multiIndex.length}`);
  const o = readOptions(op, options, { mode: oneOf(["raise", "wrap", "clip", "ignore"] as const), order: oneOf(["C", "F"] as const), dtype: dtypeOption });
  const arrays = multiIndex.map((m, i) => promote(op, checkOperand(op, m, i))[0]!);
  for (const a of arrays) if (!isInteger(a.dtype)) fail(op, `only integer indices are permitted, got ${a.dtype}`);
  const dtype = o.dtype ?? (arrays.length === 0 ? "int32" : promote(op, ...arrays, 0)[0]!.dtype);
  if (!isInteger(dtype)) fail(op, `dtype=${dtype} is not an integer dtype`);
  const total = sizes.reduce((p, d) => p * d, 1);
  const max = dtype === "int32" ? 2 ** 31 - 1 : 2 ** 32 - 1;
  if (total - 1 > max) fail(op, `dtype=${dtype} cannot hold the flat indices of dims ${shapeText(sizes)}; pass a larger dtype`);
  const mode = o.mode ?? "raise";
  const bounded = arrays.map((a, i) => {
    const d = sizes[i]!;
    if (mode === "raise") {
      if (!(a instanceof NdArray)) fail(op, `the indices are traced, so mode "raise" cannot check them: use mode "wrap", "clip" or "ignore"`);
      const values = [a.toArray()].flat(Infinity) as number[];
      if (values.some((v) => v < 0 || v >= d)) fail(op, `invalid entry in the coordinates: an index of axis ${i} is outside [0, ${d})`);
      return a;
    }
    if (mode === "clip") return clip(a, 0, d - 1);
    if (mode === "wrap") return remainder(a, d);
    return a;
  });
  // Row-major strides by default: the last axis varies fastest.
  const order = o.order ?? "C";
  const strides = sizes.map((_, i) =>
    (order === "C" ? sizes.slice(i + 1) : sizes.slice(0, i)).reduce((p, d) => p * d, 1),
  );
  return bounded.reduce<ArrayValue>((acc, a, i) => add(acc, multiply(cast(a, dtype), scalar(strides[i]!, dtype))), scalar(0, dtype));
}

/**
 * The multi-indices (one array per axis of `shape`) of the flat indices into an array of that
 * shape. Out-of-range flat indices are clamped to the first or last position, as JAX does.
 */
export function unravelIndex(flatIndices: ArrayOrScalar, shape: readonly number[] | number): ArrayValue[] {
  checkArity("unravelIndex", arguments, 2);
  const op = "unravelIndex";
  const a = promote(op, checkOperand(op, flatIndices))[0]!;
  shape = concrete(op, "shape", shape) as readonly number[] | number;
  const sizes = (typeof shape === "number" ? [shape] : Array.isArray(shape) ? shape : fail(op, `shape must be a list of sizes, got ${describeValue(shape)}`)).map((d, i) =>
    count(op, `shape[${i}]`, d),
  );
  if (!isInteger(a.dtype)) fail(op, `only integer indices are permitted, got ${a.dtype}`);
  const out: ArrayValue[] = new Array(sizes.length);
  let rest = a;
  for (let i = sizes.length - 1; i >= 0; i--) {
    out[i] = remainder(rest, sizes[i]!);
    rest = floorDivide(rest, sizes[i]!);
  }
  const pastEnd = greater(rest, 0);
  const beforeStart = a.dtype === "uint32" ? null : less(rest, -1);
  return out.map((index, i) => {
    const low = beforeStart === null ? index : where(beforeStart, scalar(0, index.dtype), index);
    return where(pastEnd, scalar(sizes[i]! - 1, index.dtype), low);
  });
}
