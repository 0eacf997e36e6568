/**
 * The JavaScript renderer of the kernel IR: one `new Function` per kernel, a loop nest over its
 * index space (one flat loop when every load is contiguous; reductions in render-js-reduce.ts).
 * Source text comes only from the IR: op text from the elementwise rules' `render`, numbers
 * through `renderNumber`, shapes and strides as checked integers. Each op's
 * value is converted as storing it in its dtype's buffer would (Math.fround, |0, >>>0, 0/1), so
 * a fused kernel equals the unfused program bit for bit.
 */
import type { TypedArray } from "../../core/dtype.js";
import { expressionHelpers } from "../../core/kernels/elementwise.js";
import { LruCache } from "../../core/lru.js";
import { pairwiseSum } from "../../core/kernels/reduce.js";
import { mergeAxes } from "../../core/kernels/strided.js";
import type { ElementwisePrim } from "../../core/primitives.js";
import { elementwiseRules, type ElementwiseRule } from "../../core/rules/elementwise.js";
import { sizeOf, stridesOf } from "../../core/shape.js";
import { argsOf, type Kernel, type KernelNode, type LoadNode, type OpNode, type ReduceNode } from "./kernel-ir.js";
import { renderThreefry } from "./render-js-threefry.js";
import { integer, renderLiteral, storeAs } from "./render-js-text.js";
import { accumulateInMemoryOrder, innermostKept, loopNest, reduceInnermost, type ReductionContext } from "./render-js-reduce.js";

/** A rendered kernel: reads `inputs` (in `Kernel.inputs` order), writes every element of `outputs`. */
export type KernelFunction = (inputs: readonly TypedArray[], outputs: readonly TypedArray[]) => void;

function renderOp(node: OpNode, names: readonly string[]): string {
  const rule = elementwiseRules[node.prim] as unknown as ElementwiseRule<ElementwisePrim>;
  return storeAs(node.dtype, rule.render(node.args.map((a) => names[a]!), node.inputAvals, node.params));
}

/** Nodes whose value is the same at every index: zero-stride loads, literals, ops over those. */
function invariantNodes(nodes: readonly KernelNode[]): boolean[] {
  const invariant: boolean[] = [];
  for (const node of nodes) {
    if (node.kind === "literal") invariant.push(true);
    else if (node.kind === "load") invariant.push(node.strides.every((s) => s === 0));
    else if (node.kind === "reduce") invariant.push(false);
    else invariant.push(argsOf(node).every((a) => invariant[a]!));
  }
  return invariant;
}

/** The nodes a reduction's operand is computed from: they run inside the reduced loops. */
function reducedNodes(nodes: readonly KernelNode[], invariant: readonly boolean[]): boolean[] {
  const inner = nodes.map(() => false);
  const reduce = nodes.findIndex((n) => n.kind === "reduce");
  if (reduce < 0) return inner;
  const visit = (i: number): void => {
    if (inner[i] || invariant[i]) return;
    inner[i] = true;
    const node = nodes[i]!;
    if (node.kind !== "reduce") argsOf(node).forEach(visit);
  };
  visit((nodes[reduce] as ReduceNode).arg);
  return inner;
}

/** The JavaScript source of a kernel (the body of `new Function("h", source)`). */
export function renderKernel(kernel: Kernel): string {
  const { nodes, shape, reducedAxes } = kernel;
  const names = nodes.map((_, i) => `t${i}`);
  const invariant = invariantNodes(nodes);
  const inner = reducedNodes(nodes, invariant);
  const streamed = nodes.flatMap((node, i) => (node.kind === "load" && !invariant[i] ? [i] : []));
  const loadOf = (i: number) => nodes[i] as LoadNode;
  const keptAxes = shape.map((_, k) => k).filter((k) => !reducedAxes.includes(k));
  const reduceAt = nodes.findIndex((n) => n.kind === "reduce");
  const contiguousStrides = stridesOf(shape);
  const contiguous =
    reduceAt < 0 && streamed.every((i) => shape.every((d, k) => d === 1 || loadOf(i).strides[k] === contiguousStrides[k]));

  const statement = (i: number, at: (j: number) => string): string => {
    const node = nodes[i]!;
    if (node.kind === "literal") return `const ${names[i]} = ${renderLiteral(node.value)};`;
    if (node.kind === "load") {
      const j = streamed.indexOf(i);
      return `const ${names[i]} = x${integer(node.input)}[${j < 0 ? integer(node.offset) : at(j)}];`;
    }
    if (node.kind === "reduce") return `const ${names[i]} = ${storeAs(node.dtype, "acc")};`;
    if (node.kind === "threefry") return renderThreefry(names[i]!, `${names[i]}_1`, node.args.map((a) => names[a]!));
    if (node.kind === "secondWord") return `const ${names[i]} = ${names[node.of]}_1;`;
    return `const ${names[i]} = ${renderOp(node, names)};`;
  };
  const hoisted = nodes.flatMap((_, i) => (invariant[i] ? [statement(i, () => "")] : []));
  const pick = (where: (i: number) => boolean, at: (j: number) => string) => nodes.flatMap((_, i) => (where(i) ? [statement(i, at)] : []));
  const outer = (i: number) => !invariant[i] && !inner[i];
  const stores = kernel.outputs.map((out, k) => `y${integer(k)}[o] = ${names[out.node]!};`);
  const bindings = [
    ...kernel.inputs.map((_, k) => `const x${integer(k)} = inputs[${integer(k)}];`),
    ...kernel.outputs.map((_, k) => `const y${integer(k)} = outputs[${integer(k)}];`),
  ];
  const start = (j: number) => integer(loadOf(streamed[j]!).offset);

  let setup = "";
  let body = "";
  if (contiguous) {
    const at = (j: number) => (loadOf(streamed[j]!).offset === 0 ? "o" : `o + ${start(j)}`);
    body = `for (let o = 0; o < ${integer(sizeOf(shape))}; o++) {\n${pick(outer, at).join("\n")}\n${stores.join("\n")}\n}`;
  } else {
    const segment = (axes: readonly number[]) =>
      mergeAxes(
        axes.map((k) => shape[k]!),
        streamed.map((i) => axes.map((k) => loadOf(i).strides[k]!)),
      );
    const kept = segment(keptAxes);
    const keptLoops = loopNest(kept.dims, kept.strides, 0, start);
    const context: ReductionContext = { shape, reducedAxes, keptAxes, names, inner: (at) => pick((i) => inner[i]!, at), segment, start };
    const node = reduceAt >= 0 ? (nodes[reduceAt] as ReduceNode) : null;
    let reduced = "";
    if (node !== null && innermostKept(shape, reducedAxes)) {
      const streams = streamed.map((i) => loadOf(i).strides);
      ({ setup, body } = accumulateInMemoryOrder(context, node, streams, kept.dims.length));
      reduced = "const acc = accs[o];";
    } else if (node !== null) ({ setup, reduced } = reduceInnermost(context, node, keptLoops, kept.dims.length));
    body = `${body}let o = 0;\n${keptLoops.head}{\n${reduced}\n${pick(outer, keptLoops.pointer).join("\n")}\n${stores.join("\n")}\no++;\n}${keptLoops.tail}`;
  }
  const source = `"use strict";
${setup}
return function kernel(inputs, outputs) {
${bindings.join("\n")}
${hoisted.join("\n")}
${body}
};`;
  return source.replace(/\n{2,}/g, "\n");
}

/**
 * Instantiated kernels by source text, shared by every program (identical kernels share one
 * function). Bounded: sources embed shapes, so a process seeing ever new shapes would otherwise
 * keep every kernel it ever built; programs hold their own kernels, so eviction only costs a
 * re-instantiation when a later program renders the same source.
 */
export const KERNEL_CACHE_SIZE = 256;
const cache = new LruCache<string, KernelFunction>(KERNEL_CACHE_SIZE);

/** How many instantiated kernels are cached (at most KERNEL_CACHE_SIZE). */
export function kernelCacheSize(): number {
  return cache.size;
}

/** Forgets every cached kernel (see `clearCaches`). */
export function clearKernelCache(): void {
  cache.clear();
}

const kernelHelpers = Object.freeze({ ...expressionHelpers, pairwiseSum });

/** Renders and instantiates a kernel (identical kernels share one function). */
export function compileKernel(kernel: Kernel): KernelFunction {
  const source = renderKernel(kernel);
  let fn = cache.get(source);
  if (fn === undefined) {
    fn = new Function("h", source)(kernelHelpers) as KernelFunction;
    cache.set(source, fn);
  }
  return fn;
}
