/**
 * `bind`: the single door through which every operation passes. Each user op is a thin wrapper
 * around `bind(prim, args, params)`, which hands the call to the current interpreter. The
 * bottom interpreter evaluates eagerly with each primitive's `impl`; transforms install their
 * own interpreter for the extent of a call (set and restored with try/finally, the "stackless"
 * design), so no global stack exists beyond one scoped variable.
 */
import { describeAll, fail } from "./errors.js";
import { ArrayValue, NdArray } from "./ndarray.js";
import type { ParamsOf, Prim } from "./primitives.js";
import { ruleOf } from "./rules/index.js";

/** How one transform (or plain evaluation) processes a primitive application. */
export interface Interpreter {
  /** A short name for error messages ("eval", "jvp", "vmap", "staging"). */
  readonly name: string;
  process<P extends Prim>(prim: P, args: readonly ArrayValue[], params: ParamsOf[P]): ArrayValue[];
}

/** The bottom interpreter: checks shapes with `abstractEval`, then runs the eager kernel. */
export const evalInterpreter: Interpreter = {
  name: "eval",
  process<P extends Prim>(prim: P, args: readonly ArrayValue[], params: ParamsOf[P]): ArrayValue[] {
    const concrete = args.map((a: unknown, i) => {
      if (a instanceof NdArray) return a;
      if (!(a instanceof ArrayValue)) {
        return fail(prim, `argument ${i} must be an array, got ${a === null ? "null" : Array.isArray(a) ? "a JS array (wrap it with np.array)" : typeof a}`);
      }
      // Tracers carry their interpreter; a closed one means the tracer leaked out of its
      // transform (assertLive reports it), one still open that a value reached eager code while
      // its transform runs (an internal error).
      a.assertLive(prim);
      const owner = (a as { interpreter?: { closed?: boolean; name?: string } }).interpreter;
      if (owner !== undefined && owner.closed === false) {
        return fail(prim, `internal error: a traced value (${a.constructor.name}) of a running ${owner.name} transform reached eager evaluation`);
      }
      return fail(
        prim,
        `argument ${i} is a traced value (${a.constructor.name}) that escaped the transform that made it; ` +
          `a function transformed by grad/vmap/jit must return its results rather than store them in outer variables`,
      );
    });
    return evaluate(prim, concrete, params);
  },
};

/** Evaluates one primitive on concrete arrays: shape rule first, so bad input fails before any work. */
export function evaluate<P extends Prim>(prim: P, args: readonly NdArray[], params: ParamsOf[P]): NdArray[] {
  const rule = ruleOf(prim);
  const outAvals = rule.abstractEval(args, params);
  const outs = rule.impl(args, params, outAvals);
  if (outs.length !== outAvals.length) {
    fail(prim, `internal error: kernel returned ${outs.length} results for ${outAvals.length} declared (${describeAll(outAvals)})`);
  }
  return outs;
}

let current: Interpreter = evalInterpreter;

/** Applies a primitive through the current interpreter; returns every result. */
export function bind<P extends Prim>(prim: P, args: readonly ArrayValue[], params: ParamsOf[P]): ArrayValue[] {
  return current.process(prim, args, params);
}

/** Applies a primitive that has exactly one result. */
export function bind1<P extends Prim>(prim: P, args: readonly ArrayValue[], params: ParamsOf[P]): ArrayValue {
  return current.process(prim, args, params)[0]!;
}

/** The interpreter that `bind` currently uses. */
export function currentInterpreter(): Interpreter {
  return current;
}

/** Runs `body` with `interpreter` installed, restoring the previous one afterwards (even on error). */
export function withInterpreter<T>(interpreter: Interpreter, body: () => T): T {
  const previous = current;
  current = interpreter;
  try {
    return body();
  } finally {
    current = previous;
  }
}
