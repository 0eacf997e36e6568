/** Closed-form Kullback-Leibler divergences KL(p || q) between distributions of one family. */
import { fail } from "../../core/errors.js";
import { triangularSolve } from "../../core/lax/linalg.js";
import type { ArrayValue } from "../../core/ndarray.js";
import { logSigmoid } from "../../core/nn.js";
import * as np from "../../core/numpy/index.js";
import { digamma, lgamma } from "../../core/random/special.js";
import { broadcastShapes } from "../../core/shape.js";
import { describeValue } from "../../core/validate.js";
import { logBeta } from "./continuous.js";
import { categoricalLogProbs } from "./discrete.js";
import type { Distribution } from "./distribution.js";

type Params = Readonly<Record<string, ArrayValue>>;

/** sum p (log p - log q) over the last axis, with 0 where p is 0 (categorical and Bernoulli). */
function discreteKl(logP: ArrayValue, logQ: ArrayValue): ArrayValue {
  const p = np.exp(logP);
  const positive = np.greater(p, 0);
  return np.sum(np.where(positive, np.multiply(p, np.subtract(logP, np.where(positive, logQ, 0))), 0), { axis: -1 });
}

/** log P(x = 1) and log P(x = 0) of a Bernoulli, stacked on a new last axis. */
function bernoulliLogProbs(d: Distribution): ArrayValue {
  const { logits, probs } = d.params;
  const l = logits ?? np.subtract(np.log(probs!), np.log1p(np.negative(probs!)));
  return np.stack([logSigmoid(l), logSigmoid(np.negative(l))], { axis: -1 });
}

/** The per-family closed forms. */
const CLOSED_FORMS: Readonly<Record<string, (p: Distribution, q: Distribution) => ArrayValue>> = {
  normal: ({ params: p }, { params: q }) => {
    const ratio = np.divide(p.scale!, q.scale!);
    const shift = np.divide(np.subtract(p.loc!, q.loc!), q.scale!);
    return np.subtract(np.multiply(0.5, np.add(np.multiply(ratio, ratio), np.multiply(shift, shift))), np.add(0.5, np.log(ratio)));
  },
  laplace: ({ params: p }, { params: q }) => {
    const distance = np.abs(np.subtract(p.loc!, q.loc!));
    const ratio = np.divide(p.scale!, q.scale!);
    return np.add(np.subtract(np.divide(distance, q.scale!), np.add(1, np.log(ratio))), np.multiply(ratio, np.exp(np.negative(np.divide(distance, p.scale!)))));
  },
  uniform: ({ params: p }, { params: q }) => {
    const inside = np.logicalAnd(np.greaterEqual(p.low!, q.low!), np.lessEqual(p.high!, q.high!));
    return np.where(inside, np.log(np.divide(np.subtract(q.high!, q.low!), np.subtract(p.high!, p.low!))), Infinity);
  },
  gamma: ({ params: p }, { params: q }) => {
    const [ap, bp, aq, bq] = [p.concentration!, p.rate!, q.concentration!, q.rate!];
    const first = np.add(np.multiply(np.subtract(ap, aq), digamma(ap)), np.subtract(lgamma(aq), lgamma(ap)));
    return np.add(np.add(first, np.multiply(aq, np.subtract(np.log(bp), np.log(bq)))), np.multiply(ap, np.divide(np.subtract(bq, bp), bp)));
  },
  beta: ({ params: p }, { params: q }) => {
    const [ap, bp, aq, bq] = [p.a!, p.b!, q.a!, q.b!];
    const terms = np.add(np.multiply(np.subtract(ap, aq), digamma(ap)), np.multiply(np.subtract(bp, bq), digamma(bp)));
    const total = np.multiply(np.subtract(np.add(aq, bq), np.add(ap, bp)), digamma(np.add(ap, bp)));
    return np.add(np.subtract(logBeta(aq, bq), logBeta(ap, bp)), np.add(terms, total));
  },
  dirichlet: ({ params: p }, { params: q }) => {
    const [a, b] = [p.concentration!, q.concentration!];
    const a0 = np.sum(a, { axis: -1 });
    const b0 = np.sum(b, { axis: -1 });
    const normalizers = np.add(np.subtract(lgamma(a0), lgamma(b0)), np.sum(np.subtract(lgamma(b), lgamma(a)), { axis: -1 }));
    const shifted = np.subtract(digamma(a), np.expandDims(digamma(a0), -1));
    return np.add(normalizers, np.sum(np.multiply(np.subtract(a, b), shifted), { axis: -1 }));
  },
  poisson: ({ params: p }, { params: q }) => {
    const [lp, lq] = [p.rate!, q.rate!];
    const positive = np.greater(lp, 0);
    const logRatio = np.where(positive, np.subtract(np.log(np.where(positive, lp, 1)), np.log(lq)), 0);
    return np.add(np.subtract(np.multiply(lp, logRatio), lp), lq);
  },
  bernoulli: (p, q) => discreteKl(bernoulliLogProbs(p), bernoulliLogProbs(q)),
  categorical: (p, q) => {
    const [logP, logQ] = [categoricalLogProbs(p.params), categoricalLogProbs(q.params)];
    const [kp, kq] = [logP.shape[logP.shape.length - 1], logQ.shape[logQ.shape.length - 1]];
    if (kp !== kq) fail("distributions.kl", `categorical distributions over ${kp} and ${kq} categories have no KL divergence`);
    return discreteKl(logP, logQ);
  },
  multivariateNormal: (p, q) => mvnKl(p.params, q.params),
};

/** KL between N(mp, Lp Lpᵀ) and N(mq, Lq Lqᵀ), through Lq⁻¹ Lp and Lq⁻¹ (mq - mp). */
function mvnKl(p: Params, q: Params): ArrayValue {
  const [lp, lq] = [p.scaleTril!, q.scaleTril!];
  const n = lp.shape[lp.shape.length - 1]!;
  if (lq.shape[lq.shape.length - 1] !== n) fail("distributions.kl", `multivariate normals of dimensions ${n} and ${lq.shape[lq.shape.length - 1]} have no KL divergence`);
  const diff = np.subtract(q.loc!, p.loc!);
  const batch = broadcastShapes("distributions.kl", lp.shape.slice(0, -2), lq.shape.slice(0, -2), diff.shape.slice(0, -1));
  const lqFull = np.broadcastTo(lq, [...batch, n, n]);
  const solve = (b: ArrayValue) => triangularSolve(lqFull, b, { leftSide: true, lower: true });
  const spread = solve(np.broadcastTo(lp, [...batch, n, n]));
  const shift = solve(np.broadcastTo(np.expandDims(diff, -1), [...batch, n, 1]));
  const squares = (x: ArrayValue) => np.sum(np.multiply(x, x), { axis: [-2, -1] });
  const logDiag = (l: ArrayValue) => np.sum(np.log(np.diagonal(l, { axis1: -2, axis2: -1 })), { axis: -1 });
  return np.add(np.multiply(0.5, np.subtract(np.add(squares(spread), squares(shift)), n)), np.subtract(logDiag(lq), logDiag(lp)));
}

/**
 * The Kullback-Leibler divergence KL(p || q) = E_p[log p(x) - log q(x)] in closed form, for two
 * distributions of the same family among normal, multivariateNormal, laplace, uniform (+inf
 * where p's support is not inside q's), gamma, beta, dirichlet, bernoulli, categorical and
 * poisson; its shape is the broadcast of the two batch shapes. Any other pair is an error naming
 * the two families.
 *
 * @example
 * ```ts
 * import { models } from "tessera";
 * const { kl, normal } = models.distributions;
 * console.log(kl(normal(0, 1), normal(1, 1)).item()); // 0.5
 * ```
 */
export function kl(p: Distribution, q: Distribution): ArrayValue {
  for (const [name, d] of [["p", p], ["q", q]] as const) {
    if (typeof d !== "object" || d === null || typeof (d as Distribution).family !== "string") {
      fail("distributions.kl", `${name} must be a distribution (from models.distributions), got ${describeValue(d)}`);
    }
  }
  const closedForm = p.family === q.family ? CLOSED_FORMS[p.family] : undefined;
  if (closedForm === undefined) {
    fail("distributions.kl", `no closed-form KL divergence between a ${p.family} and a ${q.family} distribution (closed forms exist for two distributions of one family among ${Object.keys(CLOSED_FORMS).join(", ")})`);
  }
  return closedForm(p, q);
}
