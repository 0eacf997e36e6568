import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import * as tree from "../../core/tree.js";
import { fit, type Optimizer } from "../../models/fit.js";
import type { EpochReport, Reporter, StepReport } from "../../models/reporter.js";

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
    const { params, history } = fit({ loss: mse, params: zeros, optimizer: descent(0.5), data, steps: 3000 });
    expect(history.loss).toHaveLength(3000);
    expect(history.loss[2999]!).toBeLessThan(1e-10);
    expect(Array.from(params.w.toTypedArray())).toEqual([1.5, -2, 0.5].map((v) => expect.closeTo(v, 5)));
    expect(Number(params.b.item())).toBeCloseTo(0.25, 5);
  });

  it("minibatches: floor(n / batchSize) steps an epoch, a validation per epoch, steps reported in order, the same result for the same key", () => {
    const seen: StepReport[] = [];
    const run = (seed: number) =>
      fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, batchSize: 16, epochs: 3, key: random.key(seed), validate: (p) => Number(mse(p, data).item()), reporter: { step: (s) => seen.push(s) } });
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
    const jitted = fit({ loss: mse, params: zeros, optimizer: descent(0.2), data, steps: 20 });
    const eager = fit({ loss: mse, params: zeros, optimizer: descent(0.2), data, steps: 20, jit: false });
    expect(jitted.history.loss).toEqual(eager.history.loss.map((v) => expect.closeTo(v, 12)));
    expect(Array.from(zeros.w.toTypedArray())).toEqual(before);
  });

  it("accepts a batch function (steps required) and rejects unclear requests", () => {
    const result = fit({ loss: mse, params: zeros, optimizer: descent(0.1), batches: () => [data, data], steps: 5 });
    expect(result.history.loss).toHaveLength(5);
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, batches: () => [data], steps: 1 })).toThrow(/exactly one of `data`/);
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data })).toThrow(/`epochs` or `steps`/);
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, epochs: 1, batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, epochs: 1, batchSize: 8 })).toThrow(/needs a `key`/);
    const ragged = { x, y: np.zeros([39, 1], { dtype: "float64" }) };
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data: ragged, epochs: 1 })).toThrow(/same leading/);
  });

  it("tells the reporter of the start, every step, every epoch (with its validation) and the end, in order", () => {
    const events: string[] = [];
    const epochs: EpochReport[] = [];
    const steps: StepReport[] = [];
    const reporter: Reporter = {
      start: (r) => events.push(`start ${r.totalSteps}`),
      step: (r) => (events.push(`step ${r.step}`), steps.push(r)),
      epoch: (r) => (events.push(`epoch ${r.epoch} at ${r.step}`), epochs.push(r)),
      end: (r) => events.push(`end ${r.step}/${r.totalSteps} ${r.finished}`),
    };
    const result = fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, batchSize: 20, epochs: 2, key: random.key(0), validate: () => 0.5, reporter });
    expect(steps.map((r) => r.loss)).toEqual(result.history.loss);
    expect(steps.map((r) => [r.step, r.totalSteps, r.epoch])).toEqual([[1, 4, 0], [2, 4, 0], [3, 4, 1], [4, 4, 1]]);
    expect(events).toEqual(["start 4", "step 1", "step 2", "epoch 0 at 2", "step 3", "step 4", "epoch 1 at 4", "end 4/4 true"]);
    expect(epochs.map((r) => r.validation)).toEqual([0.5, 0.5]);
  });

  it("reports the end as unfinished when a step throws, and rethrows", () => {
    const ends: boolean[] = [];
    const exploding = () => {
      throw new Error("boom");
    };
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, steps: 3, validate: exploding, reporter: { end: (r) => ends.push(r.finished) } })).toThrow("boom");
    expect(ends).toEqual([false]);
  });

  it("reports nothing by default, and rejects a reporter that is not one, naming the bad part", () => {
    const logged: unknown[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void logged.push(args);
    try {
      fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, steps: 2 });
    } finally {
      console.log = log;
    }
    expect(logged).toEqual([]);
    const base = { loss: mse, params: zeros, optimizer: descent(0.1), data, steps: 1 };
    expect(() => fit({ ...base, reporter: (() => undefined) as never })).toThrow(/^tessera\.fit: reporter must be a reporter \(an object with optional start, step, epoch and end functions/);
    expect(() => fit({ ...base, reporter: { stpe: () => undefined } as never })).toThrow(/^tessera\.fit: reporter has an unknown key "stpe" \(did you mean "step"\?\)/);
    expect(() => fit({ ...base, reporter: { end: 3 } as never })).toThrow(/^tessera\.fit: reporter\.end must be a function, got 3/);
  });
});
