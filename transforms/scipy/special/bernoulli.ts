/**
 * The Bernoulli numbers B_0 ... B_n (B_1 = -1/2), as JAX computes them: the first three exactly,
 * the odd ones from B_3 on zero, and the even ones from B_4 on by the Chowla-Hartung form
 * B_m = (-1)^(m/2+1) 2 m! / (2π)^m ζ(m), with ζ(m) summed over k = 1 ... 49. n is a JS integer (JAX
 * needs it concrete too), so the numbers are computed here in JS arithmetic, rounding each step to
 * float32 for a float32 result as JAX's float32 arithmetic does.
 */
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { integer, oneOf, readOptions, refine } from "../../../core/validate.js";

/** Options of bernoulli. */
export interface BernoulliOptions {
  /** The result's dtype: float32 (the default, JAX's without x64) or float64 (JAX's with x64). */
  readonly dtype?: "float32" | "float64";
}

/**
 * The first n + 1 Bernoulli numbers [B_0, ..., B_n], with B_1 = -1/2, as a float array. The even
 * ones from B_4 on carry JAX's truncation of ζ(m) to 49 terms (B_4 is -0.03333325, not -1/30); the
 * others are exact.
 *
 * @example
 * import { scipy } from "tessera";
 * scipy.special.bernoulli(4); // [1, -0.5, 0.1667, 0, -0.0333]
 */
export function bernoulli(n: number, options: BernoulliOptions | null = {}): ArrayValue {
  const op = "scipy.special.bernoulli";
  const count = refine(integer, (v) => v >= 0, "a non-negative integer")(op, "n", n);
  const o = readOptions(op, options, { dtype: oneOf(["float32", "float64"] as const) });
  const dtype = o.dtype ?? "float32";
  const round = dtype === "float32" ? Math.fround : (v: number) => v;
  const piSquared = round(Math.PI ** 2);
  const numbers = [1, -0.5, 1 / 6].slice(0, count + 1);
  let product = 1;
  for (let m = 3; m <= count; m++) {
    if (m % 2 === 1) {
      numbers.push(0);
      continue;
    }
    // The running product of -(m-1) m / (4π²), times 1/π², times 1 + Σ_{2<=k<50} k^-m.
    product = round(product * round(round(round(-(m - 1) * m) / 4) / piSquared));
    let zetaTail = 0;
    for (let k = 2; k < 50; k++) zetaTail = round(zetaTail + round(k ** -m));
    numbers.push(round(round(round(1 / Math.PI ** 2) * product) * round(1 + zetaTail)));
  }
  return np.array(numbers, { dtype });
}
