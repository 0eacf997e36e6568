/**
 * exp, tanh and the logistic function for float32 kernels as plain arithmetic, which V8 compiles
 * inline: Math.exp and Math.tanh are calls into C that cost 13-35 ns per element in a fused loop;
 * these cost 4-6. Each is accurate to about 1e-14 relative before the result is rounded to
 * float32, so it returns the float32 rounding of the true value except in vanishingly rare
 * near-ties (no difference from Math.exp/Math.tanh rounded to float32 in millions of samples;
 * see the tests). XLA's CPU backend likewise evaluates float32 exp and tanh by polynomials.
 * float64 kernels keep Math.exp and Math.tanh.
 */

/** 2^(j/32) for j in 0..31. */
const fractionalPowers = Float64Array.from({ length: 32 }, (_, j) => 2 ** (j / 32));
/** 2^q for q in [-160, 160], indexed by q + 160 (exact). */
const integerPowers = Float64Array.from({ length: 321 }, (_, i) => 2 ** (i - 160));

const thirtyTwoOverLn2 = 32 / Math.LN2;
const ln2OverThirtyTwo = Math.LN2 / 32;
// Adding 1.5·2^52 to a float64 of magnitude below 2^51 rounds it to an integer (ties to even),
// far cheaper than Math.round.
const roundingShift = 6755399441055744;

/**
 * e^x for -104 <= x < 89 (float32's range, with margin): x = (32q + j)·ln2/32 + r with
 * |r| <= ln2/64, e^x = 2^q · 2^(j/32) · e^r, e^r by its Taylor series to r^5 (error below 3e-15).
 */
function expInRange(x: number): number {
  const k = x * thirtyTwoOverLn2 + roundingShift - roundingShift;
  const r = x - k * ln2OverThirtyTwo;
  const i = k | 0;
  const p = 1 + r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  return p * fractionalPowers[i & 31]! * integerPowers[(i >> 5) + 160]!;
}

/** e^x before float32 rounding. */
export function expFloat32(x: number): number {
  if (x < 89 && x >= -104) return expInRange(x);
  if (x !== x) return x;
  return x >= 89 ? Infinity : 0;
}

/**
 * tanh(x) before float32 rounding: below |x| = 0.1 its odd Taylor series to x^11 (error below
 * 4e-16 relative); above, (e^2x - 1)/(e^2x + 1), where e^2x is above 1.22 or below 0.82 so the
 * subtraction cancels nothing. Signs need no branch (an unpredictable one costs more than the
 * polynomial). -0 and NaN pass through.
 */
export function tanhFloat32(x: number): number {
  const a = Math.abs(x);
  if (a < 0.1) {
    const z = x * x;
    return x * (1 + z * (-1 / 3 + z * (2 / 15 + z * (-17 / 315 + z * (62 / 2835 + z * (-1382 / 155925))))));
  }
  if (a < 10) {
    const e = expInRange(2 * x);
    return (e - 1) / (e + 1);
  }
  return x !== x ? x : x < 0 ? -1 : 1; // |tanh| > 1 - 2^-25 beyond 10: rounds to 1
}

/** 1/(1 + e^-x) before float32 rounding; below -30 it is e^x to within 1e-13 relative. */
export function logisticFloat32(x: number): number {
  if (x < -30) return expFloat32(x);
  if (x !== x) return x;
  return 1 / (1 + expFloat32(-x));
}
