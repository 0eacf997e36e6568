/**
 * Shared pieces of the random namespace: the key and option types, argument checks, and
 * structural helpers that bind primitives directly (so they work on tracers too).
 */
import type { DType } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import { ArrayValue } from "../ndarray.js";
import * as np from "../numpy/index.js";
import { scalar } from "../numpy/promote.js";
import { broadcastShapes, shapesEqual, sizeOf, type Shape } from "../shape.js";
import { describeValue, validShape } from "../validate.js";

/** A PRNG key: a uint32 array of shape [2] (from `key`, `split` or `foldIn`). */
export type Key = ArrayValue;

/** The float dtypes samplers produce. */
export type FloatDType = "float32" | "float64";

/** The dtype option of the float samplers (default float32). */
export interface FloatOptions {
  readonly dtype?: FloatDType;
}

// ---------------------------------------------------------------------------------------------
// structural helpers (primitives bound directly, so they work on tracers too)

/** Reshapes, skipping the op when the shape already matches. */
export function reshape(x: ArrayValue, newShape: Shape): ArrayValue {
  return shapesEqual(x.shape, newShape) ? x : bind1("reshape", [x], { newShape });
}

/** Stacks same-shaped arrays along a new last axis. */
export function stackLast(parts: readonly ArrayValue[]): ArrayValue {
  const shape = parts[0]!.shape;
  return bind1("concatenate", parts.map((p) => reshape(p, [...shape, 1])), { axis: shape.length });
}

/** Element `i` of a 1-D array, as a rank-0 array. */
export function element(x: ArrayValue, i: number): ArrayValue {
  return reshape(bind1("slice", [x], { start: [i], limit: [i + 1], strides: [1] }), []);
}

/** 0, 1, 2, ... in row-major order over `shape`. */
export function flatIota(dtype: DType, shape: Shape): ArrayValue {
  return reshape(bind1("iota", [], { dtype, shape: [sizeOf(shape)], dimension: 0 }), shape);
}

/** How to keep a size static under jit (a JS number argument of a jitted function is traced). */
export const STATIC_HINT = "under jit pass it as a static argument (staticArgnums) or close over it";

/**
 * Checks a shape argument (non-negative integers, within the size limit for `dtype`); `op` names
 * the caller. A shape decides the sizes of the arrays a transform stages, so it must be plain
 * numbers: an array in it (under jit, a JS number argument is traced into one) gets an error
 * saying how to keep it static.
 */
export function shapeArg(op: string, shape: unknown, dtype: DType = "float32", name = "shape"): Shape {
  if (shape instanceof ArrayValue || (Array.isArray(shape) && shape.some((d) => d instanceof ArrayValue))) {
    fail(
      `random.${op}`,
      `${name} must be known when the function is traced (plain JS numbers), got ${describeValue(shape)}; ${STATIC_HINT}`,
    );
  }
  return validShape(`random.${op}`, shape, dtype, name);
}

/**
 * Checks that `key` is a single raw key, a uint32 array of shape [2] (from random.key, split
 * or foldIn), naming `random.<op>` (or `qualifiedOp` when given: functions outside the random
 * namespace that take a key, as the models' initializers); a batch of keys gets a hint to vmap
 * over it.
 */
export function checkKey(op: string, key: unknown, qualifiedOp = `random.${op}`): asserts key is Key {
  if (!(key instanceof ArrayValue)) {
    fail(qualifiedOp, `expected a key (a uint32 array of shape [2] from random.key), got ${describeValue(key)}`);
  }
  if (key.dtype !== "uint32" || key.shape.length !== 1 || key.shape[0] !== 2) {
    const batched = key.dtype === "uint32" && key.shape.length > 1 && key.shape[key.shape.length - 1] === 2;
    fail(
      qualifiedOp,
      `expected a single key, a uint32 array of shape [2] (from random.key, split or foldIn); got ${describe(key)}` +
        (batched ? "; for a batch of keys, map over them (vmap) or index one out" : ""),
    );
  }
}

/** Checks the dtype option of a float sampler. */
export function floatDtype(op: string, dtype: unknown = "float32"): FloatDType {
  if (dtype !== "float32" && dtype !== "float64") {
    fail(`random.${op}`, `dtype must be a float dtype (float32 or float64), got ${describeValue(dtype)}`);
  }
  return dtype;
}

/** Checks that parameter shapes broadcast to exactly `shape` (JAX's _check_shape). */
export function checkParamShapes(op: string, shape: Shape, ...params: Shape[]): void {
  const result = broadcastShapes(`random.${op}`, shape, ...params);
  if (!shapesEqual(result, shape)) {
    fail(
      `random.${op}`,
      `parameter shapes ${params.map((p) => `[${p.join(",")}]`).join(", ")} must broadcast to the requested shape ` +
        `[${shape.join(",")}], but broadcasting gives [${result.join(",")}]`,
    );
  }
}

/** A float parameter (number or array) as an array of `dtype`. */
export function floatParam(op: string, name: string, x: unknown, dtype: DType): ArrayValue {
  if (typeof x === "number") return scalar(x, dtype);
  if (x instanceof ArrayValue) return np.astype(x, dtype);
  return fail(`random.${op}`, `${name} must be a number or an array, got ${describeValue(x)}`);
}

/** A batch of keys as their two words (arrays of one shape), as the sampler loops carry them. */
export interface KeyWords {
  readonly k1: ArrayValue;
  readonly k2: ArrayValue;
}

/** Child `index` of every key (for each key, row `index` of `split(key, count)`). */
export function childKeys(keys: KeyWords, index: number): KeyWords {
  const [k1, k2] = bind("threefry2x32", [keys.k1, keys.k2, scalar(0, "uint32"), scalar(index, "uint32")], {});
  return { k1: k1!, k2: k2! };
}
