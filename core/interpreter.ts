/**
 * `bind`: the single door through which every operation passes. Each user op is a thin wrapper
 * around `bind(prim, args, params)`, which hands the call to the current interpreter. Transforms
 * install their own interpreter for the extent of a call (set and restored with try/finally, the
 * "stackless" design), so no global stack exists beyond one scoped variable.
 *
 * The bottom interpreter evaluates eagerly with each primitive's `impl`. It lives in
 * core/eager.ts, above the rule tables (whose jvp/vmap/transpose rules call `bind`), and is
 * installed into this module once by `installCore()` (core/install.ts), which the package's
 * entry points run: so this module, the rules and the ops form a DAG, as in JAX, where
 * `core.bind` never imports the primitives' implementations.
 */
import { fail } from "./errors.js";
import type { ArrayValue } from "./ndarray.js";
import type { ParamsOf, Prim } from "./primitives.js";

/** How one transform (or plain evaluation) processes a primitive application. */
export interface Interpreter {
  /** A short name for error messages ("eval", "jvp", "vmap", "staging"). */
  readonly name: string;
  process<P extends Prim>(prim: P, args: readonly ArrayValue[], params: ParamsOf[P]): ArrayValue[];
}

let eager: Interpreter | undefined;

/**
 * The bottom interpreter: eager evaluation. It forwards to the interpreter that `installCore`
 * registered; before that (an internal module imported on its own, without the package's entry
 * point) it fails with what to import rather than evaluating anything.
 */
export const evalInterpreter: Interpreter = {
  name: "eval",
  process<P extends Prim>(prim: P, args: readonly ArrayValue[], params: ParamsOf[P]): ArrayValue[] {
    if (eager === undefined) {
      return fail(
        prim,
        "tessera's eager interpreter is not installed: import tessera through its entry point (index.ts, tessera/laws, tessera/node), " +
          "or call installCore() from core/install.ts before using internal modules directly",
      );
    }
    return eager.process(prim, args, params);
  },
};

/** Registers the eager interpreter (core/eager.ts) as the bottom of `bind`; called by `installCore`. @internal */
export function installEagerInterpreter(interpreter: Interpreter): void {
  eager = interpreter;
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
