/**
 * `np.i0`, the modified Bessel function of the first kind of order 0, as exp(|x|) times Cephes'
 * series for exp(-|x|) I0(x) (the series JAX's bessel_i0e evaluates; float32 its shorter form).
 * Its derivative is the series' own, which matches I1(x) to the series' accuracy, and is 0 at
 * x = 0 as JAX's rule makes it.
 */
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { checkArity } from "../validate.js";
import { besselSeries, I0E_A, I0E_B } from "./bessel-series.js";
import { abs, exp, multiply } from "./elementwise.js";
import { checkOperand, promoteToFloat } from "./promote.js";

/**
 * The modified Bessel function of the first kind of order 0, I0(x); integers become float32.
 *
 * @example np.i0(np.array([0, 1])) // array([1.0000001, 1.266066], dtype=float32) (as JAX: the float32 series)
 */
export function i0(x: ArrayOrScalar): ArrayValue {
  checkArity("i0", arguments, 1);
  const a = promoteToFloat("i0", checkOperand("i0", x))[0]!;
  const scaled = a.dtype === "float64" ? besselSeries(a, I0E_A, I0E_B) : besselSeries(a, I0E_A.slice(-18), I0E_B.slice(-7));
  return multiply(exp(abs(a)), scaled);
}
