/** Modified Bessel functions of the first kind of orders 0 and 1, and their exponentially scaled forms, with JAX's derivative rules. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { customJvp } from "../../custom.js";
import { floats } from "./promote.js";
import { besselSeries, chebyshev, I0E_A, I0E_B } from "../../../core/numpy/bessel-series.js";

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
