/**
 * Scratch buffers for kernels: working space a kernel fills and reads within one call (im2col
 * patches, partial products), kept between calls so a training step does not allocate it again.
 * Each buffer is named by its use, so two buffers of one kernel never alias; kernels never call
 * back into user code, so no call can see another's scratch. Nothing here is ever returned to a
 * caller: results are always fresh (or planned) buffers.
 */
import { allocate, type DType, type StorageOf } from "../dtype.js";

const pools = new Map<string, StorageOf[DType]>();

/** Releases every scratch buffer (see `clearCaches`); kernels allocate again on their next call. */
export function clearScratch(): void {
  pools.clear();
}

/** A buffer of exactly `length` elements of `dtype` for use inside one kernel call; its contents are garbage. */
export function scratch<D extends DType>(use: string, dtype: D, length: number): StorageOf[D] {
  const key = `${use}:${dtype}`;
  let buffer = pools.get(key) as StorageOf[D] | undefined;
  if (buffer === undefined || buffer.length < length) {
    buffer = allocate(dtype, length);
    pools.set(key, buffer);
  }
  return buffer.subarray(0, length) as StorageOf[D];
}
