/**
 * core/numpy/arithmetic-more.ts against JAX 0.10.2 (test/fixtures/generate_numpy_arith.py):
 * values, dtypes and shapes in float32, float64 and int32, gradients in float64; and the
 * boolean/shape helpers and error cases checked directly.
 */
import { describe, expect, it } from "vitest";
import * as lax from "../../../core/lax/index.js";
import * as np from "../../../core/numpy/index.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import { jit, vmap } from "../../../transforms/index.js";
import { describeJaxCases } from "./jax-cases.js";

describeJaxCases("numpy_arith", "arithmetic, differences, convolution and vector products", (name) => {
  const [head, tail] = name.split(".");
  if (tail === undefined) return (np as unknown as Record<string, unknown>)[head!];
  return ((head === "lax" ? lax : np.linalg) as unknown as Record<string, unknown>)[tail];
});

describe("the shape helpers", () => {
  it("arrayEquiv broadcasts, then compares (jnp.array_equiv)", () => {
    expect(np.arrayEquiv(np.array([1, 2]), np.array([[1, 2], [1, 2]]))).toBe(true);
    expect(np.arrayEquiv(np.array([1, 2]), np.array([[1, 2], [1, 3]]))).toBe(false);
    expect(np.arrayEquiv(np.array([1, 2]), np.array([1, 2, 3]))).toBe(false);
    expect(np.arrayEquiv(np.array([NaN]), np.array([NaN]))).toBe(false);
    expect(np.arrayEquiv(3, np.array([3, 3]))).toBe(true);
  });
  it("broadcastShapes follows numpy's rules", () => {
    expect(np.broadcastShapes([2, 1], [3])).toEqual([2, 3]);
    expect(np.broadcastShapes([1], [0])).toEqual([0]);
    expect(np.broadcastShapes(4, [2, 1])).toEqual([2, 4]);
    expect(np.broadcastShapes()).toEqual([]);
    expect(() => np.broadcastShapes([2], [3])).toThrow(/broadcastShapes.*cannot be broadcast/);
  });
});

describe("the new functions reject what JAX rejects, naming the op", () => {
  const x = np.array([1.5, 2]);
  it("integers only for gcd and lcm", () => {
    expect(() => np.gcd(x, 2)).toThrow(/gcd.*must be integers/);
    expect(() => np.lcm(np.array([1]), np.array([1.5]))).toThrow(/lcm.*must be integers/);
  });
  it("1-D, non-empty inputs and a known mode for convolve and correlate", () => {
    expect(() => np.convolve(np.ones([2, 2]), x)).toThrow(/convolve.*1-D/);
    expect(() => np.correlate(np.zeros([0]), x)).toThrow(/correlate.*cannot be empty/);
    expect(() => np.convolve(x, x, "circular" as never)).toThrow(/convolve.*mode/);
  });
  it("matching axes for vecdot, matvec and vecmat", () => {
    expect(() => np.vecdot(np.ones([2, 3]), np.ones([2]))).toThrow(/vecdot.*axes must match/);
    expect(() => np.matvec(x, x)).toThrow(/matvec.*matrix/);
    expect(() => np.vecmat(np.ones([3]), np.ones([2, 2]))).toThrow(/matmul|vecmat/);
  });
  it("trapezoid takes x or dx", () => {
    expect(() => np.trapezoid(x, { x, dx: 2 })).toThrow(/trapezoid.*either x or dx/);
    expect(() => np.trapezoid(x, { dy: 2 } as never)).toThrow(/trapezoid.*unknown option/);
  });
});

describe("the set operations under jit and vmap", () => {
  const a = np.array([3, 1, 2, 5, 3, 9], { dtype: "int32" });
  const b = np.array([2, 3, 7, 7, 0], { dtype: "int32" });
  it("a static size makes them traceable, matching the eager result", () => {
    for (const f of [np.union1d, np.intersect1d, np.setdiff1d, np.setxor1d]) {
      const eager = f(a, b, { size: 6, fillValue: -1 });
      expect(jit((x: ArrayValue, y: ArrayValue) => f(x, y, { size: 6, fillValue: -1 }))(a, b).toArray()).toEqual(eager.toArray());
    }
    const rows = np.stack([a, np.flip(a)]);
    expect(vmap((x: ArrayValue) => np.intersect1d(x, b, { size: 3 }))(rows).toArray()).toEqual([[2, 3, 2], [2, 3, 2]]);
  });
  it("without a size a traced input is an error naming the op", () => {
    expect(() => jit((x: ArrayValue) => np.setdiff1d(x, b))(a)).toThrow(/setdiff1d.*static size/);
  });
  it("digitize and isin reject bad arguments", () => {
    expect(() => np.digitize(a, np.ones([2, 2]))).toThrow(/digitize.*1-D/);
    expect(() => np.isin(a, b, { invert: 1 } as never)).toThrow(/isin.*invert/);
    expect(() => np.union1d(a, b, { size: -1 })).toThrow(/union1d.*size/);
  });
  it("gradient rejects too-short axes and mismatched spacings", () => {
    expect(() => np.gradient(np.array([1]))).toThrow(/gradient.*at least 2/);
    expect(() => np.gradient(np.ones([3, 3]), { spacing: [1, 2, 3] })).toThrow(/gradient.*3 spacings for 2 axes/);
    expect(() => np.gradient(np.ones([3]), { spacing: np.ones([2]) })).toThrow(/gradient.*length 3/);
  });
  it("partition, argpartition and lexsort reject what JAX rejects", () => {
    expect(() => np.partition(np.ones([4]), 4)).toThrow(/partition.*4/);
    expect(() => np.argpartition(3, 0)).toThrow(/argpartition.*at least one axis/);
    expect(() => np.lexsort([])).toThrow(/lexsort.*non-empty/);
    expect(() => np.lexsort([np.ones([2]), np.ones([3])])).toThrow(/lexsort.*same shape/);
  });
});

describe("the set operations count NaNs as one value, as jnp.unique's equal_nan", () => {
  // Expected values from JAX 0.10.2: jnp.union1d / setdiff1d / setxor1d / intersect1d of
  // a = [1, nan, nan, 2] and b = [2, nan, 3].
  const a = np.array([1, NaN, NaN, 2]);
  const b = np.array([2, NaN, 3]);
  it("keeps one NaN per operand, and never finds NaN in the other operand", () => {
    expect(np.union1d(a, b).toArray()).toEqual([1, 2, 3, NaN]);
    expect(np.setdiff1d(a, b).toArray()).toEqual([1, NaN]);
    expect(np.setxor1d(a, b).toArray()).toEqual([1, 3, NaN, NaN]);
    expect(np.intersect1d(a, b).toArray()).toEqual([2]);
    expect(jit((x: ArrayValue, y: ArrayValue) => np.setdiff1d(x, y, { size: 3, fillValue: -1 }))(a, b).toArray()).toEqual([1, NaN, -1]);
  });
});
