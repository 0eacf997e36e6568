/**
 * `fit`: the training loop every model shares, pure at heart. It builds one step
 * (loss, gradients, optimizer update, new parameters), jits it, and folds it over the batches;
 * the caller gets the final parameters, the optimizer state and the history back and nothing
 * else changes. Around the fold sit the only effects: a progress bar on an interactive terminal
 * (cli-progress; nothing when output is not a TTY or `silent` is set) and an `onStep` callback.
 *
 * @example
 * const { params, history } = fit({
 *   loss: (p, batch) => lossOf(p, batch.x, batch.y),
 *   params: init, optimizer: adam({ learningRate: 1e-3 }),
 *   data: { x, y }, batchSize: 64, epochs: 10, key: random.key(0),
 *   validate: (p) => accuracyOn(p, xTest, yTest),
 * });
 */
import { SingleBar } from "cli-progress";
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import * as random from "../core/random.js";
import * as tree from "../core/tree.js";
import { flattenTree } from "../core/tree-walk.js";
import { valueAndGrad } from "../transforms/autodiff.js";
import { jit } from "../transforms/jit/jit.js";
import { bool, count, describeValue, func, readOptions, refine, requireOptions, type OptionCheck } from "../core/validate.js";
import { checkModelKey } from "./checks.js";
import { minibatches, takeRows } from "./data.js";
import { applyUpdates, type GradientTransformation, type StateOf } from "./optim/transformation.js";

/** What fit needs of an optimizer (a GradientTransformation of models/optim is one). */
export interface Optimizer<P, S> {
  init(params: P): S;
  update(grads: P, state: S, params?: P): readonly [P, S];
}

/** The optimizer state type fit returns: precise for models/optim transformations. */
type StateFor<O, P> = O extends GradientTransformation<infer F> ? StateOf<F, P> : O extends Optimizer<P, infer S> ? S : never;

/** One step's report to `onStep`. */
export interface StepInfo {
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
}

/** The inputs of `fit`. Batches are pytrees of arrays whose leaves share a leading (example) axis. */
export interface FitOptions<P, O extends Optimizer<P, unknown>, B> {
  /** A scalar loss of the parameters on one batch. */
  readonly loss: (params: NoInfer<P>, batch: B) => ArrayValue;
  /** The initial parameters (their type is the one every other option is checked against). */
  readonly params: P;
  readonly optimizer: O;
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
  /** Shuffling key (required when minibatching `data`). */
  readonly key?: random.Key;
  /** A validation metric of the parameters, computed after every epoch. */
  readonly validate?: (params: P) => number;
  readonly onStep?: (info: StepInfo) => void;
  /** No progress bar even on a terminal. */
  readonly silent?: boolean;
  /** Compile the step with jit (default true). */
  readonly jit?: boolean;
}

/** What training produced. */
export interface FitResult<P, S> {
  readonly params: P;
  readonly state: S;
  readonly history: { readonly loss: readonly number[]; readonly validation: readonly number[] };
}

/** Trains `params` on the batches with the optimizer; see the module comment. */
export function fit<P, O extends Optimizer<P, unknown>, B>(fitOptions: FitOptions<P, O, B>): FitResult<P, StateFor<O, P>> {
  type S = StateFor<O, P>;
  const options = requireOptions("fit", readOptions("fit", fitOptions, fitSpec), ["loss", "params", "optimizer"]) as unknown as FitOptions<P, O, B>;
  const { loss, validate, onStep } = options;
  const optimizer = options.optimizer as unknown as Optimizer<P, S>;
  const plan = schedule(options);
  const update = (params: P, state: S, batch: B): [P, S, ArrayValue] => {
    const [value, grads] = valueAndGrad((p: P) => loss(p, batch))(params) as [ArrayValue, P];
    const [updates, next] = optimizer.update(grads, state, params);
    return [applyUpdates(params, updates), next, value];
  };
  const step = options.jit === false ? update : jit(update);
  const bar = progressBar(plan.totalSteps, options.silent === true);
  let params = options.params;
  let state = optimizer.init(params);
  const losses: number[] = [];
  const validation: number[] = [];
  try {
    let key = options.key ?? random.key(0);
    for (let epoch = 0; losses.length < plan.totalSteps; epoch++) {
      const [nextKey, epochKey] = [...random.split(key)] as [random.Key, random.Key];
      key = nextKey;
      for (const batch of plan.batches(epoch, epochKey)) {
        let value: ArrayValue;
        [params, state, value] = step(params, state, batch);
        const lossValue = Number(value.item());
        losses.push(lossValue);
        bar?.update(losses.length, { loss: lossValue.toPrecision(4) });
        onStep?.({ step: losses.length, epoch, loss: lossValue });
        if (losses.length >= plan.totalSteps) break;
      }
      if (validate !== undefined) validation.push(validate(params));
    }
  } finally {
    bar?.stop();
  }
  return { params, state, history: { loss: losses, validation } };
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
  onStep: func,
  silent: bool,
  jit: bool,
};

/** The batches of each epoch and how many steps to run in all. */
function schedule<P, O extends Optimizer<P, unknown>, B>(options: FitOptions<P, O, B>): { batches: (epoch: number, key: random.Key) => Iterable<B>; totalSteps: number } {
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

/** A terminal progress bar (step, loss, ETA), or null when output is not interactive or silence is asked. */
function progressBar(total: number, silent: boolean): SingleBar | null {
  if (silent || !process.stdout.isTTY) return null;
  const bar = new SingleBar({ format: "step {value}/{total} [{bar}] loss {loss} | ETA {eta_formatted}", hideCursor: true, clearOnComplete: false });
  bar.start(total, 0, { loss: "-" });
  return bar;
}
