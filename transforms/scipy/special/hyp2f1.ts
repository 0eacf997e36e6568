/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; x) (hyp2f1), as JAX computes it (after Pearson,
 * Olver and Porter 2014 and Abramowitz & Stegun 15.3): a case analysis picks, per element, a
 * closed form (1, +inf, (1 - x)^-a, Gauss's Γ formula at x = 1), Euler's transformation when
 * c - a - b <= -1, or the direct computation; the direct computation is the terminating sum when a
 * or b is a non-positive integer, the digamma transformation for x > 0.9 when c - a - b is an
 * integer, and the Taylor series (at most 250 terms) otherwise. Every loop is per element
 * (`lax.whileLoop` with a mask); the loops whose length the operands set (the terminating sum, the
 * digamma transformation's finite sum) run only where their branch is used, where JAX runs them
 * for every element.
 * Derivatives are JAX's rules: series in a, b and c, and d/dx = (ab/c) ₂F₁(a+1, b+1; c+1; x).
 */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { broadcastShapes } from "../../../core/shape.js";
import { whileLoop } from "../../control.js";
import { customJvp } from "../../custom.js";
import { digamma, gamma } from "./gamma.js";
import { sumSeries } from "./hypergeometric.js";
import { floats } from "./promote.js";

type A = ArrayValue;

const MAX_TERMS = 250;
const epsilonOf = (x: A): number => (x.dtype === "float64" ? 2 ** -52 : 2 ** -23);
/** JAX's tolerance for "is an integer" (50 epsilon). */
const nearIntegerTolOf = (x: A): number => 50 * epsilonOf(x);
const distanceToInteger = (v: A): A => np.abs(np.subtract(v, np.round(v)));
const nearInteger = (v: A, tol: number): A => np.less(distanceToInteger(v), tol);
/** Not `nearInteger`'s negation: NaN is neither, as in JAX's comparisons. */
const farFromInteger = (v: A, tol: number): A => np.greaterEqual(distanceToInteger(v), tol);

/**
 * A loop over per-element states: each element steps while `going(state)` holds for it, and keeps
 * its values once it stops (as a vmapped `lax.while_loop`). Every state array has the full shape.
 */
function loopPerElement(going: (state: A[]) => A, step: (state: A[]) => A[], init: A[]): A[] {
  const [, ...final] = whileLoop(
    ([on]: A[]) => np.any(on!),
    ([on, ...state]: A[]) => {
      const next = step(state).map((v, i) => np.where(on!, v, state[i]!));
      return [np.logicalAnd(on!, going(next)), ...next];
    },
    [going(init), ...init],
  );
  return final;
}

/** The Taylor series Σ (a)_k (b)_k / (c)_k x^k / k!, until a term is below epsilon relative to the sum (at most 249 terms, as JAX). */
function taylor(a: A, b: A, c: A, x: A): A {
  const eps = epsilonOf(x);
  const [sum] = loopPerElement(
    ([sum, k, term]) => np.logicalAnd(np.less(k!, MAX_TERMS), np.greater(np.abs(term!), np.multiply(eps, np.abs(sum!)))),
    ([sum, k, term]) => {
      const [a1, b1, c1] = [np.subtract(np.add(a, k!), 1), np.subtract(np.add(b, k!), 1), np.subtract(np.add(c, k!), 1)];
      const ratio = np.multiply(np.divide(np.divide(np.multiply(a1, b1), c1), k!), x);
      return [np.add(sum!, term!), np.add(k!, 1), np.multiply(term!, ratio)];
    },
    [np.zerosLike(x), np.onesLike(x), np.onesLike(x)],
  );
  return sum!;
}

/**
 * The polynomial when a or b is a non-positive integer: its |n| + 1 terms, n the one of a and b
 * JAX picks (b when b < a is an integer, unless c is a non-positive integer above b). `active`
 * marks the elements that use it; the others run no steps.
 */
function terminating(a: A, b: A, c: A, x: A, active: A): A {
  const tol = nearIntegerTolOf(x);
  const cNonPositiveInteger = np.logicalAnd(np.equal(np.remainder(c, 1), 0), np.lessEqual(c, 0));
  const swap = np.logicalAnd(np.logicalAnd(np.less(b, a), nearInteger(b, tol)), np.logicalNot(np.logicalAnd(cNonPositiveInteger, np.greater(c, b))));
  const n = np.abs(np.where(swap, b, a));
  const other = np.where(swap, a, b);
  const last = np.where(active, np.add(n, 1), 0);
  const [, sum] = loopPerElement(
    ([i]) => np.less(i!, last),
    ([i, sum, term]) => {
      const [ni, ci, bi] = [np.add(np.subtract(n, i!), 1), np.subtract(np.add(c, i!), 1), np.subtract(np.add(other, i!), 1)];
      const ratio = np.multiply(np.divide(np.multiply(np.divide(np.negative(ni), ci), bi), i!), x);
      const next = np.multiply(term!, ratio);
      return [np.add(i!, 1), np.add(sum!, next), next];
    },
    [np.onesLike(x), np.onesLike(x), np.onesLike(x)],
  );
  return sum!;
}

/**
 * For x near 1 when d = c - a - b is (near) an integer, where the terms of the 1 - x expansions
 * have poles: the limiting forms with digamma functions and log(1 - x) (Abramowitz & Stegun
 * 15.3.10-12). `active` marks the elements that use it (the finite sum of 15.3.11/12 runs there only).
 */
function digammaTransformation(a: A, b: A, c: A, x: A, active: A): A {
  const eps = epsilonOf(x);
  const d = np.subtract(np.subtract(c, a), b);
  const s = np.subtract(1, x);
  const rd = np.round(d);
  const nonNegative = np.greaterEqual(rd, 0);
  const e = np.where(nonNegative, d, np.negative(d));
  const d1 = np.where(nonNegative, d, 0);
  const d2 = np.where(nonNegative, 0, d);
  const m = np.where(nonNegative, rd, np.negative(rd));
  const logS = np.log(s);
  const [aD1, bD1] = [np.add(a, d1), np.add(b, d1)];

  const psi1 = digamma(np.onesLike(x));
  const y0 = np.divide(np.subtract(np.subtract(np.subtract(np.add(psi1, digamma(np.add(1, e))), digamma(aD1)), digamma(bD1)), logS), gamma(np.add(e, 1)));
  const p0 = np.divide(np.multiply(np.multiply(aD1, bD1), s), gamma(np.add(e, 2)));
  const [, , , y] = loopPerElement(
    ([, q, t, y]) => np.logicalAnd(np.less(t!, MAX_TERMS), np.greaterEqual(np.abs(q!), np.multiply(eps, np.abs(y!)))),
    ([p, , t, y]) => {
      const [at, bt] = [np.add(np.add(a, t!), d1), np.add(np.add(b, t!), d1)];
      const r = np.subtract(np.subtract(np.subtract(np.add(digamma(np.add(1, t!)), digamma(np.add(np.add(1, t!), e))), digamma(at)), digamma(bt)), logS);
      const q = np.multiply(p!, r);
      const t1 = np.add(t!, 1);
      const pNext = np.multiply(np.multiply(p!, np.divide(np.multiply(s, at), t1)), np.divide(bt, np.add(t1, e)));
      return [pNext, q, t1, np.add(y!, q)];
    },
    [p0, y0, np.onesLike(x), y0],
  );

  // d a nonzero integer: the finite sum of m terms (m = |round(d)|), then the Γ factors.
  const steps = np.where(np.logicalAnd(active, np.notEqual(rd, 0)), m, 0);
  const [, , , y1] = loopPerElement(
    ([i]) => np.less(i!, steps),
    ([i, p, t, y1]) => {
      const r = np.add(np.subtract(1, e), t!);
      const grown = np.multiply(p!, np.divide(np.multiply(np.multiply(s, np.add(np.add(a, t!), d2)), np.add(np.add(b, t!), d2)), r));
      const t1 = np.add(t!, 1);
      const pNext = np.divide(grown, t1);
      return [np.add(i!, 1), pNext, t1, np.add(y1!, pNext)];
    },
    [np.onesLike(x), np.onesLike(x), np.zerosLike(x), np.onesLike(x)],
  );
  const gammaC = gamma(c);
  const finite = np.multiply(y1!, np.divide(np.multiply(gamma(e), gammaC), np.multiply(gamma(aD1), gamma(bD1))));
  const scaled = np.multiply(y!, np.divide(gammaC, np.multiply(gamma(np.add(a, d2)), gamma(np.add(b, d2)))));
  const signed = np.where(np.equal(np.remainder(m, 2), 1), np.negative(scaled), scaled);
  const power = np.power(s, rd);
  const withSum = np.where(np.greater(rd, 0), np.add(np.multiply(signed, power), finite), np.add(signed, np.multiply(finite, power)));
  return np.where(np.equal(rd, 0), np.divide(np.multiply(y!, gammaC), np.multiply(gamma(a), gamma(b))), withSum);
}

/** The direct computation: terminating sum, digamma transformation (x > 0.9, integer c - a - b) or Taylor series. */
function direct(a: A, b: A, c: A, x: A, active: A): A {
  const tol = nearIntegerTolOf(x);
  const d = np.subtract(np.subtract(c, a), b);
  const nonPositiveInteger = (v: A) => np.logicalAnd(np.lessEqual(v, 0), nearInteger(v, tol));
  const polynomial = np.logicalOr(nonPositiveInteger(a), nonPositiveInteger(b));
  const transform = np.logicalAnd(np.logicalAnd(np.greater(x, 0.9), np.logicalNot(polynomial)), np.logicalNot(farFromInteger(d, tol)));
  return np.where(
    polynomial,
    terminating(a, b, c, x, np.logicalAnd(active, polynomial)),
    np.where(transform, digammaTransformation(a, b, c, x, np.logicalAnd(active, transform)), taylor(a, b, c, x)),
  );
}

function hyp2f1Value(a: A, b: A, c: A, x: A): A {
  const tol = nearIntegerTolOf(x);
  const d = np.subtract(np.subtract(c, a), b);
  const s = np.subtract(1, x);
  const [ca, cb] = [np.subtract(c, a), np.subtract(c, b)];
  // JAX's cases in order: the first that holds picks the element's value.
  let open: A = np.onesLike(x, { dtype: "bool" });
  const first = (condition: A): A => {
    const picked = np.logicalAnd(open, condition);
    open = np.logicalAnd(open, np.logicalNot(condition));
    return picked;
  };
  const one = first(np.logicalOr(np.equal(x, 0), np.logicalAnd(np.logicalOr(np.equal(a, 0), np.equal(b, 0)), np.notEqual(c, 0))));
  const cPole = first(np.logicalOr(np.equal(c, 0), np.logicalAnd(np.less(c, 0), np.equal(np.remainder(c, 1), 0))));
  // Euler's transformation, except for a non-integer d when x > 1.
  const euler = first(np.logicalAnd(np.lessEqual(d, -1), np.logicalNot(np.logicalAnd(farFromInteger(d, tol), np.less(s, 0)))));
  const divergentAtOne = first(np.logicalAnd(np.lessEqual(d, 0), np.equal(x, 1)));
  const bIsC = first(np.logicalAnd(np.less(x, 1), np.equal(b, c)));
  const aIsC = first(np.logicalAnd(np.less(x, 1), np.equal(a, c)));
  const aboveOne = first(np.greater(x, 1));
  const gauss = first(np.equal(x, 1));
  const rest = open;

  const value = (cases: [A, () => A][], otherwise: A): A => cases.reduceRight((acc, [when, v]) => np.where(when, v(), acc), otherwise);
  return value(
    [
      [one, () => np.onesLike(x)],
      [np.logicalOr(np.logicalOr(cPole, divergentAtOne), aboveOne), () => np.fullLike(x, Infinity)],
      [euler, () => np.multiply(np.power(s, d), direct(ca, cb, c, x, euler))],
      [bIsC, () => np.power(s, np.negative(a))],
      [aIsC, () => np.power(s, np.negative(b))],
      [gauss, () => np.divide(np.multiply(gamma(c), gamma(d)), np.multiply(gamma(ca), gamma(cb)))],
    ],
    direct(a, b, c, x, rest),
  );
}

/** JAX's derivative series: Σ_{k>=1} t_k w_k, t_k the Taylor terms, w_k = weight(k). */
function derivativeSeries(a: A, b: A, c: A, x: A, weight: (k: A) => A): A {
  return sumSeries(
    np.zerosLike(x), np.multiply(np.divide(np.multiply(a, b), c), x),
    (term, k) => np.multiply(term, weight(k)),
    (k) => np.multiply(np.divide(np.divide(np.multiply(np.add(a, k), np.add(b, k)), np.add(c, k)), np.add(k, 1)), x),
  );
}

const hyp2f1WithRule: (a: A, b: A, c: A, x: A) => A = customJvp(
  (a: A, b: A, c: A, x: A) => hyp2f1Value(a, b, c, x),
  ([ap, bp, cp, xp], [da, db, dc, dx]) => {
    const [a, b, c, x] = [ap as A, bp as A, cp as A, xp as A];
    // As JAX's defjvps, every operand's term is added (with its tangent, zero if not differentiated).
    const inA = derivativeSeries(a, b, c, x, (k) => np.subtract(digamma(np.add(a, k)), digamma(a)));
    const inB = derivativeSeries(a, b, c, x, (k) => np.subtract(digamma(np.add(b, k)), digamma(b)));
    const inC = derivativeSeries(a, b, c, x, (k) => np.subtract(digamma(c), digamma(np.add(c, k))));
    const inX = np.multiply(np.divide(np.multiply(a, b), c), hyp2f1WithRule(np.add(a, 1), np.add(b, 1), np.add(c, 1), x));
    const tangent = np.add(
      np.add(np.multiply(inA, da as A), np.multiply(inB, db as A)),
      np.add(np.multiply(inC, dc as A), np.multiply(inX, dx as A)),
    );
    return [hyp2f1WithRule(a, b, c, x), tangent];
  },
);

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; x) = Σ_k (a)_k (b)_k / (c)_k x^k / k!, for real
 * arguments, by JAX's case analysis and series (see the file's comment), with JAX's values where
 * scipy's differ: accurate for |x| < 1 away from 1 and at x = 1 when c - a - b > 0 (Gauss's
 * formula); +inf where c is a non-positive integer (even when the series terminates), for x > 1
 * and at x = 1 when c - a - b <= 0, except NaN through Euler's transformation when c - a - b is an
 * integer <= -1; near x = 1 with a negative non-integer c - a - b, and for x <= -1, the 250-term
 * series JAX sums rather than the function. NaN x gives 1 (the series stops at its NaN second
 * term), as does a NaN a, b or c where the plain series is used. Differentiable in all four
 * arguments with JAX's rules; forward mode, like JAX's, multiplies every operand's series by its
 * tangent, so it is NaN where one of them is (a non-positive integer a or b) even for a zero
 * tangent, while reverse mode drops the operands not differentiated, as JAX's grad does.
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.special.hyp2f1(1, 1, 2, np.array([0.5, -0.5])); // -log(1 - x) / x = [1.3863, 0.8109]
 */
export function hyp2f1(a: ArrayOrScalar, b: ArrayOrScalar, c: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  const [p, q, r, v] = floats("hyp2f1", a, b, c, x) as [A, A, A, A];
  const shape = broadcastShapes("scipy.special.hyp2f1", p.shape, q.shape, r.shape, v.shape);
  return hyp2f1WithRule(np.broadcastTo(p, shape), np.broadcastTo(q, shape), np.broadcastTo(r, shape), np.broadcastTo(v, shape));
}
