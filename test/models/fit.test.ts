import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import * as tree from "../../core/tree.js";
import { fit, type Optimizer, type StepInfo } from "../../models/fit.js";

type Linear = { w: ArrayValue; b: ArrayValue };

/** Plain gradient descent, written out so this test depends on fit alone. */
function descent(lr: number): Optimizer<Linear, { count: ArrayValue }> {
  return {
    init: () => ({ count: np.array(0, { dtype: "int32" }) }),
    update: (grads, state) => [tree.map(grads as never, (g: ArrayValue) => np.multiply(g, -lr)) as Linear, { count: np.add(state.count, 1) }],
  };
}

const x = np.array(Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7]), { dtype: "float64" });
const trueW = np.array([[1.5], [-2], [0.5]], { dtype: "float64" });
const y = np.add(np.matmul(x, trueW), 0.25);
const data = { x, y };
const mse = (p: Linear, batch: typeof data) => np.mean(np.square(np.subtract(np.add(np.matmul(batch.x, p.w), p.b), batch.y)));
const zeros: Linear = { w: np.zeros([3, 1], { dtype: "float64" }), b: np.zeros([1], { dtype: "float64" }) };

describe("fit", () => {
  it("full-batch gradient descent reaches the least-squares solution", () => {
    const { params, history } = fit({ loss: mse, params: zeros, optimizer: descent(0.5), data, steps: 3000, silent: true });
    expect(history.loss).toHaveLength(3000);
    expect(history.loss[2999]!).toBeLessThan(1e-10);
    expect(Array.from(params.w.toTypedArray())).toEqual([1.5, -2, 0.5].map((v) => expect.closeTo(v, 5)));
    expect(Number(params.b.item())).toBeCloseTo(0.25, 5);
  });

  it("minibatches: floor(n / batchSize) steps an epoch, a validation per epoch, onStep in order, the same result for the same key", () => {
    const seen: StepInfo[] = [];
    const run = (seed: number) =>
      fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, batchSize: 16, epochs: 3, key: random.key(seed), validate: (p) => Number(mse(p, data).item()), onStep: (s) => seen.push(s), silent: true });
    const first = run(1);
    expect(first.history.loss).toHaveLength(6);
    expect(first.history.validation).toHaveLength(3);
    expect(first.history.validation[2]!).toBeLessThan(first.history.validation[0]!);
    expect(seen.map((s) => [s.step, s.epoch])).toEqual([[1, 0], [2, 0], [3, 1], [4, 1], [5, 2], [6, 2]]);
    expect(Number(first.state.count.item())).toBe(6);
    expect(run(1).history.loss).toEqual(first.history.loss);
    expect(run(2).history.loss).not.toEqual(first.history.loss);
  });

  it("gives the same trajectory with and without jit, and leaves its inputs alone", () => {
    const before = Array.from(zeros.w.toTypedArray());
    const jitted = fit({ loss: mse, params: zeros, optimizer: descent(0.2), data, steps: 20, silent: true });
    const eager = fit({ loss: mse, params: zeros, optimizer: descent(0.2), data, steps: 20, silent: true, jit: false });
    expect(jitted.history.loss).toEqual(eager.history.loss.map((v) => expect.closeTo(v, 12)));
    expect(Array.from(zeros.w.toTypedArray())).toEqual(before);
  });

  it("accepts a batch function (steps required) and rejects unclear requests", () => {
    const result = fit({ loss: mse, params: zeros, optimizer: descent(0.1), batches: () => [data, data], steps: 5, silent: true });
    expect(result.history.loss).toHaveLength(5);
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, batches: () => [data], steps: 1 })).toThrow(/exactly one of `data`/);
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data })).toThrow(/`epochs` or `steps`/);
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, epochs: 1, batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, epochs: 1, batchSize: 8 })).toThrow(/needs a `key`/);
    const ragged = { x, y: np.zeros([39, 1], { dtype: "float64" }) };
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data: ragged, epochs: 1 })).toThrow(/same leading/);
  });
});
