/**
 * Reading fit's options: the check of each option's value, and the schedule (which batches each
 * epoch runs, how many steps in all) from `data`/`batches`, `batchSize`, `epochs`/`steps`.
 */
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import type * as random from "../core/random/index.js";
import * as tree from "../core/tree.js";
import { flattenTree } from "../core/tree-walk.js";
import { bool, closestName, count, describeValue, func, isPlainRecord, readOptions, refine, type OptionCheck } from "../core/validate.js";
import { checkModelKey } from "./checks.js";
import { minibatches, takeRows } from "./data.js";
import { readEarlyStopping } from "./early-stopping.js";
import type { Reporter } from "./reporter.js";

/** The options the schedule reads. */
export interface ScheduleOptions<B> {
  readonly data?: B;
  readonly batchSize?: number;
  readonly batches?: (epoch: number, key: random.Key) => Iterable<B>;
  readonly epochs?: number;
  readonly steps?: number;
  readonly key?: random.Key;
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

/** The options of fit, both forms: every key it reads, each value checked. */
export const fitSpec = {
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
  step: func,
  carry: treeOption,
  earlyStopping: readEarlyStopping,
  checkpoint: checkpointOption,
  onEpoch: func,
  reporter: reporterOption,
  jit: bool,
};

/** The batches of each epoch and how many steps to run in all. */
export function schedule<B>(options: ScheduleOptions<B>): { batches: (epoch: number, key: random.Key) => Iterable<B>; totalSteps: number } {
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
