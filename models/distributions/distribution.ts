/**
 * The record every distribution is: its parameters (arrays) and pure functions of them. Build one
 * inside the function you differentiate, vmap or jit (`grad((loc) => normal(loc, 1).logProb(x))`),
 * so the parameters are traced like any other array.
 */
import { fail } from "../../core/errors.js";
import { ArrayValue, type ArrayOrScalar } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { checkKey, type Key } from "../../core/random/common.js";
import { broadcastShapes, type Shape } from "../../core/shape.js";
import { describeValue, validShape } from "../../core/validate.js";

/** A probability distribution over arrays of shape [...batchShape, ...eventShape]. */
export interface Distribution {
  /** The family ("normal", "gamma", ...), which `kl` dispatches on. */
  readonly family: string;
  /** The parameters, as arrays. */
  readonly params: Readonly<Record<string, ArrayValue>>;
  /** The shape of independent distributions the parameters describe (their broadcast). */
  readonly batchShape: Shape;
  /** The shape of one draw: [] for scalar families, [n] for multivariateNormal, dirichlet. */
  readonly eventShape: Shape;
  /** Log density (or log mass) of `x` (shape [..., ...eventShape], broadcast against the batch). */
  logProb(x: ArrayOrScalar): ArrayValue;
  /** Samples of shape [...shape, ...batchShape, ...eventShape]. */
  sample(key: Key, shape?: Shape): ArrayValue;
  /** The mean, of shape [...batchShape, ...eventShape]. */
  mean(): ArrayValue;
  /** The variance (elementwise, the covariance's diagonal for vector events). */
  variance(): ArrayValue;
  /** The entropy in nats, of shape batchShape (an error for families without a closed form). */
  entropy(): ArrayValue;
}

/** The methods a family defines; `record` adds the shapes and freezes it. */
export type Methods = Pick<Distribution, "logProb" | "sample" | "mean" | "variance" | "entropy">;

/** A frozen distribution record. */
export function record(family: string, params: Record<string, ArrayValue>, batchShape: Shape, eventShape: Shape, methods: Methods): Distribution {
  return Object.freeze({ family, params: Object.freeze(params), batchShape, eventShape, ...methods });
}

/** The common float dtype of the parameters: float32 only if some array is float32 and none float64. */
export function paramDtype(params: readonly unknown[]): "float32" | "float64" {
  const arrays = params.filter((p): p is ArrayValue => p instanceof ArrayValue);
  return arrays.some((a) => a.dtype === "float32") && !arrays.some((a) => a.dtype === "float64") ? "float32" : "float64";
}

/** Parameters as float arrays: numbers become float64 unless another parameter is float32. */
export function floatParams(op: string, params: Record<string, unknown>): Record<string, ArrayValue> {
  const dtype = paramDtype(Object.values(params));
  const out: Record<string, ArrayValue> = {};
  for (const [name, p] of Object.entries(params)) {
    if (typeof p !== "number" && !(p instanceof ArrayValue)) fail(`distributions.${op}`, `${name} must be a number or an array, got ${describeValue(p)}`);
    if (p instanceof ArrayValue && (p.dtype === "bool" || p.dtype === "uint32")) fail(`distributions.${op}`, `${name} must be a float array, got a ${p.dtype} array`);
    out[name] = typeof p === "number" ? np.array(p, { dtype }) : np.astype(p, dtype);
  }
  return out;
}

/** The broadcast shape of the parameters. */
export function batchShapeOf(family: string, params: Record<string, ArrayValue>): Shape {
  return broadcastShapes(`distributions.${family}`, ...Object.values(params).map((p) => p.shape));
}

/** Checks a sample call's key and shape; returns [...shape, ...batchShape]. */
export function sampleShape(family: string, key: unknown, batchShape: Shape, shape: unknown = []): Shape {
  const op = `distributions.${family}.sample`;
  checkKey("sample", key, op);
  return [...validShape(op, shape), ...batchShape];
}

/** The error for a quantity a family has no closed form for. */
export function noClosedForm(family: string, what: string, why: string): never {
  return fail(`distributions.${family}.${what}`, `the ${family} distribution has no closed-form ${what}: ${why}`);
}

/** The float dtype of a distribution's parameters. */
export const dtypeOf = (p: Record<string, ArrayValue>): "float32" | "float64" => Object.values(p)[0]!.dtype as "float32" | "float64";
