/**
 * Models and the machinery they share: the Module and Estimator protocols and their combinators,
 * losses, metrics, data handling, initializers, the layers library (`models.layers`), the fit
 * loop, training-curve charts, and the model families, each a namespace (`models.linearRegression`,
 * `models.softmaxRegression`).
 */
export * from "./losses.js";
export * from "./metrics.js";
export * from "./data.js";
export * from "./init.js";
export * from "./module.js";
export * from "./iterate.js";
export * as layers from "./layers/index.js";
export * from "./geometry.js";
export * from "./fit.js";
export type { LossAux, LossContext, LossResult, StepContext } from "./fit-step.js";
export type { EarlyStoppingOptions } from "./early-stopping.js";
export * from "./reporter.js";
export * from "./plot.js";
export * as linearRegression from "./linear/linear-regression.js";
export * as softmaxRegression from "./linear/softmax-regression.js";
export * as distributions from "./distributions/index.js";
