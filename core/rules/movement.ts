/**
 * Rules for the movement primitives: reshaping, broadcasting, transposing, slicing, padding,
 * joining, reversing, and indexing along an axis. Shape rules follow jax.lax exactly (including
 * negative and interior padding and clamped dynamic starts); kernels live in core/kernels.
 * Every primitive but iota is linear in its array operands (not in integer indices), so each jvp
 * is the primitive applied to the tangents and each has a transpose, as in JAX. Batching keeps
 * the batch axis in place where the params can say so; the vmap rules for per-example start
 * indices, indices and padding values live in movement-batching.ts.
 */
import { describeValue } from "../validate.js";
import { aval, type Aval } from "../aval.js";
import { isDType, isInteger, type TypedArray } from "../dtype.js";
import { describe, describeAll, fail } from "../errors.js";
import { checkIndices, gatherKernel, scatterAddKernel } from "../kernels/gather.js";
import {
  broadcastInDimKernel,
  clampStarts,
  concatenateKernel,
  iotaKernel,
  padKernel,
  revKernel,
  sliceKernel,
  transposeKernel,
  updateSliceKernel,
} from "../kernels/movement.js";
import { bind } from "../interpreter.js";
import * as lax from "../lax/primitives.js";
import { adoptBuffer, type ArrayValue, NdArray, storageOf } from "../ndarray.js";
import type { MovementPrim } from "../primitives.js";
import { checkShape, invertPermutation, isPermutation, range, shapesEqual, sizeOf, type Shape } from "../shape.js";
import { avalOfArg, linearJvp, transposeRule, zeroLike, zeros } from "./autodiff-helpers.js";
import { batchFirst, moveAxis, physicalAxis } from "./batching-helpers.js";
import {
  dynamicSliceVmap,
  dynamicUpdateSliceVmap,
  gatherVmap,
  insertAt,
  padVmap,
  scatterAddVmap,
} from "./movement-batching.js";
import { LinearArg, type RuleTable } from "./rule.js";

/** Checks the number of array arguments. */
function expectArgs(op: string, args: readonly Aval[], count: number, what: string): void {
  if (args.length !== count) fail(op, `expected ${count} array arguments (${what}), got ${args.length}: ${describeAll(args)}`);
}

/** Checks a static axis param against a rank. */
function expectAxis(op: string, axis: number, rank: number, x: Aval): void {
  if (!Number.isInteger(axis) || axis < 0 || axis >= rank) {
    fail(op, `axis ${axis} is out of range for ${describe(x)}; expected an integer in [0, ${rank - 1}]`);
  }
}

/** Checks that a list of static params has one entry per axis. */
function expectPerAxis(op: string, name: string, list: readonly unknown[], x: Aval): void {
  if (!Array.isArray(list) || list.length !== x.shape.length) {
    fail(op, `${name} ${describeValue(list)} must have one entry per axis of ${describe(x)} (${x.shape.length} entries)`);
  }
}

/** Checks that the start arguments of a dynamic slice are integer scalars, one per axis. */
function expectStarts(op: string, starts: readonly Aval[], x: Aval): void {
  if (starts.length !== x.shape.length) {
    fail(op, `expected one scalar start index per axis of ${describe(x)} (${x.shape.length}), got ${starts.length}: ${describeAll(starts)}`);
  }
  starts.forEach((s, a) => {
    if (s.shape.length !== 0 || !isInteger(s.dtype)) fail(op, `start index for axis ${a} must be an int32 scalar, got ${describe(s)}`);
  });
}

/** A fresh result array (the kernels allocate; no input buffer is reused). */
function result(data: TypedArray, out: Aval): NdArray[] {
  return [adoptBuffer(data, out.shape, out.dtype)];
}

/** The output shape of lax.pad, or an error when an axis would be negative. */
function paddedShape(x: Aval, config: readonly (readonly [number, number, number])[]): number[] {
  return x.shape.map((d, a) => {
    const entry = config[a]!;
    if (!Array.isArray(entry) || entry.length !== 3 || !entry.every(Number.isInteger) || entry[2] < 0) {
      fail("pad", `config for axis ${a} must be [low, high, interior] integers with interior >= 0, got ${describeValue(entry)}`);
    }
    const [low, high, interior] = entry;
    const size = low + high + d + Math.max(0, d - 1) * interior;
    if (size < 0) fail("pad", `config ${describeValue(entry)} gives axis ${a} of ${describe(x)} a negative size ${size}`);
    return size;
  });
}

/** Rules for every movement primitive. */
export const movementRules: RuleTable<MovementPrim> = {
  reshape: {
    fusion: "movement",
    abstractEval(args, { newShape }) {
      expectArgs("reshape", args, 1, "operand");
      const x = args[0]!;
      checkShape("reshape", newShape);
      if (sizeOf(newShape) !== sizeOf(x.shape)) {
        fail(
          "reshape",
          `cannot reshape ${describe(x)} (${sizeOf(x.shape)} elements) into shape [${newShape.join(",")}] ` +
            `(${sizeOf(newShape)} elements); expected the same number of elements`,
        );
      }
      return [aval(newShape, x.dtype)];
    },
    // Arrays are never written after construction, so the result may share the operand's buffer.
    impl: ([x], _params, [out]) => [adoptBuffer(storageOf(x!), out!.shape, out!.dtype)],
    jvp: linearJvp("reshape"),
    transpose: transposeRule<"reshape">(([x], ct) => [lax.reshape(ct, avalOfArg(x!).shape)]),
    vmap: ([x], [dim], { newShape }, size) => [[lax.reshape(moveAxis(x!, dim!, 0), [size, ...newShape])], [0]],
  },

  broadcastInDim: {
    fusion: "movement",
    abstractEval(args, { shape, broadcastDimensions: dims }) {
      expectArgs("broadcastInDim", args, 1, "operand");
      const x = args[0]!;
      checkShape("broadcastInDim", shape);
      expectPerAxis("broadcastInDim", "broadcastDimensions", dims, x);
      dims.forEach((o, i) => {
        if (!Number.isInteger(o) || o < 0 || o >= shape.length || (i > 0 && o <= dims[i - 1]!)) {
          fail(
            "broadcastInDim",
            `broadcastDimensions ${describeValue(dims)} must be strictly increasing axes of the output shape [${shape.join(",")}]`,
          );
        }
        if (x.shape[i] !== 1 && x.shape[i] !== shape[o]) {
          fail(
            "broadcastInDim",
            `cannot broadcast ${describe(x)} to shape [${shape.join(",")}]: operand axis ${i} has size ${x.shape[i]} ` +
              `but output axis ${o} has size ${shape[o]}; expected equal sizes or 1`,
          );
        }
      });
      return [aval(shape, x.dtype)];
    },
    impl: ([x], { broadcastDimensions }, [out]) =>
      result(broadcastInDimKernel(storageOf(x!), x!.shape, out!.shape, broadcastDimensions, x!.dtype), out!),
    jvp: linearJvp("broadcastInDim"),
    transpose: transposeRule<"broadcastInDim">(([x], ct, { broadcastDimensions: dims }) => {
      // Sum over the axes broadcasting created and over the operand's size-1 axes it stretched.
      const { shape } = avalOfArg(x!);
      const axes = ct.shape.map((_, o) => o).filter((o) => !dims.includes(o) || (shape[dims.indexOf(o)] === 1 && ct.shape[o] !== 1));
      const summed = axes.length > 0 ? lax.reduceSum(ct, axes) : ct;
      return [shapesEqual(summed.shape, shape) ? summed : lax.reshape(summed, shape)];
    }),
    vmap([x], [dim], { shape, broadcastDimensions: dims }, size) {
      // The batch axis goes right after the output axis of the operand axis before it, which
      // keeps broadcastDimensions increasing.
      const b = dim!;
      const at = b === 0 ? 0 : dims[b - 1]! + 1;
      const outShape = [...shape.slice(0, at), size, ...shape.slice(at)];
      const outDims = [...dims.slice(0, b), at, ...dims.slice(b).map((o) => o + 1)];
      return [[lax.broadcastInDim(x!, outShape, outDims)], [at]];
    },
  },

  transpose: {
    fusion: "movement",
    abstractEval(args, { permutation }) {
      expectArgs("transpose", args, 1, "operand");
      const x = args[0]!;
      if (!isPermutation(permutation, x.shape.length)) {
        fail(
          "transpose",
          `${describeValue(permutation)} is not a permutation of the axes of ${describe(x)}; ` +
            `expected each of 0..${x.shape.length - 1} exactly once`,
        );
      }
      return [aval(permutation.map((p) => x.shape[p]!), x.dtype)];
    },
    impl: ([x], { permutation }, [out]) => result(transposeKernel(storageOf(x!), x!.shape, permutation, x!.dtype), out!),
    jvp: linearJvp("transpose"),
    transpose: transposeRule<"transpose">((_args, ct, { permutation }) => [lax.transpose(ct, invertPermutation(permutation))]),
    vmap([x], [dim], { permutation }) {
      // One transpose that also brings the batch axis to the front.
      const b = dim!;
      const dataAxes = range(x!.ndim).filter((a) => a !== b);
      return [[lax.transpose(x!, [b, ...permutation.map((p) => dataAxes[p]!)])], [0]];
    },
  },

  slice: {
    fusion: "movement",
    abstractEval(args, { start, limit, strides }) {
      expectArgs("slice", args, 1, "operand");
      const x = args[0]!;
      expectPerAxis("slice", "start", start, x);
      expectPerAxis("slice", "limit", limit, x);
      expectPerAxis("slice", "strides", strides, x);
      const shape = x.shape.map((d, a) => {
        const [s, l, k] = [start[a]!, limit[a]!, strides[a]!];
        if (![s, l, k].every(Number.isInteger) || s < 0 || l > d || s > l || k < 1) {
          fail(
            "slice",
            `axis ${a} of ${describe(x)}: start ${s}, limit ${l}, stride ${k} is out of range; ` +
              `expected integers with 0 <= start <= limit <= ${d} and stride >= 1`,
          );
        }
        return Math.ceil((l - s) / k);
      });
      return [aval(shape, x.dtype)];
    },
    impl: ([x], { start, strides }, [out]) => result(sliceKernel(storageOf(x!), x!.shape, start, strides, out!.shape, x!.dtype), out!),
    jvp: linearJvp("slice"),
    transpose: transposeRule<"slice">(([x], ct, { start, strides }) => {
      // Pad the slice back to the operand's shape with zeros; a stride becomes interior padding.
      const config = avalOfArg(x!).shape.map((d, a): [number, number, number] => {
        const end = ct.shape[a] === 0 ? start[a]! : start[a]! + (ct.shape[a]! - 1) * strides[a]! + 1;
        return [start[a]!, d - end, strides[a]! - 1];
      });
      return [lax.pad(ct, 0, config)];
    }),
    vmap([x], [dim], { start, limit, strides }, size) {
      const b = dim!;
      return [[lax.slice(x!, insertAt(start, b, 0), insertAt(limit, b, size), insertAt(strides, b, 1))], [b]];
    },
  },

  dynamicSlice: {
    fusion: "movement",
    abstractEval(args, { sliceSizes }) {
      if (args.length < 1) fail("dynamicSlice", "expected an operand and one start index per axis, got no arguments");
      const [x, ...starts] = args as [Aval, ...Aval[]];
      expectStarts("dynamicSlice", starts, x);
      expectPerAxis("dynamicSlice", "sliceSizes", sliceSizes, x);
      sliceSizes.forEach((n, a) => {
        if (!Number.isInteger(n) || n < 0 || n > x.shape[a]!) {
          fail("dynamicSlice", `slice size ${n} on axis ${a} does not fit ${describe(x)}; expected 0 <= size <= ${x.shape[a]}`);
        }
      });
      return [aval(sliceSizes, x.dtype)];
    },
    impl([x, ...starts], { sliceSizes }, [out]) {
      const start = clampStarts(starts.map((s) => storageOf(s)[0]!), x!.shape, sliceSizes);
      return result(sliceKernel(storageOf(x!), x!.shape, start, start.map(() => 1), out!.shape, x!.dtype), out!);
    },
    jvp: linearJvp("dynamicSlice", [0]),
    transpose: transposeRule<"dynamicSlice">(([x, ...starts], ct) => [
      lax.dynamicUpdateSlice(zeros(avalOfArg(x!)), ct, starts as ArrayValue[]),
      ...starts.map(() => null),
    ]),
    vmap: dynamicSliceVmap,
  },

  dynamicUpdateSlice: {
    fusion: "movement",
    abstractEval(args) {
      if (args.length < 2) fail("dynamicUpdateSlice", `expected an operand, an update and start indices, got ${describeAll(args)}`);
      const [x, update, ...starts] = args as [Aval, Aval, ...Aval[]];
      if (update.dtype !== x.dtype || update.shape.length !== x.shape.length || update.shape.some((d, a) => d > x.shape[a]!)) {
        fail(
          "dynamicUpdateSlice",
          `update ${describe(update)} does not fit operand ${describe(x)}; expected the same dtype and rank, and no larger on any axis`,
        );
      }
      expectStarts("dynamicUpdateSlice", starts, x);
      return [aval(x.shape, x.dtype)];
    },
    impl([x, update, ...starts], _params, [out]) {
      const start = clampStarts(starts.map((s) => storageOf(s)[0]!), x!.shape, update!.shape);
      return result(updateSliceKernel(storageOf(x!), x!.shape, storageOf(update!), update!.shape, start, x!.dtype), out!);
    },
    jvp: linearJvp("dynamicUpdateSlice", [0, 1]),
    transpose: transposeRule<"dynamicUpdateSlice">(([x, update, ...starts], ct) => {
      const updateAval = avalOfArg(update!);
      const indices = starts as ArrayValue[];
      return [
        x instanceof LinearArg ? lax.dynamicUpdateSlice(ct, zeros(updateAval), indices) : null,
        update instanceof LinearArg ? lax.dynamicSlice(ct, indices, updateAval.shape) : null,
        ...starts.map(() => null),
      ];
    }),
    vmap: dynamicUpdateSliceVmap,
  },

  pad: {
    fusion: "movement",
    abstractEval(args, { config }) {
      expectArgs("pad", args, 2, "operand, padding value");
      const [x, value] = args as [Aval, Aval];
      if (value.shape.length !== 0 || value.dtype !== x.dtype) {
        fail("pad", `padding value must be a scalar of the operand's dtype: got ${describe(value)} for operand ${describe(x)}`);
      }
      expectPerAxis("pad", "config", config, x);
      return [aval(paddedShape(x, config), x.dtype)];
    },
    impl: ([x, value], { config }, [out]) =>
      result(padKernel(storageOf(x!), x!.shape, storageOf(value!)[0]!, config, out!.shape, x!.dtype), out!),
    jvp: linearJvp("pad"),
    transpose: transposeRule<"pad">(([x, value], ct, { config }) => {
      // Undo low/high padding (negative padding is padded back with zeros), then step over the interior.
      const unpadded = lax.pad(ct, 0, config.map(([low, high]): [number, number, number] => [-low, -high, 0]));
      const ctX = lax.slice(unpadded, unpadded.shape.map(() => 0), unpadded.shape, config.map(([, , interior]) => interior + 1));
      // Every output element not taken from the operand is the padding value.
      const ctValue = value instanceof LinearArg ? lax.sub(sumAll(ct), sumAll(ctX)) : null;
      return [x instanceof LinearArg ? ctX : null, ctValue];
    }),
    vmap: padVmap,
  },

  concatenate: {
    fusion: "movement",
    abstractEval(args, { axis }) {
      if (args.length === 0) fail("concatenate", "expected at least one array");
      const first = args[0]!;
      expectAxis("concatenate", axis, first.shape.length, first);
      let total = 0;
      for (const x of args) {
        const compatible =
          x.dtype === first.dtype &&
          x.shape.length === first.shape.length &&
          x.shape.every((d, a) => a === axis || d === first.shape[a]);
        if (!compatible) {
          fail(
            "concatenate",
            `cannot join ${describeAll(args)} along axis ${axis}; expected one dtype and equal sizes on every other axis`,
          );
        }
        total += x.shape[axis]!;
      }
      return [aval(first.shape.map((d, a) => (a === axis ? total : d)), first.dtype)];
    },
    impl: (args, { axis }, [out]) => result(concatenateKernel(args.map((a) => ({ data: storageOf(a), shape: a.shape })), axis, out!.shape, out!.dtype), out!),
    jvp: linearJvp("concatenate"),
    transpose: transposeRule<"concatenate">((args, ct, { axis }) => {
      let offset = 0;
      return args.map((arg) => {
        const { shape } = avalOfArg(arg);
        const start = ct.shape.map((_, a) => (a === axis ? offset : 0));
        offset += shape[axis]!;
        const limit = ct.shape.map((d, a) => (a === axis ? offset : d));
        return arg instanceof LinearArg ? lax.slice(ct, start, limit) : null;
      });
    }),
    vmap: (args, dims, { axis }, size) => [[lax.concatenate(args.map((x, i) => batchFirst(x, dims[i]!, size)), axis + 1)], [0]],
  },

  rev: {
    fusion: "movement",
    abstractEval(args, { axes }) {
      expectArgs("rev", args, 1, "operand");
      const x = args[0]!;
      if (!Array.isArray(axes) || new Set(axes).size !== axes.length) fail("rev", `axes ${describeValue(axes)} must be distinct`);
      for (const a of axes) expectAxis("rev", a, x.shape.length, x);
      return [aval(x.shape, x.dtype)];
    },
    impl: ([x], { axes }, [out]) => result(revKernel(storageOf(x!), x!.shape, axes, x!.dtype), out!),
    jvp: linearJvp("rev"),
    transpose: transposeRule<"rev">((_args, ct, { axes }) => [lax.rev(ct, axes)]),
    vmap: ([x], [dim], { axes }) => [[lax.rev(x!, axes.map((a) => physicalAxis(a, dim!)))], [dim!]],
  },

  gather: {
    fusion: "opaque",
    abstractEval(args, { axis }) {
      expectArgs("gather", args, 2, "operand, indices");
      const [x, indices] = args as [Aval, Aval];
      expectAxis("gather", axis, x.shape.length, x);
      if (!isInteger(indices.dtype)) fail("gather", `indices must be int32, got ${describe(indices)} (operand ${describe(x)})`);
      return [aval(gatheredShape(x.shape, indices.shape, axis), x.dtype)];
    },
    impl([x, indices], { axis }, [out]) {
      checkIndices("gather", storageOf(indices!), axis, x!.shape[axis]!);
      return result(gatherKernel(storageOf(x!), x!.shape, storageOf(indices!), axis, x!.dtype), out!);
    },
    jvp: linearJvp("gather", [0]),
    transpose: transposeRule<"gather">(([x, indices], ct, { axis }) => [
      lax.scatterAdd(zeros(avalOfArg(x!)), indices as ArrayValue, ct, axis),
      null,
    ]),
    vmap: gatherVmap,
  },

  scatterAdd: {
    fusion: "opaque",
    abstractEval(args, { axis }) {
      expectArgs("scatterAdd", args, 3, "operand, indices, updates");
      const [x, indices, updates] = args as [Aval, Aval, Aval];
      expectAxis("scatterAdd", axis, x.shape.length, x);
      if (!isInteger(indices.dtype)) fail("scatterAdd", `indices must be int32, got ${describe(indices)} (operand ${describe(x)})`);
      const expected = gatheredShape(x.shape, indices.shape, axis);
      if (updates.dtype !== x.dtype || updates.shape.length !== expected.length || updates.shape.some((d, a) => d !== expected[a])) {
        fail(
          "scatterAdd",
          `updates ${describe(updates)} do not match operand ${describe(x)} indexed by ${describe(indices)} on axis ${axis}; ` +
            `expected ${describe({ shape: expected, dtype: x.dtype })}`,
        );
      }
      return [aval(x.shape, x.dtype)];
    },
    impl([x, indices, updates], { axis }, [out]) {
      checkIndices("scatterAdd", storageOf(indices!), axis, x!.shape[axis]!);
      return result(scatterAddKernel(storageOf(x!), x!.shape, storageOf(indices!), storageOf(updates!), axis, x!.dtype), out!);
    },
    jvp: linearJvp("scatterAdd", [0, 2]),
    transpose: transposeRule<"scatterAdd">(([x, indices, updates], ct, { axis }) => [
      x instanceof LinearArg ? ct : null,
      null,
      updates instanceof LinearArg ? lax.gather(ct, indices as ArrayValue, axis) : null,
    ]),
    vmap: scatterAddVmap,
  },

  iota: {
    fusion: "movement",
    abstractEval(args, { dtype, shape, dimension }) {
      expectArgs("iota", args, 0, "none");
      checkShape("iota", shape);
      if (!isDType(dtype) || dtype === "bool") fail("iota", `dtype must be float32, float64, int32 or uint32, got ${describeValue(dtype)}`);
      expectAxis("iota", dimension, shape.length, { shape, dtype });
      return [aval(shape, dtype)];
    },
    impl: (_args, { dimension }, [out]) => result(iotaKernel(out!.shape, dimension, out!.dtype), out!),
    jvp(_primals, _tangents, params) {
      const outs = bind("iota", [], params);
      return [outs, outs.map(zeroLike)];
    },
    vmap: () => fail("iota", "internal error: iota has no operands, so vmap can never batch it"),
  },
};

/** Gather's output shape: `shape[:axis] + indicesShape + shape[axis+1:]`. */
function gatheredShape(shape: Shape, indicesShape: Shape, axis: number): number[] {
  return [...shape.slice(0, axis), ...indicesShape, ...shape.slice(axis + 1)];
}

// ---- transform helpers ----

/** The sum of every element (a scalar). */
function sumAll(x: ArrayValue): ArrayValue {
  return x.ndim === 0 ? x : lax.reduceSum(x, range(x.ndim));
}
