/**
 * Helpers for writing vmap rules: moving the batch axis, placing axes around it, materializing
 * unmapped operands, and the generic rule for numpy-broadcasting elementwise primitives.
 */
import { bind, bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import type { ParamsOf, Prim } from "../primitives.js";
import { range } from "../shape.js";
import type { BatchDim, VmapRule } from "./rule.js";

/** Moves axis `from` of `x` to position `to`. */
export function moveAxis(x: ArrayValue, from: number, to: number): ArrayValue {
  if (from === to) return x;
  const perm = range(x.ndim).filter((i) => i !== from);
  perm.splice(to, 0, from);
  return bind1("transpose", [x], { permutation: perm });
}

/** Where axis `axis` of an unbatched value sits in the batched value whose batch axis is `dim`. */
export function physicalAxis(axis: number, dim: number): number {
  return axis < dim ? axis : axis + 1;
}

/**
 * `x` with its batch axis at `to`: a mapped value has its axis moved, an unmapped one is
 * broadcast to `size` along a new axis there.
 */
export function withBatchAt(x: ArrayValue, dim: BatchDim, to: number, size: number): ArrayValue {
  if (dim !== null) return moveAxis(x, dim, to);
  const shape = [...x.shape];
  shape.splice(to, 0, size);
  const broadcastDimensions = x.shape.map((_, i) => (i < to ? i : i + 1));
  return bind1("broadcastInDim", [x], { shape, broadcastDimensions });
}

/** `x` with its batch axis first (broadcasting an unmapped value). */
export function batchFirst(x: ArrayValue, dim: BatchDim, size: number): ArrayValue {
  return withBatchAt(x, dim, 0, size);
}

/**
 * The rule for elementwise primitives that broadcast like numpy: mapped operands get their batch
 * axis first and are padded with unit axes to the largest operand rank, so numpy's trailing
 * alignment pairs their data axes with the other operands'; unmapped operands stay as they are.
 */
export function vmapBroadcasting<P extends Prim>(prim: P): VmapRule<P> {
  return (args, dims, params: ParamsOf[P]) => {
    const rank = Math.max(...args.map((x, i) => x.ndim - (dims[i] === null ? 0 : 1)));
    const aligned = args.map((x, i) => {
      const dim = dims[i]!;
      if (dim === null) return x;
      const front = moveAxis(x, dim, 0);
      const dataRank = x.ndim - 1;
      if (dataRank === rank) return front;
      const shape = [front.shape[0]!, ...new Array<number>(rank - dataRank).fill(1), ...front.shape.slice(1)];
      return bind1("reshape", [front], { newShape: shape });
    });
    const outs = bind(prim, aligned, params);
    return [outs, outs.map(() => 0)];
  };
}
