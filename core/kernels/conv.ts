/**
 * General dilated convolution (XLA's ConvGeneralDilated) as im2col + the blocked matmul.
 *
 * For each group and each chunk of output batch elements, the input patches are gathered into a
 * [positions, window x inFeatures] matrix and multiplied by the group's kernel matrix
 * [window x inFeatures, outFeatures]. Padding, lhs dilation (transposed convolution) and rhs
 * dilation (atrous) only change which input element each (position, window offset) reads, so
 * they are resolved once per call into a table of input offsets, and gathering a batch element's
 * patches is one pass over that table.
 */
import { allocate, dtypeOfStorage, isFloat, type DType, type TypedArray } from "../dtype.js";
import type { ParamsOf } from "../primitives.js";
import { sizeOf, stridesOf, type Shape } from "../shape.js";
import { contiguousView, matmulFloat, matmulInt } from "./matmul.js";
import { scratch } from "./scratch.js";
import { copyStrided } from "./strided.js";

// Patch rows gathered per matmul call: large enough for the blocked kernel, small enough that
// the patch matrix stays a few megabytes.
const CHUNK_ROWS = 2048;

type ConvParams = ParamsOf["convGeneralDilated"];

/** Computes the convolution of `lhs` with `rhs` into a fresh buffer of `outShape` (validated by the shape rule). */
export function convGeneralDilatedKernel(
  lhsData: TypedArray,
  lhsShape: Shape,
  rhs: TypedArray,
  rhsShape: Shape,
  params: ConvParams,
  outShape: Shape,
  dtype: DType,
  into?: TypedArray,
): TypedArray {
  // Every output element is written by exactly one product row, so a reused buffer needs no clearing.
  const out = into ?? allocate(dtype, sizeOf(outShape));
  const dn = params.dimensionNumbers;
  const spatialRank = lhsShape.length - 2;
  const [lhs, lhsStrides] = featuresInnermost(lhsData, lhsShape, params.dimensionNumbers.lhs[1]!);
  const rhsStrides = stridesOf(rhsShape);
  const outStrides = stridesOf(outShape);
  const inFeatures = rhsShape[dn.rhs[1]!]!;
  const outFeatures = rhsShape[dn.rhs[0]!]!;
  const kernelShape = dn.rhs.slice(2).map((a) => rhsShape[a]!);
  const outSpatial = dn.out.slice(2).map((a) => outShape[a]!);
  const outBatch = outShape[dn.out[0]!]!;
  const groups = params.featureGroupCount * params.batchGroupCount;
  const groupOut = outFeatures / groups;
  const windowSize = sizeOf(kernelShape);
  const depth = windowSize * inFeatures;
  const positions = sizeOf(outSpatial);
  if (out.length === 0) return out;

  const inputIndex = spatialTables(lhsShape, lhsStrides, params, kernelShape, outSpatial);
  const windowCoords = odometer(kernelShape);
  const positionCoords = odometer(outSpatial);
  const outSpatialOffset = new Int32Array(positions);
  for (let p = 0; p < positions; p++) {
    let offset = 0;
    for (let d = 0; d < spatialRank; d++) offset += positionCoords[p * spatialRank + d]! * outStrides[dn.out[2 + d]!]!;
    outSpatialOffset[p] = offset;
  }
  const weights = kernelMatrices(rhs, rhsStrides, dn.rhs, windowCoords, windowSize, inFeatures, groups, groupOut, dtype);

  const chunk = Math.max(1, Math.floor(CHUNK_ROWS / Math.max(positions, 1)));
  const patches = scratch("conv patches", dtype, Math.min(chunk, outBatch) * positions * depth);
  // The product has the result's storage, so float32 convolutions run on the float32 wasm kernel.
  const productSize = Math.min(chunk, outBatch) * positions * groupOut;
  const product = scratch("conv product", dtype === "float32" ? "float32" : isFloat(dtype) ? "float64" : "int32", productSize);
  const lhsBatchStride = lhsStrides[dn.lhs[0]!]!;
  const lhsFeatureStride = lhsStrides[dn.lhs[1]!]!;
  const outBatchStride = outStrides[dn.out[0]!]!;
  const outFeatureStride = outStrides[dn.out[1]!]!;
  const offsets = patchOffsets(inputIndex, positionCoords, windowCoords, kernelShape, positions, windowSize);
  const geometry: PatchGeometry = { offsets, inFeatures, lhsFeatureStride };
  // With one group and features last in the output (NHWC), a batch element's product rows are
  // exactly its block of the output, so they are copied as one block.
  let blockCopy = groups === 1 && (outFeatureStride === 1 || groupOut === 1);
  for (let p = 0; p < positions && blockCopy; p++) blockCopy = outSpatialOffset[p] === p * groupOut;

  for (let g = 0; g < groups; g++) {
    const featureStart = params.featureGroupCount > 1 ? g * inFeatures : 0;
    const weightView = { ...contiguousView(weights, depth, groupOut), offset: g * depth * groupOut };
    for (let n0 = 0; n0 < outBatch; n0 += chunk) {
      const n1 = Math.min(outBatch, n0 + chunk);
      for (let n = n0; n < n1; n++) {
        // With batch groups, group g convolves its own slice of the input batch.
        const lhsBatch = params.batchGroupCount > 1 ? g * outBatch + n : n;
        gatherPatches(patches, n - n0, lhs, lhsBatch * lhsBatchStride + featureStart * lhsFeatureStride, geometry);
      }
      const rows = (n1 - n0) * positions;
      const sizes = { batch: 1, m: rows, k: depth, n: groupOut };
      if (!(product instanceof Int32Array)) matmulFloat(product, contiguousView(patches, rows, depth), weightView, sizes);
      else matmulInt(product, contiguousView(patches, rows, depth), weightView, sizes);
      for (let n = n0; n < n1; n++) {
        if (blockCopy) {
          const src = (n - n0) * positions * groupOut;
          out.set(product.subarray(src, src + positions * groupOut), n * outBatchStride);
          continue;
        }
        for (let p = 0; p < positions; p++) {
          const src = ((n - n0) * positions + p) * groupOut;
          const dst = n * outBatchStride + g * groupOut * outFeatureStride + outSpatialOffset[p]!;
          for (let o = 0; o < groupOut; o++) out[dst + o * outFeatureStride] = product[src + o]!;
        }
      }
    }
  }
  return out;
}

/**
 * The operand with its feature axis innermost, and the strides of its axes in that buffer:
 * gathering a patch then reads runs of consecutive features. A weight gradient convolves with
 * the batch as features (stride of a whole image), which would make every read a cache miss.
 */
function featuresInnermost(data: TypedArray, shape: Shape, featureAxis: number): [TypedArray, number[]] {
  const strides = stridesOf(shape);
  if (shape[featureAxis]! <= 1 || strides[featureAxis] === 1) return [data, strides];
  const order = [...shape.keys()].filter((a) => a !== featureAxis).concat(featureAxis);
  const orderedStrides = stridesOf(order.map((a) => shape[a]!));
  const copy = scratch("conv input", dtypeOfStorage(data), data.length);
  copyStrided(data, { offset: 0, strides: order.map((a) => strides[a]!) }, copy, { offset: 0, strides: orderedStrides }, order.map((a) => shape[a]!));
  const moved = new Array<number>(shape.length);
  order.forEach((a, i) => (moved[a] = orderedStrides[i]!));
  return [copy, moved];
}

/** What `gatherPatches` needs to know about the convolution's geometry. */
interface PatchGeometry {
  /** For (output position, window offset), the input element offset read there, or -1 for padding/holes. */
  readonly offsets: Int32Array;
  readonly inFeatures: number;
  readonly lhsFeatureStride: number;
}

/**
 * Writes the patch rows of one input batch element, the `slot`-th of the chunk: row p, column
 * (window offset, feature).
 */
function gatherPatches(patches: TypedArray, slot: number, lhs: TypedArray, lhsBase: number, geo: PatchGeometry): void {
  const { offsets, inFeatures, lhsFeatureStride } = geo;
  // Row p lists window offsets w in order, so (p, w) is entry p * windowSize + w of `offsets`.
  let dst = slot * offsets.length * inFeatures;
  if (inFeatures === 1) {
    // One feature (a grayscale image): one read per patch element, no inner loop.
    for (let q = 0; q < offsets.length; q++) {
      const offset = offsets[q]!;
      patches[dst + q] = offset < 0 ? 0 : lhs[lhsBase + offset]!;
    }
    return;
  }
  for (let q = 0; q < offsets.length; q++, dst += inFeatures) {
    const offset = offsets[q]!;
    if (offset < 0) {
      for (let i = 0; i < inFeatures; i++) patches[dst + i] = 0;
    } else {
      const src = lhsBase + offset;
      for (let i = 0; i < inFeatures; i++) patches[dst + i] = lhs[src + i * lhsFeatureStride]!;
    }
  }
}

/**
 * The input element offset (from the batch element's base) read at each (output position,
 * window offset), or -1 where the read lands in padding or between dilated input elements. It
 * has one entry per patch element of a batch element, so it is never larger than the patches.
 */
function patchOffsets(inputIndex: readonly Int32Array[], positionCoords: Int32Array, windowCoords: Int32Array, kernelShape: readonly number[], positions: number, windowSize: number): Int32Array {
  const spatialRank = kernelShape.length;
  const offsets = scratch("conv offsets", "int32", positions * windowSize);
  for (let p = 0; p < positions; p++) {
    for (let w = 0; w < windowSize; w++) {
      let offset = 0;
      for (let d = 0; d < spatialRank; d++) {
        const index = inputIndex[d]![positionCoords[p * spatialRank + d]! * kernelShape[d]! + windowCoords[w * spatialRank + d]!]!;
        if (index < 0) {
          offset = -1;
          break;
        }
        offset += index;
      }
      offsets[p * windowSize + w] = offset;
    }
  }
  return offsets;
}

/**
 * For each spatial axis, a table over (output coordinate, window offset) of the input element
 * offset read there, or -1 where the read lands in padding or between dilated input elements.
 */
function spatialTables(lhsShape: Shape, lhsStrides: readonly number[], params: ConvParams, kernelShape: readonly number[], outSpatial: readonly number[]): Int32Array[] {
  const dn = params.dimensionNumbers;
  return outSpatial.map((outSize, d) => {
    const axis = dn.lhs[2 + d]!;
    const inSize = lhsShape[axis]!;
    const window = kernelShape[d]!;
    const stride = params.windowStrides[d]!;
    const low = params.padding[d]![0];
    const lhsDilation = params.lhsDilation[d]!;
    const rhsDilation = params.rhsDilation[d]!;
    const table = new Int32Array(outSize * window);
    for (let o = 0; o < outSize; o++) {
      for (let t = 0; t < window; t++) {
        // Position in the dilated, padded input.
        const x = o * stride + t * rhsDilation - low;
        const valid = x >= 0 && x % lhsDilation === 0 && x / lhsDilation < inSize;
        table[o * window + t] = valid ? (x / lhsDilation) * lhsStrides[axis]! : -1;
      }
    }
    return table;
  });
}

/** All multi-indices of `shape` in row-major order, flattened: entry (i, d) at `i * rank + d`. */
function odometer(shape: readonly number[]): Int32Array {
  const rank = shape.length;
  const count = sizeOf(shape);
  const coords = new Int32Array(count * rank);
  const strides = stridesOf(shape);
  for (let i = 0; i < count; i++) {
    for (let d = 0; d < rank; d++) coords[i * rank + d] = Math.floor(i / strides[d]!) % shape[d]!;
  }
  return coords;
}

/**
 * The kernel as one [window x inFeatures, groupOut] matrix per group, stacked: entry
 * (g, w * inFeatures + i, o) is rhs[outFeature g * groupOut + o, inFeature i, window w].
 */
function kernelMatrices(
  rhs: TypedArray,
  rhsStrides: readonly number[],
  rhsAxes: readonly number[],
  windowCoords: Int32Array,
  windowSize: number,
  inFeatures: number,
  groups: number,
  groupOut: number,
  dtype: DType,
): TypedArray {
  const spatialRank = rhsAxes.length - 2;
  const depth = windowSize * inFeatures;
  const matrices = scratch("conv weights", dtype, groups * depth * groupOut);
  const outStride = rhsStrides[rhsAxes[0]!]!;
  const inStride = rhsStrides[rhsAxes[1]!]!;
  for (let w = 0; w < windowSize; w++) {
    let windowOffset = 0;
    for (let d = 0; d < spatialRank; d++) windowOffset += windowCoords[w * spatialRank + d]! * rhsStrides[rhsAxes[2 + d]!]!;
    for (let i = 0; i < inFeatures; i++) {
      const src = windowOffset + i * inStride;
      for (let g = 0; g < groups; g++) {
        const dst = (g * depth + w * inFeatures + i) * groupOut;
        for (let o = 0; o < groupOut; o++) matrices[dst + o] = rhs[src + (g * groupOut + o) * outStride]!;
      }
    }
  }
  return matrices;
}
