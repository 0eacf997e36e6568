/**
 * The models reject what they cannot compute honestly: operands that are not arrays, lists with
 * holes, cycles or ragged rows, non-finite metric inputs, labels outside int32, inconsistent
 * sample counts, out-of-range rows, and keys that are not keys. Each case also checks that the
 * valid neighbour of the bad input still gives the known answer, so the checks do not reject too much.
 */
import { describe, expect, it } from "vitest";
import { TesseraError } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import * as data from "../../models/data.js";
import * as init from "../../models/init.js";
import * as layers from "../../models/layers/dense.js";
import * as linear from "../../models/linear/linear-regression.js";
import * as softmax from "../../models/linear/softmax-regression.js";
import * as losses from "../../models/losses.js";
import * as metrics from "../../models/metrics.js";
import { svgChart, textChart } from "../../models/plot.js";

const key = random.key(0);
const cyclic: unknown[] = [1];
cyclic.push(cyclic);
/** Values JS code passes by mistake where an array is expected. */
const notArrays: readonly unknown[] = ["abc", null, undefined, {}, [[1, 2], [3, 4]], 1n, Symbol("s"), () => 1, new Date(0), new Map(), cyclic, new Float32Array(4)];

function expectTessera(run: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(TesseraError);
  expect((thrown as Error).message).toMatch(message);
}

describe("linearRegression.fit and ridgePath check their operands", () => {
  // y = 1 + 2 x exactly, so least squares recovers w = 2, b = 1.
  const x = np.array([[0], [1], [2], [3]], { dtype: "float64" });
  const y = np.array([1, 3, 5, 7], { dtype: "float64" });

  it("non-arrays are TesseraErrors naming the argument", () => {
    for (const bad of notArrays) {
      expectTessera(() => linear.fit(bad as never, y), /linearRegression.fit: x must be an array, got /);
      expectTessera(() => linear.fit(x, bad as never), /linearRegression.fit: y must be an array, got /);
      expectTessera(() => linear.ridgePath(bad as never, y, [0]), /linearRegression.ridgePath: x must be an array, got /);
      expectTessera(() => linear.ridgePath(x, bad as never, [0]), /linearRegression.ridgePath: y must be an array, got /);
    }
  });

  it("ranks, row counts and the lambdas are checked before solving; integers are lifted to float", () => {
    expectTessera(() => linear.fit(y, y), /x must be a 2-D array \[samples, features\], got f64\[4\]/);
    expectTessera(() => linear.fit(x, np.zeros([4, 1, 1])), /y must be a 1-D array \[samples\] or a 2-D array \[samples, targets\], got f32\[4,1,1\]/);
    expectTessera(() => linear.fit(x, np.zeros([3])), /x f64\[4,1\] has 4 samples but y f32\[3\] has 3/);
    expectTessera(() => linear.fit(np.zeros([0, 1]), np.zeros([0])), /needs at least one sample/);
    expectTessera(() => linear.ridgePath(x, y, [0, -1]), /linearRegression.ridgePath: lambdas\[1\] must be a non-negative finite number, got -1/);
    expectTessera(() => linear.ridgePath(x, y, "0.1" as never), /linearRegression.ridgePath: lambdas must be a list, got "0.1"/);
    expectTessera(() => linear.ridgePath(x, y, [0, , 1] as never), /linearRegression.ridgePath: lambdas has a hole at index 1/);
    // An empty path is empty, but only after x and y were checked.
    expect(linear.ridgePath(x, y, [])).toEqual([]);
    expectTessera(() => linear.ridgePath("x" as never, y, []), /linearRegression.ridgePath: x must be an array/);
    const fitted = linear.fit(np.array([[0], [1], [2], [3]], { dtype: "int32" }), np.array([1, 3, 5, 7], { dtype: "int32" }));
    expect(fitted.w.dtype).toBe("float32");
    expect(fitted.w.toArray()).toEqual([2]);
    expect(fitted.b.item()).toBeCloseTo(1, 5);
  });

  it("linearRegression.predict and the softmax model check params and the feature count", () => {
    const params = linear.fit(x, y);
    expect(linear.predict(params, np.array([[10]], { dtype: "float64" })).toArray()).toEqual([21]);
    expectTessera(() => linear.predict(params, np.zeros([2, 3])), /linearRegression.predict: x f32\[2,3\] must end with the 1 features of params.w f64\[1\]/);
    expectTessera(() => linear.predict({ w: params.w } as never, x), /params.b must be an array \(params is a LinearParams record \{w, b\}\), got undefined/);
    expectTessera(() => linear.loss(null as never, x, y), /linearRegression.loss: params must be a LinearParams record \{w, b\}, got null/);
    expectTessera(() => softmax.predict(softmax.init(3, 2), np.zeros([4, 2])), /softmaxRegression.predict: x f32\[4,2\] must end with the 3 features of params.w f32\[3,2\]/);
    expectTessera(() => softmax.init(2.5, 3), /softmaxRegression.init: features must be a non-negative integer, got 2.5/);
    expectTessera(() => linear.init(-1), /linearRegression.init: features must be a non-negative integer, got -1/);
  });
});

describe("metrics read their inputs strictly", () => {
  it("inputs of different lengths are an error, as sklearn's 'inconsistent numbers of samples'", () => {
    const labels = np.array([0, 1, 1, 0, 1, 0], { dtype: "int32" });
    expectTessera(() => metrics.accuracy(labels, [0, 1]), /accuracy: found inputs with inconsistent numbers of samples: yTrue has 6 entries but yPred has 2/);
    expectTessera(() => metrics.rocCurve(labels, [0, 1e300]), /rocCurve: found inputs with inconsistent numbers of samples/);
    expectTessera(() => metrics.auc([0, 1, 2], [0, 1]), /auc: found inputs with inconsistent numbers of samples: x has 3 entries but y has 2/);
    expectTessera(() => metrics.expectedCalibrationError([[0.5, 0.5]], [0, 1]), /probs has 1 rows but labels has 2 entries/);
  });

  it("labels are non-negative int32 integers; a huge label is an error, not a huge table", () => {
    const k = random.key(0);
    expectTessera(() => metrics.accuracy(k, [0, 1e300]), /accuracy: yPred must be class labels, non-negative integers up to 2\^31 - 1, got 1e\+300 at index 1/);
    expectTessera(() => metrics.accuracy(k, [2 ** 31, 2 ** 31]), /got 2147483648 at index 0/);
    expectTessera(() => metrics.accuracy([0, -1], [0, 0]), /yTrue must be class labels.*got -1 at index 1/);
    expectTessera(() => metrics.confusionMatrix([0, 1], [2 ** 31, 2 ** 31]), /confusionMatrix: yPred must be class labels/);
    expectTessera(() => metrics.precisionRecallF1PerClass([0, 1], [2 ** 31, 2 ** 31]), /precisionRecallF1PerClass: yPred must be class labels/);
    expectTessera(() => metrics.confusionMatrix([0, 1], [0, 2 ** 31 - 1]), /confusionMatrix: a confusion matrix for 2147483648 classes .* would be too large to build/);
    expectTessera(() => metrics.precisionRecallF1PerClass([0, 1], [0, 2 ** 30]), /the per-class scores for 1073741825 classes .* would be too large to build/);
    expectTessera(() => metrics.confusionMatrix([0], [0], { numClasses: 2 ** 20 }), /a confusion matrix for 1048576 classes/);
    // A sparse but affordable class range is still counted exactly.
    const per = metrics.precisionRecallF1PerClass([0, 1000], [0, 1000]);
    expect(per.support.length).toBe(1001);
    expect(per.recall[1000]).toBe(1);
    expect(per.support.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it("nested lists must be rectangular lists of finite numbers", () => {
    expectTessera(() => metrics.r2Score([1, , 3] as never, [1, 2, 3]), /r2Score: the nested list has a hole at \[1\]/);
    expectTessera(() => metrics.r2Score([[1, 2], [3]] as never, [[1, 2], [3, 4]]), /r2Score: ragged nested input/);
    expectTessera(() => metrics.r2Score(cyclic as never, [1, 2]), /r2Score: /);
    expectTessera(() => metrics.r2Score([1, NaN, 3], [1, 2, 3]), /r2Score: yTrue must hold finite numbers, got NaN at flat index 1 of shape \[3\]/);
    expectTessera(() => metrics.r2Score([1, 2, 3], np.array([1, Infinity, 3])), /yPred must hold finite numbers, got Infinity/);
    expectTessera(() => metrics.accuracy([true, false] as never, [1, 0]), /accuracy: yTrue must hold numbers, got true/);
    expectTessera(() => metrics.accuracy(["0", "1"] as never, [1, 0]), /accuracy: element at \[0\] is "0"; expected a number/);
    expectTessera(() => metrics.r2Score([1, 2], [[1, 2], [3, 4]]), /yTrue \[2\] and yPred \[2,2\] must have the same 1-D or 2-D shape/);
    expectTessera(() => metrics.accuracy("01" as never, [0, 1]), /accuracy: yTrue must be an array or a list of numbers, got "01"/);
    for (const bad of [null, undefined, {}, 1n, Symbol("s"), new Map(), new Float32Array(2)]) {
      expectTessera(() => metrics.auc(bad as never, [0, 1]), /auc: x must be an array or a list of numbers/);
    }
  });

  it("a 2-D list is the documented multi-output form of r2Score: the mean of the per-column scores", () => {
    // Column 0: truth [1, 3], prediction [1, 2]: SS_res 1, SS_tot 2, R² 1/2. Column 1: exact, R² 1.
    expect(metrics.r2Score([[1, 10], [3, 20]], [[1, 10], [2, 20]])).toBeCloseTo(0.75, 15);
    expect(metrics.r2Score(np.array([[1, 10], [3, 20]]), [[1, 10], [2, 20]])).toBeCloseTo(0.75, 7);
  });

  it("rocCurve needs binary labels unless positiveLabel says which one is positive; scores must be finite", () => {
    expectTessera(() => metrics.rocCurve([0, 1, 2], [0.1, 0.2, 0.3]), /rocCurve: yTrue takes the values \{0, 1, 2\}; without positiveLabel it must be binary labels in \{0, 1\} or \{-1, 1\}/);
    expectTessera(() => metrics.rocCurve([0, 0.5], [0.1, 0.2]), /rocCurve: yTrue must be integer class labels, got 0.5 at index 1/);
    expectTessera(() => metrics.rocCurve([0, 1], [0.1, Infinity]), /rocCurve: scores must hold finite numbers, got Infinity at flat index 1/);
    // With positiveLabel, class 2 is positive and the others negative (sklearn's pos_label=2).
    const curve = metrics.rocCurve([0, 1, 2], [0.1, 0.2, 0.3], { positiveLabel: 2 });
    expect(curve.tpr).toEqual([0, 1, 1, 1]);
    expect(curve.fpr).toEqual([0, 0, 0.5, 1]);
    expect(metrics.rocAucScore([-1, 1, -1, 1], [0.1, 0.9, 0.2, 0.8])).toBe(1);
  });

  it("expectedCalibrationError: labels name classes of probs, and every probability lies in [0, 1]", () => {
    expectTessera(() => metrics.expectedCalibrationError(np.zeros([2, 3]), [3, 2]), /label 3 at index 0 is not one of the 3 classes of probs \[2,3\]/);
    expectTessera(() => metrics.expectedCalibrationError([0.2, 0.9], [0, 2]), /label 2 at index 1 is not one of the 2 classes of probs \[2\] \(1-D probs are binary/);
    expectTessera(() => metrics.expectedCalibrationError([[0.9, -0.1]], [0]), /probabilities must lie in \[0, 1\], got -0.1 at flat index 1/);
    expectTessera(() => metrics.expectedCalibrationError(np.zeros([2, 3]), [0, 1e300]), /labels must be class labels/);
    // Binary: confidences 0.9 (right) and 0.8 (class 0 at p = 0.2, wrong): |1 - 0.9| / 2 + |0 - 0.8| / 2 = 0.45.
    expect(metrics.expectedCalibrationError([0.9, 0.2], [1, 1])).toBeCloseTo(0.45, 15);
  });

  it("traced arrays are rejected (metrics read values)", async () => {
    const { jit } = await import("../../transforms/jit/jit.js");
    const run = jit((p: ArrayValue) => np.array(metrics.accuracy([0, 1], p)));
    expectTessera(() => run(np.array([0, 1], { dtype: "int32" })), /accuracy: yPred i32\[2\] is traced; metrics read concrete values/);
  });
});

describe("charts take a real list of numbers", () => {
  it("non-lists, holes, cycles and nested lists are errors", () => {
    for (const chart of [textChart, svgChart]) {
      const name = chart === textChart ? "textChart" : "svgChart";
      for (const bad of [null, undefined, {}, "3", Symbol("s"), 3, new Float32Array(2)]) {
        expectTessera(() => chart(bad as never), new RegExp(`${name}: values must be a list of numbers or named series \\(such as .*\\), got `));
      }
      expectTessera(() => chart([2, , 3] as never), new RegExp(`${name}: values has a hole at index 1`));
      expectTessera(() => chart(cyclic as never), new RegExp(`${name}: values must be a list of numbers, got \\[1, \\[a cycle\\]\\] at index 1`));
      expectTessera(() => chart([[1, 2]] as never), /got \[1, 2\] at index 0/);
      expectTessera(() => chart([1, "2"] as never), /got "2" at index 1/);
      expectTessera(() => chart([1, -1], { log: true }), /a log chart needs non-negative values \(0 is left out\), got -1 at index 1/);
    }
  });

  it("non-finite values are skipped, and a range wider than the largest double is still drawn", () => {
    const svg = svgChart([-1e308, NaN, 1e308, Infinity]);
    const points = /points="([^"]*)"/.exec(svg)![1]!.split(" ");
    expect(points).toHaveLength(2);
    for (const point of points) expect(point).toMatch(/^\d+\.\d,\d+\.\d$/);
    // The lowest value sits on the x axis (y = top + plot height = 36 + 284), the highest at the top (36).
    expect(points[0]!.split(",")[1]).toBe("320.0");
    expect(points[1]!.split(",")[1]).toBe("36.0");
    const text = textChart([-1e308, 1e308], { width: 2, height: 2 }).split("\n");
    expect(text[0]!.endsWith(" •")).toBe(true);
    expect(text[1]!.endsWith("•│")).toBe(true);
    // On a log chart a loss of 0 is left out like NaN: two points remain, at 1e0 and 1e2.
    const logPoints = /points="([^"]*)"/.exec(svgChart([1, 0, 100], { log: true }))![1]!.split(" ");
    expect(logPoints.map((p) => p.split(",")[1])).toEqual(["320.0", "36.0"]);
    // A flat series of huge values still gets a range (lo + 1 rounds to lo there).
    expect(textChart([1e300, 1e300], { height: 2 })).toContain("•");
  });
});

describe("takeRows takes rows in range from arrays with the same row count", () => {
  const x = np.array([[1, 2], [3, 4], [5, 6]]);
  const y = np.array([10, 20, 30]);

  it("returns exactly the rows asked for, from an index array or a list", () => {
    const batch = data.takeRows({ x, y }, np.array([2, 0], { dtype: "int32" }));
    expect(batch.x.toArray()).toEqual([[5, 6], [1, 2]]);
    expect(batch.y.toArray()).toEqual([30, 10]);
    expect(data.takeRows(x, [1] as never).toArray()).toEqual([[3, 4]]);
  });

  it("out-of-range, negative and non-integer indices are errors; so are leafless data and unequal row counts", () => {
    expectTessera(() => data.takeRows(x, [2 ** 32] as never), /takeRows: row index 4294967296 at position 0 is out of range for 3 rows; indices must lie in \[0, 3\)/);
    expectTessera(() => data.takeRows(x, np.array([0, 3], { dtype: "int32" })), /row index 3 at position 1 is out of range for 3 rows/);
    expectTessera(() => data.takeRows(x, np.array([-1], { dtype: "int32" })), /row index -1 at position 0 is out of range/);
    expectTessera(() => data.takeRows(x, np.array([0])), /indices must be an integer array or a list of integers, got f32\[1\]/);
    expectTessera(() => data.takeRows(x, [0.5] as never), /indices must be integers, got 0.5 at position 0/);
    expectTessera(() => data.takeRows(x, [0, , 1] as never), /indices has a hole at position 1/);
    expectTessera(() => data.takeRows(x, "0" as never), /indices must be an array, got "0"/);
    for (const empty of [null, undefined, {}, []]) expectTessera(() => data.takeRows(empty, [0] as never), /takeRows: data must hold at least one array/);
    expectTessera(() => data.takeRows({ x, y: np.zeros([2]) }, [0] as never), /every leaf must have the same number of rows, got f32\[3,2\], f32\[2\]/);
  });
});

describe("functions that take a key check it is one", () => {
  const notKeys: readonly unknown[] = ["abc", null, undefined, {}, [0, 0], 1n, new Float32Array(2), np.zeros([2]), random.split(key, 3)];

  it("every initializer, zerosInit included, rejects a non-key first", () => {
    const inits = { zerosInit: init.zerosInit, glorotUniform: init.glorotUniform, heNormal: init.heNormal, lecunNormal: init.lecunNormal };
    for (const [name, initializer] of Object.entries(inits)) {
      for (const bad of notKeys) expectTessera(() => initializer(bad as never, [3, 2]), new RegExp(`^tessera\\.${name}: expected a (single )?key`));
      expect(initializer(key, [3, 2]).shape).toEqual([3, 2]);
    }
    expect(init.zerosInit(key, [2]).toArray()).toEqual([0, 0]);
    expectTessera(() => init.zerosInit(key, [-1]), /zerosInit: shape must be a list of non-negative integers/);
    expectTessera(() => init.varianceScaling(1, "fanIn", "normal")(key, [2, 2 ** 31]), /varianceScaling: shape \[2,2147483648\] is too large/);
  });

  it("splits, folds, minibatches, layers and fit name themselves", () => {
    const x = np.zeros([4, 2]);
    expectTessera(() => data.trainTestSplit(3 as never, x), /trainTestSplit: expected a key/);
    expectTessera(() => data.minibatches(null as never, 10, 3), /minibatches: expected a key/);
    expectTessera(() => data.kFold("k" as never, 10, 3), /kFold: expected a key/);
    expectTessera(() => layers.dense(2, 3).init(undefined as never), /dense: expected a key/);
    expectTessera(() => layers.mlp([2, 3], np.tanh).init(np.zeros([2]) as never), /mlp: expected a single key/);
    expect(data.kFold(4, 2).length).toBe(2);
  });
});

describe("the rest of models checks its operands", () => {
  it("dense.apply checks params and x", () => {
    const layer = layers.dense(2, 3);
    const params = layer.init(key);
    expectTessera(() => layer.apply(params, "x" as never), /dense: x must be an array, got "x"/);
    expectTessera(() => layer.apply({ w: np.zeros([3, 2]), b: np.zeros([3]) }, np.zeros([2])), /dense: params.w f32\[3,2\] must be \[2,3\] for this layer/);
    expectTessera(() => layer.apply({ w: params.w } as never, np.zeros([2])), /dense: params.b must be an array/);
    expect(layer.apply(params, np.zeros([2])).toArray()).toEqual([0, 0, 0]);
  });

  it("penalties reject undefined (a misspelled field) and keep 0 for an empty pytree", () => {
    expectTessera(() => losses.l2Penalty(undefined), /l2Penalty: params is undefined/);
    expectTessera(() => losses.l1Penalty(undefined), /l1Penalty: params is undefined/);
    expect(losses.l1Penalty({}).item()).toBe(0);
    expect(losses.l2Penalty({ w: np.array([1, -2]) }).item()).toBe(5);
    expectTessera(() => losses.meanSquaredError("a" as never, np.zeros([2])), /meanSquaredError: predictions and targets must be arrays, got "a" and an array float32\[2\]/);
  });

  it("applyStandardizer checks its record and x", () => {
    const fitted = data.fitStandardizer(np.array([[1, 2], [3, 6]]));
    expect(data.applyStandardizer(fitted, np.array([[1, 2]])).toArray()).toEqual([[-1, -1]]);
    expectTessera(() => data.applyStandardizer(null as never, np.zeros([1, 2])), /applyStandardizer: standardizer must be a Standardizer \(from fitStandardizer\) record \{mean, scale\}, got null/);
    expectTessera(() => data.applyStandardizer(fitted, [[1, 2]] as never), /applyStandardizer: x must be an array/);
  });

  it("parseCsv reads decimals only, and labels must fit their dtype", () => {
    expectTessera(() => data.parseCsv("a,b\n0x10,1\n"), /parseCsv: line 2, column 1: expected a number, got "0x10"/);
    expectTessera(() => data.parseCsv("a,b\n1_000,1\n"), /expected a number, got "1_000"/);
    expectTessera(() => data.parseCsv("a,b\n0b1,1\n"), /expected a number, got "0b1"/);
    expectTessera(() => data.parseCsv("a,b\n1,3000000000\n"), /label 3000000000 on data row 1 of column b does not fit labelDtype int32/);
    expectTessera(() => data.parseCsv("a,b\n1,-1\n", { labelDtype: "uint32" }), /label -1 .* does not fit labelDtype uint32/);
    const parsed = data.parseCsv("a,b\n-1.5e2,1\ninf,0\n.5,1\n-Infinity,0\nNaN,1\n");
    expect(Array.from(parsed.x.toTypedArray())).toEqual([-150, Infinity, 0.5, -Infinity, NaN]);
    expect(parsed.y.dtype).toBe("int32");
    expect(data.parseCsv("a,b\n1,3000000000\n", { labelDtype: "float64" }).y.toArray()).toEqual([3e9]);
  });
});
