/**
 * Checks of hyperparameters shared by the transformations and schedules: a bad setting is an
 * error when the transformation is made, naming the function and the setting.
 */
import { fail } from "../../core/errors.js";
import type { LearningRate } from "./schedules.js";
import { bool, describeValue, finite, refine, type OptionCheck } from "../../core/validate.js";

/** A rate given as a number or a schedule is one of them (a finite number, or a function of the step). */
export function checkRate(op: string, name: string, rate: unknown): void {
  if (typeof rate === "number") finite(op, name, rate);
  else if (typeof rate !== "function") fail(op, `${name} must be a number or a schedule (a function of the step), got ${describeValue(rate)}`);
}

/** A learning rate or weight decay as an option: a finite number or a schedule (a function of the step). */
export const rateOption: OptionCheck<LearningRate> = (op, name, value) => {
  checkRate(op, name, value);
  return value as LearningRate;
};

/** A decay of a moving average: a number in [0, 1). */
export const decayOption: OptionCheck<number> = refine(finite, (v) => v >= 0 && v < 1, "in [0, 1)");

/** A non-negative finite number. */
export const nonNegativeOption: OptionCheck<number> = refine(finite, (v) => v >= 0, "a non-negative finite number");

/** The options of scaleByAdam (and of adam and adamw besides their learning rate and decay). */
export const adamOptions = { b1: decayOption, b2: decayOption, eps: finite, epsRoot: finite };

/** The options of scaleByRms. */
export const rmsOptions = { decay: decayOption, eps: finite, initialScale: finite, epsInSqrt: bool };

/** The options of scaleByAdagrad. */
export const adagradOptions = { initialAccumulatorValue: nonNegativeOption, eps: finite };

/** Fails unless `t` is a gradient transformation (an object with a name and init and update functions). */
export function checkTransformation(op: string, t: unknown, what: string): void {
  const record = t as { name?: unknown; init?: unknown; update?: unknown } | null;
  if (typeof t !== "object" || record === null || typeof record.init !== "function" || typeof record.update !== "function" || typeof record.name !== "string") {
    fail(op, `${what} is not a gradient transformation (an object with a name and init and update functions), got ${describeValue(t)}`);
  }
}
