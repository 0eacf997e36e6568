/**
 * Whole Jacobians and Hessians over pytrees, as JAX builds them: jacfwd pushes the standard basis
 * of the inputs through jvp in one batched (vmapped) pass, jacrev pulls the standard basis of the
 * outputs back through vjp in one batched pass, and hessian is jacfwd of jacrev. The result nests
 * the input structure inside the output structure: for each output leaf, for each input leaf, an
 * array of shape `out.shape + in.shape` (with a list argnums, a list with one entry per argument).
 */
import { isFloat, type DType } from "../core/dtype.js";
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import * as lax from "../core/lax/index.js";
import * as np from "../core/numpy/index.js";
import { instantiate } from "../core/rules/autodiff-helpers.js";
import type { BatchDim } from "../core/rules/rule.js";
import * as tree from "../core/tree.js";
import type { MapLeaves } from "../core/tree.js";
import { jaxprTransforms } from "./jaxpr-transforms.js";
import { jvpFlat } from "./jvp-interpreter.js";
import { linearizeFlat, pullBack } from "./linearize.js";
import { checkArity, checkFunction, readOptions } from "../core/validate.js";
import { arrayLeaves, differentiationOptions, flattenArgs, normalizeArgnums, requireFloat, splitAux, type FlatArgs } from "./pytree-args.js";
import type { AnyFunction, AuxOf, GradsOf, OutputOf } from "./types.js";
import { vmapFlatWithDims } from "./vmap-interpreter.js";

/** Options of jacfwd, jacrev and hessian. */
export interface JacobianOptions {
  /** Which positional argument(s) to differentiate with respect to (default 0); a list puts, at each output leaf, one entry per listed argument. */
  readonly argnums?: number | readonly number[];
  /** The function returns `[output, aux]`; the result is then `[jacobian, aux]`. */
  readonly hasAux?: boolean;
}

/** The output of `f` without its aux part when `O` says hasAux. */
type PrimaryOutput<F extends AnyFunction, O> = O extends { hasAux: true } ? OutputOf<F> : ReturnType<F>;

/** A Jacobian's type: the output structure with, at each leaf, the differentiated arguments' structure. */
export type JacobianOf<F extends AnyFunction, O extends JacobianOptions> = MapLeaves<PrimaryOutput<F, O>, GradsOf<Parameters<F>, O["argnums"]>>;

/** A Hessian's type: the output structure, then the arguments' structure twice. */
export type HessianOf<F extends AnyFunction, O extends JacobianOptions> = MapLeaves<
  PrimaryOutput<F, O>,
  MapLeaves<GradsOf<Parameters<F>, O["argnums"]>, GradsOf<Parameters<F>, O["argnums"]>>
>;

/** With hasAux, `[result, aux]`. */
type WithAux<F extends AnyFunction, O, R> = O extends { hasAux: true } ? [R, AuxOf<F>] : R;

/** The flat view of one call: differentiated leaves, how to call `f` on them, and the output/aux structures. */
interface FlatCall {
  readonly args: FlatArgs;
  /** Runs `f` on new leaves: the output leaves, then the aux leaves. */
  readonly run: (leaves: readonly ArrayValue[]) => ArrayValue[];
  readonly result: () => { outDef: tree.TreeDef; auxDef: tree.TreeDef; numOuts: number };
}

/** Flattens the call `f(...args)` with respect to `argnums`, checking float inputs. */
function flatCall(op: string, f: AnyFunction, options: JacobianOptions, args: readonly unknown[]): FlatCall {
  const argnums = normalizeArgnums(op, options.argnums ?? 0, args.length);
  const flat = flattenArgs(op, args, argnums, requireFloat(op));
  let outDef: tree.TreeDef | undefined;
  let auxDef: tree.TreeDef | undefined;
  let numOuts = 0;
  const run = (leaves: readonly ArrayValue[]): ArrayValue[] => {
    const [out, aux] = splitAux(op, f(...flat.rebuild(leaves)), options.hasAux);
    const [outLeaves, oDef] = arrayLeaves(op, "the output", out);
    const [auxLeaves, aDef] = arrayLeaves(op, "the aux output", aux);
    outDef = oDef;
    auxDef = aDef;
    numOuts = outLeaves.length;
    return [...outLeaves, ...auxLeaves];
  };
  return { args: flat, run, result: () => ({ outDef: outDef!, auxDef: auxDef!, numOuts }) };
}

/** Checks the function and reads the options of jacfwd, jacrev or hessian (null means no options). */
function jacobianOptions(op: string, f: unknown, options: unknown, args: IArguments): JacobianOptions {
  checkFunction(op, f);
  checkArity(op, args, 2);
  return readOptions(op, options, differentiationOptions);
}

/** The standard basis of a list of arrays stacked along a new leading axis: `n = total size` rows, one slice per array. */
function standardBasis(shapes: readonly (readonly number[])[], dtypes: readonly DType[]): ArrayValue[] {
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const total = sizes.reduce((a, b) => a + b, 0);
  const eyes = new Map<DType, ArrayValue>();
  let offset = 0;
  return shapes.map((shape, i) => {
    const dtype = dtypes[i]!;
    const eye = eyes.get(dtype) ?? np.eye(total, total, { dtype });
    eyes.set(dtype, eye);
    const columns = lax.slice(eye, [0, offset], [total, offset + sizes[i]!]);
    offset += sizes[i]!;
    return np.reshape(columns, [total, ...shape]);
  });
}

/** A batched result moved to put the basis axis at `to`; unmapped results (constant in the basis) are broadcast. */
function basisAxisAt(x: ArrayValue, dim: BatchDim, size: number, to: "first" | "last"): ArrayValue {
  const withAxis = dim === null ? np.broadcastTo(x, [size, ...x.shape]) : x;
  const from = dim ?? 0;
  return np.moveaxis(withAxis, from, to === "first" ? 0 : withAxis.ndim - 1);
}

/** Nests per-input blocks in the input structure (a list per argument when argnums is a list). */
function inputStructure(call: FlatCall, options: JacobianOptions, blocks: readonly ArrayValue[]): unknown {
  const perArgument = call.args.defs.map(({ def, start, count }) => tree.unflatten(def, blocks.slice(start, start + count)));
  return typeof options.argnums === "object" ? perArgument : perArgument[0];
}

/** The sizes and offsets of arrays laid end to end. */
function offsets(xs: readonly { readonly shape: readonly number[] }[]): { size: number; offset: number }[] {
  let offset = 0;
  return xs.map((x) => {
    const size = x.shape.reduce((a, b) => a * b, 1);
    const entry = { size, offset };
    offset += size;
    return entry;
  });
}

/**
 * The Jacobian of `f` by forward mode (one batched jvp over the input basis): cheap for tall
 * Jacobians (few inputs, many outputs).
 *
 * @example
 * jacfwd((x) => np.sin(x))(np.array([0, 1])); // diag(cos x), shape [2, 2]
 */
export function jacfwd<F extends AnyFunction, const O extends JacobianOptions = {}>(
  f: F,
  options?: O,
): (...args: Parameters<F>) => WithAux<F, O, JacobianOf<F, O>> {
  return jacfwdUntyped(f, jacobianOptions("jacfwd", f, options, arguments)) as never;
}

function jacfwdUntyped(f: AnyFunction, options: JacobianOptions): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    const call = flatCall("jacfwd", f, options, args);
    const inputs = call.args.leaves;
    const basis = standardBasis(inputs.map((x) => x.shape), inputs.map((x) => x.dtype));
    const total = inputs.reduce((n, x) => n + x.size, 0);
    const pushForward = (tangents: ArrayValue[]): ArrayValue[] => {
      const [outs, outTangents] = jvpFlat(jaxprTransforms, (leaves) => call.run(leaves), inputs, tangents, "jacfwd");
      return [...outs, ...outTangents.map(instantiate)];
    };
    const [results, dims] = vmapFlatWithDims(jaxprTransforms, pushForward, basis, basis.map(() => 0), total);
    const { outDef, auxDef, numOuts } = call.result();
    const numLeaves = results.length / 2;
    const primals = results.slice(0, numLeaves);
    if (dims.slice(0, numLeaves).some((d) => d !== null)) fail("jacfwd", "internal error: a primal output depends on the tangent basis");
    const inputRanges = offsets(inputs);
    const jacobians = primals.slice(0, numOuts).map((out, o) => {
      const stacked = basisAxisAt(results[numLeaves + o]!, dims[numLeaves + o]!, total, "last");
      const blocks = inputRanges.map(({ size, offset }, i) => {
        const columns = lax.slice(stacked, [...out.shape.map(() => 0), offset], [...out.shape, offset + size]);
        return np.reshape(columns, [...out.shape, ...inputs[i]!.shape]);
      });
      return inputStructure(call, options, blocks);
    });
    const jacobian = tree.unflatten(outDef, jacobians as unknown as ArrayValue[]);
    return options.hasAux ? [jacobian, tree.unflatten(auxDef, primals.slice(numOuts))] : jacobian;
  };
}

/**
 * The Jacobian of `f` by reverse mode (one batched vjp over the output basis): cheap for wide
 * Jacobians (many inputs, few outputs).
 *
 * @example
 * jacrev((x) => np.sum(np.square(x)))(np.array([1, 2])); // 2x = [2, 4]
 */
export function jacrev<F extends AnyFunction, const O extends JacobianOptions = {}>(
  f: F,
  options?: O,
): (...args: Parameters<F>) => WithAux<F, O, JacobianOf<F, O>> {
  return jacrevUntyped(f, jacobianOptions("jacrev", f, options, arguments)) as never;
}

function jacrevUntyped(f: AnyFunction, options: JacobianOptions): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    const call = flatCall("jacrev", f, options, args);
    const inputs = call.args.leaves;
    const lin = linearizeFlat((leaves) => call.run(leaves), inputs, "jacrev");
    const { outDef, auxDef, numOuts } = call.result();
    const outs = lin.outs.slice(0, numOuts);
    outs.forEach((o, i) => {
      if (!isFloat(o.dtype)) {
        fail("jacrev", `output leaf ${i} has dtype ${o.dtype} (${describe(o)}); jacrev needs float outputs (use jacfwd, or convert the output with astype)`);
      }
    });
    const auxZeros = lin.outs.slice(numOuts).map((a) => np.zerosLike(a));
    const total = outs.reduce((n, x) => n + x.size, 0);
    const basis = standardBasis(outs.map((o) => o.shape), outs.map((o) => o.dtype));
    const pull = (cotangents: ArrayValue[]): ArrayValue[] => pullBack(lin, [...cotangents, ...auxZeros]).map(instantiate);
    const [cts, dims] = vmapFlatWithDims(jaxprTransforms, pull, basis, basis.map(() => 0), total);
    const rows = cts.map((ct, i) => basisAxisAt(ct, dims[i]!, total, "first"));
    const jacobians = offsets(outs).map(({ size, offset }, o) => {
      const blocks = rows.map((r, i) => {
        const x = inputs[i]!;
        const block = lax.slice(r, [offset, ...x.shape.map(() => 0)], [offset + size, ...x.shape]);
        return np.reshape(block, [...outs[o]!.shape, ...x.shape]);
      });
      return inputStructure(call, options, blocks);
    });
    const jacobian = tree.unflatten(outDef, jacobians as unknown as ArrayValue[]);
    return options.hasAux ? [jacobian, tree.unflatten(auxDef, lin.outs.slice(numOuts))] : jacobian;
  };
}

/**
 * The Hessian of a scalar `f` (jacfwd of jacrev): for each pair of input leaves, an array of shape
 * `in1.shape + in2.shape` (nested like jacfwd(jacrev(f))).
 *
 * @example
 * hessian((x) => np.sum(np.power(x, 3)))(np.array([1, 2])); // diag(6x)
 */
export function hessian<F extends AnyFunction, const O extends JacobianOptions = {}>(
  f: F,
  options?: O,
): (...args: Parameters<F>) => WithAux<F, O, HessianOf<F, O>> {
  const opts = jacobianOptions("hessian", f, options, arguments);
  return jacfwdUntyped(jacrevUntyped(f, opts), opts) as never;
}
