/**
 * JAX's other names for functions tessera has (np.around, fabs, the bitwise_* names, empty,
 * rollaxis, the cumulative and unique functions, np.linalg's array-API functions, nn.identity)
 * and the index helpers (diagIndices, indices, ix, maskIndices, tril/triuIndices, ravelMultiIndex,
 * unravelIndex) against JAX 0.10.2 (test/fixtures/generate_numpy_aliases.py): values, dtypes and shapes, and
 * gradients in float64. The unique functions' records are compared field by field in JAX's order.
 */
import { describe, expect, it } from "vitest";
import * as nn from "../../../core/nn.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { jit, vmap } from "../../../transforms/index.js";
import { expectReadableError } from "../../misuse/case.js";
import { describeJaxCases } from "./jax-cases.js";

const namespaces: Record<string, Record<string, unknown>> = { linalg: np.linalg, nn };
const fields: Record<string, readonly string[]> = {
  uniqueAll: ["values", "indices", "inverseIndices", "counts"],
  uniqueCounts: ["values", "counts"],
  uniqueInverse: ["values", "inverseIndices"],
};

describeJaxCases("numpy_aliases", "numpy's other names and index helpers", (name) => {
  const [head, tail] = name.split(".");
  // maskIndices.triu: maskIndices with np.triu as the mask function (functions do not travel in JSON).
  if (head === "maskIndices") return (n: number, k: number, options?: { size?: number }) => np.maskIndices(n, tail === "triu" ? np.triu : np.tril, k, options);
  const f = tail === undefined ? (np as unknown as Record<string, unknown>)[head!] : namespaces[head!]![tail];
  const order = fields[name];
  if (order === undefined || typeof f !== "function") return f;
  return (...args: unknown[]) => {
    const record = (f as (...a: unknown[]) => Record<string, unknown>)(...args);
    expect(Object.keys(record).sort()).toEqual([...order].sort());
    return order.map((k) => record[k]);
  };
});

describe("the other names reject what JAX rejects, naming the op", () => {
  const x = np.array([[1, 2, 3], [4, 5, 6]]);
  const reject = expectReadableError;
  it("the cumulative functions need an axis unless the input is 1-D, and reject scalars", () => {
    reject(() => np.cumulativeSum(x), "cumulativeSum", "axis must be given");
    reject(() => np.cumulativeProd(np.array(2)), "cumulativeProd", "at least one axis");
    reject(() => np.cumulativeSum(x, { axis: 2 }), "cumulativeSum", "axis");
    reject(() => np.cumulativeSum(x, { initial: 1 } as never), "cumulativeSum", "initial");
  });
  it("rollaxis's start must be in [-ndim, ndim]", () => {
    reject(() => np.rollaxis(x, 0, 3), "rollaxis", "start=3");
    reject(() => np.rollaxis(x, 2), "rollaxis", "axis");
  });
  it("the unique functions take only size and fillValue", () => {
    reject(() => np.uniqueValues(x, { equalNan: true } as never), "uniqueValues", "equalNan");
    reject(() => np.uniqueCounts(x, { size: -1 }), "uniqueCounts", "size");
  });
  it("np.linalg's array-API functions keep the standard's restrictions", () => {
    reject(() => np.linalg.cross(np.ones([2]), np.ones([2])), "linalg.cross", "size 3");
    reject(() => np.linalg.outer(x, np.ones([2])), "linalg.outer", "1-D");
    reject(() => np.linalg.trace(np.ones([3])), "linalg.trace", "2 axes");
    reject(() => np.linalg.diagonal(x, { axis1: 0 } as never), "linalg.diagonal", "axis1");
    reject(() => np.linalg.matrixTranspose(np.ones([3])), "matrixTranspose", "rank >= 2");
  });
  it("fabs rejects non-arrays", () => {
    reject(() => np.fabs("1" as never), "fabs");
  });
  it("the index helpers reject what JAX rejects", () => {
    reject(() => np.diagIndices(-1), "diagIndices", "n");
    reject(() => np.diagIndicesFrom(np.ones([2, 3])), "diagIndicesFrom", "one length");
    reject(() => np.diagIndicesFrom(np.ones([2])), "diagIndicesFrom", "at least 2 axes");
    reject(() => np.ix(np.ones([2, 2])), "ix", "1-D");
    reject(() => np.ix(np.array([true, false])), "ix", "bool");
    reject(() => np.trilIndicesFrom(np.ones([2, 2, 2])), "trilIndicesFrom", "2-D");
    reject(() => np.triuIndices(3, 0.5), "triuIndices", "k");
    reject(() => np.ravelMultiIndex([np.array([0, 3], { dtype: "int32" })], [3]), "ravelMultiIndex", "invalid entry");
    reject(() => np.ravelMultiIndex([np.array([0.5])], [3]), "ravelMultiIndex", "integer");
    reject(() => np.ravelMultiIndex([np.array([0], { dtype: "int32" })], [3, 4]), "ravelMultiIndex", "one index array per axis");
    reject(() => np.ravelMultiIndex([np.array([0], { dtype: "int32" })], [3], { mode: "raised" as never }), "ravelMultiIndex", "mode");
    reject(() => np.unravelIndex(np.array([1.5]), [3]), "unravelIndex", "integer");
    reject(() => np.indices([2, -1]), "indices", "dimensions[1]");
    reject(() => np.maskIndices(3, "triu" as never), "maskIndices", "function");
  });
  it("ravelMultiIndex's default mode needs concrete indices; wrap works under jit", () => {
    const flat = jit((i: ArrayValue) => np.ravelMultiIndex([i, i], [3, 4], { mode: "wrap" }));
    expect(flat(np.array([1, 5], { dtype: "int32" })).toArray()).toEqual([5, 9]);
    reject(() => jit((i: ArrayValue) => np.ravelMultiIndex([i], [3]))(np.array([1], { dtype: "int32" })), "ravelMultiIndex", "traced");
  });
});

describe("the other names and index helpers under transforms equal their eager results", () => {
  const x = np.array([[1, 2, 3], [4, 5, 6]], { dtype: "float64" });
  const ids = np.array([0, 7, 11, 12, -3], { dtype: "int32" });
  it("jit", () => {
    const same = (f: (a: ArrayValue) => unknown, a: ArrayValue) => expect(JSON.stringify(toLists(jit(f as (a: ArrayValue) => ArrayValue)(a)))).toBe(JSON.stringify(toLists(f(a))));
    same((a) => np.cumulativeProd(a, { axis: 1, includeInitial: true }), x);
    same((a) => np.uniqueCounts(a, { size: 4 }).counts, x);
    same((a) => np.unravelIndex(a, [3, 4]), ids);
    same((a) => np.ix(a, a), ids);
    same((a) => np.linalg.trace(a, { offset: 1 }), x);
  });
  it("vmap", () => {
    const rows = vmap((a: ArrayValue) => np.cumulativeSum(a, { includeInitial: true }))(x);
    expect(rows.toArray()).toEqual([[0, 1, 3, 6], [0, 4, 9, 15]]);
    const flat = vmap((a: ArrayValue) => np.ravelMultiIndex([a, a], [13, 13], { mode: "clip" }))(ids);
    expect(flat.toArray()).toEqual([0, 7 * 14, 11 * 14, 12 * 14, 0]);
  });
});

function toLists(v: unknown): unknown {
  return Array.isArray(v) ? v.map(toLists) : (v as ArrayValue).toArray();
}
