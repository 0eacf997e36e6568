/**
 * Early stopping for `fit`: after each epoch, the monitored validation metric either improves on
 * the best so far (by more than `minDelta`, in the direction `mode` says) or one more epoch of
 * patience is used up; when `patience` epochs pass without improvement, training stops, and with
 * `restoreBest` (the default) fit returns the values of the best epoch.
 */
import { fail } from "../core/errors.js";
import { bool, count, finite, oneOf, readOptions, refine, requireOptions, string } from "../core/validate.js";

/** Options of early stopping. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement before stopping (a positive integer). */
  readonly patience: number;
  /** Whether a smaller ("min": a loss) or larger ("max": an accuracy) metric is better. Required: no default can know. */
  readonly mode: "min" | "max";
  /** The metric to watch when `validate` returns a record of several; omit when it returns a number. */
  readonly monitor?: string;
  /** The least change that counts as an improvement (default 0). */
  readonly minDelta?: number;
  /** Return the best epoch's params and states rather than the last ones (default true). */
  readonly restoreBest?: boolean;
}

const spec = {
  patience: refine(count, (n) => n > 0, "a positive integer"),
  mode: oneOf(["min", "max"] as const),
  monitor: string,
  minDelta: refine(finite, (x) => x >= 0, "a non-negative number"),
  restoreBest: bool,
};

/** Reads fit's earlyStopping option. */
export function readEarlyStopping(op: string, name: string, value: unknown): EarlyStoppingOptions {
  return requireOptions(`${op}: ${name}`, readOptions(`${op}: ${name}`, value, spec), ["patience", "mode"]) as EarlyStoppingOptions;
}

/** The running state of early stopping over the epochs of one fit, holding the best epoch's snapshot. */
export class EarlyStopper<T> {
  #best: number | undefined;
  #bestEpoch = -1;
  #snapshot: T | undefined;
  #waited = 0;

  constructor(private readonly options: EarlyStoppingOptions) {}

  /** The monitored value of one epoch's validation (a number, or a record holding `monitor`). */
  monitored(validation: number | Readonly<Record<string, number>>): number {
    const { monitor } = this.options;
    if (typeof validation === "number") {
      if (monitor !== undefined) fail("fit", `earlyStopping.monitor is "${monitor}" but validate returns a single number; omit monitor`);
      return validation;
    }
    if (monitor === undefined) fail("fit", `validate returns several metrics (${Object.keys(validation).join(", ")}); earlyStopping needs monitor: the one to watch`);
    const value = validation[monitor];
    if (value === undefined) fail("fit", `earlyStopping.monitor is "${monitor}" but validate returned ${Object.keys(validation).join(", ")}`);
    return value;
  }

  /** Records an epoch's value; returns true when training should stop. `snapshot` is called only when the epoch is the best so far. */
  observe(epoch: number, value: number, snapshot: () => T): boolean {
    const { mode, minDelta = 0, patience } = this.options;
    const improved = this.#best === undefined || (mode === "min" ? value < this.#best - minDelta : value > this.#best + minDelta);
    if (improved && !Number.isNaN(value)) {
      this.#best = value;
      this.#bestEpoch = epoch;
      this.#snapshot = snapshot();
      this.#waited = 0;
      return false;
    }
    this.#waited++;
    return this.#waited >= patience;
  }

  /** The epoch with the best value so far (-1 before any). */
  get bestEpoch(): number {
    return this.#bestEpoch;
  }

  /** The best epoch's snapshot when restoreBest (default) is on and there is one; else undefined. */
  restored(): T | undefined {
    return this.options.restoreBest === false ? undefined : this.#snapshot;
  }
}
