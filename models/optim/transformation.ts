/**
 * The model of an optimizer: a `GradientTransformation` is a pair of pure functions over explicit
 * state, `init(params) -> state` and `update(grads, state, params?) -> [updates, state]`, over
 * pytrees. `applyUpdates` adds the updates to the parameters.
 *
 * A transformation's state depends on the params' type (Adam keeps two moments shaped like the
 * params), so the type parameter is a *state family*: a small interface whose `state` member is
 * written in terms of `this["params"]`. `StateOf<F, P>` applies it, so `scaleByAdam().init(params)`
 * has the type `{ count: ArrayValue; mu: P; nu: P }` for the caller's own `P`.
 *
 * @example
 * interface RunningSum<P> { readonly sum: P }
 * interface RunningSumStates extends StateFamily { readonly state: RunningSum<this["params"]> }
 * const runningSum = defineTransformation<RunningSumStates, "runningSum">(
 *   "runningSum",
 *   (params) => ({ sum: tree.map(params, (p) => np.multiply(p, 0)) }),
 *   (grads, state) => {
 *     const sum = tree.map2(grads, state.sum, (g, s) => np.add(g, s));
 *     return [sum, { sum }];
 *   },
 * );
 * runningSum.init(params); // { sum: typeof params }
 */
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { flattenMatching, unflattenTree } from "../../core/tree-walk.js";
import { checkArity, checkFunction, string } from "../../core/validate.js";
import { asArray } from "./tree-math.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A state type as a function of the params type: an interface extending this one writes its
 * `state` in terms of `this["params"]` (the argument), and `StateOf` applies it. TypeScript
 * allows `this` there only as a type argument, so the state is a named generic type.
 *
 * @example
 * interface Momentum<P> { readonly momentum: P }
 * interface MomentumStates extends StateFamily { readonly state: Momentum<this["params"]> }
 * type S = StateOf<MomentumStates, { w: ArrayValue }>; // Momentum<{ w: ArrayValue }>
 */
export interface StateFamily {
  readonly params: unknown;
  readonly state: unknown;
}

/** The state a transformation of state family `F` keeps for params of type `P`. */
export type StateOf<F extends StateFamily, P> = (F & { readonly params: P })["state"];

/** A state family whose state does not depend on the params (e.g. `EmptyState`, `CountState`). */
export interface ConstantStates<S> extends StateFamily {
  readonly state: S;
}

/** The state of a stateless transformation: a record with no entries. */
export type EmptyState = { readonly [key: string]: never };

/** The state of a transformation that only counts its updates (an int32 scalar array, so `jit` traces it once). */
export interface CountState {
  readonly count: ArrayValue;
}

/** A key that exists only in types: it carries a transformation's state family where inference can find it. */
declare const stateFamily: unique symbol;

/**
 * A gradient transformation: `init` builds the state for some params, `update` maps gradients
 * (or the updates of a previous transformation) to updates and the next state. Both are pure.
 * `name` says which building block it is; `chain` keys its state record by it. `S` is the state
 * family (see `StateFamily`).
 */
export interface GradientTransformation<S extends StateFamily, N extends string = string> {
  /** Never set: lets TypeScript infer `S` from any transformation type, including interfaces that extend this one. */
  readonly [stateFamily]?: S;
  readonly name: N;
  /** The initial state for `params` (only their structure, shapes and dtypes are read). */
  init<P>(params: P): StateOf<S, P>;
  /** Updates from `grads` and the state; `params` is needed by transformations that read them (weight decay). */
  update<P>(grads: P, state: NoInfer<StateOf<S, P>>, params?: P): readonly [P, StateOf<S, P>];
}

/** Any gradient transformation, its state type forgotten (what `chainMonoid` combines). */
export type AnyTransformation = GradientTransformation<StateFamily, string>;

/** The state family of a transformation type. */
export type StatesOf<T> = T extends GradientTransformation<infer S, string> ? S : never;

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A transformation from `init` and `update` written once for any params: they see the params'
 * pytrees as `unknown` (the state as `StateOf<S, unknown>`), and callers get `S` applied to their own params type.
 */
export function defineTransformation<S extends StateFamily, N extends string>(
  name: N,
  init: (params: unknown) => StateOf<S, unknown>,
  update: (grads: unknown, state: StateOf<S, unknown>, params?: unknown) => readonly [unknown, StateOf<S, unknown>],
): GradientTransformation<S, N> {
  string("defineTransformation", "name", name);
  checkFunction("defineTransformation", init, "init");
  checkFunction("defineTransformation", update, "update");
  checkArity("defineTransformation", arguments, 3);
  return Object.freeze({ name, init, update }) as unknown as GradientTransformation<S, N>;
}

// -------------------------------------------------------------------------------------
// utils
// -------------------------------------------------------------------------------------

/** `params + updates`, leaf by leaf, each result cast back to its parameter's dtype (as optax). */
export function applyUpdates<P>(params: P, updates: P): P {
  const [[paramLeaves, updateLeaves], def] = flattenMatching("applyUpdates", [
    { label: "params", value: params },
    { label: "updates", value: updates },
  ]);
  const applied = paramLeaves!.map((p, i) => {
    const param = asArray(p);
    return np.astype(np.add(param, updateLeaves![i]!), param.dtype);
  });
  return unflattenTree("applyUpdates", def, applied) as P;
}
