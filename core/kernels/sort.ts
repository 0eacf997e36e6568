/**
 * Eager kernels for sorting: a stable multi-key sort along an axis (numpy/JAX order: NaN after
 * every number, -0 equal to 0) and top-k along the last axis.
 *
 * Each line along the axis gathers its keys into float64 scratch (exact for every dtype), sorts a
 * permutation with a stable bottom-up merge sort, then applies that permutation to every operand.
 */
import { allocate, type DType, type TypedArray } from "../dtype.js";
import type { Shape } from "../shape.js";
import { splitAtAxis } from "./reduce.js";

/**
 * True when key position `a` sorts strictly before `b`, comparing `keys` lexicographically.
 * Ascending puts NaN last; descending is its exact mirror (NaN first). Equal keys are "not before",
 * which is what keeps the merge sort stable.
 */
function precedes(keys: readonly Float64Array[], a: number, b: number, descending: boolean): boolean {
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const x = key[a]!;
    const y = key[b]!;
    if (descending) {
      if (x > y || (x !== x && y === y)) return true;
      if (y > x || (y !== y && x === x)) return false;
    } else {
      if (x < y || (y !== y && x === x)) return true;
      if (y < x || (x !== x && y === y)) return false;
    }
  }
  return false;
}

/**
 * Sorts `perm` (a permutation of 0..n-1) so that `keys[perm[i]]` is in order; stable. `scratch`
 * has the same length as `perm`. Insertion sort on short runs, then bottom-up merges.
 */
export function sortPermutation(perm: Int32Array, keys: readonly Float64Array[], descending: boolean, scratch: Int32Array): void {
  const n = perm.length;
  const run = 16;
  for (let lo = 0; lo < n; lo += run) {
    const hi = Math.min(lo + run, n);
    for (let i = lo + 1; i < hi; i++) {
      const p = perm[i]!;
      let j = i - 1;
      while (j >= lo && precedes(keys, p, perm[j]!, descending)) {
        perm[j + 1] = perm[j]!;
        j--;
      }
      perm[j + 1] = p;
    }
  }
  let from = perm;
  let to = scratch;
  for (let width = run; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let o = lo;
      // Take from the right half only when strictly before the left head: ties keep input order.
      while (i < mid && j < hi) to[o++] = precedes(keys, from[j]!, from[i]!, descending) ? from[j++]! : from[i++]!;
      while (i < mid) to[o++] = from[i++]!;
      while (j < hi) to[o++] = from[j++]!;
    }
    [from, to] = [to, from];
  }
  if (from !== perm) perm.set(from);
}

/**
 * Scratch buffers for sorting lines of length `n` by one key: NaN-free keys and their
 * positions, each with a partner buffer for merging.
 */
export interface SingleKeyScratch {
  readonly keys: Float64Array;
  readonly keysTmp: Float64Array;
  readonly positions: Int32Array;
  readonly positionsTmp: Int32Array;
}

/** Allocates scratch for `sortBySingleKey` on lines of length `n`. */
export function singleKeyScratch(n: number): SingleKeyScratch {
  return { keys: new Float64Array(n), keysTmp: new Float64Array(n), positions: new Int32Array(n), positionsTmp: new Int32Array(n) };
}

/**
 * The fast path of `sortPermutation` for one key: NaNs are set aside (last, or first when
 * descending), descending negates the keys, and the rest is a stable merge sort that moves keys
 * with their positions, so every comparison is a plain `<` on adjacent memory.
 */
export function sortBySingleKey(perm: Int32Array, key: Float64Array, descending: boolean, scratch: SingleKeyScratch): void {
  const n = key.length;
  let { keys, keysTmp: keysTo, positions, positionsTmp: positionsTo } = scratch;
  let count = 0;
  let nans = 0;
  for (let j = 0; j < n; j++) {
    const v = key[j]!;
    if (v !== v) {
      // NaN positions collect at the back of `positionsTo`, in reverse; they are placed at the end.
      positionsTo[n - 1 - nans++] = j;
    } else {
      keys[count] = descending ? -v : v;
      positions[count++] = j;
    }
  }
  const run = 16;
  for (let lo = 0; lo < count; lo += run) {
    const hi = Math.min(lo + run, count);
    for (let i = lo + 1; i < hi; i++) {
      const v = keys[i]!;
      const p = positions[i]!;
      let j = i - 1;
      while (j >= lo && v < keys[j]!) {
        keys[j + 1] = keys[j]!;
        positions[j + 1] = positions[j]!;
        j--;
      }
      keys[j + 1] = v;
      positions[j + 1] = p;
    }
  }
  for (let width = run; width < count; width *= 2) {
    for (let lo = 0; lo < count; lo += 2 * width) {
      const mid = Math.min(lo + width, count);
      const hi = Math.min(lo + 2 * width, count);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        if (keys[j]! < keys[i]!) {
          keysTo[o] = keys[j]!;
          positionsTo[o++] = positions[j++]!;
        } else {
          keysTo[o] = keys[i]!;
          positionsTo[o++] = positions[i++]!;
        }
      }
      for (; i < mid; i++, o++) {
        keysTo[o] = keys[i]!;
        positionsTo[o] = positions[i]!;
      }
      for (; j < hi; j++, o++) {
        keysTo[o] = keys[j]!;
        positionsTo[o] = positions[j]!;
      }
    }
    [keys, keysTo] = [keysTo, keys];
    [positions, positionsTo] = [positionsTo, positions];
  }
  // Merges only write [0, count), so the NaN positions are still at the back of positionsTmp.
  const nanSource = scratch.positionsTmp;
  const numbersAt = descending ? nans : 0;
  const nansAt = descending ? 0 : count;
  for (let i = 0; i < nans; i++) perm[nansAt + i] = nanSource[n - 1 - i]!;
  for (let i = 0; i < count; i++) perm[numbersAt + i] = positions[i]!;
}

/**
 * Sorts every operand (all of `shape`) along `axis` by the first `numKeys` operands
 * lexicographically; returns fresh buffers in the operands' dtypes.
 */
export function sortKernel(
  operands: readonly TypedArray[],
  dtypes: readonly DType[],
  shape: Shape,
  axis: number,
  numKeys: number,
  descending: boolean,
): TypedArray[] {
  const total = operands[0]!.length;
  const results = operands.map((_, i) => allocate(dtypes[i]!, total));
  if (total === 0) return results;
  const { outer, n, inner } = splitAtAxis(shape, axis);
  if (operands.length === 1) {
    sortValues(operands[0]!, results[0]!, outer, n, inner, descending);
    return results;
  }
  const keys = Array.from({ length: numKeys }, () => new Float64Array(n));
  const perm = new Int32Array(n);
  const scratch = new Int32Array(n);
  const single = singleKeyScratch(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      for (let k = 0; k < numKeys; k++) {
        const source = operands[k]!;
        const key = keys[k]!;
        for (let j = 0; j < n; j++) key[j] = source[base + j * inner]!;
      }
      if (numKeys === 1) sortBySingleKey(perm, keys[0]!, descending, single);
      else {
        for (let j = 0; j < n; j++) perm[j] = j;
        sortPermutation(perm, keys, descending, scratch);
      }
      for (let op = 0; op < operands.length; op++) {
        const source = operands[op]!;
        const target = results[op]!;
        for (let j = 0; j < n; j++) target[base + j * inner] = source[base + perm[j]! * inner]!;
      }
    }
  }
  return results;
}

/**
 * Sorts a single operand's lines with the engine's native TypedArray sort (numeric, NaN last),
 * reversed for descending order. With no other operand to permute, stability is only visible
 * in where -0 lands among zeros: the native sort puts -0 before +0.
 */
function sortValues(source: TypedArray, target: TypedArray, outer: number, n: number, inner: number, descending: boolean): void {
  if (inner === 1) {
    target.set(source);
    for (let base = 0; base < source.length; base += n) {
      const line = target.subarray(base, base + n).sort();
      if (descending) line.reverse();
    }
    return;
  }
  const line = source.slice(0, n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      for (let j = 0; j < n; j++) line[j] = source[base + j * inner]!;
      line.sort();
      if (descending) line.reverse();
      for (let j = 0; j < n; j++) target[base + j * inner] = line[j]!;
    }
  }
}

/**
 * The `k` largest entries of each row (last axis, length `n`), descending, with their int32
 * indices. NaN counts as largest and ties keep the lower index first (jax.lax.top_k). Small `k`
 * keeps a heap of the best so far (O(n log k) per row); large `k` sorts the whole row.
 */
export function topKKernel(data: TypedArray, dtype: DType, shape: Shape, k: number): [TypedArray, Int32Array] {
  const n = shape[shape.length - 1]!;
  const rows = n === 0 ? 0 : data.length / n;
  const values = allocate(dtype, rows * k);
  const indices = new Int32Array(rows * k);
  if (k === 0) return [values, indices];
  const key = new Float64Array(n);
  const perm = new Int32Array(n);
  const single = singleKeyScratch(n);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    for (let j = 0; j < n; j++) key[j] = data[base + j]!;
    if (4 * k <= n) bestByHeap(key, k, perm);
    else sortBySingleKey(perm, key, true, single);
    for (let j = 0; j < k; j++) {
      indices[r * k + j] = perm[j]!;
      values[r * k + j] = data[base + perm[j]!]!;
    }
  }
  return [values, indices];
}

/** True when position `a` ranks below `b` in top-k order: a smaller value (NaN is largest), or an equal one at a later index. */
function ranksBelow(key: Float64Array, a: number, b: number): boolean {
  const x = key[a]!;
  const y = key[b]!;
  if (x !== x) return y !== y && a > b;
  if (y !== y) return true;
  return x < y || (x === y && a > b);
}

/** Restores the heap property (lowest-ranked at the root) below `i` in `heap[0, size)`. */
function siftDown(key: Float64Array, heap: Int32Array, i: number, size: number): void {
  for (;;) {
    let lowest = i;
    const left = 2 * i + 1;
    const right = left + 1;
    if (left < size && ranksBelow(key, heap[left]!, heap[lowest]!)) lowest = left;
    if (right < size && ranksBelow(key, heap[right]!, heap[lowest]!)) lowest = right;
    if (lowest === i) return;
    const t = heap[i]!;
    heap[i] = heap[lowest]!;
    heap[lowest] = t;
    i = lowest;
  }
}

/** Writes the positions of the `k` best-ranked keys to `out[0, k)`, best first. */
function bestByHeap(key: Float64Array, k: number, out: Int32Array): void {
  for (let j = 0; j < k; j++) out[j] = j;
  for (let i = (k >> 1) - 1; i >= 0; i--) siftDown(key, out, i, k);
  for (let j = k; j < key.length; j++) {
    if (ranksBelow(key, out[0]!, j)) {
      out[0] = j;
      siftDown(key, out, 0, k);
    }
  }
  // Heap sort: moving the lowest-ranked to the back each time leaves the best first.
  for (let end = k - 1; end > 0; end--) {
    const t = out[0]!;
    out[0] = out[end]!;
    out[end] = t;
    siftDown(key, out, 0, end);
  }
}
