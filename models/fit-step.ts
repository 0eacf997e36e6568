/**
 * The training step `fit` jits: the loss's value and gradients, the optimizer update, the new
 * parameters, and what the loss returned beside its value. A loss is `loss(params, batch, ctx)`
 * with `ctx = { key, step, state }` and returns a scalar, or `[scalar, aux]` where `aux` is a
 * record: `aux.state` is the model's next state (batch-norm statistics: required exactly when fit
 * was given `modelState`), and every other entry is a scalar metric recorded per step. A custom
 * step (`customStep`) returns its carry and a record of scalar metrics.
 */
import { describe, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import type * as random from "../core/random/index.js";
import { describeValue, isPlainRecord } from "../core/validate.js";
import { valueAndGrad } from "../transforms/autodiff.js";
import { applyUpdates } from "./optim/transformation.js";

/** What a step receives besides its carry and batch: a fresh key per step and the step number (an int32 scalar, 0-based). */
export interface StepContext {
  readonly key: random.Key;
  readonly step: ArrayValue;
}

/** What a loss receives besides params and batch: the step's context and the model state. */
export interface LossContext<M = unknown> extends StepContext {
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

/**
 * A record of scalar metrics as the training loop records them (each reshaped to a 0-d array),
 * sorted by name; `what` names the record in errors, `skip` an entry that is not a metric.
 */
function scalarMetrics(record: Readonly<Record<string, unknown>>, what: string, skip?: string): Record<string, ArrayValue> {
  const metrics: Record<string, ArrayValue> = {};
  for (const name of Object.keys(record).sort()) {
    if (name === skip) continue;
    const value = record[name];
    if (!(value instanceof ArrayValue) || value.size !== 1) {
      fail("fit", `${what}.${name} is ${value instanceof ArrayValue ? describe(value) : describeValue(value)}; every ${what} entry${skip === undefined ? "" : ` but ${skip}`} is a metric and must be a scalar array`);
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
): (carry: StepCarry<P, S, M>, batch: B, key: random.Key, step: ArrayValue) => [StepCarry<P, S, M>, Record<string, ArrayValue>] {
  return (carry, batch, key, step) => {
    const ctx: LossContext<M> = { key, step, state: carry.modelState };
    const [[value, aux], grads] = valueAndGrad((p: P) => splitLoss(loss(p, batch, ctx), withState), { hasAux: true })(carry.params) as [[ArrayValue, LossAux], P];
    const [updates, optState] = optimizer.update(grads, carry.optState, carry.params);
    const modelState = (withState ? aux.state : carry.modelState) as M;
    if (Object.hasOwn(aux, "loss")) fail("fit", "aux.loss would shadow the loss itself in the history; name the metric otherwise");
    return [{ params: applyUpdates(carry.params, updates), optState, modelState }, { loss: value, ...scalarMetrics(aux, "aux", "state") }];
  };
}

/** A user's step as the loop runs it: its metrics checked (a record of scalar arrays). */
export function customStep<C, B>(
  step: (carry: C, batch: B, ctx: StepContext) => readonly [C, Readonly<Record<string, unknown>>],
): (carry: C, batch: B, key: random.Key, index: ArrayValue) => [C, Record<string, ArrayValue>] {
  return (carry, batch, key, index) => {
    const result: unknown = step(carry, batch, { key, step: index });
    if (!Array.isArray(result) || result.length !== 2) fail("fit", `step must return [carry, metrics], got ${describeValue(result)}`);
    const [next, metrics] = result as [C, unknown];
    if (!isPlainRecord(metrics)) fail("fit", `the metrics a step returns must be a record of scalar arrays, got ${describeValue(metrics)}`);
    return [next, scalarMetrics(metrics, "metrics")];
  };
}
