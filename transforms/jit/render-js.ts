/**
 * The JavaScript renderer of the kernel IR: one `new Function` per kernel, one loop over the
 * output index. Source text comes only from the IR: op text from the elementwise rules'
 * `render`, numbers through `renderNumber`, shapes and strides as checked integers. Each op's
 * value is converted as storing it in its dtype's buffer would (Math.fround, |0, >>>0, 0/1), so
 * a fused kernel equals the unfused program bit for bit.
 */
import type { DType, TypedArray } from "../../core/dtype.js";
import { fail } from "../../core/errors.js";
import { expressionHelpers } from "../../core/kernels/elementwise.js";
import { mergeAxes } from "../../core/kernels/strided.js";
import type { ElementwisePrim } from "../../core/primitives.js";
import { elementwiseRules, renderNumber, type ElementwiseRule } from "../../core/rules/elementwise.js";
import { sizeOf, stridesOf } from "../../core/shape.js";
import type { Kernel, KernelNode, OpNode } from "./kernel-ir.js";

/** A rendered kernel: reads `inputs` (in `Kernel.inputs` order), writes every element of `outputs`. */
export type KernelFunction = (inputs: readonly TypedArray[], outputs: readonly TypedArray[]) => void;

/** An integer for loop bounds and strides; anything else is an internal error, never text. */
function integer(n: number): string {
  if (!Number.isSafeInteger(n)) fail("jit", `internal error: a kernel index quantity is not an integer (${String(n)})`);
  return String(n);
}

/** The conversion a store into a `dtype` buffer applies, so intermediates round like separate ops. */
function storeAs(dtype: DType, expression: string): string {
  switch (dtype) {
    case "float32":
      return `Math.fround(${expression})`;
    case "float64":
      return `(${expression})`;
    case "int32":
      return `((${expression}) | 0)`;
    case "uint32":
      return `((${expression}) >>> 0)`;
    case "bool":
      return `((${expression}) ? 1 : 0)`;
  }
  return fail("jit", `internal error: unknown dtype in a kernel`);
}

function renderOp(node: OpNode, names: readonly string[]): string {
  const rule = elementwiseRules[node.prim] as unknown as ElementwiseRule<ElementwisePrim>;
  return storeAs(node.dtype, rule.render(node.args.map((a) => names[a]!), node.inputAvals, node.params));
}

function renderLiteral(value: number): string {
  if (typeof value !== "number") fail("jit", "internal error: a kernel literal is not a number");
  return `(${renderNumber(value)})`;
}

/** Nodes whose value is the same at every index: zero-stride loads, literals, ops over those. */
function invariantNodes(nodes: readonly KernelNode[]): boolean[] {
  const invariant: boolean[] = [];
  for (const node of nodes) {
    if (node.kind === "literal") invariant.push(true);
    else if (node.kind === "load") invariant.push(node.strides.every((s) => s === 0));
    else invariant.push(node.args.every((a) => invariant[a]!));
  }
  return invariant;
}

/** The JavaScript source of a kernel (the body of `new Function("h", source)`). */
export function renderKernel(kernel: Kernel): string {
  const { nodes, shape } = kernel;
  const names = nodes.map((_, i) => `t${i}`);
  const invariant = invariantNodes(nodes);
  const streamed = nodes.flatMap((node, i) => (node.kind === "load" && !invariant[i] ? [i] : []));
  const contiguousStrides = stridesOf(shape);
  const contiguous = streamed.every((i) => {
    const { strides } = nodes[i] as { strides: readonly number[] };
    return shape.every((d, k) => d === 1 || strides[k] === contiguousStrides[k]);
  });
  const offsetOf = new Map<number, string>();
  let prologue = "";
  let loopHead = "";
  let loopTail = "";
  let position = "o";
  if (contiguous) {
    streamed.forEach((i) => offsetOf.set(i, "o"));
    loopHead = `for (let o = 0; o < ${integer(sizeOf(shape))}; o++) {`;
    loopTail = "}";
  } else {
    const { dims, strides } = mergeAxes(shape, streamed.map((i) => (nodes[i] as { strides: readonly number[] }).strides));
    const last = dims.length - 1;
    streamed.forEach((i, j) => offsetOf.set(i, `p${last}_${j}`));
    prologue = "let o = 0;";
    dims.forEach((d, k) => {
      const init = streamed.map((_, j) => `p${k}_${j} = ${k === 0 ? "0" : `p${k - 1}_${j}`}`);
      const step = streamed.flatMap((_, j) => (strides[j]![k] === 0 ? [] : [`p${k}_${j} += ${integer(strides[j]![k]!)}`]));
      loopHead += `for (let i${k} = 0${init.map((s) => `, ${s}`).join("")}; i${k} < ${integer(d)}; i${k}++${step.map((s) => `, ${s}`).join("")}) {\n`;
      loopTail += "}";
    });
    position = "o++";
  }
  const statement = (node: KernelNode, i: number): string => {
    if (node.kind === "literal") return `const ${names[i]} = ${renderLiteral(node.value)};`;
    if (node.kind === "load") return `const ${names[i]} = x${integer(node.input)}[${invariant[i] ? "0" : offsetOf.get(i)!}];`;
    return `const ${names[i]} = ${renderOp(node, names)};`;
  };
  const hoisted = nodes.flatMap((node, i) => (invariant[i] ? [statement(node, i)] : []));
  const body = nodes.flatMap((node, i) => (invariant[i] ? [] : [statement(node, i)]));
  const stores = kernel.outputs.map((out, k) => `y${integer(k)}[${k === kernel.outputs.length - 1 ? position : "o"}] = ${names[out.node]!};`);
  const bindings = [
    ...kernel.inputs.map((_, k) => `const x${integer(k)} = inputs[${integer(k)}];`),
    ...kernel.outputs.map((_, k) => `const y${integer(k)} = outputs[${integer(k)}];`),
  ];
  return `"use strict";
return function kernel(inputs, outputs) {
${bindings.join("\n")}
${hoisted.join("\n")}
${prologue}
${loopHead}
${body.join("\n")}
${stores.join("\n")}
${loopTail}
};`;
}

const cache = new Map<string, KernelFunction>();

/** Renders and instantiates a kernel (identical kernels share one function). */
export function compileKernel(kernel: Kernel): KernelFunction {
  const source = renderKernel(kernel);
  let fn = cache.get(source);
  if (fn === undefined) {
    fn = new Function("h", source)(expressionHelpers) as KernelFunction;
    cache.set(source, fn);
  }
  return fn;
}
