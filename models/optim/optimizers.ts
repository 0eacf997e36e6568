/**
 * The named optimizers, each a chain of building blocks (as optax's aliases, with the same
 * defaults): its state is the chain's record of named block states. Learning rates are numbers
 * or schedules.
 *
 * @example
 * const optimizer = adam({ learningRate: 1e-3 });
 * const state = optimizer.init(params); // { scaleByAdam: { count, mu, nu }, scaleByLearningRate: { count } }
 * const [updates, next] = optimizer.update(grads, state);
 * const stepped = applyUpdates(params, updates); // and `next` is the state for the next step
 */
import { fail } from "../../core/errors.js";
import { bool, checkArity, finite, readOptions, requireOptions, type OptionCheck } from "../../core/validate.js";
import { chain, type Chain } from "./chain.js";
import { adagradOptions, adamOptions, rateOption, rmsOptions } from "./checks.js";
import { maskOption } from "./leaf-masks.js";
import type { Mask } from "./leaf-masks.js";
import type { LearningRate, Schedule } from "./schedules.js";
import type { GradientTransformation } from "./transformation.js";
import {
  addDecayedWeights,
  scaleByAdagrad,
  scaleByAdam,
  scaleByLearningRate,
  scaleByRms,
  trace,
  type Counting,
  type ScaleByAdagradStates,
  type ScaleByAdamStates,
  type ScaleByRmsStates,
  type TraceStates,
} from "./building-blocks.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The learning-rate block every named optimizer ends with (before rmsprop's momentum). */
export type LearningRateBlock = GradientTransformation<Counting, "scaleByLearningRate">;

/** The momentum block of sgd and rmsprop. */
export type MomentumBlock = GradientTransformation<TraceStates, "trace">;

/** `M` when the options' type has a number `momentum`, `Plain` when it has none, either when it may have one. */
type WithMomentum<O, M, Plain> = O extends { readonly momentum: number } ? M : "momentum" extends keyof O ? M | Plain : Plain;

/** The options of `sgd`. */
export interface SgdOptions {
  readonly learningRate: LearningRate;
  /** The momentum decay; no momentum (and no momentum state) when absent. */
  readonly momentum?: number;
  /** Nesterov momentum instead of heavy-ball momentum. */
  readonly nesterov?: boolean;
}

/** What `sgd` returns: the learning-rate block alone, or momentum then learning rate. */
export type Sgd<O extends SgdOptions> = WithMomentum<O, Chain<[MomentumBlock, LearningRateBlock]>, LearningRateBlock>;

/** The options of `adam`. */
export interface AdamOptions {
  readonly learningRate: LearningRate;
  readonly b1?: number;
  readonly b2?: number;
  readonly eps?: number;
  readonly epsRoot?: number;
}

/** What `adam` returns. */
export type Adam = Chain<[GradientTransformation<ScaleByAdamStates, "scaleByAdam">, LearningRateBlock]>;

/** The options of `adamw`: Adam's, and the decoupled weight decay (default 1e-4) with an optional mask of the leaves it applies to. */
export interface AdamWOptions extends AdamOptions {
  readonly weightDecay?: number | Schedule;
  readonly mask?: Mask;
}

/** What `adamw` returns. */
export type AdamW = Chain<[GradientTransformation<ScaleByAdamStates, "scaleByAdam">, GradientTransformation<Counting, "addDecayedWeights">, LearningRateBlock]>;

/** The options of `rmsprop`. */
export interface RmspropOptions {
  readonly learningRate: LearningRate;
  readonly decay?: number;
  readonly eps?: number;
  readonly initialScale?: number;
  readonly epsInSqrt?: boolean;
  /** Momentum applied after the learning rate (optax's order); none when absent. */
  readonly momentum?: number;
  readonly nesterov?: boolean;
}

/** What `rmsprop` returns. */
export type Rmsprop<O extends RmspropOptions> = WithMomentum<
  O,
  Chain<[GradientTransformation<ScaleByRmsStates, "scaleByRms">, LearningRateBlock, MomentumBlock]>,
  Chain<[GradientTransformation<ScaleByRmsStates, "scaleByRms">, LearningRateBlock]>
>;

/** The options of `adagrad`. */
export interface AdagradOptions {
  readonly learningRate: LearningRate;
  readonly initialAccumulatorValue?: number;
  readonly eps?: number;
}

/** What `adagrad` returns. */
export type Adagrad = Chain<[GradientTransformation<ScaleByAdagradStates, "scaleByAdagrad">, LearningRateBlock]>;

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Stochastic gradient descent, with optional (Nesterov) momentum: `trace` then `scaleByLearningRate`.
 *
 * @example
 * sgd({ learningRate: 0.1 }); sgd({ learningRate: 0.01, momentum: 0.9, nesterov: true });
 */
export function sgd<const O extends SgdOptions>(options: O): Sgd<O> {
  checkArity("sgd", arguments, 1);
  const { learningRate, momentum, nesterov } = optimizerOptions("sgd", options, { momentum: finite, nesterov: bool });
  checkNesterov("sgd", momentum, nesterov);
  const rate = scaleByLearningRate(learningRate);
  const optimizer = momentum === undefined ? rate : chain(trace({ decay: momentum, nesterov: nesterov ?? false }), rate);
  return optimizer as Sgd<O>;
}

/**
 * Adam (Kingma and Ba, 2015): `scaleByAdam` then `scaleByLearningRate`.
 *
 * @example
 * adam({ learningRate: 1e-3 }); adam({ learningRate: cosineDecay({ initValue: 1e-3, decaySteps: 1000 }), b2: 0.99 });
 */
export function adam(options: AdamOptions): Adam {
  checkArity("adam", arguments, 1);
  const { learningRate, ...moments } = optimizerOptions("adam", options, adamOptions);
  return chain(scaleByAdam(moments), scaleByLearningRate(learningRate));
}

/**
 * AdamW (Loshchilov and Hutter, 2019): Adam with weight decay decoupled from the gradient's
 * moments, `scaleByAdam`, `addDecayedWeights`, `scaleByLearningRate`. Its update needs `params`.
 *
 * @example
 * adamw({ learningRate: 1e-3, weightDecay: 1e-2, mask: (leaf) => leaf.ndim >= 2 });
 */
export function adamw(options: AdamWOptions): AdamW {
  checkArity("adamw", arguments, 1);
  const { learningRate, weightDecay = 1e-4, mask, ...moments } = optimizerOptions("adamw", options, { ...adamOptions, weightDecay: rateOption, mask: maskOption });
  return chain(scaleByAdam(moments), addDecayedWeights(weightDecay, mask === undefined ? {} : { mask }), scaleByLearningRate(learningRate));
}

/**
 * RMSProp (Hinton's lecture 6e): `scaleByRms`, `scaleByLearningRate`, then momentum if asked.
 *
 * @example
 * rmsprop({ learningRate: 1e-3, decay: 0.9 });
 */
export function rmsprop<const O extends RmspropOptions>(options: O): Rmsprop<O> {
  checkArity("rmsprop", arguments, 1);
  const { learningRate, momentum, nesterov, ...rms } = optimizerOptions("rmsprop", options, { ...rmsOptions, momentum: finite, nesterov: bool });
  checkNesterov("rmsprop", momentum, nesterov);
  const scaled = chain(scaleByRms(rms), scaleByLearningRate(learningRate));
  return (momentum === undefined ? scaled : chain(scaled, trace({ decay: momentum, nesterov: nesterov ?? false }))) as Rmsprop<O>;
}

/**
 * AdaGrad (Duchi et al., 2011): `scaleByAdagrad` then `scaleByLearningRate`.
 *
 * @example
 * adagrad({ learningRate: 0.1 });
 */
export function adagrad(options: AdagradOptions): Adagrad {
  checkArity("adagrad", arguments, 1);
  const { learningRate, ...accumulator } = optimizerOptions("adagrad", options, adagradOptions);
  return chain(scaleByAdagrad(accumulator), scaleByLearningRate(learningRate));
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** Reads an optimizer's options: the required learningRate (a number or a schedule) and the optimizer's own. */
function optimizerOptions<S extends Record<string, OptionCheck<unknown>>>(op: string, options: unknown, spec: S) {
  const read = readOptions(op, options, { learningRate: rateOption, ...spec });
  return requireOptions(op, read, ["learningRate"]) as typeof read & { readonly learningRate: LearningRate };
}

/** Nesterov momentum needs momentum: asking for it without one would silently train with none (optax ignores it). */
function checkNesterov(op: string, momentum: number | undefined, nesterov: boolean | undefined): void {
  if (nesterov === true && momentum === undefined) fail(op, "nesterov: true needs a momentum (such as momentum: 0.9); without one there is no momentum to apply it to");
}
