/**
 * The op methods of arrays and tracers (`x.add(y)`, `x.sum()`, `x.reshape(2, 3)`, `x.T`, ...),
 * each a thin wrapper over the `np` function of the same meaning, so `x.add(y)` and
 * `np.add(x, y)` are the same op under every transform. They are declared on `ArrayValue` by
 * declaration merging and installed on its prototype by `installArrayMethods` (called by
 * `installCore`): core/ndarray.ts stays below numpy, and numpy below this module, so core is a DAG.
 *
 * Methods take rest arguments and pass them all on, so `x.add(1, 2)` reaches `np.add`'s arity
 * check and fails there, naming `add`, rather than silently dropping the extra argument.
 */
import type { DType } from "./dtype.js";
import { fail } from "./errors.js";
import { ArrayValue, type ArrayOrScalar, type IndexSpec } from "./ndarray.js";
import type { ArithmeticOf, DifferenceWith, DtypeFrom, FloatOf, QuotientWith, SumWith } from "./static-dtype.js";
import * as np from "./numpy/index.js";
import { describeValue } from "./validate.js";

/**
 * The op methods every array and tracer has (merged into `ArrayValue` below). Each result carries
 * the dtype tessera's promotion gives it from the receiver's static dtype `D`
 * (core/static-dtype.ts); an option that can change it (`dtype`) widens the result to what it asks.
 */
export interface ArrayMethods<out D extends DType = DType> {
  add<O extends ArrayOrScalar>(...args: [other: O]): ArrayValue<SumWith<D, O>>;
  sub<O extends ArrayOrScalar>(...args: [other: O]): ArrayValue<DifferenceWith<D, O>>;
  mul<O extends ArrayOrScalar>(...args: [other: O]): ArrayValue<SumWith<D, O>>;
  div<O extends ArrayOrScalar>(...args: [other: O]): ArrayValue<QuotientWith<D, O>>;
  pow<O extends ArrayOrScalar>(...args: [other: O]): ArrayValue<DifferenceWith<D, O>>;
  neg(...args: []): ArrayValue<ArithmeticOf<D>>;
  exp(...args: []): ArrayValue<FloatOf<D>>;
  log(...args: []): ArrayValue<FloatOf<D>>;
  tanh(...args: []): ArrayValue<FloatOf<D>>;
  abs(...args: []): ArrayValue<D>;
  sqrt(...args: []): ArrayValue<FloatOf<D>>;
  square(...args: []): ArrayValue<ArithmeticOf<D>>;
  eq(...args: [other: ArrayOrScalar]): ArrayValue<"bool">;
  ne(...args: [other: ArrayOrScalar]): ArrayValue<"bool">;
  lt(...args: [other: ArrayOrScalar]): ArrayValue<"bool">;
  le(...args: [other: ArrayOrScalar]): ArrayValue<"bool">;
  gt(...args: [other: ArrayOrScalar]): ArrayValue<"bool">;
  ge(...args: [other: ArrayOrScalar]): ArrayValue<"bool">;
  /** Converts to another dtype. */
  astype<T extends DType>(...args: [dtype: T]): ArrayValue<T>;
  sum<O extends np.AxisArgument<np.SumOptions> | undefined = undefined>(...args: [options?: O]): ArrayValue<DtypeFrom<O, ArithmeticOf<D>>>;
  prod<O extends np.AxisArgument<np.SumOptions> | undefined = undefined>(...args: [options?: O]): ArrayValue<DtypeFrom<O, ArithmeticOf<D>>>;
  mean<O extends np.AxisArgument<np.MeanOptions> | undefined = undefined>(...args: [options?: O]): ArrayValue<DtypeFrom<O, FloatOf<D>>>;
  max(...args: [options?: np.AxisArgument<np.ExtremumOptions>]): ArrayValue<D>;
  min(...args: [options?: np.AxisArgument<np.ExtremumOptions>]): ArrayValue<D>;
  /** Range (max - min) over the axes. */
  ptp(...args: [options?: np.AxisArgument<np.ReduceOptions>]): ArrayValue<D>;
  all(...args: [options?: np.AxisArgument<np.LogicalOptions>]): ArrayValue<"bool">;
  any(...args: [options?: np.AxisArgument<np.LogicalOptions>]): ArrayValue<"bool">;
  /** Variance (`correction`/`ddof`, `where`, `dtype`, `mean` as np.var). */
  var<O extends np.AxisArgument<np.VarianceOptions> | undefined = undefined>(...args: [options?: O]): ArrayValue<DtypeFrom<O, FloatOf<D>>>;
  std<O extends np.AxisArgument<np.VarianceOptions> | undefined = undefined>(...args: [options?: O]): ArrayValue<DtypeFrom<O, FloatOf<D>>>;
  argmax(...args: [options?: np.ArgOptions | number | null]): ArrayValue<"int32">;
  argmin(...args: [options?: np.ArgOptions | number | null]): ArrayValue<"int32">;
  cumsum<O extends np.ScanOptions | number | null | undefined = undefined>(...args: [options?: O]): ArrayValue<DtypeFrom<O, ArithmeticOf<D>>>;
  cumprod<O extends np.ScanOptions | number | null | undefined = undefined>(...args: [options?: O]): ArrayValue<DtypeFrom<O, ArithmeticOf<D>>>;
  sort(...args: [options?: np.SortOptions | number | null]): ArrayValue<D>;
  argsort(...args: [options?: np.SortOptions | number | null]): ArrayValue<"int32">;
  /** Clips to [min, max] (either may be null or absent). */
  clip(...args: [min?: ArrayOrScalar | null, max?: ArrayOrScalar | null]): ArrayValue<ArithmeticOf<D>>;
  /** Rounds half to even, to `decimals` places. */
  round(...args: [options?: { decimals?: number } | number | null]): ArrayValue<D>;
  dot<O extends ArrayOrScalar>(...args: [other: O]): ArrayValue<SumWith<D, O>>;
  /** The elements in one axis (row-major), as jax.Array.flatten. */
  flatten(...args: []): ArrayValue<D>;
  ravel(...args: []): ArrayValue<D>;
  /** Removes size-1 axes (the given ones, or all). */
  squeeze(...args: [options?: { readonly axis?: number | readonly number[] | null } | number | readonly number[] | null]): ArrayValue<D>;
  swapaxes(...args: [axis1: number, axis2: number]): ArrayValue<D>;
  diagonal(...args: [options?: np.DiagonalOptions | number | null]): ArrayValue<D>;
  trace(...args: [options?: np.DiagonalOptions | number | null]): ArrayValue<ArithmeticOf<D>>;
  take(...args: [indices: ArrayValue | number | readonly unknown[], options?: np.AxisOptions | number | null]): ArrayValue<D>;
  repeat(...args: [repeats: number | readonly number[], options?: { readonly axis?: number | null } | number | null]): ArrayValue<D>;
  /** Where `v`'s elements would go in this sorted 1-D array. */
  searchsorted(...args: [v: ArrayOrScalar, options?: np.SearchsortedOptions | "left" | "right" | null]): ArrayValue<"int32">;
  /** The indices of the nonzero elements, one array per axis (`size` fixes their length under jit). */
  nonzero(...args: [options?: np.SizeOptions | null]): ArrayValue<"int32">[];
  /** A new shape with the same elements: `x.reshape([2, 3])` or numpy's `x.reshape(2, 3)`; one size may be -1. */
  reshape(...shape: [shape: readonly number[] | number] | number[]): ArrayValue<D>;
  /** Permutes axes (reverses them when no permutation is given): `x.transpose([1, 0])` or numpy's `x.transpose(1, 0)`. */
  transpose(...axes: [axes?: readonly number[] | null] | number[]): ArrayValue<D>;
  /** The transpose (axes reversed). */
  readonly T: ArrayValue<D>;
  /** The matrix transpose: the last two axes swapped (jax.Array.mT). */
  readonly mT: ArrayValue<D>;
  matmul<O extends ArrayOrScalar>(...args: [other: O]): ArrayValue<SumWith<D, O>>;
  /** Basic numpy indexing: `x.slice(0, [1, null, 2], null)` is `x[0, 1::2, :]`. */
  slice(...index: IndexSpec[]): ArrayValue<D>;
  /**
   * Iterates over the first axis (as JAX arrays do), so `const [k1, k2] = random.split(key)`
   * works. A 0-d array is not iterable: this getter then yields undefined, which is also what
   * keeps deep-equality helpers (vitest's toEqual) comparing 0-d arrays by their fields.
   */
  readonly [Symbol.iterator]: () => Iterator<ArrayValue<D>>;
  /** Functional index updates: `x.at(0).set(5)` returns a new array of x's dtype; x is unchanged. */
  at(...index: IndexSpec[]): np.IndexUpdater<D>;
}

declare module "./ndarray.js" {
  interface ArrayValue<out D extends DType = DType> extends ArrayMethods<D> {}
}

/**
 * Fails when a numpy-style varargs method (`x.reshape(2, 3)`) got more than one argument and not
 * all of them are numbers, such as `x.reshape([4], 1)`: its list and its integers would otherwise
 * be reported as a malformed shape entry.
 */
function checkVarargs(op: string, args: readonly unknown[], example: string): void {
  if (args.length > 1 && !args.every((a) => typeof a === "number")) {
    fail(op, `pass either one list or separate integers, as ${example}; got ${args.map((a) => describeValue(a)).join(", ")}`);
  }
}

/** Methods that need their own argument handling (numpy's varargs forms) or are getters. */
type Special = "reshape" | "transpose" | "T" | "mT" | typeof Symbol.iterator;

/**
 * Method name -> the np function it forwards to, with the receiver as first argument. Typed from
 * `ArrayMethods`, so a method without an entry, or an entry whose np function takes other
 * arguments, is a compile error.
 */
const forwarded: { readonly [K in Exclude<keyof ArrayMethods, Special>]: (x: ArrayValue, ...args: Parameters<ArrayMethods[K]>) => ReturnType<ArrayMethods[K]> } = {
  add: np.add,
  sub: np.subtract,
  mul: np.multiply,
  div: np.divide,
  pow: np.power,
  neg: np.negative,
  exp: np.exp,
  log: np.log,
  tanh: np.tanh,
  abs: np.abs,
  sqrt: np.sqrt,
  square: np.square,
  eq: np.equal,
  ne: np.notEqual,
  lt: np.less,
  le: np.lessEqual,
  gt: np.greater,
  ge: np.greaterEqual,
  astype: np.astype,
  sum: np.sum,
  prod: np.prod,
  mean: np.mean,
  max: np.max,
  min: np.min,
  ptp: np.ptp,
  all: np.all,
  any: np.any,
  var: np.var,
  std: np.std,
  argmax: np.argmax,
  argmin: np.argmin,
  cumsum: np.cumsum,
  cumprod: np.cumprod,
  sort: np.sort,
  argsort: np.argsort,
  clip: np.clip,
  round: np.round,
  dot: np.dot,
  flatten: np.ravel,
  ravel: np.ravel,
  squeeze: np.squeeze,
  swapaxes: np.swapaxes,
  diagonal: np.diagonal,
  trace: np.trace,
  take: np.take,
  repeat: np.repeat,
  searchsorted: np.searchsorted,
  nonzero: np.nonzero,
  matmul: np.matmul,
  slice: np.slice,
  at: np.at,
};

/** Methods whose arguments need translating from numpy's varargs forms. */
const translated = {
  reshape(this: ArrayValue, ...shape: [shape: readonly number[] | number] | number[]): ArrayValue {
    checkVarargs("reshape", shape, "x.reshape([2, 3]) or x.reshape(2, 3)");
    return np.reshape(this, shape.length === 0 ? (undefined as never) : shape.length === 1 ? shape[0]! : (shape as number[]));
  },
  transpose(this: ArrayValue, ...axes: [axes?: readonly number[] | null] | number[]): ArrayValue {
    checkVarargs("transpose", axes, "x.transpose([1, 0]) or x.transpose(1, 0)");
    return np.transpose(this, axes.length === 0 ? undefined : axes.length === 1 && typeof axes[0] !== "number" ? axes[0] : (axes as number[]));
  },
};

const getters = {
  T(this: ArrayValue): ArrayValue {
    return np.transpose(this);
  },
  mT(this: ArrayValue): ArrayValue {
    return np.matrixTranspose(this);
  },
  [Symbol.iterator](this: ArrayValue): (() => Iterator<ArrayValue>) | undefined {
    const rows = this.shape[0];
    if (rows === undefined) return undefined;
    const self = this;
    return function* () {
      for (let i = 0; i < rows; i++) yield np.slice(self, i);
    };
  },
};

let installed = false;

/** Defines the op methods on `ArrayValue.prototype` (once; later calls do nothing). @internal */
export function installArrayMethods(): void {
  if (installed) return;
  installed = true;
  const define = (key: string | symbol, descriptor: PropertyDescriptor) =>
    Object.defineProperty(ArrayValue.prototype, key, { ...descriptor, enumerable: false, configurable: false });
  for (const [name, op] of Object.entries(forwarded)) {
    const f = op as (x: ArrayValue, ...args: unknown[]) => unknown;
    define(name, { value: { [name](this: ArrayValue, ...args: unknown[]) { return f(this, ...args); } }[name], writable: false });
  }
  for (const [name, method] of Object.entries(translated)) define(name, { value: method, writable: false });
  define("T", { get: getters.T });
  define("mT", { get: getters.mT });
  define(Symbol.iterator, { get: getters[Symbol.iterator] });
}
