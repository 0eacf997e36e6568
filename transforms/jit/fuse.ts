/**
 * Fusion: a jaxpr becomes a program of kernels and calls.
 *
 * Walking the equations from last to first, an elementwise equation joins the kernel of its
 * consumers when all its uses are inside that one kernel and it has the size of the part of the
 * kernel it would feed (so fusing never recomputes a value per broadcast copy); otherwise it
 * roots a kernel of its own. A sum, max or min joins the kernel of the elementwise equations
 * reading it (its epilogue, e.g. a mean's division) or roots a kernel, and the elementwise chain
 * feeding it then fuses in front of it: the reduced value is never stored. A broadcast,
 * transpose, strided slice, reversal or unit-axis reshape read only by kernels costs nothing: it becomes index
 * arithmetic of the loads in each of them; read by anything else it is a kernel that copies.
 * A cheap elementwise value read by several kernels (after their reductions, at its own size) is
 * recomputed in each rather than stored. Every other equation stays a call.
 */
import type { DType } from "../../core/dtype.js";
import { Lit, type Atom, type Eqn, type Jaxpr, type Var } from "../../core/jaxpr.js";
import type { ElementwisePrim, ParamsOf } from "../../core/primitives.js";
import { ruleOf } from "../../core/rules/index.js";
import { shapesEqual, sizeOf, stridesOf, type Shape } from "../../core/shape.js";
import type { FusedReduction, Kernel, KernelNode, Program, ProgramStep } from "./kernel-ir.js";
import { storageOf } from "../../core/ndarray.js";

// stopGradient only matters to transforms, which have run by now: compiled, it is the identity.
type ViewPrim = "broadcastInDim" | "transpose" | "slice" | "rev" | "reshape" | "stopGradient";
const viewPrims: ReadonlySet<string> = new Set<ViewPrim>(["broadcastInDim", "transpose", "slice", "rev", "stopGradient"]);
const fusedReductions: ReadonlySet<string> = new Set<FusedReduction>(["reduceSum", "reduceMax", "reduceMin"]);

const longAxes = (shape: Shape) => shape.filter((d) => d !== 1);
/** A reshape that only adds or drops axes of size 1 (as keepdims does) moves no data. */
const isUnitReshape = (eqn: Eqn) =>
  eqn.prim === "reshape" && shapesEqual(longAxes(eqn.inputs[0]!.aval.shape), longAxes(eqn.outs[0]!.aval.shape));

const isElementwise = (eqn: Eqn): eqn is Eqn<ElementwisePrim> => ruleOf(eqn.prim).fusion === "elementwise";
/** The one elementwise primitive with two results, rendered as its own kernel node (kernel-ir.ts). */
const isThreefry = (eqn: Eqn): eqn is Eqn<"threefry2x32"> => (eqn.prim as string) === "threefry2x32";
/** Ops cheaper to recompute in each kernel that reads them than to store and load. */
const cheapPrims: ReadonlySet<string> = new Set<ElementwisePrim>([
  "neg", "add", "sub", "mul", "max", "min", "abs", "sign", "select", "convert", "integerPow",
  "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "xor",
]);
const isView = (eqn: Eqn): eqn is Eqn<ViewPrim> => viewPrims.has(eqn.prim) || isUnitReshape(eqn);
const isReduction = (eqn: Eqn): eqn is Eqn<FusedReduction> => fusedReductions.has(eqn.prim);

/** Where an equation sits in its kernel: before the reduction (per element of the index space) or after it. */
type Phase = "pre" | "reduce" | "post";

/** Which kernel each equation belongs to (-1: none), its phase there, and which views are folded into loads. */
interface Grouping {
  readonly groupOf: Int32Array;
  readonly phase: Phase[];
  readonly roots: readonly number[];
  /** The reduction of each group, or -1. */
  readonly reductionOf: readonly number[];
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
  const phase: Phase[] = eqns.map(() => "post");
  const roots: number[] = [];
  const reductionOf: number[] = [];
  const inlined = new Set<number>();
  const sizeOfOut = (i: number) => sizeOf(eqns[i]!.outs[0]!.aval.shape);
  const newGroup = (i: number, p: Phase) => {
    groupOf[i] = roots.length;
    phase[i] = p;
    roots.push(i);
    reductionOf.push(p === "reduce" ? i : -1);
  };
  // The one group all of a value's readers belong to, or -1.
  const soleGroup = (consumers: readonly number[]) => {
    const g = consumers.length > 0 ? groupOf[consumers[0]!]! : -1;
    return g >= 0 && consumers.every((c) => groupOf[c] === g) ? g : -1;
  };
  // A cheap op read by several kernels, each at its own size, is recomputed in each of them
  // rather than stored and loaded again (a reduction's operand included).
  const recomputable = (i: number, consumers: readonly number[]) =>
    cheapPrims.has(eqns[i]!.prim) &&
    !outputs.has(eqns[i]!.outs[0]!) &&
    consumers.length > 0 &&
    consumers.every((c) => isElementwise(eqns[c]!) && ((groupOf[c]! >= 0 && phase[c] === "post") || inlined.has(c)) && sizeOfOut(c) === sizeOfOut(i));
  for (let i = eqns.length - 1; i >= 0; i--) {
    const eqn = eqns[i]!;
    const out = eqn.outs[0]!;
    // An equation with several results (threefry2x32's two words) is read by the readers of any of them.
    const consumers = eqn.outs.length === 1 ? (uses.get(out) ?? []) : [...new Set(eqn.outs.flatMap((v) => uses.get(v) ?? []))];
    const g = eqn.outs.some((v) => outputs.has(v)) ? -1 : soleGroup(consumers);
    if (isElementwise(eqn)) {
      const joins = g >= 0 && consumers.every((c) => isElementwise(eqns[c]!) || c === reductionOf[g]);
      // Feeding both the reduction and its epilogue would need the value at two index spaces.
      const r = joins ? reductionOf[g]! : -1;
      const feedsReduction = consumers.map((c) => c === r || phase[c] === "pre");
      const pre = feedsReduction.every(Boolean);
      const size = !joins ? -1 : pre ? sizeOf(eqns[r]!.inputs[0]!.aval.shape) : sizeOfOut(roots[g]!);
      if (joins && (pre || !feedsReduction.some(Boolean)) && sizeOfOut(i) === size) {
        groupOf[i] = g;
        phase[i] = pre ? "pre" : "post";
      } else if (recomputable(i, consumers)) inlined.add(i);
      else newGroup(i, "post");
    } else if (isReduction(eqn)) {
      const joins = g >= 0 && reductionOf[g] === -1 && consumers.every((c) => isElementwise(eqns[c]!)) && sizeOfOut(i) === sizeOfOut(roots[g]!);
      if (joins) {
        groupOf[i] = g;
        phase[i] = "reduce";
        reductionOf[g] = i;
      } else newGroup(i, "reduce");
    } else if (isView(eqn)) {
      const foldable =
        !outputs.has(out) && consumers.length > 0 && consumers.every((c) => inlined.has(c) || (groupOf[c]! >= 0 && (isElementwise(eqns[c]!) || isReduction(eqns[c]!))));
      if (foldable) inlined.add(i);
      else newGroup(i, "post"); // a kernel that is one strided load: a copy, still no call
    }
  }
  return { groupOf, phase, roots, reductionOf, inlined };
}

/**
 * How a value's index relates to the kernel's: along the value's axis a the index is
 * `base + scale · i[axis]` (axis -1: the constant `base`).
 */
interface AxisIndex {
  readonly axis: number;
  readonly scale: number;
  readonly base: number;
}
type IndexMap = readonly AxisIndex[];

const fixed = (base: number): AxisIndex => ({ axis: -1, scale: 0, base });

/** Elementwise operands align to their result from the right; size-1 axes repeat. */
function alignRight(operand: Shape, result: IndexMap): IndexMap {
  const lead = result.length - operand.length;
  return operand.map((d, a) => (d === 1 ? fixed(0) : result[a + lead]!));
}

/** The index map of a view's operand, given the view's own. */
function throughView(eqn: Eqn<ViewPrim>, map: IndexMap): IndexMap {
  const shape = eqn.inputs[0]!.aval.shape;
  switch (eqn.prim) {
    case "broadcastInDim": {
      const dims = (eqn as Eqn<"broadcastInDim">).params.broadcastDimensions;
      return shape.map((d, a) => (d === 1 ? fixed(0) : map[dims[a]!]!));
    }
    case "transpose": {
      const operandMap: AxisIndex[] = [];
      (eqn as Eqn<"transpose">).params.permutation.forEach((a, j) => (operandMap[a] = map[j]!));
      return operandMap;
    }
    case "slice": {
      const { start, strides } = (eqn as Eqn<"slice">).params;
      return map.map((m, a) => ({ axis: m.axis, scale: m.scale * strides[a]!, base: start[a]! + m.base * strides[a]! }));
    }
    case "stopGradient":
      return map;
    case "reshape": {
      const long = map.filter((_, j) => eqn.outs[0]!.aval.shape[j] !== 1);
      let next = 0;
      return shape.map((d) => (d === 1 ? fixed(0) : long[next++]!));
    }
    case "rev": {
      const { axes } = (eqn as Eqn<"rev">).params;
      return map.map((m, a) => (axes.includes(a) ? { axis: m.axis, scale: -m.scale, base: shape[a]! - 1 - m.base } : m));
    }
  }
  return map;
}

/** Builds the kernel of group `g`: a DAG from its root back to loads of values made outside it. */
function buildKernel(jaxpr: Jaxpr, grouping: Grouping, g: number, producers: ReadonlyMap<Var, number>): Kernel {
  const root = jaxpr.eqns[grouping.roots[g]!]!;
  const r = grouping.reductionOf[g]!;
  const reduction = r >= 0 ? (jaxpr.eqns[r] as Eqn<FusedReduction>) : null;
  const shape = reduction === null ? root.outs[0]!.aval.shape : reduction.inputs[0]!.aval.shape;
  const reducedAxes = reduction === null ? [] : [...reduction.params.axes].sort((a, b) => a - b);
  const keptAxes = shape.map((_, k) => k).filter((k) => !reducedAxes.includes(k));
  const nodes: KernelNode[] = [];
  const inputs: Var[] = [];
  const inputIndex = new Map<Var, number>();
  const memo = new Map<string, number>();
  const computedIn = { reduced: new Map<Var, number>(), epilogue: new Map<Var, number>() };
  // Values are shared only within a phase: the reduced loops and the epilogue are separate scopes.
  let phase: "reduced" | "epilogue" = "epilogue";

  const push = (node: KernelNode, key: string): number => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    nodes.push(node);
    memo.set(key, nodes.length - 1);
    return nodes.length - 1;
  };
  const load = (v: Var, map: IndexMap): number => {
    let input = inputIndex.get(v);
    if (input === undefined) {
      input = inputs.length;
      inputs.push(v);
      inputIndex.set(v, input);
    }
    const own = stridesOf(v.aval.shape);
    const strides = shape.map(() => 0);
    let offset = 0;
    map.forEach((m, a) => {
      offset += m.base * own[a]!;
      if (m.axis >= 0) strides[m.axis] = strides[m.axis]! + m.scale * own[a]!;
    });
    return push({ kind: "load", input, offset, strides, dtype: v.aval.dtype }, `load ${phase} ${input} ${offset} ${strides.join(",")}`);
  };
  const literal = (value: number, dtype: DType): number =>
    push({ kind: "literal", value, dtype }, `literal ${dtype} ${Object.is(value, -0) ? "-0" : String(value)}`);

  const value = (atom: Atom, map: IndexMap): number => {
    if (atom instanceof Lit) return literal(Number(storageOf(atom.value)[0]), atom.aval.dtype);
    const at = producers.get(atom);
    if (at === undefined) return load(atom, map);
    const eqn = jaxpr.eqns[at]!;
    const recomputed = grouping.inlined.has(at) && isElementwise(eqn);
    if (grouping.inlined.has(at) && !recomputed) return value(eqn.inputs[0]!, throughView(eqn as Eqn<ViewPrim>, map));
    if (grouping.groupOf[at] !== g && !recomputed) return load(atom, map);
    const computed = computedIn[phase];
    const done = computed.get(atom);
    if (done !== undefined) return done;
    let node: number;
    if (at === r) node = reduce(eqn as Eqn<FusedReduction>);
    else if (isView(eqn)) node = value(eqn.inputs[0]!, throughView(eqn, map));
    else if (isThreefry(eqn)) node = threefry(eqn, atom, map);
    else node = op(eqn as Eqn<ElementwisePrim>, map);
    computed.set(atom, node);
    return node;
  };
  const reduce = (eqn: Eqn<FusedReduction>): number => {
    phase = "reduced";
    const arg = value(eqn.inputs[0]!, identity(shape, shape.map((_, k) => k)));
    phase = "epilogue";
    nodes.push({ kind: "reduce", prim: eqn.prim, arg, dtype: eqn.outs[0]!.aval.dtype });
    return nodes.length - 1;
  };
  // The hash node is the first word; the second word reads it, so both share one hash per element.
  const threefry = (eqn: Eqn<"threefry2x32">, atom: Var, map: IndexMap): number => {
    if (atom !== eqn.outs[0]) {
      nodes.push({ kind: "secondWord", of: value(eqn.outs[0]!, map), dtype: "uint32" });
      return nodes.length - 1;
    }
    const args = eqn.inputs.map((a) => value(a, alignRight(a.aval.shape, map)));
    nodes.push({ kind: "threefry", args, dtype: "uint32" });
    return nodes.length - 1;
  };
  const op = (eqn: Eqn<ElementwisePrim>, map: IndexMap): number => {
    const args = eqn.inputs.map((a) => value(a, alignRight(a.aval.shape, map)));
    nodes.push({
      kind: "op",
      prim: eqn.prim,
      params: eqn.params as ParamsOf[ElementwisePrim],
      args,
      inputAvals: eqn.inputs.map((a) => a.aval),
      dtype: eqn.outs[0]!.aval.dtype,
    });
    return nodes.length - 1;
  };

  // The root has the reduction's output shape, perhaps with leading 1s (same size, broadcast).
  // A root with several results (threefry2x32) stores each of them; they share one shape.
  const out = root.outs[0]!;
  const lead = out.aval.shape.length - keptAxes.length;
  const rootMap = identity(out.aval.shape, out.aval.shape.map((_, j) => keptAxes[j - lead] ?? -1));
  const outputs = root.outs.map((v) => ({ var: v, node: value(v, rootMap) }));
  return { inputs, shape, reducedAxes, nodes, outputs };
}

/** The map of a value whose axis j runs along kernel axis `axes[j]`. */
function identity(shape: Shape, axes: readonly number[]): IndexMap {
  return shape.map((d, j) => (d === 1 ? fixed(0) : { axis: axes[j]!, scale: 1, base: 0 }));
}

/** Groups a jaxpr's elementwise chains, views and reductions into kernels; everything else becomes a call step. */
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
