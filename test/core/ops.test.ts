/**
 * The ops segment reductions beyond the JAX fixture (test/core/numpy/numpy-more.test.ts): their
 * errors, segmentProd's gradient (closed form), and agreement under jit and vmap (a static
 * numSegments, traced ids).
 */
import { describe, expect, it } from "vitest";
import { grad, jit, np, ops, vmap, type ArrayValue } from "../../index.js";
import { expectReadableError } from "../misuse/case.js";

const data = np.array([[1, 2], [3, 4], [5, 6], [7, 8]]);
const ids = np.array([1, 0, 1, 3], { dtype: "int32" });

describe("ops segment reductions", () => {
  it("give the same values under jit, with traced ids and a static numSegments", () => {
    for (const f of [ops.segmentSum, ops.segmentProd, ops.segmentMax, ops.segmentMin]) {
      const jitted = jit((d: ArrayValue, s: ArrayValue) => f(d, s, 5));
      expect(jitted(data, ids).toArray()).toEqual(f(data, ids, 5).toArray());
    }
  });

  it("batch under vmap over data and ids", () => {
    const batch = np.stack([data, np.multiply(data, -1)]);
    const batchIds = np.stack([ids, np.array([0, 0, 2, 2], { dtype: "int32" })]);
    const mapped = vmap((d: ArrayValue, s: ArrayValue) => ops.segmentMax(d, s, 4))(batch, batchIds);
    expect(mapped.toArray()).toEqual([0, 1].map((i) => ops.segmentMax(np.slice(batch, i), np.slice(batchIds, i), 4).toArray()));
  });

  it("take numSegments positionally or as an option, and accept JAX's hints", () => {
    const expected = ops.segmentSum(data, ids, 4).toArray();
    expect(ops.segmentSum(data, ids, { numSegments: 4, indicesAreSorted: false, uniqueIndices: false }).toArray()).toEqual(expected);
    expect(ops.segmentSum(data, ids).toArray()).toEqual(expected);
  });

  it("segmentProd's gradient is the product of the segment's other rows (JAX has none without uniqueIndices)", () => {
    const d = np.array([2, -3, 0.5, 4, 0, 7], { dtype: "float64" });
    const s = np.array([0, 0, 0, 1, 1, 2], { dtype: "int32" });
    const g = grad((v: ArrayValue) => np.sum(ops.segmentProd(v, s, 3)))(d);
    // Segment 0: 2 * -3 * 0.5 = -3, so each entry's derivative is -3 / itself; segment 1 holds a zero.
    expect(g.toArray()).toEqual([-1.5, 1, -6, 0, 4, 1]);
  });

  it("reject what JAX rejects, naming the op", () => {
    expectReadableError(() => ops.segmentSum(np.array([true, false]), np.array([0, 0], { dtype: "int32" }), 2), "ops.segmentSum", "bool");
    expectReadableError(() => ops.segmentProd(np.array([true, false]), np.array([0, 0], { dtype: "int32" }), 2), "ops.segmentProd", "bool");
    expectReadableError(() => ops.segmentMax(data, np.array([0, 1, 0, 1]), 2), "segmentIds must be integers");
    expectReadableError(() => ops.segmentMax(data, np.array([0, 1], { dtype: "int32" }), 2), "one id per row");
    expectReadableError(() => ops.segmentMin(np.array(1), np.array(0, { dtype: "int32" }), 2), "leading axis");
    expectReadableError(() => ops.segmentSum(data, ids, -1), "numSegments");
    expectReadableError(() => ops.segmentSum(data, ids, { mode: "clip" } as never), 'unknown option "mode"');
    expectReadableError(() => jit((d: ArrayValue, s: ArrayValue) => ops.segmentSum(d, s))(data, ids), "pass numSegments");
    expectReadableError(() => ops.segmentSum(np.zeros([0]), np.zeros([0], { dtype: "int32" })), "empty segmentIds");
  });
});
