/**
 * Spence's function, the real dilogarithm spence(x) = ∫₁ˣ log t / (1 - t) dt for x >= 0 (NaN for
 * x < 0), as JAX computes it (after Cephes): one rational approximation in w near 0, folded onto
 * the other ranges by the reflection and inversion formulas. Not given a derivative rule (JAX
 * differentiates through the approximation too): its derivative approximates log x / (1 - x), and
 * is NaN in reverse mode for 1 < x <= 2, as JAX's (a discarded branch's log(1 - x) meets a zero cotangent).
 */
import { fail } from "../../../core/errors.js";
import { ArrayValue, type ArrayOrScalar } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { floats, polyval } from "./promote.js";

// Cephes' spence coefficients, highest power first: spence(1 - w) ≈ -w A(w)/B(w) for w in [-1/2, 1/2].
const A = [4.65128586073990045278e-5, 7.31589045238094711071e-3, 1.3384763957830901865e-1, 8.79691311754530315341e-1, 2.7114985119655346992, 4.25697156008121755724, 3.29771340985225106936, 1.00000000000000000126];
const B = [6.90990488912553276999e-4, 2.54043763932544379113e-2, 2.82974860602568089943e-1, 1.41172597751831069617, 3.63800533345137075418, 5.0327888014331699039, 3.54771340985225096217, 9.9999999999999999874e-1];
const PI2_6 = Math.PI ** 2 / 6;

function spenceOfPositive(input: ArrayValue): ArrayValue {
  const above2 = np.greater(input, 2);
  const x = np.where(above2, np.reciprocal(input), input);
  const above15 = np.greater(x, 1.5);
  const below05 = np.less(x, 0.5);
  const w = np.where(above15, np.subtract(np.reciprocal(x), 1), np.where(below05, np.negative(x), np.subtract(x, 1)));
  let y = np.divide(np.multiply(np.negative(w), polyval(A, w)), polyval(B, w));
  // Reflection for x < 1/2: spence(x) = π²/6 - log x log(1 - x) - spence(1 - x).
  y = np.where(below05, np.subtract(np.subtract(PI2_6, np.multiply(np.log(x), np.log(np.subtract(1, x)))), y), y);
  // Inversion for x > 3/2 (x > 2 was inverted above): spence(x) = -log²x / 2 - spence(1/x).
  return np.where(np.logicalOr(above2, above15), np.subtract(np.multiply(-0.5, np.square(np.log(x))), y), y);
}

/**
 * Spence's function (the dilogarithm) ∫₁ˣ log t / (1 - t) dt, for float32 or float64 arrays or JS
 * numbers (float32); integer and bool arrays are an error, as in JAX (which does not promote them). NaN for x < 0. spence(1 - z) is the other convention's Li₂(z).
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.special.spence(np.array([0, 1, 2])); // [1.6449, 0, -0.8225]
 */
export function spence(input: ArrayOrScalar): ArrayValue {
  if (input instanceof ArrayValue && input.dtype !== "float32" && input.dtype !== "float64") {
    fail("scipy.special.spence", `x must be float32 or float64, got ${input.dtype} (JAX does not promote it either); convert it with astype`);
  }
  const [x] = floats("spence", input) as [ArrayValue];
  return np.where(np.less(x, 0), NaN, np.where(np.equal(x, 1), 0, np.where(np.equal(x, 0), PI2_6, spenceOfPositive(x))));
}
