/**
 * Optimizer laws as pure predicates: `chain` is a monoid with `identity` (on the updates and on
 * the states), a chain applies its parts in order, SGD from its initial state is at a fixed point
 * under zero gradients, every named optimizer decreases a convex quadratic, and schedules are
 * non-negative and match their closed forms. fast-check runners over these live in
 * `laws/optim-runners.ts`.
 *
 * Equality of states: `chain` keeps chains flat (nested chains spliced, `identity` dropped, a
 * chain of one part being that part), so differently nested chains of the same parts have the
 * same state, and the laws compare states as pytrees: same structure, every leaf bit for bit.
 *
 * @example
 * const result = chainAssociative(optim.scale(2), optim.trace({ decay: 0.9 }), optim.clip(1), { params, grads: [grads, grads] });
 * if (!result.ok) throw new Error(result.message);
 */
import { describe } from "../core/errors.js";
import type { ArrayValue } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import * as tree from "../core/tree.js";
import type { Monoid } from "fp-ts/Monoid";
import { applyUpdates, chain, chainMonoid, sgd, valueAt, type AnyTransformation, type Schedule, type SgdOptions } from "../models/optim/index.js";
import { allHold, holds, identical, violated, type LawResult } from "./arrays.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Params and the gradients of a few successive steps (trees of the params' structure). */
export interface GradientSteps {
  readonly params: unknown;
  readonly grads: readonly unknown[];
}

/** The updates and the state after each step of a transformation. */
export interface Trajectory {
  readonly updates: readonly unknown[];
  readonly states: readonly unknown[];
}

/** The convex quadratic `f(x) = 0.5 (x - c)ᵀ A (x - c)` (A symmetric positive definite) and a start `x0`. */
export interface Quadratic {
  readonly a: ArrayValue;
  readonly c: ArrayValue;
  readonly x0: ArrayValue;
}

// -------------------------------------------------------------------------------------
// comparisons
// -------------------------------------------------------------------------------------

/**
 * Two pytrees of arrays with the same structure and every leaf identical (shape, dtype, bits).
 *
 * @example
 * treesEqual({ w: np.array([1]) }, { w: np.array([1]) }); // { ok: true }
 */
export function treesEqual(actual: unknown, expected: unknown, what = "tree"): LawResult {
  const [actualLeaves, actualDef] = tree.flatten(actual);
  const [expectedLeaves, expectedDef] = tree.flatten(expected);
  if (!tree.treedefEq.equals(actualDef, expectedDef)) {
    return violated(`${what} has structure ${tree.treedefToString(actualDef)}, expected ${tree.treedefToString(expectedDef)}`);
  }
  return allHold(...actualLeaves.map((leaf, i) => identical(asArray(leaf), asArray(expectedLeaves[i]!), `${what}, leaf ${i}`)));
}

/**
 * Runs `transformation` from its initial state for `params` over the steps' gradients (params
 * held fixed), returning the updates and the state after each step.
 *
 * @example
 * trajectoryOf(optim.adam({ learningRate: 0.1 }), { params, grads: [grads, tree.map(grads, (g) => g.mul(2))] }).states[1];
 */
export function trajectoryOf(transformation: AnyTransformation, steps: GradientSteps): Trajectory {
  let state = transformation.init(steps.params);
  const updates: unknown[] = [];
  const states: unknown[] = [];
  for (const grads of steps.grads) {
    const [u, next] = transformation.update(grads, state, steps.params);
    updates.push(u);
    states.push(next);
    state = next;
  }
  return { updates, states };
}

/** Two transformations give the same updates and states at every step. */
export function sameTrajectories(actual: AnyTransformation, expected: AnyTransformation, steps: GradientSteps, what: string): LawResult {
  const a = trajectoryOf(actual, steps);
  const e = trajectoryOf(expected, steps);
  return allHold(
    treesEqual(actual.init(steps.params), expected.init(steps.params), `${what}: the initial state`),
    ...e.updates.map((u, i) => treesEqual(a.updates[i], u, `${what}: the updates of step ${i}`)),
    ...e.states.map((s, i) => treesEqual(a.states[i], s, `${what}: the state after step ${i}`)),
  );
}

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

/**
 * `(a ∘ b) ∘ c` and `a ∘ (b ∘ c)` (the monoid's `concat`, by default `chainMonoid`) give the same
 * updates and states, bit for bit.
 */
export function chainAssociative(a: AnyTransformation, b: AnyTransformation, c: AnyTransformation, steps: GradientSteps, monoid: Monoid<AnyTransformation> = chainMonoid): LawResult {
  const { concat } = monoid;
  return sameTrajectories(concat(concat(a, b), c), concat(a, concat(b, c)), steps, "chain(chain(a, b), c) versus chain(a, chain(b, c))");
}

/**
 * The monoid's unit (by default `identity`) is a unit on both sides: `identity ∘ a` and
 * `a ∘ identity` behave as `a`, states included, and `identity` alone returns updates as they are.
 */
export function chainIdentity(a: AnyTransformation, steps: GradientSteps, monoid: Monoid<AnyTransformation> = chainMonoid): LawResult {
  const { concat, empty } = monoid;
  return allHold(
    sameTrajectories(concat(empty, a), a, steps, "chain(identity, a) versus a"),
    sameTrajectories(concat(a, empty), a, steps, "chain(a, identity) versus a"),
    sameTrajectories(empty, passThrough, steps, "identity versus updates returned as they are"),
  );
}

/**
 * `chain(a, b)` feeds a's updates to b: at every step its updates are b's updates of a's, each
 * part carrying its own state from step to step (so a state kept wrongly shows in a later step's updates).
 */
export function chainIsSequential(a: AnyTransformation, b: AnyTransformation, steps: GradientSteps): LawResult {
  const chained = chain(a, b);
  let stateA = a.init(steps.params);
  let stateB = b.init(steps.params);
  let state = chained.init(steps.params);
  const results: LawResult[] = [];
  steps.grads.forEach((grads, i) => {
    const [updatesA, nextA] = a.update(grads, stateA, steps.params);
    const [updatesB, nextB] = b.update(updatesA, stateB, steps.params);
    const [updates, next] = chained.update(grads, state, steps.params);
    results.push(treesEqual(updates, updatesB, `chain(a, b) versus b after a: the updates of step ${i}`));
    [stateA, stateB, state] = [nextA, nextB, next];
  });
  return allHold(...results);
}

/**
 * SGD (any learning rate, momentum or not) started from its initial state does not move params
 * under zero gradients: after every step the params are bit for bit the same, and so is any momentum (zero).
 */
export function sgdZeroGradientsFixedPoint(options: SgdOptions, params: unknown, numSteps: number): LawResult {
  const optimizer = sgd(options) as AnyTransformation;
  const zeros = tree.map(params, (p) => np.zerosLike(asArray(p)));
  let state = optimizer.init(params);
  let current = params;
  for (let i = 0; i < numSteps; i++) {
    const [updates, next] = optimizer.update(zeros, state, current);
    current = applyUpdates(current, updates);
    state = next;
    const moved = treesEqual(current, params, `the params after step ${i}`);
    if (!moved.ok) return moved;
    const momentum = (state as { trace?: { momentum: unknown } }).trace?.momentum;
    if (momentum !== undefined) {
      const still = treesEqual(momentum, zeros, `the momentum after step ${i}`);
      if (!still.ok) return still;
    }
  }
  return holds;
}

/**
 * `optimizer` run for `numSteps` steps on the quadratic from `x0` (its exact gradient `A (x - c)`)
 * ends below `fraction` (default 1/2) of the starting value.
 */
export function decreasesQuadratic(optimizer: AnyTransformation, problem: Quadratic, numSteps: number, fraction = 0.5): LawResult {
  const gradient = (x: ArrayValue) => np.matmul(problem.a, np.subtract(x, problem.c));
  const start = quadraticAt(problem, problem.x0);
  let x = problem.x0;
  let state = optimizer.init(x);
  for (let i = 0; i < numSteps; i++) {
    const [updates, next] = optimizer.update(gradient(x), state, x);
    x = applyUpdates(x, updates);
    state = next;
  }
  const end = quadraticAt(problem, x);
  if (Number.isFinite(end) && end < fraction * start) return holds;
  return violated(`${optimizer.name}: f went from ${start} to ${end} in ${numSteps} steps, expected below ${fraction} * ${start} (x0 ${describe(problem.x0)})`);
}

/** A schedule's values at `steps` are non-negative (and finite). */
export function scheduleNonNegative(schedule: Schedule, steps: readonly number[]): LawResult {
  for (const step of steps) {
    const value = valueAt(schedule, step);
    if (!(value >= 0 && Number.isFinite(value))) return violated(`the schedule is ${value} at step ${step}, expected a finite non-negative value`);
  }
  return holds;
}

/**
 * A schedule (evaluated in float32) matches its closed form (in float64) at `steps`, within
 * `rtol * |expected| + atol`.
 */
export function scheduleMatchesClosedForm(schedule: Schedule, closedForm: (step: number) => number, steps: readonly number[], tol: { rtol: number; atol: number }): LawResult {
  for (const step of steps) {
    const got = valueAt(schedule, step);
    const want = closedForm(step);
    if (!(Math.abs(got - want) <= tol.atol + tol.rtol * Math.abs(want))) {
      return violated(`the schedule is ${got} at step ${step}, its closed form ${want} (rtol ${tol.rtol}, atol ${tol.atol})`);
    }
  }
  return holds;
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** The reference identity: updates returned untouched, no state. */
const passThrough: AnyTransformation = { name: "passThrough", init: () => ({}), update: (grads, state) => [grads, state] };

function asArray(leaf: tree.Leaf): ArrayValue {
  return typeof leaf === "number" || typeof leaf === "boolean" ? np.array(leaf) : leaf;
}

function quadraticAt(problem: Quadratic, x: ArrayValue): number {
  const d = np.subtract(x, problem.c);
  return Number(np.multiply(0.5, np.sum(np.multiply(d, np.matmul(problem.a, d)))).item());
}
