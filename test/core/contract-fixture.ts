/**
 * Shared by the contract-family tests: the fixture's types, the generator's deterministic
 * operands, and the comparison against a fixture's expected output.
 */
import { expect } from "vitest";
import { allocate, type DType } from "../../core/dtype.js";
import type { Padding } from "../../core/lax/contract.js";
import { NdArray, type ArrayValue } from "../../core/ndarray.js";
import { sizeOf } from "../../core/shape.js";
import { expectClose, loadFixture } from "../helpers.js";

/** An expected output: shape, dtype and values (non-finite values as strings). */
export interface Expected {
  shape: number[];
  dtype: DType;
  data: (number | string)[];
}

/** The layout of test/fixtures/contract.json. */
export interface ContractFixture {
  dotGeneral: { lhs: number[]; rhs: number[]; dtype: DType; dimensionNumbers: [[number[], number[]], [number[], number[]]]; out: Expected }[];
  conv: {
    lhs: number[];
    rhs: number[];
    dtype: DType;
    windowStrides: number[];
    padding: Padding;
    lhsDilation: number[];
    rhsDilation: number[];
    dimensionNumbers: [string, string, string];
    featureGroupCount: number;
    batchGroupCount: number;
    out: Expected;
  }[];
  reduceWindow: {
    computation: "sum" | "max" | "min";
    shape: number[];
    dtype: DType;
    windowDimensions: number[];
    windowStrides: number[];
    padding: Padding;
    baseDilation: number[] | null;
    windowDilation: number[] | null;
    out: Expected;
  }[];
  numpy: { fn: "matmul" | "dot" | "vdot" | "inner" | "outer" | "tensordot"; lhs: number[]; rhs: number[]; dtype: DType; axes: number | [number[], number[]] | null; out: Expected }[];
  einsum: { subscripts: string; shapes: number[][]; dtype: DType; out: Expected }[];
}

/** test/fixtures/contract.json. */
export const contractFixture = loadFixture<ContractFixture>("contract");

/** The generator's operand: ((i*7 + seed*13) % 23 - 11) / 8 (not divided for int32). */
export function operand(shape: readonly number[], dtype: DType = "float32", seed = 0): NdArray {
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) {
    const v = ((i * 7 + seed * 13) % 23) - 11;
    data[i] = dtype === "int32" ? v : v / 8;
  }
  return NdArray.fromBuffer(data, shape, dtype);
}

/** Asserts shape, dtype and values (1e-6 for float32, 1e-12 for float64). */
export function expectMatches(x: ArrayValue, expected: Expected): void {
  expect(x.shape).toEqual(expected.shape);
  expect(x.dtype).toBe(expected.dtype);
  const tolerance = expected.dtype === "float32" ? { rtol: 1e-6, atol: 1e-6 } : { rtol: 1e-12, atol: 1e-12 };
  expectClose(x, expected.data.map(Number), tolerance);
}
