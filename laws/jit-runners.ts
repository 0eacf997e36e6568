/**
 * fast-check runners for the jit laws (`laws/jit.ts`) over random programs (`laws/programs.ts`):
 * each checks one law on programs of one dtype and returns how many cases it checked. A failure
 * (a law violated, or jit throwing where the function does not) throws with the shrunk program,
 * its inputs, its jaxpr and what jit made of it (the optimized jaxpr and the generated kernels),
 * so the report is enough to reproduce the bug.
 *
 * @example
 * ```ts no-run
 * import { it } from "vitest";
 * import { checkJitLaws } from "tessera/laws"; // laws/index.ts
 * it("jit laws hold on int32 programs", () => checkJitLaws({ dtype: "int32", numRuns: 50 }));
 * ```
 */
import fc from "fast-check";
import type { ArrayValue, NdArray } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { grad } from "../transforms/autodiff.js";
import { vmap } from "../transforms/vmap.js";
import { jit } from "../transforms/jit/jit.js";
import { makeJaxpr } from "../transforms/make-jaxpr.js";
import type { LawResult } from "./arrays.js";
import { jitCommutesWithGrad, jitCommutesWithVmap, jitMatchesEager, type JitTolerance } from "./jit.js";
import { arraySeed, program, programInputs, randomStream, uniformArray, type Program, type ProgramOptions } from "./programs.js";
import type { RunOptions } from "./runners.js";
import { stackRaw, valuesOf, type ArrayFunction, type InAxis } from "./transforms.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The jit laws, by name. */
export const jitLaws = ["jitMatchesEager", "jitCommutesWithGrad", "jitCommutesWithVmap"] as const;

/** One jit law's name. */
export type JitLaw = (typeof jitLaws)[number];

/**
 * Options of the jit runners: how many programs, of what kind (dtype, steps; `fusionPatterns`
 * defaults to true here), and the tolerance.
 */
export interface JitRunOptions extends RunOptions, ProgramOptions {
  /** Per-dtype float tolerances (default `jitTolerance`, and `gradOfJitTolerance` for `grad(jit(f))`). */
  readonly tol?: JitTolerance;
  /** Most examples vmap maps over (default 3). */
  readonly maxBatch?: number;
}

// -------------------------------------------------------------------------------------
// utilities
// -------------------------------------------------------------------------------------

/** The values of each input, rounded for reading (integers exactly). */
function describeInputs(args: readonly ArrayValue[]): string {
  return args.map((x, i) => `  v${i} = [${Array.from(valuesOf(x), (v) => (Number.isInteger(v) ? String(v) : v.toPrecision(17))).join(", ")}]`).join("\n");
}

/** What a function is and what jit makes of it, for a failure report (never throws). */
function describeFunction(f: ArrayFunction, args: readonly ArrayValue[]): string {
  const attempt = (what: string, show: () => string) => {
    try {
      return `${what}:\n${show()}`;
    } catch (error) {
      return `${what}: could not be built (${error instanceof Error ? error.message : String(error)})`;
    }
  };
  return [attempt("its jaxpr", () => String(makeJaxpr(f)(...args))), attempt("jit lowers it to", () => String(jit(f).lower(...args)))].join("\n\n");
}

/** One check of a law: the law to run, and what to show when it fails (a function jit is applied to, with its arguments). */
interface JitCase {
  readonly label: string;
  readonly f: ArrayFunction;
  readonly args: readonly ArrayValue[];
  readonly law: () => LawResult;
}

/** Runs the case of each generated value, throwing a full report when the law fails or jit throws. */
function runLaw<T>(name: JitLaw, arbitrary: fc.Arbitrary<T>, caseOf: (value: T) => JitCase, options: RunOptions): number {
  let count = 0;
  const property = fc.property(arbitrary, (value) => {
    const c = caseOf(value);
    let why: string;
    try {
      const result = c.law();
      if (result.ok) {
        count++;
        return;
      }
      why = result.message;
    } catch (error) {
      why = `threw ${error instanceof Error ? error.message : String(error)}`;
    }
    throw new Error(`${name} failed: ${why}\n${c.label}\ninputs:\n${describeInputs(c.args)}\n\n${describeFunction(c.f, c.args)}`);
  });
  fc.assert(property, { numRuns: options.numRuns ?? 25, includeErrorInReport: true, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  return count;
}

/** Random programs for the jit laws: the fuser's special cases included unless asked not to. */
function programs(options: ProgramOptions): fc.Arbitrary<Program> {
  return program({ fusionPatterns: true, ...options });
}

/** Random programs with inputs for them. */
function programsWithInputs(options: ProgramOptions): fc.Arbitrary<{ p: Program; args: NdArray[] }> {
  return programs(options).chain((p) => programInputs(p).map((args) => ({ p, args })));
}

/** `sum(w * f(...))` with weights from `seed`: a scalar function of a program, for grad. */
function scalarized(p: Program, seed: number): ArrayFunction {
  const out = p.steps[p.steps.length - 1]!;
  const weights = uniformArray(out.shape, p.dtype, seed);
  return (...args) => np.sum(np.multiply(p.run(...args), weights));
}

// -------------------------------------------------------------------------------------
// one runner per law
// -------------------------------------------------------------------------------------

/** `jit(f)` equals `f` on random programs (integers bit for bit, floats within the tolerance). */
export function checkJitMatchesEager(options: JitRunOptions = {}): number {
  return runLaw("jitMatchesEager", programsWithInputs(options), ({ p, args }) => ({ label: p.toString(), f: p.run, args, law: () => jitMatchesEager(p.run, args, options.tol) }), options);
}

/** `jit(grad(f))` and `grad(jit(f))` equal `grad(f)`, f a random float program summed with random weights. */
export function checkJitCommutesWithGrad(options: JitRunOptions = {}): number {
  if (options.dtype === "int32") throw new Error("checkJitCommutesWithGrad: int32 programs have no gradient; use float32 or float64");
  return runLaw("jitCommutesWithGrad", fc.tuple(programsWithInputs(options), arraySeed), ([{ p, args }, seed]) => {
    const f = scalarized(p, seed);
    const argnums = args.map((_, i) => i);
    return { label: `sum(weights * output) of ${p.toString()}\n(shown below: grad of it)`, f: grad(f, { argnums }), args, law: () => jitCommutesWithGrad(f, args, options.tol) };
  }, options);
}

/**
 * `jit(vmap(f))` and `vmap(jit(f))` equal `vmap(f)`, over 1 to `maxBatch` examples, for random
 * inAxes (unmapped, negative and positive axes) and outAxes.
 */
export function checkJitCommutesWithVmap(options: JitRunOptions = {}): number {
  const batches = fc.integer({ min: 1, max: options.maxBatch ?? 3 }).chain((n) => programs(options).chain((p) => fc.array(programInputs(p), { minLength: n, maxLength: n }).map((xs) => ({ p, xs }))));
  return runLaw("jitCommutesWithVmap", fc.tuple(batches, arraySeed), ([{ p, xs }, seed]) => {
    const next = randomStream(seed);
    const pick = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
    const first = xs[0]!;
    // Stack along a non-negative axis, and name it to vmap with either sign.
    const axes: (number | null)[] = first.map((x) => (first.length > 1 && next() < 0.25 ? null : pick(0, x.ndim)));
    if (!axes.some((a) => a !== null) && next() < 0.5) axes[0] = pick(0, first[0]!.ndim);
    const inAxes: InAxis[] = axes.map((a, i) => (a === null || next() < 0.5 ? a : a - first[i]!.ndim - 1));
    const args = first.map((x, i) => (axes[i] === null ? x : stackRaw(xs.map((e) => e[i]!), axes[i]!)));
    const outRank = p.steps[p.steps.length - 1]!.shape.length;
    const outAxes = pick(-(outRank + 1), outRank);
    const axisSize = axes.some((a) => a !== null) ? undefined : xs.length;
    const vmapOptions = { inAxes: [...inAxes], outAxes, ...(axisSize === undefined ? {} : { axisSize }) };
    return {
      label: `${p.toString()}\nvmapped over ${xs.length} examples, inAxes ${JSON.stringify(inAxes)}, outAxes ${outAxes}\n(shown below: the vmapped program)`,
      f: vmap(p.run, vmapOptions),
      args,
      law: () => jitCommutesWithVmap(p.run, args, inAxes, outAxes, axisSize, options.tol),
    };
  }, options);
}

// -------------------------------------------------------------------------------------
// suite
// -------------------------------------------------------------------------------------

/** Every jit law (or those in `laws`) on programs of `dtype` (grad is skipped for int32); returns the cases each checked. */
export function checkJitLaws(options: JitRunOptions & { readonly laws?: readonly JitLaw[] } = {}): Record<JitLaw, number> {
  const selected = options.laws ?? jitLaws.filter((law) => !(law === "jitCommutesWithGrad" && options.dtype === "int32"));
  const runners: Record<JitLaw, (o: JitRunOptions) => number> = {
    jitMatchesEager: checkJitMatchesEager,
    jitCommutesWithGrad: checkJitCommutesWithGrad,
    jitCommutesWithVmap: checkJitCommutesWithVmap,
  };
  const counts = { jitMatchesEager: 0, jitCommutesWithGrad: 0, jitCommutesWithVmap: 0 };
  for (const law of selected) counts[law] = runners[law](options);
  return counts;
}
