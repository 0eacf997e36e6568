/**
 * The kernel IR of the jit compiler: what fusion produces and code generators consume. A kernel
 * is one loop nest over an index space; its body is an expression DAG (nodes refer to earlier
 * nodes by position) of loads from input buffers, literals, elementwise primitives and at most
 * one reduction. Loads carry the index arithmetic (an offset and a stride per axis of the index
 * space: zero where the input is broadcast, permuted for a transpose, scaled for a strided
 * slice, negative for a reversal), so a renderer needs nothing but this record: no jaxpr, no
 * user data. A program is kernels and calls (equations run by their kernels) in dependency order.
 *
 * A kernel with a reduction iterates its index space with the kept axes outside and the
 * reduced axes inside: the nodes the reduction reads run per element of the whole space, the
 * reduction folds them, and the nodes after it (the epilogue, e.g. a mean's division) run once
 * per output element, where every load has stride 0 on the reduced axes.
 */
import type { DType } from "../../core/dtype.js";
import type { Atom, Eqn, Var } from "../../core/jaxpr.js";
import type { ElementwisePrim, ParamsOf } from "../../core/primitives.js";
import type { Aval } from "../../core/aval.js";
import type { Shape } from "../../core/shape.js";

// ---------------------------------------------------------------------------------------------
// model

/** Reads input buffer `input` at `offset + Σ index[k]·strides[k]` over the kernel's axes. */
export interface LoadNode {
  readonly kind: "load";
  readonly input: number;
  readonly offset: number;
  readonly strides: readonly number[];
  readonly dtype: DType;
}

/** A scalar constant, already a value of its dtype (0/1 for bool). */
export interface LiteralNode {
  readonly kind: "literal";
  readonly value: number;
  readonly dtype: DType;
}

/** An elementwise primitive applied to earlier nodes; `inputAvals` are the operands' avals in the jaxpr (the rule renders by them). */
export interface OpNode<P extends ElementwisePrim = ElementwisePrim> {
  readonly kind: "op";
  readonly prim: P;
  readonly params: ParamsOf[P];
  readonly args: readonly number[];
  readonly inputAvals: readonly Aval[];
  readonly dtype: DType;
}

/** The reductions a kernel can end its inner loops with. */
export type FusedReduction = "reduceSum" | "reduceMax" | "reduceMin";

/** Folds node `arg` over the kernel's reduced axes (as the eager kernel would: float32 sums in float64, numpy's pairwise order). */
export interface ReduceNode {
  readonly kind: "reduce";
  readonly prim: FusedReduction;
  readonly arg: number;
  readonly dtype: DType;
}

/**
 * Threefry-2x32 (the random family's hash) of four uint32 nodes `[k1, k2, x1, x2]`. It has two
 * results: the node's value is the first word, and a `secondWord` node reads the second, so a
 * kernel that uses both hashes each element once.
 */
export interface ThreefryNode {
  readonly kind: "threefry";
  readonly args: readonly number[];
  readonly dtype: "uint32";
}

/** The second output word of the threefry node `of`. */
export interface SecondWordNode {
  readonly kind: "secondWord";
  readonly of: number;
  readonly dtype: "uint32";
}

/** One node of a kernel's expression DAG. */
export type KernelNode = LoadNode | LiteralNode | OpNode | ReduceNode | ThreefryNode | SecondWordNode;

/** The nodes a node reads (none for loads and literals). */
export function argsOf(node: KernelNode): readonly number[] {
  switch (node.kind) {
    case "op":
    case "threefry":
      return node.args;
    case "reduce":
      return [node.arg];
    case "secondWord":
      return [node.of];
    default:
      return [];
  }
}

/** A kernel result: the jaxpr variable it binds and the node computing it. */
export interface KernelOutput {
  readonly var: Var;
  readonly node: number;
}

/**
 * A fused group: input buffers, the index space `shape` (with `reducedAxes` folded by its reduce
 * node, if it has one), an expression DAG in topological order, and its results (each of the
 * shape of `shape` without the reduced axes).
 */
export interface Kernel {
  readonly inputs: readonly Var[];
  readonly shape: Shape;
  readonly reducedAxes: readonly number[];
  readonly nodes: readonly KernelNode[];
  readonly outputs: readonly KernelOutput[];
}

/** A step of a program: a generated kernel, or an equation run by its eager kernel. */
export type ProgramStep = { readonly kind: "kernel"; readonly kernel: Kernel } | { readonly kind: "call"; readonly eqn: Eqn };

/** A jaxpr lowered to steps in dependency order; binders and outputs are the jaxpr's. */
export interface Program {
  readonly constVars: readonly Var[];
  readonly inVars: readonly Var[];
  readonly steps: readonly ProgramStep[];
  readonly outs: readonly Atom[];
}

// ---------------------------------------------------------------------------------------------
// utils

/** How many steps of each kind a program has. */
export function countSteps(program: Program): { kernels: number; calls: number } {
  const kernels = program.steps.filter((s) => s.kind === "kernel").length;
  return { kernels, calls: program.steps.length - kernels };
}

/** A readable listing of a kernel's DAG (for `lower` and test messages). */
export function printKernel(kernel: Kernel): string {
  const lines = kernel.nodes.map((node, i) => {
    if (node.kind === "load") return `  t${i} = load in${node.input}[${node.offset} + strides ${node.strides.join(",")}] : ${node.dtype}`;
    if (node.kind === "reduce") return `  t${i} = ${node.prim}[axes ${kernel.reducedAxes.join(",")}] t${node.arg} : ${node.dtype}`;
    if (node.kind === "literal") return `  t${i} = ${Object.is(node.value, -0) ? "-0" : String(node.value)} : ${node.dtype}`;
    if (node.kind === "threefry") return `  t${i}, t${i}.1 = threefry2x32 ${node.args.map((a) => `t${a}`).join(" ")} : ${node.dtype}`;
    if (node.kind === "secondWord") return `  t${i} = t${node.of}.1 : ${node.dtype}`;
    return `  t${i} = ${node.prim} ${node.args.map((a) => `t${a}`).join(" ")} : ${node.dtype}`;
  });
  const outs = kernel.outputs.map((o) => `t${o.node}`).join(", ");
  return `kernel[${kernel.shape.join(",")}] (${kernel.inputs.length} inputs) {\n${lines.join("\n")}\n  out ${outs}\n}`;
}
