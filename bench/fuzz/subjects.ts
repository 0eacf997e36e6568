/**
 * The fuzz's subjects: every public function of tessera, each with the valid calls the fuzz may
 * start from. A subject's base call is the first candidate argument list that runs without an
 * error; hand-written bases cover functions whose arguments no generic candidate fits (control
 * flow, transforms, optimizers, convolutions). Arguments carry a kind so the mutations know what
 * a hostile replacement for each one is.
 */
import * as T from "../../index.js";

/** How an argument position is read: an array operand, a nested JS list (np.array), a shape, a list of integers, an options record, a function, or anything else. */
export type ArgKind = "array" | "nested" | "shape" | "ints" | "options" | "function" | "other";

/**
 * An error raised inside a function the fuzz passed in (a loop body, a transformed function):
 * the user's own code failing on a hostile value the library handed through, as JAX hands a
 * Python error through. Counted apart from the library's own errors.
 */
export class UserCodeError extends Error {}

/** `f` with its own failures marked as the user's (see UserCodeError). */
function userCode<F extends (...args: never[]) => unknown>(f: F): F {
  return ((...args: never[]) => {
    try {
      return f(...args);
    } catch (e) {
      if (e instanceof UserCodeError) throw e;
      throw new UserCodeError(e instanceof Error ? e.message : String(e));
    }
  }) as F;
}

/** One argument of a base call. */
export interface Arg {
  readonly kind: ArgKind;
  readonly make: () => unknown;
}

/** A function under test and how to call it validly. */
export interface Subject {
  readonly name: string;
  readonly fn: (...args: never[]) => unknown;
  /** Candidate argument lists, tried in order; the first that runs is the base call. */
  readonly candidates: readonly (readonly Arg[])[];
  /** Turns the call's result into something comparable (applies returned functions, runs optimizers). */
  readonly exercise?: (result: unknown) => unknown;
}

const f32 = (values: number[], shape: number[]) => T.np.array(values, { dtype: "float32" }).reshape(shape);
const arr = (): Arg => ({ kind: "array", make: () => f32([0.1, 0.7, 0.3, 0.9, 0.2, 0.5], [2, 3]) });
const arr2 = (): Arg => ({ kind: "array", make: () => f32([0.4, 0.2, 0.8, 0.6, 0.3, 0.1], [2, 3]) });
const vec = (): Arg => ({ kind: "array", make: () => f32([0.3, 0.6, 0.2], [3]) });
const spd = (): Arg => ({ kind: "array", make: () => f32([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2], [3, 3]) });
const ints = (): Arg => ({ kind: "array", make: () => T.np.array([[1, 0, 2], [2, 1, 0]], { dtype: "int32" }) });
const labels = (): Arg => ({ kind: "array", make: () => T.np.array([0, 1, 1, 0, 1, 0], { dtype: "int32" }) });
const probs = (): Arg => ({ kind: "array", make: () => f32([0.2, 0.8, 0.6, 0.3, 0.9, 0.1], [6]) });
const key = (): Arg => ({ kind: "array", make: () => T.random.key(0) });
const shape = (s: number[] = [2, 3]): Arg => ({ kind: "shape", make: () => [...s] });
const intList = (l: number[]): Arg => ({ kind: "ints", make: () => [...l] });
const num = (n: number): Arg => ({ kind: "other", make: () => n });
const str = (s: string): Arg => ({ kind: "other", make: () => s });
const opts = (o: Record<string, unknown>): Arg => ({ kind: "options", make: () => ({ ...o }) });
const fnArg = (f: (...a: never[]) => unknown): Arg => ({ kind: "function", make: () => userCode(f) });
const listOfArrays = (): Arg => ({ kind: "other", make: () => [arr().make(), arr2().make()] });
const params = (): Arg => ({ kind: "other", make: () => ({ w: vec().make(), b: f32([0.5], [1]) }) });

/** Generic candidates, from the most common signature to the least. */
const GENERIC: readonly (readonly Arg[])[] = [
  [arr()],
  [arr(), arr2()],
  [spd()],
  [spd(), spd()],
  [arr(), vec()],
  [arr(), num(0.5)],
  [arr(), opts({ axis: 0 })],
  [ints()],
  [ints(), ints()],
  [arr(), shape([3, 2])],
  [arr(), intList([1, 0])],
  [arr(), num(1)],
  [arr(), arr2(), arr()],
  [shape()],
  [num(5)],
  [key()],
  [key(), shape()],
  [key(), num(3)],
  [key(), vec()],
  [listOfArrays()],
  [listOfArrays(), num(0)],
  [labels(), labels()],
  [probs(), labels()],
  [arr(), ints()],
  [arr(), labels()],
  [params()],
  [params(), params()],
  [str("ij->ji"), arr()],
  [arr(), str("float64")],
  [str("float32"), shape()],
  [num(0), num(5)],
  [opts({ learningRate: 0.1 })],
  [opts({ initValue: 1, decaySteps: 10 })],
  [num(0.1)],
  [params(), fnArg(((l: T.ArrayValue) => l.mul(2)) as never)],
  [params(), params(), fnArg(((a: T.ArrayValue, b: T.ArrayValue) => a.add(b)) as never)],
  [str("myTransform"), fnArg((() => ({})) as never), fnArg(((g: unknown, s: unknown) => [g, s]) as never)],
  [],
];

const square = userCode((x: T.ArrayValue) => T.np.sum(T.np.square(x)));
const double = userCode((x: T.ArrayValue) => x.mul(2));

/** Hand-written bases for functions no generic candidate fits. */
const SPECIAL: Readonly<Record<string, readonly (readonly Arg[])[]>> = {
  "np.arange": [[num(0), num(5)]],
  "np.linspace": [[num(0), num(1), num(5)]],
  "np.full": [[shape(), num(2)]],
  "np.fromFunction": [[fnArg(((i: number, j: number) => i + j) as never), shape()]],
  "np.clip": [[arr(), opts({ min: 0.2, max: 0.6 })], [arr(), num(0.2), num(0.6)]],
  "np.moveaxis": [[arr(), num(0), num(1)]],
  "np.swapaxes": [[arr(), num(0), num(1)]],
  "np.tensordot": [[arr(), arr2(), opts({ axes: 1 })], [arr(), { kind: "array", make: () => f32([1, 2, 3, 4, 5, 6], [3, 2]) }, num(1)]],
  "np.pad": [[arr(), { kind: "other", make: () => [[1, 1], [0, 2]] }]],
  "np.where": [[{ kind: "array", make: () => T.np.array([[true, false, true], [false, true, false]]) }, arr(), arr2()]],
  "lax.dotGeneral": [[arr(), { kind: "array", make: () => f32([1, 2, 3, 4, 5, 6], [3, 2]) }, { kind: "other", make: () => [[[1], [0]], [[], []]] }]],
  "lax.slice": [[arr(), intList([0, 1]), intList([2, 3])]],
  "lax.dynamicSlice": [[arr(), intList([0, 1]), intList([1, 2])]],
  "lax.dynamicUpdateSlice": [[arr(), { kind: "array", make: () => f32([9, 9], [1, 2]) }, intList([1, 0])]],
  "lax.pad": [[arr(), num(0), { kind: "other", make: () => [[1, 0, 0], [0, 1, 1]] }]],
  "lax.concatenate": [[listOfArrays(), num(1)]],
  "lax.broadcastInDim": [[vec(), shape([2, 3]), intList([1])]],
  "lax.iota": [[str("int32"), shape([4])]],
  "lax.reshape": [[arr(), shape([3, 2])]],
  "lax.transpose": [[arr(), intList([1, 0])]],
  "lax.rev": [[arr(), intList([0])]],
  "lax.select": [[{ kind: "array", make: () => T.np.array([[true, false, true], [false, true, false]]) }, arr(), arr2()]],
  "lax.gather": [[arr(), { kind: "array", make: () => T.np.array([1, 0], { dtype: "int32" }) }, num(0)]],
  "lax.scatterAdd": [[arr(), { kind: "array", make: () => T.np.array([1], { dtype: "int32" }) }, { kind: "array", make: () => f32([1, 1, 1], [1, 3]) }, num(0)]],
  "lax.integerPow": [[arr(), num(3)]],
  "lax.topK": [[arr(), num(2)]],
  "lax.sort": [[{ kind: "other", make: () => [arr().make()] }]],
  "lax.convGeneralDilated": [[
    { kind: "array", make: () => T.np.ones([1, 4, 4, 1]) },
    { kind: "array", make: () => T.np.ones([3, 3, 1, 2]) },
    opts({ windowStrides: [1, 1], padding: "SAME" }),
  ]],
  "lax.conv": [[{ kind: "array", make: () => T.np.ones([1, 4, 4, 1]) }, { kind: "array", make: () => T.np.ones([3, 3, 1, 2]) }, intList([1, 1]), str("SAME")]],
  "lax.maxPool": [[{ kind: "array", make: () => T.np.ones([1, 4, 4, 1]) }, intList([2, 2]), opts({ strides: [2, 2] })]],
  "lax.avgPool": [[{ kind: "array", make: () => T.np.ones([1, 4, 4, 1]) }, intList([2, 2]), opts({ strides: [2, 2] })]],
  "lax.reduceWindow": [[{ kind: "array", make: () => T.np.ones([1, 4, 4, 1]) }, str("max"), opts({ windowDimensions: [1, 2, 2, 1], windowStrides: [1, 2, 2, 1] })]],
  "lax.foriLoop": [[num(0), num(3), fnArg(((i: T.ArrayValue, v: T.ArrayValue) => v.add(i)) as never), { kind: "array", make: () => f32([0], []) }]],
  "lax.whileLoop": [[fnArg(((c: T.ArrayValue) => c.lt(3)) as never), fnArg(((c: T.ArrayValue) => c.add(1)) as never), { kind: "array", make: () => f32([0], []) }]],
  "lax.scan": [[fnArg(((c: T.ArrayValue, x: T.ArrayValue) => [c.add(x), c]) as never), { kind: "array", make: () => f32([0], []) }, vec()]],
  "lax.cond": [[{ kind: "array", make: () => T.np.array(true) }, fnArg(double as never), fnArg(((x: T.ArrayValue) => x.add(1)) as never), arr()]],
  "lax.switch": [[{ kind: "array", make: () => T.np.array(1, { dtype: "int32" }) }, { kind: "other", make: () => [double, userCode((x: T.ArrayValue) => x.add(1))] }, arr()]],
  "np.broadcastTo": [[vec(), shape([2, 3])]],
  "np.array": [[{ kind: "nested", make: () => [[1, 2, 3], [4, 5, 6]] }]],
  "np.asarray": [[{ kind: "nested", make: () => [[1, 2, 3], [4, 5, 6]] }]],
  "np.stack": [[listOfArrays()]],
  "np.split": [[arr(), num(2)]],
  "np.reshape": [[arr(), intList([3, 2])]],
  "np.linalg.matrixPower": [[spd(), num(2)]],
  "lax.reduceSum": [[arr(), intList([0])]],
  "lax.reduceMax": [[arr(), intList([0])]],
  "lax.reduceMin": [[arr(), intList([0])]],
  "lax.reduceProd": [[arr(), intList([0])]],
  "lax.threefry2x32": [[0, 1, 2, 3].map((v) => ({ kind: "array", make: () => T.np.array([v, v + 7], { dtype: "uint32" }) }) as Arg)],
  "optim.chain": [[{ kind: "other", make: () => T.optim.scale(0.5) }, { kind: "other", make: () => T.optim.trace({ decay: 0.9 }) }]],
  "optim.trace": [[opts({ decay: 0.9 })]],
  "optim.masked": [[{ kind: "other", make: () => T.optim.sgd({ learningRate: 0.1 }) }, { kind: "other", make: () => ({ w: true }) }]],
  "optim.exponentialDecay": [[opts({ initValue: 1, transitionSteps: 10, decayRate: 0.5 })]],
  "optim.inverseTimeDecay": [[opts({ initValue: 1, rate: 0.5 })]],
  "optim.inverseSqrtDecay": [[opts({ initValue: 1, rate: 0.5 })]],
  "optim.linear": [[opts({ initValue: 1, endValue: 0, transitionSteps: 10 })]],
  "optim.piecewiseConstant": [[opts({ boundaries: [2, 10], values: [1, 0.5, 0.1] })]],
  "optim.warmupCosineDecay": [[opts({ initValue: 0, peakValue: 1, warmupSteps: 2, decaySteps: 20 })]],
  "optim.join": [[{ kind: "other", make: () => [T.optim.constant(1), T.optim.constant(0.5)] }, intList([3])]],
  "optim.valueAt": [[{ kind: "function", make: () => T.optim.constant(0.5) }, num(3)]],
  "models.layers.dense": [[num(3), num(2), opts({})]],
  "models.layers.mlp": [[intList([3, 4, 2]), fnArg(T.nn.relu as never), opts({})]],
  "models.kFold": [[num(10), num(5)]],
  "models.minibatches": [[key(), num(10), num(3), opts({ dropLast: true })]],
  "models.precision": [[labels(), { kind: "array", make: () => T.np.array([0, 1, 0, 0, 1, 1], { dtype: "int32" }) }, opts({ average: "macro" })]],
  "models.recall": [[labels(), { kind: "array", make: () => T.np.array([0, 1, 0, 0, 1, 1], { dtype: "int32" }) }, opts({ average: "macro" })]],
  "models.f1": [[labels(), { kind: "array", make: () => T.np.array([0, 1, 0, 0, 1, 1], { dtype: "int32" }) }, opts({ average: "macro" })]],
  "models.precisionRecallF1": [[labels(), { kind: "array", make: () => T.np.array([0, 1, 0, 0, 1, 1], { dtype: "int32" }) }, opts({ average: "macro" })]],
  "models.linearRegression.ridgePath": [[{ kind: "array", make: () => f32([1, 2, 3, 4, 5, 7, 2, 1], [4, 2]) }, { kind: "array", make: () => f32([1, 2, 3, 5], [4]) }, { kind: "other", make: () => [0, 0.1] }]],
  "models.varianceScaling": [[num(1), str("fanIn"), str("normal")]],
  "random.randint": [[key(), shape(), num(0), num(10)]],
  "random.truncatedNormal": [[key(), num(-1), num(1), shape()]],
  "random.categorical": [[key(), arr()]],
  "random.choice": [[key(), num(5), shape([3])]],
  "random.permutation": [[key(), num(5)]],
};

/** Hand-written bases for the transforms: the transform applied, then called. */
function transformSubjects(): Subject[] {
  const x = arr();
  const apply = (result: unknown) => (typeof result === "function" ? (result as (a: unknown) => unknown)(x.make()) : result);
  const names = ["grad", "valueAndGrad", "jacfwd", "jacrev", "hessian", "jit", "vmap", "checkpoint", "remat", "makeJaxpr"] as const;
  const subjects: Subject[] = names.map((name) => ({
    name,
    fn: T[name] as (...args: never[]) => unknown,
    candidates: [0, 1].map((withOptions) => {
      const f = fnArg((name === "vmap" || name === "jit" || name === "checkpoint" || name === "remat" || name === "makeJaxpr" ? double : square) as never);
      return withOptions === 0 ? [f, opts({})] : [f];
    }),
    exercise: apply,
  }));
  subjects.push({ name: "jvp", fn: T.jvp as never, candidates: [[fnArg(double as never), { kind: "other", make: () => [x.make()] }, { kind: "other", make: () => [x.make()] }]] });
  subjects.push({ name: "vjp", fn: T.vjp as never, candidates: [[fnArg(double as never), x]], exercise: (r) => (Array.isArray(r) ? r[0] : r) });
  subjects.push({ name: "linearize", fn: T.linearize as never, candidates: [[fnArg(double as never), x]], exercise: (r) => (Array.isArray(r) ? r[0] : r) });
  subjects.push({ name: "customJvp", fn: T.customJvp as never, candidates: [[fnArg(double as never), fnArg(((p: unknown[], t: unknown[]) => [double(p[0] as T.ArrayValue), double(t[0] as T.ArrayValue)]) as never)]], exercise: apply });
  return subjects;
}

/** Optimizer and schedule factories are exercised: a schedule at a few steps, an optimizer for two updates. */
function exerciseOptim(result: unknown): unknown {
  if (typeof result === "function") return [0, 1, 5, 50].map((s) => (result as (n: T.ArrayValue) => unknown)(T.np.array(s, { dtype: "int32" })));
  const tx = result as { init?: (p: unknown) => unknown; update?: (g: unknown, s: unknown, p: unknown) => [unknown, unknown] };
  if (typeof tx?.init !== "function" || typeof tx.update !== "function") return result;
  const p = { w: f32([1, -2, 3], [3]) };
  const g = { w: f32([0.5, 0.25, -1], [3]) };
  let state = tx.init(p);
  const out: unknown[] = [];
  for (let i = 0; i < 2; i++) {
    const [updates, next] = tx.update(g, state, p);
    out.push(updates);
    state = next;
  }
  return out;
}

/** Names the fuzz never calls: fit runs whole training loops (file and terminal functions are in tessera/node, not walked here). */
const SKIP = new Set(["models.fit"]);

/** Functions taking a rest parameter: an "extra" argument is one more of those, never dropped by JavaScript. */
export const VARIADIC = new Set(["lax.cond", "lax.switch", "vjp", "vjpWithAux", "linearize", "savedResiduals", "np.at", "np.slice", "np.einsum", "tree.zip", "optim.chain", "models.trainTestSplit"]);

/** Functions whose array arguments may be any pytree leaf (or, for the isBinaryCheckpoint predicate, any value). */
const ANY_LEAF = /^tree\.|^checkpoints\.(encode|formatErrors|binaryCodec|jsonCodec|treeCodec|isBinaryCheckpoint)/;

/** Every subject, in a fixed order (the fuzz's case numbering depends on it). */
export function subjects(): Subject[] {
  const namespaces: [string, Record<string, unknown>][] = [
    ["np", T.np as never],
    ["np.linalg", T.np.linalg as never],
    ["nn", T.nn as never],
    ["lax", T.lax as never],
    ["lax.linalg", (T.lax as { linalg?: Record<string, unknown> }).linalg ?? {}],
    ["random", T.random as never],
    ["tree", T.tree as never],
    ["optim", T.optim as never],
    ["models", T.models as never],
    ["checkpoints", T.checkpoints as never],
  ];
  const out: Subject[] = [];
  for (const [prefix, ns] of namespaces) {
    for (const [name, value] of Object.entries(ns).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const full = `${prefix}.${name}`;
      if (typeof value !== "function" || SKIP.has(full) || /^[A-Z]/.test(name)) continue;
      const special = SPECIAL[full];
      const candidates = special === undefined ? GENERIC : [...special, ...GENERIC];
      out.push({
        name: full,
        fn: value as (...args: never[]) => unknown,
        // Pytree functions and checkpoint encoders take any value as a leaf: their operands are not hostile.
        candidates: ANY_LEAF.test(full) ? candidates.map((c) => c.map((a) => (a.kind === "array" ? { ...a, kind: "other" as const } : a))) : candidates,
        ...(prefix === "optim" ? { exercise: exerciseOptim } : {}),
      });
    }
  }
  return [...out, ...transformSubjects()];
}
