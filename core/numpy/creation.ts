/**
 * Array creation: `array`, `zeros`, `ones`, `full`, `arange`, `linspace`, `eye`, `fromFunction`.
 * Creation always yields a concrete NdArray (a constant under every transform).
 */
import { allocate, castScalar, defaultFloat, dtypeOfStorage, isDType, toElement, type DType, type TypedArray } from "../dtype.js";
import { fail } from "../errors.js";
import { adoptBuffer, ArrayValue, NdArray } from "../ndarray.js";
import { checkShape, sizeOf, type Shape } from "../shape.js";
import { astype } from "./elementwise.js";

/** A nested JS list of numbers or booleans. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Options shared by creation functions. */
export interface DtypeOption {
  readonly dtype?: DType;
}

function checkDtype(op: string, dtype: unknown): DType {
  if (!isDType(dtype)) fail(op, `unknown dtype ${JSON.stringify(dtype)}; expected float32, float64, int32, uint32 or bool`);
  return dtype;
}

function isTypedArray(x: unknown): x is TypedArray {
  return (
    x instanceof Float32Array || x instanceof Float64Array || x instanceof Int32Array || x instanceof Uint32Array || x instanceof Uint8Array
  );
}

/** The shape of a nested list, checking it is rectangular and holds only numbers/booleans. */
function nestedShape(value: NestedArray): { shape: number[]; allBooleans: boolean } {
  const shape: number[] = [];
  for (let v: NestedArray = value; Array.isArray(v); v = (v as readonly NestedArray[])[0]!) {
    shape.push(v.length);
    if (v.length === 0) break;
  }
  let allBooleans = true;
  const visit = (v: NestedArray, axis: number, path: string): void => {
    if (axis === shape.length) {
      if (typeof v === "boolean") return;
      if (typeof v !== "number") fail("array", `element at ${path || "top level"} is ${v === null ? "null" : typeof v}; expected a number or boolean`);
      allBooleans = false;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[axis]) {
      fail("array", `ragged nested input: ${path || "the top level"} has ${Array.isArray(v) ? `length ${v.length}` : "a scalar"} where axis ${axis} needs length ${shape[axis]} (shape so far [${shape.join(",")}])`);
    }
    (v as readonly NestedArray[]).forEach((child, i) => visit(child, axis + 1, `${path}[${i}]`));
  };
  visit(value, 0, "");
  return { shape, allBooleans: allBooleans && sizeOf(shape) > 0 };
}

/**
 * Builds an array from nested lists, a TypedArray (copied; `shape` option reshapes it), a number,
 * a boolean or another array. JS numbers default to float32, booleans to bool.
 *
 * @example np.array([[1, 2], [3, 4]]) // array([[1., 2.], [3., 4.]], dtype=float32)
 */
export function array(value: NestedArray | TypedArray | ArrayValue, options: DtypeOption & { readonly shape?: Shape } = {}): ArrayValue {
  const requested = options.dtype === undefined ? undefined : checkDtype("array", options.dtype);
  if (value instanceof ArrayValue) {
    value.assertLive("array");
    return requested === undefined ? value : astype(value, requested);
  }
  if (isTypedArray(value)) {
    const dtype = requested ?? dtypeOfStorage(value);
    const shape = options.shape === undefined ? [value.length] : checkShape("array", options.shape);
    if (sizeOf(shape) !== value.length) fail("array", `a buffer of ${value.length} elements cannot have shape [${shape.join(",")}]`);
    const data = allocate(dtype, value.length);
    if (dtype === dtypeOfStorage(value)) data.set(value);
    else for (let i = 0; i < value.length; i++) data[i] = castScalar(value[i]!, dtype);
    return adoptBuffer(data, shape, dtype);
  }
  const { shape, allBooleans } = nestedShape(value);
  const dtype = requested ?? (allBooleans || typeof value === "boolean" ? "bool" : defaultFloat);
  const data = allocate(dtype, sizeOf(shape));
  let i = 0;
  const fill = (v: NestedArray): void => {
    if (Array.isArray(v)) (v as readonly NestedArray[]).forEach(fill);
    else data[i++] = toElement("array", Number(v), dtype);
  };
  fill(value);
  const result = adoptBuffer(data, shape, dtype);
  return options.shape === undefined ? result : result.reshape(checkShape("array", options.shape));
}

/** Alias of array. */
export const asarray = array;

/** An array of `shape` filled with `value`. */
export function full(shape: Shape | number, value: number | boolean, options: DtypeOption = {}): NdArray {
  const dims = checkShape("full", typeof shape === "number" ? [shape] : shape);
  const dtype = options.dtype === undefined ? (typeof value === "boolean" ? "bool" : defaultFloat) : checkDtype("full", options.dtype);
  const data = allocate(dtype, sizeOf(dims));
  data.fill(toElement("full", Number(value), dtype));
  return adoptBuffer(data, dims, dtype);
}

/** An array of zeros. */
export function zeros(shape: Shape | number, options: DtypeOption = {}): NdArray {
  return full(shape, 0, options);
}

/** An array of ones. */
export function ones(shape: Shape | number, options: DtypeOption = {}): NdArray {
  return full(shape, 1, options);
}

/** Zeros with the shape (and, by default, dtype) of `x`. */
export function zerosLike(x: ArrayValue, options: DtypeOption = {}): NdArray {
  return full(x.shape, 0, { dtype: options.dtype ?? x.dtype });
}

/** Ones with the shape and dtype of `x`. */
export function onesLike(x: ArrayValue, options: DtypeOption = {}): NdArray {
  return full(x.shape, 1, { dtype: options.dtype ?? x.dtype });
}

/** `value` with the shape and dtype of `x`. */
export function fullLike(x: ArrayValue, value: number | boolean, options: DtypeOption = {}): NdArray {
  return full(x.shape, value, { dtype: options.dtype ?? x.dtype });
}

/**
 * Evenly spaced values in [start, stop): `arange(5)`, `arange(2, 10, 2)`. Integer arguments give
 * int32 (as JAX), others float32.
 */
export function arange(start: number, stop?: number, step = 1, options: DtypeOption = {}): NdArray {
  const [lo, hi] = stop === undefined ? [0, start] : [start, stop];
  if (![lo, hi, step].every(Number.isFinite)) fail("arange", `expected finite start/stop/step, got ${lo}, ${hi}, ${step}`);
  if (step === 0) fail("arange", "step must not be zero");
  const dtype = options.dtype ?? ([lo, hi, step].every(Number.isInteger) ? "int32" : defaultFloat);
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const data = allocate(checkDtype("arange", dtype), n);
  for (let i = 0; i < n; i++) data[i] = toElement("arange", lo + i * step, dtype);
  return adoptBuffer(data, [n], dtype);
}

/** `num` evenly spaced values from start to stop (inclusive unless `endpoint` is false). */
export function linspace(start: number, stop: number, num = 50, options: DtypeOption & { readonly endpoint?: boolean } = {}): NdArray {
  if (!Number.isInteger(num) || num < 0) fail("linspace", `num must be a non-negative integer, got ${num}`);
  const dtype = checkDtype("linspace", options.dtype ?? defaultFloat);
  const endpoint = options.endpoint ?? true;
  const divisions = endpoint ? num - 1 : num;
  const step = divisions > 0 ? (stop - start) / divisions : 0;
  const data = allocate(dtype, num);
  for (let i = 0; i < num; i++) data[i] = toElement("linspace", start + i * step, dtype);
  if (endpoint && num > 1) data[num - 1] = toElement("linspace", stop, dtype);
  return adoptBuffer(data, [num], dtype);
}

/** An n x m matrix with ones on diagonal `k` (0 main, >0 above, <0 below). */
export function eye(n: number, m?: number, options: DtypeOption & { readonly k?: number } = {}): NdArray {
  const cols = m ?? n;
  const k = options.k ?? 0;
  checkShape("eye", [n, cols]);
  if (!Number.isInteger(k)) fail("eye", `diagonal offset k must be an integer, got ${k}`);
  const dtype = checkDtype("eye", options.dtype ?? defaultFloat);
  const data = allocate(dtype, n * cols);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < cols) data[i * cols + j] = 1;
  }
  return adoptBuffer(data, [n, cols], dtype);
}

/** The n x n identity matrix. */
export function identity(n: number, options: DtypeOption = {}): NdArray {
  return eye(n, n, options);
}

/**
 * An array whose element at each index is `fn(...index)`. Unlike numpy's fromfunction, `fn` is
 * called once per element with plain integers (a JS callback, not traced).
 */
export function fromFunction(fn: (...index: number[]) => number | boolean, shape: Shape, options: DtypeOption = {}): NdArray {
  const dims = checkShape("fromFunction", shape);
  const dtype = checkDtype("fromFunction", options.dtype ?? defaultFloat);
  const data = allocate(dtype, sizeOf(dims));
  const index = new Array<number>(dims.length).fill(0);
  for (let i = 0; i < data.length; i++) {
    data[i] = toElement("fromFunction", Number(fn(...index)), dtype);
    for (let d = dims.length - 1; d >= 0; d--) {
      if (++index[d]! < dims[d]!) break;
      index[d] = 0;
    }
  }
  return adoptBuffer(data, dims, dtype);
}
