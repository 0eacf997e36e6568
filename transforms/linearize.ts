/**
 * vjp = linearize + transpose. Linearize stages the jvp of a function, partially evaluates it
 * with the primals known and the tangents unknown, runs the known half now (computing the
 * outputs and the residuals the derivative needs) and keeps the unknown half: a linear jaxpr
 * from input tangents to output tangents. vjp transposes that jaxpr.
 */
import type { Aval } from "../core/aval.js";
import { fail } from "../core/errors.js";
import type { Jaxpr, Var } from "../core/jaxpr.js";
import { evalJaxpr } from "../core/eval-jaxpr.js";
import type { ArrayValue } from "../core/ndarray.js";
import { avalOf, instantiate, isDifferentiable } from "../core/rules/autodiff-helpers.js";
import { Zero, type Tangent } from "../core/rules/rule.js";
import { jaxprTransforms } from "./jaxpr-transforms.js";
import { jvpFlat } from "./jvp-interpreter.js";
import { partialEvalJaxpr } from "./partial-eval.js";
import { stageFlat } from "./staging.js";
import { backwardPass } from "./transpose.js";

/** A linearized function: its outputs at the point and the linear map of its derivative. */
export interface Linearized {
  readonly outs: ArrayValue[];
  /** The linear jaxpr: residuals, then tangents of the differentiable inputs -> unknown output tangents. */
  readonly linear: Jaxpr;
  readonly residuals: readonly ArrayValue[];
  /** Where each residual comes from: an input of the function, a constant it closed over, or an intermediate value. */
  readonly residualSources: readonly ("argument" | "constant" | "intermediate")[];
  /** Which inputs are differentiable (float); the others have no tangent input. */
  readonly differentiable: readonly boolean[];
  /** The inputs' avals. */
  readonly inAvals: readonly Aval[];
  /** For each output, its tangent when known without the input tangents (a constant), else null. */
  readonly knownTangents: readonly (ArrayValue | null)[];
}

/** Linearizes a flat function at `primals` (`transform` names the user's transform in errors). */
export function linearizeFlat(f: (args: ArrayValue[]) => ArrayValue[], primals: readonly ArrayValue[], transform = "grad"): Linearized {
  const differentiable = primals.map((p) => isDifferentiable(p.dtype));
  const tangentAvals = primals.filter((_, i) => differentiable[i]).map(avalOf);
  const n = primals.length;
  let numOuts = 0;
  const jvpJaxpr = stageFlat((xs) => {
    let next = n;
    const tangents: Tangent[] = primals.map((p, i) => (differentiable[i] ? xs[next++]! : new Zero(avalOf(p))));
    const [outs, outTangents] = jvpFlat(jaxprTransforms, f, xs.slice(0, n), tangents, transform);
    numOuts = outs.length;
    return [...outs, ...outTangents.map(instantiate)];
  }, [...primals.map(avalOf), ...tangentAvals]);
  const split = partialEvalJaxpr(jvpJaxpr.jaxpr, [...primals.map(() => true), ...tangentAvals.map(() => false)]);
  if (!split.outKnown.slice(0, numOuts).every(Boolean)) {
    fail("linearize", "internal error: a primal output depends on the tangents");
  }
  const knownValues = evalJaxpr(split.known, jvpJaxpr.consts, primals);
  const numKnownOuts = split.outKnown.filter(Boolean).length;
  const knownOuts = knownValues.slice(0, numKnownOuts);
  const residuals = knownValues.slice(numKnownOuts);
  let k = numOuts;
  const knownTangents = split.outKnown.slice(numOuts).map((isKnown) => (isKnown ? knownOuts[k++]! : null));
  const residualVars = split.known.outs.slice(numKnownOuts);
  const residualSources = residualVars.map((v) =>
    split.known.inVars.includes(v as Var) ? "argument" : split.known.constVars.includes(v as Var) ? "constant" : "intermediate",
  );
  return { outs: knownOuts.slice(0, numOuts), linear: split.unknown, residuals, residualSources, differentiable, inAvals: primals.map(avalOf), knownTangents };
}

/** Applies the linear map to input tangents (one per input; ignored for non-differentiable inputs). */
export function applyLinear(lin: Linearized, tangents: readonly Tangent[]): Tangent[] {
  const active = tangents.filter((_, i) => lin.differentiable[i]).map(instantiate);
  const unknown = evalJaxpr(lin.linear, [], [...lin.residuals, ...active]);
  let k = 0;
  return lin.knownTangents.map((t) => (t !== null ? t : unknown[k++]!));
}

/** Pulls output cotangents back to input cotangents (Zero for non-differentiable inputs). */
export function pullBack(lin: Linearized, outCotangents: readonly Tangent[]): Tangent[] {
  const unknownCts = outCotangents.filter((_, i) => lin.knownTangents[i] === null);
  const args = [...lin.residuals, ...lin.linear.inVars.slice(lin.residuals.length).map(() => null)];
  const cts = backwardPass(jaxprTransforms, lin.linear, [], args, unknownCts);
  let k = 0;
  return lin.differentiable.map((d, i) => (d ? cts[k++]! : new Zero(lin.inAvals[i]!)));
}
