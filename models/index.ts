/**
 * Models and the machinery they share: losses, metrics, data handling, initializers, layers, the
 * fit loop, training-curve charts, and the first models (linear and softmax regression).
 */
export * from "./losses.js";
export * from "./metrics.js";
export * from "./data.js";
export * from "./init.js";
export * from "./layers.js";
export * from "./fit.js";
export type { LossAux, LossContext, LossResult, StepContext } from "./fit-step.js";
export type { EarlyStoppingOptions } from "./early-stopping.js";
export * from "./reporter.js";
export * from "./plot.js";
export * from "./linear-regression.js";
export * from "./logistic-regression.js";
export * as distributions from "./distributions/index.js";
