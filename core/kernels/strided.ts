/**
 * The one loop behind most movement kernels: copy a strided box of one buffer into a strided box
 * of another. Transpose, slice, rev and broadcast are all "read with these strides" (negative
 * for rev, zero for broadcast); pad, concatenate and update-slice are "write with these strides".
 * Adjacent axes that are contiguous in both buffers are merged first so the inner loop is long.
 */
import type { TypedArray } from "../dtype.js";

// Tile edge for transposes: 32x32 elements of 8 bytes fit comfortably in L1 for both buffers.
const TILE = 32;

/** A box inside a flat buffer: where it starts and each axis's step, in elements (negative reverses, zero repeats). */
export interface StridedBox {
  readonly offset: number;
  readonly strides: readonly number[];
}

/**
 * For every index `i` of `shape`: `dst[dst.offset + i·dst.strides] = src[src.offset + i·src.strides]`.
 * The two buffers must hold the same element type (values are copied bit-exactly).
 */
export function copyStrided(
  src: TypedArray,
  srcBox: StridedBox,
  dst: TypedArray,
  dstBox: StridedBox,
  shape: readonly number[],
): void {
  for (const d of shape) if (d === 0) return;
  const { dims, strides } = mergeAxes(shape, [srcBox.strides, dstBox.strides]);
  const [srcStrides, dstStrides] = strides as [number[], number[]];
  const rank = dims.length;
  if (rank === 0) {
    dst[dstBox.offset] = src[srcBox.offset]!;
    return;
  }
  // A transpose reads its last axis with a large stride; tile the source's fastest axis against it.
  const last = rank - 1;
  let fastest = last;
  for (let a = 0; a < rank; a++) if (Math.abs(srcStrides[a]!) < Math.abs(srcStrides[fastest]!)) fastest = a;
  if (fastest !== last && Math.abs(srcStrides[last]!) > 1 && dims[fastest]! > 1 && dims[last]! >= 8) {
    copyTiled(src, srcBox.offset, srcStrides, dst, dstBox.offset, dstStrides, dims, fastest);
    return;
  }
  const n = dims[last]!;
  const si = srcStrides[last]!;
  const di = dstStrides[last]!;
  forEachOuter(dims, srcStrides, dstStrides, [last], srcBox.offset, dstBox.offset, (s, d) => {
    if (si === 1 && di === 1) {
      // Both buffers hold the same element type, so a block copy (memcpy) is exact.
      (dst as Float64Array).set((src as Float64Array).subarray(s, s + n), d);
    } else {
      for (let j = 0; j < n; j++) dst[d + j * di] = src[s + j * si]!;
    }
  });
}

/** The tiled loop for transposes: axes `a` (fast in src) and the last axis (fast in dst). */
function copyTiled(
  src: TypedArray,
  srcOffset: number,
  srcStrides: readonly number[],
  dst: TypedArray,
  dstOffset: number,
  dstStrides: readonly number[],
  dims: readonly number[],
  a: number,
): void {
  const b = dims.length - 1;
  const na = dims[a]!;
  const nb = dims[b]!;
  const sa = srcStrides[a]!;
  const sb = srcStrides[b]!;
  const da = dstStrides[a]!;
  const db = dstStrides[b]!;
  forEachOuter(dims, srcStrides, dstStrides, [a, b], srcOffset, dstOffset, (s0, d0) => {
    for (let i0 = 0; i0 < na; i0 += TILE) {
      const i1 = Math.min(na, i0 + TILE);
      for (let j0 = 0; j0 < nb; j0 += TILE) {
        const j1 = Math.min(nb, j0 + TILE);
        for (let i = i0; i < i1; i++) {
          const s = s0 + i * sa;
          const d = d0 + i * da;
          for (let j = j0; j < j1; j++) dst[d + j * db] = src[s + j * sb]!;
        }
      }
    }
  });
}

/**
 * Calls `body(srcOffset, dstOffset)` once per index of the axes not in `inner` (an odometer),
 * with offsets advanced incrementally. One call per inner block, never per element.
 */
function forEachOuter(
  dims: readonly number[],
  srcStrides: readonly number[],
  dstStrides: readonly number[],
  inner: readonly number[],
  srcOffset: number,
  dstOffset: number,
  body: (srcOffset: number, dstOffset: number) => void,
): void {
  const outer: number[] = [];
  for (let a = 0; a < dims.length; a++) if (!inner.includes(a)) outer.push(a);
  const k = outer.length;
  const counter = new Array<number>(k).fill(0);
  let s = srcOffset;
  let d = dstOffset;
  for (;;) {
    body(s, d);
    let i = k - 1;
    for (; i >= 0; i--) {
      const axis = outer[i]!;
      s += srcStrides[axis]!;
      d += dstStrides[axis]!;
      if (++counter[i]! < dims[axis]!) break;
      s -= srcStrides[axis]! * dims[axis]!;
      d -= dstStrides[axis]! * dims[axis]!;
      counter[i] = 0;
    }
    if (i < 0) return;
  }
}

/**
 * Drops size-1 axes and merges neighbouring axes that are contiguous under every stride list,
 * so loops over the result run as long as possible. Each list gives one buffer's strides.
 */
export function mergeAxes(shape: readonly number[], strideLists: readonly (readonly number[])[]): { dims: number[]; strides: number[][] } {
  const dims: number[] = [];
  const strides: number[][] = strideLists.map(() => []);
  for (let a = 0; a < shape.length; a++) {
    const n = shape[a]!;
    if (n === 1) continue;
    const top = dims.length - 1;
    if (top >= 0 && strideLists.every((list, k) => strides[k]![top] === list[a]! * n)) {
      dims[top] = dims[top]! * n;
      strideLists.forEach((list, k) => (strides[k]![top] = list[a]!));
    } else {
      dims.push(n);
      strideLists.forEach((list, k) => strides[k]!.push(list[a]!));
    }
  }
  return { dims, strides };
}
