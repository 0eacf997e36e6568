/**
 * The rule table over every primitive, joined from the family tables. Its type makes a
 * primitive without rules a compile error.
 */
import type { Aval } from "../aval.js";
import type { ParamsOf, Prim } from "../primitives.js";
import { checkSize, MAX_BYTES, MAX_ELEMENTS } from "../validate.js";
import { autodiffRules } from "./stop-gradient.js";
import { bitcastRules } from "./bitcast.js";
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

/** Rules for every primitive, as the families define them. */
const familyRules: RuleTable<Prim> = {
  ...autodiffRules,
  ...bitcastRules,
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

/**
 * The central size guard: every primitive's shape rule is wrapped once, here, so an output
 * larger than core/validate.ts allows (a pad of 1e9, a broadcast or iota to a huge shape) fails
 * with a TesseraError naming the primitive before any kernel allocates it. Eager evaluation,
 * staging under jit/makeJaxpr and the jaxpr checker all ask `abstractEval`, so the limit holds
 * at trace time too. The common case costs a multiply per axis and one compare.
 */
const SAFE_ELEMENTS = MAX_BYTES / 8;

function guardOutputSizes<P extends Prim>(prim: P, rule: Rule<P>): Rule<P> {
  const abstractEval = rule.abstractEval;
  return {
    ...rule,
    abstractEval(args: readonly Aval[], params: ParamsOf[P]): Aval[] {
      const outs = abstractEval.call(rule, args, params);
      for (const out of outs) {
        let elements = 1;
        let largest = 0;
        for (const d of out.shape) {
          elements *= d;
          if (!(d <= largest)) largest = d;
        }
        // Up to SAFE_ELEMENTS no dtype (8 bytes at most) reaches the byte limit, so only larger
        // (or NaN) counts need the full check; an axis is bounded on its own for empty arrays.
        if (!(elements <= SAFE_ELEMENTS) || !(largest <= MAX_ELEMENTS)) checkSize(prim, out.shape, elements, out.dtype);
      }
      return outs;
    },
  };
}

/** Rules for every primitive, each shape rule behind the size guard. */
export const rules: RuleTable<Prim> = Object.fromEntries(
  Object.entries(familyRules).map(([prim, rule]) => [prim, guardOutputSizes(prim as Prim, rule as unknown as Rule<Prim>)]),
) as unknown as RuleTable<Prim>;

/** The rules of one primitive, typed by its name (a generic lookup TypeScript cannot narrow itself). */
export function ruleOf<P extends Prim>(prim: P): Rule<P> {
  return rules[prim] as unknown as Rule<P>;
}
