/**
 * The public vmap over pytrees: `vmap(f, {inAxes, outAxes, axisSize})` maps `f` over an axis of
 * its arguments, as if applied to each slice and stacked, but in one pass of batched primitives.
 */
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import { normalizeAxis } from "../core/shape.js";
import * as tree from "../core/tree.js";
import { checkArity, checkFunction, count, readOptions } from "../core/validate.js";
import { arrayLeaves, axesForLeaves, axisSpecOption, flattenArgs, type AxisSpec } from "./pytree-args.js";
import { jaxprTransforms } from "./jaxpr-transforms.js";
import { vmapFlat } from "./vmap-interpreter.js";

/** Options of vmap. */
export interface VmapOptions {
  /**
   * Where each argument is mapped: a number (that axis of every leaf), null (not mapped), or a
   * list with one entry per argument, each a number, null, or a pytree prefix of the argument.
   * Default 0.
   */
  readonly inAxes?: unknown;
  /**
   * Where the mapped axis goes in each output: a number, null (the output does not depend on the
   * mapped inputs and is returned once), or a pytree prefix of the output. Default 0.
   */
  readonly outAxes?: unknown;
  /** The mapped length, required only when no argument is mapped. */
  readonly axisSize?: number;
}

/** Vectorizes `f` over an axis of its arguments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function vmap<F extends (...args: any[]) => unknown>(f: F, vmapOptions?: VmapOptions): (...args: Parameters<F>) => ReturnType<F> {
  checkFunction("vmap", f);
  checkArity("vmap", arguments, 2);
  const options = readOptions("vmap", vmapOptions, { inAxes: axisSpecOption, outAxes: axisSpecOption, axisSize: count });
  return ((...args: unknown[]) => {
    const inAxes = options.inAxes === undefined ? 0 : options.inAxes;
    let perArgument: unknown[];
    if (Array.isArray(inAxes)) {
      if (inAxes.length !== args.length) {
        fail("vmap", `inAxes has ${inAxes.length} entries but the function was called with ${args.length} argument(s); give one entry (number, null or pytree prefix) per argument`);
      }
      perArgument = inAxes;
    } else {
      perArgument = args.map(() => inAxes);
    }
    const argnums = args.map((_, i) => i);
    // An unmapped JS number is passed on as the number itself, so it stays weakly typed exactly as
    // in eager code (a mapped one is an error below: it has no axis).
    const flat = flattenArgs("vmap", args, argnums, undefined, "unchanged");
    const axes: AxisSpec[] = perArgument.flatMap((spec, i) => axesForLeaves("vmap", `inAxes[${i}]`, spec, args[i]));
    const where = (leaf: number) => {
      const d = flat.defs.findIndex((x) => leaf >= x.start && leaf < x.start + x.count);
      return flat.defs[d]!.count > 1 ? `argument ${d} (leaf ${leaf - flat.defs[d]!.start})` : `argument ${d}`;
    };
    const sizes: { where: string; size: number; axis: number }[] = [];
    const dims = flat.leaves.map((x, i) => {
      const axis = axes[i];
      if (axis === null || axis === undefined) return null;
      if (x.ndim === 0) fail("vmap", `${where(i)} is a scalar (${describe(x)}) but inAxes maps its axis ${axis}; use null for unmapped arguments`);
      if (!Number.isInteger(axis) || axis < -x.ndim || axis >= x.ndim) {
        fail("vmap", `inAxes maps axis ${axis} of ${where(i)}, which is ${describe(x)}; expected an axis in [${-x.ndim}, ${x.ndim - 1}]`);
      }
      const d = normalizeAxis("vmap", axis, x.ndim);
      sizes.push({ where: where(i), size: x.shape[d]!, axis: d });
      return d;
    });
    const axisSize = sizes[0]?.size ?? options.axisSize;
    if (axisSize === undefined) fail("vmap", "no argument is mapped (every inAxes entry is null); pass axisSize to say how many times to map");
    const mismatch = sizes.find((s) => s.size !== axisSize);
    if (mismatch !== undefined || (options.axisSize !== undefined && options.axisSize !== axisSize)) {
      fail(
        "vmap",
        `mapped axes must all have the same size, got ${sizes.map((s) => `${s.where} axis ${s.axis} of size ${s.size}`).join(", ")}` +
          (options.axisSize !== undefined ? ` and axisSize ${options.axisSize}` : ""),
      );
    }
    let outDef: tree.TreeDef | undefined;
    let outValue: unknown;
    const outs = vmapFlat(
      jaxprTransforms,
      (leaves) => {
        outValue = f(...flat.rebuild(leaves.map((x, i) => (typeof flat.raw[i] === "number" && dims[i] === null ? flat.raw[i] : x))));
        const [outLeaves, def] = arrayLeaves("vmap", "the output", outValue);
        outDef = def;
        return outLeaves;
      },
      flat.leaves,
      dims,
      (numOutputs) => {
        const outAxes = options.outAxes === undefined ? 0 : options.outAxes;
        const specs = axesForLeaves("vmap", "outAxes", outAxes, outValue);
        if (specs.length !== numOutputs) fail("vmap", `outAxes gives ${specs.length} axes for ${numOutputs} outputs`);
        const ranks = tree.leaves(outValue).map((l) => (l instanceof ArrayValue ? l.ndim : 0));
        return specs.map((s, i) => {
          if (s === null) return null; // an output that does not depend on the mapped inputs
          const rank = ranks[i]! + 1;
          if (!Number.isInteger(s) || s < -rank || s >= rank) {
            fail("vmap", `outAxes puts the mapped axis at ${s} in output ${i}, which has ${rank} axes once batched; expected an axis in [${-rank}, ${rank - 1}]`);
          }
          return normalizeAxis("vmap", s, rank);
        });
      },
      axisSize,
    );
    return tree.unflatten(outDef!, outs);
  }) as unknown as (...args: Parameters<F>) => ReturnType<F>;
}
