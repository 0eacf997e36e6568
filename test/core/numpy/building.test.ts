/**
 * The array-building and editing functions (core/numpy/building.ts, core/numpy/editing.ts)
 * and jax.lax's slicing conveniences (core/lax/building.ts) against JAX 0.10.2
 * (test/fixtures/generate_numpy_building.py): values, dtypes and shapes in float32, float64 and
 * int32, and float64 gradients (of a list result through the concatenation of its raveled parts);
 * then the errors JAX raises, naming the op, and jit/vmap agreeing with eager.
 */
import { describe, expect, it } from "vitest";
import { lax, np, jit, vmap, type ArrayValue } from "../../../index.js";
import { describeJaxCases } from "./jax-cases.js";

const flat =
  (f: (...args: unknown[]) => ArrayValue[]) =>
  (...args: unknown[]): ArrayValue =>
    np.concatenate(f(...args).map((a) => np.ravel(a)));

describeJaxCases("numpy_building", "the array-building functions", (name) => {
  // "flat.<name>": a list result as one array; "lax.<name>": the lax namespace.
  const parts = name.split(".");
  const flattened = parts[0] === "flat";
  if (flattened) parts.shift();
  const namespace = (parts.length === 2 ? lax : np) as unknown as Record<string, unknown>;
  const f = namespace[parts[parts.length - 1]!];
  return flattened ? flat(f as (...args: unknown[]) => ArrayValue[]) : f;
});

describe("the array-building functions reject what JAX rejects, naming the op", () => {
  const x = np.ones([4, 3]);
  it("splits", () => {
    expect(() => np.hsplit(x, 2)).toThrow(/hsplit.*equal parts/);
    expect(() => np.vsplit(np.ones([3]), [1, 5])).not.toThrow();
    expect(() => np.dsplit(x, 2)).toThrow(/dsplit.*axis/);
    expect(() => np.arraySplit(x, 0)).toThrow(/arraySplit.*positive integer/);
    expect(() => np.arraySplit(x, 2, { axis: 2 })).toThrow(/arraySplit.*axis/);
  });
  it("unstack, broadcastArrays, append", () => {
    expect(() => np.unstack(np.array(1))).toThrow(/unstack.*rank > 0/);
    expect(() => np.broadcastArrays(np.ones([2]), np.ones([3]))).toThrow(/broadcastArrays/);
    expect(() => np.append(x, np.ones([4, 2]), { axis: 0 })).toThrow(/concatenate|append/);
    expect(() => np.append(x, x, { axes: 0 } as never)).toThrow(/append.*unknown option "axes"/);
  });
  it("tri, diagflat, vander, logspace, geomspace", () => {
    expect(() => np.tri(-1)).toThrow(/tri/);
    expect(() => np.tri(2, 2, { k: 0.5 })).toThrow(/tri.*k/);
    expect(() => np.diagflat(x, { k: "1" } as never)).toThrow(/diagflat/);
    expect(() => np.vander(x)).toThrow(/vander.*one-dimensional/);
    expect(() => np.vander(np.ones([3]), -1)).toThrow(/vander/);
    expect(() => np.logspace(0, Infinity, 3)).toThrow(/logspace.*stop/);
    expect(() => np.geomspace(1, 2, 3, { base: 2 } as never)).toThrow(/geomspace.*unknown option "base"/);
  });
});

describe("the editing functions reject what JAX rejects, naming the op", () => {
  const x = np.ones([3, 4]);
  const traced = (f: (a: ArrayValue) => ArrayValue) => () => jit(f)(np.array([1, 0, 1]));
  it("delete and insert need static positions", () => {
    expect(() => np.delete(x, 3, { axis: 0 })).toThrow(/delete.*out of range/);
    expect(() => np.delete(x, [true, false], 0)).toThrow(/delete.*boolean obj/);
    expect(() => np.delete(x, [0.5])).toThrow(/delete.*integers/);
    expect(traced((a) => np.delete(x, np.astype(a, "int32"), 0))).toThrow(/delete.*known before tracing/);
    expect(() => np.insert(x, [[1]] as never, 0)).toThrow(/insert.*one-dimensional/);
    expect(() => np.insert(x, [0, 1], np.ones([3]), 1)).toThrow(/insert.*2 indices/);
  });
  it("resize, block, trimZeros", () => {
    expect(() => np.resize(x, [-1])).toThrow(/resize/);
    expect(() => np.block([])).toThrow(/block.*empty/);
    expect(() => np.block([[x], x] as never)).toThrow(/block.*mismatched list depths/);
    expect(traced((a) => np.trimZeros(a))).toThrow(/trimZeros.*concrete/);
    expect(() => np.trimZeros(x, "x" as never)).toThrow(/trimZeros/);
  });
  it("compress, fillDiagonal, choose", () => {
    expect(() => np.compress(np.ones([2, 2]), x)).toThrow(/compress.*one-dimensional/);
    expect(() => np.compress(np.array([0, 0, 0, 1]), x, 0)).toThrow(/compress.*past the axis/);
    expect(() => np.compress(np.array([1, 0]), x, { axis: 0, size: 3 })).toThrow(/compress.*size/);
    expect(traced((a) => np.compress(a, np.ones([3])))).toThrow(/compress.*known before tracing/);
    expect(jit((a: ArrayValue) => np.compress(a, np.array([1, 2, 3]), { size: 2 }))(np.array([0, 1, 1])).toArray()).toEqual([2, 3]);
    expect(() => np.fillDiagonal(np.ones([3]), 1)).toThrow(/fillDiagonal.*2-D/);
    expect(() => np.fillDiagonal(np.ones([2, 2, 3]), 1)).toThrow(/fillDiagonal.*equal length/);
    expect(() => np.fillDiagonal(x, 1, { inplace: true } as never)).toThrow(/fillDiagonal.*inplace/);
    expect(() => np.fillDiagonal(x, 1, { wrap: true } as never)).toThrow(/fillDiagonal.*wrap/);
    const i = np.array([0, 2], { dtype: "int32" });
    expect(() => np.choose(i, [x, x])).toThrow(/choose.*out of range/);
    expect(() => np.choose(np.array([0, 1]), [x, x])).toThrow(/choose.*integer/);
    expect(() => np.choose(i, [])).toThrow(/choose.*non-empty/);
    expect(() => jit((j: ArrayValue) => np.choose(j, [np.ones([2]), np.zeros([2])]))(i)).toThrow(/choose.*"wrap" or "clip"/);
  });
});

describe("lax's slicing conveniences reject what JAX rejects, naming the op", () => {
  const x = np.ones([3, 4]);
  it("static indices and axes", () => {
    expect(() => lax.indexInDim(x, 3)).toThrow(/lax.indexInDim.*out of bounds/);
    expect(() => lax.sliceInDim(x, 0, 5, 1, 1)).toThrow(/lax.sliceInDim.*does not fit axis 1 of size 4/);
    expect(() => lax.collapse(x, 1, 0)).toThrow(/lax.collapse.*before/);
    expect(() => lax.dynamicSliceInDim(x, 0, 5, 1)).toThrow(/lax.dynamicSliceInDim.*sliceSize 5 exceeds axis 1/);
    expect(() => lax.unstack(np.array(1))).toThrow(/lax.unstack.*rank > 0/);
    expect(() => lax.broadcast(x, [-1])).toThrow(/lax.broadcast/);
    expect(() => lax.dynamicIndexInDim(x, 0, 2)).toThrow(/lax.dynamicIndexInDim.*axis/);
  });
  it("traced indices under jit, as eager", () => {
    const f = (i: ArrayValue) => lax.dynamicUpdateIndexInDim(x, np.zeros([3]), i, 1);
    const i = np.array(2, { dtype: "int32" });
    expect(jit(f)(i).toArray()).toEqual(f(i).toArray());
  });
});

describe("the array-building functions under jit and vmap", () => {
  const x = np.array([[1, -2, 3], [4, 5, -6]], { dtype: "float64" });
  it("jit equals eager", () => {
    const f = (a: ArrayValue) => np.add(np.stack(np.arraySplit(np.ravel(a), 3)), np.sum(np.vander(np.ravel(a), 2)));
    expect(jit(f)(x).toArray()).toEqual(f(x).toArray());
    const g = (a: ArrayValue) => np.append(np.diagflat(a), np.unstack(a)[1]!);
    expect(jit(g)(x).toArray()).toEqual(g(x).toArray());
  });
  it("vmap maps over rows as a loop would", () => {
    const f = (row: ArrayValue) => np.vander(row, 3, { increasing: true });
    const mapped = vmap(f)(x);
    expect(mapped.toArray()).toEqual(np.stack(np.unstack(x).map(f)).toArray());
  });
});
