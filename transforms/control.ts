/**
 * Data-dependent control flow over pytrees (JAX's lax.cond, lax.switch, lax.while_loop). Each
 * stages the user functions to jaxprs on the flat leaves of their arguments, hoists their
 * constants into explicit operands, and binds the cond or whileLoop primitive, so every
 * transform sees one operation whose rules transform the staged functions.
 */
import { avalsMatch, type Aval } from "../core/aval.js";
import { describe, fail } from "../core/errors.js";
import { bind } from "../core/interpreter.js";
import { ClosedJaxpr, Jaxpr, Var } from "../core/jaxpr.js";
import { ArrayValue } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { avalOf } from "../core/rules/autodiff-helpers.js";
import * as tree from "../core/tree.js";
import * as walker from "../core/tree-walk.js";
import { checkArity, checkFunction, describeValue, func, int32, listOf } from "../core/validate.js";
import { canonicalOutputs, isWeakLeaf } from "./pytree-args.js";
import { stageFlat } from "./staging.js";
import type { AnyFunction } from "./types.js";

/** A leaf as an array, checked to be live: JS numbers become float32 scalars and booleans bool scalars (np.array's defaults). */
function leafArray(op: string, leaf: unknown, where: string): ArrayValue {
  if (leaf instanceof ArrayValue) {
    leaf.assertLive(op);
    return leaf;
  }
  if (typeof leaf === "number" || typeof leaf === "boolean") return np.array(leaf);
  return fail(op, `${where} is ${describeValue(leaf)}; expected arrays, numbers or booleans`);
}

/** A pytree flattened to array leaves. */
function flattenTree(op: string, value: unknown, what: string): [ArrayValue[], tree.TreeDef] {
  const [leaves, def] = walker.flattenTree(op, value, what);
  return [leaves.map((l, i) => leafArray(op, l, `${what} leaf ${i}`)), def];
}

/** A pytree of arrays as its structure with each leaf's type in place, `{a: f32[], b: [i32[2]]}`, for errors comparing two. */
function signature(def: tree.TreeDef, avals: readonly Aval[]): string {
  return walker.treedefToString(def, (i) => describe(avals[i]!));
}

/** A staged function with its output structure. */
interface Staged {
  readonly jaxpr: ClosedJaxpr;
  readonly outDef: tree.TreeDef;
}

/** Stages `f` called with `rebuild(leaves)` as its arguments on abstract leaves of `avals`. */
function stageOn(op: string, what: string, f: AnyFunction, rebuild: (leaves: ArrayValue[]) => unknown[], avals: readonly Aval[]): Staged {
  checkFunction(op, f, what);
  let outDef: tree.TreeDef | undefined;
  const jaxpr = stageFlat((leaves) => {
    const [outs, def] = flattenTree(op, f(...rebuild(leaves)), `the output of ${what}`);
    outDef = def;
    return outs;
  }, avals, op);
  return { jaxpr, outDef: outDef! };
}

/**
 * The jaxprs taking `[...consts, ...inputs]`, where `consts` are every jaxpr's constants (each
 * distinct array once): the constants become operands, so partial evaluation and the other
 * transforms see every input of the staged functions.
 */
function hoistConsts(jaxprs: readonly ClosedJaxpr[]): { jaxprs: ClosedJaxpr[]; consts: ArrayValue[] } {
  const consts: ArrayValue[] = [];
  for (const j of jaxprs) for (const c of j.consts) if (!consts.includes(c)) consts.push(c);
  const hoisted = jaxprs.map((j) => {
    const own = new Map<ArrayValue, Var>();
    j.consts.forEach((c, i) => own.set(c, j.jaxpr.constVars[i]!));
    const constVars = consts.map((c) => own.get(c) ?? new Var(avalOf(c)));
    const open = j.jaxpr;
    return new ClosedJaxpr(new Jaxpr([], [...constVars, ...open.inVars], open.eqns, open.outs), []);
  });
  return { jaxprs: hoisted, consts };
}

/** Runs the branch picked by `index` (an int32 scalar, clamped) on `operands`. */
function branchCall(
  op: string,
  index: ArrayValue,
  fns: readonly AnyFunction[],
  names: readonly string[],
  reference: number,
  operands: readonly unknown[],
): unknown {
  const [leaves, inDef] = flattenTree(op, operands, "operand");
  const rebuild = (xs: ArrayValue[]) => tree.unflatten(inDef, xs) as unknown[];
  const avals = leaves.map(avalOf);
  const staged = fns.map((f, b) => stageOn(op, names[b]!, f, rebuild, avals));
  // Mismatches are named against the reference branch (trueFn for cond, branch 0 for switch).
  const ref = staged[reference]!;
  staged.forEach((s, b) => {
    if (b === reference) return;
    if (!tree.treedefEq.equals(s.outDef, ref.outDef) || !avalsMatch(s.jaxpr.outAvals, ref.jaxpr.outAvals)) {
      fail(
        op,
        `the branches must return the same structure and types, but ${names[reference]} returns ${signature(ref.outDef, ref.jaxpr.outAvals)} ` +
          `and ${names[b]} returns ${signature(s.outDef, s.jaxpr.outAvals)}`,
      );
    }
  });
  const { jaxprs, consts } = hoistConsts(staged.map((s) => s.jaxpr));
  const outs = bind("cond", [index, ...consts, ...leaves], { branches: jaxprs });
  return tree.unflatten(ref.outDef, outs);
}

/** A scalar argument as an array (numbers and booleans accepted), checked to be rank 0. */
function scalarArgument(op: string, what: string, value: unknown): ArrayValue {
  const x = value instanceof ArrayValue ? value : typeof value === "number" || typeof value === "boolean" ? np.array(value) : undefined;
  if (x === undefined) return fail(op, `${what} must be a scalar array, number or boolean, got ${describeValue(value)}`);
  if (x.ndim !== 0) fail(op, `${what} must be a scalar, got ${describe(x)}`);
  return x;
}

/**
 * `pred ? trueFn(...operands) : falseFn(...operands)`, where `pred` may be a traced scalar (bool,
 * or a number compared with 0). Both functions are traced; only the chosen one runs. Under vmap
 * with a batched predicate both run and the results are selected per example (as JAX).
 *
 * @example
 * lax.cond(x.sum().gt(0), (v) => v.mul(2), (v) => v.neg(), x)
 */
export function cond(pred: unknown, trueFn: AnyFunction, falseFn: AnyFunction, ...operands: unknown[]): unknown {
  checkFunction("lax.cond", trueFn, "trueFn");
  checkFunction("lax.cond", falseFn, "falseFn");
  const p = scalarArgument("lax.cond", "the predicate", pred);
  const truth = p.dtype === "bool" ? p : np.notEqual(p, np.zerosLike(p));
  // JAX's order: index 0 is the false branch.
  return branchCall("lax.cond", np.astype(truth, "int32"), [falseFn, trueFn], ["falseFn", "trueFn"], 1, operands);
}

/**
 * `branches[index](...operands)` with `index` an integer scalar clamped to the branches (JAX's
 * lax.switch). Every branch is traced and must return the same structure and types.
 */
function switchBranches(index: unknown, branches: readonly AnyFunction[], ...operands: unknown[]): unknown {
  if (!Array.isArray(branches) || branches.length === 0) fail("lax.switch", `branches must be a non-empty list of functions, got ${describeValue(branches)}`);
  listOf(func)("lax.switch", "branches", branches);
  if (typeof index === "number") int32("lax.switch", "the index", index);
  const i = typeof index === "number" ? np.array(index, { dtype: "int32" }) : scalarArgument("lax.switch", "the index", index);
  if (i.dtype !== "int32" && i.dtype !== "uint32") fail("lax.switch", `the index must be an integer scalar, got ${describe(i)}`);
  if (branches.length === 1) return branches[0]!(...operands);
  const last = np.array(branches.length - 1, { dtype: "int32" });
  const clamped = np.clip(np.astype(i, "int32"), np.array(0, { dtype: "int32" }), last);
  return branchCall("lax.switch", clamped, branches, branches.map((_, b) => `branch ${b}`), 0, operands);
}
export { switchBranches as switch };

/**
 * Repeats `carry = body(carry)` while `condFn(carry)` holds and returns the final carry (a pytree).
 * Differentiable in forward mode (jvp, jacfwd) and batchable; reverse mode through a loop whose
 * trip count depends on the data is an error, as in JAX (use lax.scan).
 *
 * @example
 * lax.whileLoop((c) => c.i.lt(10), (c) => ({ i: c.i.add(1), x: c.x.mul(2) }), { i: np.array(0, { dtype: "int32" }), x })
 */
export function whileLoop<T>(condFn: (carry: T) => unknown, bodyFn: (carry: T) => T, init: T): T {
  const op = "lax.whileLoop";
  checkArity(op, arguments, 3);
  checkFunction(op, condFn, "condFn");
  checkFunction(op, bodyFn, "bodyFn");
  const [rawLeaves] = tree.flatten(init);
  const [initLeaves, def] = flattenTree(op, init, "the initial carry");
  // A weak float scalar tracer starts as float32, as the JS number it stands for would.
  let carry = canonicalOutputs(initLeaves);
  const rebuild = (xs: ArrayValue[]) => [tree.unflatten(def, xs)];
  let body = stageOn(op, "bodyFn", bodyFn, rebuild, carry.map(avalOf));
  // JS numbers in the initial carry are weakly typed (as Python scalars in JAX): they take the
  // dtype the body gives them.
  const promoted = carry.map((x, i) => {
    const out = body.jaxpr.outAvals[i];
    const weak = isWeakLeaf(rawLeaves[i]);
    return weak && out !== undefined && out.shape.length === 0 && out.dtype !== x.dtype ? np.astype(x, out.dtype) : x;
  });
  if (promoted.some((x, i) => x !== carry[i])) {
    carry = promoted;
    body = stageOn(op, "bodyFn", bodyFn, rebuild, carry.map(avalOf));
  }
  const carryAvals = carry.map(avalOf);
  if (!tree.treedefEq.equals(body.outDef, def) || !avalsMatch(body.jaxpr.outAvals, carryAvals)) {
    fail(op, `bodyFn must return a carry like its input, but it returned ${signature(body.outDef, body.jaxpr.outAvals)} for the initial carry ${signature(def, carryAvals)}`);
  }
  const condStaged = stageOn(op, "condFn", condFn, rebuild, carryAvals);
  const pred = condStaged.jaxpr.outAvals;
  if (condStaged.outDef.kind !== "leaf" || pred[0]!.shape.length !== 0 || pred[0]!.dtype !== "bool") {
    fail(op, `condFn must return a bool scalar, got ${signature(condStaged.outDef, pred)}`);
  }
  const c = hoistConsts([condStaged.jaxpr]);
  const b = hoistConsts([body.jaxpr]);
  const outs = bind("whileLoop", [...c.consts, ...b.consts, ...carry], {
    cond: c.jaxprs[0]!,
    body: b.jaxprs[0]!,
    condNumConsts: c.consts.length,
    bodyNumConsts: b.consts.length,
  });
  return tree.unflatten(def, outs) as T;
}
