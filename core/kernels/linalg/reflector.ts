/**
 * Householder reflectors on contiguous runs of a Float64Array, the building block of the QR,
 * tridiagonal and bidiagonal reductions. A reflector H = I - tau v vᵀ is stored as v with an
 * implicit v[0] = 1 (LAPACK's dlarfg convention), so it fits in the entries it zeroed.
 */
import { reflectEachWasm, wasmScratch } from "../wasm/reflectors.js";

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
 * Applies the reflector H = I - tau v vᵀ (v at v[vStart..vStart+length), v[vStart] taken as 1
 * whatever is stored there) to the `count` vectors of that length at y[yStart], y[yStart + stride],
 * ... . On arrays from `reflectorScratch` this runs in WebAssembly SIMD (core/kernels/wasm/
 * reflectors.ts), otherwise here, with the same operations in the same order: d = y[0] + vᵀy over
 * entries 1.. in two interleaved partial sums (odd entries after y[0], even ones from zero; then
 * the lanes added, then a last odd-one-out entry), f = tau d, y[0] -= f, y[i] -= f v[i]. Four
 * vectors go at a time, so that each load of v serves eight independent accumulators.
 */
export function reflectEach(v: Float64Array, vStart: number, length: number, tau: number, y: Float64Array, yStart: number, stride: number, count: number): void {
  if (tau === 0 || length === 0 || count <= 0) return;
  if (reflectEachWasm(v, vStart, length, tau, y, yStart, stride, count)) return;
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const y0 = yStart + j * stride;
    const y1 = y0 + stride;
    const y2 = y1 + stride;
    const y3 = y2 + stride;
    let a0 = y[y0]!;
    let a1 = y[y1]!;
    let a2 = y[y2]!;
    let a3 = y[y3]!;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    let i = 1;
    for (; i + 1 < length; i += 2) {
      const va = v[vStart + i]!;
      const vb = v[vStart + i + 1]!;
      a0 += va * y[y0 + i]!;
      b0 += vb * y[y0 + i + 1]!;
      a1 += va * y[y1 + i]!;
      b1 += vb * y[y1 + i + 1]!;
      a2 += va * y[y2 + i]!;
      b2 += vb * y[y2 + i + 1]!;
      a3 += va * y[y3 + i]!;
      b3 += vb * y[y3 + i + 1]!;
    }
    let d0 = a0 + b0;
    let d1 = a1 + b1;
    let d2 = a2 + b2;
    let d3 = a3 + b3;
    if (i < length) {
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
  for (; j < count; j++) {
    const y0 = yStart + j * stride;
    let a = y[y0]!;
    let b = 0;
    let i = 1;
    for (; i + 1 < length; i += 2) {
      a += v[vStart + i]! * y[y0 + i]!;
      b += v[vStart + i + 1]! * y[y0 + i + 1]!;
    }
    let d = a + b;
    if (i < length) d += v[vStart + i]! * y[y0 + i]!;
    const f = tau * d;
    y[y0]! -= f;
    for (let i = 1; i < length; i++) y[y0 + i]! -= f * v[vStart + i]!;
  }
}

/**
 * `length` zeroed float64 for a kernel's reflector work: in WebAssembly memory when available, so
 * that `reflectEach` on subarrays of it runs there. There is one such scratch: it is valid until
 * the next call, so take it once per kernel and copy the results out (`slice`) before returning.
 */
export function reflectorScratch(length: number): Float64Array {
  return wasmScratch(length) ?? new Float64Array(length);
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
