/**
 * Elementwise fusion: a jaxpr becomes a program of kernels and calls. Walking the equations
 * from last to first, an elementwise equation joins the kernel of its consumers when all its
 * uses are inside that one kernel and it has the kernel's size (so fusing never recomputes a
 * value per broadcast copy); otherwise it roots a kernel of its own. A broadcastInDim read only
 * by kernels costs nothing: it becomes the load strides of its operand in each of them. Every
 * other equation stays a call to its eager kernel.
 */
import type { DType } from "../../core/dtype.js";
import { Lit, type Atom, type Eqn, type Jaxpr, type Var } from "../../core/jaxpr.js";
import type { ElementwisePrim, ParamsOf } from "../../core/primitives.js";
import { ruleOf } from "../../core/rules/index.js";
import { sizeOf, stridesOf, type Shape } from "../../core/shape.js";
import type { Kernel, KernelNode, Program, ProgramStep } from "./kernel-ir.js";

const isElementwise = (eqn: Eqn): eqn is Eqn<ElementwisePrim> => ruleOf(eqn.prim).fusion === "elementwise";
const isBroadcast = (eqn: Eqn): eqn is Eqn<"broadcastInDim"> => eqn.prim === "broadcastInDim";

/** Which kernel each equation belongs to (-1: none), and which broadcasts are folded into loads. */
interface Grouping {
  readonly groupOf: Int32Array;
  readonly roots: readonly number[];
  readonly inlined: ReadonlySet<number>;
}

/** The equations reading each variable (once per equation). */
function consumersOf(jaxpr: Jaxpr): Map<Var, number[]> {
  const uses = new Map<Var, number[]>();
  jaxpr.eqns.forEach((eqn, i) => {
    for (const a of eqn.inputs) {
      if (a instanceof Lit) continue;
      const list = uses.get(a) ?? [];
      if (list[list.length - 1] !== i) list.push(i);
      uses.set(a, list);
    }
  });
  return uses;
}

function group(jaxpr: Jaxpr): Grouping {
  const { eqns } = jaxpr;
  const uses = consumersOf(jaxpr);
  const outputs = new Set<Atom>(jaxpr.outs);
  const groupOf = new Int32Array(eqns.length).fill(-1);
  const roots: number[] = [];
  const inlined = new Set<number>();
  const rootSize = (g: number) => sizeOf(eqns[roots[g]!]!.outs[0]!.aval.shape);
  const newGroup = (i: number) => {
    groupOf[i] = roots.length;
    roots.push(i);
  };
  for (let i = eqns.length - 1; i >= 0; i--) {
    const eqn = eqns[i]!;
    if (isElementwise(eqn)) {
      const out = eqn.outs[0]!;
      const consumers = uses.get(out) ?? [];
      const g = consumers.length > 0 ? groupOf[consumers[0]!]! : -1;
      const joins =
        g >= 0 &&
        !outputs.has(out) &&
        consumers.every((c) => groupOf[c] === g && isElementwise(eqns[c]!)) &&
        sizeOf(out.aval.shape) === rootSize(g);
      if (joins) groupOf[i] = g;
      else newGroup(i);
    } else if (isBroadcast(eqn)) {
      const out = eqn.outs[0]!;
      const consumers = uses.get(out) ?? [];
      const foldable = consumers.length > 0 && !outputs.has(out) && consumers.every((c) => isElementwise(eqns[c]!) || inlined.has(c));
      if (foldable) inlined.add(i);
      else newGroup(i); // a kernel that is one strided load: a copy, still no call
    }
  }
  return { groupOf, roots, inlined };
}

/**
 * Where each axis of a value sits among the kernel's output axes (-1: the value has size 1
 * there and is repeated). Elementwise operands align to their result from the right.
 */
type AxisMap = readonly number[];

function alignRight(operand: Shape, result: AxisMap): AxisMap {
  const lead = result.length - operand.length;
  return operand.map((d, a) => (d === 1 ? -1 : result[a + lead]!));
}

/** Builds the kernel of group `g`: a DAG from its root back to loads of values made outside it. */
function buildKernel(jaxpr: Jaxpr, grouping: Grouping, g: number, producers: ReadonlyMap<Var, number>): Kernel {
  const root = jaxpr.eqns[grouping.roots[g]!]!;
  const shape = root.outs[0]!.aval.shape;
  const nodes: KernelNode[] = [];
  const inputs: Var[] = [];
  const inputIndex = new Map<Var, number>();
  const memo = new Map<string, number>();
  const computed = new Map<Var, number>();

  const push = (node: KernelNode, key: string): number => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    nodes.push(node);
    memo.set(key, nodes.length - 1);
    return nodes.length - 1;
  };
  const load = (v: Var, map: AxisMap): number => {
    let input = inputIndex.get(v);
    if (input === undefined) {
      input = inputs.length;
      inputs.push(v);
      inputIndex.set(v, input);
    }
    const own = stridesOf(v.aval.shape);
    const strides = shape.map(() => 0);
    map.forEach((k, a) => {
      if (k >= 0) strides[k] = strides[k]! + own[a]!;
    });
    return push({ kind: "load", input, strides, dtype: v.aval.dtype }, `load ${input} ${strides.join(",")}`);
  };
  const literal = (value: number, dtype: DType): number =>
    push({ kind: "literal", value, dtype }, `literal ${dtype} ${Object.is(value, -0) ? "-0" : String(value)}`);

  const value = (atom: Atom, map: AxisMap): number => {
    if (atom instanceof Lit) return literal(Number(atom.value.data[0]), atom.aval.dtype);
    const at = producers.get(atom);
    if (at === undefined) return load(atom, map);
    if (grouping.inlined.has(at)) return throughBroadcast(jaxpr.eqns[at] as Eqn<"broadcastInDim">, map);
    if (grouping.groupOf[at] !== g) return load(atom, map);
    const done = computed.get(atom);
    if (done !== undefined) return done;
    const eqn = jaxpr.eqns[at]!;
    const node = isBroadcast(eqn) ? throughBroadcast(eqn as Eqn<"broadcastInDim">, map) : op(eqn as Eqn<ElementwisePrim>, map);
    computed.set(atom, node);
    return node;
  };
  // Broadcasting is index arithmetic: the operand's axis a is the result's axis dims[a].
  const throughBroadcast = (eqn: Eqn<"broadcastInDim">, map: AxisMap): number => {
    const operand = eqn.inputs[0]!;
    const dims = eqn.params.broadcastDimensions;
    return value(operand, operand.aval.shape.map((d, a) => (d === 1 ? -1 : map[dims[a]!]!)));
  };
  const op = (eqn: Eqn<ElementwisePrim>, map: AxisMap): number => {
    const args = eqn.inputs.map((a) => value(a, alignRight(a.aval.shape, map)));
    const node: KernelNode = {
      kind: "op",
      prim: eqn.prim,
      params: eqn.params as ParamsOf[ElementwisePrim],
      args,
      inputAvals: eqn.inputs.map((a) => a.aval),
      dtype: eqn.outs[0]!.aval.dtype,
    };
    nodes.push(node);
    return nodes.length - 1;
  };

  const out = root.outs[0]!;
  const node = value(out, shape.map((d, k) => (d === 1 ? -1 : k)));
  return { inputs, shape, nodes, outputs: [{ var: out, node }] };
}

/** Groups a jaxpr's elementwise chains into kernels; everything else becomes a call step. */
export function fuse(jaxpr: Jaxpr): Program {
  const grouping = group(jaxpr);
  const producers = new Map<Var, number>();
  jaxpr.eqns.forEach((eqn, i) => eqn.outs.forEach((v) => producers.set(v, i)));
  const steps: ProgramStep[] = [];
  jaxpr.eqns.forEach((eqn, i) => {
    const g = grouping.groupOf[i]!;
    if (g >= 0 && grouping.roots[g] === i) steps.push({ kind: "kernel", kernel: buildKernel(jaxpr, grouping, g, producers) });
    else if (g < 0 && !grouping.inlined.has(i)) steps.push({ kind: "call", eqn });
  });
  return { constVars: jaxpr.constVars, inVars: jaxpr.inVars, steps, outs: jaxpr.outs };
}
