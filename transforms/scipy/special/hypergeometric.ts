/**
 * The confluent hypergeometric function ₁F₁(a; b; x) (hyp1f1), as JAX computes it (after Pearson,
 * Olver and Porter 2014): the Taylor series for |x| < 100 and the asymptotic series above, each
 * summed under `lax.whileLoop` until every element's next term is below epsilon relative to the sum
 * (at most 250 terms). Derivatives are JAX's: series in a and b through digamma, and
 * d/dx ₁F₁(a; b; x) = (a/b) ₁F₁(a+1; b+1; x).
 */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { broadcastShapes } from "../../../core/shape.js";
import { whileLoop } from "../../control.js";
import { customJvp } from "../../custom.js";
import { digamma, gamma } from "./gamma.js";
import { floats } from "./promote.js";

const MAX_TERMS = 250;

/**
 * Σ of a series whose state is the running sum and the next term: from `sum0` and `term0`, each step
 * adds `contribution(term, k)` and multiplies the term by `ratio(k)` (k = 1, 2, ...), while k < 250 and
 * |term| / |sum| > epsilon, per element (a converged element stops changing). hyp2f1's derivative
 * series share it.
 */
export function sumSeries(
  sum0: ArrayValue,
  term0: ArrayValue,
  contribution: (term: ArrayValue, k: ArrayValue) => ArrayValue,
  ratio: (k: ArrayValue) => ArrayValue,
): ArrayValue {
  const eps = sum0.dtype === "float64" ? 2 ** -52 : 2 ** -23;
  const going = (k: ArrayValue, sum: ArrayValue, term: ArrayValue) => np.logicalAnd(np.less(k, MAX_TERMS), np.greater(np.divide(np.abs(term), np.abs(sum)), eps));
  const k0 = np.ones([], { dtype: sum0.dtype });
  const [, sum] = whileLoop(
    ([on]: ArrayValue[]) => np.any(on!),
    ([on, sumOld, termOld, k]: ArrayValue[]) => {
      const sum = np.add(sumOld!, contribution(termOld!, k!));
      const term = np.multiply(termOld!, ratio(k!));
      const next = np.add(k!, 1);
      return [np.logicalAnd(on!, going(next, sum, term)), np.where(on!, sum, sumOld!), np.where(on!, term, termOld!), next];
    },
    [going(k0, sum0, term0), sum0, term0, k0],
  );
  return sum!;
}

/** The Taylor series Σ (a)_k / (b)_k x^k / k!. */
function taylor(a: ArrayValue, b: ArrayValue, x: ArrayValue): ArrayValue {
  const first = np.multiply(np.divide(a, b), x);
  return sumSeries(np.onesLike(x), first, (term) => term, (k) => np.divide(np.multiply(np.divide(np.add(a, k), np.add(b, k)), x), np.add(k, 1)));
}

/** The asymptotic series for large x: Γ(b)/Γ(a) eˣ x^(a-b) Σ (b-a)_k (1-a)_k / k! x^-k. */
function asymptotic(a: ArrayValue, b: ArrayValue, x: ArrayValue): ArrayValue {
  const bMinusA = np.subtract(b, a);
  const oneMinusA = np.subtract(1, a);
  const first = np.divide(np.multiply(bMinusA, oneMinusA), x);
  const series = sumSeries(np.onesLike(x), first, (term) => term, (k) =>
    np.divide(np.divide(np.multiply(np.add(bMinusA, k), np.add(oneMinusA, k)), np.add(k, 1)), x),
  );
  return np.multiply(np.multiply(np.multiply(np.divide(gamma(b), gamma(a)), np.exp(x)), np.power(x, np.subtract(a, b))), series);
}

function hyp1f1Value(a: ArrayValue, b: ArrayValue, x: ArrayValue): ArrayValue {
  const general = np.where(np.less(np.abs(x), 100), taylor(a, b, x), asymptotic(a, b, x));
  const aZero = np.equal(a, 0);
  // JAX's special cases: 1 at a = 0 (also a = b = 0, where scipy differs), eˣ at a = b, +inf at b = 0.
  return np.where(aZero, 1, np.where(np.equal(a, b), np.exp(x), np.where(np.equal(b, 0), Infinity, general)));
}

/** Σ_k term_k (ψ(a + k) - ψ(a)), the derivative of the Taylor series in a. */
function derivativeInA(a: ArrayValue, b: ArrayValue, x: ArrayValue): ArrayValue {
  const psiA = digamma(a);
  return sumSeries(
    np.zerosLike(x), np.multiply(np.divide(a, b), x),
    (term, k) => np.multiply(term, np.subtract(digamma(np.add(a, k)), psiA)),
    (k) => np.divide(np.multiply(np.divide(np.add(a, k), np.add(b, k)), x), np.add(k, 1)),
  );
}

/** Σ_k term_k (ψ(b) - ψ(b + k)), the derivative of the Taylor series in b. */
function derivativeInB(a: ArrayValue, b: ArrayValue, x: ArrayValue): ArrayValue {
  const psiB = digamma(b);
  return sumSeries(
    np.zerosLike(x), np.multiply(np.divide(a, b), x),
    (term, k) => np.multiply(term, np.subtract(psiB, digamma(np.add(b, k)))),
    (k) => np.divide(np.multiply(np.divide(np.add(a, k), np.add(b, k)), x), np.add(k, 1)),
  );
}

const hyp1f1WithRule: (a: ArrayValue, b: ArrayValue, x: ArrayValue) => ArrayValue = customJvp(
  (a: ArrayValue, b: ArrayValue, x: ArrayValue) => hyp1f1Value(a, b, x),
  ([ap, bp, xp], [da, db, dx]) => {
    const [a, b, x] = [ap as ArrayValue, bp as ArrayValue, xp as ArrayValue];
    // As JAX's defjvps, every term is added (with the other tangents zero).
    const inX = np.multiply(np.divide(a, b), hyp1f1WithRule(np.add(a, 1), np.add(b, 1), x));
    const tangent = np.add(
      np.add(np.multiply(derivativeInA(a, b, x), da as ArrayValue), np.multiply(derivativeInB(a, b, x), db as ArrayValue)),
      np.multiply(inX, dx as ArrayValue),
    );
    return [hyp1f1WithRule(a, b, x), tangent];
  },
);

/**
 * The confluent hypergeometric function ₁F₁(a; b; x) = Σ_k (a)_k / (b)_k x^k / k!, for real
 * arguments, by JAX's series (Taylor for |x| < 100, asymptotic above, at most 250 terms): large
 * values can lose accuracy, as in JAX. 1 at a = 0 (including a = b = 0, where scipy differs), eˣ at
 * a = b, +inf at b = 0 (a ≠ 0). Differentiable in all three arguments with JAX's rules.
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.special.hyp1f1(1, 2, np.array([0.5, 1])); // [(e^0.5 - 1)/0.5, e - 1] = [1.2974, 1.7183]
 */
export function hyp1f1(a: ArrayOrScalar, b: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  const [p, q, v] = floats("hyp1f1", a, b, x) as [ArrayValue, ArrayValue, ArrayValue];
  const shape = broadcastShapes("scipy.special.hyp1f1", p.shape, q.shape, v.shape);
  return hyp1f1WithRule(np.broadcastTo(p, shape), np.broadcastTo(q, shape), np.broadcastTo(v, shape));
}
