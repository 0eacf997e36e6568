/**
 * conv1d and conv2d against flax.linen.Conv (test/fixtures/generate_layers_conv.py): outputs and
 * JAX's gradients for the same float64 params and inputs, then the transform laws, jit, vmap,
 * init and the errors.
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { gradMatchesFiniteDifferences, vjpMatchesJvp } from "../../../laws/transforms.js";
import { heNormal, lecunNormal } from "../../../models/init.js";
import { conv1d, conv2d, type ConvLayerOptions, type ConvParams } from "../../../models/layers/conv.js";
import { expectClose, loadFixture } from "../../helpers.js";

interface FixtureArray {
  shape: number[];
  dtype: "float64";
  data: number[];
}

interface ConvCase {
  name: string;
  factory: "conv1d" | "conv2d";
  inChannels: number;
  outChannels: number;
  kernelSize: number[];
  options: ConvLayerOptions;
  x: FixtureArray;
  w: FixtureArray;
  b?: FixtureArray;
  y: FixtureArray;
  gradX: FixtureArray;
  gradW: FixtureArray;
  gradB?: FixtureArray;
}

const cases = loadFixture<{ conv: ConvCase[] }>("layers_conv").conv;
const arrayOf = (a: FixtureArray) => np.array(a.data, { shape: a.shape, dtype: "float64" });
const factories = { conv1d, conv2d };
const tight = { rtol: 1e-10, atol: 1e-10 };

function setup(c: ConvCase) {
  const layer = factories[c.factory](c.inChannels, c.outChannels, c.kernelSize, { ...c.options, dtype: "float64" });
  const params: ConvParams = c.b === undefined ? { w: arrayOf(c.w) } : { w: arrayOf(c.w), b: arrayOf(c.b) };
  return { layer, params, x: arrayOf(c.x) };
}

describe("conv1d and conv2d match flax.linen.Conv", () => {
  for (const c of cases) {
    it(`${c.name}: output and gradients`, () => {
      const { layer, params, x } = setup(c);
      const y = layer.apply(params, x);
      expect(y.shape).toEqual(c.y.shape);
      expect(y.dtype).toBe("float64");
      expectClose(y, c.y.data, tight);
      const loss = (p: ConvParams, input: ArrayValue) => np.sum(np.sin(layer.apply(p, input)));
      const [gp, gx] = grad(loss, { argnums: [0, 1] })(params, x) as [ConvParams, ArrayValue];
      expectClose(gx, c.gradX.data, tight);
      expectClose(gp.w, c.gradW.data, tight);
      if (c.gradB !== undefined) expectClose(gp.b!, c.gradB.data, tight);
      expectClose(jit(layer.apply)(params, x), c.y.data, tight);
    });
  }
});

describe("conv layers under the transform laws (float64)", () => {
  const byName = (name: string) => setup(cases.find((c) => c.name === name)!);

  it("grad matches finite differences for conv2d (strided VALID) and conv1d (causal, dilated)", () => {
    for (const name of ["conv2d VALID, strides [2, 1]", "conv1d CAUSAL with dilation 2", "conv2d feature groups 2"]) {
      const { layer, params, x } = byName(name);
      const f = (w: ArrayValue, b: ArrayValue, input: ArrayValue) => np.sum(np.tanh(layer.apply({ w, b }, input)));
      const args = [params.w, params.b!, x];
      // Random directions through all three arguments at once (the whole standard basis is slow).
      const directions = Array.from({ length: 6 }, (_, d) => args.map((a, i) => random.normal(random.foldIn(random.key(d), i), a.shape, { dtype: "float64" })));
      expect(gradMatchesFiniteDifferences(f, args, { directions })).toEqual({ ok: true });
    }
  });

  it("vjp matches jvp (the dot-product test) with input dilation and groups", () => {
    for (const name of ["conv2d input dilation [2, 2], explicit padding", "conv1d depthwise (groups = channels)"]) {
      const { layer, params, x } = byName(name);
      const f = (w: ArrayValue, b: ArrayValue, input: ArrayValue) => layer.apply({ w, b }, input);
      const keys = random.split(random.key(7), 4);
      const draw = (i: number, shape: readonly number[]) => random.normal(np.slice(keys, i), shape, { dtype: "float64" });
      const out = f(params.w, params.b!, x);
      expect(vjpMatchesJvp(f, [params.w, params.b!, x], [draw(0, params.w.shape), draw(1, params.b!.shape), draw(2, x.shape)], [draw(3, out.shape)])).toEqual({ ok: true });
    }
  });

  it("vmap over examples equals the batched call", () => {
    const { layer, params, x } = byName("conv2d feature groups 2");
    const perExample = vmap((input: ArrayValue) => layer.apply(params, input))(x);
    expectClose(perExample, layer.apply(params, x).toArray(), tight);
  });
});

describe("conv layer init and options", () => {
  it("init draws w [...kernel, in / groups, out] from LeCun normal (flax's default) and a zero bias", () => {
    const params = conv2d(4, 6, [3, 2], { groups: 2 }).init(random.key(0));
    expect(params.w.shape).toEqual([3, 2, 2, 6]);
    expect(params.w.dtype).toBe("float32");
    expect(params.b!.toArray()).toEqual([0, 0, 0, 0, 0, 0]);
    const [weightKey] = random.split(random.key(0));
    expect(params.w.toArray()).toEqual(lecunNormal(weightKey!, [3, 2, 2, 6]).toArray());
    const plain = conv1d(2, 3, 5, { init: heNormal, bias: false, dtype: "float64" }).init(random.key(1));
    const [plainKey] = random.split(random.key(1));
    expect(Object.keys(plain)).toEqual(["w"]);
    expect(plain.w.toArray()).toEqual(heNormal(plainKey!, [5, 2, 3], { dtype: "float64" }).toArray());
  });

  it("float32 params with a float64 input compute in float64, as flax promotes", () => {
    const layer = conv1d(1, 1, 2, { padding: "VALID" });
    const params = { w: np.array([1, 2], { shape: [2, 1, 1] }), b: np.array([0.5]) };
    const y = layer.apply(params, np.array([1, 2, 3], { shape: [1, 3, 1], dtype: "float64" }));
    expect(y.dtype).toBe("float64");
    expect(y.toArray()).toEqual([[[5.5], [8.5]]]);
  });
});

describe("conv layer errors", () => {
  const layer = conv2d(3, 4, 3);
  const params = layer.init(random.key(0));

  it("inputs with the wrong channel count or rank are errors naming the shape (at trace time under jit)", () => {
    expect(() => layer.apply(params, np.zeros([2, 5, 5, 2]))).toThrow(/conv2d: input f32\[2,5,5,2\] must be \[batch\.\.\., height, width, channels\] with the layer's 3 input channels last/);
    expect(() => layer.apply(params, np.zeros([5, 3]))).toThrow(/conv2d: input f32\[5,3\] must be \[batch\.\.\., height, width, channels\]/);
    expect(() => jit(layer.apply)(params, np.zeros([2, 5, 5, 2]))).toThrow(/conv2d: input f32\[2,5,5,2\]/);
    expect(() => conv1d(2, 2, 3).apply(conv1d(2, 2, 3).init(random.key(0)), np.zeros([4, 2, 5]))).toThrow(/conv1d: input f32\[4,2,5\] must be \[batch\.\.\., length, channels\]/);
  });

  it("params of the wrong shape are errors", () => {
    expect(() => layer.apply({ ...params, w: np.zeros([3, 3, 4, 4]) }, np.zeros([1, 5, 5, 3]))).toThrow(/conv2d: params.w f32\[3,3,4,4\] must be \[3,3,3,4\]/);
    expect(() => layer.apply({ w: params.w }, np.zeros([1, 5, 5, 3]))).toThrow(/conv2d: params.b must be an array/);
    expect(() => layer.apply({ ...params, b: np.zeros([3]) }, np.zeros([1, 5, 5, 3]))).toThrow(/conv2d: params.b f32\[3\] must be \[4\]/);
  });

  it("a bad key or context is an error naming the layer", () => {
    expect(() => layer.init(undefined as never)).toThrow(/conv2d: expected a key/);
    expect(() => layer.apply(params, np.zeros([1, 5, 5, 3]), { training: true } as never)).toThrow(/conv2d: unknown option "training"/);
  });

  it("bad sizes and options are errors at construction", () => {
    expect(() => conv2d(4, 6, 3, { groups: 4 })).toThrow(/conv2d: groups 4 must divide both inChannels 4 and outChannels 6/);
    expect(() => conv2d(3, 4, [3, 3, 3])).toThrow(/conv2d: kernelSize \[3, 3, 3\] must have one entry per spatial axis \(2\)/);
    expect(() => conv2d(3, 4, 0)).toThrow(/conv2d: kernelSize must be a positive integer or a list of positive integers, got 0/);
    expect(() => conv2d(3, 4, 3, { strides: [1, 2, 1] })).toThrow(/conv2d: strides \[1, 2, 1\] must have one entry per spatial axis/);
    expect(() => conv2d(3, 4, 3, { padding: "CAUSAL" })).toThrow(/conv2d: padding "CAUSAL" is only for 1-D convolutions/);
    expect(() => conv2d(3, 4, 3, { padding: [[1, 1]] })).toThrow(/conv2d: padding \[\[1, 1\]\] must have one \[low, high\] pair per spatial axis \(2\)/);
    expect(() => conv2d(3, 4, 3, { inputDilation: 2 })).toThrow(/conv2d: padding "SAME" is not supported with inputDilation \[2, 2\]/);
    expect(() => conv2d(3, 4, 3, { padding: "same" as never })).toThrow(/conv2d: padding must be one of "SAME", "VALID", "CAUSAL"/);
    expect(() => conv2d(3, 4, 3, { stride: 2 } as never)).toThrow(/conv2d: .*did you mean "strides"\?/);
    expect(() => conv1d(0, 2, 3)).toThrow(/conv1d: inChannels must be a positive integer, got 0/);
  });
});
