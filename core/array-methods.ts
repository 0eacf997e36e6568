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
import * as np from "./numpy/index.js";
import { describeValue } from "./validate.js";

/** The op methods every array and tracer has (merged into `ArrayValue` below). */
export interface ArrayMethods {
  add(...args: [other: ArrayOrScalar]): ArrayValue;
  sub(...args: [other: ArrayOrScalar]): ArrayValue;
  mul(...args: [other: ArrayOrScalar]): ArrayValue;
  div(...args: [other: ArrayOrScalar]): ArrayValue;
  pow(...args: [other: ArrayOrScalar]): ArrayValue;
  neg(...args: []): ArrayValue;
  exp(...args: []): ArrayValue;
  log(...args: []): ArrayValue;
  tanh(...args: []): ArrayValue;
  abs(...args: []): ArrayValue;
  sqrt(...args: []): ArrayValue;
  square(...args: []): ArrayValue;
  eq(...args: [other: ArrayOrScalar]): ArrayValue;
  ne(...args: [other: ArrayOrScalar]): ArrayValue;
  lt(...args: [other: ArrayOrScalar]): ArrayValue;
  le(...args: [other: ArrayOrScalar]): ArrayValue;
  gt(...args: [other: ArrayOrScalar]): ArrayValue;
  ge(...args: [other: ArrayOrScalar]): ArrayValue;
  /** Converts to another dtype. */
  astype(...args: [dtype: DType]): ArrayValue;
  sum(...args: [options?: np.AxisArgument<np.SumOptions>]): ArrayValue;
  prod(...args: [options?: np.AxisArgument<np.SumOptions>]): ArrayValue;
  mean(...args: [options?: np.AxisArgument<np.MeanOptions>]): ArrayValue;
  max(...args: [options?: np.AxisArgument<np.ExtremumOptions>]): ArrayValue;
  min(...args: [options?: np.AxisArgument<np.ExtremumOptions>]): ArrayValue;
  /** Range (max - min) over the axes. */
  ptp(...args: [options?: np.AxisArgument<np.ReduceOptions>]): ArrayValue;
  all(...args: [options?: np.AxisArgument<np.LogicalOptions>]): ArrayValue;
  any(...args: [options?: np.AxisArgument<np.LogicalOptions>]): ArrayValue;
  /** Variance (`correction`/`ddof`, `where`, `dtype`, `mean` as np.var). */
  var(...args: [options?: np.AxisArgument<np.VarianceOptions>]): ArrayValue;
  std(...args: [options?: np.AxisArgument<np.VarianceOptions>]): ArrayValue;
  argmax(...args: [options?: np.ArgOptions | number | null]): ArrayValue;
  argmin(...args: [options?: np.ArgOptions | number | null]): ArrayValue;
  cumsum(...args: [options?: np.ScanOptions | number | null]): ArrayValue;
  cumprod(...args: [options?: np.ScanOptions | number | null]): ArrayValue;
  sort(...args: [options?: np.SortOptions | number | null]): ArrayValue;
  argsort(...args: [options?: np.SortOptions | number | null]): ArrayValue;
  /** Clips to [min, max] (either may be null or absent). */
  clip(...args: [min?: ArrayOrScalar | null, max?: ArrayOrScalar | null]): ArrayValue;
  /** Rounds half to even, to `decimals` places. */
  round(...args: [options?: { decimals?: number } | number | null]): ArrayValue;
  dot(...args: [other: ArrayOrScalar]): ArrayValue;
  /** The elements in one axis (row-major), as jax.Array.flatten. */
  flatten(...args: []): ArrayValue;
  ravel(...args: []): ArrayValue;
  /** Removes size-1 axes (the given ones, or all). */
  squeeze(...args: [options?: { readonly axis?: number | readonly number[] | null } | number | readonly number[] | null]): ArrayValue;
  swapaxes(...args: [axis1: number, axis2: number]): ArrayValue;
  diagonal(...args: [options?: np.DiagonalOptions | number | null]): ArrayValue;
  trace(...args: [options?: np.DiagonalOptions | number | null]): ArrayValue;
  take(...args: [indices: ArrayValue | number | readonly unknown[], options?: np.AxisOptions | number | null]): ArrayValue;
  repeat(...args: [repeats: number | readonly number[], options?: { readonly axis?: number | null } | number | null]): ArrayValue;
  /** Where `v`'s elements would go in this sorted 1-D array. */
  searchsorted(...args: [v: ArrayOrScalar, options?: np.SearchsortedOptions | "left" | "right" | null]): ArrayValue;
  /** The indices of the nonzero elements, one array per axis (`size` fixes their length under jit). */
  nonzero(...args: [options?: np.SizeOptions | null]): ArrayValue[];
  /** A new shape with the same elements: `x.reshape([2, 3])` or numpy's `x.reshape(2, 3)`; one size may be -1. */
  reshape(...shape: [shape: readonly number[] | number] | number[]): ArrayValue;
  /** Permutes axes (reverses them when no permutation is given): `x.transpose([1, 0])` or numpy's `x.transpose(1, 0)`. */
  transpose(...axes: [axes?: readonly number[] | null] | number[]): ArrayValue;
  /** The transpose (axes reversed). */
  readonly T: ArrayValue;
  /** The matrix transpose: the last two axes swapped (jax.Array.mT). */
  readonly mT: ArrayValue;
  matmul(...args: [other: ArrayOrScalar]): ArrayValue;
  /** Basic numpy indexing: `x.slice(0, [1, null, 2], null)` is `x[0, 1::2, :]`. */
  slice(...index: IndexSpec[]): ArrayValue;
  /**
   * Iterates over the first axis (as JAX arrays do), so `const [k1, k2] = random.split(key)`
   * works. A 0-d array is not iterable: this getter then yields undefined, which is also what
   * keeps deep-equality helpers (vitest's toEqual) comparing 0-d arrays by their fields.
   */
  readonly [Symbol.iterator]: () => Iterator<ArrayValue>;
  /** Functional index updates: `x.at(0).set(5)` returns a new array; x is unchanged. */
  at(...index: IndexSpec[]): np.IndexUpdater;
}

declare module "./ndarray.js" {
  interface ArrayValue extends ArrayMethods {}
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
