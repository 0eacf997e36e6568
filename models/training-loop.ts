/**
 * The loop under `fit`: folds a jitted step over the batches of each epoch, keeps the history,
 * validates after each epoch, stops early (on the validation, or when onEpoch says so), hands snapshots to a checkpoint callback and tells the
 * reporter. It knows nothing of losses or optimizers: `fit` builds the step (from a loss and an
 * optimizer, or takes the user's own) and the carry it threads.
 */
import { fail } from "../core/errors.js";
import type { ArrayValue } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import * as random from "../core/random/index.js";
import { describeValue, isPlainRecord } from "../core/validate.js";
import { jit } from "../transforms/jit/jit.js";
import { EarlyStopper, type EarlyStoppingOptions } from "./early-stopping.js";
import type { EpochReport, Reporter } from "./reporter.js";

/** What a validation returns after each epoch: one number, or several named ones. */
export type Validation = number | Readonly<Record<string, number>>;

/** What training recorded. */
export interface FitHistory {
  /** The loss of every step (for a custom step, its `loss` metric, when it returns one). */
  readonly loss: readonly number[];
  /** Every other metric of every step, by name (a loss's aux metrics, a custom step's metrics). */
  readonly metrics: Readonly<Record<string, readonly number[]>>;
  /** The validation of every epoch, when validate returns a number. */
  readonly validation: readonly number[];
  /** The validation metrics of every epoch, by name, when validate returns a record. */
  readonly validationMetrics: Readonly<Record<string, readonly number[]>>;
  /** With early stopping: the best epoch (whose values fit returned, unless restoreBest is false); with early stopping or onEpoch: whether training stopped before its end. */
  readonly bestEpoch?: number;
  readonly stoppedEarly?: boolean;
}

/** A step as the loop runs it: the carry, a batch, the step's key and its number (an int32 scalar) in; the next carry and scalar metrics out. */
export type LoopStep<C, B> = (carry: C, batch: B, key: random.Key, step: ArrayValue) => readonly [C, Readonly<Record<string, ArrayValue>>];

/** What the loop needs. */
export interface LoopSpec<C, B> {
  readonly carry: C;
  readonly step: LoopStep<C, B>;
  readonly jit: boolean;
  readonly batches: (epoch: number, key: random.Key) => Iterable<B>;
  readonly totalSteps: number;
  readonly key: random.Key;
  readonly validate?: (carry: C) => unknown;
  readonly earlyStopping?: EarlyStoppingOptions;
  readonly checkpoint?: { readonly every: number; readonly save: (carry: C, step: number, epoch: number) => void };
  /** Called after each epoch (after validation) with the carry; returning "stop" ends training. */
  readonly onEpoch?: (carry: C, report: EpochReport) => unknown;
  readonly reporter: Reporter;
}

/** Per-step keys come from the fit key folded with this tag, then with the step number, apart from the shuffles' keys. */
const STEP_KEY_TAG = 0x1055;

/** Runs the training; returns the final (or, with early stopping's restoreBest, the best) carry and the history. */
export function runTraining<C, B>(spec: LoopSpec<C, B>): { carry: C; history: FitHistory } {
  const { validate, checkpoint, reporter, totalSteps } = spec;
  if (spec.earlyStopping !== undefined && validate === undefined) fail("fit", "earlyStopping watches the validation: give validate too");
  const stopper = spec.earlyStopping === undefined ? undefined : new EarlyStopper<C>(spec.earlyStopping);
  // The step's key is folded from the step keys inside the step, so under jit it is part of the
  // compiled program rather than an extra eager operation per step.
  const keyed = (carry: C, batch: B, stepKeys: random.Key, index: ArrayValue) => spec.step(carry, batch, random.foldIn(stepKeys, index), index);
  const step = spec.jit ? jit(keyed) : keyed;
  let carry = spec.carry;
  const losses: number[] = [];
  const metrics: Record<string, number[]> = {};
  const validation: number[] = [];
  const validationMetrics: Record<string, number[]> = {};
  let done = 0;
  let stoppedEarly = false;
  let finished = false;
  reporter.start?.({ totalSteps });
  try {
    let key = spec.key;
    const stepKeys = random.foldIn(key, STEP_KEY_TAG);
    let epoch = 0;
    for (; done < totalSteps && !stoppedEarly; epoch++) {
      const [nextKey, epochKey] = [...random.split(key)] as [random.Key, random.Key];
      key = nextKey;
      for (const batch of spec.batches(epoch, epochKey)) {
        let outputs: Readonly<Record<string, ArrayValue>>;
        [carry, outputs] = step(carry, batch, stepKeys, np.array(done, { dtype: "int32" }));
        done++;
        const others: Record<string, number> = {};
        let loss: number | undefined;
        for (const [name, value] of Object.entries(outputs)) {
          const number = Number(value.item());
          if (name === "loss") loss = number;
          else (metrics[name] ??= []).push((others[name] = number));
        }
        if (loss !== undefined) losses.push(loss);
        reporter.step?.({ step: done, totalSteps, epoch, ...(loss === undefined ? {} : { loss }), ...(Object.keys(others).length === 0 ? {} : { metrics: others }) });
        if (checkpoint !== undefined && done % checkpoint.every === 0) checkpoint.save(carry, done, epoch);
        if (done >= totalSteps) break;
      }
      let report: EpochReport = { epoch, step: done, totalSteps };
      if (validate !== undefined) {
        const result = readValidation(validate(carry));
        if (typeof result === "number") validation.push(result);
        else for (const [name, value] of Object.entries(result)) (validationMetrics[name] ??= []).push(value);
        report = typeof result === "number" ? { ...report, validation: result } : { ...report, validationMetrics: result };
        const current = carry;
        if (stopper?.observe(epoch, stopper.monitored(result), () => current)) stoppedEarly = done < totalSteps;
      }
      reporter.epoch?.(report);
      if (spec.onEpoch !== undefined && readEpochAnswer(spec.onEpoch(carry, report)) && done < totalSteps) stoppedEarly = true;
    }
    if (checkpoint !== undefined && done % checkpoint.every !== 0) checkpoint.save(carry, done, Math.max(0, epoch - 1));
    finished = true;
  } finally {
    reporter.end?.({ step: done, totalSteps, finished });
  }
  const history: FitHistory = {
    loss: losses,
    metrics,
    validation,
    validationMetrics,
    ...(stopper === undefined ? {} : { bestEpoch: stopper.bestEpoch }),
    ...(stopper === undefined && spec.onEpoch === undefined ? {} : { stoppedEarly }),
  };
  return { carry: stopper?.restored() ?? carry, history };
}

/** What onEpoch returned: "stop" ends training, nothing goes on; anything else is an error rather than a guess. */
function readEpochAnswer(answer: unknown): boolean {
  if (answer === undefined) return false;
  if (answer === "stop") return true;
  return fail("fit", `onEpoch must return nothing or "stop", got ${describeValue(answer)}`);
}

/** A validation result: a number, or a record of numbers (checked, so a typo'd metric is not silently NaN). */
function readValidation(result: unknown): Validation {
  if (typeof result === "number") return result;
  if (isPlainRecord(result) && Object.values(result).every((v) => typeof v === "number")) return result as Record<string, number>;
  return fail("fit", `validate must return a number or a record of numbers, got ${describeValue(result)}`);
}
