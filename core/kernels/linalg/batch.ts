/**
 * Batching for the linalg kernels: a batched operand `[..., m, n]` is cut into float64 matrices,
 * the kernel runs on each, and its per-matrix results are stored into fresh output buffers
 * (float32 outputs are rounded on store, so they are correctly rounded float64 results).
 */
import type { Aval } from "../../aval.js";
import { allocate, type TypedArray } from "../../dtype.js";
import { sizeOf } from "../../shape.js";
import type { BufferOperand } from "../elementwise.js";
import { readMatrix, type Matrix } from "./matrix.js";

/** The number of matrices in a batched operand (the product of all but its last two axes). */
export function batchCount(shape: readonly number[]): number {
  return sizeOf(shape.slice(0, -2));
}

/**
 * Runs `kernel` on matrix i of every input, for each i in the batch, and stores its results
 * (one per output aval, each of the per-matrix size) into fresh buffers of the output dtypes.
 */
export function mapMatrices(
  inputs: readonly BufferOperand[],
  outAvals: readonly Aval[],
  kernel: (matrices: Matrix[]) => ArrayLike<number>[],
): TypedArray[] {
  const count = batchCount(inputs[0]!.shape);
  const buffers = outAvals.map((a) => allocate(a.dtype, sizeOf(a.shape)));
  const outSizes = outAvals.map((a) => (count === 0 ? 0 : sizeOf(a.shape) / count));
  for (let i = 0; i < count; i++) {
    const matrices = inputs.map((x) => {
      const rank = x.shape.length;
      return readMatrix(x.data, i, x.shape[rank - 2]!, x.shape[rank - 1]!);
    });
    kernel(matrices).forEach((r, k) => buffers[k]!.set(r, i * outSizes[k]!));
  }
  return buffers;
}
