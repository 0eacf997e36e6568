import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as optim from "../../../models/optim/index.js";
import { jit } from "../../../transforms/jit/jit.js";
import { expectClose } from "../../helpers.js";

const at = (schedule: optim.Schedule, steps: readonly number[]) => steps.map((t) => optim.valueAt(schedule, t));

describe("schedules by their closed forms", () => {
  it("piecewiseConstant: eta0, eta0/10, eta0/100, switching at each boundary", () => {
    const lr = optim.piecewiseConstant({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] });
    expectClose(at(lr, [0, 99, 100, 199, 200, 10_000]), [0.1, 0.1, 0.01, 0.01, 0.001, 0.001], { rtol: 1e-7 });
  });

  it("the sublinear decays eta0 / (1 + c t) and eta0 / sqrt(1 + c t)", () => {
    expectClose(at(optim.inverseTimeDecay({ initValue: 0.5, rate: 0.25 }), [0, 4, 12]), [0.5, 0.25, 0.125], { rtol: 1e-7 });
    expectClose(at(optim.inverseSqrtDecay({ initValue: 0.5, rate: 0.25 }), [0, 12, 60]), [0.5, 0.25, 0.125], { rtol: 1e-7 });
  });

  it("exponentialDecay, with staircase, a late start and a floor", () => {
    expectClose(at(optim.exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5 }), [0, 5, 10, 20]), [1, Math.SQRT1_2, 0.5, 0.25], { rtol: 1e-6 });
    const stairs = optim.exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5, transitionBegin: 5, staircase: true, endValue: 0.2 });
    expectClose(at(stairs, [0, 5, 14, 15, 25, 35, 1000]), [1, 1, 1, 0.5, 0.25, 0.2, 0.2], { rtol: 1e-6 });
  });

  it("cosineDecay and warmupCosineDecay", () => {
    expectClose(at(optim.cosineDecay({ initValue: 1, decaySteps: 100, alpha: 0.2 }), [0, 50, 100, 500]), [1, 0.6, 0.2, 0.2], { rtol: 1e-6 });
    const lr = optim.warmupCosineDecay({ initValue: 0.1, peakValue: 1, warmupSteps: 10, decaySteps: 110, endValue: 0.1 });
    expectClose(at(lr, [0, 5, 10, 60, 110, 1000]), [0.1, 0.55, 1, 0.55, 0.1, 0.1], { rtol: 1e-6 });
  });

  it("join hands each schedule the steps since its boundary", () => {
    const lr = optim.join([optim.constant(3), optim.linear({ initValue: 1, endValue: 0, transitionSteps: 4 }), optim.constant(7)], [2, 6]);
    expectClose(at(lr, [0, 1, 2, 3, 5, 6, 100]), [3, 3, 1, 0.75, 0.25, 7, 7]);
  });

  it("works on traced steps: one compiled program serves every step", () => {
    const lr = optim.warmupCosineDecay({ initValue: 0, peakValue: 1, warmupSteps: 10, decaySteps: 110 });
    const jitted = jit((step: ArrayValue) => lr(step));
    for (const t of [0, 5, 10, 60, 200]) expectClose(jitted(np.array(t, { dtype: "int32" })), optim.valueAt(lr, t), { rtol: 1e-7 });
    expect(jitted.cacheSize()).toBe(1);
  });

  it("rejects inconsistent settings with the op's name", () => {
    expect(() => optim.piecewiseConstant({ boundaries: [10], values: [1] })).toThrow(/piecewiseConstant: needs one more value than boundaries, got 1 values for 1 boundaries/);
    expect(() => optim.piecewiseConstant({ boundaries: [10, 5], values: [1, 2, 3] })).toThrow(/boundaries must increase, got \[10, 5\]/);
    expect(() => optim.exponentialDecay({ initValue: 1, transitionSteps: 0, decayRate: 0.5 })).toThrow(/transitionSteps must be a positive integer, got 0/);
    expect(() => optim.exponentialDecay({ initValue: 1, transitionSteps: 1, decayRate: 0 })).toThrow(/decayRate must be a positive finite number, got 0/);
    expect(() => optim.warmupCosineDecay({ initValue: 0, peakValue: 1, warmupSteps: 10, decaySteps: 10 })).toThrow(/decaySteps must be an integer greater than warmupSteps \(10\), got 10/);
    expect(() => optim.join([optim.constant(1)], [3])).toThrow(/join: needs one more schedule than boundaries/);
    expect(() => optim.inverseTimeDecay({ initValue: 1, rate: -1 })).toThrow(/rate must be a non-negative finite number, got -1/);
    expect(() => optim.valueAt(optim.constant(1), -1)).toThrow(/valueAt: the step must be a non-negative int32 integer, got -1/);
  });
});
