/**
 * Window functions (numpy's bartlett, blackman, hamming, hanning, kaiser): tapers of length M,
 * computed in float64 with JAX's formulas and rounded once to the requested dtype.
 */
import { allocate } from "../dtype.js";
import { adoptBuffer, type NdArray } from "../ndarray.js";
import { checkArity, count, finite, oneOf, readOptions } from "../validate.js";

/** The dtype option of the window functions (default float32, JAX's default float). */
export interface WindowOptions {
  readonly dtype?: "float32" | "float64";
}

/** A window of `m` points from `value(n)` for n = 0..m-1; m <= 1 gives ones, as numpy does. */
function windowOf(op: string, m: unknown, options: WindowOptions | null | undefined, value: (n: number, m: number) => number): NdArray {
  const size = count(op, "M", m);
  const dtype = readOptions(op, options, { dtype: oneOf(["float32", "float64"] as const) }).dtype ?? "float32";
  const data = allocate(dtype, size);
  for (let n = 0; n < size; n++) data[n] = size === 1 ? 1 : value(n, size);
  return adoptBuffer(data, [size], dtype);
}

/**
 * The Bartlett (triangular) window: 1 - |2n + 1 - M| / (M - 1).
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.bartlett(5); // [0, 0.5, 1, 0.5, 0]
 * ```
 */
export function bartlett(M: number, options?: WindowOptions | null): NdArray {
  checkArity("bartlett", arguments, 2);
  return windowOf("bartlett", M, options, (n, m) => 1 - Math.abs(2 * n + 1 - m) / (m - 1));
}

/**
 * The Blackman window: 0.42 - 0.5 cos(2 pi n / (M - 1)) + 0.08 cos(4 pi n / (M - 1)).
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.blackman(5, { dtype: "float64" });
 * ```
 */
export function blackman(M: number, options?: WindowOptions | null): NdArray {
  checkArity("blackman", arguments, 2);
  return windowOf("blackman", M, options, (n, m) => 0.42 - 0.5 * Math.cos((2 * Math.PI * n) / (m - 1)) + 0.08 * Math.cos((4 * Math.PI * n) / (m - 1)));
}

/**
 * The Hamming window: 0.54 - 0.46 cos(2 pi n / (M - 1)).
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.hamming(5);
 * ```
 */
export function hamming(M: number, options?: WindowOptions | null): NdArray {
  checkArity("hamming", arguments, 2);
  return windowOf("hamming", M, options, (n, m) => 0.54 - 0.46 * Math.cos((2 * Math.PI * n) / (m - 1)));
}

/**
 * The Hann window: 0.5 (1 - cos(2 pi n / (M - 1))).
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.hanning(5); // [0, 0.5, 1, 0.5, 0]
 * ```
 */
export function hanning(M: number, options?: WindowOptions | null): NdArray {
  checkArity("hanning", arguments, 2);
  return windowOf("hanning", M, options, (n, m) => 0.5 * (1 - Math.cos((2 * Math.PI * n) / (m - 1))));
}

/**
 * The Kaiser window: I0(beta sqrt(1 - ((n - a) / a)^2)) / I0(beta) with a = (M - 1) / 2 and I0
 * the modified Bessel function of order 0. `beta` is a finite JS number here (JAX also takes an
 * array).
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.kaiser(5, 8.6);
 * ```
 */
export function kaiser(M: number, beta: number, options?: WindowOptions | null): NdArray {
  checkArity("kaiser", arguments, 3);
  const b = finite("kaiser", "beta", beta);
  const scale = besselI0(b);
  return windowOf("kaiser", M, options, (n, m) => {
    const alpha = 0.5 * (m - 1);
    const r = (n - alpha) / alpha;
    return besselI0(b * Math.sqrt(1 - r * r)) / scale;
  });
}

/**
 * I0(x) by its power series sum_k ((x/2)^k / k!)^2, whose terms are all positive (no
 * cancellation): summed until a term no longer changes the total.
 */
function besselI0(x: number): number {
  const quarterSquare = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 1000; k++) {
    term *= quarterSquare / (k * k);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return sum;
}
