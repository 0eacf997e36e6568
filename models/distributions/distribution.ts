/**
 * The record every distribution is: its parameters (arrays) and pure functions of them. Build one
 * inside the function you differentiate, vmap or jit (`grad((loc) => normal(loc, 1).logProb(x))`),
 * so the parameters are traced like any other array.
 */
import { fail } from "../../core/errors.js";
import { ArrayValue, type ArrayOrScalar } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import type { Key } from "../../core/random/common.js";
import { broadcastShapes, type Shape } from "../../core/shape.js";
import { describeValue } from "../../core/validate.js";

/** A probability distribution over arrays whose parameters broadcast to `batchShape`. */
export interface Distribution {
  /** The family ("normal", "gamma", ...), which `kl` dispatches on. */
  readonly family: string;
  /** The parameters, as arrays. */
  readonly params: Readonly<Record<string, ArrayValue>>;
  /** Log density (or log mass) of `x`, broadcast against the parameters. */
  logProb(x: ArrayOrScalar): ArrayValue;
  /** Samples of shape [...shape, ...batchShape, ...eventShape]. */
  sample(key: Key, shape?: Shape): ArrayValue;
  mean(): ArrayValue;
  variance(): ArrayValue;
  entropy(): ArrayValue;
}

/** A parameter as a float array: numbers become float64 unless another parameter is float32. */
export function floatParams(op: string, params: Record<string, unknown>): Record<string, ArrayValue> {
  const arrays = Object.values(params).filter((p): p is ArrayValue => p instanceof ArrayValue);
  const dtype = arrays.some((a) => a.dtype === "float32") && !arrays.some((a) => a.dtype === "float64") ? "float32" : "float64";
  const out: Record<string, ArrayValue> = {};
  for (const [name, p] of Object.entries(params)) {
    if (typeof p !== "number" && !(p instanceof ArrayValue)) fail(`distributions.${op}`, `${name} must be a number or an array, got ${describeValue(p)}`);
    if (p instanceof ArrayValue && (p.dtype === "bool" || p.dtype === "uint32")) fail(`distributions.${op}`, `${name} must be a float array, got a ${p.dtype} array`);
    out[name] = np.astype(p, dtype);
  }
  return out;
}

/** The broadcast shape of the parameters. */
export function batchShapeOf(params: Record<string, ArrayValue>): Shape {
  return broadcastShapes("distributions", ...Object.values(params).map((p) => p.shape));
}
