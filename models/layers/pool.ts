/**
 * Pooling and flattening: parameterless, so they are plain functions of the input rather than
 * modules. `maxPool` and `avgPool` are factories (the window and options are fixed once) that
 * return such a function; `globalAvgPool` and `flatten` are the functions themselves. In
 * `models.sequential` they stand between modules as an activation does, with `null` params.
 * Inputs are channels-last, [batch..., spatial..., channels], as flax.linen's pooling.
 */
import { describe, fail } from "../../core/errors.js";
import { avgPool as laxAvgPool, maxPool as laxMaxPool, reduceWindow } from "../../core/lax/contract.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { isFloat } from "../../core/dtype.js";
import type { WindowPadding } from "../../core/primitives.js";
import { bool, describeValue, either, integer, listOf, oneOf, readOptions, refine, type OptionCheck } from "../../core/validate.js";
import { checkArray } from "../checks.js";

/** Padding of a pooling window: "SAME", "VALID" (the default, as flax) or `[low, high]` pairs, one per window axis. */
export type PoolPadding = "SAME" | "VALID" | readonly (readonly [number, number])[];

/** Options of maxPool: strides (default 1 on every window axis, as flax) and padding (default "VALID"). */
export interface PoolLayerOptions {
  readonly strides?: number | readonly number[];
  readonly padding?: PoolPadding;
}

/** Options of avgPool: those of maxPool, and whether padded positions count in the average (true by default, as flax). */
export interface AvgPoolOptions extends PoolLayerOptions {
  readonly countIncludePad?: boolean;
}

/** A parameterless layer: a pure function of the input. */
export type ArrayFunction = (x: ArrayValue) => ArrayValue;

const positive = refine(integer, (v) => v >= 1, "a positive integer");

const paddingCheck: OptionCheck<PoolPadding> = (op, name, value) => {
  if (typeof value === "string") return oneOf<"SAME" | "VALID">(["SAME", "VALID"])(op, name, value);
  if (!Array.isArray(value)) fail(op, `${name} must be "SAME", "VALID" or a list of [low, high] pairs, got ${describeValue(value)}`);
  return listOf(listOf(integer, { min: 2, max: 2 }))(op, name, value) as unknown as PoolPadding;
};

const poolSpec = {
  strides: either(positive, listOf(positive), "a positive integer or a list of positive integers"),
  padding: paddingCheck,
};

/** The checked window, strides and padding of a pooling factory. */
function readPool(op: string, windowShape: readonly number[], options: PoolLayerOptions): { window: number[]; strides: number[]; padding: "SAME" | "VALID" | WindowPadding } {
  const window = listOf(positive, { min: 1 })(op, "windowShape", windowShape);
  const given = options.strides;
  const strides = given === undefined ? window.map(() => 1) : typeof given === "number" ? window.map(() => given) : [...given];
  if (strides.length !== window.length) fail(op, `strides ${describeValue(given)} must have one entry per window axis (${window.length})`);
  const padding = options.padding ?? "VALID";
  if (typeof padding !== "string" && padding.length !== window.length) fail(op, `padding ${describeValue(padding)} must have one [low, high] pair per window axis (${window.length})`);
  return { window, strides, padding: padding as "SAME" | "VALID" | WindowPadding };
}

/** Fails unless `x` is an array with the window's spatial axes and a channel axis. */
function checkPoolInput(op: string, x: unknown, window: readonly number[]): asserts x is ArrayValue {
  checkArray(op, "x", x);
  if (x.ndim < window.length + 1) {
    fail(op, `input ${describe(x)} must be [batch..., ${window.length} spatial axes, channels] for the window [${window.join(",")}] (rank >= ${window.length + 1})`);
  }
}

/**
 * Max pooling over the spatial axes of [batch..., spatial..., channels] (flax.linen.max_pool):
 * returns the function that pools, with `null` params in `sequential`. SAME padding never wins
 * the max.
 *
 * @example
 * import { models, np } from "tessera";
 * const pool = models.layers.maxPool([2, 2], { strides: 2 });
 * pool(np.ones([1, 6, 6, 3])).shape; // [1, 3, 3, 3]
 */
export function maxPool(windowShape: readonly number[], options?: PoolLayerOptions): ArrayFunction {
  const op = "maxPool";
  const { window, strides, padding } = readPool(op, windowShape, readOptions(op, options, poolSpec) as PoolLayerOptions);
  return (x) => {
    checkPoolInput(op, x, window);
    return laxMaxPool(x, window, { strides, padding });
  };
}

/**
 * Average pooling over the spatial axes of [batch..., spatial..., channels] (flax.linen.avg_pool):
 * returns the function that pools. With `countIncludePad` (the default, as flax) padded positions
 * count as zeros in every window's average; without it, each window averages only the input
 * elements it covers.
 *
 * @example
 * import { models, np } from "tessera";
 * const pool = models.layers.avgPool([3, 3], { padding: "SAME", countIncludePad: false });
 * pool(np.ones([1, 4, 4, 2])).shape; // [1, 4, 4, 2] (all ones)
 */
export function avgPool(windowShape: readonly number[], options?: AvgPoolOptions): ArrayFunction {
  const op = "avgPool";
  const read = readOptions(op, options, { ...poolSpec, countIncludePad: bool }) as AvgPoolOptions;
  const { window, strides, padding } = readPool(op, windowShape, read);
  if (read.countIncludePad ?? true) {
    return (x) => {
      checkPoolInput(op, x, window);
      return laxAvgPool(x, window, { strides, padding });
    };
  }
  return (x) => {
    checkPoolInput(op, x, window);
    // Window sums over the input, divided by window sums over ones: the number of real elements each window covers.
    const batchAxes = x.ndim - window.length - 1;
    const ones = new Array<number>(batchAxes).fill(1);
    const spec = {
      windowDimensions: [...ones, ...window, 1],
      windowStrides: [...ones, ...strides, 1],
      padding: typeof padding === "string" ? padding : [...ones.map(() => [0, 0] as const), ...padding, [0, 0] as const],
    };
    const floatDtype = isFloat(x.dtype) ? x.dtype : "float32";
    const sums = reduceWindow(isFloat(x.dtype) ? x : np.astype(x, floatDtype), "sum", spec);
    const counts = reduceWindow(np.ones([...ones, ...x.shape.slice(batchAxes, -1), 1], { dtype: floatDtype }), "sum", spec);
    return np.divide(sums, counts);
  };
}

/**
 * The mean over the spatial axes of [batch, spatial..., channels]: [batch, channels] (global
 * average pooling, the head of ResNet-style networks). A plain function: it has no params.
 *
 * @example
 * import { models, np } from "tessera";
 * models.layers.globalAvgPool(np.ones([2, 7, 7, 16])).shape; // [2, 16]
 */
export function globalAvgPool(x: ArrayValue): ArrayValue {
  const op = "globalAvgPool";
  checkArray(op, "x", x);
  if (x.ndim < 3) fail(op, `input ${describe(x)} must be [batch, spatial..., channels] (rank >= 3)`);
  return np.mean(x, { axis: Array.from({ length: x.ndim - 2 }, (_, i) => i + 1) });
}

/**
 * Flattens every axis but the first: [batch, ...] to [batch, product of the rest] (between the
 * convolutions and the dense head). A plain function: it has no params.
 *
 * @example
 * import { models, np } from "tessera";
 * models.layers.flatten(np.ones([4, 3, 3, 8])).shape; // [4, 72]
 */
export function flatten(x: ArrayValue): ArrayValue {
  const op = "flatten";
  checkArray(op, "x", x);
  if (x.ndim === 0) fail(op, `input ${describe(x)} must have a batch axis (rank >= 1)`);
  if (x.ndim === 2) return x;
  return np.reshape(x, [x.shape[0]!, x.shape.slice(1).reduce((p, d) => p * d, 1)]);
}
