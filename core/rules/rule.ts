/**
 * The shape of a primitive's rules. Each family file (`elementwise`, `reduce`, ...) declares a
 * `RuleTable` for its primitives; `rules/index.ts` joins them into one table over every
 * primitive, so a primitive without rules does not compile. Later transforms add their rule
 * (jvp, transpose, vmap) as further fields here.
 */
import type { Aval } from "../aval.js";
import type { NdArray } from "../ndarray.js";
import type { ParamsOf, Prim } from "../primitives.js";

/** How the jit compiler may fuse a primitive: into an elementwise loop, as a reduction epilogue, as index arithmetic, or not at all. */
export type FusionKind = "elementwise" | "reduce" | "movement" | "opaque";

/** Everything tessera knows about one primitive. */
export interface Rule<P extends Prim> {
  readonly fusion: FusionKind;
  /** Output shapes and dtypes from input ones; throws a TesseraError for invalid input. */
  abstractEval(args: readonly Aval[], params: ParamsOf[P]): Aval[];
  /** The eager kernel; `outAvals` is what `abstractEval` returned for these args. Never writes to `args`. */
  impl(args: readonly NdArray[], params: ParamsOf[P], outAvals: readonly Aval[]): NdArray[];
}

/** Rules for a set of primitives: one entry per primitive, none missing. */
export type RuleTable<K extends Prim> = { readonly [P in K]: Rule<P> };
