/**
 * jax.scipy.special in camelCase: gamma-family functions, entropies, the normal distribution's
 * functions, Bessel functions and the Hurwitz zeta. Each promotes its operands as JAX does
 * (integers and JS numbers become float32, float64 stays float64), follows JAX's algorithm, and
 * where JAX gives a function its own derivative rule (xlogy at x = 0, logit, logNdtr, gammaln, ...)
 * gives it the same rule through customJvp, so gradients agree at the edges too.
 */
import { fail } from "../../core/errors.js";
import type { ArrayOrScalar, ArrayValue } from "../../core/ndarray.js";
import * as nn from "../../core/nn.js";
import * as np from "../../core/numpy/index.js";
import { promoteToFloat } from "../../core/numpy/promote.js";
import { digamma as lanczosDigamma, lgamma as lanczosLgamma } from "../../core/random/special.js";
import { bool, integer, nullable, readOptions, refine, either, integerList } from "../../core/validate.js";
import { customJvp } from "../custom.js";

export { erf, erfc, erfinv, expit } from "../../core/numpy/elementwise.js";
export { logsumexp } from "../../core/nn.js";
export { gammainc, gammaincc } from "./incomplete-gamma.js";

/** The operands promoted to one float dtype, as JAX's promote_args_inexact. */
function floats(name: string, ...xs: ArrayOrScalar[]): ArrayValue[] {
  return promoteToFloat(`scipy.special.${name}`, ...xs);
}

/** jnp.polyval: Horner's rule from the highest coefficient, starting from zero as JAX does. */
function polyval(coefficients: readonly number[], x: ArrayValue): ArrayValue {
  let y: ArrayValue = np.zerosLike(x);
  for (const c of coefficients) y = np.add(np.multiply(y, x), c);
  return y;
}

// ---------------------------------------------------------------------------------------------
// the gamma function and its relatives

/** log|Γ(x)| from core's Lanczos approximation, +inf at ±inf (where the approximation gives NaN). */
function logAbsGamma(x: ArrayValue): ArrayValue {
  return np.where(np.isinf(x), Infinity, lanczosLgamma(x));
}

const lgammaWithRule: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) => logAbsGamma(x),
  ([x], [t]) => [logAbsGamma(x as ArrayValue), np.multiply(t as ArrayValue, digammaWithRule(x as ArrayValue))],
);

const digammaWithRule: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) => lanczosDigamma(x),
  ([x], [t]) => [lanczosDigamma(x as ArrayValue), np.multiply(t as ArrayValue, polygammaOf(1, x as ArrayValue))],
);

/**
 * log|Γ(x)| elementwise (its derivative is `digamma`). Poles (0, -1, -2, ...) give +inf.
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.special.gammaln(np.array([0.5, 1, 10])); // [0.5724, 0, 12.8018]
 */
export function gammaln(x: ArrayOrScalar): ArrayValue {
  return lgammaWithRule(floats("gammaln", x)[0]!);
}

/**
 * The digamma function ψ(x) = d/dx log Γ(x) elementwise (its derivative is `polygamma(1, x)`).
 * NaN at the poles 0, -1, -2, ...
 */
export function digamma(x: ArrayOrScalar): ArrayValue {
  return digammaWithRule(floats("digamma", x)[0]!);
}

/**
 * The sign of Γ(x): +1 or -1; -1 at -0 and +1 at +0; NaN at the negative integers (where the sign
 * depends on the side), at -inf and at NaN.
 */
export function gammasgn(x: ArrayOrScalar): ArrayValue {
  const [a] = floats("gammasgn", x);
  const floor = np.floor(a!);
  const negative = np.less(a!, 0);
  const undefinedSign = np.logicalOr(np.logicalAnd(negative, np.equal(a!, floor)), np.isnan(a!));
  const minus = np.logicalOr(np.logicalAnd(negative, np.notEqual(np.remainder(floor, 2), 0)), np.logicalAnd(np.equal(a!, 0), np.signbit(a!)));
  return np.where(undefinedSign, NaN, np.where(minus, -1, np.onesLike(a!)));
}

/** Γ(x) elementwise, as gammasgn(x) · exp(gammaln(x)): ±inf at ±0, NaN at the negative integers. */
export function gamma(x: ArrayOrScalar): ArrayValue {
  const [a] = floats("gamma", x);
  return np.multiply(gammasgn(a!), np.exp(lgammaWithRule(a!)));
}

/**
 * log Γ(x) on the principal branch, for real x: gammaln(x) where x > 0, NaN elsewhere.
 */
export function loggamma(x: ArrayOrScalar): ArrayValue {
  const [a] = floats("loggamma", x);
  return np.where(np.greater(a!, 0), lgammaWithRule(a!), NaN);
}

/** log B(a, b) from the difference of log-gammas when the larger argument is small, and an asymptotic series when it is at least 8 (JAX's algorithm, from TOMS 708). */
function logBeta(a: ArrayValue, b: ArrayValue): ArrayValue {
  const small = np.minimum(a, b);
  const large = np.maximum(a, b);
  const smallLarge = np.add(lgammaWithRule(small), np.subtract(lgammaWithRule(large), lgammaWithRule(np.add(small, large))));
  const largeLarge = np.add(lgammaWithRule(small), algdiv(small, large));
  return np.where(np.less(large, 8), smallLarge, largeLarge);
}

/** log(Γ(b) / Γ(a + b)) for b >= 8 (TOMS 708's algdiv, as JAX's betaln uses it). */
function algdiv(a: ArrayValue, b: ArrayValue): ArrayValue {
  const [c0, c1, c2, c3, c4, c5] = [0.0833333333333333, -0.00277777777760991, 0.00079365066682539, -0.00059520293135187, 0.000837308034031215, -0.00165322962780713];
  const h = np.divide(a, b);
  const c = np.divide(h, np.add(1, h));
  const x = c;
  const d = np.add(b, np.subtract(a, 0.5));
  const x2 = np.multiply(x, x);
  const s3 = np.add(1, np.add(x, x2));
  const s5 = np.add(1, np.add(x, np.multiply(x2, s3)));
  const s7 = np.add(1, np.add(x, np.multiply(x2, s5)));
  const s9 = np.add(1, np.add(x, np.multiply(x2, s7)));
  const s11 = np.add(1, np.add(x, np.multiply(x2, s9)));
  const t = np.square(np.divide(1, b));
  let w = np.add(np.multiply(np.multiply(c5, s11), t), np.multiply(c4, s9));
  w = np.add(np.multiply(w, t), np.multiply(c3, s7));
  w = np.add(np.multiply(w, t), np.multiply(c2, s5));
  w = np.add(np.multiply(w, t), np.multiply(c1, s3));
  w = np.add(np.multiply(w, t), c0);
  w = np.multiply(w, np.divide(c, b));
  const u = np.multiply(d, np.log1p(np.divide(a, b)));
  const v = np.multiply(a, np.subtract(np.log(b), 1));
  return np.where(np.lessEqual(u, v), np.subtract(np.subtract(w, v), u), np.subtract(np.subtract(w, u), v));
}

/** log|B(a, b)|, the log of the beta function. */
export function betaln(a: ArrayOrScalar, b: ArrayOrScalar): ArrayValue {
  const [x, y] = floats("betaln", a, b);
  return logBeta(x!, y!);
}

/** The beta function B(a, b) = Γ(a)Γ(b) / Γ(a + b), with its sign. */
export function beta(a: ArrayOrScalar, b: ArrayOrScalar): ArrayValue {
  const [x, y] = floats("beta", a, b);
  const sign = np.multiply(np.multiply(gammasgn(x!), gammasgn(y!)), gammasgn(np.add(x!, y!)));
  return np.multiply(sign, np.exp(logBeta(x!, y!)));
}

/** Options of factorial: only `exact: false` (the default), as in JAX. */
export interface FactorialOptions {
  readonly exact?: boolean;
}

/** n! as a float, through Γ(n + 1); 0 for negative n. `exact: true` is not supported, as in JAX. */
export function factorial(n: ArrayOrScalar, options: FactorialOptions | null = {}): ArrayValue {
  const o = readOptions("scipy.special.factorial", options, { exact: bool });
  if (o.exact === true) fail("scipy.special.factorial", "exact: true is not supported (JAX's factorial computes floats through the gamma function)");
  const [x] = floats("factorial", n);
  return np.where(np.less(x!, 0), 0, np.exp(lgammaWithRule(np.add(x!, 1))));
}

/** Options of comb. */
export interface CombOptions {
  /** Count combinations with repetition (N + k - 1 choose k). Default false. */
  readonly repetition?: boolean;
}

/** "N choose k" as a float, through the log-gamma function; 0 where k < 0, N < 0 or k > N. */
export function comb(N: ArrayOrScalar, k: ArrayOrScalar, options: CombOptions | null = {}): ArrayValue {
  const o = readOptions("scipy.special.comb", options, { repetition: bool });
  const [n, r] = floats("comb", N, k);
  if (o.repetition === true) {
    return np.where(np.logicalAnd(np.equal(r!, 0), np.greaterEqual(n!, 0)), 1, combination(np.subtract(np.add(n!, r!), 1), r!));
  }
  return combination(n!, r!);
}

function combination(n: ArrayValue, k: ArrayValue): ArrayValue {
  const ok = np.logicalAnd(np.logicalAnd(np.lessEqual(k, n), np.greaterEqual(n, 0)), np.greaterEqual(k, 0));
  const safeN = np.where(ok, n, 0);
  const safeK = np.where(ok, k, 0);
  const log = np.subtract(np.subtract(lgammaWithRule(np.add(safeN, 1)), lgammaWithRule(np.add(safeK, 1))), lgammaWithRule(np.subtract(np.add(safeN, 1), safeK)));
  return np.where(ok, np.exp(log), 0);
}

/**
 * log Γ_d(a), the log of the multivariate gamma function: d(d-1)/4 · log π + Σ_{i<d} gammaln(a - i/2).
 * `d` is a positive integer (JAX needs it concrete too).
 */
export function multigammaln(a: ArrayOrScalar, d: number): ArrayValue {
  const dimension = refine(integer, (v) => v >= 1, "a positive integer")("scipy.special.multigammaln", "d", d);
  const [x] = floats("multigammaln", a);
  let sum: ArrayValue = np.zerosLike(x!);
  for (let i = 0; i < dimension; i++) sum = np.add(sum, lgammaWithRule(np.subtract(x!, i / 2)));
  return np.add(sum, 0.25 * dimension * (dimension - 1) * Math.log(Math.PI));
}

// ---------------------------------------------------------------------------------------------
// x log y and the entropies

const xlogyWithRule: (x: ArrayValue, y: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue, y: ArrayValue) => np.where(np.logicalOr(np.notEqual(x, 0), np.isnan(y)), np.multiply(x, np.log(y)), np.zerosLike(x)),
  ([x, y], [dx, dy]) => {
    const [a, b, ta, tb] = [x, y, dx, dy] as ArrayValue[];
    return [xlogyWithRule(a!, b!), np.add(np.multiply(ta!, np.log(b!)), np.divide(np.multiply(tb!, a!), b!))];
  },
);

const xlog1pyWithRule: (x: ArrayValue, y: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue, y: ArrayValue) => np.where(np.logicalOr(np.notEqual(x, 0), np.isnan(y)), np.multiply(x, np.log1p(y)), np.zerosLike(x)),
  ([x, y], [dx, dy]) => {
    const [a, b, ta, tb] = [x, y, dx, dy] as ArrayValue[];
    return [xlog1pyWithRule(a!, b!), np.add(np.multiply(ta!, np.log1p(b!)), np.divide(np.multiply(tb!, a!), np.add(1, b!)))];
  },
);

/** x log x with the derivative log x + 1 (JAX's `_xlogx`): 0 at x = 0, derivative -inf there. */
const xlogx: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) => xlogyWithRule(x, x),
  ([x], [t]) => [xlogx(x as ArrayValue), np.multiply(t as ArrayValue, np.add(np.log(x as ArrayValue), 1))],
);

/**
 * x · log(y), 0 where x = 0 (unless y is NaN). Its derivative is JAX's rule,
 * (dx · log y + dy · x / y), so at x = 0 the gradient in x is log y.
 *
 * @example
 * import { grad, np, scipy } from "tessera";
 * scipy.special.xlogy(np.array([0, 2]), np.array([0, Math.E])); // [0, 2]
 * grad((x) => scipy.special.xlogy(x, 0.5))(np.array(0)); // log(0.5), JAX's derivative at x = 0
 */
export function xlogy(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  const [a, b] = floats("xlogy", x, y);
  return xlogyWithRule(a!, b!);
}

/** x · log(1 + y), 0 where x = 0 (unless y is NaN); derivative dx · log1p(y) + dy · x / (1 + y), as JAX. */
export function xlog1py(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  const [a, b] = floats("xlog1py", x, y);
  return xlog1pyWithRule(a!, b!);
}

/** The entropy summand -x log x: 0 at x = 0, -inf for x < 0. */
export function entr(x: ArrayOrScalar): ArrayValue {
  const [a] = floats("entr", x);
  return np.where(np.less(a!, 0), -Infinity, np.negative(xlogx(a!)));
}

/** The relative entropy summand p log(p / q): 0 where p = 0 and q >= 0, +inf where p or q is negative or only q is 0. */
export function relEntr(p: ArrayOrScalar, q: ArrayOrScalar): ArrayValue {
  const [a, b] = floats("relEntr", p, q);
  return relativeEntropy(a!, b!);
}

function relativeEntropy(p: ArrayValue, q: ArrayValue): ArrayValue {
  const bothPositive = np.logicalAnd(np.greater(p, 0), np.greater(q, 0));
  const zeroP = np.logicalAnd(np.equal(p, 0), np.greaterEqual(q, 0));
  const safeP = np.where(bothPositive, p, 1);
  const safeQ = np.where(bothPositive, q, 1);
  const value = np.subtract(xlogx(safeP), xlogyWithRule(safeP, safeQ));
  return np.where(bothPositive, value, np.where(zeroP, np.zerosLike(p), Infinity));
}

/** The Kullback-Leibler summand p log(p / q) - p + q (relEntr(p, q) - p + q). */
export function klDiv(p: ArrayOrScalar, q: ArrayOrScalar): ArrayValue {
  const [a, b] = floats("klDiv", p, q);
  return np.add(np.subtract(relativeEntropy(a!, b!), a!), b!);
}

const logitWithRule: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) => np.log(np.divide(x, np.subtract(1, x))),
  ([x], [t]) => {
    const p = x as ArrayValue;
    return [logitWithRule(p), np.divide(t as ArrayValue, np.multiply(p, np.subtract(1, p)))];
  },
);

/** log(p / (1 - p)), the inverse of expit; derivative 1 / (p (1 - p)), as JAX. */
export function logit(x: ArrayOrScalar): ArrayValue {
  return logitWithRule(floats("logit", x)[0]!);
}

/** The Box-Cox transform (x^λ - 1) / λ, log x where λ = 0. */
export function boxcox(x: ArrayOrScalar, lmbda: ArrayOrScalar): ArrayValue {
  const [a, l] = floats("boxcox", x, lmbda);
  return boxcoxOfLog(np.log(a!), l!);
}

/** The Box-Cox transform of 1 + x: ((1 + x)^λ - 1) / λ, log1p(x) where λ = 0. */
export function boxcox1p(x: ArrayOrScalar, lmbda: ArrayOrScalar): ArrayValue {
  const [a, l] = floats("boxcox1p", x, lmbda);
  return boxcoxOfLog(np.log1p(a!), l!);
}

function boxcoxOfLog(logX: ArrayValue, lmbda: ArrayValue): ArrayValue {
  const zero = np.equal(lmbda, 0);
  const safe = np.where(zero, np.onesLike(lmbda), lmbda);
  return np.where(zero, logX, np.divide(np.expm1(np.multiply(safe, logX)), safe));
}

/** Options of softmax and logSoftmax: the axes to normalize over (all by default, as scipy). */
export interface ScipySoftmaxOptions {
  readonly axis?: number | readonly number[] | null;
}

const axisOption = nullable(either(integer, integerList, "an integer or a list of integers"));

function softmaxAxes(name: string, x: ArrayOrScalar, options: unknown): number[] {
  const o = readOptions(`scipy.special.${name}`, options, { axis: axisOption });
  if (o.axis === undefined || o.axis === null) return [...Array(np.asarray(x).ndim).keys()];
  return typeof o.axis === "number" ? [o.axis] : [...o.axis];
}

/** exp(x) / sum(exp(x)) over `axis` (every axis by default, as jax.scipy.special; `nn.softmax` defaults to the last). */
export function softmax(x: ArrayOrScalar, options: ScipySoftmaxOptions | null = {}): ArrayValue {
  return nn.softmax(x, { axis: softmaxAxes("softmax", x, options) });
}

/** x - logsumexp(x) over `axis` (every axis by default, as jax.scipy.special). */
export function logSoftmax(x: ArrayOrScalar, options: ScipySoftmaxOptions | null = {}): ArrayValue {
  return nn.logSoftmax(x, { axis: softmaxAxes("logSoftmax", x, options) });
}

// ---------------------------------------------------------------------------------------------
// the normal distribution

/** The float operand of ndtr, ndtri and logNdtr: float32 or float64 only (JAX raises a TypeError for others). */
function normalOperand(name: string, x: ArrayOrScalar): ArrayValue {
  const a = np.asarray(x);
  if (a.dtype !== "float32" && a.dtype !== "float64") fail(`scipy.special.${name}`, `x has dtype ${a.dtype}; expected float32 or float64`);
  return a;
}

function normalCdf(x: ArrayValue): ArrayValue {
  const halfSqrt2 = 0.5 * Math.SQRT2;
  const w = np.multiply(x, halfSqrt2);
  const z = np.abs(w);
  const y = np.where(np.less(z, halfSqrt2), np.add(1, np.erf(w)), np.where(np.greater(w, 0), np.subtract(2, np.erfc(z)), np.erfc(z)));
  return np.multiply(0.5, y);
}

/** The standard normal CDF Φ(x) (through erf near 0 and erfc in the tails, as JAX). */
export function ndtr(x: ArrayOrScalar): ArrayValue {
  return normalCdf(normalOperand("ndtr", x));
}

const NDTRI_P0 = [-59.96335010141079, 98.00107541859997, -56.67628574690703, 13.931260938727968, -1.2391658386738125];
const NDTRI_Q0 = [1.0, 1.9544885833814176, 4.676279128988815, 86.36024213908905, -225.46268785411937, 200.26021238006066, -82.03722561683334, 15.90562251262117, -1.1833162112133];
const NDTRI_P1 = [4.0554489230596245, 31.525109459989388, 57.16281922464213, 44.08050738932008, 14.684956192885803, 2.1866330685079025, -0.1402560791713545, -0.03504246268278482, -0.0008574567851546854];
const NDTRI_Q1 = [1.0, 15.779988325646675, 45.39076351288792, 41.3172038254672, 15.04253856929075, 2.504649462083094, -0.14218292285478779, -0.03808064076915783, -0.0009332594808954574];
const NDTRI_P2 = [3.2377489177694603, 6.915228890689842, 3.9388102529247444, 1.3330346081580755, 0.20148538954917908, 0.012371663481782003, 0.00030158155350823543, 2.6580697468673755e-6, 6.239745391849833e-9];
const NDTRI_Q2 = [1.0, 6.02427039364742, 3.6798356385616087, 1.3770209948908132, 0.21623699359449663, 0.013420400608854318, 0.00032801446468212774, 2.8924786474538068e-6, 6.790194080099813e-9];

/** The inverse of ndtr: the x with Φ(x) = p (Cephes' rational approximations, as JAX); ±inf at 1 and 0, NaN outside [0, 1]. */
export function ndtri(p: ArrayOrScalar): ArrayValue {
  const q = normalOperand("ndtri", p);
  const complemented = np.where(np.greater(q, -Math.expm1(-2)), np.subtract(1, q), q);
  const safe = np.where(np.equal(complemented, 0), np.fullLike(q, 0.5), complemented);
  const w = np.subtract(safe, 0.5);
  const ww = np.square(w);
  const central = np.multiply(np.add(w, np.multiply(np.multiply(w, ww), np.divide(polyval(NDTRI_P0, ww), polyval(NDTRI_Q0, ww)))), -Math.sqrt(2 * Math.PI));
  const z = np.sqrt(np.multiply(-2, np.log(safe)));
  const first = np.subtract(z, np.divide(np.log(z), z));
  const inverseZ = np.divide(1, z);
  const farTail = np.subtract(first, np.divide(np.divide(polyval(NDTRI_P2, inverseZ), polyval(NDTRI_Q2, inverseZ)), z));
  const nearTail = np.subtract(first, np.divide(np.divide(polyval(NDTRI_P1, inverseZ), polyval(NDTRI_Q1, inverseZ)), z));
  let x = np.where(np.greater(safe, Math.exp(-2)), central, np.where(np.greaterEqual(z, 8), farTail, nearTail));
  x = np.where(np.greater(q, 1 - Math.exp(-2)), x, np.negative(x));
  return np.where(np.equal(q, 0), -Infinity, np.where(np.equal(q, 1), Infinity, x));
}

/** Options of logNdtr. */
export interface LogNdtrOptions {
  /** Terms of the asymptotic series used far in the lower tail (0 to 30). Default 3. */
  readonly seriesOrder?: number;
}

function logNdtrValue(x: ArrayValue, seriesOrder: number): ArrayValue {
  const [lower, upper] = x.dtype === "float64" ? [-20, 8] : [-10, 5];
  const aboveUpper = np.greater(x, upper);
  const cdf = normalCdf(np.where(aboveUpper, np.negative(x), np.maximum(x, lower)));
  const tail = logNdtrLower(np.minimum(x, lower), seriesOrder);
  return np.where(aboveUpper, np.negative(cdf), np.where(np.greater(x, lower), np.log(cdf), tail));
}

/** log Φ(x) far in the lower tail: the asymptotic series of Mills' ratio. */
function logNdtrLower(x: ArrayValue, seriesOrder: number): ArrayValue {
  const x2 = np.square(x);
  const logScale = np.subtract(np.subtract(np.multiply(-0.5, x2), np.log(np.negative(x))), 0.5 * Math.log(2 * Math.PI));
  if (seriesOrder <= 0) return np.add(logScale, Math.log(1));
  let even: ArrayValue = np.zerosLike(x);
  let odd: ArrayValue = np.zerosLike(x);
  let x2n = x2;
  for (let n = 1; n <= seriesOrder; n++) {
    let doubleFactorial = 1;
    for (let k = 2 * n - 1; k > 1; k -= 2) doubleFactorial *= k;
    const term = np.divide(doubleFactorial, x2n);
    if (n % 2 === 1) odd = np.add(odd, term);
    else even = np.add(even, term);
    x2n = np.multiply(x2n, x2);
  }
  return np.add(logScale, np.log(np.subtract(np.add(1, even), odd)));
}

const logNdtrRules = new Map<number, (x: ArrayValue) => ArrayValue>();

/** logNdtr for one series order, with JAX's derivative exp(log φ(x) - log Φ(x)). */
function logNdtrWithRule(seriesOrder: number): (x: ArrayValue) => ArrayValue {
  let f = logNdtrRules.get(seriesOrder);
  if (f === undefined) {
    const rule: (x: ArrayValue) => ArrayValue = customJvp(
      (x: ArrayValue) => logNdtrValue(x, seriesOrder),
      ([x], [t]) => {
        const a = x as ArrayValue;
        const value = rule(a);
        const logPdf = np.subtract(np.multiply(-0.5, np.square(a)), Math.log(Math.sqrt(2 * Math.PI)));
        return [value, np.multiply(t as ArrayValue, np.exp(np.subtract(logPdf, value)))];
      },
    );
    f = rule;
    logNdtrRules.set(seriesOrder, f);
  }
  return f;
}

/**
 * log Φ(x), accurate far into both tails (log of ndtr in the middle, -Φ(-x) above, an asymptotic
 * series below, with JAX's segment bounds per dtype). Derivative φ(x) / Φ(x), as JAX.
 */
export function logNdtr(x: ArrayOrScalar, options: LogNdtrOptions | null = {}): ArrayValue {
  const o = readOptions("scipy.special.logNdtr", options, { seriesOrder: refine(integer, (v) => v >= 0 && v <= 30, "an integer from 0 to 30") });
  return logNdtrWithRule(o.seriesOrder ?? 3)(normalOperand("logNdtr", x));
}

// ---------------------------------------------------------------------------------------------
// modified Bessel functions of the first kind, orders 0 and 1

/** Clenshaw's recurrence for a Chebyshev series (Cephes' chbevl). */
function chebyshev(x: ArrayValue, coefficients: readonly number[]): ArrayValue {
  let b0: ArrayValue = np.zerosLike(x);
  let b1: ArrayValue = np.zerosLike(x);
  let b2: ArrayValue = np.zerosLike(x);
  for (const c of coefficients) {
    b2 = b1;
    b1 = b0;
    b0 = np.add(np.subtract(np.multiply(x, b1), b2), c);
  }
  return np.multiply(0.5, np.subtract(b0, b2));
}

// Cephes' Chebyshev coefficients for exp(-|x|) I0(x) on [0, 8] (A) and for sqrt(x) exp(-x) I0(x) on (8, inf) (B).
const I0E_A = [
  -4.4153416464793395e-18, 3.3307945188222384e-17, -2.431279846547955e-16, 1.715391285555133e-15, -1.1685332877993451e-14, 7.676185498604936e-14,
  -4.856446783111929e-13, 2.95505266312964e-12, -1.726826291441556e-11, 9.675809035373237e-11, -5.189795601635263e-10, 2.6598237246823866e-9,
  -1.300025009986248e-8, 6.046995022541919e-8, -2.670793853940612e-7, 1.1173875391201037e-6, -4.4167383584587505e-6, 1.6448448070728896e-5,
  -5.754195010082104e-5, 0.00018850288509584165, -0.0005763755745385824, 0.0016394756169413357, -0.004324309995050576, 0.010546460394594998,
  -0.02373741480589947, 0.04930528423967071, -0.09490109704804764, 0.17162090152220877, -0.3046826723431984, 0.6767952744094761,
];
const I0E_B = [
  -7.233180487874754e-18, -4.830504485944182e-18, 4.46562142029676e-17, 3.461222867697461e-17, -2.8276239805165836e-16, -3.425485619677219e-16,
  1.7725601330565263e-15, 3.8116806693526224e-15, -9.554846698828307e-15, -4.150569347287222e-14, 1.54008621752141e-14, 3.8527783827421426e-13,
  7.180124451383666e-13, -1.7941785315068062e-12, -1.3215811840447713e-11, -3.1499165279632416e-11, 1.1889147107846439e-11, 4.94060238822497e-10,
  3.3962320257083865e-9, 2.266668990498178e-8, 2.0489185894690638e-7, 2.8913705208347567e-6, 6.889758346916825e-5, 0.0033691164782556943,
  0.8044904110141088,
];

/** Chebyshev evaluation on the two ranges of the Cephes Bessel approximations. */
function besselSeries(x: ArrayValue, a: readonly number[], b: readonly number[]): ArrayValue {
  const ax = np.abs(x);
  const small = chebyshev(np.subtract(np.multiply(0.5, ax), 2), a);
  const large = np.divide(chebyshev(np.subtract(np.divide(32, ax), 2), b), np.sqrt(ax));
  return np.where(np.lessEqual(ax, 8), small, large);
}

const i0eWithRule: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) =>
    // float32 evaluates JAX's shorter series (the coefficients' last 18 and 7).
    x.dtype === "float64" ? besselSeries(x, I0E_A, I0E_B) : besselSeries(x, I0E_A.slice(-18), I0E_B.slice(-7)),
  ([x], [t]) => {
    const a = x as ArrayValue;
    const y = i0eWithRule(a);
    return [y, np.multiply(t as ArrayValue, np.subtract(i1eWithRule(a), np.multiply(np.sign(a), y)))];
  },
);

/** The exponentially scaled modified Bessel function of order 0, exp(-|x|) I0(x) (Cephes' Chebyshev series, as JAX). */
export function i0e(x: ArrayOrScalar): ArrayValue {
  return i0eWithRule(floats("i0e", x)[0]!);
}

/** The modified Bessel function of order 0, I0(x) = exp(|x|) i0e(x). */
export function i0(x: ArrayOrScalar): ArrayValue {
  const [a] = floats("i0", x);
  return np.multiply(np.exp(np.abs(a!)), i0eWithRule(a!));
}

// Cephes' coefficients for exp(-|x|) I1(x) / x on [0, 8] (A) and sqrt(x) exp(-x) I1(x) on (8, inf) (B).
const I1E_A = [
  2.77791411276104639959e-18, -2.11142121435816608115e-17, 1.55363195773620046921e-16, -1.10559694773538630805e-15, 7.6006842947354069341e-15,
  -5.04218550472791168711e-14, 3.22379336594557470981e-13, -1.9839743977649437152e-12, 1.17361862988909016308e-11, -6.66348972350202774223e-11,
  3.62559028155211703701e-10, -1.8872497517228292879e-9, 9.38153738649577178388e-9, -4.44505912879632808065e-8, 2.00329475355213526229e-7,
  -8.56872026469545474066e-7, 3.47025130813767847674e-6, -1.32731636560394358279e-5, 4.78156510755005422638e-5, -1.61760815825896745588e-4,
  5.12285956168575772895e-4, -1.51357245063125314899e-3, 4.15642294431288815669e-3, -1.05640848946261981558e-2, 2.47264490306265168283e-2,
  -5.29459812080949914269e-2, 1.02643658689847095384e-1, -1.76416518357834055153e-1, 2.52587186443633654823e-1,
];
const I1E_B = [
  7.51729631084210481353e-18, 4.41434832307170791151e-18, -4.65030536848935832153e-17, -3.2095259219934239598e-17, 2.96262899764595013876e-16,
  3.30820231092092828324e-16, -1.88035477551078244854e-15, -3.81440307243700780478e-15, 1.04202769841288027642e-14, 4.27244001671195135429e-14,
  -2.10154184277266431302e-14, -4.08355111109219731823e-13, -7.19855177624590851209e-13, 2.03562854414708950722e-12, 1.41258074366137813316e-11,
  3.25260358301548823856e-11, -1.8974958123505412345e-11, -5.58974346219658380687e-10, -3.83538038596423702205e-9, -2.63146884688951950684e-8,
  -2.51223623787020892529e-7, -3.88256480887769039346e-6, -1.10588938762623716291e-4, -9.76109749136146840777e-3, 7.78576235018280120474e-1,
];

/** exp(-|x|) I1(x): the series of |x| times x on [0, 8], odd in x (float32 uses the last 17 and 7 coefficients, as XLA). */
function i1eValue(x: ArrayValue): ArrayValue {
  const [a, b] = x.dtype === "float64" ? [I1E_A, I1E_B] : [I1E_A.slice(-17), I1E_B.slice(-7)];
  const ax = np.abs(x);
  const small = np.multiply(chebyshev(np.subtract(np.multiply(0.5, ax), 2), a), ax);
  const large = np.divide(chebyshev(np.subtract(np.divide(32, ax), 2), b), np.sqrt(ax));
  const magnitude = np.where(np.lessEqual(ax, 8), small, large);
  return np.where(np.less(x, 0), np.negative(magnitude), magnitude);
}

const i1eWithRule: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) => i1eValue(x),
  ([x], [t]) => {
    // JAX's rule: i0e(x) - y (sign(x) + 1/x), with the limit 1/2 where |x| is below eps.
    const a = x as ArrayValue;
    const y = i1eWithRule(a);
    const eps = a.dtype === "float64" ? 2 ** -52 : 2 ** -23;
    const notTiny = np.greater(np.abs(a), eps);
    const safe = np.where(notTiny, a, np.fullLike(a, eps));
    const slope = np.subtract(i0eWithRule(safe), np.multiply(y, np.add(np.sign(safe), np.reciprocal(safe))));
    return [y, np.multiply(t as ArrayValue, np.where(notTiny, slope, 0.5))];
  },
);

/** The exponentially scaled modified Bessel function of order 1, exp(-|x|) I1(x) (Cephes' Chebyshev series, as XLA). */
export function i1e(x: ArrayOrScalar): ArrayValue {
  return i1eWithRule(floats("i1e", x)[0]!);
}

/** The modified Bessel function of order 1, I1(x) = exp(|x|) i1e(x). */
export function i1(x: ArrayOrScalar): ArrayValue {
  const [a] = floats("i1", x);
  return np.multiply(np.exp(np.abs(a!)), i1eWithRule(a!));
}

// ---------------------------------------------------------------------------------------------
// the Hurwitz zeta function and polygamma

/** (2k)! / B_2k for k = 1..16: the Euler-Maclaurin coefficients of JAX's zeta series. */
const BERNOULLI_COEFFICIENTS = [
  12, -720, 30240, -1209600, 47900160, -1307674368000 / 691, 74724249600, -10670622842880000 / 3617, 5109094217170944000 / 43867,
  -802857662698291200000 / 174611, 14101100039391805440000 / 77683, -1693824136731743669452800000 / 236364091, 186134520519971831808000000 / 657931,
  -37893265687455865519472640000000 / 3392780147, 759790291646040068357842010112000000 / 1723168255201, -134196726836183700385281186201600000000 / 7709321041217,
];

/**
 * ζ(s, a) = Σ_k (a + k)^-s by Euler-Maclaurin summation: N terms directly, then the integral and
 * M Bernoulli corrections (N = M = 16 in float64, 8 in float32), as JAX's series expansion.
 */
function hurwitzZeta(s: ArrayValue, a: ArrayValue): ArrayValue {
  const n = s.dtype === "float64" ? 16 : 8;
  let direct: ArrayValue = np.zerosLike(a);
  for (let k = 0; k < n; k++) direct = np.add(direct, np.power(np.add(a, k), np.negative(s)));
  const aN = np.add(a, n);
  const integral = np.divide(np.power(aN, np.subtract(1, s)), np.subtract(s, 1));
  const t0 = np.power(aN, np.negative(s));
  const max = s.dtype === "float64" ? Number.MAX_VALUE : 3.4028234663852886e38;
  let product: ArrayValue = np.onesLike(a);
  let corrections: ArrayValue = np.zerosLike(a);
  for (let m = 0; m < 2 * n; m++) {
    product = np.multiply(product, np.divide(np.add(s, m), aN));
    if (m % 2 === 0) corrections = np.add(corrections, np.divide(np.minimum(product, max), BERNOULLI_COEFFICIENTS[m / 2]!));
  }
  const series = np.add(np.add(direct, integral), np.multiply(t0, np.add(0.5, corrections)));
  // The domain as XLA's zeta has it: a pole at s = 1 and at the non-positive integers q (for an
  // integer s), NaN for s < 1, for q = inf and for negative q with a fractional s.
  const integerS = np.equal(s, np.floor(s));
  const poleQ = np.logicalAnd(np.lessEqual(a, 0), np.equal(a, np.floor(a)));
  const undefinedValue = np.logicalOr(
    np.logicalOr(np.less(s, 1), np.equal(a, Infinity)),
    np.logicalAnd(np.logicalAnd(np.less(a, 0), np.logicalNot(integerS)), np.logicalNot(poleQ)),
  );
  const pole = np.logicalOr(np.equal(s, 1), poleQ);
  return np.where(undefinedValue, NaN, np.where(pole, np.where(np.logicalOr(np.equal(s, 1), integerS), Infinity, NaN), series));
}

/** The Hurwitz zeta function ζ(x, q) = Σ_{k>=0} (q + k)^-x (q is required: JAX has no Riemann zeta either). */
export function zeta(x: ArrayOrScalar, q: ArrayOrScalar): ArrayValue {
  const [s, a] = floats("zeta", x, q);
  return hurwitzZeta(s!, a!);
}

/** ψ^(n)(x) for an integer order n >= 1: (-1)^(n+1) n! ζ(n + 1, x). */
function polygammaOf(n: number, x: ArrayValue): ArrayValue {
  let factorialN = 1;
  for (let k = 2; k <= n; k++) factorialN *= k;
  return np.multiply((n % 2 === 1 ? 1 : -1) * factorialN, hurwitzZeta(np.fullLike(x, n + 1), x));
}

/** The polygamma function ψ^(n)(x), the n-th derivative of digamma; n is a non-negative integer (a JS number). */
export function polygamma(n: number, x: ArrayOrScalar): ArrayValue {
  const order = refine(integer, (v) => v >= 0, "a non-negative integer")("scipy.special.polygamma", "n", n);
  const [a] = floats("polygamma", x);
  return order === 0 ? digammaWithRule(a!) : polygammaOf(order, a!);
}
