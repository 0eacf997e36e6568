/**
 * Weight initializers, as jax.nn.initializers: each takes an explicit key, a shape and options,
 * and draws with the variance its scheme prescribes for the layer's fan-in and fan-out. Fans
 * follow JAX's conventions: the input axis is -2 and the output axis -1 (dense [in, out], conv
 * HWIO), and every other axis is receptive field, multiplying both fans. The draws are JAX's own
 * (same PRNG, same formulas), so a key gives the values jax.nn.initializers give.
 */
import { fail } from "../core/errors.js";
import type { ArrayValue } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { scalar } from "../core/numpy/promote.js";
import * as random from "../core/random/index.js";
import type { Shape } from "../core/shape.js";
import { describeValue, either, finite, integer, integerList, oneOf, readOptions, validShape } from "../core/validate.js";
import { checkModelKey } from "./checks.js";

/** Options of an initializer: the dtype (default float32) and which axes hold the inputs and outputs. */
export interface InitOptions {
  readonly dtype?: random.FloatDType;
  /** The input axis or axes (default -2). */
  readonly inAxis?: number | readonly number[];
  /** The output axis or axes (default -1). */
  readonly outAxis?: number | readonly number[];
}

/** An initializer: a key and a shape in, an array of that shape out. */
export type Initializer = (key: random.Key, shape: Shape, options?: InitOptions) => ArrayValue;

/** Which fan sets the variance: inputs, outputs, or their arithmetic mean. */
export type FanMode = "fanIn" | "fanOut" | "fanAvg";

/** The distribution drawn: normal truncated at 2 standard deviations, normal, or uniform. */
export type Distribution = "truncatedNormal" | "normal" | "uniform";

/** The standard deviation of a standard normal truncated to (-2, 2). */
const truncatedStd = 0.87962566103423978;

function axesProduct(op: string, shape: Shape, axes: number | readonly number[], name: string): { size: number; axes: number[] } {
  const list = typeof axes === "number" ? [axes] : [...axes];
  const normalized = list.map((a) => {
    if (!Number.isInteger(a) || a < -shape.length || a >= shape.length) fail(op, `${name} ${describeValue(a)} is not an axis of shape [${shape.join(",")}]`);
    return a < 0 ? a + shape.length : a;
  });
  return { size: normalized.reduce((p, a) => p * shape[a]!, 1), axes: normalized };
}

/** An axis option: an integer or a list of integers. */
const axisOption = either<number, number[]>(integer, integerList, "an integer axis or a list of integer axes");

/** The options every initializer takes (the same keys for all, so initializers stay interchangeable). */
const initSpec = { dtype: oneOf<random.FloatDType>(["float32", "float64"]), inAxis: axisOption, outAxis: axisOption };

/** Fan-in and fan-out of a weight shape, as JAX's _compute_fans (receptive-field axes multiply both). */
export function computeFans(shape: Shape, fanOptions?: Pick<InitOptions, "inAxis" | "outAxis">): { fanIn: number; fanOut: number } {
  const op = "computeFans";
  validShape(op, shape);
  const options = readOptions(op, fanOptions, { inAxis: axisOption, outAxis: axisOption });
  if (shape.length < 2 && options.inAxis === undefined) {
    fail(op, `cannot tell inputs from outputs in a ${shape.length}-D weight shape [${shape.join(",")}]; give a shape of rank >= 2 or inAxis`);
  }
  const input = axesProduct(op, shape, options.inAxis ?? -2, "inAxis");
  const output = axesProduct(op, shape, options.outAxis ?? -1, "outAxis");
  const receptive = shape.reduce((p, d) => p * d, 1) / input.size / output.size;
  return { fanIn: input.size * receptive, fanOut: output.size * receptive };
}

/**
 * An initializer drawing from `distribution` with variance scale / n, where n is the fan-in,
 * fan-out or their mean (jax.nn.initializers.variance_scaling). The arithmetic is done in the
 * dtype, in JAX's order, so the values match JAX's to the bit where the samplers do.
 */
export function varianceScaling(scale: number, mode: FanMode, distribution: Distribution): Initializer {
  return namedInitializer("varianceScaling", scale, mode, distribution);
}

/** varianceScaling whose initializer names itself `name` in its errors (glorotUniform, heNormal, ...). */
function namedInitializer(name: string, scale: number, mode: FanMode, distribution: Distribution): Initializer {
  if (typeof scale !== "number" || !(scale > 0) || !Number.isFinite(scale)) fail("varianceScaling", `scale must be a positive finite number, got ${describeValue(scale)}`);
  oneOf<FanMode>(["fanIn", "fanOut", "fanAvg"])("varianceScaling", "mode", mode);
  oneOf<Distribution>(["truncatedNormal", "normal", "uniform"])("varianceScaling", "distribution", distribution);
  return (key, shape, initOptions) => {
    checkModelKey(name, key);
    const options = readOptions(name, initOptions, initSpec);
    const dtype = options.dtype ?? "float32";
    validShape(name, shape, dtype);
    const { fanIn, fanOut } = computeFans(shape, { inAxis: options.inAxis, outAxis: options.outAxis });
    const denominator = mode === "fanIn" ? fanIn : mode === "fanOut" ? fanOut : (fanIn + fanOut) / 2;
    const variance = scalar(scale / denominator, dtype);
    const c = (v: number) => scalar(v, dtype);
    if (distribution === "uniform") return np.multiply(random.uniform(key, shape, { dtype, minval: -1 }), np.sqrt(np.multiply(c(3), variance)));
    if (distribution === "normal") return np.multiply(random.normal(key, shape, { dtype }), np.sqrt(variance));
    return np.multiply(random.truncatedNormal(key, -2, 2, shape, { dtype }), np.divide(np.sqrt(variance), c(truncatedStd)));
  };
}

/** Glorot (Xavier) uniform: U(-limit, limit) with limit = sqrt(6 / (fanIn + fanOut)). */
export const glorotUniform: Initializer = namedInitializer("glorotUniform", 1, "fanAvg", "uniform");
/** Glorot (Xavier) normal: truncated normal with variance 2 / (fanIn + fanOut). */
export const glorotNormal: Initializer = namedInitializer("glorotNormal", 1, "fanAvg", "truncatedNormal");
/** He (Kaiming) uniform: U(-limit, limit) with limit = sqrt(6 / fanIn). */
export const heUniform: Initializer = namedInitializer("heUniform", 2, "fanIn", "uniform");
/** He (Kaiming) normal: truncated normal with variance 2 / fanIn. */
export const heNormal: Initializer = namedInitializer("heNormal", 2, "fanIn", "truncatedNormal");
/** LeCun uniform: U(-limit, limit) with limit = sqrt(3 / fanIn). */
export const lecunUniform: Initializer = namedInitializer("lecunUniform", 1, "fanIn", "uniform");
/** LeCun normal: truncated normal with variance 1 / fanIn. */
export const lecunNormal: Initializer = namedInitializer("lecunNormal", 1, "fanIn", "truncatedNormal");
/** Alias of glorotUniform. */
export const xavierUniform = glorotUniform;
/** Alias of glorotNormal. */
export const xavierNormal = glorotNormal;
/** Alias of heUniform (jax.nn.initializers.kaiming_uniform). */
export const kaimingUniform = heUniform;
/** Alias of heNormal (jax.nn.initializers.kaiming_normal). */
export const kaimingNormal = heNormal;

/** An initializer of zeros (biases); the key is unused but checked, so initializers stay interchangeable and a misplaced argument is caught. */
export const zerosInit: Initializer = (key, shape, options) => {
  checkModelKey("zerosInit", key);
  const dtype = readOptions("zerosInit", options, initSpec).dtype ?? "float32";
  return np.zeros(validShape("zerosInit", shape, dtype), { dtype });
};

/** Options of orthogonal: a factor on the matrix (default 1) and the axis whose vectors are orthonormal (default -1). */
export interface OrthogonalOptions {
  readonly scale?: number;
  readonly columnAxis?: number;
}

/**
 * An initializer drawing a uniformly distributed (semi-)orthogonal matrix times `scale`
 * (jax.nn.initializers.orthogonal): the weight is viewed as a matrix of rows by `columnAxis`
 * columns, and whichever of rows and columns is the smaller set comes out orthonormal. The draw
 * is JAX's: a normal matrix from the key, its QR factors, Q's columns signed by R's diagonal, so
 * a key gives JAX's values up to QR's rounding. Flax's recurrent kernels use it.
 *
 * @example
 * import { models, np, random } from "tessera";
 * const q = models.orthogonal()(random.key(0), [4, 4], { dtype: "float64" });
 * np.allclose(np.matmul(np.transpose(q), q), np.eye(4)); // true
 */
export function orthogonal(orthogonalOptions?: OrthogonalOptions): Initializer {
  const op = "orthogonal";
  const options = readOptions(op, orthogonalOptions, { scale: finite, columnAxis: integer });
  const scale = options.scale ?? 1;
  const columnAxis = options.columnAxis ?? -1;
  return (key, shape, initOptions) => {
    checkModelKey(op, key);
    const read = readOptions(op, initOptions, initSpec);
    if (read.inAxis !== undefined || read.outAxis !== undefined) {
      fail(op, "takes no inAxis or outAxis: the axis it makes orthonormal is the columnAxis given to orthogonal({ columnAxis })");
    }
    const dtype = read.dtype ?? "float32";
    validShape(op, shape, dtype);
    if (shape.length < 2) fail(op, `needs a weight shape of rank >= 2, got [${shape.join(",")}]`);
    if (columnAxis < -shape.length || columnAxis >= shape.length) fail(op, `columnAxis ${columnAxis} is not an axis of shape [${shape.join(",")}]`);
    if (shape.some((d) => d === 0)) return np.zeros(shape, { dtype });
    const axis = columnAxis < 0 ? columnAxis + shape.length : columnAxis;
    const columns = shape[axis]!;
    const rows = shape.reduce((p, d) => p * d, 1) / columns;
    const z = random.normal(key, [Math.max(rows, columns), Math.min(rows, columns)], { dtype });
    const [q, r] = np.linalg.qr(z);
    // Signing Q's columns by R's diagonal makes the factorization unique, hence the draw uniform (Haar).
    const signed = np.multiply(q, np.sign(np.diagonal(r)));
    const matrix = rows < columns ? np.transpose(signed) : signed;
    const others = shape.filter((_, i) => i !== axis);
    const placed = np.moveaxis(np.reshape(matrix, [...others, columns]), -1, axis);
    return np.multiply(scalar(scale, dtype), placed);
  };
}

/**
 * An initializer of ones (jax.nn.initializers.ones); the key is checked but unused, as zerosInit's.
 *
 * @example
 * import { models, random } from "tessera";
 * models.onesInit(random.key(0), [3]); // [1, 1, 1]
 */
export const onesInit: Initializer = (key, shape, options) => {
  checkModelKey("onesInit", key);
  const dtype = readOptions("onesInit", options, initSpec).dtype ?? "float32";
  return np.ones(validShape("onesInit", shape, dtype), { dtype });
};

/**
 * An initializer filling every entry with `value` (jax.nn.initializers.constant).
 *
 * @example
 * import { models, random } from "tessera";
 * models.constant(0.1)(random.key(0), [2, 2]);
 */
export function constant(value: number): Initializer {
  const fill = finite("constant", "value", value);
  return (key, shape, options) => {
    checkModelKey("constant", key);
    const dtype = readOptions("constant", options, initSpec).dtype ?? "float32";
    return np.full(validShape("constant", shape, dtype), fill, { dtype });
  };
}

/** Checks a positive finite factor of an initializer factory. */
function positiveFactor(op: string, name: string, x: unknown): number {
  if (typeof x !== "number" || !(x > 0) || !Number.isFinite(x)) fail(op, `${name} must be a positive finite number, got ${describeValue(x)}`);
  return x;
}

/** A factory's initializer: checks the key, reads the options, and draws with the dtype. */
function drawing(op: string, draw: (key: random.Key, shape: Shape, dtype: random.FloatDType) => ArrayValue): Initializer {
  return (key, shape, options) => {
    checkModelKey(op, key);
    const dtype = readOptions(op, options, initSpec).dtype ?? "float32";
    return draw(key, validShape(op, shape, dtype), dtype);
  };
}

/**
 * An initializer drawing normal values with standard deviation `stddev` (default 0.01), as
 * jax.nn.initializers.normal.
 *
 * @example
 * import { models, random } from "tessera";
 * const w = models.normal(0.02)(random.key(0), [3, 4]);
 */
export function normal(stddev = 1e-2): Initializer {
  const s = positiveFactor("normal", "stddev", stddev);
  return drawing("normal", (key, shape, dtype) => np.multiply(random.normal(key, shape, { dtype }), scalar(s, dtype)));
}

/**
 * An initializer drawing uniform values in [0, scale) (default scale 0.01), as
 * jax.nn.initializers.uniform.
 *
 * @example
 * import { models, random } from "tessera";
 * const w = models.uniform(0.1)(random.key(0), [3, 4]);
 */
export function uniform(scale = 1e-2): Initializer {
  const s = positiveFactor("uniform", "scale", scale);
  return drawing("uniform", (key, shape, dtype) => np.multiply(random.uniform(key, shape, { dtype }), scalar(s, dtype)));
}

/** The truncation bounds of truncatedNormal, in standard deviations (default -2 and 2). */
export interface TruncatedNormalOptions {
  readonly lower?: number;
  readonly upper?: number;
}

/**
 * An initializer drawing a standard normal truncated to (lower, upper), times `stddev` (default
 * 0.01), as jax.nn.initializers.truncated_normal (the result's standard deviation is below
 * `stddev`, as JAX's).
 *
 * @example
 * import { models, random } from "tessera";
 * const w = models.truncatedNormal(0.02)(random.key(0), [3, 4]);
 */
export function truncatedNormal(stddev = 1e-2, boundOptions?: TruncatedNormalOptions): Initializer {
  const s = positiveFactor("truncatedNormal", "stddev", stddev);
  const bounds = readOptions("truncatedNormal", boundOptions, { lower: finite, upper: finite });
  const lower = bounds.lower ?? -2;
  const upper = bounds.upper ?? 2;
  if (!(lower < upper)) fail("truncatedNormal", `lower must be below upper, got lower ${lower} and upper ${upper}`);
  return drawing("truncatedNormal", (key, shape, dtype) => np.multiply(random.truncatedNormal(key, lower, upper, shape, { dtype }), scalar(s, dtype)));
}

/**
 * The delta-orthogonal initializer for 1-, 2- and 3-D convolution kernels
 * (jax.nn.initializers.delta_orthogonal): zeros except the spatial center, which holds an
 * orthogonal [in, out] matrix drawn as `orthogonal(options)` draws it. The kernel shape is
 * [...spatial, in, out] with in <= out.
 *
 * @example
 * import { models, random } from "tessera";
 * const k = models.deltaOrthogonal()(random.key(0), [3, 3, 4, 4]);
 */
export function deltaOrthogonal(orthogonalOptions?: OrthogonalOptions): Initializer {
  const op = "deltaOrthogonal";
  const center = orthogonal(orthogonalOptions);
  return (key, shape, initOptions) => {
    checkModelKey(op, key);
    const read = readOptions(op, initOptions, initSpec);
    if (read.inAxis !== undefined || read.outAxis !== undefined) fail(op, "takes no inAxis or outAxis: the kernel's last two axes are its inputs and outputs");
    const dtype = read.dtype ?? "float32";
    validShape(op, shape, dtype);
    if (shape.length < 3 || shape.length > 5) fail(op, `needs a 3-D, 4-D or 5-D kernel shape ([...spatial, in, out]), got [${shape.join(",")}]`);
    const inputs = shape[shape.length - 2]!;
    const outputs = shape[shape.length - 1]!;
    if (outputs < inputs) fail(op, `needs in <= out (the last two axes), got in ${inputs} and out ${outputs} in [${shape.join(",")}]`);
    const matrix = center(key, [inputs, outputs], { dtype });
    const spatial = shape.slice(0, -2);
    const middle = spatial.map((k) => Math.floor((k - 1) / 2));
    const lifted = np.reshape(matrix, [...spatial.map(() => 1), inputs, outputs]);
    return np.pad(lifted, [...spatial.map((k, i) => [middle[i]!, k - 1 - middle[i]!] as [number, number]), [0, 0], [0, 0]]);
  };
}
