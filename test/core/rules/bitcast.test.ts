/**
 * The `bitcastConvertType` primitive (core/rules/bitcast.ts) through lax.bitcastConvertType: its
 * values against JAX are in test/core/numpy/misc.test.ts (test/fixtures/numpy_misc.json); here,
 * its rules: the shape rule for width changes, a fresh buffer out of the kernel, a zero derivative
 * (as JAX), the batch axis under vmap (also on the axis a width change touches), and jit.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, jvp, lax, makeJaxpr, np, vmap, type ArrayValue } from "../../../index.js";

const f64 = (values: number[] | number[][]) => np.array(values, { dtype: "float64" });

describe("bitcastConvertType", () => {
  it("splits a float64 into [low, high] uint32 words and joins them back", () => {
    const x = f64([[1, -2.5], [0.1, Infinity]]);
    const words = lax.bitcastConvertType(x, "uint32");
    expect(words.shape).toEqual([2, 2, 2]);
    expect((words.toArray() as number[][][])[0]).toEqual([[0, 1072693248], [0, 3221487616]]);
    expect(lax.bitcastConvertType(words, "float64").toArray()).toEqual(x.toArray());
    expect(lax.bitcastConvertType(lax.bitcastConvertType(x, "float32"), "float64").toArray()).toEqual(x.toArray());
  });
  it("maps 32-bit dtypes element for element and leaves its input alone", () => {
    const x = np.array([1, -1], { dtype: "int32" });
    const y = lax.bitcastConvertType(x, "uint32");
    expect(y.toArray()).toEqual([1, 4294967295]);
    expect(lax.bitcastConvertType(y, "float32").toArray()).toEqual([2 ** -149, NaN]);
    expect(x.toArray()).toEqual([1, -1]);
    expect(lax.bitcastConvertType(x, "int32").toArray()).toEqual([1, -1]);
  });
  it("has a zero derivative, as JAX", () => {
    const f = (v: ArrayValue) => np.sum(np.astype(lax.bitcastConvertType(v, "int32"), "float32"));
    expect(grad(f)(np.array([1, 2])).toArray()).toEqual([0, 0]);
    const [, tangent] = jvp((v: ArrayValue) => lax.bitcastConvertType(v, "float32"), [np.array([1, 2])], [np.array([1, 1])]);
    expect((tangent as ArrayValue).toArray()).toEqual([0, 0]);
  });
  it("batches on any axis and stages under jit", () => {
    const x = f64([[1, 2, 3], [4, 5, 6]]);
    const words = (v: ArrayValue) => lax.bitcastConvertType(v, "int32");
    expect(vmap(words, { inAxes: 1 })(x).toArray()).toEqual(words(np.transpose(x)).toArray());
    const pairs = lax.bitcastConvertType(x, "uint32");
    // Mapping the pair axis itself leaves each slice without its pair: an error naming the op.
    expect(() => vmap((v: ArrayValue) => lax.bitcastConvertType(v, "float64"), { inAxes: 2 })(pairs)).toThrow(/bitcastConvertType.*last axis of 2/);
    expect(vmap((v: ArrayValue) => lax.bitcastConvertType(v, "float64"), { inAxes: 1 })(pairs).toArray()).toEqual(np.transpose(x).toArray());
    expect(jit(words)(x).toArray()).toEqual(words(x).toArray());
    expect(String(makeJaxpr(words)(x))).toMatch(/bitcastConvertType\[dtype=int32\]/);
  });
});
