/**
 * Eager elementwise kernels, generated from an op's JS expression text. One loop per
 * (expression, arity, access pattern) is built with `new Function` and cached, so the hot loop
 * has the op inlined rather than calling a closure per element. Expression text comes only from
 * the rule tables (never from user data); operands are named `a0`, `a1`, `a2`, and `h` holds the
 * special functions.
 */
import type { Aval } from "../aval.js";
import { allocate, type TypedArray } from "../dtype.js";
import { LruCache } from "../lru.js";
import { broadcastStrides, shapesEqual, sizeOf, stridesOf, type Shape } from "../shape.js";
import * as float32Math from "./float32-math.js";
import * as special from "./special.js";
import { mergeAxes } from "./strided.js";

/** Helpers that generated expressions may call as `h.name(...)`. */
export const expressionHelpers = Object.freeze({ ...special, ...float32Math });

type FlatKernel = (inputs: readonly TypedArray[], out: TypedArray, n: number) => void;
type StridedKernel = (inputs: readonly TypedArray[], out: TypedArray, shape: readonly number[], strides: readonly (readonly number[])[]) => void;

// Bounded: expressions embed some params (exponents, constants), so their number is open-ended.
const KERNELS_PER_KIND = 256;
const flatKernels = new LruCache<string, FlatKernel>(KERNELS_PER_KIND);
const stridedKernels = new LruCache<string, StridedKernel>(KERNELS_PER_KIND);

/** Forgets the cached eager kernels (see `clearCaches`). */
export function clearElementwiseKernels(): void {
  flatKernels.clear();
  stridedKernels.clear();
}

function operandNames(arity: number): string[] {
  return Array.from({ length: arity }, (_, i) => `a${i}`);
}

/** A loop over contiguous operands; `scalar[i]` marks operands read once (size 1). */
function flatKernel(expression: string, scalar: readonly boolean[]): FlatKernel {
  const key = `${expression}|${scalar.map(Number).join("")}`;
  let kernel = flatKernels.get(key);
  if (kernel === undefined) {
    const names = operandNames(scalar.length);
    const setup = names.map((a, i) => (scalar[i] ? `const ${a} = inputs[${i}][0];` : `const x${i} = inputs[${i}];`)).join("\n");
    const loads = names.map((a, i) => (scalar[i] ? "" : `const ${a} = x${i}[i];`)).join(" ");
    const source = `"use strict";
return function flat(inputs, out, n) {
${setup}
for (let i = 0; i < n; i++) { ${loads} out[i] = ${expression}; }
};`;
    kernel = new Function("h", source)(expressionHelpers) as FlatKernel;
    flatKernels.set(key, kernel);
  }
  return kernel;
}

/** A loop over broadcast operands: an odometer over outer axes, a strided inner loop over the last. */
function stridedKernel(expression: string, arity: number): StridedKernel {
  const key = `${expression}|${arity}`;
  let kernel = stridedKernels.get(key);
  if (kernel === undefined) {
    const ids = Array.from({ length: arity }, (_, i) => i);
    const source = `"use strict";
return function strided(inputs, out, shape, strides) {
const rank = shape.length;
const inner = shape[rank - 1];
let outer = 1;
for (let d = 0; d < rank - 1; d++) outer *= shape[d];
${ids.map((i) => `const x${i} = inputs[${i}], s${i} = strides[${i}], t${i} = s${i}[rank - 1];`).join("\n")}
const index = new Array(rank).fill(0);
let o = 0;
for (let k = 0; k < outer; k++) {
  ${ids.map((i) => `let p${i} = 0;`).join(" ")}
  for (let d = 0; d < rank - 1; d++) { ${ids.map((i) => `p${i} += index[d] * s${i}[d];`).join(" ")} }
  for (let i = 0; i < inner; i++) {
    ${ids.map((i) => `const a${i} = x${i}[p${i}]; p${i} += t${i};`).join(" ")}
    out[o++] = ${expression};
  }
  for (let d = rank - 2; d >= 0; d--) { if (++index[d] < shape[d]) break; index[d] = 0; }
}
};`;
    kernel = new Function("h", source)(expressionHelpers) as StridedKernel;
    stridedKernels.set(key, kernel);
  }
  return kernel;
}

/** A kernel operand: a row-major buffer and its shape (kernels see buffers, never arrays). */
export interface BufferOperand {
  readonly data: TypedArray;
  readonly shape: Shape;
}

/**
 * Applies an elementwise expression to broadcast-compatible inputs, producing a fresh buffer of
 * aval `out`. Inputs are only read.
 */
export function mapElementwise(expression: string, inputs: readonly BufferOperand[], out: Aval): TypedArray {
  const n = sizeOf(out.shape);
  const result = allocate(out.dtype, n);
  if (n === 0) return result;
  const datas = inputs.map((x) => x.data);
  if (inputs.every((x) => x.data.length === 1 || shapesEqual(x.shape, out.shape))) {
    flatKernel(expression, inputs.map((x) => x.data.length === 1))(datas, result, n);
  } else {
    // Merged axes keep the output contiguous (its strides are merged alongside) and lengthen the inner loop.
    const { dims, strides } = mergeAxes(out.shape, [...inputs.map((x) => broadcastStrides(x.shape, out.shape)), stridesOf(out.shape)]);
    stridedKernel(expression, inputs.length)(datas, result, dims, strides.slice(0, inputs.length));
  }
  return result;
}
