/**
 * The public differentiation API over pytrees: jvp, linearize, vjp, grad, valueAndGrad. Each
 * flattens its arguments to array leaves, runs the flat transform, and rebuilds the structures.
 */
import { describe, fail } from "../core/errors.js";
import { isFloat } from "../core/dtype.js";
import { ArrayValue } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { instantiate } from "../core/rules/autodiff-helpers.js";
import type { Tangent } from "../core/rules/rule.js";
import * as tree from "../core/tree.js";
import { jaxprTransforms } from "./jaxpr-transforms.js";
import { jvpFlat } from "./jvp-interpreter.js";
import { applyLinear, linearizeFlat, pullBack } from "./linearize.js";
import { checkArity, checkFunction, describeValue, readOptions } from "../core/validate.js";
import { arrayLeaves, differentiationOptions, flattenArgs, normalizeArgnums, requireFloat, splitAux } from "./pytree-args.js";
import type { AnyFunction, AuxOf, GradsOf, OutputOf, TangentOf, TangentsOf } from "./types.js";


/** Options of grad and valueAndGrad. */
export interface GradOptions {
  /** Which positional argument(s) to differentiate with respect to (default 0). */
  readonly argnums?: number | readonly number[];
  /** The function returns `[output, aux]`; aux is passed through undifferentiated. */
  readonly hasAux?: boolean;
}

/**
 * Forward mode: the outputs of `f` at `primals` and their directional derivative along
 * `tangents` (both lists with one pytree per argument, matching structures).
 */
export function jvp<F extends AnyFunction>(
  f: F,
  primals: Parameters<F>,
  tangents: TangentsOf<Parameters<F>>,
): [ReturnType<F>, TangentOf<ReturnType<F>>] {
  checkFunction("jvp", f);
  checkArity("jvp", arguments, 3);
  if (!Array.isArray(primals)) fail("jvp", `primals must be a list with one entry per argument of the function, got ${describeValue(primals)}`);
  if (!Array.isArray(tangents)) fail("jvp", `tangents must be a list with one entry per argument of the function, got ${describeValue(tangents)}`);
  if (primals.length !== tangents.length) fail("jvp", `got ${primals.length} primal arguments but ${tangents.length} tangent arguments`);
  const argnums = primals.map((_, i) => i);
  const p = flattenArgs("jvp", primals, argnums);
  const t = flattenArgs("jvp", tangents, argnums);
  p.defs.forEach((d, i) => {
    if (!tree.treedefEq.equals(d.def, t.defs[i]!.def)) {
      fail("jvp", `tangent ${i} has structure ${String(t.defs[i]!.def)}, its primal has ${String(d.def)} (each * is a leaf)`);
    }
  });
  p.leaves.forEach((x, i) => {
    const dt = t.leaves[i]!;
    if (x.shape.join(",") !== dt.shape.join(",") || x.dtype !== dt.dtype) {
      fail("jvp", `tangent leaf ${i} is ${describe(dt)} but its primal is ${describe(x)}; they must match`);
    }
  });
  let outDef: tree.TreeDef | undefined;
  const [outs, outTangents] = jvpFlat(
    jaxprTransforms,
    (leaves) => {
      const [flat, def] = arrayLeaves("jvp", "the output", f(...p.rebuild(leaves)));
      outDef = def;
      return flat;
    },
    p.leaves,
    t.leaves,
  );
  return [tree.unflatten(outDef!, outs) as ReturnType<F>, tree.unflatten(outDef!, outTangents.map(instantiate)) as TangentOf<ReturnType<F>>];
}

/** Linearizes `f` at `primals`: returns the outputs and a function mapping input tangents to output tangents. */
export function linearize<F extends AnyFunction>(
  f: F,
  ...primals: Parameters<F>
): [ReturnType<F>, (...tangents: TangentsOf<Parameters<F>>) => TangentOf<ReturnType<F>>] {
  checkFunction("linearize", f);
  const argnums = primals.map((_, i) => i);
  const p = flattenArgs("linearize", primals, argnums);
  let outDef: tree.TreeDef | undefined;
  const lin = linearizeFlat((leaves) => {
    const [flat, def] = arrayLeaves("linearize", "the output", f(...p.rebuild(leaves)));
    outDef = def;
    return flat;
  }, p.leaves, "linearize");
  const fJvp = (...tangents: TangentsOf<Parameters<F>>) => {
    const t = flattenArgs("linearize", tangents, argnums);
    return tree.unflatten(outDef!, applyLinear(lin, t.leaves).map(instantiate)) as TangentOf<ReturnType<F>>;
  };
  return [tree.unflatten(outDef!, lin.outs) as ReturnType<F>, fJvp];
}

/**
 * Reverse mode: the outputs of `f` at `primals` and a function pulling an output cotangent (a
 * pytree like the output) back to one cotangent per argument.
 */
export function vjp<F extends AnyFunction>(
  f: F,
  ...primals: Parameters<F>
): [ReturnType<F>, (cotangent: TangentOf<ReturnType<F>>) => TangentsOf<Parameters<F>>] {
  const [out, pullback] = vjpInternal("vjp", f, primals, false);
  return [out as ReturnType<F>, pullback as (cotangent: TangentOf<ReturnType<F>>) => TangentsOf<Parameters<F>>];
}

/** vjp of a function returning `[output, aux]`: returns `[output, pullback, aux]`. */
export function vjpWithAux<F extends AnyFunction>(
  f: F,
  ...primals: Parameters<F>
): [OutputOf<F>, (cotangent: TangentOf<OutputOf<F>>) => TangentsOf<Parameters<F>>, AuxOf<F>] {
  const [out, pullback, aux] = vjpInternal("vjpWithAux", f, primals, true);
  return [out as OutputOf<F>, pullback as (cotangent: TangentOf<OutputOf<F>>) => TangentsOf<Parameters<F>>, aux as AuxOf<F>];
}

function vjpInternal(op: string, f: AnyFunction, primals: readonly unknown[], hasAux: boolean): [unknown, (ct: unknown) => unknown[], unknown] {
  checkFunction(op, f);
  const argnums = primals.map((_, i) => i);
  const p = flattenArgs(op, primals, argnums);
  let outDef: tree.TreeDef | undefined;
  let auxDef: tree.TreeDef | undefined;
  let numOut = 0;
  const lin = linearizeFlat((leaves) => {
    const [out, aux] = splitAux(op, f(...p.rebuild(leaves)), hasAux);
    const [flatOut, def] = arrayLeaves(op, "the output", out);
    const [flatAux, aDef] = arrayLeaves(op, "the output", aux);
    outDef = def;
    auxDef = aDef;
    numOut = flatOut.length;
    return [...flatOut, ...flatAux];
  }, p.leaves, op);
  const outs = lin.outs.slice(0, numOut);
  const pullback = (cotangent: unknown): unknown[] => {
    const [cts, ctDef] = arrayLeaves(op, "the output", cotangent);
    if (!tree.treedefEq.equals(ctDef, outDef!)) {
      fail(op, `the cotangent has structure ${String(ctDef)} but the output has ${String(outDef!)} (each * is a leaf)`);
    }
    cts.forEach((ct, i) => {
      const o = outs[i]!;
      if (ct.shape.join(",") !== o.shape.join(",") || ct.dtype !== o.dtype) {
        fail(op, `cotangent leaf ${i} is ${describe(ct)} but the output is ${describe(o)}; they must match`);
      }
    });
    const auxZeros: Tangent[] = lin.outs.slice(numOut).map((a) => np.zerosLike(a));
    const inCts = pullBack(lin, [...cts, ...auxZeros]).map(instantiate);
    return p.defs.map(({ def, start, count }) => tree.unflatten(def, inCts.slice(start, start + count)));
  };
  return [tree.unflatten(outDef!, outs), pullback, tree.unflatten(auxDef!, lin.outs.slice(numOut))];
}

/** The gradient function shared by grad and valueAndGrad: [value, aux, grads]. */
function gradInternal(op: string, f: AnyFunction, options: GradOptions, args: readonly unknown[]): [ArrayValue, unknown, unknown] {
  const argnums = normalizeArgnums(op, options.argnums ?? 0, args.length);
  const p = flattenArgs(op, args, argnums, requireFloat(op));
  let auxLeaves = 0;
  let auxDef: tree.TreeDef | undefined;
  const lin = linearizeFlat((leaves) => {
    const [out, aux] = splitAux(op, f(...p.rebuild(leaves)), options.hasAux);
    const value = out instanceof ArrayValue ? out : typeof out === "number" ? np.array(out) : undefined;
    if (value === undefined || value.shape.length !== 0 || !isFloat(value.dtype)) {
      const got = value !== undefined ? describe(value) : typeof out;
      fail(op, `${op} requires a function with a scalar float output, got ${got}; use vjp or jacrev for non-scalar outputs`);
    }
    const [flatAux, def] = arrayLeaves(op, "the output", aux);
    auxLeaves = flatAux.length;
    auxDef = def;
    return [value, ...flatAux];
  }, p.leaves, op);
  const value = lin.outs[0]!;
  const cotangents: Tangent[] = [np.onesLike(value), ...lin.outs.slice(1).map((a) => np.zerosLike(a))];
  const cts = pullBack(lin, cotangents).map(instantiate);
  const grads = p.defs.map(({ def, start, count }) => tree.unflatten(def, cts.slice(start, start + count)));
  const aux = tree.unflatten(auxDef!, lin.outs.slice(1, 1 + auxLeaves));
  return [value, aux, typeof options.argnums === "object" ? grads : grads[0]];
}

/** Checks the function and reads the options of grad or valueAndGrad (null means no options). */
function gradOptions(op: string, f: unknown, options: unknown, args: IArguments): GradOptions {
  checkFunction(op, f);
  checkArity(op, args, 2);
  return readOptions(op, options, differentiationOptions);
}

/**
 * The gradient of a scalar-valued `f` with respect to argument `argnums` (default 0; a list gives
 * a list of gradients), each shaped like its argument's pytree. With `hasAux`, returns `[grads, aux]`.
 */
export function grad<F extends AnyFunction, const O extends GradOptions = {}>(
  f: F,
  options?: O,
): (...args: Parameters<F>) => O extends { hasAux: true } ? [GradsOf<Parameters<F>, O["argnums"]>, AuxOf<F>] : GradsOf<Parameters<F>, O["argnums"]> {
  const opts = gradOptions("grad", f, options, arguments);
  return ((...args: unknown[]) => {
    const [, aux, grads] = gradInternal("grad", f, opts, args);
    return opts.hasAux ? [grads, aux] : grads;
  }) as never;
}

/** Like grad, returning `[value, grads]` (or `[[value, aux], grads]` with `hasAux`). */
export function valueAndGrad<F extends AnyFunction, const O extends GradOptions = {}>(
  f: F,
  options?: O,
): (...args: Parameters<F>) => [O extends { hasAux: true } ? [ArrayValue, AuxOf<F>] : ArrayValue, GradsOf<Parameters<F>, O["argnums"]>] {
  const opts = gradOptions("valueAndGrad", f, options, arguments);
  return ((...args: unknown[]) => {
    const [value, aux, grads] = gradInternal("valueAndGrad", f, opts, args);
    return [opts.hasAux ? [value, aux] : value, grads];
  }) as never;
}

/** A value reverse mode keeps for the backward pass, and where it comes from. */
export interface SavedResidual {
  readonly shape: readonly number[];
  readonly dtype: string;
  /** An argument of the function, a constant it closed over, or an intermediate value it computed. */
  readonly source: "argument" | "constant" | "intermediate";
}

/**
 * The values reverse mode saves between the forward and backward passes of `f` at `args` (as
 * JAX's print_saved_residuals). Checkpointing shrinks the intermediates.
 */
export function savedResiduals<F extends AnyFunction>(f: F, ...args: Parameters<F>): SavedResidual[] {
  checkFunction("savedResiduals", f);
  const p = flattenArgs("savedResiduals", args, args.map((_, i) => i));
  const lin = linearizeFlat((leaves) => arrayLeaves("savedResiduals", "the output", f(...p.rebuild(leaves)))[0], p.leaves, "savedResiduals");
  return lin.residuals.map((r, i) => ({ shape: r.shape, dtype: r.dtype, source: lin.residualSources[i]! }));
}
