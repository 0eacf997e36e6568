import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { gradMatchesFiniteDifferences, vjpMatchesJvp } from "../../../laws/transforms.js";
import * as nn from "../../../core/nn.js";
import { fit } from "../../../models/fit.js";
import { batchNorm, type BatchNormOptions, type BatchNormState } from "../../../models/layers/batch-norm.js";
import { dense, type DenseParams } from "../../../models/layers/dense.js";
import { sequential } from "../../../models/module.js";
import { sgd } from "../../../models/optim/optimizers.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { errorOf, expectClose, itHasCases } from "../../helpers.js";
import { arrayOf, fixture, recordOf, type FixtureArray } from "./layers-norm-fixture.js";

interface Case {
  name: string;
  features: number;
  options: BatchNormOptions;
  x: FixtureArray;
  params: Record<string, FixtureArray>;
  state: Record<string, FixtureArray>;
  train: { y: FixtureArray; state: Record<string, FixtureArray> };
  eval: { y: FixtureArray };
}
const cases = fixture.batchNorm as Case[];
const tight = { rtol: 1e-10, atol: 1e-12 };
/**
 * The one-pass variance of inputs near 1e4 cancels two numbers near 1e8, so its last digits
 * depend on the summation order (XLA's or ours): about 1e-8 apart, the formula's own accuracy.
 */
const toleranceOf = (name: string) => (name === "offsetFast" ? { rtol: 1e-6, atol: 1e-6 } : tight);

describe("batchNorm agrees with flax.linen.BatchNorm (float64)", () => {
  itHasCases(cases, "batchNorm");
  for (const c of cases) {
    const layer = batchNorm(c.features, { ...c.options, dtype: "float64" });
    const params = recordOf(c.params);
    const state = recordOf(c.state) as unknown as BatchNormState;
    const x = arrayOf(c.x);

    it(`${c.name}: training normalizes with the batch statistics and updates the running ones`, () => {
      const [y, next] = layer.apply(params, x, { state, train: true });
      expectClose(y, c.train.y.data, toleranceOf(c.name));
      expectClose(next.mean, c.train.state.mean!.data, tight);
      expectClose(next.var, c.train.state.var!.data, toleranceOf(c.name));
      expect(next.mean.dtype).toBe("float64");
    });

    it(`${c.name}: inference normalizes with the running statistics and returns the state unchanged`, () => {
      const [y, next] = layer.apply(params, x, { state });
      expectClose(y, c.eval.y.data, tight);
      expect(next).toBe(state);
    });
  }

  it("fastVariance: false is the two-pass variance: Flax's to 1e-10 on inputs near 1e4, where the one-pass formula is not", () => {
    const c = cases.find((k) => k.name === "offsetTwoPass")!;
    const run = (fastVariance: boolean) => batchNorm(c.features, { fastVariance, dtype: "float64" }).apply(recordOf(c.params), arrayOf(c.x), { state: recordOf(c.state) as never, train: true })[0];
    const gap = (y: ArrayValue) => Math.max(...(y.toArray() as number[][]).flat().map((v, i) => Math.abs(v - Number(c.train.y.data[i]))));
    expect(gap(run(false))).toBeLessThan(1e-10);
    expect(gap(run(true))).toBeGreaterThan(1e-10);
  });
});

describe("batchNorm as a module", () => {
  const x = random.normal(random.key(1), [16, 3], { dtype: "float64" });

  it("init gives scale ones and bias zeros, initState mean zeros and var ones, in the dtype", () => {
    const layer = batchNorm(3);
    const params = layer.init(random.key(0));
    expect(params.scale!.toArray()).toEqual([1, 1, 1]);
    expect(params.bias!.toArray()).toEqual([0, 0, 0]);
    expect(params.scale!.dtype).toBe("float32");
    const state = layer.initState();
    expect([state.mean.toArray(), state.var.toArray()]).toEqual([[0, 0, 0], [1, 1, 1]]);
    expect(Object.keys(batchNorm(3, { useScale: false, useBias: false }).init(random.key(0)))).toEqual([]);
  });

  it("the state keeps its dtype when the input's is wider, so a jitted step's carry keeps its types", () => {
    const layer = batchNorm(3);
    const [y, next] = layer.apply(layer.init(random.key(0)), x, { state: layer.initState(), train: true });
    expect(y.dtype).toBe("float64");
    expect([next.mean.dtype, next.var.dtype]).toEqual(["float32", "float32"]);
  });

  it("jit equals eager, in training and inference", () => {
    const layer = batchNorm(3, { dtype: "float64", momentum: 0.9 });
    const params = { scale: np.array([1.5, 0.5, 2], { dtype: "float64" }), bias: np.array([0, 1, -1], { dtype: "float64" }) };
    const state = layer.initState();
    for (const train of [true, false]) {
      const step = (p: typeof params, s: BatchNormState, v: ArrayValue) => layer.apply(p, v, { state: s, train });
      const [y, next] = step(params, state, x);
      const [yj, nextj] = jit(step)(params, state, x);
      expectClose(yj, y.toArray(), { rtol: 1e-14, atol: 1e-14 });
      expectClose(nextj.mean, next.mean.toArray(), { rtol: 1e-14, atol: 1e-14 });
      expectClose(nextj.var, next.var.toArray(), { rtol: 1e-14, atol: 1e-14 });
    }
  });

  it("in inference, vmap over examples equals the batch (each example normalized by the running statistics alone)", () => {
    const layer = batchNorm(3, { dtype: "float64" });
    const params = layer.init(random.key(0));
    const state = { mean: np.array([0.5, -1, 0], { dtype: "float64" }), var: np.array([2, 0.5, 1], { dtype: "float64" }) };
    const perExample = vmap((row: ArrayValue) => layer.apply(params, row, { state })[0])(x);
    expectClose(perExample, layer.apply(params, x, { state })[0].toArray(), { rtol: 1e-15, atol: 0 });
  });

  it("gradients through the batch statistics match finite differences, and vjp matches jvp (float64)", () => {
    const layer = batchNorm(3, { dtype: "float64" });
    const state = layer.initState();
    const small = random.normal(random.key(2), [5, 3], { dtype: "float64" });
    const weights = random.normal(random.key(3), [5, 3], { dtype: "float64" });
    const loss = (v: ArrayValue, scale: ArrayValue, bias: ArrayValue) => np.sum(np.multiply(layer.apply({ scale, bias }, v, { state, train: true })[0], weights));
    const scale = np.array([1.5, 0.5, 2], { dtype: "float64" });
    const bias = np.array([0.1, 0.2, 0.3], { dtype: "float64" });
    expect(gradMatchesFiniteDifferences(loss, [small, scale, bias])).toEqual({ ok: true });
    const out = (v: ArrayValue, s: ArrayValue) => layer.apply({ scale: s, bias }, v, { state, train: true });
    const tangents = [random.normal(random.key(4), [5, 3], { dtype: "float64" }), random.normal(random.key(5), [3], { dtype: "float64" })];
    const cotangents = [random.normal(random.key(6), [5, 3], { dtype: "float64" }), random.normal(random.key(7), [3], { dtype: "float64" }), random.normal(random.key(8), [3], { dtype: "float64" })];
    expect(vjpMatchesJvp(out, [small, scale], tangents, cotangents)).toEqual({ ok: true });
    // the running statistics carry no gradient to the params (they are state, not a function of scale)
    const g = grad((s: ArrayValue) => np.sum(out(small, s)[1].mean))(scale);
    expect(g.toArray()).toEqual([0, 0, 0]);
  });

  it("threads its running statistics through models.fit's jitted steps as modelState", () => {
    const net = sequential(dense(2, 3, { dtype: "float64" }), batchNorm(3, { dtype: "float64", momentum: 0.9 }), nn.relu, dense(3, 1, { dtype: "float64" }));
    const params = net.init(random.key(0));
    const data = { x: random.normal(random.key(1), [8, 2], { dtype: "float64" }), y: random.normal(random.key(2), [8, 1], { dtype: "float64" }) };
    const result = fit({
      loss: (p, batch: typeof data, { state }) => {
        const [out, next] = net.apply(p, batch.x, { state, train: true });
        return [np.mean(np.square(np.subtract(out, batch.y))), { state: next }];
      },
      // learning rate 0: the first layer stays put, so every step sees the same batch statistics
      params, optimizer: sgd({ learningRate: 0 }), modelState: net.initState(), data, epochs: 3, key: random.key(3),
    });
    expect(result.history.loss.length).toBe(3);
    const h = dense(2, 3, { dtype: "float64" }).apply(params[0] as DenseParams, data.x);
    const decayed = 0.9 ** 3; // three steps of running = 0.9 running + 0.1 batch, from mean 0 and var 1
    const running = result.modelState[1] as BatchNormState;
    expectClose(running.mean, np.multiply(np.mean(h, { axis: 0 }), 1 - decayed).toArray(), { rtol: 1e-12, atol: 1e-14 });
    expectClose(running.var, np.add(np.multiply(np.var(h, { axis: 0 }), 1 - decayed), decayed).toArray(), { rtol: 1e-12, atol: 1e-14 });
    const [, evalState] = net.apply(result.params, data.x, { state: result.modelState });
    expect(evalState[1]).toBe(result.modelState[1]);
  });

  it("rejects wrong shapes, params, state and context with the layer's name", () => {
    const layer = batchNorm(3);
    const params = layer.init(random.key(0));
    const state = layer.initState();
    expect(errorOf(() => layer.apply(params, np.zeros([4, 2]), { state })).message).toMatch(/batchNorm: input f32\[4,2\] must have 3 features along axis -1/);
    expect(errorOf(() => batchNorm(4, { axis: 1 }).apply(batchNorm(4).init(random.key(0)), np.zeros([2, 3, 4]), { state: batchNorm(4).initState() })).message).toMatch(/batchNorm: input f32\[2,3,4\] must have 4 features along axis 1/);
    expect(errorOf(() => layer.apply(params, np.zeros([]), { state })).message).toMatch(/batchNorm: input f32\[\] must have a feature axis of 3/);
    expect(errorOf(() => layer.apply(params, np.zeros([2, 3]), {} as never)).message).toMatch(/batchNorm: is stateful: call apply\(params, x, \{ state, train\? \}\)/);
    expect(errorOf(() => layer.apply(params, np.zeros([2, 3]), { state, training: true } as never)).message).toMatch(/batchNorm: unknown option "training"/);
    expect(errorOf(() => layer.apply({ scale: params.scale! }, np.zeros([2, 3]), { state })).message).toMatch(/batchNorm: params.bias must be an array \(params is a BatchNormParams record \{scale, bias\}\), got undefined/);
    expect(errorOf(() => layer.apply({ ...params, extra: np.zeros([3]) } as never, np.zeros([2, 3]), { state })).message).toMatch(/batchNorm: params has a field "extra" this layer does not use/);
    expect(errorOf(() => layer.apply(params, np.zeros([2, 3]), { state: { mean: np.zeros([2]), var: np.ones([3]) } })).message).toMatch(/batchNorm: ctx.state.mean f32\[2\] must have shape \[3\] for this layer/);
    expect(errorOf(() => batchNorm(0)).message).toMatch(/batchNorm: features must be a positive integer, got 0/);
    expect(errorOf(() => batchNorm(3, { momentum: 1.5 })).message).toMatch(/batchNorm: momentum must be a number in \[0, 1\], got 1.5/);
    expect(errorOf(() => batchNorm(3, { epsilon: 0 })).message).toMatch(/batchNorm: epsilon must be a positive finite number, got 0/);
    expect(errorOf(() => batchNorm(3, { eps: 1e-3 } as never)).message).toMatch(/batchNorm: unknown option "eps"/);
    expect(errorOf(() => layer.init(42 as never)).message).toMatch(/batchNorm/);
  });
});
