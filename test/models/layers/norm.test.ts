import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { gradMatchesFiniteDifferences, vjpMatchesJvp, vmapMatchesStacking } from "../../../laws/transforms.js";
import { groupNorm, layerNorm, rmsNorm } from "../../../models/layers/norm.js";
import type { Module } from "../../../models/module.js";
import { jit } from "../../../transforms/index.js";
import { errorOf, expectClose, itHasCases } from "../../helpers.js";
import { arrayOf, fixture, recordOf, type FixtureArray } from "./layers-norm-fixture.js";

interface Case {
  name: string;
  features: number | number[];
  options: Record<string, unknown>;
  x: FixtureArray;
  params: Record<string, FixtureArray>;
  y: FixtureArray;
}

const tight = { rtol: 1e-10, atol: 1e-12 };
/** The one-pass variance of inputs near 1e4 is good to about 1e-8 whatever the summation order (batch-norm.test.ts). */
const toleranceOf = (name: string) => (name === "offsetFast" ? { rtol: 1e-6, atol: 1e-6 } : tight);
const f64 = (key: number, shape: number[]) => random.normal(random.key(key), shape, { dtype: "float64" });

const factories = {
  layerNorm: (c: Case) => layerNorm(c.features, { ...c.options, dtype: "float64" }),
  rmsNorm: (c: Case) => rmsNorm(c.features, { ...c.options, dtype: "float64" }),
  groupNorm: (c: Case) => groupNorm(c.features as number, { ...c.options, dtype: "float64" }),
} as const;

for (const [name, make] of Object.entries(factories)) {
  describe(`${name} agrees with flax.linen's (float64)`, () => {
    const cases = fixture[name] as Case[];
    itHasCases(cases, name);
    for (const c of cases) {
      it(`${c.name}: ${JSON.stringify(c.options)}`, () => {
        const layer = make(c) as Module<Record<string, ArrayValue>>;
        expectClose(layer.apply(recordOf(c.params), arrayOf(c.x)), c.y.data, toleranceOf(c.name));
        expectClose(jit(layer.apply)(recordOf(c.params), arrayOf(c.x)), c.y.data, toleranceOf(c.name));
      });
    }
  });
}

describe("layerNorm", () => {
  it("init gives ones and zeros of the feature shape, in the dtype; the two-pass variance is Flax's to 1e-10 on inputs near 1e4", () => {
    const params = layerNorm([3, 4]).init(random.key(0));
    expect(params.scale!.shape).toEqual([3, 4]);
    expect(params.bias!.dtype).toBe("float32");
    expect(Object.keys(layerNorm(4, { useBias: false }).init(random.key(0)))).toEqual(["scale"]);
    const c = (fixture.layerNorm as Case[]).find((k) => k.name === "offsetTwoPass")!;
    const run = (fastVariance: boolean) => layerNorm(c.features, { fastVariance, dtype: "float64" }).apply(recordOf(c.params), arrayOf(c.x));
    const gap = (y: ArrayValue) => Math.max(...(y.toArray() as number[][]).flat().map((v, i) => Math.abs(v - Number(c.y.data[i]))));
    expect(gap(run(false))).toBeLessThan(1e-10);
    expect(gap(run(true))).toBeGreaterThan(1e-10);
  });

  it("gradients match finite differences and vjp matches jvp; vmap over examples equals the batch", () => {
    const layer = layerNorm(4, { dtype: "float64" });
    const weights = f64(1, [3, 4]);
    const loss = (x: ArrayValue, scale: ArrayValue, bias: ArrayValue) => np.sum(np.multiply(layer.apply({ scale, bias }, x), weights));
    const [x, scale, bias] = [f64(2, [3, 4]), np.add(f64(3, [4]), 1), f64(4, [4])];
    expect(gradMatchesFiniteDifferences(loss, [x, scale, bias])).toEqual({ ok: true });
    const apply = (v: ArrayValue, s: ArrayValue) => layer.apply({ scale: s, bias }, v);
    expect(vjpMatchesJvp(apply, [x, scale], [f64(5, [3, 4]), f64(6, [4])], [f64(7, [3, 4])])).toEqual({ ok: true });
    const rows = [0, 1, 2].map((i) => [np.slice(x, i)]);
    expect(vmapMatchesStacking((v) => layer.apply({ scale, bias }, v), rows, [0], 0)).toEqual({ ok: true });
  });

  it("rejects inputs not ending with the feature shape, and bad features, with the layer's name", () => {
    const layer = layerNorm([3, 4]);
    const params = layer.init(random.key(0));
    expect(errorOf(() => layer.apply(params, np.zeros([2, 4, 3]))).message).toMatch(/layerNorm: input f32\[2,4,3\] must end with the layer's feature shape \[3,4\]/);
    expect(errorOf(() => layer.apply(params, np.zeros([4]))).message).toMatch(/layerNorm: input f32\[4\] must end with the layer's feature shape \[3,4\]/);
    expect(errorOf(() => layerNorm([])).message).toMatch(/layerNorm: features must be a positive integer or a non-empty list of them/);
    expect(errorOf(() => layerNorm(2.5)).message).toMatch(/layerNorm: features must be a positive integer/);
    expect(errorOf(() => layer.apply({ scale: np.ones([4]), bias: np.zeros([3, 4]) }, np.zeros([3, 4]))).message).toMatch(/layerNorm: params.scale f32\[4\] must have shape \[3,4\] for this layer/);
    expect(errorOf(() => layerNorm(4, { epsilon: -1 })).message).toMatch(/layerNorm: epsilon must be a positive finite number, got -1/);
    expect(errorOf(() => layer.apply(params, np.zeros([3, 4]), { train: 1 } as never)).message).toMatch(/layerNorm: train must be true or false/);
  });

  it("integer inputs are normalized as float32, as Flax promotes them", () => {
    const layer = layerNorm(3);
    const y = layer.apply(layer.init(random.key(0)), np.array([[1, 2, 3]], { dtype: "int32" }));
    expect(y.dtype).toBe("float32");
    expectClose(y, [[-Math.sqrt(1.5), 0, Math.sqrt(1.5)]], { rtol: 1e-5 });
  });
});

describe("rmsNorm", () => {
  it("has a scale only; gradients match finite differences", () => {
    const layer = rmsNorm(4, { dtype: "float64" });
    expect(Object.keys(layer.init(random.key(0)))).toEqual(["scale"]);
    expect(Object.keys(rmsNorm(4, { useScale: false }).init(random.key(0)))).toEqual([]);
    const weights = f64(1, [2, 4]);
    const loss = (x: ArrayValue, scale: ArrayValue) => np.sum(np.multiply(layer.apply({ scale }, x), weights));
    expect(gradMatchesFiniteDifferences(loss, [f64(2, [2, 4]), np.add(f64(3, [4]), 1)])).toEqual({ ok: true });
    expect(errorOf(() => rmsNorm(4, { useBias: false } as never)).message).toMatch(/rmsNorm: unknown option "useBias"/);
    expect(errorOf(() => layer.apply({ scale: np.ones([4]), bias: np.ones([4]) } as never, np.zeros([4]))).message).toMatch(/rmsNorm: params has a field "bias" this layer does not use/);
  });
});

describe("groupNorm", () => {
  it("gradients match finite differences and vjp matches jvp on NHWC images", () => {
    const layer = groupNorm(4, { groups: 2, dtype: "float64" });
    const weights = f64(1, [2, 2, 3, 4]);
    const loss = (x: ArrayValue, scale: ArrayValue, bias: ArrayValue) => np.sum(np.multiply(layer.apply({ scale, bias }, x), weights));
    const [x, scale, bias] = [f64(2, [2, 2, 3, 4]), np.add(f64(3, [4]), 1), f64(4, [4])];
    expect(gradMatchesFiniteDifferences(loss, [x, scale, bias])).toEqual({ ok: true });
    const apply = (v: ArrayValue, s: ArrayValue) => layer.apply({ scale: s, bias }, v);
    expect(vjpMatchesJvp(apply, [x, scale], [f64(5, [2, 2, 3, 4]), f64(6, [4])], [f64(7, [2, 2, 3, 4])])).toEqual({ ok: true });
  });

  it("one group is layer norm over all but the batch axis; groups of one channel are instance norm", () => {
    const x = f64(8, [2, 3, 4]);
    const params = { scale: np.ones([4], { dtype: "float64" }), bias: np.zeros([4], { dtype: "float64" }) };
    const whole = layerNorm([3, 4], { dtype: "float64" });
    expectClose(groupNorm(4, { groups: 1, dtype: "float64" }).apply(params, x), whole.apply(whole.init(random.key(0)), x).toArray(), { rtol: 1e-12, atol: 1e-12 });
    const mean = np.mean(x, { axis: 1, keepdims: true });
    const variance = np.var(x, { axis: 1, keepdims: true });
    const instance = np.divide(np.subtract(x, mean), np.sqrt(np.add(variance, 1e-6)));
    expectClose(groupNorm(4, { groupSize: 1, dtype: "float64" }).apply(params, x), instance.toArray(), { rtol: 1e-10, atol: 1e-12 });
  });

  it("rejects group counts that do not divide the channels, both options, and inputs of the wrong width", () => {
    expect(errorOf(() => groupNorm(6, { groups: 4 })).message).toMatch(/groupNorm: 4 groups must divide the 6 channels/);
    expect(errorOf(() => groupNorm(48)).message).toMatch(/groupNorm: 32 groups \(the default\) must divide the 48 channels; give groups or groupSize/);
    expect(errorOf(() => groupNorm(6, { groupSize: 4 })).message).toMatch(/groupNorm: groupSize 4 must divide the 6 channels/);
    expect(errorOf(() => groupNorm(6, { groups: 3, groupSize: 2 })).message).toMatch(/groupNorm: give groups or groupSize, not both/);
    expect(errorOf(() => groupNorm(6, { groups: 0 })).message).toMatch(/groupNorm: groups must be a positive integer, got 0/);
    const layer = groupNorm(4, { groups: 2 });
    expect(errorOf(() => layer.apply(layer.init(random.key(0)), np.zeros([2, 3]))).message).toMatch(/groupNorm: input f32\[2,3\] must end with the layer's 4 channels/);
  });
});
