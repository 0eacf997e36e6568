/**
 * The derivative of a Gamma(a) sample x with respect to a at fixed uniform noise (implicit
 * reparameterization): dx/da = -(dP(a, x)/da) / p(a, x), with P the regularized lower incomplete
 * gamma function and p the density. This follows JAX's random_gamma_grad (lax/special.py, its
 * SAMPLE_DERIVATIVE mode): the power series of P for x <= 1 or x <= a, the continued fraction of
 * 1 - P beyond, each differentiated term by term in a and stopped where the derivative's terms fall
 * below the dtype's epsilon. Computed in float64; float32 results are rounded at the end.
 */

const EPSILON = { float32: 2 ** -23, float64: 2 ** -52 } as const;
const LOG_MAX_FLOAT = { float32: Math.log(3.4028234663852886e38), float64: Math.log(Number.MAX_VALUE) } as const;

/** Stirling's series coefficients for lgamma (B_2k / (2k (2k - 1))) and digamma (B_2k / 2k). */
const LGAMMA_SERIES = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];
const DIGAMMA_SERIES = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12, -3617 / 8160];

/** Sum c[k] w^k by Horner's rule. */
const horner = (w: number, c: readonly number[]): number => c.reduceRight((acc, ck) => acc * w + ck, 0);

/** log Gamma(a) for a > 0: the recurrence up to a >= 10, then Stirling's series. */
function lgammaPositive(a: number): number {
  let shift = 0;
  while (a < 10) {
    shift += Math.log(a);
    a += 1;
  }
  const inverse = 1 / a;
  return (a - 0.5) * Math.log(a) - a + 0.5 * Math.log(2 * Math.PI) + inverse * horner(inverse * inverse, LGAMMA_SERIES) - shift;
}

/** digamma(a) for a > 0, likewise. */
function digammaPositive(a: number): number {
  let shift = 0;
  while (a < 10) {
    shift += 1 / a;
    a += 1;
  }
  const inverse = 1 / a;
  const inverseSquared = inverse * inverse;
  return Math.log(a) - 0.5 * inverse - inverseSquared * horner(inverseSquared, DIGAMMA_SERIES) - shift;
}

/** The series branch: -(dans/da + ans dlog(ax)/da) x / a. */
function series(a: number, x: number, eps: number): number {
  let r = a;
  let c = 1;
  let ans = 1;
  let dcDa = 0;
  let dansDa = 0;
  do {
    r += 1;
    dcDa = dcDa * (x / r) - (c * x) / (r * r);
    dansDa += dcDa;
    c *= x / r;
    ans += c;
  } while (Math.abs(dcDa / dansDa) > eps);
  return (-(dansDa + ans * (Math.log(x) - digammaPositive(a + 1))) * x) / a;
}

/** The continued-fraction branch, on 1 - P (at most 2000 steps, as JAX). */
function continuedFraction(a: number, x: number, eps: number): number {
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  let dpkm2 = 0;
  let dqkm2 = 0;
  let dpkm1 = 0;
  let dqkm1 = -x;
  let dans = (dpkm1 - ans * dqkm1) / qkm1;
  let enabled = true;
  while (enabled && c < 2000) {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    const dpk = dpkm1 * z - pkm1 - dpkm2 * yc + pkm2 * c;
    const dqk = dqkm1 * z - qkm1 - dqkm2 * yc + qkm2 * c;
    let change = 1;
    if (qk !== 0) {
      ans = pk / qk;
      const next = (dpk - ans * dqk) / qk;
      change = Math.abs(next - dans);
      dans = next;
    }
    [pkm2, pkm1, qkm2, qkm1, dpkm2, dqkm2, dpkm1, dqkm1] = [pkm1, pk, qkm1, qk, dpkm1, dqkm1, dpk, dqk];
    if (Math.abs(pk) > 1 / eps) {
      pkm2 *= eps;
      pkm1 *= eps;
      qkm2 *= eps;
      qkm1 *= eps;
      dpkm2 *= eps;
      dqkm2 *= eps;
      dpkm1 *= eps;
      dqkm1 *= eps;
    }
    enabled = change > eps;
  }
  // d(1 - P)/da = -dP/da, so the sample's derivative has the opposite sign of the series branch's form.
  return (dans + ans * (Math.log(x) - digammaPositive(a))) * x;
}

/** dx/da for one sample x of Gamma(a); NaN outside a > 0, x >= 0; 0 at x = 0 and where p(a, x) underflows. */
export function gammaSampleDerivative(a: number, x: number, dtype: "float32" | "float64"): number {
  if (Number.isNaN(a) || Number.isNaN(x) || x < 0 || a <= 0) return NaN;
  if (x === 0) return 0;
  const logAx = a * Math.log(x) - x - lgammaPositive(a);
  if (logAx < -LOG_MAX_FLOAT[dtype]) return 0;
  const eps = EPSILON[dtype];
  return x > 1 && x > a ? continuedFraction(a, x, eps) : series(a, x, eps);
}

/** dx/da elementwise over same-length buffers. */
export function gammaSampleDerivatives(a: ArrayLike<number>, x: ArrayLike<number>, dtype: "float32" | "float64"): Float32Array | Float64Array {
  const out = dtype === "float32" ? new Float32Array(a.length) : new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = gammaSampleDerivative(a[i]!, x[i]!, dtype);
  return out;
}
