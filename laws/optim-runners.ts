/**
 * fast-check runners for the optimizer laws (`laws/optim.ts`), with the arbitraries they draw
 * from: random building blocks, named optimizers and chains of them, random params with a few
 * steps of random gradients, random convex quadratics, and random schedules with their closed
 * forms.
 *
 * @example
 * ```ts no-run
 * import { it } from "vitest";
 * import { checkOptimLaws } from "tessera/laws"; // laws/index.ts
 * it("optimizer laws hold", () => checkOptimLaws());
 * ```
 */
import fc from "fast-check";
import { adoptBuffer } from "../core/ndarray.js";
import * as optim from "../models/optim/index.js";
import type { AnyTransformation, Schedule, SgdOptions } from "../models/optim/index.js";
import * as arb from "./arbitraries.js";
import {
  chainAssociative,
  chainIdentity,
  chainIsSequential,
  decreasesQuadratic,
  scheduleMatchesClosedForm,
  scheduleNonNegative,
  sgdZeroGradientsFixedPoint,
  type GradientSteps,
  type Quadratic,
} from "./optim.js";
import { checkLaw, type RunOptions } from "./runners.js";

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

/** A transformation and how it was made (for counterexamples). */
export interface TransformationCase {
  readonly description: string;
  readonly transformation: AnyTransformation;
}

const unit = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const learningRate: fc.Arbitrary<{ text: string; rate: optim.LearningRate }> = fc.oneof(
  unit(0, 1).map((rate) => ({ text: String(rate), rate })),
  fc.tuple(unit(0, 1), fc.integer({ min: 1, max: 5 })).map(([initValue, transitionSteps]) => ({
    text: `exponentialDecay(${initValue}, ${transitionSteps}, 0.5)`,
    rate: optim.exponentialDecay({ initValue, transitionSteps, decayRate: 0.5 }),
  })),
);

const matricesOnly: optim.Mask = (leaf) => leaf.ndim >= 2;

/** One building block with random hyperparameters (`masked` and `addDecayedWeights` with a mask included). */
export const buildingBlocks: fc.Arbitrary<TransformationCase> = fc.oneof(
  unit(-2, 2).map((f) => ({ description: `scale(${f})`, transformation: optim.scale(f) })),
  learningRate.map(({ text, rate }) => ({ description: `scaleByLearningRate(${text})`, transformation: optim.scaleByLearningRate(rate) })),
  fc.tuple(unit(0, 0.99), unit(0, 0.999)).map(([b1, b2]) => ({ description: `scaleByAdam(b1 ${b1}, b2 ${b2})`, transformation: optim.scaleByAdam({ b1, b2 }) })),
  fc.tuple(unit(0, 0.99), fc.boolean()).map(([decay, epsInSqrt]) => ({ description: `scaleByRms(${decay}, epsInSqrt ${epsInSqrt})`, transformation: optim.scaleByRms({ decay, epsInSqrt }) })),
  unit(0, 1).map((initialAccumulatorValue) => ({ description: `scaleByAdagrad(${initialAccumulatorValue})`, transformation: optim.scaleByAdagrad({ initialAccumulatorValue }) })),
  fc.tuple(unit(0, 0.99), fc.boolean()).map(([decay, nesterov]) => ({ description: `trace(${decay}, nesterov ${nesterov})`, transformation: optim.trace({ decay, nesterov }) })),
  fc.tuple(unit(0, 0.5), fc.boolean()).map(([wd, mask]) => ({
    description: `addDecayedWeights(${wd}${mask ? ", matrices only" : ""})`,
    transformation: optim.addDecayedWeights(wd, mask ? { mask: matricesOnly } : {}),
  })),
  unit(0.01, 10).map((maxNorm) => ({ description: `clipByGlobalNorm(${maxNorm})`, transformation: optim.clipByGlobalNorm(maxNorm) })),
  unit(0, 2).map((maxDelta) => ({ description: `clip(${maxDelta})`, transformation: optim.clip(maxDelta) })),
  unit(0, 0.99).map((decay) => ({ description: `masked(trace(${decay}), matrices only)`, transformation: optim.masked(optim.trace({ decay }), matricesOnly) })),
);

/** A named optimizer with random settings. */
export const namedOptimizers: fc.Arbitrary<TransformationCase> = fc.oneof(
  fc.tuple(learningRate, fc.option(unit(0, 0.99), { nil: undefined }), fc.boolean()).map(([{ text, rate }, momentum, nesterov]) => ({
    description: `sgd(${text}, momentum ${momentum}, nesterov ${nesterov})`,
    transformation: (momentum === undefined ? optim.sgd({ learningRate: rate }) : optim.sgd({ learningRate: rate, momentum, nesterov })) as AnyTransformation,
  })),
  learningRate.map(({ text, rate }) => ({ description: `adam(${text})`, transformation: optim.adam({ learningRate: rate }) })),
  fc.tuple(learningRate, unit(0, 0.1)).map(([{ text, rate }, weightDecay]) => ({
    description: `adamw(${text}, ${weightDecay}, matrices only)`,
    transformation: optim.adamw({ learningRate: rate, weightDecay, mask: matricesOnly }),
  })),
  learningRate.map(({ text, rate }) => ({ description: `rmsprop(${text}, momentum 0.5)`, transformation: optim.rmsprop({ learningRate: rate, momentum: 0.5 }) as AnyTransformation })),
  learningRate.map(({ text, rate }) => ({ description: `adagrad(${text})`, transformation: optim.adagrad({ learningRate: rate }) })),
);

/** A building block, a named optimizer, or a chain of up to three of these (`identity` among them). */
export const transformationCases: fc.Arbitrary<TransformationCase> = fc.oneof(
  buildingBlocks,
  namedOptimizers,
  fc.constant({ description: "identity", transformation: optim.identity() as AnyTransformation }),
  fc.array(fc.oneof(buildingBlocks, namedOptimizers), { maxLength: 3 }).map((parts) => ({
    description: `chain(${parts.map((p) => p.description).join(", ")})`,
    transformation: optim.chain(...parts.map((p) => p.transformation)) as AnyTransformation,
  })),
);

/**
 * Params (a record of float32 arrays, one of them in a nested list, matrices among them) and
 * `numSteps` (default 3) trees of gradients of the same shapes.
 */
export function gradientSteps(numSteps = 3): fc.Arbitrary<GradientSteps> {
  const shapes = fc.array(arb.shape({ maxRank: 2, maxDim: 3 }), { minLength: 1, maxLength: 3 });
  return shapes.chain((list) => {
    const treeOf = fc.tuple(...list.map((s) => arb.arrayOf(s, "float32", { min: -3, max: 3 }))).map((leaves) => ({
      first: leaves[0]!,
      layers: leaves.slice(1).map((w) => ({ w })),
    }));
    return fc.tuple(treeOf, fc.array(treeOf, { minLength: numSteps, maxLength: numSteps })).map(([params, grads]) => ({ params, grads }));
  });
}

/**
 * Random quadratics in 1 to 4 dimensions: `A = BᵀB / n + I / 2` (eigenvalues between 1/2 and about
 * n + 1/2), a minimizer `c` in [-1, 1]ⁿ and a start at distance 1 to 2 from it.
 */
export const quadratics: fc.Arbitrary<Quadratic> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc
    .tuple(
      fc.array(unit(-1, 1), { minLength: n * n, maxLength: n * n }),
      fc.array(unit(-1, 1), { minLength: n, maxLength: n }),
      fc.array(unit(-1, 1), { minLength: n, maxLength: n }),
      unit(1, 2),
    )
    .map(([b, c, direction, distance]) => {
      const a = new Float32Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let dot = 0;
          for (let k = 0; k < n; k++) dot += b[k * n + i]! * b[k * n + j]!;
          a[i * n + j] = dot / n + (i === j ? 0.5 : 0);
        }
      }
      const length = Math.hypot(...direction);
      const unitDirection = length > 1e-3 ? direction.map((d) => d / length) : direction.map((_, i) => (i === 0 ? 1 : 0));
      const x0 = Float32Array.from(c, (ci, i) => ci + distance * unitDirection[i]!);
      return { a: adoptBuffer(a, [n, n], "float32"), c: adoptBuffer(Float32Array.from(c), [n], "float32"), x0: adoptBuffer(x0, [n], "float32") };
    }),
);

/** A named optimizer at a learning rate suited to the quadratics of `quadratics`, and how many steps it gets. */
export interface QuadraticCase {
  readonly name: string;
  readonly make: (problem: Quadratic) => AnyTransformation;
  readonly steps: number;
}

/** 1 / trace(A): below 1 / (largest eigenvalue), so plain gradient descent is stable. */
const stableRate = (problem: Quadratic): number => {
  const [n] = problem.a.shape;
  const data = problem.a.toTypedArray();
  let trace = 0;
  for (let i = 0; i < n!; i++) trace += data[i * n! + i]!;
  return 1 / trace;
};

/** Every named optimizer, with the learning rate the quadratic law runs it at. */
export const quadraticCases: readonly QuadraticCase[] = [
  { name: "sgd", make: (p) => optim.sgd({ learningRate: stableRate(p) }), steps: 60 },
  { name: "sgd momentum", make: (p) => optim.sgd({ learningRate: stableRate(p), momentum: 0.9 }), steps: 60 },
  { name: "sgd nesterov", make: (p) => optim.sgd({ learningRate: stableRate(p), momentum: 0.9, nesterov: true }), steps: 60 },
  { name: "adam", make: () => optim.adam({ learningRate: 0.05 }), steps: 60 },
  { name: "adamw", make: () => optim.adamw({ learningRate: 0.05 }), steps: 60 },
  { name: "rmsprop", make: () => optim.rmsprop({ learningRate: 0.02 }), steps: 60 },
  { name: "adagrad", make: () => optim.adagrad({ learningRate: 0.5 }), steps: 60 },
];

/** A schedule with non-negative settings, and its closed form in float64. */
export interface ScheduleCase {
  readonly description: string;
  readonly schedule: Schedule;
  readonly closedForm: (step: number) => number;
}

const cosineValue = (initValue: number, decaySteps: number, alpha: number, exponent: number, t: number) =>
  initValue * ((1 - alpha) * (0.5 * (1 + Math.cos((Math.PI * Math.min(t, decaySteps)) / decaySteps))) ** exponent + alpha);

/** Random schedules of every kind (values, rates and steps non-negative), with their closed forms. */
export const scheduleCases: fc.Arbitrary<ScheduleCase> = fc.oneof(
  unit(0, 1).map((value) => ({ description: `constant(${value})`, schedule: optim.constant(value), closedForm: () => value })),
  fc
    .uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 3 })
    .chain((bounds) => fc.tuple(fc.constant([...bounds].sort((x, y) => x - y)), fc.array(unit(0, 1), { minLength: bounds.length + 1, maxLength: bounds.length + 1 })))
    .map(([boundaries, values]) => ({
      description: `piecewiseConstant([${boundaries}], [${values}])`,
      schedule: optim.piecewiseConstant({ boundaries, values }),
      closedForm: (t: number) => values[boundaries.filter((b) => b <= t).length]!,
    })),
  fc.tuple(unit(0, 1), unit(0, 1)).map(([initValue, rate]) => ({
    description: `inverseTimeDecay(${initValue}, ${rate})`,
    schedule: optim.inverseTimeDecay({ initValue, rate }),
    closedForm: (t: number) => initValue / (1 + rate * t),
  })),
  fc.tuple(unit(0, 1), unit(0, 1)).map(([initValue, rate]) => ({
    description: `inverseSqrtDecay(${initValue}, ${rate})`,
    schedule: optim.inverseSqrtDecay({ initValue, rate }),
    closedForm: (t: number) => initValue / Math.sqrt(1 + rate * t),
  })),
  fc.tuple(unit(0, 1), unit(0, 1), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 100 })).map(([initValue, endValue, transitionSteps, transitionBegin]) => ({
    description: `linear(${initValue}, ${endValue}, ${transitionSteps}, ${transitionBegin})`,
    schedule: optim.linear({ initValue, endValue, transitionSteps, transitionBegin }),
    closedForm: (t: number) => initValue + ((endValue - initValue) * Math.min(Math.max(t - transitionBegin, 0), transitionSteps)) / transitionSteps,
  })),
  fc
    .tuple(unit(0, 1), fc.integer({ min: 10, max: 100 }), unit(0.1, 1.5), fc.integer({ min: 0, max: 50 }), fc.boolean(), fc.option(unit(0, 1), { nil: undefined }))
    .map(([initValue, transitionSteps, decayRate, transitionBegin, staircase, bound]) => {
      const endValue = bound === undefined ? undefined : decayRate < 1 ? bound * initValue : initValue + 10 * bound;
      return {
        description: `exponentialDecay(${initValue}, ${transitionSteps}, ${decayRate}, begin ${transitionBegin}, staircase ${staircase}, end ${endValue})`,
        schedule: optim.exponentialDecay({ initValue, transitionSteps, decayRate, transitionBegin, staircase, ...(endValue === undefined ? {} : { endValue }) }),
        closedForm: (t: number) => {
          const elapsed = t - transitionBegin;
          const exponent = staircase ? Math.floor(elapsed / transitionSteps) : elapsed / transitionSteps;
          const value = elapsed <= 0 ? initValue : initValue * decayRate ** exponent;
          return endValue === undefined ? value : decayRate < 1 ? Math.max(value, endValue) : Math.min(value, endValue);
        },
      };
    }),
  fc.tuple(unit(0, 1), fc.integer({ min: 1, max: 1000 }), unit(0, 1), unit(0.5, 3)).map(([initValue, decaySteps, alpha, exponent]) => ({
    description: `cosineDecay(${initValue}, ${decaySteps}, alpha ${alpha}, exponent ${exponent})`,
    schedule: optim.cosineDecay({ initValue, decaySteps, alpha, exponent }),
    closedForm: (t: number) => cosineValue(initValue, decaySteps, alpha, exponent, t),
  })),
  fc.tuple(unit(0, 1), unit(0, 1), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 1000 }), unit(0, 1)).map(([initValue, peakValue, warmupSteps, decayLength, endFraction]) => {
    const endValue = endFraction * peakValue;
    const decaySteps = warmupSteps + decayLength;
    return {
      description: `warmupCosineDecay(${initValue}, ${peakValue}, ${warmupSteps}, ${decaySteps}, end ${endValue})`,
      schedule: optim.warmupCosineDecay({ initValue, peakValue, warmupSteps, decaySteps, endValue }),
      closedForm: (t: number) =>
        t < warmupSteps ? initValue + ((peakValue - initValue) * t) / warmupSteps : cosineValue(peakValue, decayLength, peakValue === 0 ? 0 : endValue / peakValue, 1, t - warmupSteps),
    };
  }),
);

/** Steps to evaluate schedules at: the first few and random ones up to 2000. */
export const scheduleSteps: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 8 }).map((random) => [0, 1, ...random]);

const sgdOptions: fc.Arbitrary<SgdOptions> = fc.tuple(learningRate, fc.option(unit(0, 0.99), { nil: undefined }), fc.boolean()).map(([{ rate }, momentum, nesterov]) =>
  momentum === undefined ? { learningRate: rate } : { learningRate: rate, momentum, nesterov },
);

// -------------------------------------------------------------------------------------
// runners
// -------------------------------------------------------------------------------------

/** `chain` is associative on random transformations and gradients: same updates, same states. */
export function checkChainAssociative(options: RunOptions = {}): void {
  checkLaw(fc.tuple(transformationCases, transformationCases, transformationCases, gradientSteps()), ([a, b, c, s]) => chainAssociative(a.transformation, b.transformation, c.transformation, s), options);
}

/** `identity` is a unit of `chain` on both sides. */
export function checkChainIdentity(options: RunOptions = {}): void {
  checkLaw(fc.tuple(transformationCases, gradientSteps()), ([a, s]) => chainIdentity(a.transformation, s), options);
}

/** `chain(a, b)` gives b's updates of a's updates, step after step. */
export function checkChainIsSequential(options: RunOptions = {}): void {
  checkLaw(fc.tuple(transformationCases, transformationCases, gradientSteps()), ([a, b, s]) => chainIsSequential(a.transformation, b.transformation, s), options);
}

/** SGD (random rate, momentum, Nesterov) keeps random params exactly under zero gradients. */
export function checkSgdZeroGradientsFixedPoint(options: RunOptions = {}): void {
  checkLaw(fc.tuple(sgdOptions, gradientSteps(0)), ([sgdOpts, s]) => sgdZeroGradientsFixedPoint(sgdOpts, s.params, 3), options);
}

/** Every named optimizer at least halves a random convex quadratic from a random start (see `quadraticCases`). */
export function checkOptimizersDecreaseQuadratic(options: RunOptions = {}): void {
  for (const { make, steps: numSteps } of quadraticCases) {
    checkLaw(quadratics, (problem) => decreasesQuadratic(make(problem), problem, numSteps), { numRuns: 5, ...options });
  }
}

/** Random schedules are non-negative at random steps. */
export function checkSchedulesNonNegative(options: RunOptions = {}): void {
  checkLaw(fc.tuple(scheduleCases, scheduleSteps), ([s, at]) => scheduleNonNegative(s.schedule, at), options);
}

/** Random schedules match their closed forms at random steps (float32 against float64). */
export function checkSchedulesMatchClosedForms(options: RunOptions = {}): void {
  checkLaw(fc.tuple(scheduleCases, scheduleSteps), ([s, at]) => scheduleMatchesClosedForm(s.schedule, s.closedForm, at, { rtol: 1e-5, atol: 1e-6 }), options);
}

/** Every optimizer law above. */
export function checkOptimLaws(options: RunOptions = {}): void {
  checkChainAssociative(options);
  checkChainIdentity(options);
  checkChainIsSequential(options);
  checkSgdZeroGradientsFixedPoint(options);
  checkOptimizersDecreaseQuadratic(options);
  checkSchedulesNonNegative(options);
  checkSchedulesMatchClosedForms(options);
}
