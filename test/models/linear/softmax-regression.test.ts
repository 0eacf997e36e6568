import { describe, expect, it } from "vitest";
import * as random from "../../../core/random/index.js";
import { applyStandardizer, fitStandardizer, trainTestSplit } from "../../../models/data.js";
import { loadCsv } from "../../../node/csv.js";
import { fit } from "../../../models/fit.js";
import * as softmaxRegression from "../../../models/linear/softmax-regression.js";
import { accuracy } from "../../../models/metrics.js";
import { sgd } from "../../../models/optim/index.js";

// examples/data/digits.csv: 1797 8x8 images (64 features 0..16), label 0..9 in the last column.
const digits = loadCsv("examples/data/digits.csv");

/** Full-batch gradient descent, learning rate 0.5, 500 steps from zero, on standardized features. */
function train(x: typeof digits.x, y: typeof digits.y) {
  const standardizer = fitStandardizer(x);
  const z = applyStandardizer(standardizer, x);
  const { params, history } = fit({
    loss: (p, batch: { z: typeof z; y: typeof y }) => softmaxRegression.loss(p, batch.z, batch.y),
    params: softmaxRegression.init(64, 10),
    optimizer: sgd({ learningRate: 0.5 }),
    data: { z, y },
    steps: 500,
  });
  return { params, history, standardizer };
}

describe("multinomial logistic regression on digits", () => {
  it("reaches the reference train accuracy 0.9917 and cross-entropy 0.0521", () => {
    const { params, history, standardizer } = train(digits.x, digits.y);
    expect(Math.abs(accuracy(digits.y, softmaxRegression.predict(params, applyStandardizer(standardizer, digits.x))) - 0.9917)).toBeLessThan(0.003);
    expect(history.loss[499]!).toBeCloseTo(0.0521, 3);
  });

  it("generalizes to a held-out quarter (standardizer fitted on the training part only)", () => {
    const { train: [xTrain, yTrain], test: [xTest, yTest] } = trainTestSplit(random.key(0), digits.x, digits.y, { testSize: 0.25 });
    const { params, standardizer } = train(xTrain!, yTrain!);
    const testAccuracy = accuracy(yTest!, softmaxRegression.predict(params, applyStandardizer(standardizer, xTest!)));
    expect(testAccuracy).toBeGreaterThan(0.95);
  });
});
