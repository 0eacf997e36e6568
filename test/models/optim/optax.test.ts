/**
 * Every named optimizer, building block and schedule against optax 0.2.8 (test/fixtures/optim.json,
 * written by generate_optim.py): the updates and the params after each of five steps from the same
 * params on the same gradients, and schedule values at fixed steps, to float32 rounding.
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as tree from "../../../core/tree.js";
import * as optim from "../../../models/optim/index.js";
import type { AnyTransformation, Schedule } from "../../../models/optim/index.js";
import { expectClose, itHasCases, loadFixture } from "../../helpers.js";

interface EncodedArray {
  readonly shape: number[];
  readonly data: number[];
}
interface Fixture {
  readonly params: unknown;
  readonly grads: unknown[];
  readonly optimizers: { name: string; updates: unknown[]; params: unknown[] }[];
  readonly steps: number[];
  readonly schedules: { name: string; values: number[] }[];
}

const fixture = loadFixture<Fixture>("optim");

const isEncoded = (x: unknown): x is EncodedArray => typeof x === "object" && x !== null && !Array.isArray(x) && "shape" in x && "data" in x;

/** A fixture tree with its `{shape, data}` leaves as float32 arrays. */
function decode(encoded: unknown): unknown {
  if (isEncoded(encoded)) return np.array(encoded.data, { shape: encoded.shape, dtype: "float32" });
  if (Array.isArray(encoded)) return encoded.map(decode);
  return Object.fromEntries(Object.entries(encoded as Record<string, unknown>).map(([k, v]) => [k, decode(v)]));
}

/** Leafwise closeness of a tree to a fixture tree (same structure, values within float32 rounding). */
function expectTreeClose(actual: unknown, expected: unknown, what: string): void {
  const want = decode(expected);
  expect(tree.treedefToString(tree.structure(actual)), `${what}: structure`).toBe(tree.treedefToString(tree.structure(want)));
  const got = tree.leaves(actual) as ArrayValue[];
  (tree.leaves(want) as ArrayValue[]).forEach((w, i) => {
    expect(got[i]!.shape, `${what}: leaf ${i} shape`).toEqual(w.shape);
    expectClose(got[i]!, w.toArray(), { rtol: 2e-6, atol: 1e-7 });
  });
}

const matricesOnly: optim.Mask = (leaf) => leaf.ndim >= 2;
const decayLr = optim.exponentialDecay({ initValue: 0.1, transitionSteps: 2, decayRate: 0.5 });

const optimizers: Record<string, AnyTransformation> = {
  sgd: optim.sgd({ learningRate: 0.1 }),
  "sgd momentum": optim.sgd({ learningRate: 0.1, momentum: 0.9 }),
  "sgd nesterov": optim.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true }),
  "sgd schedule": optim.sgd({ learningRate: decayLr }),
  adam: optim.adam({ learningRate: 0.01 }),
  "adam options": optim.adam({ learningRate: 0.01, b1: 0.8, b2: 0.99, eps: 1e-6, epsRoot: 1e-8 }),
  "adam schedule": optim.adam({ learningRate: decayLr }),
  adamw: optim.adamw({ learningRate: 0.01, weightDecay: 0.1 }),
  "adamw mask": optim.adamw({ learningRate: 0.01, weightDecay: 0.1, mask: matricesOnly }),
  rmsprop: optim.rmsprop({ learningRate: 0.01 }),
  "rmsprop options": optim.rmsprop({ learningRate: 0.01, decay: 0.95, eps: 1e-6, initialScale: 0.1, epsInSqrt: false, momentum: 0.9, nesterov: true }),
  adagrad: optim.adagrad({ learningRate: 0.1 }),
  "adagrad zero start": optim.adagrad({ learningRate: 0.1, initialAccumulatorValue: 0 }),
  scale: optim.scale(-0.3),
  scaleByLearningRate: optim.scaleByLearningRate(0.2),
  "scaleByLearningRate schedule": optim.scaleByLearningRate(decayLr),
  scaleByAdam: optim.scaleByAdam(),
  scaleByRms: optim.scaleByRms({ decay: 0.8 }),
  scaleByAdagrad: optim.scaleByAdagrad(),
  trace: optim.trace({ decay: 0.5 }),
  "trace nesterov": optim.trace({ decay: 0.5, nesterov: true }),
  addDecayedWeights: optim.addDecayedWeights(0.05),
  "addDecayedWeights mask": optim.addDecayedWeights(0.05, { mask: matricesOnly }),
  "addDecayedWeights schedule": optim.addDecayedWeights(decayLr),
  clipByGlobalNorm: optim.clipByGlobalNorm(1),
  clip: optim.clip(0.5),
  "masked trace": optim.masked(optim.trace({ decay: 0.5 }), { b: false, layers: true, w: true }),
  "clipByGlobalNorm adamw": optim.chain(optim.clipByGlobalNorm(1), optim.adamw({ learningRate: 0.01, weightDecay: 0.1 })),
};

const schedules: Record<string, Schedule> = {
  constant: optim.constant(0.1),
  piecewiseConstant: optim.piecewiseConstant({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] }),
  inverseTimeDecay: optim.inverseTimeDecay({ initValue: 0.1, rate: 0.05 }),
  inverseSqrtDecay: optim.inverseSqrtDecay({ initValue: 0.1, rate: 0.05 }),
  linear: optim.linear({ initValue: 1, endValue: 0.1, transitionSteps: 50, transitionBegin: 10 }),
  exponentialDecay: optim.exponentialDecay({ initValue: 0.1, transitionSteps: 10, decayRate: 0.5 }),
  "exponentialDecay staircase": optim.exponentialDecay({ initValue: 0.1, transitionSteps: 10, decayRate: 0.5, transitionBegin: 5, staircase: true, endValue: 0.01 }),
  "exponentialDecay growing": optim.exponentialDecay({ initValue: 0.1, transitionSteps: 10, decayRate: 1.5, endValue: 1 }),
  cosineDecay: optim.cosineDecay({ initValue: 0.1, decaySteps: 100 }),
  "cosineDecay options": optim.cosineDecay({ initValue: 0.1, decaySteps: 100, alpha: 0.1, exponent: 2 }),
  warmupCosineDecay: optim.warmupCosineDecay({ initValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 110, endValue: 0.001 }),
  join: optim.join([optim.linear({ initValue: 0, endValue: 0.1, transitionSteps: 10 }), optim.exponentialDecay({ initValue: 0.1, transitionSteps: 20, decayRate: 0.5 })], [10]),
};

describe("optimizers match optax step by step", () => {
  itHasCases(fixture.optimizers, "optimizer");
  it("covers every case of the fixture and no other", () => {
    expect(Object.keys(optimizers).sort()).toEqual(fixture.optimizers.map((c) => c.name).sort());
  });
  for (const { name, updates, params: expectedParams } of fixture.optimizers) {
    it(name, () => {
      const optimizer = optimizers[name]!;
      let params = decode(fixture.params);
      let state = optimizer.init(params);
      fixture.grads.forEach((encoded, step) => {
        const [u, next] = optimizer.update(decode(encoded), state, params);
        expectTreeClose(u, updates[step], `${name}, updates of step ${step}`);
        params = optim.applyUpdates(params, u);
        expectTreeClose(params, expectedParams[step], `${name}, params after step ${step}`);
        state = next;
      });
    });
  }
});

describe("schedules match optax", () => {
  itHasCases(fixture.schedules, "schedule");
  it("covers every case of the fixture and no other", () => {
    expect(Object.keys(schedules).sort()).toEqual(fixture.schedules.map((c) => c.name).sort());
  });
  for (const { name, values } of fixture.schedules) {
    it(name, () => {
      const got = fixture.steps.map((step) => optim.valueAt(schedules[name]!, step));
      expectClose(got, values, { rtol: 1e-6, atol: 1e-9 });
    });
  }
});
