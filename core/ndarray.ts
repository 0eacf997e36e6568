/**
 * Arrays. `ArrayValue` is the one interface a user function sees, whether it holds a concrete
 * `NdArray` or a transform's tracer. Its op methods (`x.add(y)`, `x.sum()`, ...) are thin wrappers
 * over the `np` functions, installed by core/array-methods.ts (which sits above numpy, so this
 * file does not import it). `NdArray` is the concrete array: a shape, a dtype and a TypedArray
 * that is never written after construction.
 */
import { allocate, dtypeOfStorage, type DType, type StorageOf, type TypedArray } from "./dtype.js";
import { describe, fail } from "./errors.js";
import { formatArray } from "./format.js";
import { inspectCustom } from "./inspect.js";
import { sizeOf, type Shape } from "./shape.js";
import type { ItemOf } from "./static-dtype.js";
import { arrayBrand, describeValue, validShape } from "./validate.js";

/** A JS number or boolean accepted wherever an array is (weakly typed: it takes its partner's dtype). */
export type Scalar = number | boolean;

/** An array or a scalar. */
export type ArrayOrScalar = ArrayValue | Scalar;

/** An index spec for `slice`/`at`: an integer, a range `[start, stop, step]` (entries may be null), a numpy string like "1:5:2", "..." or null for a whole axis. */
export type IndexSpec = number | null | string | readonly [number | null, (number | null)?, (number | null)?];

const privateStorage =
  "an array's storage is private and arrays are immutable: read the values with x.toTypedArray() (a copy) or x.toArray(), " +
  "and make a changed array with x.at(index).set(value) (x itself never changes)";

/**
 * The common interface of concrete arrays and tracers. `D` is the dtype where the code that
 * made the array fixes it statically (core/static-dtype.ts), else every dtype.
 */
export abstract class ArrayValue<out D extends DType = DType> {
  abstract readonly shape: Shape;
  abstract readonly dtype: D;

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }
  /** Number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** The values as nested JS arrays (numbers, or booleans for bool arrays). */
  abstract toArray(): unknown;
  /**
   * The number a one-element concrete array stands for (bool as 0/1); any other array, and every
   * traced array, is an error naming `op` that says what to write instead. Every implicit
   * conversion to a number goes through here, so no array ever becomes NaN, a string or a
   * quietly wrong comparison.
   * @internal
   */
  protected abstract toNumber(op: string): number;
  /**
   * Throws the leaked-tracer error naming `op` if this is a tracer whose transform has already
   * returned; nothing for concrete arrays. Shortcuts that return an operand without binding a
   * primitive call it, so a leaked tracer is reported by every op, not only by those that bind.
   * @internal
   */
  assertLive(_op: string): void {}

  /**
   * JS conversions: `String(x)` and `${x}` print the array (any array, as JAX's str); `+x`,
   * `Number(x)`, `x > 0` and `x + 1` give the number of a one-element array and throw for any
   * other (JS would otherwise answer NaN, false or a string). Under a transform they throw the
   * concretization error: the value is not known while the function is traced.
   */
  [Symbol.toPrimitive](hint: "number" | "string" | "default"): number | string {
    return hint === "string" ? this.toString() : this.toNumber("toPrimitive");
  }
  /** The number of a one-element array, as `+x` gives (an error for any other array and under a transform). */
  valueOf(): number {
    return this.toNumber("valueOf");
  }
  /**
   * `JSON.stringify(x)` writes `{"shape":[2],"dtype":"float32","data":[1,2]}`: the values as
   * nested lists (bools as true/false), as `toArray` gives them. Non-finite floats become null,
   * as JSON has no NaN or Infinity (checkpoints.encodeJson keeps them). A traced array throws the
   * concretization error: its values are not known while a transform traces it.
   */
  toJSON(): { shape: number[]; dtype: DType; data: unknown } {
    return { shape: [...this.shape], dtype: this.dtype, data: this.toArray() };
  }
  /**
   * The single value of a size-1 array: a boolean for a bool array, a number for any other
   * dtype, typed by the array's static dtype (`np.array([1]).item()` is a number,
   * `x.gt(0).item()` a boolean). Where the static dtype is not known (`ArrayValue`), the type is
   * the union: narrow it with `typeof`, or fix the dtype with `x.astype("float32").item()`.
   */
  abstract item(): ItemOf<D>;
  /** A fresh copy of the values in their TypedArray. */
  abstract toTypedArray(): TypedArray;
}

// Storage is private, so no write can change an array, its views or a jitted function's
// constants. `data` (the field's old public name, and the one users guess) answers reads and
// writes with what to use instead. It is defined at run time only, so no TypeScript code can
// compile against it.
Object.defineProperty(ArrayValue.prototype, "data", {
  get: () => fail("data", privateStorage),
  set: () => fail("data", privateStorage),
  enumerable: false,
  configurable: false,
});

// The brand by which describeValue (core/validate.ts) tells tessera's arrays and tracers from
// objects that only have shape and dtype fields, without running any getter.
Object.defineProperty(ArrayValue.prototype, arrayBrand, { value: true, enumerable: false, writable: false, configurable: false });

/**
 * The storage of a concrete array, for kernels and compiled programs: they read it and never
 * write it, except into a buffer they have just allocated (`NdArray.zeros`, `adoptBuffer`) before
 * any other code sees the array. Not exported from the package: user code cannot reach storage.
 * @internal
 */
export let storageOf: (x: NdArray) => TypedArray;

/**
 * Wraps a buffer without copying: the caller hands over ownership and never writes or hands out
 * `data` afterwards (kernels allocate a fresh buffer per result). Not exported from the package;
 * users build arrays with `np.array` or `NdArray.fromBuffer`, which copy.
 * @internal
 */
export let adoptBuffer: <D extends DType>(data: StorageOf[D], shape: Shape, dtype?: D) => NdArray<D>;

/** A concrete array as a kernel operand: its storage (not copied; kernels only read it) and shape. @internal */
export function operandOf(x: NdArray): { readonly data: TypedArray; readonly shape: Shape } {
  return { data: storageOf(x), shape: x.shape };
}

/**
 * A concrete array. Construct with `np.array`, `np.zeros`, ...; its storage is an ES private
 * field, unreachable from user code, and never written after construction (a reshape shares it).
 */
export class NdArray<out D extends DType = DType> extends ArrayValue<D> {
  readonly shape: Shape;
  readonly dtype: D;
  readonly #data: TypedArray;

  private constructor(data: TypedArray, shape: Shape, dtype: D) {
    super();
    this.#data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    Object.freeze(this);
  }

  static {
    storageOf = (x) => x.#data;
    adoptBuffer = <D extends DType>(data: StorageOf[D], shape: Shape, dtype?: D) => {
      // Without `dtype` the storage's own dtype is D (StorageOf is one-to-one).
      const actual = dtypeOfStorage(data) as D;
      const dt = dtype ?? actual;
      if (actual !== dt) fail("NdArray", `a ${data.constructor.name} cannot hold dtype ${dt}`);
      if (data.length !== sizeOf(shape)) {
        fail("NdArray", `buffer of ${data.length} elements does not match shape [${shape.join(",")}] (${sizeOf(shape)} elements)`);
      }
      return new NdArray(data, shape, dt);
    };
  }

  /**
   * An array holding a copy of `data` (whose TypedArray class sets the dtype unless `dtype` is
   * given): writing to `data` afterwards never changes the array. A Uint8Array holds bools: any
   * nonzero byte is true.
   */
  static fromBuffer<D extends DType>(data: StorageOf[D], shape: Shape, dtype?: D): NdArray<D> {
    const storage: unknown = data;
    const known = [Float32Array, Float64Array, Int32Array, Uint32Array, Uint8Array].some((c) => storage instanceof c);
    if (!known) {
      fail(
        "NdArray.fromBuffer",
        `data must be a Float32Array, Float64Array, Int32Array, Uint32Array or Uint8Array (bool), got ${describeValue(storage)}; ` +
          `np.array builds arrays from nested lists`,
      );
    }
    // A Uint8Array is bool storage, which holds only 0 and 1: any nonzero byte is true.
    const copy = storage instanceof Uint8Array ? storage.map((v) => (v !== 0 ? 1 : 0)) : data.slice();
    return adoptBuffer(copy as StorageOf[D], validShape("NdArray.fromBuffer", shape), dtype);
  }

  /** A zero-filled array (for kernels). @internal */
  static zeros<D extends DType>(shape: Shape, dtype: D): NdArray<D> {
    return new NdArray(allocate(dtype, sizeOf(shape)), shape, dtype);
  }

  toArray(): unknown {
    const data = this.#data;
    const values = this.dtype === "bool" ? Array.from(data, (v) => v !== 0) : Array.from(data);
    const nest = (axis: number, offset: number): unknown => {
      if (axis === this.shape.length) return values[offset];
      const stride = sizeOf(this.shape.slice(axis + 1));
      return Array.from({ length: this.shape[axis]! }, (_, i) => nest(axis + 1, offset + i * stride));
    };
    return nest(0, 0);
  }

  item(): ItemOf<D> {
    if (this.#data.length !== 1) {
      fail("item", `expected an array with exactly one element, got shape [${this.shape.join(",")}] (${this.#data.length} elements)`);
    }
    return (this.dtype === "bool" ? this.#data[0] !== 0 : this.#data[0]!) as ItemOf<D>;
  }

  toTypedArray(): TypedArray {
    return this.#data.slice();
  }

  protected toNumber(op: string): number {
    if (this.#data.length !== 1) {
      fail(
        op,
        `cannot convert an array of ${describe(this)} (${this.#data.length} elements) to a JS number: only a one-element array converts ` +
          `(+x, Number(x), x > 0, x + 1 and if (x > 0) all convert x itself). Use x.item() for the value of a one-element array, ` +
          `np.any(x) / np.all(x) to test every element, elementwise ops (x.gt(0), x.add(1)) for arrays, and String(x) or \`\${x}\` for text`,
      );
    }
    return Number(this.#data[0]);
  }

  override toString(): string {
    return formatArray(this.#data, this.shape, this.dtype);
  }

  /** What console.log and the Node REPL show. */
  [inspectCustom](): string {
    return this.toString();
  }
}
