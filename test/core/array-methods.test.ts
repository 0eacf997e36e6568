/**
 * The jax.Array methods: each forwards to the np function of the same meaning with the receiver
 * first (same values, same errors), and `mT` is the matrix transpose.
 */
import { describe, expect, it } from "vitest";
import { np, type ArrayValue } from "../../index.js";
import { expectReadableError } from "../misuse/case.js";

const x = np.array([[3, 1, 2], [0, 5, 4]]);
const same = (a: ArrayValue | ArrayValue[], b: ArrayValue | ArrayValue[]) => {
  const list = (v: ArrayValue | ArrayValue[]) => (Array.isArray(v) ? v : [v]);
  expect(list(a).map((v) => [v.dtype, v.shape, v.toArray()])).toEqual(list(b).map((v) => [v.dtype, v.shape, v.toArray()]));
};

describe("array methods", () => {
  it("forward to np with the receiver first", () => {
    same(x.prod(1), np.prod(x, 1));
    same(x.ptp({ axis: 0 }), np.ptp(x, { axis: 0 }));
    same(x.all(), np.all(x));
    same(x.any({ axis: 1, keepdims: true }), np.any(x, { axis: 1, keepdims: true }));
    same(x.var({ ddof: 1 }), np.var(x, { ddof: 1 }));
    same(x.std(0), np.std(x, 0));
    same(x.argmax(1), np.argmax(x, 1));
    same(x.argmin({ axis: 0, keepdims: true }), np.argmin(x, { axis: 0, keepdims: true }));
    same(x.cumsum(1), np.cumsum(x, 1));
    same(x.cumprod(), np.cumprod(x));
    same(x.sort(0), np.sort(x, 0));
    same(x.argsort({ descending: true }), np.argsort(x, { descending: true }));
    same(x.clip(1, 3), np.clip(x, 1, 3));
    same(x.clip(null, 2), np.clip(x, null, 2));
    same(np.array([1.25, 2.5]).round(1), np.round(np.array([1.25, 2.5]), 1));
    same(x.dot(x.T), np.dot(x, x.T));
    same(x.flatten(), np.ravel(x));
    same(x.ravel(), np.ravel(x));
    same(x.reshape(1, 2, 3).squeeze(0), x);
    same(x.swapaxes(0, 1), x.T);
    same(x.diagonal(), np.diagonal(x));
    same(x.trace(1), np.trace(x, 1));
    same(x.take([2, 0], 1), np.take(x, [2, 0], 1));
    same(x.repeat(2, 0), np.repeat(x, 2, 0));
    same(np.array([1, 3, 5]).searchsorted(np.array([2, 5]), "right"), np.searchsorted(np.array([1, 3, 5]), np.array([2, 5]), "right"));
    same(x.nonzero(), np.nonzero(x));
    same(x.prod({ dtype: "float64" }), np.prod(x, { dtype: "float64" }));
    same(x.max({ axis: 1, initial: 4 }), np.max(x, { axis: 1, initial: 4 }));
  });

  it("mT swaps the last two axes", () => {
    same(np.zeros([4, 2, 3]).mT, np.matrixTranspose(np.zeros([4, 2, 3])));
  });

  it("report errors under the np function's name, extra arguments included", () => {
    expectReadableError(() => x.argmax(5), "argmax", "out of range");
    expectReadableError(() => (x.clip as (...a: unknown[]) => unknown)(0, 1, 2), "clip");
    expectReadableError(() => (x.flatten as (...a: unknown[]) => unknown)(0), "ravel");
  });

  it("item gives a boolean for bool arrays and a number otherwise", () => {
    expect(np.array([true]).item()).toBe(true);
    expect(np.array([2], { dtype: "int32" }).item()).toBe(2);
  });
});
