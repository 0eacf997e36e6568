/**
 * The sine and cosine integrals Si(x) = ∫₀ˣ sin t / t dt and Ci(x) = γ + log x + ∫₀ˣ (cos t - 1)/t dt,
 * as JAX computes them (after Cephes' sici): rational approximations for |x| <= 4, the auxiliary
 * functions f and g for 4 < |x| <= 1e9, the leading asymptotic terms above. Si is odd; Ci is
 * computed on |x| (so Ci(-x) = Ci(x), JAX's real part) and NaN at -inf. Derivatives are JAX's rule:
 * Si' = sin x / x, Ci' = cos x / x.
 */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { customJvp } from "../../custom.js";
import { floats, polyval } from "./promote.js";

const EULER_GAMMA = 0.5772156649015329;

// Cephes' coefficients, highest power first. |x| <= 4: Si = x SN(x²)/SD(x²), Ci = γ + log x + x² CN(x²)/CD(x²).
const SN = [-8.39167827910303881427e-11, 4.62591714427012837309e-8, -9.75759303843632795789e-6, 9.76945438170435310816e-4, -4.13470316229406538752e-2, 1.00000000000000000302];
const SD = [2.03269266195951942049e-12, 1.27997891179943299903e-9, 4.41827842801218905784e-7, 9.96412122043875552487e-5, 1.4208523932614989393e-2, 9.99999999999999996984e-1];
const CN = [2.02524002389102268789e-11, -1.35249504915790756375e-8, 3.59325051419993077021e-6, -4.74007206873407909465e-4, 2.89159652607555242092e-2, -1.0000000000000000008];
const CD = [4.07746040061880559506e-12, 3.06780997581887812692e-9, 1.23210355685883423679e-6, 3.17442024775032769882e-4, 5.10028056236446052392e-2, 4.0000000000000000008];
// 4 < x < 8 and x >= 8: f = FN(z)/(x FD(z)), g = z GN(z)/GD(z), z = 1/x².
const FN4 = [4.23612862892216586994, 5.45937717161812843388, 1.62083287701538329132, 1.67006611831323023771e-1, 6.81020132472518137426e-3, 1.08936580650328664411e-4, 5.48900223421373614008e-7];
const FD4 = [1, 8.16496634205391016773, 7.30828822505564552187, 1.86792257950184183883, 1.78792052963149907262e-1, 7.0171066832278975361e-3, 1.10034357153915731354e-4, 5.48900252756255700982e-7];
const GN4 = [8.71001698973114191777e-2, 6.11379109952219284151e-1, 3.97180296392337498885e-1, 7.48527737628469092119e-2, 5.38868681462177273157e-3, 1.61999794598934024525e-4, 1.97963874140963632189e-6, 7.82579040744090311069e-9];
const GD4 = [1, 1.64402202413355338886, 6.66296701268987968381e-1, 9.88771761277688796203e-2, 6.2239634544176842076e-3, 1.73221081474177119497e-4, 2.02659182086343991969e-6, 7.82579218933534490868e-9];
const FN8 = [4.55880873470465315206e-1, 7.13715274100146711374e-1, 1.6030015822231945632e-1, 1.16064229408124407915e-2, 3.49556442447859055605e-4, 4.86215430826454749482e-6, 3.20092790091004902806e-8, 9.41779576128512936592e-11, 9.70507110881952024631e-14];
const FD8 = [1, 9.17463611873684053703e-1, 1.78685545332074536321e-1, 1.22253594771971293032e-2, 3.58696481881851580297e-4, 4.92435064317881464393e-6, 3.21956939101046018377e-8, 9.43720590350276732376e-11, 9.70507110881952025725e-14];
const GN8 = [6.97359953443276214934e-1, 3.30410979305632063225e-1, 3.8487876764997429592e-2, 1.71718239052347903558e-3, 3.48941165502279436777e-5, 3.471311670841166738e-7, 1.70404452782044526189e-9, 3.85945925430276600453e-12, 3.1404009894636333464e-15];
const GD8 = [1, 1.68548898811011640017, 4.87852258695304967486e-1, 4.6791319425962580632e-2, 1.90284426674399523638e-3, 3.68475504442561108162e-5, 3.57043223443740838771e-7, 1.72693748966316146736e-9, 3.87830166023954706752e-12, 3.14040098946363335242e-15];

/** [Si, Ci] on x = |input| >= 0, each range evaluated everywhere and selected, as JAX's select. */
function siciOfMagnitude(x: ArrayValue): [ArrayValue, ArrayValue] {
  const t = np.square(x);
  const siSeries = np.where(np.equal(x, 0), 0, np.divide(np.multiply(x, polyval(SN, t)), polyval(SD, t)));
  const ciSeries = np.where(np.equal(x, 0), -Infinity, np.add(np.add(EULER_GAMMA, np.log(x)), np.divide(np.multiply(t, polyval(CN, t)), polyval(CD, t))));

  const s = np.sin(x);
  const c = np.cos(x);
  const z = np.reciprocal(t);
  const below8 = np.less(x, 8);
  const f = np.where(below8, np.divide(polyval(FN4, z), np.multiply(x, polyval(FD4, z))), np.divide(polyval(FN8, z), np.multiply(x, polyval(FD8, z))));
  const g = np.where(below8, np.divide(np.multiply(z, polyval(GN4, z)), polyval(GD4, z)), np.divide(np.multiply(z, polyval(GN8, z)), polyval(GD8, z)));
  const siAuxiliary = np.subtract(np.subtract(Math.PI / 2, np.multiply(f, c)), np.multiply(g, s));
  const ciAuxiliary = np.subtract(np.multiply(f, s), np.multiply(g, c));

  const infinite = np.equal(x, Infinity);
  const siFar = np.where(infinite, Math.PI / 2, np.subtract(Math.PI / 2, np.divide(c, x)));
  const ciFar = np.where(infinite, 0, np.divide(s, x));

  const near = np.lessEqual(x, 4);
  const middle = np.logicalAnd(np.greater(x, 4), np.lessEqual(x, 1e9));
  const pick = (a: ArrayValue, b: ArrayValue, rest: ArrayValue) => np.where(near, a, np.where(middle, b, rest));
  return [pick(siSeries, siAuxiliary, siFar), pick(ciSeries, ciAuxiliary, ciFar)];
}

function siciValue(x: ArrayValue): [ArrayValue, ArrayValue] {
  const [si, ci] = siciOfMagnitude(np.abs(x));
  return [np.multiply(np.sign(x), si), np.where(np.equal(x, -Infinity), NaN, ci)];
}

const siciWithRule: (x: ArrayValue) => [ArrayValue, ArrayValue] = customJvp(
  (x: ArrayValue) => siciValue(x),
  ([x], [t]) => {
    const a = x as ArrayValue;
    const tangent = t as ArrayValue;
    // sin x / x through np.sinc (1 at x = 0), as JAX's rule.
    return [siciWithRule(a), [np.multiply(np.sinc(np.divide(a, Math.PI)), tangent), np.multiply(np.divide(np.cos(a), a), tangent)]];
  },
);

/**
 * The sine and cosine integrals [Si(x), Ci(x)]: Si(x) = ∫₀ˣ sin t / t dt (odd), Ci(x) = γ + log|x| +
 * ∫₀^|x| (cos t - 1)/t dt (-inf at 0, NaN at -inf), as JAX computes them. Returns a pair, as JAX's
 * tuple. Derivatives: sin x / x and cos x / x.
 *
 * @example
 * import { np, scipy } from "tessera";
 * const [si, ci] = scipy.special.sici(np.array([1, 10])); // si: [0.9461, 1.6583], ci: [0.3374, -0.0455]
 */
export function sici(x: ArrayOrScalar): [ArrayValue, ArrayValue] {
  return siciWithRule(floats("sici", x)[0]!);
}
