/**
 * The shape of a primitive's rules. Each family file (`elementwise`, `reduce`, ...) declares a
 * `RuleTable` for its primitives; `rules/index.ts` joins them into one table over every
 * primitive, so a primitive without rules does not compile. Beside the eager kernel and shape
 * rule, each primitive carries its transform rules: `jvp` (forward mode), `vmap` (batching) and,
 * for primitives linear in some operands, `transpose` (reverse mode). Transform rules are written
 * with ordinary ops (np, bind): the transform that calls them runs them one level down, so rules
 * compose to any order.
 */
import type { Aval } from "../aval.js";
import type { ArrayValue, NdArray } from "../ndarray.js";
import type { ParamsOf, Prim } from "../primitives.js";

/** How the jit compiler may fuse a primitive: into an elementwise loop, as a reduction epilogue, as index arithmetic, or not at all. */
export type FusionKind = "elementwise" | "reduce" | "movement" | "opaque";

/** A symbolic zero (co)tangent: known to be zero, so no array is made. Integer and bool values always have one. */
export class Zero {
  constructor(readonly aval: Aval) {}
}

/** A tangent or cotangent: an array, or a symbolic zero. */
export type Tangent = ArrayValue | Zero;

/** In a transpose rule, an operand the linear function depends on: only its aval is known. */
export class LinearArg {
  constructor(readonly aval: Aval) {}
}

/** A batch axis: where the mapped axis sits in a value, or null when the value is not mapped. */
export type BatchDim = number | null;

/** Forward mode: primal outputs and their tangents from primal inputs and their tangents. */
export type JvpRule<P extends Prim> = (primals: readonly ArrayValue[], tangents: readonly Tangent[], params: ParamsOf[P]) => [ArrayValue[], Tangent[]];

/**
 * Batching: outputs and their batch axes from inputs and theirs (at least one input is mapped;
 * `axisSize` is the mapped length).
 */
export type VmapRule<P extends Prim> = (
  args: readonly ArrayValue[],
  dims: readonly BatchDim[],
  params: ParamsOf[P],
  axisSize: number,
) => [ArrayValue[], BatchDim[]];

/**
 * Reverse mode for a primitive linear in its `LinearArg` operands: from the output cotangents,
 * one cotangent per operand (null for operands that are not linear inputs).
 */
export type TransposeRule<P extends Prim> = (
  cotangents: readonly Tangent[],
  args: readonly (ArrayValue | LinearArg)[],
  params: ParamsOf[P],
) => (Tangent | null)[];

/** Everything tessera knows about one primitive. */
export interface Rule<P extends Prim> {
  readonly fusion: FusionKind;
  /** Output shapes and dtypes from input ones; throws a TesseraError for invalid input. */
  abstractEval(args: readonly Aval[], params: ParamsOf[P]): Aval[];
  /** The eager kernel; `outAvals` is what `abstractEval` returned for these args. Never writes to `args`. */
  impl(args: readonly NdArray[], params: ParamsOf[P], outAvals: readonly Aval[]): NdArray[];
  /** Forward-mode derivative. */
  readonly jvp: JvpRule<P>;
  /** Batching rule. */
  readonly vmap: VmapRule<P>;
  /** Transpose, for primitives linear in some operands (every `LinearPrim` has one). */
  readonly transpose?: TransposeRule<P>;
}

/** Rules for a set of primitives: one entry per primitive, none missing. */
export type RuleTable<K extends Prim> = { readonly [P in K]: Rule<P> };
