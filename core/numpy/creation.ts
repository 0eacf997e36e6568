/**
 * Array creation: `array`, `zeros`, `ones`, `full`, `arange`, `linspace`, `eye`, `fromFunction`.
 * Creation always yields a concrete NdArray (a constant under every transform).
 */
import { allocate, castScalar, defaultFloat, dtypeOfStorage, type DType, type TypedArray } from "../dtype.js";
import { fail } from "../errors.js";
import { adoptBuffer, ArrayValue, NdArray } from "../ndarray.js";
import { sizeOf, type Shape } from "../shape.js";
import { bool as boolOption, checkArity, count, describeValue, finite, integer, isPlainRecord, nullable, readOptions, validShape } from "../validate.js";
import { dtypeOption, positional, toElement } from "./args.js";
import { readNested } from "./nested.js";
import { astype } from "./elementwise.js";
import { broadcastTo, reshape } from "./movement.js";
import { checkOperand, resultDtype } from "./promote.js";
import type { DtypeFrom, NestedDtype, StorageDtype } from "../static-dtype.js";

/** A nested JS list of numbers or booleans. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Options shared by creation functions. */
export interface DtypeOption {
  readonly dtype?: DType;
}

/** A creation function's options: a record, or JAX's positional dtype (`np.zeros([2], "int32")`). */
export type DtypeArgument = DtypeOption | DType | null;

/** The options of `np.array`. */
export type ArrayOptions = (DtypeOption & { readonly shape?: Shape }) | DType | null;

/** The dtype `np.array` gives `value` when no dtype is asked for. */
export type ArrayDtype<V> = V extends { readonly dtype: DType } ? V["dtype"] : V extends TypedArray ? StorageDtype<V> : NestedDtype<V>;

const isDtypeName = (v: unknown): boolean => typeof v === "string";

/** Reads `{dtype}` (or a positional dtype string) for `op`. */
function dtypeOf(op: string, options: unknown): DType | undefined {
  return readOptions(op, positional(options, "dtype", isDtypeName), { dtype: dtypeOption }).dtype;
}

const TYPED_ARRAYS = [Float32Array, Float64Array, Int32Array, Uint32Array, Uint8Array] as const;

function isTypedArray(x: unknown): x is TypedArray {
  return TYPED_ARRAYS.some((T) => x instanceof T);
}

/**
 * Builds an array from nested lists, a TypedArray (copied; `shape` option reshapes it), a number,
 * a boolean or another array. JS numbers default to float32, booleans to bool. A Uint8Array is
 * read as bools (any nonzero byte is true), whatever dtype is requested.
 *
 * @example np.array([[1, 2], [3, 4]]) // array([[1., 2.], [3., 4.]], dtype=float32)
 */
export function array<V extends NestedArray | TypedArray | ArrayValue, O extends ArrayOptions | undefined = undefined>(value: V, options?: O): ArrayValue<DtypeFrom<O, ArrayDtype<V>>>;
export function array(value: NestedArray | TypedArray | ArrayValue, options?: ArrayOptions): ArrayValue {
  checkArity("array", arguments, 2);
  const read = readOptions("array", positional(options, "dtype", isDtypeName), { dtype: dtypeOption, shape: (op, name, v) => validShape(op, v, undefined, name) });
  const requested = read.dtype;
  if (value instanceof ArrayValue) {
    value.assertLive("array");
    const converted = requested === undefined ? value : astype(value, requested);
    return read.shape === undefined ? converted : reshape(converted, read.shape);
  }
  if (isTypedArray(value)) {
    const dtype = requested ?? dtypeOfStorage(value);
    const shape = read.shape === undefined ? [value.length] : read.shape;
    validShape("array", shape, dtype);
    if (sizeOf(shape) !== value.length) fail("array", `a buffer of ${value.length} elements cannot have shape [${shape.join(",")}]`);
    const data = allocate(dtype, value.length);
    if (value instanceof Uint8Array) {
      // A Uint8Array is bool storage: any nonzero byte is true (numpy's bool conversion), so
      // storage holds only 0 and 1 and every op agrees with what the array prints.
      for (let i = 0; i < value.length; i++) data[i] = value[i] !== 0 ? 1 : 0;
    } else if (dtype === dtypeOfStorage(value)) data.set(value);
    else for (let i = 0; i < value.length; i++) data[i] = castScalar(value[i]!, dtype);
    return adoptBuffer(data, shape, dtype);
  }
  if (ArrayBuffer.isView(value)) {
    fail("array", `cannot read ${describeValue(value)}; expected a Float32Array, Float64Array, Int32Array, Uint32Array or Uint8Array`);
  }
  const { shape, leaves, allBooleans } = readNested("array", value);
  const dtype = requested ?? (allBooleans || typeof value === "boolean" ? "bool" : defaultFloat);
  validShape("array", shape, dtype);
  const data = allocate(dtype, leaves.length);
  for (let i = 0; i < leaves.length; i++) data[i] = toElement("array", Number(leaves[i]), dtype);
  const result = adoptBuffer(data, shape, dtype);
  return read.shape === undefined ? result : reshape(result, read.shape);
}

/** Alias of array. */
export const asarray = array;

/** A fill value: a JS number or boolean (strings, null and the like are errors, never coerced). */
function fillValue(op: string, value: unknown): number | boolean {
  if (typeof value !== "number" && typeof value !== "boolean") {
    fail(op, `the fill value must be a number or a boolean, got ${describeValue(value)}`);
  }
  return value;
}

/** A shape argument: a list, or one integer for a 1-D shape (as JAX). */
function shapeOf(op: string, shape: unknown, dtype: DType): readonly number[] {
  return validShape(op, typeof shape === "number" ? [shape] : shape, dtype);
}

/** Fails for `np.zeros(2, 3)`, which JS would read as shape [2] and JAX as dtype 3. */
function checkNotSplitShape(op: string, shape: unknown, options: unknown, prefix = ""): void {
  if (typeof shape === "number" && typeof options === "number") {
    fail(op, `got the sizes ${shape} and ${options} as separate arguments; pass the shape as one list: np.${op}(${prefix}[${shape}, ${options}])`);
  }
}

/** An array of `shape` filled with `value` by `op`. */
function filled(op: string, shape: unknown, value: unknown, options: unknown, defaultDtype?: DType): NdArray {
  const v = fillValue(op, value);
  const dtype = dtypeOf(op, options) ?? defaultDtype ?? (typeof v === "boolean" ? "bool" : defaultFloat);
  const dims = shapeOf(op, shape, dtype);
  const data = allocate(dtype, sizeOf(dims));
  data.fill(toElement(op, Number(v), dtype));
  return adoptBuffer(data, dims, dtype);
}

/**
 * An array of `shape` filled with `value`: a JS number or boolean, or (as JAX) an array
 * broadcast to `shape`, whose dtype the result keeps unless `dtype` is given.
 */
export function full<V extends number | boolean, O extends DtypeArgument | undefined = undefined>(shape: Shape | number, value: V, options?: O): NdArray<DtypeFrom<O, V extends boolean ? "bool" : "float32">>;
export function full<D extends DType, O extends DtypeArgument | undefined = undefined>(shape: Shape | number, value: ArrayValue<D>, options?: O): ArrayValue<DtypeFrom<O, D>>;
export function full(shape: Shape | number, value: number | boolean | ArrayValue, options?: DtypeArgument): ArrayValue {
  checkArity("full", arguments, 3);
  if (value instanceof ArrayValue) return filledWithArray("full", shape, value, options);
  return filled("full", shape, value, options);
}

/** `fill` converted to the requested dtype (its own by default) and broadcast to `shape` (JAX's full with an array fill value). */
function filledWithArray(op: string, shape: unknown, fill: ArrayValue, options: unknown): ArrayValue {
  fill.assertLive(op);
  const dtype = dtypeOf(op, options) ?? fill.dtype;
  const dims = shapeOf(op, shape, dtype);
  return broadcastTo(fill.dtype === dtype ? fill : astype(fill, dtype), dims);
}

/** An array of zeros. */
export function zeros<O extends DtypeArgument | undefined = undefined>(shape: Shape | number, options?: O): NdArray<DtypeFrom<O, "float32">>;
export function zeros(shape: Shape | number, options?: DtypeArgument): NdArray {
  checkNotSplitShape("zeros", shape, options);
  checkArity("zeros", arguments, 2, "pass the shape as one list: np.zeros([2, 3])");
  return filled("zeros", shape, 0, options, defaultFloat);
}

/** An array of ones. */
export function ones<O extends DtypeArgument | undefined = undefined>(shape: Shape | number, options?: O): NdArray<DtypeFrom<O, "float32">>;
export function ones(shape: Shape | number, options?: DtypeArgument): NdArray {
  checkNotSplitShape("ones", shape, options);
  checkArity("ones", arguments, 2, "pass the shape as one list: np.ones([2, 3])");
  return filled("ones", shape, 1, options, defaultFloat);
}

/** The shape and dtype of a `*Like` function's model (an array, or a JS scalar with its own dtype). */
function modelOf(op: string, x: unknown): { shape: Shape; dtype: DType } {
  const model = checkOperand(op, x);
  return model instanceof ArrayValue ? { shape: model.shape, dtype: model.dtype } : { shape: [], dtype: resultDtype([model]) };
}

/** Zeros with the shape (and, by default, dtype) of `x`. */
export function zerosLike<D extends DType, O extends DtypeArgument | undefined = undefined>(x: ArrayValue<D>, options?: O): NdArray<DtypeFrom<O, D>>;
export function zerosLike(x: ArrayValue, options?: DtypeArgument): NdArray {
  checkArity("zerosLike", arguments, 2);
  const model = modelOf("zerosLike", x);
  return filled("zerosLike", model.shape, 0, options, model.dtype);
}

/** Ones with the shape and dtype of `x`. */
export function onesLike<D extends DType, O extends DtypeArgument | undefined = undefined>(x: ArrayValue<D>, options?: O): NdArray<DtypeFrom<O, D>>;
export function onesLike(x: ArrayValue, options?: DtypeArgument): NdArray {
  checkArity("onesLike", arguments, 2);
  const model = modelOf("onesLike", x);
  return filled("onesLike", model.shape, 1, options, model.dtype);
}

/** `value` with the shape and dtype of `x`. */
export function fullLike<D extends DType, O extends DtypeArgument | undefined = undefined>(x: ArrayValue<D>, value: number | boolean, options?: O): NdArray<DtypeFrom<O, D>>;
export function fullLike(x: ArrayValue, value: number | boolean, options?: DtypeArgument): NdArray {
  checkArity("fullLike", arguments, 3);
  const model = modelOf("fullLike", x);
  return filled("fullLike", model.shape, value, options, model.dtype);
}

/**
 * Evenly spaced values in [start, stop): `arange(5)`, `arange(2, 10, 2)`. Integer arguments give
 * int32 (as JAX), others float32.
 */
export function arange<O extends DtypeArgument | undefined = undefined>(start: number, stop?: number | null, step?: number, options?: O): NdArray<DtypeFrom<O, "int32" | "float32">>;
export function arange(start: number, stop?: number | null | DtypeOption, step?: number | DtypeOption, options?: DtypeArgument): NdArray;
export function arange(start: number, stop?: number | null | DtypeOption, step?: number | DtypeOption, options?: DtypeArgument): NdArray {
  checkArity("arange", arguments, 4);
  // numpy's arange(stop, dtype=...) and arange(start, stop, dtype=...): the options record may
  // come right after the last number given.
  if (isPlainRecord(stop) && step === undefined && options === undefined) [stop, options] = [undefined, stop];
  if (isPlainRecord(step) && options === undefined) [step, options] = [undefined, step];
  const lo0 = finite("arange", "start", start);
  const hi0 = stop === undefined || stop === null ? undefined : finite("arange", "stop", stop);
  const by = step === undefined ? 1 : finite("arange", "step", step);
  const [lo, hi] = hi0 === undefined ? [0, lo0] : [lo0, hi0];
  if (by === 0) fail("arange", "step must not be zero");
  const dtype = dtypeOf("arange", options) ?? ([lo, hi, by].every(Number.isInteger) ? "int32" : defaultFloat);
  const n = Math.max(0, Math.ceil((hi - lo) / by));
  validShape("arange", [n], dtype);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = toElement("arange", lo + i * by, dtype);
  return adoptBuffer(data, [n], dtype);
}

/** `num` evenly spaced values from start to stop (inclusive unless `endpoint` is false). */
export function linspace<O extends (DtypeOption & { readonly endpoint?: boolean }) | boolean | null | undefined = undefined>(start: number, stop: number, num?: number, options?: O): NdArray<DtypeFrom<O, "float32">>;
export function linspace(start: number, stop: number, num?: number, options?: (DtypeOption & { readonly endpoint?: boolean }) | boolean | null): NdArray {
  checkArity("linspace", arguments, 4);
  const from = finite("linspace", "start", start);
  const to = finite("linspace", "stop", stop);
  const n = num === undefined ? 50 : count("linspace", "num", num);
  const read = readOptions("linspace", positional(options, "endpoint", (v) => typeof v === "boolean"), { dtype: dtypeOption, endpoint: boolOption });
  const dtype = read.dtype ?? defaultFloat;
  validShape("linspace", [n], dtype);
  const endpoint = read.endpoint ?? true;
  const divisions = endpoint ? n - 1 : n;
  const step = divisions > 0 ? (to - from) / divisions : 0;
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = toElement("linspace", from + i * step, dtype);
  if (endpoint && n > 1) data[n - 1] = toElement("linspace", to, dtype);
  return adoptBuffer(data, [n], dtype);
}

/**
 * An n x m matrix with ones on diagonal `k` (0 main, >0 above, <0 below); `k` may be given
 * positionally, as JAX's `eye(2, 3, 1)`.
 */
export function eye<O extends (DtypeOption & { readonly k?: number }) | number | null | undefined = undefined>(n: number, m?: number | null, options?: O): NdArray<DtypeFrom<O, "float32">>;
export function eye(n: number, m?: number | null, options?: (DtypeOption & { readonly k?: number }) | number | null): NdArray {
  checkArity("eye", arguments, 3);
  const rows = count("eye", "n", n);
  const cols = nullable(count)("eye", "m", m === undefined ? null : m) ?? rows;
  const read = readOptions("eye", positional(options, "k", (v) => typeof v === "number"), { k: integer, dtype: dtypeOption });
  const k = read.k ?? 0;
  const dtype = read.dtype ?? defaultFloat;
  validShape("eye", [rows, cols], dtype);
  const data = allocate(dtype, rows * cols);
  for (let i = 0; i < rows; i++) {
    const j = i + k;
    if (j >= 0 && j < cols) data[i * cols + j] = 1;
  }
  return adoptBuffer(data, [rows, cols], dtype);
}

/** The n x n identity matrix. */
export function identity<O extends DtypeArgument | undefined = undefined>(n: number, options?: O): NdArray<DtypeFrom<O, "float32">>;
export function identity(n: number, options?: DtypeArgument): NdArray {
  checkArity("identity", arguments, 2);
  const size = count("identity", "n", n);
  return eye(size, size, { dtype: dtypeOf("identity", options) ?? defaultFloat });
}

/**
 * An array whose element at each index is `fn(...index)`. Unlike numpy's fromfunction, `fn` is
 * called once per element with plain integers (a JS callback, not traced); it must return a
 * number or a boolean.
 */
export function fromFunction<O extends DtypeArgument | undefined = undefined>(fn: (...index: number[]) => number | boolean, shape: Shape, options?: O): NdArray<DtypeFrom<O, "float32">>;
export function fromFunction(fn: (...index: number[]) => number | boolean, shape: Shape, options?: DtypeArgument): NdArray {
  checkArity("fromFunction", arguments, 3);
  if (typeof fn !== "function") fail("fromFunction", `the first argument must be a function of the index, got ${describeValue(fn)}`);
  const dtype = dtypeOf("fromFunction", options) ?? defaultFloat;
  const dims = validShape("fromFunction", shape, dtype);
  const data = allocate(dtype, sizeOf(dims));
  const index = new Array<number>(dims.length).fill(0);
  for (let i = 0; i < data.length; i++) {
    const v: unknown = fn(...index);
    if (typeof v !== "number" && typeof v !== "boolean") {
      fail("fromFunction", `fn returned ${describeValue(v)} at index [${index.join(",")}]; expected a number or a boolean`);
    }
    data[i] = toElement("fromFunction", Number(v), dtype);
    for (let d = dims.length - 1; d >= 0; d--) {
      if (++index[d]! < dims[d]!) break;
      index[d] = 0;
    }
  }
  return adoptBuffer(data, dims, dtype);
}
