/**
 * Samplers built by transforming the basic ones (uniform, normal, exponential, bernoulli, gamma):
 * Rademacher, Cauchy, logistic, log-normal, Pareto, Rayleigh, Maxwell, Weibull, Wald,
 * triangular, Student's t, chi-square, F, geometric and the generalized normal. Each follows
 * JAX 0.10's own formula and key splitting, so a key gives JAX's sample.
 */
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import * as np from "../numpy/index.js";
import { scalar } from "../numpy/promote.js";
import { broadcastShapes, type Shape } from "../shape.js";
import { fail } from "../errors.js";
import { anyValue, checkArity, describeValue, oneOf, readOptions } from "../validate.js";
import { checkKey, floatDtype, shapeArg, type FloatDType, type FloatOptions, type Key } from "./common.js";
import { bernoulli } from "./discrete.js";
import { exponential, normal, uniformBetween } from "./floats.js";
import { broadcastTo, gamma, loggamma, parameterDtype, realParam, row, samplerShape } from "./gamma.js";
import { split } from "./keys.js";

/** Checks a parameterless float sampler's arguments (key, shape, {dtype}); returns the dtype. */
function plainSampler(op: string, key: unknown, shape: unknown, options: unknown): FloatDType {
  checkKey(op, key);
  const dtype = floatDtype(op, readOptions(`random.${op}`, options as FloatOptions | null, { dtype: anyValue }).dtype);
  shapeArg(op, shape, dtype);
  return dtype;
}

/** Uniform floats in [minval, 1) of `shape`. */
function unitUniform(op: string, key: Key, shape: Shape, dtype: FloatDType, minval = 0): ArrayValue {
  return uniformBetween(op, key, shape, dtype, scalar(minval, dtype), scalar(1, dtype));
}

/** Machine epsilon and the smallest normal float of `dtype`. */
const EPS = { float32: 2 ** -23, float64: 2 ** -52 } as const;
const TINY = { float32: 2 ** -126, float64: 2 ** -1022 } as const;

// ---------------------------------------------------------------------------------------------
// parameterless samplers

/** The dtype option of rademacher: int32 (default) or a float dtype. */
export interface RademacherOptions {
  readonly dtype?: "int32" | FloatDType;
}

/**
 * Rademacher samples: -1 or +1 with equal probability (JAX: `2 * bernoulli(key, 0.5) - 1`). The
 * coin flips compare float32 uniforms to 1/2, float64 ones for a float64 dtype (JAX's draws with
 * x64 enabled).
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const signs = random.rademacher(random.key(0), [4]); // int32 values in {-1, 1}
 * ```
 */
export function rademacher(key: Key, shape: Shape = [], options: RademacherOptions | null = {}): ArrayValue {
  checkArity("random.rademacher", arguments, 3, "pass the dtype as an option: rademacher(key, shape, {dtype})");
  checkKey("rademacher", key);
  const dtype = readOptions("random.rademacher", options, { dtype: oneOf(["int32", "float32", "float64"] as const) }).dtype ?? "int32";
  const half = scalar(0.5, dtype === "float64" ? "float64" : "float32");
  const samples = np.astype(bernoulli(key, half, shapeArg("rademacher", shape, dtype)), dtype);
  return np.astype(np.subtract(np.multiply(scalar(2, dtype), samples), scalar(1, dtype)), dtype);
}

/**
 * Standard Cauchy samples: tan(pi (u - 1/2)) with u uniform in [eps, 1).
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.cauchy(random.key(0), [3]);
 * ```
 */
export function cauchy(key: Key, shape: Shape = [], options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.cauchy", arguments, 3, "pass the dtype as an option: cauchy(key, shape, {dtype})");
  const dtype = plainSampler("cauchy", key, shape, options);
  const u = unitUniform("cauchy", key, shape, dtype, EPS[dtype]);
  return np.tan(np.multiply(scalar(Math.PI, dtype), np.subtract(u, scalar(0.5, dtype))));
}

/**
 * Standard logistic samples: log(u) - log1p(-u) with u uniform in [tiny, 1).
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.logistic(random.key(0), [3]);
 * ```
 */
export function logistic(key: Key, shape: Shape = [], options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.logistic", arguments, 3, "pass the dtype as an option: logistic(key, shape, {dtype})");
  const dtype = plainSampler("logistic", key, shape, options);
  const u = unitUniform("logistic", key, shape, dtype, TINY[dtype]);
  return np.subtract(np.log(u), np.log1p(np.negative(u)));
}

/**
 * Maxwell samples (the speed of a 3-D standard normal vector): the norm of three normal draws,
 * taken along a trailing axis of length 3.
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const speeds = random.maxwell(random.key(0), [3]);
 * ```
 */
export function maxwell(key: Key, shape: Shape = [], options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.maxwell", arguments, 3, "pass the dtype as an option: maxwell(key, shape, {dtype})");
  const dtype = plainSampler("maxwell", key, shape, options);
  return maxwellSamples(key, shape, dtype);
}

function maxwellSamples(key: Key, shape: Shape, dtype: FloatDType): ArrayValue {
  const draws = normal(key, [...shape, 3], { dtype });
  return np.sqrt(np.sum(np.multiply(draws, draws), { axis: -1 }));
}

// ---------------------------------------------------------------------------------------------
// samplers with elementwise parameters (shape defaults to their broadcast shape)

/** Output shape and float parameters of a sampler with elementwise parameters. */
function withParams(
  op: string,
  key: unknown,
  shape: Shape | null | undefined,
  options: unknown,
  params: Record<string, unknown>,
): { dtype: FloatDType; shape: Shape; p: ArrayValue[] } {
  checkKey(op, key);
  const values = Object.values(params);
  const dtype = parameterDtype(op, options, ...values);
  const p = Object.entries(params).map(([name, x]) => realParam(op, name, x, dtype));
  return { dtype, shape: samplerShape(op, shape, dtype, ...p), p };
}

/**
 * Log-normal samples: exp(sigma * z) with z standard normal. `shape` defaults to sigma's.
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.lognormal(random.key(0), 0.5, [3]);
 * ```
 */
export function lognormal(key: Key, sigma: ArrayOrScalar = 1, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.lognormal", arguments, 4);
  const { dtype, shape: out, p } = withParams("lognormal", key, shape, options, { sigma });
  return np.exp(np.multiply(normal(key, out, { dtype }), p[0]!));
}

/**
 * Pareto samples with shape parameter b and scale 1: exp(e / b) with e standard exponential.
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.pareto(random.key(0), 3, [3]); // values >= 1
 * ```
 */
export function pareto(key: Key, b: ArrayOrScalar, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.pareto", arguments, 4);
  const { dtype, shape: out, p } = withParams("pareto", key, shape, options, { b });
  const e = np.negative(np.log1p(np.negative(unitUniform("pareto", key, out, dtype))));
  return np.exp(np.divide(e, p[0]!));
}

/**
 * Rayleigh samples: scale * sqrt(-2 log u) with u uniform in [0, 1).
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.rayleigh(random.key(0), 2, [3]);
 * ```
 */
export function rayleigh(key: Key, scale: ArrayOrScalar, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.rayleigh", arguments, 4);
  const { dtype, shape: out, p } = withParams("rayleigh", key, shape, options, { scale });
  const u = unitUniform("rayleigh", key, out, dtype);
  return np.multiply(broadcastTo(p[0]!, out), np.sqrt(np.multiply(np.log(u), scalar(-2, dtype))));
}

/**
 * Wald (inverse Gaussian) samples with the given mean and shape parameter 1, by Michael, Schucany
 * and Haas's transformation of a normal and a uniform draw (keys split as JAX does).
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.wald(random.key(0), 1.5, [3]);
 * ```
 */
export function wald(key: Key, mean: ArrayOrScalar, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.wald", arguments, 4);
  const { dtype, shape: out, p } = withParams("wald", key, shape, options, { mean });
  const keys = split(key);
  const mu = broadcastTo(p[0]!, out);
  const v = normal(row(keys, 0), out, { dtype });
  const z = unitUniform("wald", row(keys, 1), out, dtype);
  const y = np.multiply(v, v);
  const ySquared = np.multiply(y, y);
  const muSquared = np.multiply(mu, mu);
  const root = np.sqrt(np.add(np.multiply(np.multiply(scalar(4, dtype), mu), y), np.multiply(muSquared, ySquared)));
  const half = scalar(2, dtype);
  const x = np.subtract(np.add(mu, np.divide(np.multiply(muSquared, y), half)), np.multiply(np.divide(mu, half), root));
  return np.where(np.lessEqual(z, np.divide(mu, np.add(mu, x))), x, np.divide(muSquared, x));
}

/**
 * Triangular samples on [left, right] with the given mode, by inverting the CDF.
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.triangular(random.key(0), 0, 1, 3, [3]);
 * ```
 */
export function triangular(
  key: Key,
  left: ArrayOrScalar,
  mode: ArrayOrScalar,
  right: ArrayOrScalar,
  shape?: Shape | null,
  options: FloatOptions | null = {},
): ArrayValue {
  checkArity("random.triangular", arguments, 6);
  const { dtype, shape: out, p } = withParams("triangular", key, shape, options, { left, mode, right });
  const [a, c, b] = p.map((x) => broadcastTo(x, out)) as [ArrayValue, ArrayValue, ArrayValue];
  const width = np.subtract(b, a);
  const split = np.divide(np.subtract(c, a), width);
  const u = unitUniform("triangular", key, out, dtype);
  const low = np.add(a, np.sqrt(np.multiply(np.multiply(u, width), np.subtract(c, a))));
  const high = np.subtract(b, np.sqrt(np.multiply(np.multiply(np.subtract(scalar(1, dtype), u), width), np.subtract(b, c))));
  return np.where(np.less(u, split), low, high);
}

/**
 * Student's t samples with `df` degrees of freedom: z * sqrt((df/2) / g) with z standard normal
 * and g ~ Gamma(df/2) (keys split as JAX does).
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.t(random.key(0), 5, [3]);
 * ```
 */
export function t(key: Key, df: ArrayOrScalar, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.t", arguments, 4);
  const { dtype, shape: out, p } = withParams("t", key, shape, options, { df });
  const keys = split(key);
  const z = normal(row(keys, 0), out, { dtype });
  const halfDf = np.divide(p[0]!, scalar(2, dtype));
  const g = gamma(row(keys, 1), halfDf, out, { dtype });
  return np.multiply(z, np.sqrt(np.divide(halfDf, g)));
}

/** Chi-square(df) samples of `shape`, through a log-gamma draw as JAX takes them. */
function chisquareSamples(key: Key, df: ArrayValue, shape: Shape, dtype: FloatDType): ArrayValue {
  const two = scalar(2, dtype);
  return np.multiply(np.exp(loggamma(key, np.divide(df, two), shape, { dtype })), two);
}

/**
 * Chi-square samples with `df` degrees of freedom: 2 * Gamma(df / 2).
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.chisquare(random.key(0), 4, [3]);
 * ```
 */
export function chisquare(key: Key, df: ArrayOrScalar, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.chisquare", arguments, 4);
  const { dtype, shape: out, p } = withParams("chisquare", key, shape, options, { df });
  return chisquareSamples(key, p[0]!, out, dtype);
}

/**
 * F (Fisher-Snedecor) samples: (X1 / dfnum) / (X2 / dfden) with independent chi-square draws.
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.f(random.key(0), 3, 7, [3]);
 * ```
 */
export function f(key: Key, dfnum: ArrayOrScalar, dfden: ArrayOrScalar, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.f", arguments, 5);
  const { dtype, shape: out, p } = withParams("f", key, shape, options, { dfnum, dfden });
  const [num, den] = p as [ArrayValue, ArrayValue];
  const keys = split(key);
  const chiNum = chisquareSamples(row(keys, 1), num, out, dtype);
  const chiDen = chisquareSamples(row(keys, 0), den, out, dtype);
  return np.divide(np.divide(chiNum, num), np.divide(chiDen, den));
}

/**
 * Geometric samples (the number of Bernoulli(p) trials up to the first success, so >= 1), as
 * int32: floor(log u / log1p(-p)) + 1.
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const trials = random.geometric(random.key(0), 0.3, [4]);
 * ```
 */
export function geometric(key: Key, p: ArrayOrScalar, shape?: Shape | null): ArrayValue {
  checkArity("random.geometric", arguments, 3);
  const { dtype, shape: out, p: params } = withParams("geometric", key, shape, {}, { p });
  const drawn = unitUniform("geometric", key, out, dtype);
  const u = np.where(np.equal(drawn, scalar(0, dtype)), scalar(1, dtype), drawn);
  const logOneMinusP = broadcastTo(np.log1p(np.negative(params[0]!)), out);
  return np.astype(np.add(np.floor(np.divide(np.log(u), logOneMinusP)), scalar(1, dtype)), "int32");
}

// ---------------------------------------------------------------------------------------------
// samplers whose parameters come with the shape

/**
 * Double-sided Maxwell samples: a random sign times a Maxwell draw, times scale, plus loc.
 * As in JAX, the sample shape is `shape` followed by the broadcast shape of loc and scale
 * (`shape` defaulting to that broadcast shape when empty).
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.doubleSidedMaxwell(random.key(0), 0, 1, [3]);
 * ```
 */
export function doubleSidedMaxwell(
  key: Key,
  loc: ArrayOrScalar,
  scale: ArrayOrScalar,
  shape: Shape = [],
  options: FloatOptions | null = {},
): ArrayValue {
  checkArity("random.doubleSidedMaxwell", arguments, 5);
  checkKey("doubleSidedMaxwell", key);
  const dtype = parameterDtype("doubleSidedMaxwell", options, loc, scale);
  const l = realParam("doubleSidedMaxwell", "loc", loc, dtype);
  const s = realParam("doubleSidedMaxwell", "scale", scale, dtype);
  const paramShape = broadcastShapes("random.doubleSidedMaxwell", l.shape, s.shape);
  const given = shapeArg("doubleSidedMaxwell", shape, dtype);
  const out = shapeArg("doubleSidedMaxwell", [...(given.length === 0 ? paramShape : given), ...paramShape], dtype);
  const keys = split(key);
  const speeds = maxwellSamples(row(keys, 0), out, dtype);
  const signs = rademacher(row(keys, 1), out, { dtype });
  return np.add(np.multiply(np.multiply(signs, speeds), s), l);
}

/**
 * Weibull samples with the given scale and concentration (shape parameter k):
 * scale * (-log1p(-u))^(1/k).
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.weibullMin(random.key(0), 1, 1.5, [3]);
 * ```
 */
export function weibullMin(
  key: Key,
  scale: ArrayOrScalar,
  concentration: ArrayOrScalar,
  shape: Shape = [],
  options: FloatOptions | null = {},
): ArrayValue {
  checkArity("random.weibullMin", arguments, 5);
  checkKey("weibullMin", key);
  const dtype = parameterDtype("weibullMin", options, scale, concentration);
  const s = realParam("weibullMin", "scale", scale, dtype);
  const k = realParam("weibullMin", "concentration", concentration, dtype);
  const out = shapeArg("weibullMin", shape, dtype);
  const u = unitUniform("weibullMin", key, out, dtype);
  return np.multiply(np.power(np.negative(np.log1p(np.negative(u))), np.divide(scalar(1, dtype), k)), s);
}

/**
 * Generalized normal samples with density proportional to exp(-|x|^p): a random sign times
 * g^(1/p) with g ~ Gamma(1/p). `p` is a positive JS number, as in JAX.
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const x = random.generalizedNormal(random.key(0), 1.5, [3]);
 * ```
 */
export function generalizedNormal(key: Key, p: number, shape: Shape = [], options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.generalizedNormal", arguments, 4);
  if (typeof p !== "number" || !(p > 0)) fail("random.generalizedNormal", `p must be a positive number, got ${describeValue(p)}`);
  const dtype = plainSampler("generalizedNormal", key, shape, options);
  const keys = split(key);
  const g = gamma(row(keys, 0), 1 / p, shape, { dtype });
  const signs = rademacher(row(keys, 1), shape, { dtype });
  return np.multiply(signs, np.power(g, scalar(1 / p, dtype)));
}

/**
 * Points drawn uniformly from the unit Lp ball in `d` dimensions: shape `[...shape, d]`. As JAX
 * (Barthe, Guédon, Mendelson and Naor): generalized normal coordinates g (from key 0 of
 * split(key)) over (Σ|g|^p + e)^(1/p) with e exponential (from key 1). `d` is a non-negative
 * integer and `p` a positive number (both JS numbers).
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const points = random.ball(random.key(0), 3, 2, [10]); // [10, 3], each inside the unit sphere
 * ```
 */
export function ball(key: Key, d: number, p = 2, shape: Shape = [], options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.ball", arguments, 5, "pass the dtype as an option: ball(key, d, p, shape, {dtype})");
  if (!Number.isSafeInteger(d) || d < 0) fail("random.ball", `d must be a non-negative integer, got ${describeValue(d)}`);
  if (typeof p !== "number" || !(p > 0)) fail("random.ball", `p must be a positive number, got ${describeValue(p)}`);
  const dtype = plainSampler("ball", key, shape, options);
  const batch = shapeArg("ball", shape, dtype);
  shapeArg("ball", [...batch, d], dtype);
  const keys = split(key);
  const g = generalizedNormal(row(keys, 0), p, [...batch, d], { dtype });
  const e = exponential(row(keys, 1), batch, { dtype });
  const radius = np.power(np.add(np.sum(np.power(np.abs(g), p), { axis: -1 }), e), 1 / p);
  return np.divide(g, np.expandDims(radius, -1));
}
