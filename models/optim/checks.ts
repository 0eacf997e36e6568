/**
 * Checks of hyperparameters shared by the transformations and schedules: a bad setting is an
 * error when the transformation is made, naming the function and the setting.
 */
import { fail } from "../../core/errors.js";

/** Each named value is a finite number. */
export function checkFinite(op: string, values: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== "number" || !Number.isFinite(value)) fail(op, `${name} must be a finite number, got ${String(value)}`);
  }
}

/** A rate given as a number or a schedule is one of them (a finite number, or a function of the step). */
export function checkRate(op: string, name: string, rate: unknown): void {
  if (typeof rate === "number") checkFinite(op, { [name]: rate });
  else if (typeof rate !== "function") fail(op, `${name} must be a number or a schedule (a function of the step), got ${typeof rate}`);
}
