/**
 * The larger vmap rules of the movement family: those that must handle per-example start indices
 * (dynamicSlice, dynamicUpdateSlice), per-example indices (gather, scatterAdd) or a mapped padding
 * value (pad). Per-example positions become a gather over the batch-flattened operand (a batched
 * take along an axis); windows that may move per example are cut by such takes and masks.
 * The rule entries themselves stay in movement.ts beside each primitive's other rules.
 */
import * as lax from "../lax/primitives.js";
import { adoptBuffer, type ArrayValue } from "../ndarray.js";
import type { ParamsOf } from "../primitives.js";
import { range, sizeOf } from "../shape.js";
import { batchFirst, moveAxis, physicalAxis } from "./batching-helpers.js";
import { flatRowIndices, gatherRows, int32Constant, toInt32 } from "./indexing-helpers.js";
import type { BatchDim } from "./rule.js";

/** A vmap rule's result: outputs and their batch axes. */
type Batched = [ArrayValue[], BatchDim[]];

/** `list` with `value` inserted at `index` (a per-axis param gaining the batch axis). */
export function insertAt<T>(list: readonly T[], index: number, value: T): T[] {
  return [...list.slice(0, index), value, ...list.slice(index)];
}

/** The shape without its batch axis. */
function dataShape(x: ArrayValue, dim: BatchDim): number[] {
  return x.shape.filter((_, a) => a !== dim);
}

/**
 * Per-example start indices `starts` ([B]) made valid as the dynamic-slice primitives make them:
 * a negative start counts from the end once, then the window of `size` is clamped into `[0, d)`.
 */
function clampBatchedStarts(starts: ArrayValue, d: number, size: number): ArrayValue {
  const s = toInt32(starts);
  const wrapped = lax.select(lax.lt(s, 0), lax.add(s, d), s);
  return lax.min(lax.max(wrapped, 0), d - size);
}

/**
 * Batched take along one axis: `out[b, pre, k..., post] = x[b, pre, idx[b, k...], post]` where
 * `axis` is a data axis of `x` (batch axis `dim`) and `idx` has its batch axis first. A mapped
 * operand is brought to `[B, n, pre, post]` so each example is one row of a `gatherRows`. The
 * result has its batch axis first.
 */
function batchedTake(x: ArrayValue, dim: BatchDim, axis: number, idx: ArrayValue): ArrayValue {
  if (dim === null) return moveAxis(lax.gather(x, idx, axis), axis, 0);
  // One transpose brings the batch axis first and the indexed axis second.
  const at = physicalAxis(axis, dim);
  const order = [dim, at, ...range(x.ndim).filter((a) => a !== dim && a !== at)];
  const front = order.every((a, i) => a === i) ? x : lax.transpose(x, order);
  // The gather gives [B, k..., pre, post]; the pre axes go back in front of the k axes.
  return swapAxisRuns(gatherRows(front, idx), 1, idx.ndim - 1, axis);
}

/** `x` with the run of `first` axes at `at` and the run of `second` axes after it swapped. */
function swapAxisRuns(x: ArrayValue, at: number, first: number, second: number): ArrayValue {
  if (first === 0 || second === 0) return x;
  const end = at + first + second;
  return lax.transpose(x, [...range(at), ...range(at + first, end), ...range(at, at + first), ...range(end, x.ndim)]);
}

/**
 * dynamicSlice with per-example starts: the axes whose start is shared by the batch are cut by
 * one dynamic slice, then each axis with per-example starts by a batched take of `start + iota`.
 */
export function dynamicSliceVmap(
  args: readonly ArrayValue[],
  dims: readonly BatchDim[],
  { sliceSizes }: ParamsOf["dynamicSlice"],
  size: number,
): Batched {
  const [x, ...starts] = args as [ArrayValue, ...ArrayValue[]];
  const [xDim, ...startDims] = dims as [BatchDim, ...BatchDim[]];
  const shape = dataShape(x, xDim);
  const shared = startDims.map((d) => d === null);
  let out = x;
  if (shared.some((s, a) => s && sliceSizes[a] !== shape[a])) {
    let cutStarts: ArrayValue[] = starts.map((s, a) => (shared[a] ? s : int32Constant([0], [])));
    let cutSizes = shape.map((d, a) => (shared[a] ? sliceSizes[a]! : d));
    if (xDim !== null) [cutStarts, cutSizes] = [insertAt(cutStarts, xDim, int32Constant([0], [])), insertAt(cutSizes, xDim, size)];
    out = lax.dynamicSlice(x, cutStarts, cutSizes);
  }
  if (shared.every(Boolean)) return [[out], [xDim]];
  let outDim = xDim;
  startDims.forEach((d, a) => {
    if (d === null) return;
    const start = clampBatchedStarts(starts[a]!, shape[a]!, sliceSizes[a]!);
    const window = lax.add(lax.reshape(start, [size, 1]), int32Constant(range(sliceSizes[a]!), [1, sliceSizes[a]!]));
    out = batchedTake(out, outDim, a, window);
    outDim = 0;
  });
  return [[out], [outDim]];
}

/**
 * dynamicUpdateSlice with per-example starts: the update is spread over the operand's shape by a
 * batched take per axis (position minus start, clamped into the update), and a mask of the
 * window selects it over the operand.
 */
export function dynamicUpdateSliceVmap(args: readonly ArrayValue[], dims: readonly BatchDim[], _params: unknown, size: number): Batched {
  const [x, update, ...starts] = args as [ArrayValue, ArrayValue, ...ArrayValue[]];
  const [xDim, updateDim, ...startDims] = dims as [BatchDim, BatchDim, ...BatchDim[]];
  const operand = batchFirst(x, xDim, size);
  const patch = batchFirst(update, updateDim, size);
  if (startDims.every((d) => d === null)) {
    return [[lax.dynamicUpdateSlice(operand, patch, [int32Constant([0], []), ...starts])], [0]];
  }
  const shape = operand.shape.slice(1);
  const patchShape = patch.shape.slice(1);
  if (patchShape.some((u) => u === 0)) return [[operand], [0]];
  let spread = patch;
  let mask: ArrayValue | null = null;
  shape.forEach((d, a) => {
    const u = patchShape[a]!;
    const start = clampBatchedStarts(batchFirst(starts[a]!, startDims[a]!, size), d, u);
    const offset = lax.sub(int32Constant(range(d), [1, d]), lax.reshape(start, [size, 1]));
    const inside = lax.and(lax.ge(offset, 0), lax.lt(offset, u));
    spread = batchedTake(spread, 0, a, lax.min(lax.max(offset, 0), u - 1));
    const axisMask = lax.broadcastInDim(inside, operand.shape, [0, a + 1]);
    mask = mask === null ? axisMask : lax.and(mask, axisMask);
  });
  return [[lax.select(mask!, spread, operand)], [0]];
}

/** pad: a mapped padding value is written through a mask of the padded positions (as JAX). */
export function padVmap(
  [x, value]: readonly ArrayValue[],
  [xDim, valueDim]: readonly BatchDim[],
  { config }: ParamsOf["pad"],
  size: number,
): Batched {
  if (valueDim === null) return [[lax.pad(x!, value!, insertAt(config, xDim!, [0, 0, 0]))], [xDim!]];
  const operand = batchFirst(x!, xDim!, size);
  const batchedConfig = insertAt(config, 0, [0, 0, 0]);
  const padded = lax.pad(operand, 0, batchedConfig);
  const ones = adoptBuffer(new Uint8Array(sizeOf(operand.shape.slice(1))).fill(1), operand.shape.slice(1), "bool");
  const fromOperand = lax.pad(ones, false, config);
  const values = lax.broadcastInDim(value!, padded.shape, [0]);
  return [[lax.select(fromOperand, padded, values)], [0]];
}

/** gather: one plain gather unless both operand and indices are mapped (then a batched take). */
export function gatherVmap([x, indices]: readonly ArrayValue[], [xDim, indicesDim]: readonly BatchDim[], { axis }: ParamsOf["gather"]): Batched {
  if (indicesDim === null) {
    const b = xDim!;
    const at = physicalAxis(axis, b);
    return [[lax.gather(x!, indices!, at)], [b < at ? b : b + indices!.ndim - 1]];
  }
  if (xDim === null) return [[lax.gather(x!, indices!, axis)], [axis + indicesDim!]];
  return [[batchedTake(x!, xDim!, axis, moveAxis(indices!, indicesDim!, 0))], [0]];
}

/**
 * scatterAdd: with shared indices, one scatter over the batched operand; with per-example
 * indices, a scatter into the batch-flattened operand (indices offset by `b * n`).
 */
export function scatterAddVmap(
  [x, indices, updates]: readonly ArrayValue[],
  [xDim, indicesDim, updatesDim]: readonly BatchDim[],
  { axis }: ParamsOf["scatterAdd"],
  size: number,
): Batched {
  const operand = batchFirst(x!, xDim!, size);
  const batchedUpdates = batchFirst(updates!, updatesDim!, size);
  if (indicesDim === null) return [[lax.scatterAdd(operand, indices!, batchedUpdates, axis + 1)], [0]];
  const idx = moveAxis(indices!, indicesDim!, 0);
  const front = moveAxis(operand, axis + 1, 1);
  const n = front.shape[1]!;
  const flat = lax.reshape(front, [size * n, ...front.shape.slice(2)]);
  // The updates are [B, pre, k..., post]; the flat scatter wants [B, k..., pre, post].
  const flatUpdates = swapAxisRuns(batchedUpdates, 1, axis, idx.ndim - 1);
  const scattered = lax.scatterAdd(flat, flatRowIndices(idx, n), flatUpdates, 0);
  return [[moveAxis(lax.reshape(scattered, front.shape), 1, axis + 1)], [0]];
}
