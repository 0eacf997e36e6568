/**
 * The regularized incomplete gamma functions P(a, x) (gammainc) and Q(a, x) = 1 - P (gammaincc),
 * as JAX computes them (jax/_src/lax/special.py, after Cephes): a power series where x < a or
 * x < 1, a continued fraction elsewhere, each iterated under `lax.whileLoop` until every element
 * has converged. The loops also carry the derivative in `a`, which JAX's derivative rule uses:
 * d/dx P = exp(-x + (a - 1) log x - gammaln(a)), d/da P by the same series or fraction.
 */
import { stopGradient } from "../../../core/lax/primitives.js";
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { promoteToFloat } from "../../../core/numpy/promote.js";
import { digamma, lgamma } from "../../../core/random/special.js";
import { broadcastShapes } from "../../../core/shape.js";
import { whileLoop } from "../../control.js";
import { customJvp } from "../../custom.js";

/** What a loop computes: the function's value, or its derivative in `a`. */
type Mode = "value" | "derivative";

const epsilonOf = (x: ArrayValue) => (x.dtype === "float64" ? 2 ** -52 : 2 ** -23);
/** log of the largest finite value: below -this, exp underflows to 0. */
const logMaxOf = (x: ArrayValue) => (x.dtype === "float64" ? 709.782712893384 : 88.72283935546875);

/** Keeps the new value where `enabled`, the old one elsewhere (converged elements stop changing). */
const keep = (enabled: ArrayValue, next: ArrayValue, old: ArrayValue) => np.where(enabled, next, old);

/** The series Σ x^n / (a (a+1) ... (a+n)) for P(a, x), or its derivative in a. */
function series(ax: ArrayValue, x: ArrayValue, a: ArrayValue, enabled: ArrayValue, mode: Mode): ArrayValue {
  const eps = epsilonOf(x);
  const init = [enabled, a, np.onesLike(a), np.onesLike(a), np.zerosLike(a), np.zerosLike(a)];
  const [, , , ans, , dansDa] = whileLoop(
    (state: ArrayValue[]) => np.any(state[0]!),
    ([on, r0, c0, ans0, dc0, dans0]: ArrayValue[]) => {
      const r = np.add(r0!, 1);
      const dcDa = np.subtract(np.multiply(dc0!, np.divide(x, r)), np.divide(np.multiply(c0!, x), np.multiply(r, r)));
      const dansDa = np.add(dans0!, dcDa);
      const c = np.multiply(c0!, np.divide(x, r));
      const ans = np.add(ans0!, c);
      const going = mode === "value" ? np.greater(np.divide(c, ans), eps) : np.greater(np.abs(np.divide(dcDa, dansDa)), eps);
      return [np.logicalAnd(on!, going), keep(on!, r, r0!), keep(on!, c, c0!), keep(on!, ans, ans0!), keep(on!, dcDa, dc0!), keep(on!, dansDa, dans0!)];
    },
    init,
  );
  if (mode === "value") return np.divide(np.multiply(ans!, ax), a);
  const dLogAxDa = np.subtract(np.log(x), digamma(np.add(a, 1)));
  return np.divide(np.multiply(ax, np.add(np.multiply(ans!, dLogAxDa), dansDa!)), a);
}

/** The continued fraction for Q(a, x) (at most 2000 steps), or its derivative in a. */
function continuedFraction(ax: ArrayValue, x: ArrayValue, a: ArrayValue, enabled: ArrayValue, mode: Mode): ArrayValue {
  const eps = epsilonOf(x);
  const y = np.subtract(1, a);
  const z = np.add(np.add(x, y), 1);
  const pkm1 = np.add(x, 1);
  const qkm1 = np.multiply(z, x);
  const ans = np.divide(pkm1, qkm1);
  const zeros = np.zerosLike(x);
  const dqkm1Da = np.negative(x);
  const dansDa = np.divide(np.subtract(zeros, np.multiply(ans, dqkm1Da)), qkm1);
  // [enabled, ans, t, y, z, c, pkm1, qkm1, pkm2, qkm2, dpkm2, dqkm2, dpkm1, dqkm1, dans]
  const init = [enabled, ans, np.onesLike(x), y, z, np.zeros([], { dtype: x.dtype }), pkm1, qkm1, np.onesLike(x), x, zeros, zeros, zeros, dqkm1Da, dansDa];
  const final = whileLoop(
    (state: ArrayValue[]) => np.logicalAnd(np.less(state[5]!, 2000), np.any(state[0]!)),
    (state: ArrayValue[]) => {
      const [on, ans0, t0, y0, z0, c0, pkm1, qkm1, pkm2, qkm2, dpkm2, dqkm2, dpkm1, dqkm1, dans0] = state as [ArrayValue, ...ArrayValue[]];
      const c = np.add(c0!, 1);
      const yNext = np.add(y0!, 1);
      const zNext = np.add(z0!, 2);
      const yc = np.multiply(yNext, c);
      const pk = np.subtract(np.multiply(pkm1!, zNext), np.multiply(pkm2!, yc));
      const qk = np.subtract(np.multiply(qkm1!, zNext), np.multiply(qkm2!, yc));
      const nonzero = np.notEqual(qk, 0);
      const r = np.divide(pk, qk);
      const t = np.where(nonzero, np.abs(np.divide(np.subtract(ans0!, r), r)), np.onesLike(r));
      const ansNext = np.where(nonzero, r, ans0!);
      const dpk = np.add(np.subtract(np.subtract(np.multiply(dpkm1!, zNext), pkm1!), np.multiply(dpkm2!, yc)), np.multiply(pkm2!, c));
      const dqk = np.add(np.subtract(np.subtract(np.multiply(dqkm1!, zNext), qkm1!), np.multiply(dqkm2!, yc)), np.multiply(qkm2!, c));
      const dansNext = np.where(nonzero, np.divide(np.subtract(dpk, np.multiply(ansNext, dqk)), qk), dans0!);
      const gradChange = np.where(nonzero, np.abs(np.subtract(dansNext, dans0!)), np.onesLike(dans0!));
      // Rescale the recurrences when they grow past 1/eps, as Cephes does.
      const rescale = np.greater(np.abs(pk), 1 / eps);
      const scaled = (v: ArrayValue) => np.where(rescale, np.multiply(v, eps), v);
      const going = mode === "value" ? np.greater(t, eps) : np.greater(gradChange, eps);
      return [
        np.logicalAnd(on, going), keep(on, ansNext, ans0!), keep(on, t, t0!), keep(on, yNext, y0!), keep(on, zNext, z0!), c,
        keep(on, scaled(pk), pkm1!), keep(on, scaled(qk), qkm1!), keep(on, scaled(pkm1!), pkm2!), keep(on, scaled(qkm1!), qkm2!),
        keep(on, scaled(dpkm1!), dpkm2!), keep(on, scaled(dqkm1!), dqkm2!), keep(on, scaled(dpk), dpkm1!), keep(on, scaled(dqk), dqkm1!),
        keep(on, dansNext, dans0!),
      ];
    },
    init,
  );
  if (mode === "value") return np.multiply(final[1]!, ax);
  const dLogAxDa = np.subtract(np.log(x), digamma(a));
  return np.multiply(ax, np.add(np.multiply(final[1]!, dLogAxDa), final[14]!));
}

/** The shared prefactor x^a e^-x / Γ(a) and whether it underflows. */
function prefactor(a: ArrayValue, x: ArrayValue): { ax: ArrayValue; underflow: ArrayValue } {
  const logAx = np.subtract(np.subtract(np.multiply(a, np.log(x)), x), lgamma(a));
  return { ax: np.exp(logAx), underflow: np.less(logAx, -logMaxOf(x)) };
}

const any = (...conditions: ArrayValue[]) => conditions.reduce((p, q) => np.logicalOr(p, q));
const not = np.logicalNot;

function lowerValue(a: ArrayValue, x: ArrayValue): ArrayValue {
  const isNan = np.logicalOr(np.isnan(a), np.isnan(x));
  const xInfinite = np.equal(x, Infinity);
  const xZero = np.equal(x, 0);
  const domainError = any(np.less(x, 0), np.less(a, 0), np.logicalAnd(np.equal(a, 0), xZero), isNan);
  const useFraction = np.logicalAnd(np.greaterEqual(x, 1), np.greater(x, a));
  const { ax, underflow } = prefactor(a, x);
  const enabled = not(any(xZero, domainError, underflow, xInfinite));
  const fraction = continuedFraction(ax, x, a, np.logicalAnd(enabled, useFraction), "value");
  const sum = series(ax, x, a, np.logicalAnd(enabled, not(useFraction)), "value");
  let out = np.where(useFraction, np.subtract(1, fraction), sum);
  out = np.where(xZero, 0, out);
  out = np.where(xInfinite, 1, out);
  return np.where(domainError, NaN, out);
}

function upperValue(a: ArrayValue, x: ArrayValue): ArrayValue {
  const isNan = np.logicalOr(np.isnan(a), np.isnan(x));
  const aZero = np.equal(a, 0);
  const xZero = np.equal(x, 0);
  const xInfinite = np.equal(x, Infinity);
  const domainError = any(np.less(x, 0), np.less(a, 0), np.logicalAnd(aZero, xZero), isNan);
  const useSeries = np.logicalOr(np.less(x, 1), np.less(x, a));
  const { ax, underflow } = prefactor(a, x);
  const enabled = not(any(domainError, underflow, xInfinite, aZero));
  const sum = series(ax, x, a, np.logicalAnd(enabled, useSeries), "value");
  const fraction = continuedFraction(ax, x, a, np.logicalAnd(enabled, not(useSeries)), "value");
  let out = np.where(useSeries, np.subtract(1, sum), fraction);
  out = np.where(np.logicalOr(xInfinite, aZero), 0, out);
  return np.where(domainError, NaN, out);
}

/** d/da P(a, x) (JAX's igamma_grad_a). */
function lowerDerivativeInA(a: ArrayValue, x: ArrayValue): ArrayValue {
  const isNan = np.logicalOr(np.isnan(a), np.isnan(x));
  const xZero = np.equal(x, 0);
  const domainError = np.logicalOr(np.less(x, 0), np.lessEqual(a, 0));
  const useFraction = np.logicalAnd(np.greater(x, 1), np.greater(x, a));
  const { ax, underflow } = prefactor(a, x);
  const enabled = not(any(xZero, domainError, underflow, isNan));
  const fraction = continuedFraction(ax, x, a, np.logicalAnd(enabled, useFraction), "derivative");
  const sum = series(ax, x, a, np.logicalAnd(enabled, not(useFraction)), "derivative");
  const out = np.where(xZero, 0, np.where(useFraction, np.negative(fraction), sum));
  return np.where(np.logicalOr(domainError, isNan), NaN, out);
}

/** d/dx P(a, x) = x^(a-1) e^-x / Γ(a). */
function lowerDerivativeInX(a: ArrayValue, x: ArrayValue): ArrayValue {
  return np.exp(np.subtract(np.add(np.negative(x), np.multiply(np.subtract(a, 1), np.log(x))), lgamma(a)));
}

/**
 * Zero, with derivative d/da P(a, x) in a (the tangent in x is ignored: callers stop it). JAX
 * gives igamma one derivative rule per argument, so an argument that is not differentiated adds
 * nothing, not 0 · NaN where the other derivative is NaN (at x = inf, or a <= 0); one customJvp
 * rule per argument keeps that, because a rule whose inputs all have zero tangents never runs.
 */
const slopeInA: (a: ArrayValue, x: ArrayValue) => ArrayValue = customJvp(
  (a: ArrayValue) => np.zerosLike(a),
  ([a, x], [da]) => [np.zerosLike(a as ArrayValue), np.multiply(da as ArrayValue, lowerDerivativeInA(a as ArrayValue, x as ArrayValue))],
);

/** Zero, with derivative d/dx P(a, x) in x (the tangent in a is ignored: callers stop it). */
const slopeInX: (a: ArrayValue, x: ArrayValue) => ArrayValue = customJvp(
  (_a: ArrayValue, x: ArrayValue) => np.zerosLike(x),
  ([a, x], [, dx]) => [np.zerosLike(x as ArrayValue), np.multiply(dx as ArrayValue, lowerDerivativeInX(a as ArrayValue, x as ArrayValue))],
);

/** `value(a, x)` with derivative ±(d/da, d/dx) of P, each argument's term added only when that argument is differentiated. */
function withSlopes(value: (a: ArrayValue, x: ArrayValue) => ArrayValue, sign: 1 | -1, a: ArrayValue, x: ArrayValue): ArrayValue {
  const [fixedA, fixedX] = [stopGradient(a), stopGradient(x)];
  const slopes = np.add(slopeInA(a, fixedX), slopeInX(fixedA, x));
  return np.add(value(fixedA, fixedX), sign === 1 ? slopes : np.negative(slopes));
}

/** The operands promoted to one float dtype and broadcast to one shape (the loops carry them elementwise). */
function operands(name: string, a: ArrayOrScalar, x: ArrayOrScalar): [ArrayValue, ArrayValue] {
  const [p, q] = promoteToFloat(`scipy.special.${name}`, a, x);
  const shape = broadcastShapes(`scipy.special.${name}`, p!.shape, q!.shape);
  return [np.broadcastTo(p!, shape), np.broadcastTo(q!, shape)];
}

/**
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a); NaN for a < 0, x < 0
 * or a = x = 0. Differentiable in both arguments (JAX's rules).
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.special.gammainc(np.array([1, 2]), 1); // [1 - 1/e, 1 - 2/e]
 */
export function gammainc(a: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  return withSlopes(lowerValue, 1, ...operands("gammainc", a, x));
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), computed directly where P is near 1. */
export function gammaincc(a: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  return withSlopes(upperValue, -1, ...operands("gammaincc", a, x));
}

/**
 * d/da P(a, x), the derivative of the regularized lower incomplete gamma function in `a` (lax's
 * igamma_grad_a): NaN for a <= 0 or x < 0, 0 at x = 0. Operands of one float dtype (lax checks).
 */
export function gammaincDerivativeInA(a: ArrayValue, x: ArrayValue): ArrayValue {
  const shape = broadcastShapes("lax.igammaGradA", a.shape, x.shape);
  return lowerDerivativeInA(np.broadcastTo(a, shape), np.broadcastTo(x, shape));
}
