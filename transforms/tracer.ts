/**
 * Tracers: the values a transform hands to a user function in place of arrays. A tracer is an
 * `ArrayValue` (so user code cannot tell it from an array) owned by one interpreter. Transforms
 * close their interpreter when they return, so a tracer that leaked out (through a closure or a
 * global) is reported when it is used again instead of silently giving wrong numbers.
 */
import { fail, describe } from "../core/errors.js";
import type { Interpreter } from "../core/interpreter.js";
import { ArrayValue } from "../core/ndarray.js";
import type { Prim } from "../core/primitives.js";
import type { TypedArray } from "../core/dtype.js";

/** An interpreter that owns tracers and can be closed when its transform returns. */
export interface TracingInterpreter extends Interpreter {
  /** True once the transform that created this interpreter has returned. */
  readonly closed: boolean;
}

/** Base class of every transform's tracers. */
export abstract class Tracer extends ArrayValue {
  abstract readonly interpreter: TracingInterpreter;

  private concretizationError(what: string): never {
    return fail(
      what,
      `cannot read the values of a traced array (${describe(this)}) inside ${this.interpreter.name}: ` +
        `the function is being transformed, so its arrays are abstract; compute with array ops ` +
        `(np.where instead of if/else on values), or pass the value as a static argument`,
    );
  }
  toArray(): unknown {
    return this.concretizationError("toArray");
  }
  item(): number | boolean {
    return this.concretizationError("item");
  }
  toTypedArray(): TypedArray {
    return this.concretizationError("toTypedArray");
  }
  override toString(): string {
    return `Traced<${describe(this)}> (${this.interpreter.name})`;
  }
}

/** Throws the leaked-tracer error if any argument belongs to a closed interpreter. */
export function checkNoLeakedTracers(prim: Prim, args: readonly ArrayValue[]): void {
  for (const a of args) {
    if (a instanceof Tracer && a.interpreter.closed) {
      fail(
        prim,
        `a traced value (${describe(a)}) from a ${a.interpreter.name} transform that has already returned was used here; ` +
          `it escaped through a closure or an outer variable. Return values from transformed functions instead of storing them`,
      );
    }
  }
}

/**
 * Throws the leaked-tracer error if a transform's results hold a tracer of another interpreter
 * that is already closed (the transform's own tracers are its results).
 */
export function checkResultsNotLeaked(op: string, owner: TracingInterpreter, results: readonly ArrayValue[]): void {
  for (const r of results) {
    if (r instanceof Tracer && r.interpreter !== owner && r.interpreter.closed) {
      fail(
        op,
        `the function returned a traced value (${describe(r)}) from a ${r.interpreter.name} transform that had already returned; ` +
          `it escaped through a closure or an outer variable. Return values from transformed functions instead of storing them`,
      );
    }
  }
}

/** Runs `body` with `interpreter` installed, then closes the interpreter (even on error). */
export function runAndClose<T>(interpreter: { closed: boolean }, body: () => T): T {
  try {
    return body();
  } finally {
    interpreter.closed = true;
  }
}
