/**
 * `npm run demo`: trains a small MLP on the digits data set from scratch and reports on it.
 * Everything is a pure function of explicit inputs: the data, a random key, the parameters
 * record, the loss, and an Adam optimizer; `fit` jits the training step and shows a progress bar.
 * Prints the test accuracy and confusion matrix, draws the loss curve in the terminal, and writes
 * loss.svg. (A tour of the array API is in examples/tour.ts.)
 */
import { writeFileSync } from "node:fs";
import { np, nn, random, type ArrayValue } from "../index.js";
import { applyStandardizer, fitStandardizer, trainTestSplit } from "../models/data.js";
import { fit } from "../models/fit.js";
import { mlp, type DenseParams } from "../models/layers/dense.js";
import { softmaxCrossEntropy } from "../models/losses.js";
import { accuracy, confusionMatrix } from "../models/metrics.js";
import { adam } from "../models/optim/index.js";
import { svgChart, textChart } from "../models/plot.js";
import { loadCsv, terminalReporter } from "../node/index.js";

const started = performance.now();
const [splitKey, initKey, shuffleKey] = [...random.split(random.key(0), 3)] as [random.Key, random.Key, random.Key];

// 1797 8x8 images; a quarter held out; features standardized with statistics of the training part.
const digits = loadCsv(new URL("data/digits.csv", import.meta.url).pathname);
const { train: [xTrain, yTrain], test: [xTest, yTest] } = trainTestSplit(splitKey, digits.x, digits.y, { testSize: 0.25 });
const standardizer = fitStandardizer(xTrain!);
const [train, test] = [
  { x: applyStandardizer(standardizer, xTrain!), y: yTrain! },
  { x: applyStandardizer(standardizer, xTest!), y: yTest! },
];
console.log(`digits: ${train.x.shape[0]} training and ${test.x.shape[0]} test images of ${train.x.shape[1]} pixels`);

// A 64-128-10 ReLU network as a params record and a pure loss.
const network = mlp([64, 128, 10], nn.relu);
const loss = (params: DenseParams[], batch: { x: ArrayValue; y: ArrayValue }) => softmaxCrossEntropy(network.apply(params, batch.x), batch.y);
const predict = (params: DenseParams[], x: ArrayValue) => np.argmax(network.apply(params, x), { axis: -1 });

const { params, history } = fit({
  loss,
  params: network.init(initKey),
  optimizer: adam({ learningRate: 1e-3 }),
  data: train,
  batchSize: 32,
  epochs: 40,
  key: shuffleKey,
  validate: (p) => accuracy(test.y, predict(p, test.x)),
  reporter: terminalReporter(),
});

const testAccuracy = accuracy(test.y, predict(params, test.x));
console.log(`\ntest accuracy ${(100 * testAccuracy).toFixed(2)}% after ${history.loss.length} steps (${history.validation.length} epochs)`);
console.log("\nconfusion matrix (rows: true digit, columns: predicted)");
const matrix = confusionMatrix(test.y, predict(params, test.x), { numClasses: 10 });
console.log(`     ${Array.from({ length: 10 }, (_, d) => String(d).padStart(4)).join("")}`);
matrix.forEach((row, d) => console.log(`${String(d).padStart(4)} ${row.map((n) => String(n).padStart(4)).join("")}`));

// Two series on one chart: the loss of every step, and the test error of every epoch (spread over
// the same steps, so each epoch's error sits at the end of its steps).
const curves = { "training loss": history.loss, "test error": history.validation.map((a) => 1 - a) };
console.log(`\n${textChart(curves, { title: "training loss and test error (log scale)", log: true, width: 64, height: 10 })}`);
writeFileSync("loss.svg", svgChart(curves, { title: "digits MLP: training loss per step, test error per epoch (log scale)", log: true }));
console.log(`\nwrote loss.svg; ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
