/**
 * fast-check runners for the transform laws (`laws/transforms.ts`): each checks one law over a
 * list of function cases (a function with a way to generate its arguments) and returns how many
 * generated cases it actually checked, per case name (runs where the law is vacuous, e.g. no
 * float argument to differentiate, are not counted). Directions (tangents, cotangents, weights,
 * batch axes) are drawn from a seed per run. A failure throws with the law's message, the case
 * name and its generated parameters.
 *
 * @example
 * import { functionCase, checkTransformLaws, uniform } from "tessera/laws"; // laws/index.ts
 * const softplus = functionCase("softplus", arb.shape(), (shape) => ({
 *   f: (x) => nn.softplus(x),
 *   args: fc.tuple(uniform(shape)),
 * }));
 * checkTransformLaws([softplus]); // every law, a few runs each
 */
import fc from "fast-check";
import { isFloat } from "../core/dtype.js";
import type { ArrayValue, NdArray } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import type { Tolerance } from "./arrays.js";
import { arraySeed, program, randomStream, uniform, uniformArray, type Program, type ProgramOptions } from "./programs.js";
import type { RunOptions } from "./runners.js";
import {
  chainRuleHolds,
  derivativeTolerance,
  finiteDifferenceTolerance,
  floatArgumentIndices,
  gradMatchesFiniteDifferences,
  hessianIsSymmetric,
  jvpIsLinear,
  jvpMatchesFiniteDifferences,
  linearizeMatchesJvp,
  outputLeaves,
  transposeTwiceIsIdentity,
  vjpMatchesJvp,
  vmapMatchesStacking,
  type ArrayFunction,
  type InAxis,
} from "./transforms.js";
import type { LawResult } from "./arrays.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The transform laws, by name. */
export const transformLaws = [
  "jvpFiniteDifferences",
  "gradFiniteDifferences",
  "jvpLinear",
  "vjpJvpDotProduct",
  "linearizeMatchesJvp",
  "transposeTwice",
  "vmapMatchesStacking",
  "hessianSymmetric",
  "chainRule",
] as const;

/** One transform law's name. */
export type TransformLaw = (typeof transformLaws)[number];

/** A function `outer ∘ inner` equal to the case's function, for the chain rule. */
export interface Factorization {
  readonly inner: (...args: ArrayValue[]) => ArrayValue[];
  readonly outer: ArrayFunction;
}

/** A function with concrete arguments. */
export interface FunctionInstance {
  readonly f: ArrayFunction;
  readonly args: readonly NdArray[];
  /** How the instance was generated (shapes, params), for failure reports. */
  readonly label: string;
  /** A split of `f` for the chain rule (default: `f` followed by a smooth elementwise function). */
  readonly factorization?: Factorization;
}

/** A function with several argument lists of one shape (the examples vmap maps over). */
export interface FunctionExamples {
  readonly f: ArrayFunction;
  readonly examples: readonly (readonly NdArray[])[];
  readonly label: string;
}

/** A function and how to generate its arguments: what the transform runners check. */
export interface FunctionCase {
  readonly name: string;
  readonly instance: fc.Arbitrary<FunctionInstance>;
  /** `count` argument lists sharing shapes (and the function for them). */
  readonly examples: (count: number) => fc.Arbitrary<FunctionExamples>;
  /** Per-law tolerances (defaults: finite differences `{rtol: 1e-6, atol: 1e-7}`, others `{rtol: 1e-9, atol: 1e-12}`). */
  readonly tol?: Partial<Record<TransformLaw, Tolerance>>;
  /** Finite-difference step (default 1e-5, scaled by the inputs' magnitude). */
  readonly step?: number;
  /** Laws that do not apply to this function, with the reason; runners skip them. */
  readonly notApplicable?: Partial<Record<TransformLaw, string>>;
}

/** Options of `functionCase`. */
export type FunctionCaseOptions = Pick<FunctionCase, "tol" | "step" | "notApplicable">;

/** How many generated cases each law checked, per case name. */
export type LawCounts = Record<string, number>;

/** Options of the transform runners. */
export interface TransformRunOptions extends RunOptions {
  /** Most examples vmap maps over (default 3). */
  readonly maxBatch?: number;
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A function case from a spec arbitrary (shapes and static params), the function for a spec and
 * an arbitrary of argument lists for it (every draw must have the spec's shapes, so vmap can stack them).
 *
 * @example
 * functionCase("matmul", fc.tuple(fc.nat(3), fc.nat(3)).map(([m, n]) => [m + 1, n + 1]), ([m, n]) => ({
 *   f: (a, b) => np.matmul(a, b),
 *   args: fc.tuple(uniform([m, n]), uniform([n, m])),
 * }));
 */
export function functionCase<S>(
  name: string,
  spec: fc.Arbitrary<S>,
  build: (spec: S) => { readonly f: ArrayFunction; readonly args: fc.Arbitrary<readonly NdArray[]> },
  options: FunctionCaseOptions = {},
): FunctionCase {
  const label = (s: S) => `${name} ${JSON.stringify(s)}`;
  return {
    name,
    ...options,
    instance: spec.chain((s) => {
      const { f, args } = build(s);
      return args.map((a) => ({ f, args: a, label: label(s) }));
    }),
    examples: (count) =>
      spec.chain((s) => {
        const { f, args } = build(s);
        return fc.array(args, { minLength: count, maxLength: count }).map((examples) => ({ f, examples, label: label(s) }));
      }),
  };
}

/**
 * Random programs as a function case (see `laws/programs.ts`): float64 inputs in [-2, 2]; the
 * chain rule splits each program after a random step.
 */
export function programCase(name = "random programs", options: ProgramOptions & FunctionCaseOptions = {}): FunctionCase {
  const { tol, step, notApplicable, ...programOptions } = options;
  const inputs = (p: Program) => fc.tuple(...p.inputShapes.map((s) => uniform(s, "float64", { min: -2, max: 2 })));
  return {
    name,
    ...(tol === undefined ? {} : { tol }),
    ...(step === undefined ? {} : { step }),
    ...(notApplicable === undefined ? {} : { notApplicable }),
    instance: program(programOptions).chain((p) =>
      fc.tuple(inputs(p), arraySeed).map(([args, split]) => {
        const k = split % (p.steps.length + 1);
        return { f: p.run, args, label: `${name}: ${p.toString()} (chain rule split after step ${k})`, factorization: { inner: p.prefix(k), outer: p.suffix(k) } };
      }),
    ),
    examples: (count) =>
      program(programOptions).chain((p) =>
        fc.array(inputs(p), { minLength: count, maxLength: count }).map((examples) => ({ f: p.run, examples, label: `${name}: ${p.toString()}` })),
      ),
  };
}

// -------------------------------------------------------------------------------------
// utilities
// -------------------------------------------------------------------------------------

/** Uniform float arrays like `xs` (same shapes and dtypes), from a seed. */
function directionsLike(xs: readonly ArrayValue[], seed: number): NdArray[] {
  return xs.map((x, i) => uniformArray(x.shape, x.dtype, seed + 7919 * (i + 1)));
}

/** The float arguments and the float output leaves of an instance (what the laws differentiate). */
function floatParts(instance: FunctionInstance): { args: ArrayValue[]; outs: ArrayValue[] } {
  const args = floatArgumentIndices(instance.args).map((i) => instance.args[i]!);
  const outs = outputLeaves(instance.f(...instance.args)).filter((o) => isFloat(o.dtype));
  return { args, outs };
}

/** `Σ_k sum(w_k * out_k)` over the float output leaves: a scalar function for grad and hessian. */
function scalarized(f: ArrayFunction, weights: readonly ArrayValue[]): ArrayFunction {
  return (...args) => {
    const outs = outputLeaves(f(...args)).filter((o) => isFloat(o.dtype));
    return outs.reduce<ArrayValue>((acc, o, k) => np.add(acc, np.sum(np.multiply(o, weights[k]!))), np.zeros([], { dtype: "float64" }));
  };
}

/** The default outer function of the chain rule: a smooth elementwise map of each float leaf, summed with weights. */
function defaultFactorization(f: ArrayFunction): Factorization {
  return {
    inner: (...args) => outputLeaves(f(...args)),
    outer: (...mids) => mids.filter((m) => isFloat(m.dtype)).map((m) => np.multiply(np.tanh(m), np.add(m, 1))),
  };
}

/**
 * Runs `check` on each case's instances (with a seed per run), counting the runs where it
 * applied (`check` returns null when the law is vacuous for that instance).
 */
function runLaw<T extends { readonly label: string }>(
  law: TransformLaw,
  cases: readonly FunctionCase[],
  arbitrary: (c: FunctionCase) => fc.Arbitrary<T>,
  check: (c: FunctionCase, value: T, seed: number) => LawResult | null,
  options: TransformRunOptions,
): LawCounts {
  const counts: LawCounts = {};
  for (const c of cases) {
    if (c.notApplicable?.[law] !== undefined) continue;
    let count = 0;
    const property = fc.property(arbitrary(c), arraySeed, (value, s) => {
      const result = check(c, value, s);
      if (result === null) return;
      count++;
      if (!result.ok) throw new Error(`${law} failed for ${value.label}: ${result.message}`);
    });
    fc.assert(property, { numRuns: options.numRuns ?? 5, includeErrorInReport: true, ...(options.seed === undefined ? {} : { seed: options.seed }) });
    counts[c.name] = (counts[c.name] ?? 0) + count;
  }
  return counts;
}

const tolerance = (c: FunctionCase, law: TransformLaw, fallback: Tolerance): Tolerance => c.tol?.[law] ?? fallback;

// -------------------------------------------------------------------------------------
// one runner per law
// -------------------------------------------------------------------------------------

/** jvp matches central finite differences (float64 arguments recommended). */
export function checkJvpMatchesFiniteDifferences(cases: readonly FunctionCase[], options: TransformRunOptions = {}): LawCounts {
  return runLaw("jvpFiniteDifferences", cases, (c) => c.instance, (c, instance, seed) => {
    const { args } = floatParts(instance);
    if (args.length === 0) return null;
    const fdOptions = { tol: tolerance(c, "jvpFiniteDifferences", finiteDifferenceTolerance), ...(c.step === undefined ? {} : { step: c.step }) };
    return jvpMatchesFiniteDifferences(instance.f, instance.args, directionsLike(args, seed), fdOptions);
  }, options);
}

/** grad (of the outputs summed with random weights) matches central finite differences along every basis direction. */
export function checkGradMatchesFiniteDifferences(cases: readonly FunctionCase[], options: TransformRunOptions = {}): LawCounts {
  return runLaw("gradFiniteDifferences", cases, (c) => c.instance, (c, instance, seed) => {
    const { args, outs } = floatParts(instance);
    if (args.length === 0 || outs.length === 0) return null;
    const f = scalarized(instance.f, directionsLike(outs, seed));
    const fdOptions = { tol: tolerance(c, "gradFiniteDifferences", finiteDifferenceTolerance), ...(c.step === undefined ? {} : { step: c.step }) };
    return gradMatchesFiniteDifferences(f, instance.args, fdOptions);
  }, options);
}

/** jvp is linear in the tangent, for random tangents and coefficients. */
export function checkJvpIsLinear(cases: readonly FunctionCase[], options: TransformRunOptions = {}): LawCounts {
  return runLaw("jvpLinear", cases, (c) => c.instance, (c, instance, seed) => {
    const { args } = floatParts(instance);
    if (args.length === 0) return null;
    const next = randomStream(seed);
    const [a, b] = [4 * next() - 2, 4 * next() - 2];
    return jvpIsLinear(instance.f, instance.args, directionsLike(args, seed), directionsLike(args, seed + 1), a, b, tolerance(c, "jvpLinear", derivativeTolerance));
  }, options);
}

/** The dot-product test `<u, J t> = <J^T u, t>` between vjp and jvp. */
export function checkVjpMatchesJvp(cases: readonly FunctionCase[], options: TransformRunOptions = {}): LawCounts {
  return runLaw("vjpJvpDotProduct", cases, (c) => c.instance, (c, instance, seed) => {
    const { args, outs } = floatParts(instance);
    if (args.length === 0 || outs.length === 0) return null;
    return vjpMatchesJvp(instance.f, instance.args, directionsLike(args, seed), directionsLike(outs, seed + 1), tolerance(c, "vjpJvpDotProduct", derivativeTolerance));
  }, options);
}

/** linearize's linear function equals jvp's tangent output. */
export function checkLinearizeMatchesJvp(cases: readonly FunctionCase[], options: TransformRunOptions = {}): LawCounts {
  return runLaw("linearizeMatchesJvp", cases, (c) => c.instance, (c, instance, seed) => {
    const { args } = floatParts(instance);
    if (args.length === 0) return null;
    return linearizeMatchesJvp(instance.f, instance.args, directionsLike(args, seed), tolerance(c, "linearizeMatchesJvp", derivativeTolerance));
  }, options);
}

/** Transposing the derivative twice gives it back. */
export function checkTransposeTwice(cases: readonly FunctionCase[], options: TransformRunOptions = {}): LawCounts {
  return runLaw("transposeTwice", cases, (c) => c.instance, (c, instance, seed) => {
    const { args, outs } = floatParts(instance);
    if (args.length === 0 || outs.length === 0) return null;
    return transposeTwiceIsIdentity(instance.f, instance.args, directionsLike(args, seed), directionsLike(outs, seed + 1), tolerance(c, "transposeTwice", derivativeTolerance));
  }, options);
}

/**
 * vmap equals stacking per-example results, for random inAxes (null, negative and positive
 * axes) and outAxes (negative and positive), over 1 to `maxBatch` examples.
 */
export function checkVmapMatchesStacking(cases: readonly FunctionCase[], options: TransformRunOptions = {}): LawCounts {
  const maxBatch = options.maxBatch ?? 3;
  return runLaw(
    "vmapMatchesStacking",
    cases,
    (c) => fc.integer({ min: 1, max: maxBatch }).chain((n) => c.examples(n)),
    (c, { f, examples }, seed) => {
      const next = randomStream(seed);
      const pick = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
      const first = examples[0]!;
      const inAxes: InAxis[] = first.map((x) => (first.length > 1 && next() < 0.25 ? null : pick(-(x.ndim + 1), x.ndim)));
      if (first.length === 1 && next() < 0.1) inAxes[0] = null;
      const outs = outputLeaves(f(...first));
      const axes = outs.map((o) => pick(-(o.ndim + 1), o.ndim));
      const outAxes = outs.length === 1 ? axes[0]! : axes;
      return vmapMatchesStacking(f, examples, inAxes, outAxes, tolerance(c, "vmapMatchesStacking", derivativeTolerance));
    },
    options,
  );
}

/** Hessians (of the outputs summed with random weights) are symmetric. */
export function checkHessianIsSymmetric(cases: readonly FunctionCase[], options: TransformRunOptions = {}): LawCounts {
  return runLaw("hessianSymmetric", cases, (c) => c.instance, (c, instance, seed) => {
    const { args, outs } = floatParts(instance);
    if (args.length === 0 || outs.length === 0) return null;
    const f = scalarized(instance.f, directionsLike(outs, seed));
    return hessianIsSymmetric(f, instance.args, tolerance(c, "hessianSymmetric", { rtol: 1e-8, atol: 1e-10 }));
  }, options);
}

/** The chain rule, in both modes, across each instance's factorization. */
export function checkChainRule(cases: readonly FunctionCase[], options: TransformRunOptions = {}): LawCounts {
  return runLaw("chainRule", cases, (c) => c.instance, (c, instance, seed) => {
    const { args, outs } = floatParts(instance);
    const { inner, outer } = instance.factorization ?? defaultFactorization(instance.f);
    const composedOuts = outputLeaves(outer(...inner(...instance.args))).filter((o) => isFloat(o.dtype));
    if (args.length === 0 || outs.length === 0 || composedOuts.length === 0) return null;
    return chainRuleHolds(inner, outer, instance.args, directionsLike(args, seed), directionsLike(composedOuts, seed + 1), tolerance(c, "chainRule", derivativeTolerance));
  }, options);
}

// -------------------------------------------------------------------------------------
// suite
// -------------------------------------------------------------------------------------

const runners: Record<TransformLaw, (cases: readonly FunctionCase[], options: TransformRunOptions) => LawCounts> = {
  jvpFiniteDifferences: checkJvpMatchesFiniteDifferences,
  gradFiniteDifferences: checkGradMatchesFiniteDifferences,
  jvpLinear: checkJvpIsLinear,
  vjpJvpDotProduct: checkVjpMatchesJvp,
  linearizeMatchesJvp: checkLinearizeMatchesJvp,
  transposeTwice: checkTransposeTwice,
  vmapMatchesStacking: checkVmapMatchesStacking,
  hessianSymmetric: checkHessianIsSymmetric,
  chainRule: checkChainRule,
};

/** Every transform law (or those in `laws`) over `cases`; returns the per-law, per-case counts. */
export function checkTransformLaws(
  cases: readonly FunctionCase[],
  options: TransformRunOptions & { readonly laws?: readonly TransformLaw[] } = {},
): Record<TransformLaw, LawCounts> {
  const selected = options.laws ?? transformLaws;
  const counts = Object.fromEntries(transformLaws.map((law) => [law, {} as LawCounts])) as Record<TransformLaw, LawCounts>;
  for (const law of selected) counts[law] = runners[law](cases, options);
  return counts;
}
