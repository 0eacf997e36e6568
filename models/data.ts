/**
 * Data utilities: key-driven splits and folds, minibatch index lists for an epoch, a standardizer
 * fitted on training data and applied to any data, and a parser for numeric CSV text. Every
 * random choice takes an explicit key, so the same key always gives the same split.
 */
import { isInteger } from "../core/dtype.js";
import { describe, fail } from "../core/errors.js";
import { adoptBuffer, ArrayValue, NdArray } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { promoteToFloat } from "../core/numpy/promote.js";
import * as random from "../core/random/index.js";
import * as tree from "../core/tree.js";
import { bool, describeValue, finite, readOptions } from "../core/validate.js";
import { checkArray, checkModelKey, checkRecord } from "./checks.js";

type Key = random.Key;

// ---------------------------------------------------------------------------------------------
// helpers

function checkCount(op: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) fail(op, `${name} must be an integer >= ${min}, got ${describeValue(value)}`);
}

/** A concrete permutation of 0..n-1 as JS numbers. */
function permutationOf(key: Key, n: number): number[] {
  return Array.from(random.permutation(key, n).toTypedArray());
}

function indexArray(indices: readonly number[]): ArrayValue {
  return adoptBuffer(Int32Array.from(indices), [indices.length], "int32");
}

// ---------------------------------------------------------------------------------------------
// splits

/** Options of trainTestSplit: the test set's size, a fraction in (0, 1) or a whole number of rows (default 0.25). */
export interface SplitOptions {
  readonly testSize?: number;
}

/** The arrays of a split, one per input array, in the same order. */
export type SplitArrays<T extends readonly ArrayValue[]> = { -readonly [K in keyof T]: ArrayValue };

/** trainTestSplit's result: the training rows and the test rows of every array. */
export interface Split<T extends readonly ArrayValue[]> {
  readonly train: SplitArrays<T>;
  readonly test: SplitArrays<T>;
}

/**
 * Splits arrays with the same number of rows (axis 0) into training and test rows by one
 * permutation from `key`, applied to every array, so rows stay paired:
 * `const { train: [xTrain, yTrain], test: [xTest, yTest] } = trainTestSplit(key, x, y, { testSize: 0.2 })`.
 * A fractional testSize takes ceil(testSize * n) test rows (as sklearn); the test rows are the
 * permutation's first ones.
 */
export function trainTestSplit<const T extends readonly ArrayValue[]>(key: Key, ...args: [...arrays: T, options: SplitOptions]): Split<T>;
export function trainTestSplit<const T extends readonly ArrayValue[]>(key: Key, ...arrays: T): Split<T>;
export function trainTestSplit(key: Key, ...args: readonly (ArrayValue | SplitOptions)[]): Split<ArrayValue[]> {
  const op = "trainTestSplit";
  checkModelKey(op, key);
  const last = args[args.length - 1];
  // A trailing argument that is not an array is the options (null meaning none).
  const hasOptions = args.length > 0 && !(last instanceof ArrayValue);
  const options = readOptions(op, hasOptions ? last : undefined, { testSize: finite });
  const arrays = (hasOptions ? args.slice(0, -1) : args) as ArrayValue[];
  if (arrays.length === 0) fail(op, "needs at least one array to split");
  arrays.forEach((a, i) => {
    if (!(a instanceof ArrayValue) || a.ndim === 0) fail(op, `argument ${i + 1} must be an array with a row axis, got ${a instanceof ArrayValue ? describe(a) : describeValue(a)}`);
  });
  const n = arrays[0]!.shape[0]!;
  const mismatch = arrays.findIndex((a) => a.shape[0] !== n);
  if (mismatch >= 0) fail(op, `every array needs the same number of rows: ${arrays.map(describe).join(", ")}`);
  const testSize = options.testSize ?? 0.25;
  const testRows = testSize > 0 && testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (typeof testSize !== "number" || !Number.isInteger(testRows) || testRows < 1 || testRows >= n) {
    fail(op, `testSize must be a fraction in (0, 1) or a whole number of rows in [1, ${n - 1}] leaving both sets non-empty, got ${testSize} for ${n} rows`);
  }
  const order = permutationOf(key, n);
  const test = indexArray(order.slice(0, testRows));
  const train = indexArray(order.slice(testRows));
  return { train: arrays.map((a) => np.take(a, train, { axis: 0 })), test: arrays.map((a) => np.take(a, test, { axis: 0 })) };
}

/** One fold of k-fold cross-validation: int32 row indices to train on and to validate on (both ascending). */
export interface Fold {
  readonly train: ArrayValue;
  readonly validation: ArrayValue;
}

/**
 * k-fold cross-validation over n rows, as sklearn's KFold: k consecutive validation blocks (the
 * first n % k one row larger), the rest of the rows for training. With a key the rows are first
 * shuffled by a permutation from it; without, the folds follow the row order.
 */
export function kFold(n: number, k: number): Fold[];
export function kFold(key: Key, n: number, k: number): Fold[];
export function kFold(...args: [number, number] | [Key, number, number]): Fold[] {
  const op = "kFold";
  const [key, n, k] = args.length === 2 ? [undefined, ...args] : args;
  if (key !== undefined) checkModelKey(op, key);
  checkCount(op, "n", n, 1);
  checkCount(op, "k", k, 2);
  if (k > n) fail(op, `k (${k}) cannot exceed the number of rows n (${n})`);
  const order = key === undefined ? Array.from({ length: n }, (_, i) => i) : permutationOf(key, n);
  const folds: Fold[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const inFold = new Set(order.slice(start, start + size));
    const all = Array.from({ length: n }, (_, i) => i);
    folds.push({ train: indexArray(all.filter((i) => !inFold.has(i))), validation: indexArray(all.filter((i) => inFold.has(i))) });
    start += size;
  }
  return folds;
}

// ---------------------------------------------------------------------------------------------
// minibatches

/**
 * The minibatches of one epoch over n rows: int32 index arrays of `batchSize` rows (the last one
 * shorter unless `dropLast`), taken in order from a permutation drawn from `key`. Pass a fresh key
 * per epoch (`random.foldIn(key, epoch)`) for a fresh order each epoch.
 */
export function minibatches(key: Key, n: number, batchSize: number, batchOptions?: { readonly dropLast?: boolean }): ArrayValue[] {
  checkCount("minibatches", "n", n, 0);
  checkCount("minibatches", "batchSize", batchSize, 1);
  const options = readOptions("minibatches", batchOptions, { dropLast: bool });
  checkModelKey("minibatches", key);
  const order = permutationOf(key, n);
  const batches: ArrayValue[] = [];
  for (let start = 0; start < n; start += batchSize) {
    if (options.dropLast === true && start + batchSize > n) break;
    batches.push(indexArray(order.slice(start, start + batchSize)));
  }
  return batches;
}

/**
 * The rows `indices` (axis 0) of every array leaf of a pytree: a batch of a whole data set record.
 * Every leaf must be an array with the same number of rows n; `indices` is an integer array or a
 * list of integers, each a row in [0, n) (negative and out-of-range rows are errors, not wrapped
 * or clamped). Traced indices (under jit) cannot be read, so only their dtype is checked there and
 * np.take's rules apply to their values.
 */
export function takeRows<T>(data: T, indices: ArrayValue): tree.MapLeaves<T, ArrayValue> {
  const op = "takeRows";
  const leaves = tree.leaves(data) as unknown[];
  if (leaves.length === 0) fail(op, `data must hold at least one array, got ${describeValue(data)} (a pytree with no leaves)`);
  leaves.forEach((leaf) => {
    if (!(leaf instanceof ArrayValue) || leaf.ndim === 0) fail(op, `every leaf must be an array with a row axis, got ${leaf instanceof ArrayValue ? describe(leaf) : describeValue(leaf)}`);
  });
  const arrays = leaves as ArrayValue[];
  const n = arrays[0]!.shape[0]!;
  if (arrays.some((a) => a.shape[0] !== n)) fail(op, `every leaf must have the same number of rows, got ${arrays.map(describe).join(", ")}`);
  const rows = rowIndices(op, indices, n);
  return tree.map(data, (leaf) => np.take(leaf as ArrayValue, rows, { axis: 0 })) as tree.MapLeaves<T, ArrayValue>;
}

/** Row indices checked against n rows: an integer array, or a list of integers made into one. */
function rowIndices(op: string, indices: unknown, n: number): ArrayValue {
  const outOfRange = (i: number, at: number) =>
    fail(op, `row index ${i} at position ${at} is out of range for ${n} rows; indices must lie in [0, ${n})`);
  if (Array.isArray(indices)) {
    for (let i = 0; i < indices.length; i++) {
      if (!(i in indices)) fail(op, `indices has a hole at position ${i}; fill every entry`);
      const v: unknown = indices[i];
      if (!Number.isSafeInteger(v)) fail(op, `indices must be integers, got ${describeValue(v)} at position ${i}`);
      if ((v as number) < 0 || (v as number) >= n) outOfRange(v as number, i);
    }
    return indexArray(indices as number[]);
  }
  checkArray(op, "indices", indices);
  if (!isInteger(indices.dtype)) fail(op, `indices must be an integer array or a list of integers, got ${describe(indices)}`);
  if (indices instanceof NdArray) {
    const values = indices.toTypedArray();
    const bad = values.findIndex((v) => v < 0 || v >= n);
    if (bad >= 0) outOfRange(values[bad]!, bad);
  }
  return indices;
}

// ---------------------------------------------------------------------------------------------
// standardization

/** A fitted standardizer: per-column mean and scale (the standard deviation, or 1 for a constant column). */
export interface Standardizer {
  readonly mean: ArrayValue;
  readonly scale: ArrayValue;
}

/**
 * Fits a standardizer to the rows (axis 0) of `x`: column means and population standard
 * deviations (ddof 0, as sklearn's StandardScaler). A column whose variance is within rounding
 * error of 0 gets scale 1, so it maps to x - mean (0 on the data it was fitted on) instead of
 * dividing by ~0. Made of array ops, so it runs under jit.
 */
export function fitStandardizer(x: ArrayValue): Standardizer {
  if (!(x instanceof ArrayValue) || x.ndim === 0) fail("fitStandardizer", `x must be an array with a row axis, got ${x instanceof ArrayValue ? describe(x) : describeValue(x)}`);
  const v = promoteToFloat("fitStandardizer", x)[0]!;
  const n = v.shape[0]!;
  if (n === 0) fail("fitStandardizer", `x needs at least one row, got ${describe(x)}`);
  const mean = np.mean(v, { axis: 0 });
  const variance = np.mean(np.square(np.subtract(v, mean)), { axis: 0 });
  // sklearn's test for a constant feature: the variance is below what rounding alone can produce.
  const eps = v.dtype === "float32" ? 2 ** -23 : 2 ** -52;
  const bound = np.add(np.multiply(n * eps, variance), np.square(np.multiply(n * eps, mean)));
  const scale = np.where(np.lessEqual(variance, bound), 1, np.sqrt(variance));
  return { mean, scale };
}

/** Standardizes `x` with a fitted standardizer: (x - mean) / scale, column by column (last axis). */
export function applyStandardizer(standardizer: Standardizer, x: ArrayValue): ArrayValue {
  checkRecord("applyStandardizer", "standardizer", standardizer, ["mean", "scale"], "Standardizer (from fitStandardizer)");
  checkArray("applyStandardizer", "x", x);
  const { mean, scale } = standardizer;
  const columns = mean.shape;
  const trailing = x.shape.slice(x.ndim - columns.length);
  if (x.ndim < columns.length || trailing.some((d, i) => d !== columns[i])) {
    fail("applyStandardizer", `x ${describe(x)} must end with the fitted columns [${columns.join(",")}]`);
  }
  return np.divide(np.subtract(x, mean), scale);
}

// ---------------------------------------------------------------------------------------------
// CSV (the parser lives in csv.ts; reading a file is node/csv.ts's loadCsv)

export { parseCsv, type CsvData, type CsvOptions } from "./csv.js";
