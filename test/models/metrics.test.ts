import { describe, expect, it } from "vitest";
import * as np from "../../core/numpy/index.js";
import * as metrics from "../../models/metrics.js";
import { expectClose, flat, loadFixture } from "../helpers.js";

const fixture = loadFixture("models");
const mc = fixture.multiclass;
const bin = fixture.binary;
const reg = fixture.regression;
const cal = fixture.calibration;
const ints = (values: number[]) => np.array(values, { dtype: "int32" });
const numbers = (values: unknown[]) => flat(values);

describe("classification metrics match sklearn", () => {
  it("accuracy, from labels or from score rows (argmax)", () => {
    expect(metrics.accuracy(ints(mc.yTrue), ints(mc.yPred))).toBeCloseTo(mc.accuracy, 15);
    expect(metrics.accuracy(mc.yTrue, mc.yPred)).toBeCloseTo(mc.accuracy, 15);
    const scores = np.array([[0.1, 0.9], [0.8, 0.2], [0.5, 0.5]]);
    expect(metrics.accuracy([1, 0, 0], scores)).toBe(1);
    expect(metrics.accuracy([1, 1, 1], scores)).toBeCloseTo(1 / 3, 15);
  });

  it("confusionMatrix: rows are true classes, columns predicted (a never-predicted class has a zero column)", () => {
    expect(metrics.confusionMatrix(ints(mc.yTrue), ints(mc.yPred))).toEqual(mc.confusion);
    expect(metrics.confusionMatrix([0, 1], [1, 1], { numClasses: 3 })).toEqual([[0, 1, 0], [0, 1, 0], [0, 0, 0]]);
  });

  for (const [name, zeroDivision] of [["zero", 0], ["one", 1], ["nan", NaN]] as const) {
    it(`per-class precision, recall, F1 and support with zero_division=${zeroDivision}`, () => {
      const per = metrics.precisionRecallF1PerClass(ints(mc.yTrue), ints(mc.yPred), { zeroDivision });
      const want = mc[name].perClass;
      expectClose(per.precision, want.precision, { rtol: 1e-15 });
      expectClose(per.recall, want.recall, { rtol: 1e-15 });
      expectClose(per.f1, want.f1, { rtol: 1e-15 });
      expect(per.support).toEqual(want.support);
    });
    for (const average of ["micro", "macro", "weighted"] as const) {
      it(`${average} averages with zero_division=${zeroDivision}`, () => {
        const got = metrics.precisionRecallF1(mc.yTrue, mc.yPred, { average, zeroDivision });
        expectClose([got.precision, got.recall, got.f1], numbers(mc[name][average]), { rtol: 1e-14 });
        expect(metrics.precision(mc.yTrue, mc.yPred, { average, zeroDivision })).toBe(got.precision);
        expect(metrics.recall(mc.yTrue, mc.yPred, { average, zeroDivision })).toBe(got.recall);
        expect(metrics.f1(mc.yTrue, mc.yPred, { average, zeroDivision })).toBe(got.f1);
      });
    }
  }

  it("a class in neither vector counts under numClasses, and NaN scores drop out of the averages", () => {
    for (const average of ["micro", "macro", "weighted"] as const) {
      const got = metrics.precisionRecallF1(mc.yTrue, mc.yPred, { average, zeroDivision: NaN, numClasses: 5 });
      expectClose([got.precision, got.recall, got.f1], numbers(mc.fiveClassesNan[average]), { rtol: 1e-14 });
    }
  });

  it("binary averaging reports the positive class (1 by default)", () => {
    const got = metrics.precisionRecallF1(bin.yTrue, bin.yPred, { average: "binary" });
    expectClose([got.precision, got.recall, got.f1], bin.binary, { rtol: 1e-15 });
    const zero = metrics.precisionRecallF1(bin.yTrue, bin.yPred, { average: "binary", positiveLabel: 0 });
    expectClose([zero.precision, zero.recall, zero.f1], bin.binaryPositive0, { rtol: 1e-15 });
  });

  it("bad labels and options are errors naming the function", () => {
    expect(() => metrics.confusionMatrix([0, 1.5], [0, 1])).toThrow(/confusionMatrix: yTrue must be class labels, non-negative integers up to 2\^31 - 1, got 1.5 at index 1/);
    expect(() => metrics.confusionMatrix([0, 1], [0])).toThrow(/yTrue has 2 entries but yPred has 1/);
    expect(() => metrics.confusionMatrix([0, 3], [0, 1], { numClasses: 3 })).toThrow(/label 3 is outside the 3 classes/);
    expect(() => metrics.precisionRecallF1(mc.yTrue, mc.yPred, { average: "binary" })).toThrow(/average "binary" needs at most two classes, got 4/);
    expect(() => metrics.precisionRecallF1(mc.yTrue, mc.yPred, { average: "samples" as metrics.Average })).toThrow(/average must be/);
    expect(() => metrics.precision([0], [0], { average: "macro", zeroDivision: 0.5 })).toThrow(/zeroDivision must be one of 0, 1, NaN, got 0.5/);
    expect(() => metrics.accuracy([0, 1], np.zeros([2, 2, 2]))).toThrow(/accuracy: yPred must be labels \[n\] or scores \[n, classes\], got shape \[2,2,2\]/);
  });
});

describe("ROC curve and AUC match sklearn", () => {
  it("rocCurve keeps every distinct threshold (drop_intermediate=False), starting at (0, 0, +inf)", () => {
    const curve = metrics.rocCurve(ints(bin.yTrue), np.array(bin.scores, { dtype: "float64" }));
    expectClose(curve.fpr, bin.roc.fpr, { rtol: 1e-15 });
    expectClose(curve.tpr, bin.roc.tpr, { rtol: 1e-15 });
    expectClose(curve.thresholds, bin.roc.thresholds, { rtol: 0, atol: 0 });
  });
  it("rocCurve with dropIntermediate drops collinear points as sklearn's default", () => {
    const c = bin.collinear;
    const kept = metrics.rocCurve(c.yTrue, c.scores);
    expectClose(kept.fpr, c.roc.fpr, { rtol: 1e-15 });
    expectClose(kept.tpr, c.roc.tpr, { rtol: 1e-15 });
    expectClose(kept.thresholds, c.roc.thresholds, { rtol: 0, atol: 0 });
    const dropped = metrics.rocCurve(c.yTrue, c.scores, { dropIntermediate: true });
    expectClose(dropped.fpr, c.rocDropped.fpr, { rtol: 1e-15 });
    expectClose(dropped.tpr, c.rocDropped.tpr, { rtol: 1e-15 });
    expectClose(dropped.thresholds, c.rocDropped.thresholds, { rtol: 0, atol: 0 });
  });
  it("auc is the trapezoidal area (x increasing or decreasing), rocAucScore the area under rocCurve", () => {
    const curve = metrics.rocCurve(bin.yTrue, bin.scores);
    expect(metrics.auc(curve.fpr, curve.tpr)).toBeCloseTo(bin.auc, 14);
    expect(metrics.rocAucScore(bin.yTrue, bin.scores)).toBeCloseTo(bin.rocAuc, 14);
    expect(metrics.auc([3, 2, 0.5, 0], [1, 4, 2, 2])).toBeCloseTo(bin.aucDecreasing, 14);
  });
  it("rates of an absent class are NaN; AUC then is an error; non-monotonic x is an error", () => {
    const curve = metrics.rocCurve([1, 1], [0.2, 0.8]);
    expect(curve.fpr.every(Number.isNaN)).toBe(true);
    expect(curve.tpr).toEqual([0, 0.5, 1]);
    expect(() => metrics.rocAucScore([1, 1], [0.2, 0.8])).toThrow(/rocAucScore: needs both positive and negative examples/);
    expect(() => metrics.auc([0, 2, 1], [0, 1, 1])).toThrow(/auc: x is neither increasing nor decreasing/);
  });
});

describe("regression and calibration", () => {
  it("r2Score matches sklearn for one output, for several (uniform average), and for a constant truth", () => {
    expect(metrics.r2Score(reg.yTrue, reg.yPred)).toBeCloseTo(reg.r2, 14);
    const shape = reg.shape2 as number[];
    expect(metrics.r2Score(np.array(reg.yTrue2, { dtype: "float64", shape }), np.array(reg.yPred2, { dtype: "float64", shape }))).toBeCloseTo(reg.r2Multi, 14);
    expect(metrics.r2Score([2, 2, 2], [2, 2, 2])).toBe(reg.r2ConstantExact);
    expect(metrics.r2Score([2, 2, 2], [2, 2.5, 2])).toBe(reg.r2ConstantWrong);
    expect(metrics.r2Score([1], [1])).toBeNaN();
    expect(() => metrics.r2Score([1, 2], [1, 2, 3])).toThrow(/r2Score: yTrue \[2\] and yPred \[3\] must have the same 1-D or 2-D shape/);
  });

  it("expectedCalibrationError equals the binned formula (10, 5 and 1 bins; binary probabilities)", () => {
    const probs = np.array(cal.probs, { dtype: "float64", shape: cal.shape });
    expect(metrics.expectedCalibrationError(probs, cal.labels)).toBeCloseTo(cal.ece10, 14);
    expect(metrics.expectedCalibrationError(probs, cal.labels, { bins: 5 })).toBeCloseTo(cal.ece5, 14);
    expect(metrics.expectedCalibrationError(probs, cal.labels, 1)).toBeCloseTo(cal.ece1, 14);
    expect(metrics.expectedCalibrationError(cal.binaryProbs, cal.binaryLabels)).toBeCloseTo(cal.binaryEce10, 14);
  });

  it("expectedCalibrationError by hand: confidences on bin edges fall in the lower bin ((b-1)/B, b/B])", () => {
    // Two bins: (0, 0.5] holds the 0.5-confidence rows (accuracy 1/2, confidence 0.5: gap 0);
    // (0.5, 1] holds 0.75 (right) and 1.0 (wrong): accuracy 1/2, confidence 0.875, gap 0.375.
    const probs = [[0.5, 0.5], [0.5, 0.5], [0.25, 0.75], [1, 0]];
    expect(metrics.expectedCalibrationError(probs, [0, 1, 1, 1], { bins: 2 })).toBeCloseTo(0.5 * 0.375, 15);
    expect(metrics.expectedCalibrationError([[1, 0], [0, 1]], [0, 1])).toBe(0);
  });

  it("calibration inputs are checked", () => {
    expect(() => metrics.expectedCalibrationError([[0.5, 0.5]], [0], { bins: 0 })).toThrow(/bins must be a positive integer, got 0/);
    expect(() => metrics.expectedCalibrationError([[0.5, 0.5]], [0, 1])).toThrow(/probs has 1 rows but labels has 2 entries/);
    expect(() => metrics.expectedCalibrationError([[1.5, -0.5]], [0])).toThrow(/probabilities must lie in \[0, 1\], got 1.5 at flat index 0 of probs \[1,2\]/);
  });
});
