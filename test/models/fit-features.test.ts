/** fit's per-step context, aux metrics and model state, named validation metrics, early stopping and checkpoints. */
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import * as tree from "../../core/tree.js";
import { grad } from "../../transforms/autodiff.js";
import { fit, type Optimizer } from "../../models/fit.js";
import type { EpochReport } from "../../models/reporter.js";

type Linear = { w: ArrayValue };

/** Plain gradient descent, written out so this test depends on fit alone. */
const descent = (lr: number): Optimizer<Linear, Record<string, never>> => ({
  init: () => ({}),
  update: (grads) => [tree.map(grads as never, (g: ArrayValue) => np.multiply(g, -lr)) as Linear, {}],
});

const x = np.array(Array.from({ length: 12 }, (_, i) => [Math.sin(i), (i % 5) / 5]), { dtype: "float64" });
const data = { x, y: np.matmul(x, np.array([[2], [-1]], { dtype: "float64" })) };
const mse = (p: Linear, batch: typeof data) => np.mean(np.square(np.subtract(np.matmul(batch.x, p.w), batch.y)));
const zeros: Linear = { w: np.zeros([2, 1], { dtype: "float64" }) };

describe("fit's loss context", () => {
  it("gives each step a fresh key folded from the fit key, and the step number; aux scalars become per-step metrics", () => {
    for (const jit of [true, false]) {
      const { history } = fit({
        loss: (p: Linear, batch: typeof data, ctx) => [mse(p, batch), { draw: random.uniform(ctx.key, [], { dtype: "float64" }), step: ctx.step }],
        params: zeros, optimizer: descent(0.1), data, batchSize: 4, epochs: 2, key: random.key(7), jit,
      });
      const lossKeys = random.foldIn(random.key(7), 0x1055);
      const expected = Array.from({ length: 6 }, (_, i) => random.uniform(random.foldIn(lossKeys, i), [], { dtype: "float64" }).item());
      expect(history.metrics.draw).toEqual(expected);
      expect(history.metrics.step).toEqual([0, 1, 2, 3, 4, 5]);
      expect(new Set(expected).size).toBe(6);
    }
  });

  it("threads the model state through the steps by aux.state, under jit", () => {
    const result = fit({
      loss: (p: Linear, batch: typeof data, ctx) => [mse(p, batch), { state: { seen: np.add(ctx.state.seen, np.array(batch.x.shape[0]!, { dtype: "int32" })) } }],
      params: zeros, optimizer: descent(0.1), modelState: { seen: np.array(0, { dtype: "int32" }) }, data, batchSize: 4, epochs: 3, key: random.key(0),
    });
    expect(result.modelState.seen.item()).toBe(36);
  });

  it("rejects a state without modelState, modelState without a returned state, and non-scalar metrics", () => {
    const base = { params: zeros, optimizer: descent(0.1), data, steps: 1 };
    expect(() => fit({ ...base, loss: (p: Linear, b: typeof data) => [mse(p, b), { state: 1 }] as never })).toThrow(/^tessera\.fit: loss returned a state but fit was given no modelState/);
    expect(() => fit({ ...base, modelState: { n: np.array(0) }, loss: (p: Linear, b: typeof data) => mse(p, b) })).toThrow(/^tessera\.fit: fit was given modelState, so loss must return \[loss, \{ state: nextState/);
    expect(() => fit({ ...base, loss: (p: Linear, b: typeof data) => [mse(p, b), { residuals: b.x }] })).toThrow(/^tessera\.fit: aux\.residuals is f64\[12,2\]; every aux entry but state is a metric and must be a scalar array/);
    expect(() => fit({ ...base, loss: (p: Linear, b: typeof data) => b.x.sum(0) })).toThrow(/^tessera\.fit: loss must return a scalar array \(or \[scalar, aux\]\), got f64\[2\]/);
  });
});

describe("fit's validation, early stopping and checkpoints", () => {
  it("records named validation metrics per epoch and reports them", () => {
    const epochs: EpochReport[] = [];
    const { history } = fit({
      loss: mse, params: zeros, optimizer: descent(0.1), data, epochs: 3,
      validate: (p) => ({ mse: Number(mse(p, data).item()), norm: Number(np.sum(np.square(p.w)).item()) }),
      reporter: { epoch: (r) => epochs.push(r) },
    });
    expect(Object.keys(history.validationMetrics)).toEqual(["mse", "norm"]);
    expect(history.validationMetrics.mse).toHaveLength(3);
    expect(history.validationMetrics.mse![2]!).toBeLessThan(history.validationMetrics.mse![0]!);
    expect(history.validation).toEqual([]);
    expect(epochs.map((e) => e.validationMetrics?.norm)).toEqual(history.validationMetrics.norm);
  });

  it("stops after `patience` epochs without improvement and returns the best epoch's params", () => {
    const scores = [3, 2, 2.5, 1.9999, 2.7, 2.8, 1];
    const seen: Linear[] = [];
    const validate = (p: Linear) => {
      seen.push(p);
      return scores[seen.length - 1]!;
    };
    const result = fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, epochs: 7, validate, earlyStopping: { patience: 2, mode: "min", minDelta: 0.01 } });
    // Epoch 3's 1.9999 is not better than 2 by minDelta, so epochs 2 and 3 use up the patience.
    expect(result.history.validation).toEqual([3, 2, 2.5, 1.9999]);
    expect(result.history.bestEpoch).toBe(1);
    expect(result.history.stoppedEarly).toBe(true);
    expect(result.history.loss).toHaveLength(4);
    expect(result.params.w.toArray()).toEqual(seen[1]!.w.toArray());
    const last = fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, epochs: 7, validate: (p) => Number(mse(p, data).item()), earlyStopping: { patience: 1, mode: "max", restoreBest: false } });
    expect(last.history.bestEpoch).toBe(0);
    expect(last.history.validation).toHaveLength(2);
    expect(last.params.w.toArray()).not.toEqual(zeros.w.toArray());
  });

  it("monitors one of several metrics by name, and says what is missing", () => {
    const validate = () => ({ a: 1, b: 2 });
    const base = { loss: mse, params: zeros, optimizer: descent(0.1), data, epochs: 3 };
    expect(fit({ ...base, validate, earlyStopping: { patience: 1, mode: "min", monitor: "b" } }).history.stoppedEarly).toBe(true);
    expect(() => fit({ ...base, validate, earlyStopping: { patience: 1, mode: "min" } })).toThrow(/^tessera\.fit: validate returns several metrics \(a, b\); earlyStopping needs monitor/);
    expect(() => fit({ ...base, validate, earlyStopping: { patience: 1, mode: "min", monitor: "c" } })).toThrow(/monitor is "c" but validate returned a, b/);
    expect(() => fit({ ...base, earlyStopping: { patience: 1, mode: "min" } })).toThrow(/^tessera\.fit: earlyStopping watches the validation: give validate too/);
    expect(() => fit({ ...base, validate, earlyStopping: { patience: 1 } as never })).toThrow(/earlyStopping.*mode/);
    expect(() => fit({ ...base, validate: () => "good" as never })).toThrow(/^tessera\.fit: validate must return a number or a record of numbers, got "good"/);
  });

  it("hands a snapshot to checkpoint.save every `every` steps and after the last", () => {
    const saved: { step: number; epoch: number; w: unknown }[] = [];
    const result = fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, steps: 10, checkpoint: { every: 3, save: (s) => saved.push({ step: s.step, epoch: s.epoch, w: s.params.w.toArray() }) } });
    expect(saved.map((s) => s.step)).toEqual([3, 6, 9, 10]);
    expect(saved.map((s) => s.epoch)).toEqual([2, 5, 8, 9]);
    expect(saved.at(-1)!.w).toEqual(result.params.w.toArray());
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, steps: 1, checkpoint: { every: 0, save: () => undefined } })).toThrow(/every must be a positive integer/);
  });
});

describe("fit's onEpoch", () => {
  it("is called after each epoch with the report, the params and the model state, after validation", () => {
    const seen: { epoch: number; validation?: number; w: unknown; seen: number }[] = [];
    const result = fit({
      loss: (p: Linear, batch: typeof data, ctx) => [mse(p, batch), { state: { seen: np.add(ctx.state.seen, 1) } }],
      params: zeros, optimizer: descent(0.1), modelState: { seen: np.array(0, { dtype: "int32" }) }, data, batchSize: 6, epochs: 3, key: random.key(0),
      validate: (p, state) => Number(mse(p, data).item()) + 1000 * Number(state.seen.item()),
      onEpoch: (report) => void seen.push({ epoch: report.epoch, validation: report.validation, w: report.params.w.toArray(), seen: Number(report.modelState.seen.item()) }),
    });
    expect(seen.map((s) => [s.epoch, s.seen])).toEqual([[0, 2], [1, 4], [2, 6]]);
    // validate saw the model state too: its value carries 1000 per step seen
    expect(seen.map((s) => Math.floor(s.validation! / 1000))).toEqual([2, 4, 6]);
    expect(seen.at(-1)!.w).toEqual(result.params.w.toArray());
    expect(result.history.stoppedEarly).toBe(false);
  });

  it("ends training when it returns \"stop\", and rejects any other answer", () => {
    const result = fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, batchSize: 4, epochs: 10, key: random.key(0), onEpoch: (r) => (r.epoch === 1 ? "stop" : undefined) });
    expect(result.history.loss.length).toBe(6);
    expect(result.history.stoppedEarly).toBe(true);
    const count = (c: ArrayValue, _b: typeof data): [ArrayValue, Record<string, ArrayValue>] => [np.add(c, 1), {}];
    const custom = fit({ step: count, carry: np.array(0), data, batchSize: 4, epochs: 5, key: random.key(0), onEpoch: (r) => (Number(r.carry.item()) >= 6 ? "stop" : undefined) });
    expect(custom.carry.item()).toBe(6);
    expect(() => fit({ loss: mse, params: zeros, optimizer: descent(0.1), data, steps: 2, onEpoch: (() => true) as never })).toThrow(/^tessera\.fit: onEpoch must return nothing or "stop", got true/);
  });
});

describe("fit with a custom step", () => {
  // Two players by alternating gradient steps on f(u, v) = (u - 1)^2 + (v + 2)^2 + u v / 2, each
  // with its own optimizer state: the minimum is where 2(u - 1) + v/2 = 0 and 2(v + 2) + u/2 = 0.
  const f = (u: ArrayValue, v: ArrayValue) => np.add(np.add(np.square(np.subtract(u, 1)), np.square(np.add(v, 2))), np.multiply(np.multiply(u, v), 0.5));
  type Carry = { u: ArrayValue; v: ArrayValue; moves: ArrayValue };
  const start: Carry = { u: np.array(0, { dtype: "float64" }), v: np.array(0, { dtype: "float64" }), moves: np.array(0, { dtype: "int32" }) };
  const step = (c: Carry, _batch: unknown, ctx: { step: ArrayValue }): [Carry, Record<string, ArrayValue>] => {
    const u = np.subtract(c.u, np.multiply(grad((a: ArrayValue) => f(a, c.v))(c.u), 0.2));
    const v = np.subtract(c.v, np.multiply(grad((b: ArrayValue) => f(u, b))(c.v), 0.2));
    return [{ u, v, moves: np.add(c.moves, 2) }, { loss: f(u, v), stepSeen: ctx.step.astype("float64") }];
  };

  it("runs the step over the batches, jitted or not, and records its metrics", () => {
    for (const jit of [true, false]) {
      const { carry, history } = fit({ step, carry: start, batches: () => [null, null], steps: 200, jit });
      // The stationarity equations 2u + v/2 = 2 and u/2 + 2v = -4.
      const [uStar, vStar] = solve2([[2, 0.5], [0.5, 2]], [2, -4]);
      expect(carry.u.item() as number).toBeCloseTo(uStar, 10);
      expect(carry.v.item() as number).toBeCloseTo(vStar, 10);
      expect(carry.moves.item()).toBe(400);
      expect(history.loss).toHaveLength(200);
      expect(history.metrics.stepSeen).toEqual(Array.from({ length: 200 }, (_, i) => i));
      expect(history.loss[199]!).toBeCloseTo(f(np.array(uStar, { dtype: "float64" }), np.array(vStar, { dtype: "float64" })).item() as number, 10);
    }
  });

  it("validates and stops early on the carry, and checks what it is given", () => {
    const result = fit({ step, carry: start, batches: () => [null], steps: 50, validate: (c) => Number(c.moves.item()), earlyStopping: { patience: 2, mode: "min" } });
    expect(result.history.validation).toEqual([2, 4, 6]);
    expect(result.carry.moves.item()).toBe(2);
    expect(() => fit({ step, carry: start, loss: mse, batches: () => [null], steps: 1 } as never)).toThrow(/^tessera\.fit: give either a loss \(with params and optimizer\) or a custom step \(with carry\), not both: loss given with step/);
    expect(() => fit({ step, batches: () => [null], steps: 1 } as never)).toThrow(/^tessera\.fit: a custom step needs carry/);
    expect(() => fit({ step: (c: Carry) => [c, { big: np.ones([2]) }] as const, carry: start, batches: () => [null], steps: 1 })).toThrow(/^tessera\.fit: metrics\.big is f32\[2\]; every metrics entry is a metric and must be a scalar array/);
    expect(() => fit({ step: (c: Carry) => c as never, carry: start, batches: () => [null], steps: 1 })).toThrow(/^tessera\.fit: step must return \[carry, metrics\]/);
  });
});

/** The solution of a 2x2 linear system (Cramer's rule). */
function solve2(a: number[][], b: number[]): [number, number] {
  const det = a[0]![0]! * a[1]![1]! - a[0]![1]! * a[1]![0]!;
  return [(b[0]! * a[1]![1]! - a[0]![1]! * b[1]!) / det, (a[0]![0]! * b[1]! - b[0]! * a[1]![0]!) / det];
}
