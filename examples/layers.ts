/**
 * Networks built from `models.layers` and trained by `fit`:
 *
 * 1. a small conv net with batch norm and dropout on the digits (8x8 images): batch norm's
 *    running statistics are the model state that `fit` threads through the jitted steps, dropout
 *    draws from the step's key, and the evaluation runs in inference mode with the statistics;
 * 2. a 2-layer transformer encoder that sorts sequences of 8 digits (token embedding, learned
 *    positions, pre-norm blocks of multi-head self-attention and an MLP).
 *
 * Prints the test accuracies and both training curves, and writes layers.svg.
 * Run: npx tsx examples/layers.ts
 */
import { writeFileSync } from "node:fs";
import { models, nn, np, optim, random, type ArrayValue } from "../index.js";
import { loadCsv } from "../node/index.js";

const { batchNorm, conv2d, dense, dropout, embedding, flatten, layerNorm, learnedPositions, maxPool, multiHeadAttention } = models.layers;

// ---------------------------------------------------------------------------------------------
// 1. digits: conv, batch norm, relu, pool, dropout

const digits = loadCsv(new URL("data/digits.csv", import.meta.url).pathname);
const images = digits.x.div(16).reshape([-1, 8, 8, 1]); // pixels 0..16 to [0, 1], NHWC
const { train: [xTrain, yTrain], test: [xTest, yTest] } = models.trainTestSplit(random.key(0), images, digits.y, { testSize: 0.25 });
const train = { x: xTrain!, y: yTrain! };

const convNet = models.sequential(
  conv2d(1, 32, 3), // [n, 8, 8, 32] ("SAME" padding)
  batchNorm(32),
  nn.relu,
  conv2d(32, 64, 3), // [n, 8, 8, 64]
  batchNorm(64),
  nn.relu,
  maxPool([2, 2], { strides: 2 }), // [n, 4, 4, 64]
  flatten, // [n, 1024]
  dropout(0.3),
  dense(1024, 10),
);
type ConvParams = ReturnType<typeof convNet.init>;
type ConvState = ReturnType<typeof convNet.initState>;

/** Predicted digits in inference mode: batch norm uses the running statistics, dropout keeps everything. */
const predictDigits = (params: ConvParams, state: ConvState, x: ArrayValue) => np.argmax(convNet.apply(params, x, { state })[0], { axis: -1 });

const convStarted = performance.now();
const conv = models.fit({
  loss: (params, batch: typeof train, { key, state }) => {
    const [logits, next] = convNet.apply(params, batch.x, { state, train: true, key });
    return [models.softmaxCrossEntropy(logits, batch.y), { state: next }];
  },
  params: convNet.init(random.key(1)),
  modelState: convNet.initState(),
  optimizer: optim.adam({ learningRate: 2e-3 }),
  data: train,
  batchSize: 64,
  epochs: 15,
  key: random.key(2),
  validate: (params, state) => models.accuracy(yTest!, predictDigits(params, state, xTest!)),
  reporter: models.silentReporter,
});
const digitsAccuracy = models.accuracy(yTest!, predictDigits(conv.params, conv.modelState, xTest!));
console.log(`digits conv net: test accuracy ${(100 * digitsAccuracy).toFixed(2)}% after ${conv.history.loss.length} steps (${((performance.now() - convStarted) / 1000).toFixed(1)} s)`);
console.log(`  accuracy per epoch: ${conv.history.validation.map((a) => (100 * a).toFixed(1)).join(" ")}`);

// ---------------------------------------------------------------------------------------------
// 2. sorting digit strings with a 2-layer transformer encoder

const LENGTH = 8;
const VOCAB = 10;
const D_MODEL = 64;

/** Sequences of LENGTH random digits and the same digits sorted. */
function sortingData(key: random.Key, count: number): { x: ArrayValue; y: ArrayValue } {
  const x = random.randint(key, [count, LENGTH], 0, VOCAB);
  return { x, y: np.sort(x, { axis: 1 }) };
}

/** A pre-norm encoder block: x + attention(norm(x)), then x + mlp(norm(x)). */
const encoderBlock = () =>
  models.sequential(
    models.residual(models.sequential(layerNorm(D_MODEL), multiHeadAttention(4, D_MODEL))),
    models.residual(models.sequential(layerNorm(D_MODEL), dense(D_MODEL, 4 * D_MODEL), nn.gelu, dense(4 * D_MODEL, D_MODEL))),
  );

const sorter = models.sequential(
  embedding(VOCAB, D_MODEL), // int32 [n, 8] -> [n, 8, 64]
  learnedPositions(LENGTH, D_MODEL),
  encoderBlock(),
  encoderBlock(),
  layerNorm(D_MODEL),
  dense(D_MODEL, VOCAB), // a class per position: the digit that belongs there
);
type SorterParams = ReturnType<typeof sorter.init>;

const sortTrain = sortingData(random.key(3), 16384);
const sortTest = sortingData(random.key(4), 1000);
const sortPredict = (params: SorterParams, x: ArrayValue) => np.argmax(sorter.apply(params, x), { axis: -1 });
const exactMatch = (params: SorterParams) => np.mean(np.all(sortPredict(params, sortTest.x).eq(sortTest.y), { axis: 1 }).astype("float32")).item() as number;

const sortStarted = performance.now();
const sorting = models.fit({
  loss: (params, batch: typeof sortTrain) => models.softmaxCrossEntropy(sorter.apply(params, batch.x), batch.y),
  params: sorter.init(random.key(5)),
  optimizer: optim.adam({ learningRate: 3e-3 }),
  data: sortTrain,
  batchSize: 64,
  steps: 600,
  key: random.key(6),
  reporter: models.silentReporter,
});
const tokenAccuracy = np.mean(sortPredict(sorting.params, sortTest.x).eq(sortTest.y).astype("float32")).item() as number;
console.log(
  `sorting transformer: ${(100 * exactMatch(sorting.params)).toFixed(1)}% of test sequences sorted exactly, ${(100 * tokenAccuracy).toFixed(2)}% of digits in place, after ${sorting.history.loss.length} steps (${((performance.now() - sortStarted) / 1000).toFixed(1)} s)`,
);
const example = sortTest.x.slice("0:3");
const sortedByModel = sortPredict(sorting.params, example);
for (let i = 0; i < 3; i++) console.log(`  ${(example.toArray() as number[][])[i]!.join("")} -> ${(sortedByModel.toArray() as number[][])[i]!.join("")}`);

// ---------------------------------------------------------------------------------------------
// the training curves

const curves = { "digits conv net": conv.history.loss, "sorting transformer": sorting.history.loss };
console.log(`\n${models.textChart(curves, { title: "training loss per step (log scale)", log: true, width: 64, height: 10 })}`);
writeFileSync("layers.svg", models.svgChart(curves, { title: "models.layers under fit: training loss per step (log scale)", log: true }));
console.log("wrote layers.svg");
