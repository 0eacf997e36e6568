/**
 * JAX's positional forms that np accepts instead of ignoring (values from jax 0.10.2 on
 * x = arange(6).reshape(2, 3)), list arguments given as concrete arrays, and `null` options
 * meaning no options. The rejected forms are in test/misuse/np.cases.ts and exports-np.test.ts.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, np, type ArrayValue } from "../../../index.js";

const x = np.array([[0, 1, 2], [3, 4, 5]]);

describe("JAX's positional forms", () => {
  it("x.reshape(2, 3) is numpy's varargs reshape", () => {
    const flat = np.arange(6);
    expect(flat.reshape(2, 3).shape).toEqual([2, 3]);
    expect(flat.reshape(3, -1).toArray()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(flat.reshape([3, 2]).shape).toEqual([3, 2]);
    expect(flat.reshape(6).shape).toEqual([6]);
    expect(x.reshape(3, 2).toArray()).toEqual([[0, 1], [2, 3], [4, 5]]);
  });
  it("x.transpose(1, 0) is numpy's varargs transpose", () => {
    expect(x.transpose(1, 0).toArray()).toEqual(x.T.toArray());
    expect(x.transpose([1, 0]).toArray()).toEqual(x.T.toArray());
    expect(x.transpose().toArray()).toEqual(x.T.toArray());
  });
  it("a number or list in the options place is the axis", () => {
    expect(np.sum(x, 0).toArray()).toEqual([3, 5, 7]);
    expect(x.sum(1).toArray()).toEqual([3, 12]);
    expect(np.sum(x, [0, 1]).item()).toBe(15);
    expect(np.argmax(x, 1).toArray()).toEqual([2, 2]);
    expect(np.cumsum(x, 1).toArray()).toEqual([[0, 1, 3], [3, 7, 12]]);
    expect(np.mean(x, 0).toArray()).toEqual([1.5, 2.5, 3.5]);
    expect(np.flip(x, 1).toArray()).toEqual([[2, 1, 0], [5, 4, 3]]);
    expect(np.take(x, [2], 1).toArray()).toEqual([[2], [5]]);
  });
  it("np.concatenate([a, b], 1) and np.stack([a, b], 1) take the axis", () => {
    expect(np.concatenate([x, x], 1).shape).toEqual([2, 6]);
    expect(np.concatenate([x, x], 1).toArray()).toEqual(np.concatenate([x, x], { axis: 1 }).toArray());
    expect(np.stack([x, x], 1).shape).toEqual([2, 2, 3]);
  });
  it("a dtype string in the options place is the dtype", () => {
    expect(np.zeros([2, 3], "float64").dtype).toBe("float64");
    expect(np.full([2], 3, "int32").toArray()).toEqual([3, 3]);
    expect(np.array([1, 2], "int32").dtype).toBe("int32");
    expect(np.zerosLike(x, "bool").dtype).toBe("bool");
  });
  it("other positional options: decimals, k, offset, rtol, ord, mode, fullMatrices, UPLO", () => {
    expect(np.round(np.array([1.26, 2.54]), 1).toArray()).toEqual([Math.fround(1.3), Math.fround(2.5)]);
    expect(np.triu(np.ones([2, 2]), 1).toArray()).toEqual([[0, 1], [0, 0]]);
    expect(np.diagonal(x, 1).toArray()).toEqual([1, 5]);
    expect(np.trace(x, 1).item()).toBe(6);
    expect(np.allclose(x, np.add(x, 1), 1)).toBe(true);
    expect(np.allclose(x, np.add(x, 1))).toBe(false);
    expect(np.linalg.norm(x, "fro").item()).toBeCloseTo(Math.sqrt(55), 5);
    expect(np.linalg.qr(x, "r").shape).toEqual([2, 3]);
    const [u, s, vh] = np.linalg.svd(x, false);
    expect([u.shape, s.shape, vh.shape]).toEqual([[2, 2], [2], [2, 3]]);
    expect(np.linalg.eigh(np.array([[2, 1], [1, 2]]), "U")[0].toArray()).toEqual([1, 3]);
  });
});

describe("list arguments given as concrete arrays", () => {
  it("converts a concrete integer-valued array, as JAX does", () => {
    expect(np.transpose(x, np.array([1, 0]) as never).toArray()).toEqual(x.T.toArray());
    expect(np.tile(x, np.array([2, 1]) as never).shape).toEqual([4, 3]);
    expect(np.reshape(x, np.array([3, 2]) as never).shape).toEqual([3, 2]);
    expect(np.broadcastTo(np.array([1, 2, 3]), np.array([2, 3]) as never).shape).toEqual([2, 3]);
    expect(np.expandDims(x, np.array([0]) as never).shape).toEqual([1, 2, 3]);
  });
  it("a traced list argument is a concretization error; a JS list works under jit", () => {
    expect(() => jit((a: never, p: never) => np.transpose(a, p))(x as never, np.array([1, 0]) as never)).toThrow(/transpose: axes must be known before tracing/);
    expect(jit((a: typeof x) => np.transpose(a, [1, 0]))(x).toArray()).toEqual(x.T.toArray());
  });
});

describe("null options mean no options everywhere", () => {
  it("matches the call without options", () => {
    expect(np.sum(x, null).item()).toBe(15);
    expect(np.linalg.norm(x, null).item()).toBeCloseTo(Math.sqrt(55), 5);
    expect(np.linalg.qr(x, null)[1].toArray()).toEqual(np.linalg.qr(x)[1].toArray());
    // numpy's sort(x, None) flattens; in tessera null is "no options" (axis -1), and {axis: null} flattens.
    expect(np.sort(x, null).shape).toEqual([2, 3]);
    expect(np.sort(x, { axis: null }).shape).toEqual([6]);
  });
});

describe("checks compose with transforms", () => {
  it("positional axes work under grad", () => {
    const g = grad((a: typeof x) => np.sum(np.sum(np.multiply(a, a), 0)))(np.astype(x, "float32"));
    expect(g.toArray()).toEqual([[0, 2, 4], [6, 8, 10]]);
  });
  it("np.array copies a nested list: later edits of the list do not reach the array", () => {
    const list = [[1, 2], [3, 4]];
    const a = np.array(list);
    list[0]![0] = 99;
    expect(a.toArray()).toEqual([[1, 2], [3, 4]]);
  });
  it("booleans and numbers may mix in a nested list (a boolean is 0 or 1, as in JAX)", () => {
    expect(np.array([true, 2]).toArray()).toEqual([1, 2]);
    expect(np.array([true, false]).dtype).toBe("bool");
  });
});

describe("more positional forms JAX accepts (values from jax 0.10.2)", () => {
  it("np.eye(2, 3, 1) takes k positionally", () => {
    expect(np.eye(2, 3, 1).toArray()).toEqual([[0, 1, 0], [0, 0, 1]]);
    expect(np.eye(2, 3, 1).toArray()).toEqual(np.eye(2, 3, { k: 1 }).toArray());
    expect(np.eye(3, null, -1).toArray()).toEqual([[0, 0, 0], [1, 0, 0], [0, 1, 0]]);
  });
  it("np.full broadcasts an array fill value, keeping its dtype unless one is given", () => {
    const three = np.full([2], np.array(3, { dtype: "int32" }));
    expect(three.dtype).toBe("int32"); // jnp.full([2], jnp.array(3)) = [3 3] int32
    expect(three.toArray()).toEqual([3, 3]);
    const rows = np.full([2, 2], np.array([1, 2], { dtype: "int32" }), { dtype: "float32" });
    expect(rows.dtype).toBe("float32"); // jnp.full([2,2], jnp.array([1,2]), dtype=float32) = [[1. 2.] [1. 2.]]
    expect(rows.toArray()).toEqual([[1, 2], [1, 2]]);
    expect(np.full([2], np.array(true)).toArray()).toEqual([true, true]);
    expect(np.full(3, np.array(1.5), "float64").toArray()).toEqual([1.5, 1.5, 1.5]);
    expect(() => np.full([2], np.array([1, 2, 3]))).toThrow(/shape|broadcast/);
  });
  it("np.full with an array fill value is differentiable and traceable", () => {
    expect(grad((v: ArrayValue) => np.sum(np.full([2, 3], v)))(np.array(2)).item()).toBe(6);
    expect(jit((v: ArrayValue) => np.full([2], v))(np.array(4)).toArray()).toEqual([4, 4]);
  });
  it("np.arange(stop, {dtype}) and np.arange(start, stop, {dtype}) take the options after the last number", () => {
    const nine = np.arange(9, { dtype: "int32" });
    expect(nine.dtype).toBe("int32");
    expect(nine.toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const floats = np.arange(2, 9, { dtype: "float32" });
    expect(floats.dtype).toBe("float32"); // jnp.arange(2, 9, dtype=float32) = [2. ... 8.]
    expect(floats.toArray()).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(np.arange(5, { dtype: "float64" }).dtype).toBe("float64");
  });
});
