/**
 * How the matmul kernels see their operands: a batch of strided matrices inside a flat buffer,
 * and the sizes of a batched product. Shared by the JavaScript kernel (matmul.ts) and the
 * WebAssembly one (wasm/sgemm.ts), so neither imports the other's module for its types.
 */
import type { TypedArray } from "../dtype.js";

/**
 * A batch of matrices inside a flat buffer: element (b, i, j) is at
 * `offset + b * batchStride + i * rowStride + j * colStride`.
 */
export interface MatrixView {
  readonly data: TypedArray;
  readonly offset: number;
  readonly batchStride: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/** The sizes of a batched product: `batch` products of [m, k] by [k, n]. */
export interface MatmulSizes {
  readonly batch: number;
  readonly m: number;
  readonly k: number;
  readonly n: number;
}
