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
 * @example
 * const net = mlp([4, 8, 3], nn.relu);
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
 * const net = mlp([4, 16, 1], nn.relu);
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
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import * as random from "../core/random/index.js";
import * as tree from "../core/tree.js";
import { flattenTree } from "../core/tree-walk.js";
import * as np from "../core/numpy/index.js";
import { jit } from "../transforms/jit/jit.js";
import { bool, closestName, count, describeValue, func, isPlainRecord, readOptions, refine, requireOptions, type OptionCheck } from "../core/validate.js";
import { checkModelKey } from "./checks.js";
import { minibatches, takeRows } from "./data.js";
import { EarlyStopper, readEarlyStopping, type EarlyStoppingOptions } from "./early-stopping.js";
import { lossStep, type LossContext, type LossResult, type Optimizer, type StepCarry, type StepOutputs } from "./fit-step.js";

export type { Optimizer };
import type { GradientTransformation, StateOf } from "./optim/transformation.js";
import { silentReporter, type Reporter } from "./reporter.js";

/** The optimizer state type fit returns: precise for models/optim transformations. */
type StateFor<O, P> = O extends GradientTransformation<infer F> ? StateOf<F, P> : O extends Optimizer<P, infer S> ? S : never;

/** What the loss's validation returns after each epoch: one number, or several named ones. */
export type Validation = number | Readonly<Record<string, number>>;

/** A snapshot of training handed to `checkpoint.save` (store it with checkpoints.encodeBinary, or tessera/node's saveCheckpoint). */
export interface TrainingSnapshot<P, S, M> {
  /** Steps done so far (1-based count). */
  readonly step: number;
  readonly epoch: number;
  readonly params: P;
  readonly optState: S;
  readonly modelState: M;
}

/** The inputs of `fit`. Batches are pytrees of arrays whose leaves share a leading (example) axis. */
export interface FitOptions<P, O extends Optimizer<P, unknown>, B, M = undefined> {
  /**
   * The loss of the parameters on one batch: `loss(params, batch, { key, step, state })`, a fresh
   * key each step, the step number (int32 scalar, from 0) and the model state. It returns a
   * scalar, or `[scalar, { state?, ...metrics }]` (see models/fit-step.ts).
   */
  readonly loss: (params: NoInfer<P>, batch: B, ctx: LossContext<NoInfer<M>>) => LossResult<NoInfer<M>>;
  /** The initial parameters (their type is the one every other option is checked against). */
  readonly params: P;
  readonly optimizer: O;
  /** The initial model state (batch-norm statistics), threaded through the steps by the loss's aux.state. */
  readonly modelState?: M;
  /**
   * The whole training set; cut into shuffled minibatches of `batchSize` each epoch (the last
   * partial batch is dropped, so every step has one shape and compiles once), or used whole.
   */
  readonly data?: B;
  readonly batchSize?: number;
  /** Or the batches of one epoch (its index and key given), for data that does not fit `data`. */
  readonly batches?: (epoch: number, key: random.Key) => Iterable<B>;
  /** How long to train: whole epochs, or a number of steps (epochs repeat until it is reached). */
  readonly epochs?: number;
  readonly steps?: number;
  /** The key of the shuffles and of the loss's per-step keys (required when minibatching `data`; default random.key(0)). */
  readonly key?: random.Key;
  /** Validation after every epoch: one metric, or a record of named ones. */
  readonly validate?: (params: P) => Validation;
  /** Stop when the validation stops improving (needs validate). */
  readonly earlyStopping?: EarlyStoppingOptions;
  /** Hand a snapshot to `save` every `every` steps and after the last. */
  readonly checkpoint?: { readonly every: number; readonly save: (snapshot: TrainingSnapshot<P, StateFor<O, P>, M>) => void };
  /** Told of the start, each step (its loss), each epoch (its validation) and the end; default silentReporter. */
  readonly reporter?: Reporter;
  /** Compile the step with jit (default true). */
  readonly jit?: boolean;
}

/** What training recorded. */
export interface FitHistory {
  /** The loss of every step. */
  readonly loss: readonly number[];
  /** The loss's aux metrics, per step, by name. */
  readonly metrics: Readonly<Record<string, readonly number[]>>;
  /** The validation of every epoch, when validate returns a number. */
  readonly validation: readonly number[];
  /** The validation metrics of every epoch, by name, when validate returns a record. */
  readonly validationMetrics: Readonly<Record<string, readonly number[]>>;
  /** With early stopping: the best epoch (whose values fit returned, unless restoreBest is false) and whether training stopped before its end. */
  readonly bestEpoch?: number;
  readonly stoppedEarly?: boolean;
}

/** What training produced. */
export interface FitResult<P, S, M = undefined> {
  readonly params: P;
  /** The optimizer's state. */
  readonly state: S;
  /** The model state (as given when fit had no modelState). */
  readonly modelState: M;
  readonly history: FitHistory;
}

/** Per-step loss keys come from the fit key folded with this tag, then with the step number, apart from the shuffles' keys. */
const LOSS_KEY_TAG = 0x1055;

/** Trains `params` on the batches with the optimizer; see the module comment. */
export function fit<P, O extends Optimizer<P, unknown>, B, M = undefined>(fitOptions: FitOptions<P, O, B, M>): FitResult<P, StateFor<O, P>, M> {
  type S = StateFor<O, P>;
  const options = requireOptions("fit", readOptions("fit", fitOptions, fitSpec), ["loss", "params", "optimizer"]) as unknown as FitOptions<P, O, B, M>;
  const { validate, checkpoint } = options;
  if (options.earlyStopping !== undefined && validate === undefined) fail("fit", "earlyStopping watches the validation: give validate too");
  const stopper = options.earlyStopping === undefined ? undefined : new EarlyStopper<StepCarry<P, S, M>>(options.earlyStopping);
  const reporter = options.reporter ?? silentReporter;
  const optimizer = options.optimizer as unknown as Optimizer<P, S>;
  const plan = schedule(options);
  const update = lossStep(options.loss as never, optimizer, options.modelState !== undefined) as (c: StepCarry<P, S, M>, b: B, k: random.Key, s: ArrayValue) => [StepCarry<P, S, M>, StepOutputs];
  const step = options.jit === false ? update : jit(update);
  let carry: StepCarry<P, S, M> = { params: options.params, optState: optimizer.init(options.params), modelState: options.modelState as M };
  const losses: number[] = [];
  const metrics: Record<string, number[]> = {};
  const validation: number[] = [];
  const validationMetrics: Record<string, number[]> = {};
  let stoppedEarly = false;
  let finished = false;
  const save = (epoch: number) => checkpoint?.save({ step: losses.length, epoch, params: carry.params, optState: carry.optState, modelState: carry.modelState });
  reporter.start?.({ totalSteps: plan.totalSteps });
  try {
    let key = options.key ?? random.key(0);
    const lossKeys = random.foldIn(key, LOSS_KEY_TAG);
    let epoch = 0;
    for (; losses.length < plan.totalSteps && !stoppedEarly; epoch++) {
      const [nextKey, epochKey] = [...random.split(key)] as [random.Key, random.Key];
      key = nextKey;
      for (const batch of plan.batches(epoch, epochKey)) {
        const index = losses.length;
        let outputs: StepOutputs;
        [carry, outputs] = step(carry, batch, random.foldIn(lossKeys, index), np.array(index, { dtype: "int32" }));
        const lossValue = Number(outputs.loss.item());
        losses.push(lossValue);
        for (const [name, value] of Object.entries(outputs.metrics)) (metrics[name] ??= []).push(Number(value.item()));
        reporter.step?.({ step: losses.length, totalSteps: plan.totalSteps, epoch, loss: lossValue });
        if (checkpoint !== undefined && losses.length % checkpoint.every === 0) save(epoch);
        if (losses.length >= plan.totalSteps) break;
      }
      const report = { epoch, step: losses.length, totalSteps: plan.totalSteps };
      if (validate === undefined) {
        reporter.epoch?.(report);
        continue;
      }
      const result = readValidation(validate(carry.params));
      if (typeof result === "number") validation.push(result);
      else for (const [name, value] of Object.entries(result)) (validationMetrics[name] ??= []).push(value);
      reporter.epoch?.(typeof result === "number" ? { ...report, validation: result } : { ...report, validationMetrics: result });
      const current = carry;
      if (stopper?.observe(epoch, stopper.monitored(result), () => current)) stoppedEarly = losses.length < plan.totalSteps;
    }
    if (checkpoint !== undefined && losses.length % checkpoint.every !== 0) save(Math.max(0, epoch - 1));
    finished = true;
  } finally {
    reporter.end?.({ step: losses.length, totalSteps: plan.totalSteps, finished });
  }
  carry = stopper?.restored() ?? carry;
  const history: FitHistory = { loss: losses, metrics, validation, validationMetrics, ...(stopper === undefined ? {} : { bestEpoch: stopper.bestEpoch, stoppedEarly }) };
  return { params: carry.params, state: carry.optState, modelState: carry.modelState, history };
}

/** A validation result: a finite-or-NaN number, or a record of them (checked, so a typo'd metric is not silently NaN). */
function readValidation(result: unknown): Validation {
  if (typeof result === "number") return result;
  if (isPlainRecord(result) && Object.values(result).every((v) => typeof v === "number")) return result as Record<string, number>;
  return fail("fit", `validate must return a number or a record of numbers, got ${describeValue(result)}`);
}

/** An optimizer as an option: an object with init and update functions. */
const optimizerOption: OptionCheck<unknown> = (op, name, value) => {
  const record = value as { init?: unknown; update?: unknown } | null;
  if (typeof value !== "object" || record === null || typeof record.init !== "function" || typeof record.update !== "function") {
    fail(op, `${name} must be an optimizer (an object with init and update functions, such as optim.adam({ learningRate: 1e-3 })), got ${describeValue(value)}`);
  }
  return value;
};

const positive = refine(count, (n) => n > 0, "a positive integer");

/** A pytree option (params, data): anything a pytree may hold, a bad value reported by fit at its path under the option. */
const treeOption: OptionCheck<unknown> = (op, name, value) => {
  flattenTree(op, value, name);
  return value;
};

/** A random key option: an array (random.key(seed)); random checks the rest when it uses it. */
const keyOption: OptionCheck<unknown> = (op, name, value) => {
  if (!(value instanceof ArrayValue)) fail(op, `${name} must be a random key from random.key(seed), got ${describeValue(value)}`);
  checkModelKey(op, value);
  return value;
};

const reporterMethods = ["start", "step", "epoch", "end"] as const;

/** The reporter option of fit: an object whose start/step/epoch/end, where present, are functions. */
const reporterOption: OptionCheck<Reporter> = (op, name, value) => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(op, `${name} must be a reporter (an object with optional start, step, epoch and end functions, such as models.plainReporter()), got ${describeValue(value)}`);
  }
  // A record literal may hold nothing else, so a misspelt callback is caught rather than never called.
  if (isPlainRecord(value)) {
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === "string" && (reporterMethods as readonly string[]).includes(key)) continue;
      const hint = typeof key === "string" ? closestName(key, reporterMethods) : undefined;
      fail(op, `${name} has an unknown key ${describeValue(key)}${hint === undefined ? "" : ` (did you mean ${JSON.stringify(hint)}?)`}; a reporter has start, step, epoch and end`);
    }
  }
  for (const method of reporterMethods) {
    const callback = (value as Record<string, unknown>)[method];
    if (callback !== undefined && typeof callback !== "function") fail(op, `${name}.${method} must be a function, got ${describeValue(callback)}`);
  }
  return value as Reporter;
};

/** The checkpoint option of fit: how often, and the callback that stores a snapshot. */
const checkpointOption: OptionCheck<unknown> = (op, name, value) => readOptions(`${op}: ${name}`, value, { every: positive, save: func });

/** The options of fit: every key it reads, each value checked. */
const fitSpec = {
  loss: func,
  params: treeOption,
  optimizer: optimizerOption,
  data: treeOption,
  batchSize: positive,
  batches: func,
  epochs: positive,
  steps: positive,
  key: keyOption,
  validate: func,
  modelState: treeOption,
  earlyStopping: readEarlyStopping,
  checkpoint: checkpointOption,
  reporter: reporterOption,
  jit: bool,
};

/** The batches of each epoch and how many steps to run in all. */
function schedule<P, O extends Optimizer<P, unknown>, B, M>(options: FitOptions<P, O, B, M>): { batches: (epoch: number, key: random.Key) => Iterable<B>; totalSteps: number } {
  const { data, batches, batchSize, epochs, steps } = options;
  if ((data === undefined) === (batches === undefined)) fail("fit", "give exactly one of `data` (a pytree of arrays) and `batches` (a function of the epoch)");
  if (epochs === undefined && steps === undefined) fail("fit", "give `epochs` or `steps`");
  if (batches !== undefined) {
    if (steps === undefined) fail("fit", "with `batches`, give `steps` (the number of batches per epoch is not known in advance)");
    return { batches, totalSteps: steps };
  }
  const leaves = tree.leaves(data as never) as unknown[];
  const notArray = leaves.find((x) => !(x instanceof ArrayValue) || x.ndim === 0);
  if (notArray !== undefined) fail("fit", `every leaf of \`data\` must be an array with an example axis, got ${notArray instanceof ArrayValue ? describe(notArray) : describeValue(notArray)}`);
  const n = (leaves as ArrayValue[])[0]?.shape[0];
  if (n === 0) fail("fit", `\`data\` has no examples (its leaves are ${(leaves as ArrayValue[]).map(describe).join(", ")}); there is nothing to train on`);
  if (n === undefined || (leaves as ArrayValue[]).some((x) => x.shape[0] !== n)) {
    fail("fit", `every leaf of \`data\` needs the same leading (example) axis; got shapes ${(leaves as ArrayValue[]).map((x) => `[${x.shape.join(",")}]`).join(", ")}`);
  }
  const size = Math.min(batchSize ?? n, n);
  if (size < n && options.key === undefined) fail("fit", "minibatching `data` needs a `key` for the shuffles");
  const perEpoch = Math.floor(n / size);
  const totalSteps = steps ?? perEpoch * epochs!;
  const epochBatches = function* (_epoch: number, key: random.Key): Iterable<B> {
    if (size === n) {
      yield data!;
      return;
    }
    // A fresh permutation per epoch; the last partial batch is dropped so every step has one shape (one compilation).
    for (const indices of minibatches(key, n, size, { dropLast: true })) yield takeRows(data!, indices) as B;
  };
  return { batches: epochBatches, totalSteps };
}
