/**
 * Schedules: learning rates (or weight decays) as pure functions of the step count. The count
 * lives in the optimizer's state as an int32 scalar array, so a schedule is written with array
 * ops (`np.where`, never a JS `if` on the step): a jitted training step is traced once and serves
 * every step. Results are float32 scalars, computed as optax computes them; `valueAt` evaluates a
 * schedule at a plain step number.
 *
 * @example
 * const lr = warmupCosineDecay({ initValue: 0, peakValue: 1e-3, warmupSteps: 100, decaySteps: 1000 });
 * valueAt(lr, 100); // 0.001
 * const optimizer = adam({ learningRate: lr });
 */
import { fail } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { bool, checkArity, checkFunction, count, describeValue, finite, func, listOf, readOptions, refine, requireOptions, type OptionCheck } from "../../core/validate.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A value as a function of the step count (an int32 scalar array, traced under `jit`); returns a float32 scalar. */
export type Schedule = (step: ArrayValue) => ArrayValue;

/** A learning rate: a fixed number or a schedule. */
export type LearningRate = number | Schedule;

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The same value at every step.
 *
 * @example
 * valueAt(constant(0.1), 1000); // 0.1 (as float32)
 */
export function constant(value: number): Schedule {
  finite("constant", "value", value);
  checkArity("constant", arguments, 1);
  return (step) => np.fullLike(asFloat(step), value);
}

/**
 * `values[0]` before `boundaries[0]`, then `values[i]` from `boundaries[i - 1]` on (a step equal to
 * a boundary takes the next value, as optax's `piecewise_constant_schedule`).
 *
 * @example
 * const eta0 = 0.1;
 * const lr = piecewiseConstant({ boundaries: [100, 200], values: [eta0, eta0 / 10, eta0 / 100] });
 * valueAt(lr, 99); // 0.1; valueAt(lr, 100) is 0.01; valueAt(lr, 250) is 0.001
 */
export function piecewiseConstant(options: { readonly boundaries: readonly number[]; readonly values: readonly number[] }): Schedule {
  const { boundaries, values } = scheduleOptions("piecewiseConstant", options, { boundaries: listOf(count), values: listOf(finite) }, ["boundaries", "values"]);
  if (values.length !== boundaries.length + 1) {
    fail("piecewiseConstant", `needs one more value than boundaries, got ${values.length} values for ${boundaries.length} boundaries`);
  }
  checkBoundaries("piecewiseConstant", boundaries);
  return (step) => {
    const t = asFloat(step);
    return boundaries.reduce<ArrayValue>((value, boundary, i) => np.where(np.less(t, boundary), value, values[i + 1]!), np.fullLike(t, values[0]!));
  };
}

/**
 * The sublinear decay `initValue / (1 + rate * step)`.
 *
 * @example
 * valueAt(inverseTimeDecay({ initValue: 1, rate: 0.5 }), 2); // 0.5
 */
export function inverseTimeDecay(options: { readonly initValue: number; readonly rate: number }): Schedule {
  const { initValue, rate } = scheduleOptions("inverseTimeDecay", options, { initValue: finite, rate: nonNegative }, ["initValue", "rate"]);
  return (step) => np.divide(initValue, np.add(1, np.multiply(rate, asFloat(step))));
}

/**
 * The sublinear decay `initValue / sqrt(1 + rate * step)`.
 *
 * @example
 * valueAt(inverseSqrtDecay({ initValue: 1, rate: 1 }), 3); // 0.5
 */
export function inverseSqrtDecay(options: { readonly initValue: number; readonly rate: number }): Schedule {
  const { initValue, rate } = scheduleOptions("inverseSqrtDecay", options, { initValue: finite, rate: nonNegative }, ["initValue", "rate"]);
  return (step) => np.divide(initValue, np.sqrt(np.add(1, np.multiply(rate, asFloat(step)))));
}

/**
 * From `initValue` to `endValue` linearly over `transitionSteps` steps starting at `transitionBegin`
 * (default 0), constant on either side (optax's `linear_schedule`).
 *
 * @example
 * valueAt(linear({ initValue: 0, endValue: 1, transitionSteps: 10 }), 5); // 0.5
 */
export function linear(options: { readonly initValue: number; readonly endValue: number; readonly transitionSteps: number; readonly transitionBegin?: number }): Schedule {
  const spec = { initValue: finite, endValue: finite, transitionSteps: positiveSteps, transitionBegin: count };
  const { initValue, endValue, transitionSteps, transitionBegin = 0 } = scheduleOptions("linear", options, spec, ["initValue", "endValue", "transitionSteps"]);
  return (step) => {
    const t = np.clip(np.subtract(asFloat(step), transitionBegin), 0, transitionSteps);
    const remaining = np.subtract(1, np.divide(t, transitionSteps));
    return np.add(np.multiply(initValue - endValue, remaining), endValue);
  };
}

/**
 * `initValue * decayRate ** ((step - transitionBegin) / transitionSteps)` from `transitionBegin`
 * on (the exponent floored when `staircase`), `initValue` before it, and bounded by `endValue`
 * when given (a floor when decaying, a ceiling when growing), as optax's `exponential_decay`.
 *
 * @example
 * valueAt(exponentialDecay({ initValue: 1, transitionSteps: 10, decayRate: 0.5 }), 20); // 0.25
 */
export function exponentialDecay(options: {
  readonly initValue: number;
  readonly transitionSteps: number;
  readonly decayRate: number;
  readonly transitionBegin?: number;
  readonly staircase?: boolean;
  readonly endValue?: number;
}): Schedule {
  const spec = {
    initValue: finite,
    transitionSteps: positiveSteps,
    decayRate: refine(finite, (v) => v > 0, "a positive finite number"),
    transitionBegin: count,
    staircase: bool,
    endValue: finite,
  };
  const read = scheduleOptions("exponentialDecay", options, spec, ["initValue", "transitionSteps", "decayRate"]);
  const { initValue, transitionSteps, decayRate, transitionBegin = 0, staircase = false, endValue } = read;
  return (step) => {
    const elapsed = np.subtract(asFloat(step), transitionBegin);
    const exponent = staircase ? np.floor(np.divide(elapsed, transitionSteps)) : np.divide(elapsed, transitionSteps);
    const decayed = np.where(np.lessEqual(elapsed, 0), initValue, np.multiply(initValue, np.power(decayRate, exponent)));
    if (endValue === undefined) return decayed;
    return decayRate < 1 ? np.maximum(decayed, endValue) : np.minimum(decayed, endValue);
  };
}

/**
 * `initValue * ((1 - alpha) * c ** exponent + alpha)` with `c = (1 + cos(pi * min(step, decaySteps) / decaySteps)) / 2`:
 * from `initValue` down to `alpha * initValue` at `decaySteps`, then constant (optax's `cosine_decay_schedule`).
 *
 * @example
 * valueAt(cosineDecay({ initValue: 1, decaySteps: 100 }), 50); // 0.5
 */
export function cosineDecay(options: { readonly initValue: number; readonly decaySteps: number; readonly alpha?: number; readonly exponent?: number }): Schedule {
  const spec = { initValue: finite, decaySteps: positiveSteps, alpha: finite, exponent: finite };
  const { initValue, decaySteps, alpha = 0, exponent = 1 } = scheduleOptions("cosineDecay", options, spec, ["initValue", "decaySteps"]);
  return (step) => {
    const t = np.minimum(asFloat(step), decaySteps);
    const cosine = np.multiply(0.5, np.add(1, np.cos(np.divide(np.multiply(Math.PI, t), decaySteps))));
    const shaped = exponent === 1 ? cosine : np.power(cosine, exponent);
    return np.multiply(initValue, np.add(np.multiply(1 - alpha, shaped), alpha));
  };
}

/**
 * A linear warmup from `initValue` to `peakValue` over `warmupSteps`, then a cosine decay to
 * `endValue` (default 0) reached at step `decaySteps` (counted from 0, warmup included), as
 * optax's `warmup_cosine_decay_schedule`.
 *
 * @example
 * const lr = warmupCosineDecay({ initValue: 0, peakValue: 1, warmupSteps: 10, decaySteps: 110 });
 * valueAt(lr, 5); // 0.5; valueAt(lr, 60) is 0.5; valueAt(lr, 110) is 0
 */
export function warmupCosineDecay(options: {
  readonly initValue: number;
  readonly peakValue: number;
  readonly warmupSteps: number;
  readonly decaySteps: number;
  readonly endValue?: number;
  readonly exponent?: number;
}): Schedule {
  const spec = { initValue: finite, peakValue: finite, warmupSteps: count, decaySteps: positiveSteps, endValue: finite, exponent: finite };
  const read = scheduleOptions("warmupCosineDecay", options, spec, ["initValue", "peakValue", "warmupSteps", "decaySteps"]);
  const { initValue, peakValue, warmupSteps, decaySteps, endValue = 0, exponent = 1 } = read;
  if (!(Number.isInteger(decaySteps) && decaySteps > warmupSteps)) {
    fail("warmupCosineDecay", `decaySteps must be an integer greater than warmupSteps (${warmupSteps}), got ${decaySteps}`);
  }
  const warmup = warmupSteps === 0 ? constant(initValue) : linear({ initValue, endValue: peakValue, transitionSteps: warmupSteps });
  const alpha = peakValue === 0 ? 0 : endValue / peakValue;
  const decay = cosineDecay({ initValue: peakValue, decaySteps: decaySteps - warmupSteps, alpha, exponent });
  return join([warmup, decay], [warmupSteps]);
}

/**
 * `schedules[0]` before `boundaries[0]`, then `schedules[i]` from `boundaries[i - 1]` on, each
 * seeing the steps since its own start (optax's `join_schedules`).
 *
 * @example
 * const lr = join([linear({ initValue: 0, endValue: 0.1, transitionSteps: 100 }), constant(0.1)], [100]);
 */
export function join(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  listOf(func)("join", "schedules", schedules);
  listOf(count)("join", "boundaries", boundaries);
  if (schedules.length !== boundaries.length + 1) {
    fail("join", `needs one more schedule than boundaries, got ${schedules.length} schedules for ${boundaries.length} boundaries`);
  }
  checkBoundaries("join", boundaries);
  return (step) =>
    boundaries.reduce<ArrayValue>(
      (value, boundary, i) => np.where(np.less(step, boundary), value, schedules[i + 1]!(np.subtract(step, boundary))),
      schedules[0]!(step),
    );
}

// -------------------------------------------------------------------------------------
// utils
// -------------------------------------------------------------------------------------

/**
 * A schedule's value at a plain step number, for printing and tests.
 *
 * @example
 * valueAt(exponentialDecay({ initValue: 1, transitionSteps: 1, decayRate: 0.5 }), 3); // 0.125
 */
export function valueAt(schedule: Schedule, step: number): number {
  checkFunction("valueAt", schedule, "the schedule");
  if (!Number.isInteger(step) || step < 0 || step > 2 ** 31 - 1) fail("valueAt", `the step must be a non-negative int32 integer, got ${describeValue(step)}`);
  return Number(schedule(np.array(step, { dtype: "int32" })).item());
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** The step as float32, the dtype every schedule computes in (steps up to 2^24 are exact). */
function asFloat(step: ArrayValue): ArrayValue {
  return np.astype(step, "float32");
}

/** A rate of decay: a non-negative finite number. */
const nonNegative = refine(finite, (v) => v >= 0, "a non-negative finite number");

/** A duration in steps: a positive integer. */
const positiveSteps = refine(count, (v) => v >= 1, "a positive integer");

/** Reads a schedule's options (every value checked, unknown keys rejected) and checks that the required ones are given. */
function scheduleOptions<S extends Record<string, OptionCheck<unknown>>, K extends keyof S & string>(op: string, options: unknown, spec: S, required: readonly K[]) {
  return requireOptions(op, readOptions(op, options, spec), required);
}

function checkBoundaries(op: string, boundaries: readonly number[]): void {
  boundaries.forEach((b, i) => {
    if (!Number.isInteger(b) || b < 0) fail(op, `boundaries must be non-negative integers, got ${describeValue(b)} at index ${i}`);
    if (i > 0 && b <= boundaries[i - 1]!) fail(op, `boundaries must increase, got [${boundaries.join(", ")}]`);
  });
}
