/** Mixtures of components of one family, weighted by a categorical distribution. */
import { fail } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import { logsumexp, oneHot } from "../../core/nn.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { split } from "../../core/random/keys.js";
import { broadcastShapes, type Shape } from "../../core/shape.js";
import { categoricalLogProbs } from "./discrete.js";
import { noClosedForm, record, sampleShape, type Distribution } from "./distribution.js";

/** Inserts `count` trailing axes of size 1 (to line weights [..., K] up with events). */
function trailing(x: ArrayValue, count: number): ArrayValue {
  return count === 0 ? x : np.reshape(x, [...x.shape, ...Array<number>(count).fill(1)]);
}

/**
 * The mixture sum_k w_k p_k(x) (distrax's MixtureSameFamily): `weights` is a categorical
 * distribution over K components and `components` one distribution whose batch shape ends in K
 * (for instance `normal(locs, scales)` with locs of shape [K]). logProb is a logsumexp over the
 * components; the mean and variance are those of the mixture (law of total variance); there is
 * no closed-form entropy. Sampling draws a component index, then that component's sample (not
 * reparameterized in the weights).
 */
export function mixture(weights: Distribution, components: Distribution): Distribution {
  const op = "distributions.mixture";
  if (weights?.family !== "categorical") fail(op, `weights must be a categorical distribution, got ${weights?.family ?? String(weights)}`);
  if (typeof components?.logProb !== "function") fail(op, `components must be a distribution, got ${String(components)}`);
  const logW = categoricalLogProbs(weights.params);
  const k = logW.shape[logW.shape.length - 1]!;
  const componentBatch = components.batchShape;
  if (componentBatch[componentBatch.length - 1] !== k) {
    fail(op, `components must have batch shape [..., ${k}] (one per weight), got batch shape [${componentBatch.join(",")}] (${components.family})`);
  }
  const batch = broadcastShapes(op, weights.batchShape, componentBatch.slice(0, -1));
  const eventRank = components.eventShape.length;
  const componentAxis = -(eventRank + 1);
  const weighted = (x: ArrayValue) => np.sum(np.multiply(trailing(np.exp(logW), eventRank), x), { axis: componentAxis });
  const mean = () => weighted(components.mean());
  return record("mixture", { ...prefixed("weights", weights), ...prefixed("components", components) }, batch, components.eventShape, {
    logProb: (x) => logsumexp(np.add(logW, components.logProb(np.expandDims(x, componentAxis))), { axis: -1 }),
    sample: (key, shape?: Shape) => {
      const outer = sampleShape("mixture", key, batch, shape);
      const keys = split(key);
      const row = (i: number) => np.reshape(np.take(keys, i, { axis: 0 }), [2]);
      const index = random.categorical(row(0), logW, { shape: outer });
      const draws = np.broadcastTo(components.sample(row(1), outer.slice(0, outer.length - batch.length)), [...outer, k, ...components.eventShape]);
      const chosen = trailing(np.astype(oneHot(index, k), "bool"), eventRank);
      return np.sum(np.where(chosen, draws, np.zerosLike(draws)), { axis: componentAxis });
    },
    mean: () => np.broadcastTo(mean(), [...batch, ...components.eventShape]),
    variance: () => {
      const m = components.mean();
      const secondMoment = weighted(np.add(components.variance(), np.multiply(m, m)));
      const mixMean = mean();
      return np.broadcastTo(np.subtract(secondMoment, np.multiply(mixMean, mixMean)), [...batch, ...components.eventShape]);
    },
    entropy: () => noClosedForm("mixture", "entropy", "the log of a sum has no closed-form expectation"),
  });
}

/** A distribution's parameters under `prefix.` names. */
function prefixed(prefix: string, d: Distribution): Record<string, ArrayValue> {
  return Object.fromEntries(Object.entries(d.params).map(([name, value]) => [`${prefix}.${name}`, value]));
}
