/**
 * Loop nests and reductions for the JavaScript renderer (render-js.ts). A fused reduction is
 * rendered in the order the eager kernel (core/kernels/reduce.ts) adds, so jitted and eager
 * results agree bit for bit: when the innermost axis is kept, the input is walked in memory
 * order with one accumulator per output; when it is reduced, each output folds its trailing
 * reduced run innermost (float sums of 8 or more elements through numpy's pairwise summation).
 */
import { reduceIdentity } from "../../core/kernels/reduce.js";
import { mergeAxes } from "../../core/kernels/strided.js";
import { sizeOf, stridesOf } from "../../core/shape.js";
import { integer, renderLiteral, storeAs } from "./render-js-text.js";
import type { ReduceNode } from "./kernel-ir.js";

/** What the reduction renderers need from the kernel being rendered. */
export interface ReductionContext {
  readonly shape: readonly number[];
  readonly reducedAxes: readonly number[];
  readonly keptAxes: readonly number[];
  readonly names: readonly string[];
  /** The statements of the nodes computed inside the reduced loops, reading streamed loads at `at(j)`. */
  readonly inner: (at: (j: number) => string) => string[];
  /** Merged loop dimensions and per-stream strides over some kernel axes. */
  readonly segment: (axes: readonly number[]) => { dims: number[]; strides: number[][] };
  /** The start offset of streamed load j. */
  readonly start: (j: number) => string;
}

/** A rendered loop nest: its opening and closing text and the pointer of stream j inside it. */
export interface LoopNest {
  readonly head: string;
  readonly tail: string;
  readonly pointer: (j: number) => string;
}

/** Loops over `dims`, advancing each streamed load's pointer; level names continue from `first`. */
export function loopNest(dims: readonly number[], strides: readonly (readonly number[])[], first: number, parent: (j: number) => string): LoopNest {
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
  // Math.max/min order as the eager kernel does (NaN wins, -0 below +0), without branches.
  const fold =
    op === "sum"
      ? float
        ? (v: string) => `acc += ${v};`
        : (v: string) => `acc = (acc + ${v}) | 0;`
      : op === "max"
        ? (v: string) => `acc = Math.max(acc, ${v});`
        : (v: string) => `acc = Math.min(acc, ${v});`;
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
export function innermostKept(shape: readonly number[], reducedAxes: readonly number[]): boolean {
  for (let k = shape.length - 1; k >= 0; k--) if (shape[k] !== 1) return !reducedAxes.includes(k);
  return true;
}


/**
 * The reduction walking the whole index space in memory order, adding into `accs[...]`, one
 * accumulator per output (the eager order when the innermost axis is kept). Loop levels are
 * numbered from `firstLevel`.
 */
export function accumulateInMemoryOrder(
  context: ReductionContext,
  node: ReduceNode,
  streams: readonly (readonly number[])[],
  firstLevel: number,
): { setup: string; body: string } {
  const { shape, keptAxes, names, start } = context;
  const { init, fold } = reduction(node);
  const outStrides = stridesOf(keptAxes.map((k) => shape[k]!));
  const accStrides = shape.map((_, k) => (keptAxes.includes(k) ? outStrides[keptAxes.indexOf(k)]! : 0));
  const all = mergeAxes(shape, [...streams, accStrides]);
  const accAt = streams.length;
  const loops = loopNest(all.dims, all.strides, firstLevel, (j) => (j === accAt ? "0" : start(j)));
  const value = names[node.arg]!;
  const at = loops.pointer(accAt);
  const accumulate = `${context.inner(loops.pointer).join("\n")}\n{\nlet acc = accs[${at}];\n${fold(value)}\naccs[${at}] = acc;\n}`;
  return {
    setup: `const accs = new Float64Array(${integer(sizeOf(keptAxes.map((k) => shape[k]!)))});`,
    body: `accs.fill(${init});\n${loops.head}${accumulate}\n${loops.tail}\n`,
  };
}

/**
 * The reduction of one output inside the kept loops: its reduced axes loop innermost, the
 * trailing reduced run folded as the eager kernel folds it. Returns the statements that leave
 * the result in `acc`.
 */
export function reduceInnermost(context: ReductionContext, node: ReduceNode, keptLoops: LoopNest, firstLevel: number): { setup: string; reduced: string } {
  const { shape, reducedAxes, names, segment } = context;
  const { init, fold } = reduction(node);
  const float = node.dtype === "float32" || node.dtype === "float64";
  const run = node.prim === "reduceSum" && float ? pairwiseRun(shape, reducedAxes) : [];
  const around = segment(reducedAxes.filter((k) => !run.includes(k)));
  const aroundLoops = loopNest(around.dims, around.strides, firstLevel, keptLoops.pointer);
  const runSegment = segment(run);
  const runLoops = loopNest(runSegment.dims, runSegment.strides, firstLevel + around.dims.length, aroundLoops.pointer);
  const value = names[node.arg]!;
  const runLength = sizeOf(run.map((k) => shape[k]!));
  const statements = context.inner(runLoops.pointer).join("\n");
  // The eager sum adds each run's pairwise (or, below 8, sequential) sum to the accumulator.
  const pairwise = run.length > 0 && runLength >= 8;
  const runBody = run.length === 0 ? `${statements}\n${fold(value)}` : pairwise ? `${statements}\nrun[q++] = ${value};` : `${statements}\ns += ${value};`;
  const before = run.length === 0 ? "" : pairwise ? "let q = 0;" : "let s = 0;";
  const after = run.length === 0 ? "" : pairwise ? `acc += h.pairwiseSum(run, 0, ${integer(runLength)});` : "acc += s;";
  return {
    setup: pairwise ? `const run = new Float64Array(${integer(runLength)});` : "",
    reduced: `let acc = ${init};\n${aroundLoops.head}${before}\n${runLoops.head}${runBody}\n${runLoops.tail}\n${after}\n${aroundLoops.tail}`,
  };
}
