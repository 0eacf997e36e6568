/**
 * `fit`: the training loop every model shares, pure at heart. It builds one step
 * (loss, gradients, optimizer update, new parameters), jits it, and folds it over the batches;
 * the caller gets the final parameters, the optimizer state and the history back and nothing
 * else changes. Around the fold sit the only effects: the `reporter` (models/reporter.ts), told of
 * the start, every step, every epoch and the end, and the `checkpoint.save` callback. It reports
 * nothing unless given a reporter; the Node entry's `models.fit` defaults to a terminal progress
 * bar (node/fit.ts), so this file stays free of Node.
 *
 * The loss gets a context, `{ key, step, state }`: a fresh key per step (for dropout), the step
 * number, and the model state, which the loss threads by returning `[loss, { state, ...metrics }]`
 * (models/fit-step.ts). Validation may return named metrics; `earlyStopping` watches one and
 * restores the best epoch's values (models/early-stopping.ts).
 *
 * A model that is not one loss and one optimizer (a GAN's two players, an EM-style alternation)
 * gives its own pure step instead: `fit({ step: (carry, batch, { key, step }) => [carry, metrics],
 * carry, ... })`, jitted and run with the same batching, validation, early stopping, checkpoints,
 * reporting and history (the loop is models/training-loop.ts).
 *
 * @example
 * const net = layers.mlp([4, 8, 3], nn.relu);
 * const [xs, xTest] = [random.normal(random.key(1), [96, 4]), random.normal(random.key(2), [32, 4])];
 * const label = (v: ArrayValue) => np.argmax(v.slice(":", "0:3"), { axis: 1 }); // a learnable rule
 * const { params, history } = fit({
 *   loss: (p, batch: { x: ArrayValue; y: ArrayValue }) => softmaxCrossEntropy(net.apply(p, batch.x), batch.y),
 *   params: net.init(random.key(0)), optimizer: optim.adam({ learningRate: 1e-2 }),
 *   data: { x: xs, y: label(xs) }, batchSize: 32, epochs: 5, key: random.key(3),
 *   validate: (p) => accuracy(label(xTest), np.argmax(net.apply(p, xTest), { axis: 1 })),
 * });
 * history.validation; // one accuracy per epoch
 *
 * @example
 * // dropout from the step's key, a metric beside the loss, and early stopping on the validation loss
 * const net = layers.mlp([4, 16, 1], nn.relu);
 * const xs = random.normal(random.key(1), [64, 4]);
 * const ys = xs.slice(":", "0:1").mul(2);
 * const { history } = fit({
 *   loss: (p, batch: { x: ArrayValue; y: ArrayValue }, { key }) => {
 *     const keep = random.bernoulli(key, 0.9, batch.x.shape).astype("float32").div(0.9);
 *     const error = net.apply(p, batch.x.mul(keep)).sub(batch.y);
 *     return [error.square().mean(), { maxError: error.abs().max() }];
 *   },
 *   params: net.init(random.key(0)), optimizer: optim.adam({ learningRate: 1e-2 }),
 *   data: { x: xs, y: ys }, batchSize: 16, epochs: 50, key: random.key(2),
 *   validate: (p) => Number(net.apply(p, xs).sub(ys).square().mean().item()),
 *   earlyStopping: { patience: 3, mode: "min" },
 * });
 * history.metrics.maxError; // per step
 * history.bestEpoch;        // the epoch whose params fit returned
 */
import type { ArrayValue } from "../core/ndarray.js";
import type { MapLeaves } from "../core/tree.js";
import * as random from "../core/random/index.js";
import { fail } from "../core/errors.js";
import { readOptions } from "../core/validate.js";
import type { EarlyStoppingOptions } from "./early-stopping.js";
import { fitSpec, schedule, type ScheduleOptions } from "./fit-options.js";
import { customStep, lossStep, type LossContext, type LossResult, type Optimizer, type StepCarry, type StepContext } from "./fit-step.js";
import type { GradientTransformation, StateOf } from "./optim/transformation.js";
import { silentReporter, type EpochReport, type Reporter } from "./reporter.js";
import { runTraining, type FitHistory, type Validation } from "./training-loop.js";

export type { FitHistory, Optimizer, Validation };

/** The optimizer state type fit returns: precise for models/optim transformations. */
type StateFor<O, P> = O extends GradientTransformation<infer F> ? StateOf<F, P> : O extends Optimizer<P, infer S> ? S : never;

/** What every form of fit takes: the data and its schedule, the key, the reporter, jit. Batches are pytrees of arrays whose leaves share a leading (example) axis. */
export interface TrainingOptions<B> extends ScheduleOptions<B> {
  /**
   * The whole training set; cut into shuffled minibatches of `batchSize` each epoch (the last
   * partial batch is dropped, so every step has one shape and compiles once), or used whole.
   */
  readonly data?: B;
  /** Or the batches of one epoch (its index and key given), for data that does not fit `data`. */
  readonly batches?: (epoch: number, key: random.Key) => Iterable<B>;
  /** The key of the shuffles and of the steps' keys (required when minibatching `data`; default random.key(0)). */
  readonly key?: random.Key;
  /** Stop when the validation stops improving (needs validate). */
  readonly earlyStopping?: EarlyStoppingOptions;
  /** Told of the start, each step (its loss and metrics), each epoch (its validation) and the end; default silentReporter. */
  readonly reporter?: Reporter;
  /** Compile the step with jit (default true). */
  readonly jit?: boolean;
}

/** A snapshot of training handed to `checkpoint.save` (store it with checkpoints.encodeBinary, or tessera/node's saveCheckpoint). */
export interface TrainingSnapshot<P, S, M> {
  /** Steps done so far. */
  readonly step: number;
  readonly epoch: number;
  readonly params: P;
  readonly optState: S;
  readonly modelState: M;
}

/** The inputs of `fit` with a loss and an optimizer. */
export interface FitOptions<P, O extends Optimizer<P, unknown>, B, M = undefined> extends TrainingOptions<B> {
  /**
   * The loss of the parameters on one batch: `loss(params, batch, { key, step, state })`, a fresh
   * key each step, the step number (int32 scalar, from 0) and the model state. It returns a
   * scalar, or `[scalar, { state?, ...metrics }]` (see models/fit-step.ts). The state it returns
   * may have any static dtypes (`fit` checks at run time that they match the initial state's).
   */
  readonly loss: (params: NoInfer<P>, batch: B, ctx: LossContext<NoInfer<M>>) => LossResult<MapLeaves<NoInfer<M>, ArrayValue>>;
  /** The initial parameters (their type is the one every other option is checked against). */
  readonly params: P;
  readonly optimizer: O;
  /** The initial model state (batch-norm statistics), threaded through the steps by the loss's aux.state. */
  readonly modelState?: M;
  /** Validation after every epoch, of the params and the model state: one metric, or a record of named ones. */
  readonly validate?: (params: P, modelState: M) => Validation;
  /** Hand a snapshot to `save` every `every` steps and after the last. */
  readonly checkpoint?: { readonly every: number; readonly save: (snapshot: TrainingSnapshot<P, StateFor<O, P>, M>) => void };
  /** Called after every epoch (after validation) with the epoch's report and the training state; return "stop" to end training. */
  readonly onEpoch?: (report: EpochReport & TrainingSnapshot<P, StateFor<O, P>, M>) => void | "stop";
}

/** What training with a loss produced. */
export interface FitResult<P, S, M = undefined> {
  readonly params: P;
  /** The optimizer's state. */
  readonly state: S;
  /** The model state (as given when fit had no modelState). */
  readonly modelState: M;
  readonly history: FitHistory;
}

/** The inputs of `fit` with a custom step: any pure `step(carry, batch, { key, step }) -> [carry, metrics]`. */
export interface StepFitOptions<C, B> extends TrainingOptions<B> {
  /** One training step; `metrics` is a record of scalar arrays (a `loss` entry becomes history.loss, the rest history.metrics). */
  readonly step: (carry: C, batch: B, ctx: StepContext) => readonly [C, Readonly<Record<string, ArrayValue>>];
  /** What the step threads: params of several models, optimizer states, anything (a pytree of arrays). */
  readonly carry: C;
  /** Validation of the carry after every epoch. */
  readonly validate?: (carry: C) => Validation;
  /** Hand the carry to `save` every `every` steps and after the last. */
  readonly checkpoint?: { readonly every: number; readonly save: (snapshot: { readonly step: number; readonly epoch: number; readonly carry: C }) => void };
  /** Called after every epoch (after validation) with the epoch's report and the carry; return "stop" to end training. */
  readonly onEpoch?: (report: EpochReport & { readonly carry: C }) => void | "stop";
}

/** What training with a custom step produced. */
export interface StepFitResult<C> {
  readonly carry: C;
  readonly history: FitHistory;
}

/** Trains `params` on the batches with the optimizer; see the module comment. */
export function fit<P, O extends Optimizer<P, unknown>, B, M = undefined>(options: FitOptions<P, O, B, M>): FitResult<P, StateFor<O, P>, M>;
/** Trains with a custom pure step; see the module comment. */
export function fit<C, B>(options: StepFitOptions<C, B>): StepFitResult<C>;
export function fit(fitOptions: unknown): unknown {
  const options = readOptions("fit", fitOptions, fitSpec) as Record<string, unknown>;
  const common = {
    ...schedule(options as ScheduleOptions<unknown>),
    key: (options.key as random.Key | undefined) ?? random.key(0),
    jit: options.jit !== false,
    reporter: (options.reporter as Reporter | undefined) ?? silentReporter,
    ...(options.earlyStopping === undefined ? {} : { earlyStopping: options.earlyStopping as EarlyStoppingOptions }),
  };
  const checkpoint = options.checkpoint as { every: number; save: (snapshot: unknown) => void } | undefined;
  const validate = options.validate as ((value: unknown, modelState?: unknown) => unknown) | undefined;
  const onEpoch = options.onEpoch as ((report: unknown) => unknown) | undefined;
  if (options.step !== undefined) {
    const misplaced = ["loss", "params", "optimizer", "modelState"].filter((name) => options[name] !== undefined);
    if (misplaced.length > 0) fail("fit", `give either a loss (with params and optimizer) or a custom step (with carry), not both: ${misplaced.join(", ")} given with step`);
    if (options.carry === undefined) fail("fit", "a custom step needs carry: the initial value it threads");
    const { carry, history } = runTraining({
      ...common,
      carry: options.carry,
      step: customStep(options.step as StepFitOptions<unknown, unknown>["step"]),
      ...(validate === undefined ? {} : { validate }),
      ...(onEpoch === undefined ? {} : { onEpoch: (c: unknown, report: EpochReport) => onEpoch({ ...report, carry: c }) }),
      ...(checkpoint === undefined ? {} : { checkpoint: { every: checkpoint.every, save: (c: unknown, step: number, epoch: number) => checkpoint.save({ step, epoch, carry: c }) } }),
    });
    return { carry, history };
  }
  const missing = ["loss", "params", "optimizer"].filter((name) => options[name] === undefined);
  if (missing.length > 0) fail("fit", `missing ${missing.join(", ")}: fit takes a loss with params and an optimizer, or a custom step with carry`);
  const optimizer = options.optimizer as Optimizer<unknown, unknown>;
  const withState = options.modelState !== undefined;
  const initial: StepCarry<unknown, unknown, unknown> = { params: options.params, optState: optimizer.init(options.params), modelState: options.modelState };
  const { carry, history } = runTraining({
    ...common,
    carry: initial,
    step: lossStep(options.loss as (params: unknown, batch: unknown, ctx: LossContext<unknown>) => LossResult<unknown>, optimizer, withState),
    ...(validate === undefined ? {} : { validate: (c: StepCarry<unknown, unknown, unknown>) => validate(c.params, c.modelState) }),
    ...(onEpoch === undefined ? {} : { onEpoch: (c: StepCarry<unknown, unknown, unknown>, report: EpochReport) => onEpoch({ ...report, params: c.params, optState: c.optState, modelState: c.modelState }) }),
    ...(checkpoint === undefined ? {} : { checkpoint: { every: checkpoint.every, save: (c: StepCarry<unknown, unknown, unknown>, step: number, epoch: number) => checkpoint.save({ step, epoch, params: c.params, optState: c.optState, modelState: c.modelState }) } }),
  });
  return { params: carry.params, state: carry.optState, modelState: carry.modelState, history };
}
