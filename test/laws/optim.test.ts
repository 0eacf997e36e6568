import { describe, expect, it } from "vitest";
import * as np from "../../core/numpy/index.js";
import * as optim from "../../models/optim/index.js";
import {
  chainAssociative,
  chainIdentity,
  chainIsSequential,
  decreasesQuadratic,
  scheduleMatchesClosedForm,
  scheduleNonNegative,
  sgdZeroGradientsFixedPoint,
  treesEqual,
  type GradientSteps,
} from "../../laws/optim.js";
import {
  checkChainAssociative,
  checkChainIdentity,
  checkChainIsSequential,
  checkOptimizersDecreaseQuadratic,
  checkSchedulesMatchClosedForms,
  checkSchedulesNonNegative,
  checkSgdZeroGradientsFixedPoint,
} from "../../laws/optim-runners.js";

describe("optimizer laws", () => {
  it("chain is associative on random transformations and gradients (updates and states)", () => checkChainAssociative({ numRuns: 40 }));
  it("identity is a unit of chain on both sides", () => checkChainIdentity({ numRuns: 40 }));
  it("a chain applies its parts one after the other", () => checkChainIsSequential({ numRuns: 40 }));
  it("SGD with zero gradients is at a fixed point", () => checkSgdZeroGradientsFixedPoint({ numRuns: 30 }));
  it("every named optimizer at least halves a random convex quadratic", () => checkOptimizersDecreaseQuadratic({ numRuns: 5 }));
  it("schedules are non-negative", () => checkSchedulesNonNegative({ numRuns: 100 }));
  it("schedules match their closed forms", () => checkSchedulesMatchClosedForms({ numRuns: 100 }));
});

describe("the laws catch what breaks them", () => {
  const steps: GradientSteps = { params: { w: np.array([1, 2]) }, grads: [{ w: np.array([0.5, -1]) }, { w: np.array([2, 1]) }] };
  /** A custom transformation with a JS-number state: it scales the k-th step's updates by k. */
  const counting = optim.defineTransformation<optim.ConstantStates<{ readonly calls: number }>, "counting">(
    "counting",
    () => ({ calls: 0 }),
    (grads, state) => [optim.scale(state.calls + 1).update(grads, {})[0], { calls: state.calls + 1 }],
  );

  it("treesEqual tells structure and bits apart", () => {
    expect(treesEqual({ a: np.array([1]) }, { a: np.array([1]) }).ok).toBe(true);
    expect(treesEqual({ a: np.array([1]) }, { b: np.array([1]) })).toMatchObject({ ok: false, message: expect.stringMatching(/structure/) });
    expect(treesEqual({ a: np.array([0]) }, { a: np.array([-0]) })).toMatchObject({ ok: false });
  });

  it("the monoid laws hold with a custom stateful transformation", () => {
    expect(chainAssociative(counting, optim.trace({ decay: 0.5 }), optim.scale(2), steps).ok).toBe(true);
    expect(chainIdentity(counting, steps).ok).toBe(true);
    expect(chainIsSequential(counting, optim.clip(1), steps).ok).toBe(true);
  });

  it("the monoid laws fail for a unit that changes updates and for a concat that is not associative", () => {
    const notIdentity = optim.scale(1.5) as optim.AnyTransformation;
    expect(chainIdentity(counting, steps, { ...optim.chainMonoid, empty: notIdentity })).toMatchObject({ ok: false, message: expect.stringMatching(/chain\(identity, a\) versus a/) });
    const averaged = { ...optim.chainMonoid, concat: (x: optim.AnyTransformation, y: optim.AnyTransformation) => optim.chain(x, y, optim.scale(0.5)) };
    expect(chainAssociative(optim.scale(2), optim.scale(3), optim.clip(1), steps, averaged)).toMatchObject({ ok: false });
  });

  it("an optimizer going uphill does not decrease the quadratic", () => {
    const problem = { a: np.array([[2, 0], [0, 1]]), c: np.array([0, 0]), x0: np.array([1, 1]) };
    expect(decreasesQuadratic(optim.sgd({ learningRate: 0.1 }), problem, 20).ok).toBe(true);
    expect(decreasesQuadratic(optim.scale(0.1), problem, 20)).toMatchObject({ ok: false, message: expect.stringMatching(/f went from 1.5 to/) });
  });

  it("sgd with momentum is at a fixed point; a negative schedule and a wrong closed form are caught", () => {
    expect(sgdZeroGradientsFixedPoint({ learningRate: 0.1, momentum: 0.9 }, steps.params, 3).ok).toBe(true);
    expect(scheduleNonNegative(optim.linear({ initValue: 1, endValue: -1, transitionSteps: 10 }), [0, 5, 10])).toMatchObject({ ok: false, message: expect.stringMatching(/at step 10/) });
    expect(scheduleMatchesClosedForm(optim.constant(1), () => 1.01, [3], { rtol: 1e-6, atol: 0 })).toMatchObject({ ok: false });
  });
});
