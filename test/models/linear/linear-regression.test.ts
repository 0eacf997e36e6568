import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import { applyStandardizer, fitStandardizer } from "../../../models/data.js";
import { loadCsv } from "../../../node/csv.js";
import { fit } from "../../../models/fit.js";
import * as linearRegression from "../../../models/linear/linear-regression.js";
import { r2Score } from "../../../models/metrics.js";
import { sgd } from "../../../models/optim/index.js";

// examples/data/diabetes.csv: 442 rows, 10 centred and scaled features, target in the last column.
const diabetes = loadCsv("examples/data/diabetes.csv", { dtype: "float64", labelDtype: "float64" });
const { x, y } = diabetes;

describe("linear regression on diabetes", () => {
  it("the normal equations give the reference fit: train R^2 0.517748, intercept 152.1335", () => {
    const params = linearRegression.fit(x, y);
    expect(r2Score(y, linearRegression.predict(params, x))).toBeCloseTo(0.517748, 6);
    expect(Number(params.b.item())).toBeCloseTo(152.1335, 4);
  });

  it("gradient descent with fit on standardized features reaches the same R^2 (within 0.001) and intercept", () => {
    // Standardizing makes the problem well conditioned enough for plain momentum descent; with
    // zero-mean features the intercept is mean(y), the same as in the original coordinates.
    const z = applyStandardizer(fitStandardizer(x), x);
    const { params } = fit({ loss: (p, batch: { z: typeof z; y: typeof y }) => linearRegression.loss(p, batch.z, batch.y), params: linearRegression.init(10, "float64"), optimizer: sgd({ learningRate: 0.05, momentum: 0.9 }), data: { z, y }, steps: 1500 });
    expect(Math.abs(r2Score(y, linearRegression.predict(params, z)) - 0.517748)).toBeLessThan(1e-3);
    expect(Number(params.b.item())).toBeCloseTo(152.1335, 3);
  });

  it("ridge coefficients shrink monotonically toward zero along the lambda path, the intercept stays the mean", () => {
    const path = linearRegression.ridgePath(x, y, [0, 0.01, 0.1, 1, 10, 100]);
    const norms = path.map((p) => Number(np.linalg.norm(p.w).item()));
    norms.slice(1).forEach((norm, i) => expect(norm).toBeLessThan(norms[i]!));
    expect(norms[5]! / norms[0]!).toBeLessThan(0.02);
    // Centred features: the intercept is mean(y) whatever lambda.
    path.forEach((p) => expect(Number(p.b.item())).toBeCloseTo(Number(np.mean(y).item()), 8));
  });

  it("rejects mismatched shapes", () => {
    expect(() => linearRegression.fit(x, np.zeros([3]))).toThrow(/linearRegression.fit: x f64\[442,10\] has 442 samples but y f32\[3\] has 3/);
    expect(() => linearRegression.fit(x, y, { ridge: -1 })).toThrow(/non-negative/);
  });
});
