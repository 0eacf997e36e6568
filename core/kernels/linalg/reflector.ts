/**
 * Householder reflectors on contiguous runs of a Float64Array, the building block of the QR,
 * tridiagonal and bidiagonal reductions. A reflector H = I - tau v vᵀ is stored as v with an
 * implicit v[0] = 1 (LAPACK's dlarfg convention), so it fits in the entries it zeroed.
 */

/** The Euclidean norm of `x[start..end)`, scaled against overflow like dnrm2. */
export function norm2(x: Float64Array, start: number, end: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = start; i < end; i++) {
    const v = Math.abs(x[i]!);
    if (v === 0) continue;
    if (scale < v) {
      ssq = 1 + ssq * (scale / v) * (scale / v);
      scale = v;
    } else {
      ssq += (v / scale) * (v / scale);
    }
  }
  return scale * Math.sqrt(ssq);
}

/**
 * Turns `x[start..end)` into a reflector mapping it to beta e₀, beta = -sign(x₀) ‖x‖: x[start]
 * becomes beta, the rest becomes v's tail; returns tau (0 when the tail is already zero, and
 * then x is left as it was).
 */
export function makeReflector(x: Float64Array, start: number, end: number): number {
  const alpha = x[start]!;
  const tailNorm = norm2(x, start + 1, end);
  if (tailNorm === 0) return 0;
  const size = Math.hypot(alpha, tailNorm);
  if (size < 2 ** -900) {
    // 1 / (alpha - beta) would overflow: reflect the run scaled up by an exact power of two
    // (v and tau do not depend on the scale), then scale beta back.
    for (let i = start; i < end; i++) x[i]! *= 2 ** 600;
    const tau = makeReflector(x, start, end);
    x[start]! *= 2 ** -600;
    return tau;
  }
  const beta = (alpha >= 0 ? -1 : 1) * size;
  const scale = 1 / (alpha - beta);
  for (let i = start + 1; i < end; i++) x[i]! *= scale;
  x[start] = beta;
  return (beta - alpha) / beta;
}

/**
 * y[yStart..yStart+length) := H y for the reflector whose v is at v[vStart..vStart+length)
 * (v[vStart] is taken as 1 whatever is stored there).
 */
export function reflect(v: Float64Array, vStart: number, y: Float64Array, yStart: number, length: number, tau: number): void {
  if (tau === 0 || length === 0) return;
  let dot = y[yStart]!;
  for (let i = 1; i < length; i++) dot += v[vStart + i]! * y[yStart + i]!;
  const f = tau * dot;
  if (f === 0) return;
  y[yStart]! -= f;
  for (let i = 1; i < length; i++) y[yStart + i]! -= f * v[vStart + i]!;
}

/**
 * Applies the reflector of `reflect` to `count` vectors of the given length at yStart, yStart +
 * stride, ...: four at a time, so that each load of v serves four independent dot products (one
 * accumulator each would stall on the latency of its additions). Every vector sees the same
 * operations in the same order as with `reflect`.
 */
export function reflectEach(v: Float64Array, vStart: number, length: number, tau: number, y: Float64Array, yStart: number, stride: number, count: number): void {
  if (tau === 0 || length === 0) return;
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const y0 = yStart + j * stride;
    const y1 = y0 + stride;
    const y2 = y1 + stride;
    const y3 = y2 + stride;
    let d0 = y[y0]!;
    let d1 = y[y1]!;
    let d2 = y[y2]!;
    let d3 = y[y3]!;
    for (let i = 1; i < length; i++) {
      const vi = v[vStart + i]!;
      d0 += vi * y[y0 + i]!;
      d1 += vi * y[y1 + i]!;
      d2 += vi * y[y2 + i]!;
      d3 += vi * y[y3 + i]!;
    }
    const f0 = tau * d0;
    const f1 = tau * d1;
    const f2 = tau * d2;
    const f3 = tau * d3;
    if (f0 === 0 && f1 === 0 && f2 === 0 && f3 === 0) continue;
    y[y0]! -= f0;
    y[y1]! -= f1;
    y[y2]! -= f2;
    y[y3]! -= f3;
    for (let i = 1; i < length; i++) {
      const vi = v[vStart + i]!;
      y[y0 + i]! -= f0 * vi;
      y[y1 + i]! -= f1 * vi;
      y[y2 + i]! -= f2 * vi;
      y[y3 + i]! -= f3 * vi;
    }
  }
  for (; j < count; j++) reflect(v, vStart, y, yStart + j * stride, length, tau);
}

/**
 * An exact power-of-two factor bringing max|x| into [2^-400, 2^400] when it lies outside (so that
 * squares and sums of squares stay finite and normal), else 1. It lands at 2^±200, where both
 * the factor and its inverse are normal numbers even for the extremes of float64.
 */
export function safeScale(x: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < x.length; i++) largest = Math.max(largest, Math.abs(x[i]!));
  if (largest === 0 || (largest >= 2 ** -400 && largest <= 2 ** 400)) return 1;
  const exponent = Math.round(Math.log2(largest));
  return 2 ** (exponent > 0 ? 200 - exponent : -200 - exponent);
}
