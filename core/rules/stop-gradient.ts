/**
 * Rules for the primitives that exist for differentiation. `stopGradient` is the identity with a
 * zero derivative: forward and reverse mode see a constant, batching passes it through.
 */
import { aval } from "../aval.js";
import { fail } from "../errors.js";
import type { AutodiffPrim } from "../primitives.js";
import { bind } from "../interpreter.js";
import { zeroLike } from "./autodiff-helpers.js";
import type { RuleTable } from "./rule.js";

/** Rules for every autodiff primitive. */
export const autodiffRules: RuleTable<AutodiffPrim> = {
  stopGradient: {
    fusion: "elementwise",
    abstractEval(args) {
      if (args.length !== 1) fail("stopGradient", `expected 1 operand, got ${args.length}`);
      return [aval(args[0]!.shape, args[0]!.dtype)];
    },
    impl: (args) => [args[0]!],
    jvp: ([x]) => [[bind("stopGradient", [x!], {})[0]!], [zeroLike(x!)]],
    vmap: ([x], [dim]) => [[bind("stopGradient", [x!], {})[0]!], [dim!]],
  },
};
