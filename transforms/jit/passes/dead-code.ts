/**
 * Dead-code elimination for the compiler: every output is wanted, so this drops exactly the
 * equations no output depends on (the shared `dce` does the work).
 */
import type { Jaxpr } from "../../../core/jaxpr.js";
import { dce } from "../../dce.js";
import type { Pass } from "./rewrite.js";

/** Drops equations whose results nothing reads; returns `jaxpr` itself when none are dead. */
export const deadCodeElimination: Pass = (jaxpr: Jaxpr): Jaxpr => {
  const result = dce(jaxpr, jaxpr.outs.map(() => true));
  return result.eqns.length === jaxpr.eqns.length ? jaxpr : result;
};
