/**
 * Argument checks shared by the models: array operands, PRNG keys and params records. Each
 * names the model function that received the value, so a bad argument is reported where it was
 * passed, not by whichever np op would have stumbled over it later.
 */
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import { checkKey, type Key } from "../core/random/common.js";
import { describeValue } from "../core/validate.js";

/** Fails unless `x` is an array (a live one: a leaked tracer is reported too). */
export function checkArray(op: string, name: string, x: unknown): asserts x is ArrayValue {
  if (!(x instanceof ArrayValue)) fail(op, `${name} must be an array, got ${describeValue(x)}`);
  x.assertLive(op);
}

/** Fails unless `x` is an array of one of the ranks in `ranks` (`expected` says which, as "[samples, features]"). */
export function checkRank(op: string, name: string, x: unknown, ranks: readonly number[], expected: string): asserts x is ArrayValue {
  checkArray(op, name, x);
  if (!ranks.includes(x.ndim)) fail(op, `${name} must be ${expected}, got ${describe(x)}`);
}

/** Fails unless `key` is a single PRNG key (a uint32 array of shape [2]), naming `op`. */
export function checkModelKey(op: string, key: unknown): asserts key is Key {
  checkKey(op, key, op);
}

/** Fails unless `record` (the argument called `name`) is a record whose `fields` are arrays (`what` names the record, as "LinearParams"). */
export function checkRecord(op: string, name: string, record: unknown, fields: readonly string[], what: string): void {
  if (typeof record !== "object" || record === null || Array.isArray(record) || record instanceof ArrayValue) {
    fail(op, `${name} must be a ${what} record {${fields.join(", ")}}, got ${describeValue(record)}`);
  }
  for (const field of fields) {
    const value = (record as Record<string, unknown>)[field];
    if (!(value instanceof ArrayValue)) fail(op, `${name}.${field} must be an array (${name} is a ${what} record {${fields.join(", ")}}), got ${describeValue(value)}`);
    value.assertLive(op);
  }
}

/** Fails unless `size` is a positive integer. */
export function checkSize(op: string, name: string, size: number): void {
  if (!Number.isInteger(size) || size < 1) fail(op, `${name} must be a positive integer, got ${describeValue(size)}`);
}
