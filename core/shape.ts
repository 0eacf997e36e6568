/**
 * Shapes: sizes, strides, broadcasting and axis normalization. Pure functions over readonly
 * number arrays; the errors name the op that asked.
 */
import { fail } from "./errors.js";
import { describeValue, validShape } from "./validate.js";

/** An array shape: one non-negative integer size per axis. */
export type Shape = readonly number[];

/** The number of elements of an array with this shape. */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C-order) strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** True when two shapes are equal axis by axis. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Checks that `shape` is a list of non-negative integers within tessera's size limits (given a
 * dtype, its byte limit too); `op` names the caller in the error. Returns a frozen copy.
 */
export function checkShape(op: string, shape: unknown, dtype?: string): Shape {
  return validShape(op, shape, dtype);
}

/** The numpy broadcast of several shapes, or an error naming `op` and every shape. */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    const offset = rank - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i]!;
      const o = out[offset + i]!;
      if (d === o || d === 1) continue;
      if (o === 1) out[offset + i] = d;
      else {
        fail(
          op,
          `shapes ${shapes.map((x) => `[${x.join(",")}]`).join(" and ")} cannot be broadcast together: ` +
            `axis ${offset + i} from the end has sizes ${o} and ${d}; expected equal sizes or 1`,
        );
      }
    }
  }
  return out;
}

/**
 * Strides for reading an array of `shape` as if broadcast to `outShape`: 0 on broadcast axes.
 * `shape` must already be broadcast-compatible with `outShape`.
 */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, i) => {
    const j = i - offset;
    return j < 0 || shape[j] === 1 ? 0 : own[j]!;
  });
}

/** Turns a possibly negative axis into 0..rank-1, or raises an error naming `op`. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    const expected = rank === 0 ? "a rank-0 array has no axes" : `expected an integer in [${-rank}, ${rank - 1}]`;
    fail(op, `axis ${describeValue(axis)} is out of range for an array of rank ${rank}; ${expected}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * Normalizes an axis spec (undefined/null meaning all axes, one axis, or a list) to a sorted list
 * of distinct axes in 0..rank-1.
 */
export function normalizeAxes(op: string, axis: number | readonly number[] | null | undefined, rank: number): number[] {
  if (axis === undefined || axis === null) return range(rank);
  const list = typeof axis === "number" ? [axis] : axis;
  if (!Array.isArray(list)) fail(op, `axis must be an integer, a list of integers or null, got ${describeValue(axis)}`);
  const out = list.map((a) => normalizeAxis(op, a, rank));
  if (new Set(out).size !== out.length) fail(op, `repeated axis in ${describeValue(list)}`);
  return out.sort((a, b) => a - b);
}

/** True for a list holding each of the integers 0..n-1 exactly once (safe to call on untrusted input). */
export function isPermutation(perm: unknown, n: number): perm is number[] {
  return Array.isArray(perm) && perm.length === n && new Set(perm).size === n && perm.every((p) => Number.isInteger(p) && p >= 0 && p < n);
}

/** The inverse of a permutation. */
export function invertPermutation(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/** The integers 0..n-1, or start..stop-1 given two bounds (axis lists: `range(x.ndim)`). */
export function range(startOrStop: number, stop?: number): number[] {
  const [start, end] = stop === undefined ? [0, startOrStop] : [startOrStop, stop];
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}
