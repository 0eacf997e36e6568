/**
 * The exponential integrals Ei(x) (expi), E_n(x) (expn) and E_1(x) (exp1), as JAX computes them
 * (jax/_src/scipy/special.py, after Cephes): Ei by rational approximations on the octaves
 * (0, 2], (2, 4], ..., (32, 64] and above; E_n by a power series for x <= 1 and a continued
 * fraction above, each iterated under `lax.whileLoop` until every element has converged, and an
 * asymptotic form for n >= 5000. Derivatives are JAX's rules: Ei' = eˣ/x, d/dx E_n = -E_{n-1}.
 */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { broadcastShapes } from "../../../core/shape.js";
import { whileLoop } from "../../control.js";
import { customJvp } from "../../custom.js";
import { gammaln } from "./gamma.js";
import { floats, polyval } from "./promote.js";

const EULER_GAMMA = 0.5772156649015329;
const epsilonOf = (x: ArrayValue) => (x.dtype === "float64" ? 2 ** -52 : 2 ** -23);
/** Keeps the new value where `on`, the old one elsewhere (converged elements stop changing). */
const keep = (on: ArrayValue, next: ArrayValue, old: ArrayValue) => np.where(on, next, old);

// Cephes' rational approximations of Ei, highest power first. On (0, 2]: Ei = γ + log x + x P(x)/Q(x).
const EI_SMALL_P = [-5.350447357812542947283, 2.18504916881661339383e2, -4.176572384826693777058e3, 5.541176756393557601232e4, -3.313381331178144034309e5, 1.59262716338494542142e6];
const EI_SMALL_Q = [1, -5.250547959112862969197e1, 1.259616186786790571525e3, -1.756549581973534652631e4, 1.493062117002725991967e5, -7.294949239640527645655e5, 1.592627163384945429726e6];
// Above 2: Ei = eˣ/x (1 + w P(w)/Q(w)), w = 1/x, one pair per octave (2, 4], (4, 8], ..., (32, 64] and one above 64.
const EI_OCTAVES: readonly (readonly [readonly number[], readonly number[]])[] = [
  [
    [1.981808503259689673238e-2, -1.271645625984917501326, -2.08816033568122831892, 2.755544509187936721172, -4.409507048701600257171e-1, 4.665623805935891391017e-2, -1.54504267967348526258e-3, 7.059980605299617478514e-5],
    [1, 1.476498670914921440652, 5.629177174822436244827e-1, 1.699017897879307263248e-1, 2.291647179034212017463e-2, 4.450150439728752875043e-3, 1.727439612206521482874e-4, 3.953167195549672482304e-5],
  ],
  [
    [-1.373215375871208729803, -7.084559133740838761406e-1, 1.580806855547941010501, -2.601500427425622944234e-1, 2.994674694113713763365e-2, -1.038086040188744005513e-3, 4.371064420753005429514e-5, 2.141783679522602903795e-6],
    [1, 8.585231423622028380768e-1, 4.483285822873995129957e-1, 7.687932158124475434091e-2, 2.449868241021887685904e-2, 8.832165941927796567926e-4, 4.590952299511353531215e-4, -4.729848351866523044863e-6, 2.665195537390710170105e-6],
  ],
  [
    [-2.106934601691916512584, 1.732733869664688041885, -2.423619178935841904839e-1, 2.322724180937565842585e-2, 2.372880440493179832059e-4, -8.343219561192552752335e-5, 1.363408795605250394881e-5, -3.655412321999253963714e-7, 1.464941733975961318456e-8, 6.176407863710360207074e-10],
    [1, -2.298062239901678075778e-1, 1.105077041474037862347e-1, -1.566542966630792353556e-2, 2.761106850817352773874e-3, -2.089148012284048449115e-4, 1.708528938807675304186e-5, -4.459311796356686423199e-7, 1.394634930353847498145e-8, 6.150865933977338354138e-10],
  ],
  [
    [-2.458119367674020323359e-1, -1.483382253322077687183e-1, 7.248291795735551591813e-2, -1.348315687380940523823e-2, 1.342775069788636972294e-3, -7.942465637159712264564e-5, 2.644179518984235952241e-6, -4.239473659313765177195e-8],
    [1, -1.044225908443871106315e-1, -2.676453128101402655055e-1, 9.695000254621984627876e-2, -1.601745692712991078208e-2, 1.496414899205908021882e-3, -8.462452563778485013756e-5, 2.728938403476726394024e-6, -4.239462431819542051337e-8],
  ],
  [
    [1.212561118105456670844e-1, -5.823133179043894485122e-1, 2.348887314557016779211e-1, -3.04003431811324823728e-2, 1.510082146865190661777e-3, -2.523137095499571377122e-5],
    [1, -1.002252150365854016662, 2.928709694872224144953e-1, -3.337004338674007801307e-2, 1.560544881127388842819e-3, -2.523137093603234562648e-5],
  ],
  [
    [-7.657847078286127362028e-1, 6.88619241556670505175e-1, -2.132598113545206124553e-1, 3.346107552384193813594e-2, -3.076541477344756050249e-3, 1.74711931645490747738e-4, -6.103711682274170530369e-6, 1.218032765428652199087e-7, -1.086076102793290233007e-9],
    [1, -1.888802868662308731041, 1.06669168721140889685, -2.751915982306380647738e-1, 3.930852688233823569726e-2, -3.414684558602365085394e-3, 1.866844370703555398195e-4, -6.345146083130515357861e-6, 1.239754287483206878024e-7, -1.086076102793126632978e-9],
  ],
];

/** Ei(x) for x >= 0 (and NaN): the octave's approximation, the last one (above 64) wherever no octave holds x, as JAX's piecewise. */
function expiNonNegative(x: ArrayValue): ArrayValue {
  const small = np.add(np.add(np.multiply(x, np.divide(polyval(EI_SMALL_P, x), polyval(EI_SMALL_Q, x))), EULER_GAMMA), np.log(x));
  const w = np.reciprocal(x);
  const octave = ([p, q]: readonly [readonly number[], readonly number[]]) =>
    np.multiply(np.multiply(np.exp(x), w), np.add(np.multiply(w, np.divide(polyval(p, w), polyval(q, w))), 1));
  let out = octave(EI_OCTAVES[5]!);
  for (let i = 4; i >= 0; i--) out = np.where(np.logicalAnd(np.greater(x, 2 ** (i + 1)), np.lessEqual(x, 2 ** (i + 2))), octave(EI_OCTAVES[i]!), out);
  return np.where(np.logicalAnd(np.greater(x, 0), np.lessEqual(x, 2)), small, out);
}

/**
 * The power series of E_n(x) for 0 < x <= 1 (Cephes' expn, n < 5000), iterated until each element
 * of `enabled` converges. (JAX runs every branch's loop on every element, so that a tiny x can keep
 * the continued fraction's loop going for ever; here each loop runs only where its branch is used.)
 */
function expnSeries(n: ArrayValue, x: ArrayValue, enabled: ArrayValue): ArrayValue {
  const eps = epsilonOf(x);
  // ψ(n) = -γ + Σ_{1 <= i < n} 1/i.
  const summing = (i: ArrayValue) => np.logicalAnd(enabled, np.less(i, n));
  const [, psi] = whileLoop(
    ([i]: ArrayValue[]) => np.any(summing(i!)),
    ([i, sum]: ArrayValue[]) => [np.add(i!, 1), keep(summing(i!), np.add(sum!, np.reciprocal(i!)), sum!)],
    [np.onesLike(n), np.subtract(-EULER_GAMMA, np.log(x))],
  );
  const z = np.negative(x);
  const nOne = np.equal(n, 1);
  const n1 = np.where(nOne, 2, n);
  // [on, xk, yk, pk, ans]
  const init = [np.logicalAnd(enabled, np.greater(x, 0)), np.zerosLike(x), np.onesLike(x), np.subtract(1, n), np.where(nOne, 0, np.reciprocal(np.subtract(1, n1)))];
  const [, , , , ans] = whileLoop(
    ([on]: ArrayValue[]) => np.any(on!),
    ([on, xk0, yk0, pk0, ans0]: ArrayValue[]) => {
      const xk = np.add(xk0!, 1);
      const yk = np.multiply(yk0!, np.divide(z, xk));
      const pk = np.add(pk0!, 1);
      const ans = np.add(ans0!, np.where(np.notEqual(pk, 0), np.divide(yk, pk), 0));
      const t = np.where(np.notEqual(ans, 0), np.abs(np.divide(yk, ans)), 1);
      return [np.logicalAnd(on!, np.greater(t, eps)), keep(on!, xk, xk0!), keep(on!, yk, yk0!), keep(on!, pk, pk0!), keep(on!, ans, ans0!)];
    },
    init,
  );
  return np.subtract(np.divide(np.multiply(np.power(z, np.subtract(n, 1)), psi!), np.exp(gammaln(n))), ans!);
}

/** The continued fraction of E_n(x) for x > 1 (Cephes' expn), rescaled when it grows past 2^57, iterated until each element of `enabled` converges. */
function expnFraction(n: ArrayValue, x: ArrayValue, enabled: ArrayValue): ArrayValue {
  const eps = epsilonOf(x);
  const big = 1.44115188075855872e17;
  const one = np.onesLike(x);
  const xn = np.add(x, n);
  // [on, k, pkm2, qkm2, pkm1, qkm1, ans, r]
  const init = [np.logicalAnd(enabled, np.greater(x, 0)), np.onesLike(n), one, x, one, xn, np.reciprocal(xn), np.zerosLike(x)];
  const final = whileLoop(
    ([on]: ArrayValue[]) => np.any(on!),
    (state: ArrayValue[]) => {
      const [on, k0, pkm2, qkm2, pkm1, qkm1, ans0, r0] = state as [ArrayValue, ...ArrayValue[]];
      const k = np.add(k0!, 1);
      const odd = np.equal(np.remainder(k, 2), 1);
      const yk = np.where(odd, 1, x);
      const xk = np.where(odd, np.add(n, np.divide(np.subtract(k, 1), 2)), np.divide(k, 2));
      const pk = np.add(np.multiply(pkm1!, yk), np.multiply(pkm2!, xk));
      const qk = np.add(np.multiply(qkm1!, yk), np.multiply(qkm2!, xk));
      const nonzero = np.notEqual(qk, 0);
      const r = np.where(nonzero, np.divide(pk, qk), r0!);
      const t = np.where(nonzero, np.abs(np.divide(np.subtract(ans0!, r), r)), 1);
      const ans = np.where(nonzero, r, ans0!);
      const isBig = np.greater(np.abs(pk), big);
      const scaled = (v: ArrayValue) => np.where(isBig, np.divide(v, big), v);
      return [
        np.logicalAnd(on, np.greater(t, eps)), keep(on, k, k0!),
        keep(on, scaled(pkm1!), pkm2!), keep(on, scaled(qkm1!), qkm2!), keep(on, scaled(pk), pkm1!), keep(on, scaled(qk), qkm1!),
        keep(on, ans, ans0!), keep(on, r, r0!),
      ];
    },
    init,
  );
  return np.multiply(final[6]!, np.exp(np.negative(x)));
}

/** E_n(x) for n >= 5000: the first terms of its expansion in 1/(x + n)². */
function expnLargeOrder(n: ArrayValue, x: ArrayValue): ArrayValue {
  const xk = np.add(x, n);
  const yk = np.reciprocal(np.square(xk));
  let ans = np.multiply(np.multiply(yk, n), np.add(np.subtract(np.multiply(np.multiply(6, x), x), np.multiply(np.multiply(8, n), x)), np.square(n)));
  ans = np.multiply(yk, np.add(ans, np.multiply(n, np.subtract(n, np.multiply(2, x)))));
  ans = np.multiply(yk, np.add(ans, n));
  return np.divide(np.multiply(np.add(ans, 1), np.exp(np.negative(x))), xk);
}

/**
 * E_n(x) by JAX's cases, the last that holds winning: NaN for n < 0 or x < 0; at x = 0, +inf for
 * n < 2 and 1/n above (JAX's value: scipy gives 1/(n - 1)); e^-x / x for n = 0; the large-order
 * form for n >= 5000; the continued fraction for x > 1; the series where none holds.
 */
function expnValue(n: ArrayValue, x: ArrayValue): ArrayValue {
  const xZero = np.equal(x, 0);
  const nOne = np.equal(n, 1);
  const conditions = [
    np.logicalOr(np.less(n, 0), np.less(x, 0)),
    np.logicalAnd(xZero, np.less(n, 2)),
    np.logicalAnd(xZero, np.greaterEqual(n, 2)),
    np.logicalAnd(np.equal(n, 0), np.greaterEqual(x, 0)),
    np.greaterEqual(n, 5000),
    np.greater(x, 1),
  ];
  // As jnp.piecewise, a later case overrides an earlier one (so x > 1 takes the continued fraction
  // even for n < 0 or n >= 5000); the series covers the elements no case holds.
  const none = np.logicalNot(conditions.reduce((p, q) => np.logicalOr(p, q)));
  const values: ArrayOrScalar[] = [
    NaN, Infinity, np.reciprocal(np.where(nOne, np.add(n, n), n)), np.divide(np.exp(np.negative(x)), x), expnLargeOrder(n, x), expnFraction(n, x, conditions[5]!),
  ];
  let out = expnSeries(n, x, none);
  conditions.forEach((condition, i) => {
    out = np.where(condition, values[i]!, out);
  });
  return out;
}

/** E_n(x) with JAX's derivative in x, -E_{n-1}(x); n is closed over (differentiating in n is an error, as JAX's nondiff_argnums). */
function expnWithRule(n: ArrayValue, x: ArrayValue): ArrayValue {
  const inX: (x: ArrayValue) => ArrayValue = customJvp(
    (v: ArrayValue) => expnValue(n, v),
    ([v], [t]) => [inX(v as ArrayValue), np.negative(np.multiply(t as ArrayValue, expnWithRule(np.subtract(n, 1), v as ArrayValue)))],
  );
  return inX(x);
}

/**
 * The generalized exponential integral E_n(x) = ∫₁^∞ e^(-xt) / tⁿ dt, for real n and x >= 0
 * (NaN for n < 0 or x < 0). At x = 0 it is +inf for n < 2 and 1/n for n >= 2, as JAX computes it
 * (scipy gives 1/(n - 1)). Differentiable in x (d/dx E_n = -E_{n-1}), not in n.
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.special.expn(2, np.array([0.5, 1, 2])); // [0.3266, 0.1485, 0.0375]
 */
export function expn(n: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  const [order, v] = floats("expn", n, x) as [ArrayValue, ArrayValue];
  const shape = broadcastShapes("scipy.special.expn", order.shape, v.shape);
  return expnWithRule(np.broadcastTo(order, shape), np.broadcastTo(v, shape));
}

/** The exponential integral E_1(x) = ∫ₓ^∞ e^-t / t dt = expn(1, x); derivative -e^-x / x. */
export function exp1(x: ArrayOrScalar): ArrayValue {
  const [v] = floats("exp1", x) as [ArrayValue];
  return expnWithRule(np.onesLike(v), v);
}

const expiWithRule: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) => np.where(np.less(x, 0), np.negative(expnWithRule(np.onesLike(x), np.negative(x))), expiNonNegative(x)),
  ([x], [t]) => {
    const a = x as ArrayValue;
    return [expiWithRule(a), np.multiply(t as ArrayValue, np.divide(np.exp(a), a))];
  },
);

/** The exponential integral Ei(x) = ∫_{-∞}^x eᵗ/t dt (-E_1(-x) for x < 0); derivative eˣ/x. */
export function expi(x: ArrayOrScalar): ArrayValue {
  return expiWithRule(floats("expi", x)[0]!);
}
