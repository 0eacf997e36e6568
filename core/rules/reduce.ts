/**
 * Rules for reductions, scans and sorts. Params arrive normalized (the np wrappers turn negative
 * and `null` axes into sorted non-negative lists), so the shape rules only check them.
 * Reductions are `reduce` for the fuser; scans, sorts and top-k are `opaque`.
 */
import { describeValue } from "../validate.js";
import { aval, type Aval } from "../aval.js";
import type { DType } from "../dtype.js";
import { describe, describeAll, fail } from "../errors.js";
import { argKernel, reduceKernel, scanKernel, type ReduceOp, type ScanOp } from "../kernels/reduce.js";
import { sortKernel, topKKernel } from "../kernels/sort.js";
import { adoptBuffer, storageOf } from "../ndarray.js";
import type { ParamsOf, ReducePrim } from "../primitives.js";
import { shapesEqual } from "../shape.js";
import {
  argJvp,
  argVmap,
  chooserJvp,
  cumChooserJvp,
  cumprodJvp,
  cumsumJvp,
  cumsumTranspose,
  reduceProdJvp,
  reduceSumJvp,
  reduceSumTranspose,
  reduceVmap,
  scanVmap,
  sortJvp,
  sortVmap,
  topKJvp,
  topKVmap,
} from "./reduce-ad.js";
import type { JvpRule, Rule, RuleTable } from "./rule.js";

const numeric: readonly DType[] = ["float32", "float64", "int32", "uint32"];
const anyDtype: readonly DType[] = [...numeric, "bool"];

/** Checks that there is exactly one operand, of an accepted dtype; returns it. */
function single(op: string, args: readonly Aval[], accepted: readonly DType[]): Aval {
  if (args.length !== 1) fail(op, `expected 1 operand, got ${args.length} (${describeAll(args)})`);
  const x = args[0]!;
  if (!accepted.includes(x.dtype)) {
    fail(op, `got ${describe(x)}; expected a ${accepted.join(" or ")} operand` + (x.dtype === "bool" ? " (convert bools to int32 first)" : ""));
  }
  return x;
}

/** Checks that `axis` is an integer in [0, rank) of operand `x`. */
function checkAxis(op: string, x: Aval, axis: number): void {
  if (!Number.isInteger(axis) || axis < 0 || axis >= x.shape.length) {
    const range = x.shape.length === 0 ? "none (a rank-0 operand has no axes)" : `an integer in [0, ${x.shape.length - 1}]`;
    fail(op, `axis ${axis} is invalid for operand ${describe(x)}; expected ${range}`);
  }
}

/** A reduction over a sorted list of distinct axes, which are removed from the shape. */
function defReduce<P extends "reduceSum" | "reduceMax" | "reduceMin" | "reduceProd">(name: P, op: ReduceOp, jvp: JvpRule<P>): Rule<P> {
  // Sums and products of bools have no bool result in numpy or JAX: the wrappers convert to int32.
  const accepted = op === "sum" || op === "prod" ? numeric : anyDtype;
  return {
    fusion: "reduce",
    abstractEval(args, params) {
      const x = single(name, args, accepted);
      const axes = params.axes;
      const valid = Array.isArray(axes) && axes.every((a, i) => Number.isInteger(a) && a >= 0 && a < x.shape.length && (i === 0 || a > axes[i - 1]!));
      if (!valid) {
        fail(name, `axes ${describeValue(axes)} are invalid for operand ${describe(x)}; expected sorted distinct integers in [0, ${x.shape.length - 1}]`);
      }
      return [aval(x.shape.filter((_, i) => !axes.includes(i)), x.dtype)];
    },
    impl(args, params, outAvals) {
      const x = args[0]!;
      const out = outAvals[0]!;
      return [adoptBuffer(reduceKernel(op, storageOf(x), x.shape, params.axes, x.dtype), out.shape, out.dtype)];
    },
    jvp,
    vmap: reduceVmap(name),
  };
}

/** argmax/argmin: the int32 index of the first extremum along one axis (removed); NaN is the extremum. */
function defArg<P extends "argmax" | "argmin">(name: P, which: "max" | "min"): Rule<P> {
  return {
    fusion: "reduce",
    abstractEval(args, params) {
      const x = single(name, args, anyDtype);
      checkAxis(name, x, params.axis);
      if (params.indexDtype !== "int32") fail(name, `indexDtype ${String(params.indexDtype)} is not supported; expected "int32"`);
      if (x.shape[params.axis] === 0) fail(name, `cannot take the ${name} of an empty axis: operand ${describe(x)}, axis ${params.axis}`);
      return [aval(x.shape.filter((_, i) => i !== params.axis), "int32")];
    },
    impl(args, params, outAvals) {
      const x = args[0]!;
      return [adoptBuffer(argKernel(which, storageOf(x), x.shape, params.axis), outAvals[0]!.shape, "int32")];
    },
    jvp: argJvp(name),
    vmap: argVmap(name),
  };
}

/** An inclusive scan along one axis, keeping shape and dtype. */
function defScan<P extends "cumsum" | "cumprod" | "cummax" | "cummin">(name: P, op: ScanOp, jvp: JvpRule<P>): Rule<P> {
  const accepted = op === "sum" || op === "prod" ? numeric : anyDtype;
  return {
    fusion: "opaque",
    abstractEval(args, params) {
      const x = single(name, args, accepted);
      checkAxis(name, x, params.axis);
      if (typeof params.reverse !== "boolean") fail(name, `reverse must be a boolean, got ${String(params.reverse)}`);
      return [aval(x.shape, x.dtype)];
    },
    impl(args, params) {
      const x = args[0]!;
      return [adoptBuffer(scanKernel(op, storageOf(x), x.shape, params.axis, params.reverse, x.dtype), x.shape, x.dtype)];
    },
    jvp,
    vmap: scanVmap(name),
  };
}

const sortRule: Rule<"sort"> = {
  fusion: "opaque",
  abstractEval(args, params: ParamsOf["sort"]) {
    if (args.length === 0) fail("sort", "expected at least 1 operand, got 0");
    const first = args[0]!;
    if (args.some((a) => !shapesEqual(a.shape, first.shape))) {
      fail("sort", `operands must all have one shape, got ${describeAll(args)}`);
    }
    checkAxis("sort", first, params.axis);
    const { numKeys } = params;
    if (!Number.isInteger(numKeys) || numKeys < 1 || numKeys > args.length) {
      fail("sort", `numKeys ${numKeys} is invalid for ${args.length} operand(s) (${describeAll(args)}); expected an integer in [1, ${args.length}]`);
    }
    if (typeof params.descending !== "boolean") fail("sort", `descending must be a boolean, got ${describeValue(params.descending)}`);
    return args.map((a) => aval(a.shape, a.dtype));
  },
  impl(args, params) {
    const shape = args[0]!.shape;
    const sorted = sortKernel(
      args.map((a) => storageOf(a)),
      args.map((a) => a.dtype),
      shape,
      params.axis,
      params.numKeys,
      params.descending,
    );
    return sorted.map((data, i) => adoptBuffer(data, shape, args[i]!.dtype));
  },
  jvp: sortJvp,
  vmap: sortVmap,
};

const topKRule: Rule<"topK"> = {
  fusion: "opaque",
  abstractEval(args, params) {
    const x = single("topK", args, anyDtype);
    if (x.shape.length === 0) fail("topK", `expected an operand of rank >= 1, got ${describe(x)}`);
    const n = x.shape[x.shape.length - 1]!;
    if (!Number.isInteger(params.k) || params.k < 0 || params.k > n) {
      fail("topK", `k ${params.k} is invalid for operand ${describe(x)}; expected an integer in [0, ${n}] (the size of the last axis)`);
    }
    const shape = [...x.shape.slice(0, -1), params.k];
    return [aval(shape, x.dtype), aval(shape, "int32")];
  },
  impl(args, params, outAvals) {
    const x = args[0]!;
    const [values, indices] = topKKernel(storageOf(x), x.dtype, x.shape, params.k);
    const shape = outAvals[0]!.shape;
    return [adoptBuffer(values, shape, x.dtype), adoptBuffer(indices, shape, "int32")];
  },
  jvp: topKJvp,
  vmap: topKVmap,
};

/** Rules for the reduce family. */
export const reduceRules: RuleTable<ReducePrim> = {
  reduceSum: { ...defReduce("reduceSum", "sum", reduceSumJvp), transpose: reduceSumTranspose },
  reduceProd: defReduce("reduceProd", "prod", reduceProdJvp),
  reduceMax: defReduce("reduceMax", "max", chooserJvp("reduceMax")),
  reduceMin: defReduce("reduceMin", "min", chooserJvp("reduceMin")),
  argmax: defArg("argmax", "max"),
  argmin: defArg("argmin", "min"),
  cumsum: { ...defScan("cumsum", "sum", cumsumJvp), transpose: cumsumTranspose },
  cumprod: defScan("cumprod", "prod", cumprodJvp),
  cummax: defScan("cummax", "max", cumChooserJvp("cummax")),
  cummin: defScan("cummin", "min", cumChooserJvp("cummin")),
  sort: sortRule,
  topK: topKRule,
};
