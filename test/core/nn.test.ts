import { describe, expect, it } from "vitest";
import * as nn from "../../core/nn.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { expectClose, itHasCases, loadFixture } from "../helpers.js";

const fixture = loadFixture("nn");
const f64 = (v: unknown) => np.array(v as number[], { dtype: "float64" });

describe("activations match jax.nn", () => {
  const functions: Record<string, (x: ArrayValue) => ArrayValue> = {
    ...(nn as unknown as Record<string, (x: ArrayValue) => ArrayValue>),
    geluTanh: (x) => nn.gelu(x),
    geluExact: (x) => nn.gelu(x, { approximate: false }),
  };
  itHasCases(Object.keys(fixture.activations ?? {}), "activations");
  for (const [name, expected] of Object.entries<number[]>(fixture.activations)) {
    it(name, () => {
      expectClose(functions[name]!(f64(fixture.x)), expected, { rtol: 1e-12, atol: 1e-14 });
      expect(functions[name]!(np.array(fixture.x)).dtype).toBe("float32");
    });
  }
});

it("exact gelu keeps precision for negative inputs in float32 (JAX: -0.02294940873980522 at -2.3324196)", () => {
  expectClose(nn.gelu(np.array([-2.3324196]), { approximate: false }), [-0.02294940873980522], { rtol: 1e-6, atol: 0 });
});

describe("normalizers match jax.nn", () => {
  it("softmax along the last axis and along axis 0", () => {
    expectClose(nn.softmax(f64(fixture.m)), fixture.softmax, { rtol: 1e-12 });
    expectClose(nn.softmax(f64(fixture.m), { axis: 0 }), fixture.softmaxAxis0, { rtol: 1e-12 });
  });
  it("logSoftmax and logsumexp", () => {
    expectClose(nn.logSoftmax(f64(fixture.m)), fixture.logSoftmax, { rtol: 1e-12 });
    expectClose(nn.logsumexp(f64(fixture.m), { axis: 1 }), fixture.logsumexp, { rtol: 1e-12 });
    expectClose(nn.logsumexp(f64(fixture.m)), [fixture.logsumexpAll], { rtol: 1e-12 });
  });
  it("logsumexp and logSoftmax stay finite for logits of magnitude 1e4, in float32 too", () => {
    for (const dtype of ["float32", "float64"] as const) {
      const big = np.array(fixture.big, { dtype });
      expectClose(nn.logsumexp(big, { axis: 1 }), fixture.bigLogsumexp, { rtol: 1e-6 });
      expectClose(nn.logSoftmax(big), fixture.bigLogSoftmax, { rtol: 1e-6 });
      expectClose(nn.softmax(big).sum({ axis: -1 }), [1, 1], { rtol: 1e-6 });
    }
  });
  it("the axis may be given positionally, as np.sum(x, 0) (jax.nn.softmax(x, 0) and friends, float32)", () => {
    const x = np.array([[1, 2], [3, 5]]);
    expectClose(nn.softmax(x, 0), [[0.11920291, 0.04742587], [0.880797, 0.95257413]], { rtol: 1e-6 });
    expectClose(nn.logSoftmax(x, 0), [[-2.126928, -3.0485873], [-0.12692805, -0.04858733]], { rtol: 1e-6 });
    expectClose(nn.logsumexp(x, 0), [3.126928, 5.0485873], { rtol: 1e-6 });
    expectClose(nn.logsumexp(x, [0, 1]), [nn.logsumexp(x).item() as number], { rtol: 1e-7 });
    expect(nn.softmax(x, 0).toArray()).toEqual(nn.softmax(x, { axis: 0 }).toArray());
    expect(nn.logSoftmax(x, [1]).toArray()).toEqual(nn.logSoftmax(x).toArray());
  });
  it("softmax of a row with +inf is all NaN, as JAX", () => {
    expect(nn.softmax(np.array([Infinity, 1, 2])).toArray()).toEqual([NaN, NaN, NaN]);
  });
  it("logsumexp of all -inf is -inf, and keepdims keeps the axis", () => {
    expect(nn.logsumexp(np.array([-Infinity, -Infinity])).item()).toBe(-Infinity);
    expect(nn.logsumexp(np.zeros([2, 3]), { axis: 1, keepdims: true }).shape).toEqual([2, 1]);
  });
  it("standardize gives zero mean and unit variance", () => {
    expectClose(nn.standardize(f64(fixture.m)), fixture.standardize, { rtol: 1e-9, atol: 1e-12 });
  });
  it("oneHot, with out-of-range indices as zero rows", () => {
    expect(nn.oneHot(np.array([0, 2, 5, -1], { dtype: "int32" }), 3).toArray()).toEqual(fixture.oneHot);
    expect(() => nn.oneHot(np.array([1], { dtype: "int32" }), -2)).toThrow(/nn\.oneHot: numClasses must be a non-negative integer/);
  });
});
