import { describe, expect, it } from "vitest";
import * as nn from "../../../core/nn.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import * as tree from "../../../core/tree.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { heNormal, lecunNormal } from "../../../models/init.js";
import { dense, mlp, type DenseParams } from "../../../models/layers/dense.js";
import { softmaxCrossEntropy } from "../../../models/losses.js";
import { expectClose } from "../../helpers.js";

const f64 = (values: number[][]) => np.array(values, { dtype: "float64" });

describe("dense", () => {
  it("init draws w [in, out] from its initializer (LeCun normal by default) and zero biases", () => {
    const layer = dense(3, 2);
    const params = layer.init(random.key(0));
    expect(params.w.shape).toEqual([3, 2]);
    expect(params.b!.toArray()).toEqual([0, 0]);
    const [weightKey] = random.split(random.key(0));
    expect(params.w.toArray()).toEqual(lecunNormal(weightKey!, [3, 2]).toArray());
    expect(dense(3, 2, { init: heNormal }).init(random.key(0)).w.toArray()).toEqual(heNormal(weightKey!, [3, 2]).toArray());
  });

  it("apply is x w + b, for one example and for a batch", () => {
    const layer = dense(2, 3);
    const params: DenseParams = { w: f64([[1, 2, 3], [4, 5, 6]]), b: np.array([0.5, 0, -1], { dtype: "float64" }) };
    expect(layer.apply(params, np.array([1, -1], { dtype: "float64" })).toArray()).toEqual([-2.5, -3, -4]);
    expect(layer.apply(params, f64([[1, 0], [0, 1]])).toArray()).toEqual([[1.5, 2, 2], [4.5, 5, 5]]);
  });

  it("without bias, params hold w alone", () => {
    const params = dense(2, 2, { bias: false }).init(random.key(1));
    expect(Object.keys(params)).toEqual(["w"]);
  });

  it("inputs with the wrong feature count are an error naming the shape (at trace time under jit)", () => {
    const layer = dense(4, 2);
    const params = layer.init(random.key(0));
    expect(() => layer.apply(params, np.zeros([3, 5]))).toThrow(/dense: input f32\[3,5\] must end with the layer's 4 input features/);
    expect(() => jit(layer.apply)(params, np.zeros([3, 5]))).toThrow(/dense: input f32\[3,5\]/);
    expect(() => dense(0, 2)).toThrow(/dense: inSize must be a positive integer, got 0/);
  });
});

describe("mlp", () => {
  const model = mlp([4, 8, 8, 3], nn.relu, { dtype: "float64" });
  const params = model.init(random.key(2));
  const x = random.normal(random.key(3), [5, 4], { dtype: "float64" });

  it("params are one dense record per layer, each initialized from its own key of split(key, layers)", () => {
    expect(params.map((p) => p.w.shape)).toEqual([[4, 8], [8, 8], [8, 3]]);
    const keys = random.split(random.key(2), 3);
    expect(params[1]!.w.toArray()).toEqual(dense(8, 8, { dtype: "float64" }).init(np.slice(keys, 1)).w.toArray());
    expect(params[0]!.w.dtype).toBe("float64");
  });

  it("apply is dense layers with the activation between them and none after the last", () => {
    const byHand = params.reduce((h: ArrayValue, p, i) => {
      const out = np.add(np.matmul(h, p.w), p.b!);
      return i < params.length - 1 ? nn.relu(out) : out;
    }, x);
    expectClose(model.apply(params, x), byHand.toArray(), { rtol: 1e-15, atol: 0 });
    const squashed = mlp([4, 8, 8, 3], nn.relu, { dtype: "float64", finalActivation: nn.sigmoid });
    expectClose(squashed.apply(params, x), nn.sigmoid(byHand).toArray(), { rtol: 1e-15, atol: 0 });
  });

  it("is pure and composes with jit, vmap (per example) and grad", () => {
    const direct = model.apply(params, x);
    expectClose(jit(model.apply)(params, x), direct.toArray(), { rtol: 1e-14, atol: 1e-15 });
    expectClose(vmap(model.apply, { inAxes: [null, 0] })(params, x), direct.toArray(), { rtol: 1e-14, atol: 1e-15 });
    const labels = np.array([0, 1, 2, 1, 0], { dtype: "int32" });
    const loss = (p: DenseParams[]) => softmaxCrossEntropy(model.apply(p, x), labels);
    const g = grad(loss)(params);
    expect(tree.treedefEq.equals(tree.structure(g), tree.structure(params))).toBe(true);
    const gj = jit(grad(loss))(params);
    tree.leaves(g).forEach((leaf, i) => expectClose(tree.leaves(gj)[i] as ArrayValue, (leaf as ArrayValue).toArray(), { rtol: 1e-12, atol: 1e-14 }));
    expect(model.apply(params, x).toArray()).toEqual(direct.toArray());
  });

  it("the gradient matches central finite differences in float64", () => {
    const labels = np.array([2, 0, 1, 1, 2], { dtype: "int32" });
    const small = mlp([4, 3, 3], np.tanh, { dtype: "float64" });
    const p = small.init(random.key(5));
    const loss = (q: DenseParams[]) => softmaxCrossEntropy(small.apply(q, x), labels);
    const g = grad(loss)(p)[0]!.w.toTypedArray();
    const base = p[0]!.w.toTypedArray() as Float64Array;
    const h = 1e-6;
    base.forEach((_, i) => {
      const at = (d: number) => {
        const w = Float64Array.from(base);
        w[i] = w[i]! + d;
        return loss([{ ...p[0]!, w: np.array(w, { shape: [4, 3] }) }, p[1]!]).item() as number;
      };
      expect(Math.abs((at(h) - at(-h)) / (2 * h) - g[i]!)).toBeLessThan(1e-8);
    });
  });

  it("needs at least two sizes and a function activation", () => {
    expect(() => mlp([3], nn.relu)).toThrow(/mlp: sizes must list at least the input and output sizes, got \[3\]/);
    expect(() => mlp([3, 2], "relu" as never)).toThrow(/mlp: activation must be a function/);
  });
});
