/**
 * Eager evaluation, the bottom interpreter of `bind`: check shapes with the primitive's
 * `abstractEval`, then run its kernel. It sits above the rule tables (it looks each primitive's
 * rule up) and is registered into core/interpreter.ts by `installCore` (core/install.ts).
 */
import { describeAll, fail } from "./errors.js";
import type { Interpreter } from "./interpreter.js";
import { ArrayValue, NdArray } from "./ndarray.js";
import type { ParamsOf, Prim } from "./primitives.js";
import { ruleOf } from "./rules/index.js";

/** Evaluates concrete arrays; any other operand is reported (a leaked tracer, a JS value). */
export const eagerInterpreter: Interpreter = {
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
