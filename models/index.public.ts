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
export const accuracy = guardArity("models.accuracy", raw.accuracy, 2);
export const applyStandardizer = guardArity("models.applyStandardizer", raw.applyStandardizer, 2);
export const auc = guardArity("models.auc", raw.auc, 2);
export const binaryCrossEntropy = guardArity("models.binaryCrossEntropy", raw.binaryCrossEntropy, 3);
export const callbackReporter = guardArity("models.callbackReporter", raw.callbackReporter, 1);
export const computeFans = guardArity("models.computeFans", raw.computeFans, 2);
export const confusionMatrix = guardArity("models.confusionMatrix", raw.confusionMatrix, 3);
export const dense = guardArity("models.dense", raw.dense, 3);
export const expectedCalibrationError = guardArity("models.expectedCalibrationError", raw.expectedCalibrationError, 3);
export const f1 = guardArity("models.f1", raw.f1, 3);
export const fit = guardArity("models.fit", raw.fit, 1);
export const fitStandardizer = guardArity("models.fitStandardizer", raw.fitStandardizer, 1);
export const glorotNormal = guardArity("models.glorotNormal", raw.glorotNormal, 3);
export const glorotUniform = guardArity("models.glorotUniform", raw.glorotUniform, 3);
export const heNormal = guardArity("models.heNormal", raw.heNormal, 3);
export const heUniform = guardArity("models.heUniform", raw.heUniform, 3);
export const hinge = guardArity("models.hinge", raw.hinge, 3);
export const huber = guardArity("models.huber", raw.huber, 3);
export const initLinear = guardArity("models.initLinear", raw.initLinear, 2);
export const initSoftmax = guardArity("models.initSoftmax", raw.initSoftmax, 2);
export const jsonReporter = guardArity("models.jsonReporter", raw.jsonReporter, 1);
export const kFold = guardArity("models.kFold", raw.kFold, 3);
export const l1Penalty = guardArity("models.l1Penalty", raw.l1Penalty, 1);
export const l2Penalty = guardArity("models.l2Penalty", raw.l2Penalty, 1);
export const lecunNormal = guardArity("models.lecunNormal", raw.lecunNormal, 3);
export const lecunUniform = guardArity("models.lecunUniform", raw.lecunUniform, 3);
export const linearLoss = guardArity("models.linearLoss", raw.linearLoss, 3);
export const logisticLoss = guardArity("models.logisticLoss", raw.logisticLoss, 3);
export const meanSquaredError = guardArity("models.meanSquaredError", raw.meanSquaredError, 3);
export const minibatches = guardArity("models.minibatches", raw.minibatches, 4);
export const mlp = guardArity("models.mlp", raw.mlp, 3);
export const parseCsv = guardArity("models.parseCsv", raw.parseCsv, 2);
export const perceptronLoss = guardArity("models.perceptronLoss", raw.perceptronLoss, 3);
export const plainReporter = guardArity("models.plainReporter", raw.plainReporter, 1);
export const precision = guardArity("models.precision", raw.precision, 3);
export const precisionRecallF1 = guardArity("models.precisionRecallF1", raw.precisionRecallF1, 3);
export const precisionRecallF1PerClass = guardArity("models.precisionRecallF1PerClass", raw.precisionRecallF1PerClass, 3);
export const predictLinear = guardArity("models.predictLinear", raw.predictLinear, 2);
export const r2Score = guardArity("models.r2Score", raw.r2Score, 2);
export const recall = guardArity("models.recall", raw.recall, 3);
export const ridgePath = guardArity("models.ridgePath", raw.ridgePath, 3);
export const rocAucScore = guardArity("models.rocAucScore", raw.rocAucScore, 3);
export const rocCurve = guardArity("models.rocCurve", raw.rocCurve, 3);
export const softmaxCrossEntropy = guardArity("models.softmaxCrossEntropy", raw.softmaxCrossEntropy, 3);
export const softmaxLogits = guardArity("models.softmaxLogits", raw.softmaxLogits, 2);
export const softmaxLoss = guardArity("models.softmaxLoss", raw.softmaxLoss, 3);
export const softmaxPredict = guardArity("models.softmaxPredict", raw.softmaxPredict, 2);
export const solveLinear = guardArity("models.solveLinear", raw.solveLinear, 3);
export const svgChart = guardArity("models.svgChart", raw.svgChart, 2);
export const takeRows = guardArity("models.takeRows", raw.takeRows, 2);
export const textChart = guardArity("models.textChart", raw.textChart, 2);
export const trainTestSplit = guardArity("models.trainTestSplit", raw.trainTestSplit, Infinity);
export const varianceScaling = guardArity("models.varianceScaling", raw.varianceScaling, 3);
export const xavierNormal = guardArity("models.xavierNormal", raw.xavierNormal, 3);
export const xavierUniform = guardArity("models.xavierUniform", raw.xavierUniform, 3);
export const zerosInit = guardArity("models.zerosInit", raw.zerosInit, 3);
