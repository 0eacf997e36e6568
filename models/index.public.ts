/**
 * The `models` namespace (models/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../core/validate.js";
import * as raw from "./index.js";

export * from "./index.js";
export * as distributions from "./distributions/index.public.js";
export * as layers from "./layers/index.public.js";
export * as linearRegression from "./linear/linear-regression.public.js";
export * as softmaxRegression from "./linear/softmax-regression.public.js";
export const accuracy = /* @__PURE__ */ guardArity("models.accuracy", raw.accuracy, 2);
export const applyStandardizer = /* @__PURE__ */ guardArity("models.applyStandardizer", raw.applyStandardizer, 2);
export const auc = /* @__PURE__ */ guardArity("models.auc", raw.auc, 2);
export const binaryCrossEntropy = /* @__PURE__ */ guardArity("models.binaryCrossEntropy", raw.binaryCrossEntropy, 3);
export const callbackReporter = /* @__PURE__ */ guardArity("models.callbackReporter", raw.callbackReporter, 1);
export const computeFans = /* @__PURE__ */ guardArity("models.computeFans", raw.computeFans, 2);
export const concat = /* @__PURE__ */ guardArity("models.concat", raw.concat, 2);
export const confusionMatrix = /* @__PURE__ */ guardArity("models.confusionMatrix", raw.confusionMatrix, 3);
export const constant = /* @__PURE__ */ guardArity("models.constant", raw.constant, 1);
export const deltaOrthogonal = /* @__PURE__ */ guardArity("models.deltaOrthogonal", raw.deltaOrthogonal, 1);
export const expectedCalibrationError = /* @__PURE__ */ guardArity("models.expectedCalibrationError", raw.expectedCalibrationError, 3);
export const f1 = /* @__PURE__ */ guardArity("models.f1", raw.f1, 3);
export const fit = /* @__PURE__ */ guardArity("models.fit", raw.fit, 1);
export const fitStandardizer = /* @__PURE__ */ guardArity("models.fitStandardizer", raw.fitStandardizer, 1);
export const glorotNormal = /* @__PURE__ */ guardArity("models.glorotNormal", raw.glorotNormal, 3);
export const glorotUniform = /* @__PURE__ */ guardArity("models.glorotUniform", raw.glorotUniform, 3);
export const heNormal = /* @__PURE__ */ guardArity("models.heNormal", raw.heNormal, 3);
export const heUniform = /* @__PURE__ */ guardArity("models.heUniform", raw.heUniform, 3);
export const hinge = /* @__PURE__ */ guardArity("models.hinge", raw.hinge, 3);
export const huber = /* @__PURE__ */ guardArity("models.huber", raw.huber, 3);
export const isStateful = /* @__PURE__ */ guardArity("models.isStateful", raw.isStateful, 1);
export const iterate = /* @__PURE__ */ guardArity("models.iterate", raw.iterate, 1);
export const jsonReporter = /* @__PURE__ */ guardArity("models.jsonReporter", raw.jsonReporter, 1);
export const kFold = /* @__PURE__ */ guardArity("models.kFold", raw.kFold, 3);
export const kaimingNormal = /* @__PURE__ */ guardArity("models.kaimingNormal", raw.kaimingNormal, 3);
export const kaimingUniform = /* @__PURE__ */ guardArity("models.kaimingUniform", raw.kaimingUniform, 3);
export const l1Penalty = /* @__PURE__ */ guardArity("models.l1Penalty", raw.l1Penalty, 1);
export const l2Penalty = /* @__PURE__ */ guardArity("models.l2Penalty", raw.l2Penalty, 1);
export const lecunNormal = /* @__PURE__ */ guardArity("models.lecunNormal", raw.lecunNormal, 3);
export const lecunUniform = /* @__PURE__ */ guardArity("models.lecunUniform", raw.lecunUniform, 3);
export const logisticLoss = /* @__PURE__ */ guardArity("models.logisticLoss", raw.logisticLoss, 3);
export const meanSquaredError = /* @__PURE__ */ guardArity("models.meanSquaredError", raw.meanSquaredError, 3);
export const minibatches = /* @__PURE__ */ guardArity("models.minibatches", raw.minibatches, 4);
export const normal = /* @__PURE__ */ guardArity("models.normal", raw.normal, 1);
export const onesInit = /* @__PURE__ */ guardArity("models.onesInit", raw.onesInit, 3);
export const orthogonal = /* @__PURE__ */ guardArity("models.orthogonal", raw.orthogonal, 1);
export const pairwiseSquaredDistances = /* @__PURE__ */ guardArity("models.pairwiseSquaredDistances", raw.pairwiseSquaredDistances, 2);
export const parallel = /* @__PURE__ */ guardArity("models.parallel", raw.parallel, Infinity);
export const parseCsv = /* @__PURE__ */ guardArity("models.parseCsv", raw.parseCsv, 2);
export const perceptronLoss = /* @__PURE__ */ guardArity("models.perceptronLoss", raw.perceptronLoss, 3);
export const plainReporter = /* @__PURE__ */ guardArity("models.plainReporter", raw.plainReporter, 1);
export const precision = /* @__PURE__ */ guardArity("models.precision", raw.precision, 3);
export const precisionRecallF1 = /* @__PURE__ */ guardArity("models.precisionRecallF1", raw.precisionRecallF1, 3);
export const precisionRecallF1PerClass = /* @__PURE__ */ guardArity("models.precisionRecallF1PerClass", raw.precisionRecallF1PerClass, 3);
export const r2Score = /* @__PURE__ */ guardArity("models.r2Score", raw.r2Score, 2);
export const readContext = /* @__PURE__ */ guardArity("models.readContext", raw.readContext, 2);
export const recall = /* @__PURE__ */ guardArity("models.recall", raw.recall, 3);
export const requireKey = /* @__PURE__ */ guardArity("models.requireKey", raw.requireKey, 2);
export const residual = /* @__PURE__ */ guardArity("models.residual", raw.residual, 2);
export const rocAucScore = /* @__PURE__ */ guardArity("models.rocAucScore", raw.rocAucScore, 3);
export const rocCurve = /* @__PURE__ */ guardArity("models.rocCurve", raw.rocCurve, 3);
export const sequential = /* @__PURE__ */ guardArity("models.sequential", raw.sequential, Infinity);
export const softThreshold = /* @__PURE__ */ guardArity("models.softThreshold", raw.softThreshold, 2);
export const softmaxCrossEntropy = /* @__PURE__ */ guardArity("models.softmaxCrossEntropy", raw.softmaxCrossEntropy, 3);
export const svgChart = /* @__PURE__ */ guardArity("models.svgChart", raw.svgChart, 2);
export const takeRows = /* @__PURE__ */ guardArity("models.takeRows", raw.takeRows, 2);
export const textChart = /* @__PURE__ */ guardArity("models.textChart", raw.textChart, 2);
export const trainTestSplit = /* @__PURE__ */ guardArity("models.trainTestSplit", raw.trainTestSplit, Infinity);
export const truncatedNormal = /* @__PURE__ */ guardArity("models.truncatedNormal", raw.truncatedNormal, 2);
export const uniform = /* @__PURE__ */ guardArity("models.uniform", raw.uniform, 1);
export const varianceScaling = /* @__PURE__ */ guardArity("models.varianceScaling", raw.varianceScaling, 3);
export const xavierNormal = /* @__PURE__ */ guardArity("models.xavierNormal", raw.xavierNormal, 3);
export const xavierUniform = /* @__PURE__ */ guardArity("models.xavierUniform", raw.xavierUniform, 3);
export const zerosInit = /* @__PURE__ */ guardArity("models.zerosInit", raw.zerosInit, 3);
