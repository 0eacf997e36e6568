/**
 * fast-check runners: each checks one law over its arbitraries with `fc.assert`, throwing (with
 * the counterexample and the law's message) when it fails, so any test framework can call them.
 * Runs are few by default (the laws are cheap but the suite should stay fast); pass `numRuns`
 * for a deeper search and `seed` to replay a failure.
 *
 * @example
 * ```ts no-run
 * import { it } from "vitest";
 * import { checkArrayLaws, checkTreeLaws } from "tessera/laws"; // laws/index.ts
 * it("array laws hold", () => checkArrayLaws());
 * it("tree laws hold", () => checkTreeLaws({ numRuns: 200 }));
 * ```
 */
import fc from "fast-check";
import type { DType } from "../core/dtype.js";
import type { NdArray } from "../core/ndarray.js";
import type { Leaf } from "../core/tree.js";
import * as arb from "./arbitraries.js";
import {
  addAssociative,
  addCommutes,
  float32MatchesFloat64,
  leavesInputsUnchanged,
  mulCommutes,
  reshapeRoundTrips,
  sumOverAllAxesEqualsNestedSums,
  transposeInverse,
  type LawResult,
} from "./arrays.js";
import { opCases, precisionCases, type OpCase, type PrecisionCase } from "./catalog.js";
import { flattenUnflattenRoundTrips, mapComposition, mapIdentity } from "./tree.js";

/** How hard to look for a counterexample (every runner takes these). */
export interface RunOptions {
  /** Generated cases per law (default 25). */
  readonly numRuns?: number;
  /** Seed to replay a reported failure. */
  readonly seed?: number;
}

/**
 * Options of the runners that generate arrays themselves (`checkAddCommutes`, `checkMulCommutes`,
 * `checkAddAssociative`, `checkReshapeRoundTrips`, `checkTransposeInverse`,
 * `checkSumOverAllAxesEqualsNestedSums`). The catalog-driven runners do not take `dtypes`: each
 * catalog entry generates the arguments its function needs.
 */
export interface ArrayLawOptions extends RunOptions {
  /** The dtypes the arrays are drawn from (default: every dtype the law applies to). */
  readonly dtypes?: readonly DType[];
}

/** Options of the catalog-driven runners (`checkLeavesInputsUnchanged`, `checkFloat32MatchesFloat64`). */
export interface CatalogLawOptions extends RunOptions {
  /** Names of catalog entries to leave out (e.g. "hypot", "nn.gelu"); a name that is no entry's is an error, so a typo cannot skip nothing silently. */
  readonly skip?: readonly string[];
}

/** Options of `checkArrayLaws`: `dtypes` goes to the array-generating laws, `skip` to the catalog-driven ones. */
export type ArraySuiteOptions = ArrayLawOptions & CatalogLawOptions;

/** Runs `law` on values from `arbitrary`, failing with the law's message. */
export function checkLaw<T>(arbitrary: fc.Arbitrary<T>, law: (value: T) => LawResult, options: RunOptions = {}): void {
  const property = fc.property(arbitrary, (value) => {
    const result = law(value);
    if (!result.ok) throw new Error(result.message);
  });
  fc.assert(property, { numRuns: options.numRuns ?? 25, includeErrorInReport: true, ...(options.seed === undefined ? {} : { seed: options.seed }) });
}

const everyDtype: readonly DType[] = ["float32", "float64", "int32", "uint32", "bool"];
const numeric: readonly DType[] = ["float32", "float64", "int32", "uint32"];

// -------------------------------------------------------------------------------------
// one runner per law
// -------------------------------------------------------------------------------------

/** Broadcasting `add` commutes bit for bit. */
export function checkAddCommutes(options: ArrayLawOptions = {}): void {
  checkLaw(arb.broadcastArrays(2, { dtypes: options.dtypes ?? everyDtype, allowZeroSize: true }), ([a, b]) => addCommutes(a!, b!), options);
}

/** Broadcasting `multiply` commutes bit for bit. */
export function checkMulCommutes(options: ArrayLawOptions = {}): void {
  checkLaw(arb.broadcastArrays(2, { dtypes: options.dtypes ?? everyDtype, allowZeroSize: true }), ([a, b]) => mulCommutes(a!, b!), options);
}

/** `add` is associative within rounding (exactly, with wrapping, for integers). */
export function checkAddAssociative(options: ArrayLawOptions = {}): void {
  checkLaw(arb.broadcastArrays(3, { dtypes: options.dtypes ?? numeric, allowZeroSize: true }), ([a, b, c]) => addAssociative(a!, b!, c!), options);
}

/** Reshaping to any compatible shape and back is the identity. */
export function checkReshapeRoundTrips(options: ArrayLawOptions = {}): void {
  checkLaw(arb.arrayWithReshapeTarget({ dtypes: options.dtypes ?? everyDtype, allowZeroSize: true }), ([x, s]) => reshapeRoundTrips(x, s), options);
}

/** Transposing by a permutation and then by its inverse is the identity. */
export function checkTransposeInverse(options: ArrayLawOptions = {}): void {
  checkLaw(arb.arrayWithPermutation({ dtypes: options.dtypes ?? everyDtype, allowZeroSize: true }), ([x, p]) => transposeInverse(x, p), options);
}

/** Summing over all axes equals summing one axis at a time, in any order. */
export function checkSumOverAllAxesEqualsNestedSums(options: ArrayLawOptions = {}): void {
  const arrays = arb.arrayWithPermutation({ dtypes: options.dtypes ?? everyDtype, allowZeroSize: true });
  checkLaw(arrays, ([x, order]) => sumOverAllAxesEqualsNestedSums(x, order), options);
}

/** The catalog entries `options.skip` does not name; throws if it names an entry `cases` lacks. */
function selected<C extends { readonly name: string }>(runner: string, cases: readonly C[], options: CatalogLawOptions): readonly C[] {
  checkSkipNames(runner, [cases.map((c) => c.name)], options.skip);
  return options.skip === undefined ? cases : cases.filter((c) => !options.skip!.includes(c.name));
}

function checkSkipNames(runner: string, catalogs: readonly (readonly string[])[], skip: readonly string[] = []): void {
  const known = new Set(catalogs.flat());
  const unknown = skip.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`${runner}: skip names ${unknown.map((n) => JSON.stringify(n)).join(", ")}, which ${unknown.length === 1 ? "is" : "are"} not in the catalog (known names: ${[...known].join(", ")})`);
  }
}

/** Every op in `cases` (default: the whole op catalog) leaves its inputs bit-identical, also when it throws. */
export function checkLeavesInputsUnchanged(cases: readonly OpCase[] = opCases, options: CatalogLawOptions = {}): void {
  for (const c of selected("checkLeavesInputsUnchanged", cases, options)) {
    try {
      checkLaw(c.args, (args) => leavesInputsUnchanged((...a: readonly unknown[]) => c.run(a), args), options);
    } catch (error) {
      throw new Error(`immutability law failed for ${c.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Arrays for a precision case: float32 (bool for masks) in each argument's domain, broadcast together. */
export function precisionArguments(c: PrecisionCase): fc.Arbitrary<NdArray[]> {
  return arb.broadcastableShapes(c.domains.length, { allowZeroSize: true }).chain((shapes) =>
    fc.tuple(...shapes.map((s, i) => arb.arrayOf(s, c.domains[i]!.dtype ?? "float32", c.domains[i]!))),
  );
}

/** Every elementwise op in `cases` (default: all of np's and nn's) gives float32 results within float32 tolerance of a float64 evaluation. */
export function checkFloat32MatchesFloat64(cases: readonly PrecisionCase[] = precisionCases, options: CatalogLawOptions = {}): void {
  for (const c of selected("checkFloat32MatchesFloat64", cases, options)) {
    try {
      checkLaw(precisionArguments(c), (args) => float32MatchesFloat64(c.run, args, c.tol), options);
    } catch (error) {
      throw new Error(`float32 law failed for ${c.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** `unflatten(flatten(tree))` rebuilds every tree (awkward keys, empty nodes, any leaves). */
export function checkFlattenUnflattenRoundTrips(options: RunOptions = {}): void {
  checkLaw(arb.pytree(), flattenUnflattenRoundTrips, options);
}

/** Mapping the identity over a tree changes nothing. */
export function checkMapIdentity(options: RunOptions = {}): void {
  checkLaw(arb.pytree(), mapIdentity, options);
}

/** Mapping `f` then `g` equals mapping `g . f`. */
export function checkMapComposition(options: RunOptions = {}): void {
  const describeLeaf = (x: Leaf): string | number => (typeof x === "object" ? x.dtype : typeof x);
  const f = (x: Leaf): number => String(describeLeaf(x)).length;
  const g = (n: number): boolean => n % 2 === 0;
  checkLaw(arb.pytree(), (t) => mapComposition(t, f, g), options);
}

// -------------------------------------------------------------------------------------
// suites
// -------------------------------------------------------------------------------------

/**
 * Every array law: algebra, movement, reductions, immutability of every op, float32 precision.
 * `dtypes` narrows the arrays of the array-generating laws; `skip` names entries of either catalog.
 */
export function checkArrayLaws(options: ArraySuiteOptions = {}): void {
  checkSkipNames("checkArrayLaws", [opCases.map((c) => c.name), precisionCases.map((c) => c.name)], options.skip);
  const { skip = [], ...rest } = options;
  checkAddCommutes(rest);
  checkMulCommutes(rest);
  checkAddAssociative(rest);
  checkReshapeRoundTrips(rest);
  checkTransposeInverse(rest);
  checkSumOverAllAxesEqualsNestedSums(rest);
  checkLeavesInputsUnchanged(opCases, { ...rest, skip: skip.filter((name) => opCases.some((c) => c.name === name)) });
  checkFloat32MatchesFloat64(precisionCases, { ...rest, skip: skip.filter((name) => precisionCases.some((c) => c.name === name)) });
}

/** Every pytree law: round trips and the functor laws of `map`. */
export function checkTreeLaws(options: RunOptions = {}): void {
  checkFlattenUnflattenRoundTrips(options);
  checkMapIdentity(options);
  checkMapComposition(options);
}
