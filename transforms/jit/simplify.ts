/**
 * The simplification pass group of the jit compiler: named pure passes over immutable jaxprs,
 * run in turn until none changes anything. Each pass returns its input itself when it has
 * nothing to do, so the fixed point is found by identity, with no printing or comparing.
 */
import type { Jaxpr } from "../../core/jaxpr.js";
import { algebraicIdentities } from "./passes/algebraic-identities.js";
import { commonSubexpressionElimination } from "./passes/common-subexpressions.js";
import { constantFolding } from "./passes/constant-folding.js";
import { deadCodeElimination } from "./passes/dead-code.js";
import { transposedProducts } from "./passes/transposed-products.js";
import type { Pass } from "./passes/rewrite.js";

export { algebraicIdentities, commonSubexpressionElimination, constantFolding, deadCodeElimination, transposedProducts, type Pass };

/** The passes in the order `simplify` runs them: fold first so identities see literals, DCE last to sweep. */
export const simplificationPasses: readonly { readonly name: string; readonly run: Pass }[] = [
  { name: "constantFolding", run: constantFolding },
  { name: "algebraicIdentities", run: algebraicIdentities },
  { name: "transposedProducts", run: transposedProducts },
  { name: "commonSubexpressionElimination", run: commonSubexpressionElimination },
  { name: "deadCodeElimination", run: deadCodeElimination },
];

/** Rounds of all passes before giving up on a fixed point (each round that changes something shrinks or rewires the program). */
const maxRounds = 16;

/** Runs every simplification pass until none changes the jaxpr (or `maxRounds` rounds ran). */
export function simplify(jaxpr: Jaxpr): Jaxpr {
  let current = jaxpr;
  for (let round = 0; round < maxRounds; round++) {
    const start = current;
    for (const pass of simplificationPasses) current = pass.run(current);
    if (current === start) break;
  }
  return current;
}
