/**
 * Scalar special functions that JavaScript's Math lacks, accurate to double precision:
 * erf, erfc, erfInv, round-half-to-even and nextAfter. Used by the elementwise kernels.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** erf(x) for |x| < 3 by the series 2/sqrt(pi) e^{-x^2} sum 2^n x^{2n+1} / (1*3*...*(2n+1)): all terms positive, no cancellation. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** erfc(x) for x >= 2.5 by Lentz's continued fraction e^{-x^2}/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))). */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
}

/** The error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2.5) return x < 0 ? -erfSeries(ax) : erfSeries(ax);
  if (ax > 6) return x > 0 ? 1 : -1;
  const r = 1 - erfcContinuedFraction(ax);
  return x > 0 ? r : -r;
}

/** The complementary error function 1 - erf(x), accurate in the tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) return 1 - erf(x);
  if (x < 2.5) return 1 - erfSeries(x);
  if (x > 27) return 0;
  return erfcContinuedFraction(x);
}

/** Giles' single-precision erfinv coefficients (central region, then tail). */
const giles32Central = [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941];
const giles32Tail = [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682];

/** Giles' single-precision erfinv approximation in double arithmetic: a starting point for Newton refinement. */
function erfInvStart(y: number): number {
  let w = -Math.log((1 - y) * (1 + y));
  let p: number;
  if (w < 5) {
    w -= 2.5;
    p = 2.81022636e-8;
    for (const c of giles32Central) p = c + p * w;
  } else {
    w = Math.sqrt(w) - 3;
    p = -0.000200214257;
    for (const c of giles32Tail) p = c + p * w;
  }
  return p * y;
}

/** The inverse error function on (-1, 1); ±Infinity at ±1, NaN outside. */
export function erfInv(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  if (y === 0) return y;
  const sign = y < 0 ? -1 : 1;
  const ay = Math.abs(y);
  let x = erfInvStart(ay);
  // Newton steps on erf(x) = y, or on erfc(x) = 1 - y in the tail where erf loses digits.
  for (let i = 0; i < 4; i++) {
    const residual = ay < 0.5 ? erf(x) - ay : (1 - ay) - erfc(x);
    const slope = TWO_OVER_SQRT_PI * Math.exp(-x * x);
    if (slope === 0) break;
    const step = residual / slope;
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.abs(x)) break;
  }
  return sign * x;
}

/**
 * erfInv for float32 results: Giles' approximation evaluated as XLA does on CPU (float32
 * arithmetic, w = -log1p(-y*y), fused multiply-adds), so results agree with JAX to the last
 * bit; `random.normal` depends on it.
 */
export function erfInvFloat32(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  const f = Math.fround;
  // A product of two float32 values is exact in float64, so f(c + p * w) is a float32 FMA.
  let w = -f(Math.log1p(f(-y * y)));
  let p: number;
  if (w < 5) {
    w = f(w - 2.5);
    p = f(2.81022636e-8);
    for (const c of giles32Central) p = f(f(c) + p * w);
  } else {
    w = f(f(Math.sqrt(w)) - 3);
    p = f(-0.000200214257);
    for (const c of giles32Tail) p = f(f(c) + p * w);
  }
  return f(p * y);
}

/** Rounds to the nearest integer, ties to even (numpy's `round`). Keeps -0. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Rounds half away from zero (lax.round's default). Keeps -0. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

const f64 = new Float64Array(1);
const f64Bits = new BigInt64Array(f64.buffer);
const f32 = new Float32Array(1);
const f32Bits = new Int32Array(f32.buffer);

/** The next float64 after `x` in the direction of `toward`. */
export function nextAfter64(x: number, toward: number): number {
  if (Number.isNaN(x) || Number.isNaN(toward)) return NaN;
  if (x === toward) return toward;
  if (x === 0) return toward > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  f64[0] = x;
  f64Bits[0] = f64Bits[0]! + ((toward > x) === (x > 0) ? 1n : -1n);
  return f64[0]!;
}

/** The next float32 after `x` in the direction of `toward`. */
export function nextAfter32(x: number, toward: number): number {
  if (Number.isNaN(x) || Number.isNaN(toward)) return NaN;
  x = Math.fround(x);
  toward = Math.fround(toward);
  if (x === toward) return toward;
  if (x === 0) return toward > 0 ? 1.401298464324817e-45 : -1.401298464324817e-45;
  f32[0] = x;
  f32Bits[0] = f32Bits[0]! + ((toward > x) === (x > 0) ? 1 : -1);
  return f32[0]!;
}

/** Float to int32 the way XLA's CPU convert does: truncate, saturate, NaN to 0. */
export function saturateInt32(x: number): number {
  return x !== x ? 0 : x >= 2147483647 ? 2147483647 : x <= -2147483648 ? -2147483648 : Math.trunc(x);
}

/** Float to uint32: truncate, saturate at 0 and 2^32-1, NaN to 0. */
export function saturateUint32(x: number): number {
  return x !== x ? 0 : x >= 4294967295 ? 4294967295 : x <= 0 ? 0 : Math.trunc(x);
}

/** Integer power with 32-bit wrap-around (exponentiation by squaring); negative exponents give 0 unless |base| is 1. */
export function integerPower32(base: number, exponent: number): number {
  if (exponent < 0) return base === 1 ? 1 : base === -1 ? (exponent % 2 === 0 ? 1 : -1) : 0;
  let result = 1;
  let b = base | 0;
  let e = exponent;
  while (e > 0) {
    if (e & 1) result = Math.imul(result, b);
    b = Math.imul(b, b);
    e = Math.floor(e / 2);
  }
  return result;
}

/**
 * x^n for an integer n as XLA's integer_pow computes it: multiplication by squaring, then a
 * reciprocal for n < 0, every product rounded to float32. Matches JAX, and runs ten times faster
 * than Math.pow (whose result would also differ in the last bit now and then).
 */
export function integerPowFloat32(x: number, n: number): number {
  let e = n < 0 ? -n : n;
  let acc = 1;
  let b = x;
  for (let first = true; e > 0; e = Math.floor(e / 2)) {
    if (e & 1) {
      acc = first ? b : Math.fround(acc * b);
      first = false;
    }
    if (e > 1) b = Math.fround(b * b);
  }
  return n < 0 ? Math.fround(1 / acc) : acc;
}

/** integerPowFloat32's algorithm in float64. */
export function integerPowFloat64(x: number, n: number): number {
  let e = n < 0 ? -n : n;
  let acc = 1;
  let b = x;
  for (let first = true; e > 0; e = Math.floor(e / 2)) {
    if (e & 1) {
      acc = first ? b : acc * b;
      first = false;
    }
    if (e > 1) b = b * b;
  }
  return n < 0 ? 1 / acc : acc;
}

/**
 * x^y as IEEE 754 and C's pow define it (and numpy and JAX compute it): Math.pow, except that
 * pow(1, y) is 1 for every y, NaN included, and pow(-1, ±Infinity) is 1, where Math.pow gives NaN.
 */
export function powIeee(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return Math.pow(x, y);
}
