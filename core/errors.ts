/**
 * Errors raised for bad input: each names the op that received it, what it got and what it
 * expected, so the message alone tells a user what to fix.
 */
import { shortName, type DType } from "./dtype.js";

/** An error raised by a tessera op for invalid input. */
export class TesseraError extends Error {
  /** The op that rejected its input (e.g. "add", "linalg.cholesky"). */
  readonly op: string;
  constructor(op: string, message: string) {
    super(`tessera.${op}: ${message}`);
    this.name = "TesseraError";
    this.op = op;
  }
}

/** Throws a TesseraError for `op` with `message`. */
export function fail(op: string, message: string): never {
  throw new TesseraError(op, message);
}

/** Formats an abstract value the way jaxprs print it: `f32[2,3]`. */
export function describe(value: { readonly shape: readonly number[]; readonly dtype: DType }): string {
  return `${shortName(value.dtype)}[${value.shape.join(",")}]`;
}

/** Formats a list of abstract values: `f32[2,3], i32[4]`. */
export function describeAll(values: readonly { readonly shape: readonly number[]; readonly dtype: DType }[]): string {
  return values.map(describe).join(", ");
}
