/**
 * The gamma function and its relatives: gammaln, digamma, polygamma, gamma, gammasgn, loggamma,
 * betaln, beta, factorial, comb, multigammaln. The log-gamma and digamma values come from
 * core/random/special.ts (Lanczos); gammaln and digamma carry JAX's derivative rules (digamma and
 * polygamma(1, x)).
 */
import { fail } from "../../../core/errors.js";
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { digamma as lanczosDigamma, lgamma as lanczosLgamma } from "../../../core/random/special.js";
import { broadcastShapes } from "../../../core/shape.js";
import { bool, integer, readOptions, refine } from "../../../core/validate.js";
import { customJvp } from "../../custom.js";
import { hurwitzZeta } from "./zeta.js";
import { floats } from "./promote.js";

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


/** ψ^(n)(x) for an integer order n >= 1: (-1)^(n+1) n! ζ(n + 1, x). */
function polygammaOf(n: number, x: ArrayValue): ArrayValue {
  let factorialN = 1;
  for (let k = 2; k <= n; k++) factorialN *= k;
  return np.multiply((n % 2 === 1 ? 1 : -1) * factorialN, hurwitzZeta(np.fullLike(x, n + 1), x));
}

/**
 * ψ^(m)(x) for an array of orders `m` (lax's polygamma): digamma where m = 0, (-1)^(m+1) m! ζ(m + 1, x)
 * for the positive integers, NaN for the other m. Its derivative in x is ψ^(m+1)(x); in m it is an
 * error, as in JAX (m is closed over).
 */
export function polygammaOfArray(m: ArrayValue, x: ArrayValue): ArrayValue {
  const inX: (x: ArrayValue) => ArrayValue = customJvp(
    (v: ArrayValue) => {
      const integerOrder = np.logicalAnd(np.equal(m, np.floor(m)), np.greaterEqual(m, 0));
      const safe = np.where(np.logicalAnd(integerOrder, np.greater(m, 0)), m, 1);
      // m! from the log-gamma, rounded: exact for the orders where it is representable.
      const factorialM = np.round(np.exp(lgammaWithRule(np.add(safe, 1))));
      const sign = np.where(np.equal(np.remainder(safe, 2), 1), 1, -1);
      const positive = np.multiply(np.multiply(sign, factorialM), hurwitzZeta(np.add(safe, 1), v));
      return np.where(integerOrder, np.where(np.equal(m, 0), digammaWithRule(v), positive), NaN);
    },
    ([v], [t]) => [inX(v as ArrayValue), np.multiply(t as ArrayValue, polygammaOfArray(np.add(m, 1), v as ArrayValue))],
  );
  return inX(x);
}

/** The polygamma function ψ^(n)(x), the n-th derivative of digamma; n is a non-negative integer (a JS number). */
export function polygamma(n: number, x: ArrayOrScalar): ArrayValue {
  const order = refine(integer, (v) => v >= 0, "a non-negative integer")("scipy.special.polygamma", "n", n);
  const [a] = floats("polygamma", x);
  return order === 0 ? digammaWithRule(a!) : polygammaOf(order, a!);
}

/** Γ(z + m) / Γ(z), 1 where m = 0. */
function pochValue(z: ArrayValue, m: ArrayValue): ArrayValue {
  return np.where(np.equal(m, 0), 1, np.divide(gamma(np.add(z, m)), gamma(z)));
}

const pochWithRule: (z: ArrayValue, m: ArrayValue) => ArrayValue = customJvp(
  (z: ArrayValue, m: ArrayValue) => pochValue(z, m),
  ([z, m], [dz, dm]) => {
    const [a, b] = [z as ArrayValue, m as ArrayValue];
    const value = pochWithRule(a, b);
    const psi = digammaWithRule(np.add(a, b));
    const inZ = np.multiply(np.subtract(psi, digammaWithRule(a)), value);
    const inM = np.multiply(psi, value);
    return [value, np.add(np.multiply(dz as ArrayValue, inZ), np.multiply(dm as ArrayValue, inM))];
  },
);

/**
 * The Pochhammer symbol (z)_m = Γ(z + m) / Γ(z) (1 where m = 0), with JAX's derivatives:
 * (ψ(z + m) - ψ(z)) (z)_m in z and ψ(z + m) (z)_m in m. As in JAX, both terms are added with the
 * other argument's tangent zero, so a NaN slope in one argument (at a pole of ψ) makes the other's
 * derivative NaN too.
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.special.poch(np.array([1, 2, 0.5]), np.array([3, 3, 2])); // [6, 24, 0.75]
 */
export function poch(z: ArrayOrScalar, m: ArrayOrScalar): ArrayValue {
  const [a, b] = floats("poch", z, m) as [ArrayValue, ArrayValue];
  const shape = broadcastShapes("scipy.special.poch", a.shape, b.shape);
  return pochWithRule(np.broadcastTo(a, shape), np.broadcastTo(b, shape));
}
