/**
 * The JavaScript renderer of the kernel IR: one `new Function` per kernel, a loop nest over its
 * index space (one flat loop when every load is contiguous), the reduced axes innermost. Source text comes only from the IR: op text from the elementwise rules'
 * `render`, numbers through `renderNumber`, shapes and strides as checked integers. Each op's
 * value is converted as storing it in its dtype's buffer would (Math.fround, |0, >>>0, 0/1), so
 * a fused kernel equals the unfused program bit for bit.
 */
import type { DType, TypedArray } from "../../core/dtype.js";
import { fail } from "../../core/errors.js";
import { expressionHelpers } from "../../core/kernels/elementwise.js";
import { pairwiseSum, reduceIdentity } from "../../core/kernels/reduce.js";
import { mergeAxes } from "../../core/kernels/strided.js";
import type { ElementwisePrim } from "../../core/primitives.js";
import { elementwiseRules, renderNumber, type ElementwiseRule } from "../../core/rules/elementwise.js";
import { sizeOf, stridesOf } from "../../core/shape.js";
import type { Kernel, KernelNode, LoadNode, OpNode, ReduceNode } from "./kernel-ir.js";

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
    else if (node.kind === "reduce") invariant.push(false);
    else invariant.push(node.args.every((a) => invariant[a]!));
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
    if (node.kind === "op") node.args.forEach(visit);
  };
  visit((nodes[reduce] as ReduceNode).arg);
  return inner;
}

/** Loops over `dims`, advancing each streamed load's pointer; level names continue from `first`. */
function loopNest(dims: readonly number[], strides: readonly (readonly number[])[], first: number, parent: (j: number) => string): { head: string; tail: string; pointer: (j: number) => string } {
  let head = "";
  let tail = "";
  dims.forEach((d, l) => {
    const k = first + l;
    const from = (j: number) => (l === 0 ? parent(j) : `p${k - 1}_${j}`);
    const init = strides.map((_, j) => `, p${k}_${j} = ${from(j)}`).join("");
    const step = strides.flatMap((list, j) => (list[l] === 0 ? [] : [`, p${k}_${j} += ${integer(list[l]!)}`])).join("");
    head += `for (let i${k} = 0${init}; i${k} < ${integer(d)}; i${k}++${step}) {\n`;
    tail += "}";
  });
  const last = first + dims.length - 1;
  return { head, tail, pointer: dims.length === 0 ? parent : (j) => `p${last}_${j}` };
}

/** How a reduction starts, folds one value `v` into `acc`, and is stored. */
function reduction(node: ReduceNode): { init: string; fold: (v: string) => string; result: string } {
  const op = node.prim === "reduceSum" ? "sum" : node.prim === "reduceMax" ? "max" : "min";
  const init = renderLiteral(reduceIdentity(op, node.dtype));
  const float = node.dtype === "float32" || node.dtype === "float64";
  // Comparisons as the eager kernel makes them: NaN wins, -0 orders below +0.
  const fold =
    op === "sum"
      ? float
        ? (v: string) => `acc += ${v};`
        : (v: string) => `acc = (acc + ${v}) | 0;`
      : op === "max"
        ? (v: string) => `if (${v} > acc || ${v} !== ${v} || (${v} === acc && 1 / ${v} > 1 / acc)) acc = ${v};`
        : (v: string) => `if (${v} < acc || ${v} !== ${v} || (${v} === acc && 1 / ${v} < 1 / acc)) acc = ${v};`;
  return { init, fold, result: storeAs(node.dtype, "acc") };
}

/**
 * The reduced axes eager summation folds as one run (numpy's pairwise order): the trailing
 * reduced axes when the last axis longer than 1 is reduced, else none.
 */
function pairwiseRun(shape: readonly number[], reducedAxes: readonly number[]): number[] {
  const run: number[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    if (shape[k] === 1) continue;
    if (!reducedAxes.includes(k)) break;
    run.unshift(k);
  }
  return run;
}

/** Whether the last axis longer than 1 is kept (or there is none): then the reduction walks memory in order. */
function innermostKept(shape: readonly number[], reducedAxes: readonly number[]): boolean {
  for (let k = shape.length - 1; k >= 0; k--) if (shape[k] !== 1) return !reducedAxes.includes(k);
  return true;
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
    if (node.kind === "reduce") return `const ${names[i]} = ${reduction(node).result};`;
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
    let reduced = "";
    const keptInnermost = reduceAt >= 0 && innermostKept(shape, reducedAxes);
    if (keptInnermost) {
      // Memory order with one accumulator per output, as the eager kernel walks a reduction
      // whose innermost axis is kept (the same additions in the same order, unit strides).
      const node = nodes[reduceAt] as ReduceNode;
      const { init, fold } = reduction(node);
      const outStrides = stridesOf(keptAxes.map((k) => shape[k]!));
      const accStrides = shape.map((_, k) => (keptAxes.includes(k) ? outStrides[keptAxes.indexOf(k)]! : 0));
      const all = mergeAxes(shape, [...streamed.map((i) => loadOf(i).strides), accStrides]);
      const accAt = streamed.length;
      const loops = loopNest(all.dims, all.strides, kept.dims.length, (j) => (j === accAt ? "0" : start(j)));
      const value = names[node.arg]!;
      setup = `const accs = new Float64Array(${integer(sizeOf(keptAxes.map((k) => shape[k]!)))});`;
      const accumulate = `${pick((i) => inner[i]!, loops.pointer).join("\n")}\n{\nlet acc = accs[${loops.pointer(accAt)}];\n${fold(value)}\naccs[${loops.pointer(accAt)}] = acc;\n}`;
      body = `accs.fill(${init});\n${loops.head}${accumulate}\n${loops.tail}\n`;
      reduced = "const acc = accs[o];";
    } else if (reduceAt >= 0) {
      const node = nodes[reduceAt] as ReduceNode;
      const { init, fold } = reduction(node);
      const float = node.dtype === "float32" || node.dtype === "float64";
      const run = node.prim === "reduceSum" && float ? pairwiseRun(shape, reducedAxes) : [];
      const around = segment(reducedAxes.filter((k) => !run.includes(k)));
      const aroundLoops = loopNest(around.dims, around.strides, kept.dims.length, keptLoops.pointer);
      const runSegment = segment(run);
      const runLoops = loopNest(runSegment.dims, runSegment.strides, kept.dims.length + around.dims.length, aroundLoops.pointer);
      const value = names[node.arg]!;
      const runLength = sizeOf(run.map((k) => shape[k]!));
      // The eager sum adds each run's pairwise (or, below 8, sequential) sum to the accumulator.
      const runBody =
        run.length === 0
          ? `${pick((i) => inner[i]!, runLoops.pointer).join("\n")}\n${fold(value)}`
          : runLength >= 8
            ? `${pick((i) => inner[i]!, runLoops.pointer).join("\n")}\nrun[q++] = ${value};`
            : `${pick((i) => inner[i]!, runLoops.pointer).join("\n")}\ns += ${value};`;
      const before = run.length === 0 ? "" : runLength >= 8 ? "let q = 0;" : "let s = 0;";
      const after = run.length === 0 ? "" : runLength >= 8 ? `acc += h.pairwiseSum(run, 0, ${integer(runLength)});` : "acc += s;";
      if (run.length > 0 && runLength >= 8) setup = `const run = new Float64Array(${integer(runLength)});`;
      reduced = `let acc = ${init};\n${aroundLoops.head}${before}\n${runLoops.head}${runBody}\n${runLoops.tail}\n${after}\n${aroundLoops.tail}`;
    }
    body = `${keptInnermost ? body : ""}let o = 0;\n${keptLoops.head}{\n${reduced}\n${pick(outer, keptLoops.pointer).join("\n")}\n${stores.join("\n")}\no++;\n}${keptLoops.tail}`;
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

const cache = new Map<string, KernelFunction>();
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
