/**
 * Tracers: the values a transform hands to a user function in place of arrays. A tracer is an
 * `ArrayValue` (so user code cannot tell it from an array) owned by one interpreter. Transforms
 * close their interpreter when they return, so a tracer that leaked out (through a closure or a
 * global) is reported when it is used again instead of silently giving wrong numbers.
 */
import { fail, describe } from "../core/errors.js";
import { withInterpreter, type Interpreter } from "../core/interpreter.js";
import { inspectCustom } from "../core/inspect.js";
import { ArrayValue } from "../core/ndarray.js";
import type { Prim } from "../core/primitives.js";
import type { TypedArray } from "../core/dtype.js";

/** An interpreter that owns tracers and can be closed when its transform returns. */
export interface TracingInterpreter extends Interpreter {
  /** True once the transform that created this interpreter has returned. */
  readonly closed: boolean;
  /** The user-facing transform whose function is being traced ("jit", "grad", "vmap", "lax.scan", ...), for error messages. */
  readonly transform?: string;
}

/** The transform a user called to trace with `interpreter` (its name when none was recorded). */
function transformOf(interpreter: TracingInterpreter): string {
  return interpreter.transform ?? interpreter.name;
}

/** Base class of every transform's tracers. */
export abstract class Tracer extends ArrayValue {
  abstract readonly interpreter: TracingInterpreter;

  /**
   * JAX's ConcretizationTypeError: reading a traced array's values (to branch on them, convert
   * them to a JS number or copy them out) cannot work, because while a transform traces the
   * function its arrays stand for every possible input. A leaked tracer gets the leaked-tracer
   * error instead, which is the real mistake.
   */
  private concretizationError(op: string): never {
    this.assertLive(op);
    const transform = transformOf(this.interpreter);
    return fail(
      op,
      `abstract tracer value encountered where a concrete value is expected: the traced array ${describe(this)} inside ${transform} ` +
        `has no value yet (while ${transform} traces the function, its arrays stand for every possible input), so it cannot become ` +
        `a JS number or be read (+x, Number(x), x > 0, x + 1, if (x > 0), item, toArray, toTypedArray, JSON.stringify). ` +
        `Branch on values with lax.cond or np.where (loop with lax.whileLoop or lax.foriLoop), compute with array ops, ` +
        `or, under jit, mark a plain-number argument static with jit(f, { staticArgnums: [i] })`,
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
  protected toNumber(op: string): number {
    return this.concretizationError(op);
  }
  override assertLive(op: string): void {
    if (this.interpreter.closed) {
      fail(
        op,
        `a traced value (${describe(this)}) from a ${transformOf(this.interpreter)} transform that has already returned was used here; ` +
          `it escaped through a closure or an outer variable. Return values from transformed functions instead of storing them`,
      );
    }
  }
  /** `Traced<f32[2]>(jvp)`: the abstract value and the transform that traces it (JAX prints `Traced<ShapedArray(float32[2])>`). */
  override toString(): string {
    return `Traced<${describe(this)}>(${transformOf(this.interpreter)})`;
  }
  /** What console.log and the REPL show: the same text, not the interpreter's internals. */
  [inspectCustom](): string {
    return this.toString();
  }
  /** JSON.stringify of a traced array fails as reading it does: its values are not known while tracing. */
  override toJSON(): never {
    return this.concretizationError("toJSON");
  }
}

/** Throws the leaked-tracer error if any argument belongs to a closed interpreter. */
export function checkNoLeakedTracers(prim: Prim, args: readonly ArrayValue[]): void {
  for (const a of args) if (a instanceof Tracer) a.assertLive(prim);
}

/**
 * Throws the leaked-tracer error if a transform's results hold a tracer of another interpreter
 * that is already closed (the transform's own tracers are its results).
 */
function checkResultsNotLeaked(op: string, owner: TracingInterpreter, results: readonly ArrayValue[]): void {
  for (const r of results) {
    if (r instanceof Tracer && r.interpreter !== owner && r.interpreter.closed) {
      fail(
        op,
        `the function returned a traced value (${describe(r)}) from a ${transformOf(r.interpreter)} transform that had already returned; ` +
          `it escaped through a closure or an outer variable. Return values from transformed functions instead of storing them`,
      );
    }
  }
}

/**
 * How every transform runs the user's flat function: `f` is called on `inputs` (the transform's
 * tracers) with `interpreter` installed; the interpreter is closed when `f` returns or throws, so
 * tracers that leak out are caught when used again; and results that are another closed
 * transform's tracers are reported (as `op`). The caller unwraps the results.
 */
export function traceFlat(
  op: string,
  interpreter: TracingInterpreter & { closed: boolean },
  f: (args: ArrayValue[]) => ArrayValue[],
  inputs: ArrayValue[],
): ArrayValue[] {
  let outs: ArrayValue[];
  try {
    outs = withInterpreter(interpreter, () => f(inputs));
  } finally {
    interpreter.closed = true;
  }
  checkResultsNotLeaked(op, interpreter, outs);
  return outs;
}
