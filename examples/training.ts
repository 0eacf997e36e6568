/**
 * The training toolkit on real data: `npx tsx examples/training.ts`.
 *
 * 1. Linear regression on diabetes: the normal equations against gradient descent with `fit`,
 *    and a ridge path whose coefficients shrink as λ grows.
 * 2. Softmax regression on digits with 5-fold cross-validation, a step-decay learning-rate
 *    schedule, and a per-class precision / recall / F1 table.
 * 3. A checkpoint of the trained parameters and optimizer state, saved as JSON and as binary,
 *    loaded back against a template, and a corrupted file rejected with a readable error.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/Either";
// What `import ... from "tessera"` gives under Node (fit reports to the terminal), and "tessera/node".
import { checkpoints, models, np, optim, random } from "../node/main.js";
import { loadCheckpointSync, loadCsv, saveCheckpointSync } from "../node/index.js";

const here = (file: string) => new URL(file, import.meta.url).pathname;
const line = (title: string) => console.log(`\n== ${title} ==`);

line("1. Linear regression on diabetes (442 patients, 10 features)");
const diabetes = loadCsv(here("data/diabetes.csv"), { dtype: "float64", labelDtype: "float64" });
const exact = models.linearRegression.fit(diabetes.x, diabetes.y);
console.log(`normal equations: train R^2 ${models.r2Score(diabetes.y, models.linearRegression.predict(exact, diabetes.x)).toFixed(6)}, intercept ${Number(exact.b.item()).toFixed(4)}`);
const standardized = models.applyStandardizer(models.fitStandardizer(diabetes.x), diabetes.x);
const descended = models.fit({
  loss: (p, batch: { x: typeof standardized; y: typeof diabetes.y }) => models.linearRegression.loss(p, batch.x, batch.y),
  params: models.linearRegression.init(10, "float64"),
  optimizer: optim.sgd({ learningRate: 0.05, momentum: 0.9 }),
  data: { x: standardized, y: diabetes.y },
  steps: 1500,
});
console.log(`gradient descent (standardized, 1500 steps): train R^2 ${models.r2Score(diabetes.y, models.linearRegression.predict(descended.params, standardized)).toFixed(6)}, intercept ${Number(descended.params.b.item()).toFixed(4)}`);
console.log("ridge path: lambda -> |w|");
for (const [lambda, p] of [0, 0.01, 0.1, 1, 10].map((l) => [l, models.linearRegression.fit(diabetes.x, diabetes.y, { ridge: l })] as const)) {
  console.log(`  ${String(lambda).padStart(5)} -> ${Number(np.linalg.norm(p.w).item()).toFixed(1)}`);
}

line("2. Softmax regression on digits, 5-fold cross-validation");
const digits = loadCsv(here("data/digits.csv"));
// eta0 for 150 steps, eta0/10 until 300, eta0/100 after: a step-decay schedule on the traced step count.
const schedule = optim.piecewiseConstant({ boundaries: [150, 300], values: [0.5, 0.05, 0.005] });
const foldAccuracies: number[] = [];
let last: { params: models.softmaxRegression.SoftmaxParams; state: unknown; yTrue: ReturnType<typeof np.take>; yPred: ReturnType<typeof np.take> } | undefined;
for (const fold of models.kFold(random.key(7), digits.x.shape[0]!, 5)) {
  const data = { x: digits.x, y: digits.y };
  const [train, validation] = [models.takeRows(data, fold.train), models.takeRows(data, fold.validation)];
  const standardizer = models.fitStandardizer(train.x);
  const result = models.fit({
    loss: (p, batch: { x: typeof train.x; y: typeof train.y }) => models.softmaxRegression.loss(p, batch.x, batch.y),
    params: models.softmaxRegression.init(64, 10),
    optimizer: optim.sgd({ learningRate: schedule }),
    data: { x: models.applyStandardizer(standardizer, train.x), y: train.y },
    steps: 400,
  });
  const predicted = models.softmaxRegression.predict(result.params, models.applyStandardizer(standardizer, validation.x));
  foldAccuracies.push(models.accuracy(validation.y, predicted));
  last = { params: result.params, state: result.state, yTrue: validation.y, yPred: predicted };
}
const mean = foldAccuracies.reduce((a, b) => a + b, 0) / foldAccuracies.length;
console.log(`validation accuracy per fold: ${foldAccuracies.map((a) => a.toFixed(4)).join(" ")}; mean ${mean.toFixed(4)}`);
const scores = models.precisionRecallF1PerClass(last!.yTrue, last!.yPred, { numClasses: 10 });
console.log("last fold, per digit:  precision  recall    f1  support");
scores.precision.forEach((p, d) => {
  console.log(`  ${d}                   ${p.toFixed(3)}   ${scores.recall[d]!.toFixed(3)}  ${scores.f1[d]!.toFixed(3)}  ${String(scores.support[d]).padStart(6)}`);
});

line("3. Checkpoints");
const folder = mkdtempSync(join(tmpdir(), "tessera-"));
const trained = { params: last!.params, optimizer: last!.state };
for (const format of ["json", "binary"] as const) {
  const path = join(folder, `softmax.${format === "json" ? "json" : "bin"}`);
  const saved = saveCheckpointSync(path, trained, { format });
  const loaded = loadCheckpointSync(path, { params: models.softmaxRegression.init(64, 10), optimizer: last!.state });
  const same = E.isRight(loaded) && E.isRight(saved) && np.arrayEqual(loaded.right.params.w, trained.params.w);
  console.log(`${format}: saved to ${path}, loaded back against a template, weights identical: ${same}`);
}
// A checkpoint of another model (32 features) loaded where this one is expected.
saveCheckpointSync(join(folder, "other.bin"), { params: models.softmaxRegression.init(32, 10) }, { format: "binary" });
const rejected = loadCheckpointSync(join(folder, "other.bin"), { params: models.softmaxRegression.init(64, 10) });
console.log(`another model's checkpoint is a Left with a path, not an exception:\n  ${E.isLeft(rejected) ? checkpoints.formatErrors(rejected.left).split("\n").join("\n  ") : "(unexpectedly accepted)"}`);
writeFileSync(join(folder, "truncated.bin"), new Uint8Array(40));
const truncated = loadCheckpointSync(join(folder, "truncated.bin"));
console.log(`and so is a damaged file:\n  ${E.isLeft(truncated) ? checkpoints.formatErrors(truncated.left) : "(unexpectedly accepted)"}`);
