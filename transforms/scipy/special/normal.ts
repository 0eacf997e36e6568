/** The standard normal distribution's functions: ndtr, ndtri and logNdtr (with JAX's derivative rule). */
import { fail } from "../../../core/errors.js";
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { integer, readOptions, refine } from "../../../core/validate.js";
import { customJvp } from "../../custom.js";
import { polyval } from "./promote.js";

/** The float operand of ndtr, ndtri and logNdtr: float32 or float64 only (JAX raises a TypeError for others). */
function normalOperand(name: string, x: ArrayOrScalar): ArrayValue {
  const a = np.asarray(x);
  if (a.dtype !== "float32" && a.dtype !== "float64") fail(`scipy.special.${name}`, `x has dtype ${a.dtype}; expected float32 or float64`);
  return a;
}

function normalCdf(x: ArrayValue): ArrayValue {
  const halfSqrt2 = 0.5 * Math.SQRT2;
  const w = np.multiply(x, halfSqrt2);
  const z = np.abs(w);
  const y = np.where(np.less(z, halfSqrt2), np.add(1, np.erf(w)), np.where(np.greater(w, 0), np.subtract(2, np.erfc(z)), np.erfc(z)));
  return np.multiply(0.5, y);
}

/** The standard normal CDF Φ(x) (through erf near 0 and erfc in the tails, as JAX). */
export function ndtr(x: ArrayOrScalar): ArrayValue {
  return normalCdf(normalOperand("ndtr", x));
}

const NDTRI_P0 = [-59.96335010141079, 98.00107541859997, -56.67628574690703, 13.931260938727968, -1.2391658386738125];
const NDTRI_Q0 = [1.0, 1.9544885833814176, 4.676279128988815, 86.36024213908905, -225.46268785411937, 200.26021238006066, -82.03722561683334, 15.90562251262117, -1.1833162112133];
const NDTRI_P1 = [4.0554489230596245, 31.525109459989388, 57.16281922464213, 44.08050738932008, 14.684956192885803, 2.1866330685079025, -0.1402560791713545, -0.03504246268278482, -0.0008574567851546854];
const NDTRI_Q1 = [1.0, 15.779988325646675, 45.39076351288792, 41.3172038254672, 15.04253856929075, 2.504649462083094, -0.14218292285478779, -0.03808064076915783, -0.0009332594808954574];
const NDTRI_P2 = [3.2377489177694603, 6.915228890689842, 3.9388102529247444, 1.3330346081580755, 0.20148538954917908, 0.012371663481782003, 0.00030158155350823543, 2.6580697468673755e-6, 6.239745391849833e-9];
const NDTRI_Q2 = [1.0, 6.02427039364742, 3.6798356385616087, 1.3770209948908132, 0.21623699359449663, 0.013420400608854318, 0.00032801446468212774, 2.8924786474538068e-6, 6.790194080099813e-9];

/** The inverse of ndtr: the x with Φ(x) = p (Cephes' rational approximations, as JAX); ±inf at 1 and 0, NaN outside [0, 1]. */
export function ndtri(p: ArrayOrScalar): ArrayValue {
  const q = normalOperand("ndtri", p);
  const complemented = np.where(np.greater(q, -Math.expm1(-2)), np.subtract(1, q), q);
  const safe = np.where(np.equal(complemented, 0), np.fullLike(q, 0.5), complemented);
  const w = np.subtract(safe, 0.5);
  const ww = np.square(w);
  const central = np.multiply(np.add(w, np.multiply(np.multiply(w, ww), np.divide(polyval(NDTRI_P0, ww), polyval(NDTRI_Q0, ww)))), -Math.sqrt(2 * Math.PI));
  const z = np.sqrt(np.multiply(-2, np.log(safe)));
  const first = np.subtract(z, np.divide(np.log(z), z));
  const inverseZ = np.divide(1, z);
  const farTail = np.subtract(first, np.divide(np.divide(polyval(NDTRI_P2, inverseZ), polyval(NDTRI_Q2, inverseZ)), z));
  const nearTail = np.subtract(first, np.divide(np.divide(polyval(NDTRI_P1, inverseZ), polyval(NDTRI_Q1, inverseZ)), z));
  let x = np.where(np.greater(safe, Math.exp(-2)), central, np.where(np.greaterEqual(z, 8), farTail, nearTail));
  x = np.where(np.greater(q, 1 - Math.exp(-2)), x, np.negative(x));
  return np.where(np.equal(q, 0), -Infinity, np.where(np.equal(q, 1), Infinity, x));
}

/** Options of logNdtr. */
export interface LogNdtrOptions {
  /** Terms of the asymptotic series used far in the lower tail (0 to 30). Default 3. */
  readonly seriesOrder?: number;
}

function logNdtrValue(x: ArrayValue, seriesOrder: number): ArrayValue {
  const [lower, upper] = x.dtype === "float64" ? [-20, 8] : [-10, 5];
  const aboveUpper = np.greater(x, upper);
  const cdf = normalCdf(np.where(aboveUpper, np.negative(x), np.maximum(x, lower)));
  const tail = logNdtrLower(np.minimum(x, lower), seriesOrder);
  return np.where(aboveUpper, np.negative(cdf), np.where(np.greater(x, lower), np.log(cdf), tail));
}

/** log Φ(x) far in the lower tail: the asymptotic series of Mills' ratio. */
function logNdtrLower(x: ArrayValue, seriesOrder: number): ArrayValue {
  const x2 = np.square(x);
  const logScale = np.subtract(np.subtract(np.multiply(-0.5, x2), np.log(np.negative(x))), 0.5 * Math.log(2 * Math.PI));
  if (seriesOrder <= 0) return np.add(logScale, Math.log(1));
  let even: ArrayValue = np.zerosLike(x);
  let odd: ArrayValue = np.zerosLike(x);
  let x2n = x2;
  for (let n = 1; n <= seriesOrder; n++) {
    let doubleFactorial = 1;
    for (let k = 2 * n - 1; k > 1; k -= 2) doubleFactorial *= k;
    const term = np.divide(doubleFactorial, x2n);
    if (n % 2 === 1) odd = np.add(odd, term);
    else even = np.add(even, term);
    x2n = np.multiply(x2n, x2);
  }
  return np.add(logScale, np.log(np.subtract(np.add(1, even), odd)));
}

/** logNdtr for one series order (a JS number, as JAX's nondiff argument), with JAX's derivative exp(log φ(x) - log Φ(x)). */
function logNdtrWithRule(seriesOrder: number): (x: ArrayValue) => ArrayValue {
  const f: (x: ArrayValue) => ArrayValue = customJvp(
    (x: ArrayValue) => logNdtrValue(x, seriesOrder),
    ([x], [t]) => {
      const a = x as ArrayValue;
      const value = f(a);
      const logPdf = np.subtract(np.multiply(-0.5, np.square(a)), Math.log(Math.sqrt(2 * Math.PI)));
      return [value, np.multiply(t as ArrayValue, np.exp(np.subtract(logPdf, value)))];
    },
  );
  return f;
}

/**
 * log Φ(x), accurate far into both tails (log of ndtr in the middle, -Φ(-x) above, an asymptotic
 * series below, with JAX's segment bounds per dtype). Derivative φ(x) / Φ(x), as JAX.
 */
export function logNdtr(x: ArrayOrScalar, options: LogNdtrOptions | null = {}): ArrayValue {
  const o = readOptions("scipy.special.logNdtr", options, { seriesOrder: refine(integer, (v) => v >= 0 && v <= 30, "an integer from 0 to 30") });
  return logNdtrWithRule(o.seriesOrder ?? 3)(normalOperand("logNdtr", x));
}
