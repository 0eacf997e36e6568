/**
 * The rule table over every primitive, joined from the family tables. Its type makes a
 * primitive without rules a compile error.
 */
import type { Prim } from "../primitives.js";
import { autodiffRules } from "./autodiff.js";
import { condRules } from "./cond.js";
import { contractRules } from "./contract.js";
import { customRules } from "./custom.js";
import { debugRules } from "./debug.js";
import { elementwiseRules } from "./elementwise.js";
import { jitRules } from "./jit.js";
import { linalgRules } from "./linalg.js";
import { movementRules } from "./movement.js";
import { randomRules } from "./random.js";
import { reduceRules } from "./reduce.js";
import type { Rule, RuleTable } from "./rule.js";
import { scanRules } from "./scan.js";
import { whileRules } from "./while.js";

/** Rules for every primitive. */
export const rules: RuleTable<Prim> = {
  ...autodiffRules,
  ...condRules,
  ...contractRules,
  ...customRules,
  ...debugRules,
  ...elementwiseRules,
  ...jitRules,
  ...linalgRules,
  ...movementRules,
  ...randomRules,
  ...reduceRules,
  ...scanRules,
  ...whileRules,
};

/** The rules of one primitive, typed by its name (a generic lookup TypeScript cannot narrow itself). */
export function ruleOf<P extends Prim>(prim: P): Rule<P> {
  return rules[prim] as unknown as Rule<P>;
}
