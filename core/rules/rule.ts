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
import { fail } from "../errors.js";
import type { ClosedJaxpr } from "../jaxpr.js";
import type { CompiledProgram, FlatFunction, LinearPrim, ParamsOf, Prim } from "../primitives.js";

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

/**
 * Jaxpr-level transforms, handed to the rules of higher-order primitives (scan, cond, custom
 * rules, checkpoint) by the interpreter calling them. They live in transforms/, which core does
 * not import; first-order rules ignore them.
 */
export interface JaxprTransforms {
  /**
   * The jvp of a jaxpr: inputs are its primals then the tangents of the inputs marked in
   * `nonzeroTangents`; outputs are its outputs then the tangents of the outputs marked in
   * `outNonzero` (those that can be nonzero, plus any forced by `instantiate`).
   */
  jvpJaxpr(jaxpr: ClosedJaxpr, nonzeroTangents: readonly boolean[], instantiate: readonly boolean[]): { jaxpr: ClosedJaxpr; outNonzero: boolean[] };
  /** The batched jaxpr for inputs mapped at `inDims`; `forceOutDims` pins output batch axes (null: free). */
  vmapJaxpr(jaxpr: ClosedJaxpr, axisSize: number, inDims: readonly BatchDim[], forceOutDims?: readonly BatchDim[]): { jaxpr: ClosedJaxpr; outDims: BatchDim[] };
  /** `f` batched over inputs mapped at `inDims`, its outputs mapped at axis 0. */
  vmapFunction(f: FlatFunction, axisSize: number, inDims: readonly BatchDim[]): FlatFunction;
  /**
   * The transpose of a jaxpr linear in the inputs marked `linear`: the new jaxpr takes the
   * non-linear inputs, then the output cotangents, and returns the cotangents of the linear inputs.
   */
  transposeJaxpr(jaxpr: ClosedJaxpr, linear: readonly boolean[]): ClosedJaxpr;
  /** Traces a flat function into a closed jaxpr. */
  stage(f: FlatFunction, inAvals: readonly Aval[]): ClosedJaxpr;
  /** A jaxpr without constants compiled to fused kernels (compiled on first call). */
  compile(jaxpr: ClosedJaxpr): CompiledProgram;
}

/** The jaxpr transforms a higher-order rule was given (every interpreter passes them). */
export function needTransforms(op: string, transforms: JaxprTransforms | undefined): JaxprTransforms {
  return transforms ?? fail(op, "internal error: this rule needs the jaxpr transforms");
}

/** Forward mode: primal outputs and their tangents from primal inputs and their tangents. */
export type JvpRule<P extends Prim> = (
  primals: readonly ArrayValue[],
  tangents: readonly Tangent[],
  params: ParamsOf[P],
  transforms?: JaxprTransforms,
) => [ArrayValue[], Tangent[]];

/**
 * Batching: outputs and their batch axes from inputs and theirs (at least one input is mapped;
 * `axisSize` is the mapped length).
 */
export type VmapRule<P extends Prim> = (
  args: readonly ArrayValue[],
  dims: readonly BatchDim[],
  params: ParamsOf[P],
  axisSize: number,
  transforms?: JaxprTransforms,
) => [ArrayValue[], BatchDim[]];

/**
 * Reverse mode for a primitive linear in its `LinearArg` operands: from the output cotangents,
 * one cotangent per operand (null for operands that are not linear inputs).
 */
export type TransposeRule<P extends Prim> = (
  cotangents: readonly Tangent[],
  args: readonly (ArrayValue | LinearArg)[],
  params: ParamsOf[P],
  transforms?: JaxprTransforms,
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
  /**
   * Set for primitives run for an effect (printing): simplification never removes, merges or
   * folds them, partial evaluation keeps them where they run, and a loop never hoists them.
   * Higher-order primitives have the effects of the jaxprs they carry (core/effects.ts).
   */
  readonly effect?: "debug";
}

/** The rules of one primitive: those of a `LinearPrim` must include `transpose`. */
export type RuleFor<P extends Prim> = P extends LinearPrim ? Rule<P> & { readonly transpose: TransposeRule<P> } : Rule<P>;

/** Rules for a set of primitives: one entry per primitive, none missing (nor a linear one's transpose). */
export type RuleTable<K extends Prim> = { readonly [P in K]: RuleFor<P> };
