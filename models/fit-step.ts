/**
 * The training step `fit` jits: the loss's value and gradients, the optimizer update, the new
 * parameters, and what the loss returned beside its value. A loss is `loss(params, batch, ctx)`
 * with `ctx = { key, step, state }` and returns a scalar, or `[scalar, aux]` where `aux` is a
 * record: `aux.state` is the model's next state (batch-norm statistics: required exactly when fit
 * was given `modelState`), and every other entry is a scalar metric recorded per step.
 */
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import type * as random from "../core/random/index.js";
import { describeValue, isPlainRecord } from "../core/validate.js";
import { valueAndGrad } from "../transforms/autodiff.js";
import { applyUpdates } from "./optim/transformation.js";

/** What a loss receives besides params and batch: a fresh key per step, the step number (an int32 scalar, 0-based) and the model state. */
export interface LossContext<M = unknown> {
  readonly key: random.Key;
  readonly step: ArrayValue;
  readonly state: M;
}

/** What a loss returns: its value, or its value and a record of a next `state` and scalar metrics. */
export type LossResult<M = unknown> = ArrayValue | readonly [ArrayValue, LossAux<M>];

/** The record a loss may return beside its value. */
export type LossAux<M = unknown> = { readonly state?: M } & { readonly [metric: string]: unknown };

/** What fit needs of an optimizer (a GradientTransformation of models/optim is one). */
export interface Optimizer<P, S> {
  init(params: P): S;
  update(grads: P, state: S, params?: P): readonly [P, S];
}

/** The values a step carries from one batch to the next. */
export interface StepCarry<P, S, M> {
  readonly params: P;
  readonly optState: S;
  readonly modelState: M;
}

/** A loss's value and metrics as one step returns them (metrics sorted by name). */
export interface StepOutputs {
  readonly loss: ArrayValue;
  readonly metrics: Readonly<Record<string, ArrayValue>>;
}

/** Splits a loss result into its value and aux record, checking both (at trace time under jit). */
function splitLoss(result: unknown, withState: boolean): [ArrayValue, LossAux] {
  const [value, aux] = Array.isArray(result) ? (result.length === 2 ? result : fail("fit", `loss must return a scalar array or [scalar, aux], got a list of ${result.length}`)) : [result, {}];
  if (!(value instanceof ArrayValue) || value.size !== 1) {
    fail("fit", `loss must return a scalar array (or [scalar, aux]), got ${value instanceof ArrayValue ? describe(value) : describeValue(value)}`);
  }
  if (!isPlainRecord(aux)) fail("fit", `the aux a loss returns beside its value must be a record ({ state?, ...metrics }), got ${describeValue(aux)}`);
  const hasState = Object.hasOwn(aux, "state");
  if (withState && !hasState) fail("fit", "fit was given modelState, so loss must return [loss, { state: nextState, ... }]");
  if (!withState && hasState) fail("fit", "loss returned a state but fit was given no modelState to start it from; pass modelState: its initial value");
  return [value.reshape([]), aux as LossAux];
}

/** Every aux entry but `state`, each a scalar (array or JS number), by sorted name. */
function metricsOf(aux: LossAux): Record<string, ArrayValue> {
  const metrics: Record<string, ArrayValue> = {};
  for (const name of Object.keys(aux).sort()) {
    if (name === "state") continue;
    const value = aux[name];
    if (!(value instanceof ArrayValue) || value.size !== 1) {
      fail("fit", `aux.${name} is ${value instanceof ArrayValue ? describe(value) : describeValue(value)}; every aux entry but state is a metric and must be a scalar array`);
    }
    metrics[name] = value.reshape([]);
  }
  return metrics;
}

/** One optimization step of `loss` with `optimizer`, as a pure function of the carry, the batch, the step's key and its number. */
export function lossStep<P, S, M, B>(
  loss: (params: P, batch: B, ctx: LossContext<M>) => LossResult<M>,
  optimizer: Optimizer<P, S>,
  withState: boolean,
): (carry: StepCarry<P, S, M>, batch: B, key: random.Key, step: ArrayValue) => [StepCarry<P, S, M>, StepOutputs] {
  return (carry, batch, key, step) => {
    const ctx: LossContext<M> = { key, step, state: carry.modelState };
    const [[value, aux], grads] = valueAndGrad((p: P) => splitLoss(loss(p, batch, ctx), withState), { hasAux: true })(carry.params) as [[ArrayValue, LossAux], P];
    const [updates, optState] = optimizer.update(grads, carry.optState, carry.params);
    const modelState = (withState ? aux.state : carry.modelState) as M;
    return [{ params: applyUpdates(carry.params, updates), optState, modelState }, { loss: value, metrics: metricsOf(aux) }];
  };
}
