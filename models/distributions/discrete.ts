/** Discrete families: bernoulli, categorical (over the last axis) and poisson. */
import { fail } from "../../core/errors.js";
import { ArrayValue, type ArrayOrScalar } from "../../core/ndarray.js";
import { logSigmoid, logSoftmax, oneHot, softplus } from "../../core/nn.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { lgamma } from "../../core/random/special.js";
import type { Shape } from "../../core/shape.js";
import { anyValue, readOptions } from "../../core/validate.js";
import { batchShapeOf, floatParams, noClosedForm, record, sampleShape, type Distribution } from "./distribution.js";
import { xlogy } from "./continuous.js";

/** How a Bernoulli or categorical distribution is given: exactly one of logits and probs. */
export type LogitsOrProbs = { readonly logits: ArrayOrScalar; readonly probs?: never } | { readonly probs: ArrayOrScalar; readonly logits?: never };

/** The one parameter given, as a float array, under its name. */
function logitsOrProbs(family: string, options: unknown): { name: "logits" | "probs"; value: ArrayValue } {
  const o = readOptions(`distributions.${family}`, options as LogitsOrProbs | null, { logits: anyValue, probs: anyValue });
  // Each value is checked before the pair, so a bad value is named even when both are given.
  for (const name of ["logits", "probs"] as const) if (o[name] !== undefined) floatParams(family, { [name]: o[name] });
  if ((o.logits === undefined) === (o.probs === undefined)) {
    fail(`distributions.${family}`, `give exactly one of logits and probs`);
  }
  const name = o.logits === undefined ? "probs" : "logits";
  return { name, value: floatParams(family, { [name]: o[name] })[name]! };
}

/**
 * Bernoulli over {0, 1}, from `{ logits }` (log-odds) or `{ probs }` (P(x = 1)). Samples are
 * int32; logProb is -inf off {0, 1}.
 */
export function bernoulli(options: LogitsOrProbs): Distribution {
  const { name, value } = logitsOrProbs("bernoulli", options);
  const logits = name === "logits" ? value : np.subtract(np.log(value), np.log1p(np.negative(value)));
  const probs = name === "probs" ? value : np.expit(value);
  const batch = value.shape;
  return record("bernoulli", { [name]: value }, batch, [], {
    logProb: (x) => np.where(np.equal(x, 1), logSigmoid(logits), np.where(np.equal(x, 0), logSigmoid(np.negative(logits)), -Infinity)),
    sample: (key, shape?: Shape) => np.astype(random.bernoulli(key, probs, sampleShape("bernoulli", key, batch, shape)), "int32"),
    mean: () => probs,
    variance: () => np.multiply(probs, np.subtract(1, probs)),
    entropy: () =>
      name === "probs"
        ? np.negative(np.add(xlogy(probs, probs), xlogy(np.subtract(1, probs), np.subtract(1, probs))))
        : np.subtract(softplus(logits), np.multiply(probs, logits)),
  });
}

/**
 * The categorical distribution over 0..K-1 along the last axis of `{ logits }` (unnormalized log
 * probabilities) or `{ probs }` (normalized here). Samples are int32 indices (Gumbel-max, as
 * jax.random.categorical); logProb is -inf outside 0..K-1. Its outcomes are labels, so it has no
 * mean or variance.
 */
export function categorical(options: LogitsOrProbs): Distribution {
  const { name, value } = logitsOrProbs("categorical", options);
  if (value.shape.length === 0) fail("distributions.categorical", `${name} must have at least one axis (the categories), got a scalar`);
  const classes = value.shape[value.shape.length - 1]!;
  const logProbs = categoricalLogProbs({ [name]: value });
  const probs = np.exp(logProbs);
  const batch = value.shape.slice(0, -1);
  return record("categorical", { [name]: value }, batch, [], {
    logProb: (x) => {
      const selected = np.sum(np.where(np.astype(oneHot(x, classes), "bool"), logProbs, 0), { axis: -1 });
      return np.where(np.logicalAnd(np.greaterEqual(x, 0), np.less(x, classes)), selected, -Infinity);
    },
    sample: (key, shape?: Shape) => random.categorical(key, logProbs, { shape: sampleShape("categorical", key, batch, shape) }),
    mean: () => noClosedForm("categorical", "mean", "its outcomes are labels, not numbers (use the probabilities)"),
    variance: () => noClosedForm("categorical", "variance", "its outcomes are labels, not numbers (use the probabilities)"),
    entropy: () => np.negative(np.sum(np.where(np.greater(probs, 0), np.multiply(probs, logProbs), 0), { axis: -1 })),
  });
}

/**
 * The Poisson distribution with mean `rate`. Samples are int32 from random.poisson (in float32,
 * as JAX). Its entropy is an infinite series, so `entropy` is an error.
 */
export function poisson(rate: ArrayOrScalar): Distribution {
  const params = floatParams("poisson", { rate });
  const lam = params.rate!;
  const batch = batchShapeOf("poisson", params);
  return record("poisson", params, batch, [], {
    logProb: (x) => {
      const value = np.subtract(np.subtract(xlogy(x, lam), lam), lgamma(np.add(x, 1)));
      const valid = np.logicalAnd(np.greaterEqual(x, 0), np.equal(x, np.floor(x)));
      return np.where(valid, value, -Infinity);
    },
    sample: (key, shape?: Shape) => random.poisson(key, lam, sampleShape("poisson", key, batch, shape)),
    mean: () => lam,
    variance: () => lam,
    entropy: () => noClosedForm("poisson", "entropy", "it is an infinite series in the rate"),
  });
}

/** The normalized log probabilities [..., K] of a categorical distribution, from its params. */
export function categoricalLogProbs(params: Readonly<Record<string, ArrayValue>>): ArrayValue {
  const { logits, probs } = params;
  return logits !== undefined ? logSoftmax(logits, { axis: -1 }) : np.log(np.divide(probs!, np.sum(probs!, { axis: -1, keepdims: true })));
}
