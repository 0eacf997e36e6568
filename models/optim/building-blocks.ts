/**
 * The building blocks optimizers are chained from, each a `GradientTransformation` computing what
 * optax's namesake computes, in the same order of operations (so float32 results agree to
 * rounding). Moments live in named state records shaped like the params; step counts are int32
 * scalar arrays, so every block is jittable and a jitted step is traced once.
 *
 * @example
 * const optimizer = chain(clipByGlobalNorm(1), scaleByAdam({ b1: 0.9 }), scaleByLearningRate(1e-3));
 */
import { fail } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { bool, checkArity, finite, readOptions, requireOptions } from "../../core/validate.js";
import { adagradOptions, adamOptions, checkRate, rmsOptions } from "./checks.js";
import { keepMasked, maskLeaves, maskOption, mergeMasked, type Mask } from "./leaf-masks.js";
import type { LearningRate, Schedule } from "./schedules.js";
import {
  defineTransformation,
  type ConstantStates,
  type CountState,
  type EmptyState,
  type GradientTransformation,
  type StateFamily,
} from "./transformation.js";
import { fullLike, globalNorm, increment, mapLeaves, mapLeaves2, movingAverage, zeroCount } from "./tree-math.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Adam's state: the step count and the moving averages of the gradients (`mu`) and of their squares (`nu`). */
export interface ScaleByAdamState<P> {
  readonly count: ArrayValue;
  readonly mu: P;
  readonly nu: P;
}

/** The state family of `scaleByAdam`. */
export interface ScaleByAdamStates extends StateFamily {
  readonly state: ScaleByAdamState<this["params"]>;
}

/** RMSProp's state: the moving average of the squared gradients. */
export interface ScaleByRmsState<P> {
  readonly nu: P;
}

/** The state family of `scaleByRms`. */
export interface ScaleByRmsStates extends StateFamily {
  readonly state: ScaleByRmsState<this["params"]>;
}

/** AdaGrad's state: the running sum of the squared gradients. */
export interface ScaleByAdagradState<P> {
  readonly sumOfSquares: P;
}

/** The state family of `scaleByAdagrad`. */
export interface ScaleByAdagradStates extends StateFamily {
  readonly state: ScaleByAdagradState<this["params"]>;
}

/** Momentum's state: the decayed sum of past updates. */
export interface TraceState<P> {
  readonly momentum: P;
}

/** The state family of `trace`. */
export interface TraceStates extends StateFamily {
  readonly state: TraceState<this["params"]>;
}

/** The state family of the stateless blocks. */
export type Stateless = ConstantStates<EmptyState>;

/** The state family of the blocks that count steps for a schedule. */
export type Counting = ConstantStates<CountState>;

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Multiplies every update by `factor`.
 *
 * @example
 * scale(-0.1).update(grads, {}); // [-0.1 * grads, {}]
 */
export function scale(factor: number): GradientTransformation<Stateless, "scale"> {
  finite("scale", "factor", factor);
  checkArity("scale", arguments, 1);
  return defineTransformation<Stateless, "scale">("scale", () => ({}), (grads, state) => [mapLeaves(grads, (g) => np.multiply(factor, g)), state]);
}

/**
 * Multiplies every update by `-learningRate` (or `+learningRate` with `flipSign: false`), the
 * rate a number or a schedule of the step count kept in the state. The count is kept for a
 * number too, so the state's structure does not depend on which is given.
 *
 * @example
 * const lr = scaleByLearningRate(exponentialDecay({ initValue: 0.1, transitionSteps: 100, decayRate: 0.5 }));
 */
export function scaleByLearningRate(learningRate: LearningRate, options?: { readonly flipSign?: boolean }): GradientTransformation<Counting, "scaleByLearningRate"> {
  checkRate("scaleByLearningRate", "learningRate", learningRate);
  checkArity("scaleByLearningRate", arguments, 2);
  const sign = readOptions("scaleByLearningRate", options, { flipSign: bool }).flipSign === false ? 1 : -1;
  return defineTransformation<Counting, "scaleByLearningRate">(
    "scaleByLearningRate",
    () => ({ count: zeroCount() }),
    (grads, state) => {
      const updates =
        typeof learningRate === "number"
          ? mapLeaves(grads, (g) => np.multiply(sign * learningRate, g))
          : scaleBySchedule(grads, learningRate, state.count, sign);
      return [updates, { count: increment(state.count) }];
    },
  );
}

/**
 * Adam's rescaling: bias-corrected moving averages of the gradients and of their squares,
 * `mu_hat / (sqrt(nu_hat + epsRoot) + eps)` (optax's `scale_by_adam`).
 *
 * @example
 * chain(scaleByAdam({ b1: 0.9, b2: 0.999 }), scaleByLearningRate(1e-3)); // adam
 */
export function scaleByAdam(options?: { readonly b1?: number; readonly b2?: number; readonly eps?: number; readonly epsRoot?: number }): GradientTransformation<ScaleByAdamStates, "scaleByAdam"> {
  checkArity("scaleByAdam", arguments, 1);
  const { b1 = 0.9, b2 = 0.999, eps = 1e-8, epsRoot = 0 } = readOptions("scaleByAdam", options, adamOptions);
  return defineTransformation<ScaleByAdamStates, "scaleByAdam">(
    "scaleByAdam",
    (params) => ({ count: zeroCount(), mu: fullLike(params, 0), nu: fullLike(params, 0) }),
    (grads, state) => {
      const mu = mapLeaves2(grads, state.mu, "the scaleByAdam state's mu", (g, m) => movingAverage(g, m, b1));
      const nu = mapLeaves2(grads, state.nu, "the scaleByAdam state's nu", (g, v) => movingAverage(np.square(g), v, b2));
      const count = increment(state.count);
      const muHat = biasCorrected(mu, b1, count);
      const nuHat = biasCorrected(nu, b2, count);
      const updates = mapLeaves2(muHat, nuHat, "the scaleByAdam state's nu", (m, v) => np.divide(m, np.add(np.sqrt(np.add(v, epsRoot)), eps)));
      return [updates, { count, mu, nu }];
    },
  );
}

/**
 * RMSProp's rescaling: updates divided by the root of a moving average of squared gradients,
 * `g / sqrt(nu + eps)` (or `g / (sqrt(nu) + eps)` with `epsInSqrt: false`), optax's `scale_by_rms`.
 *
 * @example
 * chain(scaleByRms({ decay: 0.9 }), scaleByLearningRate(1e-3)); // rmsprop
 */
export function scaleByRms(
  options?: { readonly decay?: number; readonly eps?: number; readonly initialScale?: number; readonly epsInSqrt?: boolean },
): GradientTransformation<ScaleByRmsStates, "scaleByRms"> {
  checkArity("scaleByRms", arguments, 1);
  const { decay = 0.9, eps = 1e-8, initialScale = 0, epsInSqrt = true } = readOptions("scaleByRms", options, rmsOptions);
  return defineTransformation<ScaleByRmsStates, "scaleByRms">(
    "scaleByRms",
    (params) => ({ nu: fullLike(params, initialScale) }),
    (grads, state) => {
      const nu = mapLeaves2(grads, state.nu, "the scaleByRms state's nu", (g, v) => movingAverage(np.square(g), v, decay));
      const scaling = mapLeaves(nu, (v) => (epsInSqrt ? np.rsqrt(np.add(v, eps)) : np.divide(1, np.add(np.sqrt(v), eps))));
      return [mapLeaves2(grads, scaling, "the scaleByRms state's nu", (g, s) => np.multiply(s, g)), { nu }];
    },
  );
}

/**
 * AdaGrad's rescaling: updates divided by the root of the running sum of squared gradients
 * (which starts at `initialAccumulatorValue`), optax's `scale_by_rss`.
 *
 * @example
 * chain(scaleByAdagrad(), scaleByLearningRate(0.1)); // adagrad
 */
export function scaleByAdagrad(
  options?: { readonly initialAccumulatorValue?: number; readonly eps?: number },
): GradientTransformation<ScaleByAdagradStates, "scaleByAdagrad"> {
  checkArity("scaleByAdagrad", arguments, 1);
  const { initialAccumulatorValue = 0.1, eps = 1e-7 } = readOptions("scaleByAdagrad", options, adagradOptions);
  return defineTransformation<ScaleByAdagradStates, "scaleByAdagrad">(
    "scaleByAdagrad",
    (params) => ({ sumOfSquares: fullLike(params, initialAccumulatorValue) }),
    (grads, state) => {
      const sumOfSquares = mapLeaves2(grads, state.sumOfSquares, "the scaleByAdagrad state's sumOfSquares", (g, s) => np.add(np.square(g), s));
      // A sum still at zero (zero start, zero gradients) scales by 0, not by 1/sqrt(eps).
      const scaling = mapLeaves(sumOfSquares, (s) => np.where(np.greater(s, 0), np.rsqrt(np.add(s, eps)), 0));
      return [mapLeaves2(grads, scaling, "the scaleByAdagrad state's sumOfSquares", (g, s) => np.multiply(s, g)), { sumOfSquares }];
    },
  );
}

/**
 * Momentum: keeps `momentum = g + decay * momentum` and returns it, or with `nesterov` returns
 * `g + decay * momentum` of the new momentum (optax's `trace`).
 *
 * @example
 * chain(trace({ decay: 0.9, nesterov: true }), scaleByLearningRate(0.01)); // sgd with Nesterov momentum
 */
export function trace(options: { readonly decay: number; readonly nesterov?: boolean }): GradientTransformation<TraceStates, "trace"> {
  checkArity("trace", arguments, 1);
  const { decay, nesterov = false } = requireOptions("trace", readOptions("trace", options, { decay: finite, nesterov: bool }), ["decay"]);
  return defineTransformation<TraceStates, "trace">(
    "trace",
    (params) => ({ momentum: fullLike(params, 0) }),
    (grads, state) => {
      const momentum = mapLeaves2(grads, state.momentum, "the trace state's momentum", (g, t) => np.add(g, np.multiply(decay, t)));
      const updates = nesterov ? mapLeaves2(grads, momentum, "the trace state's momentum", (g, t) => np.add(g, np.multiply(decay, t))) : momentum;
      return [updates, { momentum }];
    },
  );
}

/**
 * Adds `weightDecay * params` to the updates (decoupled weight decay when chained before the
 * learning rate, as in AdamW), only on the leaves `mask` selects when one is given. The decay may
 * be a schedule of the step count kept in the state. Needs `params` in `update`.
 *
 * @example
 * addDecayedWeights(1e-4, { mask: (leaf, path) => !path.endsWith(".b") }); // no decay on biases
 */
export function addDecayedWeights(weightDecay: number | Schedule, options?: { readonly mask?: Mask }): GradientTransformation<Counting, "addDecayedWeights"> {
  checkRate("addDecayedWeights", "weightDecay", weightDecay);
  checkArity("addDecayedWeights", arguments, 2);
  const { mask } = readOptions("addDecayedWeights", options, { mask: maskOption });
  return defineTransformation<Counting, "addDecayedWeights">(
    "addDecayedWeights",
    () => ({ count: zeroCount() }),
    (grads, state, params) => {
      if (params === undefined) fail("update", "addDecayedWeights (weight decay, as in adamw) needs the params: pass them as the third argument, update(grads, state, params)");
      const rate = typeof weightDecay === "number" ? weightDecay : weightDecay(state.count);
      const decay = (g: ArrayValue, p: ArrayValue) => np.add(g, np.multiply(typeof rate === "number" ? rate : np.astype(rate, g.dtype), p));
      const count = increment(state.count);
      if (mask === undefined) return [mapLeaves2(grads, params, "params", decay), { count }];
      const flags = maskLeaves("addDecayedWeights", mask, grads);
      const decayed = mapLeaves2(keepMasked(grads, flags), keepMasked(params, flags), "params", decay);
      return [mergeMasked(decayed, grads, flags), { count }];
    },
  );
}

/**
 * Scales the updates down to global norm `maxNorm` when their global norm (all leaves together)
 * exceeds it; leaves them as they are otherwise.
 *
 * @example
 * chain(clipByGlobalNorm(1), sgd({ learningRate: 0.1 }));
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<Stateless, "clipByGlobalNorm"> {
  finite("clipByGlobalNorm", "maxNorm", maxNorm);
  checkArity("clipByGlobalNorm", arguments, 1);
  if (!(maxNorm > 0)) fail("clipByGlobalNorm", `maxNorm must be positive, got ${maxNorm}`);
  return defineTransformation<Stateless, "clipByGlobalNorm">(
    "clipByGlobalNorm",
    () => ({}),
    (grads, state) => {
      const norm = globalNorm(grads);
      const small = np.less(norm, maxNorm);
      const updates = mapLeaves(grads, (g) => np.where(small, g, np.multiply(np.divide(g, np.astype(norm, g.dtype)), maxNorm)));
      return [updates, state];
    },
  );
}

/**
 * Clips every update entry to `[-maxDelta, maxDelta]`.
 *
 * @example
 * clip(1).update({ w: np.array([-3, 0.5]) }, {}); // [{ w: [-1, 0.5] }, {}]
 */
export function clip(maxDelta: number): GradientTransformation<Stateless, "clip"> {
  finite("clip", "maxDelta", maxDelta);
  checkArity("clip", arguments, 1);
  if (!(maxDelta >= 0)) fail("clip", `maxDelta must be non-negative, got ${maxDelta}`);
  return defineTransformation<Stateless, "clip">("clip", () => ({}), (grads, state) => [mapLeaves(grads, (g) => np.clip(g, -maxDelta, maxDelta)), state]);
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** Each update times `sign * schedule(count)`, the rate cast to the update's dtype. */
function scaleBySchedule(grads: unknown, schedule: Schedule, count: ArrayValue, sign: number): unknown {
  const rate = np.multiply(sign, schedule(count));
  return mapLeaves(grads, (g) => np.multiply(np.astype(rate, g.dtype), g));
}

/** A moment divided by `1 - decay ** count`, undoing its bias towards the zero it started from. */
function biasCorrected(moment: unknown, decay: number, count: ArrayValue): unknown {
  const correction = np.subtract(1, np.power(decay, np.astype(count, "float32")));
  return mapLeaves(moment, (m) => np.divide(m, np.astype(correction, m.dtype)));
}
