/**
 * `fit`: the training loop every model shares, pure at heart. It builds one step
 * (loss, gradients, optimizer update, new parameters), jits it, and folds it over the batches;
 * the caller gets the final parameters, the optimizer state and the history back and nothing
 * else changes. Around the fold sits the only effect: the `reporter` (models/reporter.ts), told of
 * the start, every step, every epoch and the end. It reports nothing unless given one; the Node
 * entry's `models.fit` defaults to a terminal progress bar (node/fit.ts), so this file stays
 * free of Node.
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
 */
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import * as random from "../core/random/index.js";
import * as tree from "../core/tree.js";
import { flattenTree } from "../core/tree-walk.js";
import { valueAndGrad } from "../transforms/autodiff.js";
import { jit } from "../transforms/jit/jit.js";
import { bool, closestName, count, describeValue, func, isPlainRecord, readOptions, refine, requireOptions, type OptionCheck } from "../core/validate.js";
import { checkModelKey } from "./checks.js";
import { minibatches, takeRows } from "./data.js";
import { applyUpdates, type GradientTransformation, type StateOf } from "./optim/transformation.js";
import { silentReporter, type Reporter } from "./reporter.js";

/** What fit needs of an optimizer (a GradientTransformation of models/optim is one). */
export interface Optimizer<P, S> {
  init(params: P): S;
  update(grads: P, state: S, params?: P): readonly [P, S];
}

/** The optimizer state type fit returns: precise for models/optim transformations. */
type StateFor<O, P> = O extends GradientTransformation<infer F> ? StateOf<F, P> : O extends Optimizer<P, infer S> ? S : never;

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
  /** Told of the start, each step (its loss), each epoch (its validation) and the end; default silentReporter. */
  readonly reporter?: Reporter;
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
  const { loss, validate } = options;
  const reporter = options.reporter ?? silentReporter;
  const optimizer = options.optimizer as unknown as Optimizer<P, S>;
  const plan = schedule(options);
  const update = (params: P, state: S, batch: B): [P, S, ArrayValue] => {
    const [value, grads] = valueAndGrad((p: P) => loss(p, batch))(params) as [ArrayValue, P];
    const [updates, next] = optimizer.update(grads, state, params);
    return [applyUpdates(params, updates), next, value];
  };
  const step = options.jit === false ? update : jit(update);
  let params = options.params;
  let state = optimizer.init(params);
  const losses: number[] = [];
  const validation: number[] = [];
  let finished = false;
  reporter.start?.({ totalSteps: plan.totalSteps });
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
        reporter.step?.({ step: losses.length, totalSteps: plan.totalSteps, epoch, loss: lossValue });
        if (losses.length >= plan.totalSteps) break;
      }
      const report = { epoch, step: losses.length, totalSteps: plan.totalSteps };
      if (validate === undefined) {
        reporter.epoch?.(report);
      } else {
        const metric = validate(params);
        validation.push(metric);
        reporter.epoch?.({ ...report, validation: metric });
      }
    }
    finished = true;
  } finally {
    reporter.end?.({ step: losses.length, totalSteps: plan.totalSteps, finished });
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
  reporter: reporterOption,
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
