/** Reading the random fixtures (test/fixtures/random.json) into arrays, shared by the sampler tests. */
import { allocate, type DType } from "../core/dtype.js";
import { NdArray } from "../core/ndarray.js";

/** A fixture's expected output: its shape, dtype name and values. */
export interface FixtureOut {
  shape: number[];
  dtype: string;
  values: (number | boolean)[];
}

const dtypeNames: Record<string, DType> = { float32: "float32", float64: "float64", int32: "int32", uint32: "uint32", bool: "bool" };

/** An NdArray from a fixture's {shape, dtype, values}. */
export function fromOut(o: FixtureOut): NdArray {
  const dtype = dtypeNames[o.dtype]!;
  const data = allocate(dtype, o.values.length);
  o.values.forEach((v, i) => (data[i] = Number(v)));
  return NdArray.fromBuffer(data, o.shape, dtype);
}

/** A raw key from its two uint32 words. */
export const keyOf = (words: readonly number[]): NdArray => NdArray.fromBuffer(Uint32Array.from(words), [2], "uint32");
