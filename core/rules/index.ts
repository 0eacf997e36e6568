/**
 * The rule table over every primitive, joined from the family tables. Its type makes a
 * primitive without rules a compile error.
 */
import type { Prim } from "../primitives.js";
import { contractRules } from "./contract.js";
import { elementwiseRules } from "./elementwise.js";
import { linalgRules } from "./linalg.js";
import { movementRules } from "./movement.js";
import { randomRules } from "./random.js";
import { reduceRules } from "./reduce.js";
import type { RuleTable } from "./rule.js";

/** Rules for every primitive. */
export const rules: RuleTable<Prim> = {
  ...contractRules,
  ...elementwiseRules,
  ...linalgRules,
  ...movementRules,
  ...randomRules,
  ...reduceRules,
};
