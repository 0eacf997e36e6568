/**
 * What partial evaluation (partial-eval.ts) and its rules for higher-order primitives
 * (partial-eval-control.ts, partial-eval-scan.ts) share: the split a jaxpr becomes and the rule
 * type. A rule receives the jaxpr splitter as an argument, to split the jaxprs its equation
 * carries, so the rule modules sit below partial-eval.ts instead of importing it back.
 */
import type { Eqn, Jaxpr } from "../core/jaxpr.js";

/** The two halves of a partially evaluated jaxpr. */
export interface PartialEvaluation {
  /** Known inputs (and the original constants) -> known outputs, then residuals. */
  readonly known: Jaxpr;
  /** Residuals, then unknown inputs -> unknown outputs. */
  readonly unknown: Jaxpr;
  /** For each original output, whether the known jaxpr computes it. */
  readonly outKnown: readonly boolean[];
  /** How many residuals the known jaxpr appends to its outputs. */
  readonly numResiduals: number;
}

/** Splits a jaxpr by which of its inputs are known (partial-eval.ts's partialEvalJaxpr). */
export type SplitJaxpr = (jaxpr: Jaxpr, inKnown: readonly boolean[]) => PartialEvaluation;

/**
 * How a higher-order equation with some known inputs splits: equations to run now (using only
 * known values) and equations to run later. Each of the equation's outputs must be bound by one
 * of the two lists; known values the later equations use become residuals. `partialEvalJaxpr`
 * splits the jaxprs the equation carries.
 */
export type PartialEvalRule = (eqn: Eqn, inKnown: readonly boolean[], partialEvalJaxpr: SplitJaxpr) => { known: Eqn[]; unknown: Eqn[] };
