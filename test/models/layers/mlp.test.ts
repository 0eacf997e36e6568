import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as nn from "../../../core/nn.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { fit } from "../../../models/fit.js";
import { mlp, type DenseParams } from "../../../models/layers/dense.js";
import { binaryCrossEntropy, softmaxCrossEntropy } from "../../../models/losses.js";
import { accuracy } from "../../../models/metrics.js";
import { applyStandardizer, fitStandardizer, trainTestSplit } from "../../../models/data.js";
import { loadCsv } from "../../../node/csv.js";
import { adam } from "../../../models/optim/index.js";

const xor = { x: np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), y: np.array([0, 1, 1, 0]) };
const net = mlp([2, 2, 1], nn.relu);
const predictLabels = (params: DenseParams[]) => Array.from(np.greater(np.reshape(net.apply(params, xor.x), [4]), 0.5).toTypedArray(), Number);

describe("an MLP on XOR", () => {
  it("hand-set weights classify XOR: h1 = relu(a + b), h2 = relu(a + b - 1), out = h1 - 2 h2", () => {
    const params: DenseParams[] = [
      { w: np.array([[1, 1], [1, 1]]), b: np.array([0, -1]) },
      { w: np.array([[1], [-2]]), b: np.array([0]) },
    ];
    expect(Array.from(np.reshape(net.apply(params, xor.x), [4]).toTypedArray())).toEqual([0, 1, 1, 0]);
    expect(predictLabels(params)).toEqual([0, 1, 1, 0]);
  });

  it("training from a random init with Adam gets all four right", () => {
    const wide = mlp([2, 8, 1], np.tanh);
    const loss = (p: DenseParams[], batch: typeof xor) => binaryCrossEntropy(np.reshape(wide.apply(p, batch.x), [4]), batch.y);
    const { params, history } = fit({ loss, params: wide.init(random.key(3)), optimizer: adam({ learningRate: 0.05 }), data: xor, steps: 300 });
    const predicted = Array.from(np.greater(np.reshape(wide.apply(params, xor.x), [4]), 0).toTypedArray(), Number);
    expect(predicted).toEqual([0, 1, 1, 0]);
    expect(history.loss[299]!).toBeLessThan(0.05);
  });
});

describe("an MLP on digits", () => {
  it("reaches at least 97% held-out accuracy with Adam (the README demo's recipe)", () => {
    const digits = loadCsv("examples/data/digits.csv");
    const [splitKey, initKey, shuffleKey] = [...random.split(random.key(0), 3)] as [random.Key, random.Key, random.Key];
    const { train: [xTrain, yTrain], test: [xTest, yTest] } = trainTestSplit(splitKey, digits.x, digits.y, { testSize: 0.25 });
    const standardizer = fitStandardizer(xTrain!);
    const network = mlp([64, 128, 10], nn.relu);
    const { params } = fit({
      loss: (p: DenseParams[], batch: { x: ArrayValue; y: ArrayValue }) => softmaxCrossEntropy(network.apply(p, batch.x), batch.y),
      params: network.init(initKey),
      optimizer: adam({ learningRate: 1e-3 }),
      data: { x: applyStandardizer(standardizer, xTrain!), y: yTrain! },
      batchSize: 32,
      epochs: 40,
      key: shuffleKey,
    });
    const predicted = np.argmax(network.apply(params, applyStandardizer(standardizer, xTest!)), { axis: -1 });
    expect(accuracy(yTest!, predicted)).toBeGreaterThanOrEqual(0.97);
  });
});
