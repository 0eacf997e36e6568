/**
 * Reads a layer input given as a record of arrays ({ query, keyValue, mask }, { input, offset }):
 * a layer's `ctx` takes only key, train and state, so whatever else a call needs travels with the
 * input. Unknown fields fail with a "did you mean", as option keys do.
 */
import { fail } from "../../core/errors.js";
import { closestName, describeValue, isPlainRecord } from "../../core/validate.js";

/** The fields of `value`, a plain record whose keys are all in `allowed` (`expected` describes the accepted inputs). */
export function readInputRecord(op: string, value: unknown, allowed: readonly string[], expected: string): Record<string, unknown> {
  if (!isPlainRecord(value)) fail(op, `input must be ${expected}, got ${describeValue(value)}`);
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === "string" && allowed.includes(key)) continue;
    const hint = typeof key === "string" ? closestName(key, allowed) : undefined;
    fail(op, `unknown input field ${describeValue(key)}${hint === undefined ? "" : ` (did you mean ${JSON.stringify(hint)}?)`}; the input record takes ${allowed.join(", ")}`);
  }
  return value;
}
