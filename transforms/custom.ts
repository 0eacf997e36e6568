/**
 * User-defined derivatives and checkpointing over pytrees: customJvp, customVjp, checkpoint.
 * Each stages the user function to a jaxpr and binds a higher-order primitive carrying it (and the
 * user's rules as flat functions), so every transform sees one operation with known rules.
 */
import { fail } from "../core/errors.js";
import { bind } from "../core/interpreter.js";
import { hoistConsts } from "../core/jaxpr.js";
import { ArrayValue } from "../core/ndarray.js";
import { avalOf } from "../core/rules/autodiff-helpers.js";
import { checkRuleOutputs } from "../core/rules/custom.js";
import * as tree from "../core/tree.js";
import { arrayLeaves, flattenArgs } from "./pytree-args.js";
import { stageFlat } from "./staging.js";
import type { AnyFunction } from "./types.js";
import { checkArity, checkFunction } from "../core/validate.js";
import { callJaxpr } from "../core/eval-jaxpr.js";

/** Stages `f` on the flat leaves of `args`, returning the jaxpr and the output structure. */
function stageOnArgs(f: AnyFunction, args: readonly unknown[], op: string) {
  const flat = flattenArgs(op, args, args.map((_, i) => i));
  let outDef: tree.TreeDef | undefined;
  const jaxpr = stageFlat((leaves) => {
    const [outs, def] = arrayLeaves(op, "the output", f(...flat.rebuild(leaves)));
    outDef = def;
    return outs;
  }, flat.leaves.map(avalOf), op);
  return { flat, jaxpr, outDef: outDef! };
}

/**
 * `f` with a custom forward-mode rule: `jvpRule(primals, tangents)` (lists with one entry per
 * argument) returns `[output, outputTangent]`. Reverse mode transposes the rule's tangent
 * computation, so it must be linear in the tangents (as in JAX).
 */
export function customJvp<F extends AnyFunction>(f: F, jvpRule: (primals: unknown[], tangents: unknown[]) => [unknown, unknown]): F {
  checkFunction("customJvp", f);
  checkFunction("customJvp", jvpRule, "the jvp rule");
  checkArity("customJvp", arguments, 2);
  return ((...args: unknown[]) => {
    const { flat, jaxpr, outDef } = stageOnArgs(f, args, "customJvp");
    const n = flat.leaves.length;
    const jvp = (xs: readonly ArrayValue[]): ArrayValue[] => {
      const result = jvpRule(flat.rebuild(xs.slice(0, n)), flat.rebuild(xs.slice(n)));
      if (!Array.isArray(result) || result.length !== 2) fail("customJvp", "the jvp rule must return [output, outputTangent]");
      const [outs, def] = arrayLeaves("customJvp", "the jvp rule's output", result[0]);
      const [tangents, tangentDef] = arrayLeaves("customJvp", "the jvp rule's output tangent", result[1]);
      for (const [d, what] of [[def, "output"], [tangentDef, "output tangent"]] as const) {
        if (!tree.treedefEq.equals(d, outDef)) {
          fail("customJvp", `the jvp rule's ${what} has structure ${String(d)} but the function returns ${String(outDef)} (each * is a leaf)`);
        }
      }
      return [...outs, ...tangents];
    };
    // Values the function closes over become operands, so every transform sees them.
    const [fun, consts] = hoistConsts(jaxpr);
    return tree.unflatten(outDef, bind("customJvpCall", [...consts, ...flat.leaves], { fun, jvp, numConsts: consts.length }));
  }) as F;
}

/**
 * `f` with a custom reverse-mode rule: `fwd(...args)` returns `[output, residuals]` and
 * `bwd(residuals, outputCotangent)` returns one cotangent per argument (a list). Forward mode
 * through it is an error, as in JAX.
 */
export function customVjp<F extends AnyFunction>(
  f: F,
  fwd: (...args: Parameters<F>) => [unknown, unknown],
  bwd: (residuals: never, cotangent: never) => unknown[],
): F {
  checkFunction("customVjp", f);
  checkFunction("customVjp", fwd, "fwd");
  checkFunction("customVjp", bwd, "bwd");
  checkArity("customVjp", arguments, 3);
  return ((...args: unknown[]) => {
    const { flat, jaxpr, outDef } = stageOnArgs(f, args, "customVjp");
    let residualDef: tree.TreeDef | undefined;
    const fwdJaxpr = stageFlat((leaves) => {
      const result = (fwd as AnyFunction)(...flat.rebuild(leaves));
      if (!Array.isArray(result) || result.length !== 2) fail("customVjp", "fwd must return [output, residuals]");
      const [outs, def] = arrayLeaves("customVjp", "fwd's output", result[0]);
      if (!tree.treedefEq.equals(def, outDef)) {
        fail("customVjp", `fwd's output has structure ${String(def)} but the function returns ${String(outDef)} (each * is a leaf)`);
      }
      const [residuals, rDef] = arrayLeaves("customVjp", "fwd's residuals", result[1]);
      residualDef = rDef;
      return [...outs, ...residuals];
    }, flat.leaves.map(avalOf), "customVjp");
    const numResiduals = fwdJaxpr.outAvals.length - jaxpr.outAvals.length;
    const bwdFlat = (xs: readonly ArrayValue[]): ArrayValue[] => {
      const residuals = tree.unflatten(residualDef!, xs.slice(0, numResiduals));
      const cotangent = tree.unflatten(outDef, xs.slice(numResiduals));
      const cts = (bwd as AnyFunction)(residuals, cotangent);
      if (!Array.isArray(cts) || cts.length !== args.length) {
        fail("customVjp", `bwd must return a list with one cotangent per argument (${args.length}), got ${Array.isArray(cts) ? `a list of ${cts.length}` : typeof cts}`);
      }
      const leaves = cts.flatMap((ct, i) => {
        const [l, def] = arrayLeaves("customVjp", `bwd's cotangent ${i}`, ct);
        if (!tree.treedefEq.equals(def, flat.defs[i]!.def)) {
          fail("customVjp", `bwd's cotangent ${i} has structure ${String(def)} but argument ${i} has ${String(flat.defs[i]!.def)} (each * is a leaf)`);
        }
        return l;
      });
      checkRuleOutputs("customVjp", "bwd", leaves, flat.leaves.map(avalOf));
      return leaves;
    };
    const [fun, consts] = hoistConsts(jaxpr);
    const params = { fun, fwd: (xs: readonly ArrayValue[]) => callJaxpr(fwdJaxpr, xs), bwd: bwdFlat, numResiduals, numConsts: consts.length };
    return tree.unflatten(outDef, bind("customVjpCall", [...consts, ...flat.leaves], params));
  }) as F;
}

/**
 * `f` checkpointed: reverse mode recomputes its intermediates from its inputs during the backward
 * pass instead of saving them, trading compute for memory.
 */
export function checkpoint<F extends AnyFunction>(f: F): F {
  // JAX's checkpoint takes options (policy, prevent_cse, static_argnums); tessera's takes none, so extra arguments are an error.
  checkFunction("checkpoint", f);
  checkArity("checkpoint", arguments, 1, "checkpoint takes only the function (no policy or other options)");
  return ((...args: unknown[]) => {
    const { flat, jaxpr, outDef } = stageOnArgs(f, args, "checkpoint");
    // The function's constants become explicit operands, so partial evaluation sees every input.
    const [hoisted, consts] = hoistConsts(jaxpr);
    return tree.unflatten(outDef, bind("checkpoint", [...consts, ...flat.leaves], { jaxpr: hoisted }));
  }) as F;
}

/** Alias of checkpoint (JAX's name). */
export const remat = checkpoint;
