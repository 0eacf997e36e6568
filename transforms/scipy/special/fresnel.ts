/**
 * The Fresnel integrals S(x) = ∫₀ˣ sin(πt²/2) dt and C(x) = ∫₀ˣ cos(πt²/2) dt, as JAX computes them
 * (after Cephes' fresnl, and fresnlf in float32): a rational series for x² < 2.5625, the auxiliary
 * functions f and g up to 36974, the leading asymptotic terms above, with sin and cos of πx²/2
 * reduced exactly modulo 2 first. Derivatives are JAX's rule: S' = sin(πx²/2), C' = cos(πx²/2).
 */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { customJvp } from "../../custom.js";
import { floats, polyval } from "./promote.js";

// Cephes' coefficients, highest power first: float64 (fresnl) and float32 (fresnlf, numerators only).
const F64 = {
  sn: [-2.99181919401019853726e3, 7.08840045257738576863e5, -6.29741486205862506537e7, 2.54890880573376359104e9, -4.42979518059697779103e10, 3.18016297876567817986e11],
  sd: [1, 2.81376268889994315696e2, 4.55847810806532581675e4, 5.1734388877009640073e6, 4.19320245898111231129e8, 2.2441179564534092094e10, 6.07366389490084639049e11],
  cn: [-4.98843114573573548651e-8, 9.50428062829859605134e-6, -6.45191435683965050962e-4, 1.88843319396703850064e-2, -2.05525900955013891793e-1, 9.99999999999999998822e-1],
  cd: [3.99982968972495980367e-12, 9.15439215774657478799e-10, 1.25001862479598821474e-7, 1.22262789024179030997e-5, 8.68029542941784300606e-4, 4.12142090722199792936e-2, 1.00000000000000000118],
  fn: [4.21543555043677546506e-1, 1.43407919780758885261e-1, 1.15220955073585758835e-2, 3.450179397825740279e-4, 4.63613749287867322088e-6, 3.05568983790257605827e-8, 1.02304514164907233465e-10, 1.72010743268161828879e-13, 1.34283276233062758925e-16, 3.76329711269987889006e-20],
  fd: [1, 7.51586398353378947175e-1, 1.16888925859191382142e-1, 6.44051526508858611005e-3, 1.55934409164153020873e-4, 1.8462756734893054587e-6, 1.12699224763999035261e-8, 3.60140029589371370404e-11, 5.8875453362157841001e-14, 4.52001434074129701496e-17, 1.25443237090011264384e-20],
  gn: [5.04442073643383265887e-1, 1.97102833525523411709e-1, 1.87648584092575249293e-2, 6.84079380915393090172e-4, 1.15138826111884280931e-5, 9.82852443688422223854e-8, 4.45344415861750144738e-10, 1.08268041139020870318e-12, 1.37555460633261799868e-15, 8.36354435630677421531e-19, 1.86958710162783235106e-22],
  gd: [1, 1.47495759925128324529, 3.37748989120019970451e-1, 2.53603741420338795122e-2, 8.14679107184306179049e-4, 1.27545075667729118702e-5, 1.04314589657571990585e-7, 4.60680728146520428211e-10, 1.10273215066240270757e-12, 1.38796531259578871258e-15, 8.39158816283118707363e-19, 1.86958710162783236342e-22],
};
const F32 = {
  sn: [1.6476294637887e-9, -1.522754752581096e-7, 8.4247488085024e-6, -3.120693124703272e-4, 7.244727626597022e-3, -9.228055941124598e-2, 5.235987735681432e-1],
  cn: [1.416802502367354e-8, -1.157231412229871e-6, 5.387223446683264e-5, -1.604381798862293e-3, 2.818489036795073e-2, -2.467398198317899e-1, 9.999999760004487e-1],
  fn: [-1.903009855649792e12, 1.355942388050252e11, -4.158143148511033e9, 7.343848463587323e7, -8.732356681548485e5, 8.56051546627547e3, -1.032877601091159e2, 2.999401847870011],
  gn: [-1.86084399762465e11, 1.278350673393208e10, -3.779387713202229e8, 6.492611570598858e6, -7.787789623358162e4, 8.602931494734327e2, -1.493439396592284e1, 9.999841934744914e-1],
};

/**
 * [sin(πx²/2), cos(πx²/2)], with the angle's multiple of π reduced modulo 2 exactly first: with
 * s = |x| mod 2, x²/2 ≡ s (|x| - s/2) (mod 2), so large x keeps its accuracy (scipy's sinpi/cospi).
 */
function sinCosHalfPiSquare(input: ArrayValue): [ArrayValue, ArrayValue] {
  const x = np.abs(input);
  const s = np.fmod(x, 2);
  const r = np.fmod(np.multiply(s, np.subtract(x, np.divide(s, 2))), 2);
  const sinPi = (v: ArrayValue) => np.sin(np.multiply(Math.PI, v));
  const sin = np.where(np.less(r, 0.5), sinPi(r), np.where(np.greater(r, 1.5), sinPi(np.subtract(r, 2)), np.negative(sinPi(np.subtract(r, 1)))));
  const cos = np.where(np.equal(r, 0.5), 0, np.where(np.less(r, 1), np.negative(sinPi(np.subtract(r, 0.5))), sinPi(np.subtract(r, 1.5))));
  return [sin, cos];
}

function fresnelValue(input: ArrayValue): [ArrayValue, ArrayValue] {
  const f64 = input.dtype === "float64";
  const x = np.abs(input);
  const x2 = np.square(x);
  const x4 = np.square(x2);
  const ratio = (n: readonly number[], d: readonly number[] | null, v: ArrayValue) => (d === null ? polyval(n, v) : np.divide(polyval(n, v), polyval(d, v)));
  const sSmall = np.multiply(np.multiply(x, x2), f64 ? ratio(F64.sn, F64.sd, x4) : ratio(F32.sn, null, x4));
  const cSmall = np.multiply(x, f64 ? ratio(F64.cn, F64.cd, x4) : ratio(F32.cn, null, x4));
  const [sin, cos] = sinCosHalfPiSquare(x);
  // Above 36974: 1/2 ± the first asymptotic term in float64, 1/2 in float32.
  const piX = np.multiply(Math.PI, x);
  const cLarge = f64 ? np.add(0.5, np.multiply(np.reciprocal(piX), sin)) : np.fullLike(x, 0.5);
  const sLarge = f64 ? np.subtract(0.5, np.multiply(np.reciprocal(piX), cos)) : np.fullLike(x, 0.5);
  const t = np.reciprocal(np.multiply(Math.PI, x2));
  const u = np.square(t);
  const f = np.subtract(1, np.multiply(u, f64 ? ratio(F64.fn, F64.fd, u) : ratio(F32.fn, null, u)));
  const g = np.multiply(t, f64 ? ratio(F64.gn, F64.gd, u) : ratio(F32.gn, null, u));
  const cMiddle = np.add(0.5, np.divide(np.subtract(np.multiply(f, sin), np.multiply(g, cos)), piX));
  const sMiddle = np.subtract(0.5, np.divide(np.add(np.multiply(f, cos), np.multiply(g, sin)), piX));
  const infinite = np.isinf(input);
  const small = np.less(x2, 2.5625);
  const large = np.greater(x, 36974);
  const pick = (smallValue: ArrayValue, middle: ArrayValue, largeValue: ArrayValue) =>
    np.where(infinite, 0.5, np.where(small, smallValue, np.where(large, largeValue, middle)));
  const negative = np.less(input, 0);
  const odd = (v: ArrayValue) => np.where(negative, np.negative(v), v);
  return [odd(pick(sSmall, sMiddle, sLarge)), odd(pick(cSmall, cMiddle, cLarge))];
}

const fresnelWithRule: (x: ArrayValue) => [ArrayValue, ArrayValue] = customJvp(
  (x: ArrayValue) => fresnelValue(x),
  ([x], [t]) => {
    const [sin, cos] = sinCosHalfPiSquare(x as ArrayValue);
    return [fresnelWithRule(x as ArrayValue), [np.multiply(sin, t as ArrayValue), np.multiply(cos, t as ArrayValue)]];
  },
);

/**
 * The Fresnel integrals [S(x), C(x)] = [∫₀ˣ sin(πt²/2) dt, ∫₀ˣ cos(πt²/2) dt], odd in x, ±1/2 at
 * ±inf (Cephes' algorithm, as JAX: accurate on [-10, 10]; float32 uses the shorter fresnlf form).
 * Returns a pair, as JAX's tuple. Derivatives: sin(πx²/2) and cos(πx²/2).
 *
 * @example
 * import { np, scipy } from "tessera";
 * const [s, c] = scipy.special.fresnel(np.array([0.5, 1])); // s: [0.0647, 0.4383], c: [0.4923, 0.7799]
 */
export function fresnel(x: ArrayOrScalar): [ArrayValue, ArrayValue] {
  return fresnelWithRule(floats("fresnel", x)[0]!);
}
