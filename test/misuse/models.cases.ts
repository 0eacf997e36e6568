/**
 * Misuse rows for the models: operands that are not arrays (linearRegression.fit, ridgePath), metric
 * inputs of different lengths, huge or non-integer labels, ragged or non-finite lists, charts of
 * things that are not lists of numbers, out-of-range rows in takeRows, keys that are not keys,
 * and bad trees inside optimizer updates and fit.
 */
import { models, np, optim, random } from "../../index.js";
import { misuse, type MisuseCase } from "./case.js";

const x = np.array([[1, 2], [3, 4], [5, 7], [2, 1]]);
const y = np.array([1, 2, 3, 5]);
const labels = np.array([0, 1, 1, 0, 1, 0], { dtype: "int32" });
const key = random.key(0);
const cyclic: unknown[] = [1];
cyclic.push(cyclic);
const params = { w: np.ones([2]), b: np.zeros([]) };
const adam = optim.adam({ learningRate: 0.1 });
const adamState = adam.init(params);

export const modelsCases: readonly MisuseCase[] = [
  // 1. least squares: operands, ranks, row counts
  misuse("models.linearRegression.fit('abc', y)", () => models.linearRegression.fit("abc" as never, y), 'tessera.linearRegression.fit: x must be an array, got "abc"'),
  misuse("models.linearRegression.fit(x, null)", () => models.linearRegression.fit(x, null as never), "tessera.linearRegression.fit: y must be an array, got null"),
  misuse("models.linearRegression.fit([[1, 2], [3, 4]], y)", () => models.linearRegression.fit([[1, 2], [3, 4]] as never, y), "tessera.linearRegression.fit: x must be an array, got [[1, 2], [3, 4]]"),
  misuse("models.linearRegression.fit(x, new Float32Array(4))", () => models.linearRegression.fit(x, new Float32Array(4) as never), "tessera.linearRegression.fit: y must be an array, got a Float32Array"),
  misuse("models.linearRegression.fit(y, y)", () => models.linearRegression.fit(y, y), "tessera.linearRegression.fit: x must be a 2-D array [samples, features], got f32[4]"),
  misuse("models.linearRegression.fit(x, np.zeros([3]))", () => models.linearRegression.fit(x, np.zeros([3])), "tessera.linearRegression.fit: x f32[4,2] has 4 samples but y f32[3] has 3"),
  misuse("models.linearRegression.ridgePath(1n, y, [0.1])", () => models.linearRegression.ridgePath(1n as never, y, [0.1]), "tessera.linearRegression.ridgePath: x must be an array, got 1n"),
  misuse("models.linearRegression.ridgePath(x, Symbol(), [0.1])", () => models.linearRegression.ridgePath(x, Symbol() as never, [0.1]), "tessera.linearRegression.ridgePath: y must be an array, got Symbol()"),
  misuse("models.linearRegression.ridgePath(x, y, [0.1, -1])", () => models.linearRegression.ridgePath(x, y, [0.1, -1]), "tessera.linearRegression.ridgePath: lambdas[1] must be a non-negative finite number, got -1"),
  // 2. metrics: lengths, labels, lists, class tables
  misuse("models.accuracy(labels, [0, 1])", () => models.accuracy(labels, [0, 1]), "tessera.accuracy: found inputs with inconsistent numbers of samples: yTrue has 6 entries but yPred has 2"),
  misuse("models.accuracy(key, [0, 1e300])", () => models.accuracy(key, [0, 1e300]), "tessera.accuracy: yPred must be class labels, non-negative integers up to 2^31 - 1, got 1e+300 at index 1"),
  misuse("models.confusionMatrix([0, 1], [2**31, 2**31])", () => models.confusionMatrix([0, 1], [2 ** 31, 2 ** 31]), "tessera.confusionMatrix: yPred must be class labels", "got 2147483648 at index 0"),
  misuse("models.precisionRecallF1PerClass([0, 1], [2**31, 2**31])", () => models.precisionRecallF1PerClass([0, 1], [2 ** 31, 2 ** 31]), "tessera.precisionRecallF1PerClass: yPred must be class labels"),
  misuse("models.confusionMatrix([0, 1], [0, 2**31 - 1])", () => models.confusionMatrix([0, 1], [0, 2 ** 31 - 1]), "tessera.confusionMatrix: a confusion matrix for 2147483648 classes", "would be too large to build"),
  misuse("models.rocCurve(labels, [0, 1e300])", () => models.rocCurve(labels, [0, 1e300]), "tessera.rocCurve: found inputs with inconsistent numbers of samples: yTrue has 6 entries but scores has 2"),
  misuse("models.rocCurve([0, 1, 2], scores)", () => models.rocCurve([0, 1, 2], [0.1, 0.2, 0.3]), "tessera.rocCurve: yTrue takes the values {0, 1, 2}", "or pass positiveLabel"),
  misuse("models.rocAucScore([0, 1], [0.5, NaN])", () => models.rocAucScore([0, 1], [0.5, NaN]), "tessera.rocCurve: scores must hold finite numbers, got NaN at flat index 1"),
  misuse("models.r2Score([1, , 3], [1, 2, 3])", () => models.r2Score([1, , 3] as never, [1, 2, 3]), "tessera.r2Score: the nested list has a hole at [1]"),
  misuse("models.r2Score([[1, 2], [3]], ...)", () => models.r2Score([[1, 2], [3]] as never, [[1, 2], [3, 4]]), "tessera.r2Score: ragged nested input"),
  misuse("models.r2Score([1, 2], [[1, 2], [3, 4]])", () => models.r2Score([1, 2], [[1, 2], [3, 4]]), "tessera.r2Score: yTrue [2] and yPred [2,2] must have the same 1-D or 2-D shape"),
  misuse("models.auc([0, 1], [0, Infinity])", () => models.auc([0, 1], [0, Infinity]), "tessera.auc: y must hold finite numbers, got Infinity"),
  misuse("models.expectedCalibrationError(np.zeros([2, 3]), [3, 2])", () => models.expectedCalibrationError(np.zeros([2, 3]), [3, 2]), "tessera.expectedCalibrationError: label 3 at index 0 is not one of the 3 classes of probs [2,3]"),
  misuse("models.expectedCalibrationError(probs, [0, 1e300])", () => models.expectedCalibrationError(np.zeros([2, 3]), [0, 1e300]), "tessera.expectedCalibrationError: labels must be class labels", "got 1e+300"),
  // 3. charts
  misuse("models.textChart(null)", () => models.textChart(null as never), "tessera.textChart: values must be a list of numbers or named series (such as { train: [...], validation: [...] }), got null"),
  misuse("models.svgChart('3')", () => models.svgChart("3" as never), 'tessera.svgChart: values must be a list of numbers or named series (such as { train: [...], validation: [...] }), got "3"'),
  misuse("models.textChart([2, , 3])", () => models.textChart([2, , 3] as never), "tessera.textChart: values has a hole at index 1"),
  misuse("models.svgChart(cyclic)", () => models.svgChart(cyclic as never), "tessera.svgChart: values must be a list of numbers, got [1, [a cycle]] at index 1"),
  misuse("models.textChart([1, -1], {log: true})", () => models.textChart([1, -1], { log: true }), "tessera.textChart: a log chart needs non-negative values (0 is left out), got -1 at index 1"),
  // 4. takeRows
  misuse("models.takeRows(x, [2**32])", () => models.takeRows(x, [2 ** 32] as never), "tessera.takeRows: row index 4294967296 at position 0 is out of range for 4 rows; indices must lie in [0, 4)"),
  misuse("models.takeRows(x, int32 [-1])", () => models.takeRows(x, np.array([-1], { dtype: "int32" })), "tessera.takeRows: row index -1 at position 0 is out of range for 4 rows"),
  misuse("models.takeRows(null, [0])", () => models.takeRows(null, [0] as never), "tessera.takeRows: data must hold at least one array, got null"),
  misuse("models.takeRows({x, y: np.zeros([3])}, [0])", () => models.takeRows({ x, y: np.zeros([3]) }, [0] as never), "tessera.takeRows: every leaf must have the same number of rows, got f32[4,2], f32[3]"),
  // 5. keys
  misuse("models.zerosInit('abc', [3, 2])", () => models.zerosInit("abc" as never, [3, 2]), 'tessera.zerosInit: expected a key (a uint32 array of shape [2] from random.key), got "abc"'),
  misuse("models.glorotUniform(np.zeros([2]), [3, 2])", () => models.glorotUniform(np.zeros([2]) as never, [3, 2]), "tessera.glorotUniform: expected a single key, a uint32 array of shape [2]", "got f32[2]"),
  misuse("models.heNormal(random.split(key, 3), [3, 2])", () => models.heNormal(random.split(key, 3), [3, 2]), "tessera.heNormal: expected a single key", "for a batch of keys, map over them (vmap)"),
  misuse("models.minibatches(null, 10, 3)", () => models.minibatches(null as never, 10, 3), "tessera.minibatches: expected a key", "got null"),
  // the rest of models
  misuse("models.layers.dense(2, 3).apply(params, 'x')", () => models.layers.dense(2, 3).apply(models.layers.dense(2, 3).init(key), "x" as never), 'tessera.dense: x must be an array, got "x"'),
  misuse("models.layers.multiHeadAttention(2, 4).apply(params, 'x')", () => { const a = models.layers.multiHeadAttention(2, 4); return a.apply(a.init(key), "x" as never); }, 'tessera.multiHeadAttention: input must be an array [batch?, length, features] or a record { query, keyValue?, mask?, paddingMask? }, got "x"'),
  misuse("attention.decode(params, x, { key, value })", () => { const a = models.layers.multiHeadAttention(2, 4); const { index: _, ...cache } = a.initCache(1, 3); return a.decode(a.init(key), np.ones([1, 1, 4]), cache as never); }, "tessera.multiHeadAttention decode: cache.index must be an array (cache is a AttentionCache record {key, value, index}), got undefined"),
  misuse("models.layers.learnedPositions(4, 2).apply(params, { input: x, offset: 0.5 })", () => { const l = models.layers.learnedPositions(4, 2); return l.apply(l.init(key), { input: np.ones([3, 2]), offset: 0.5 }); }, "tessera.learnedPositions: offset must be a non-negative integer or an integer scalar array, got 0.5"),
  misuse("models.l2Penalty(params.wieghts)", () => models.l2Penalty(undefined), "tessera.l2Penalty: params is undefined"),
  misuse("models.linearRegression.predict({w: f32[3], b}, x)", () => models.linearRegression.predict({ w: np.zeros([3]), b: np.zeros([]) }, x), "tessera.linearRegression.predict: x f32[4,2] must end with the 3 features of params.w f32[3]"),
  misuse("models.parseCsv('a,b\\n0x10,1')", () => models.parseCsv("a,b\n0x10,1\n"), 'tessera.parseCsv: line 2, column 1: expected a number, got "0x10"'),
  misuse("models.parseCsv('a,b\\n1,3000000000')", () => models.parseCsv("a,b\n1,3000000000\n"), "tessera.parseCsv: label 3000000000 on data row 1 of column b does not fit labelDtype int32"),
  misuse("models.fit({..., data: np.zeros([0, 2])})", () => models.fit({ loss: (p: typeof y) => np.sum(p), params: y, optimizer: optim.sgd({ learningRate: 0.1 }), data: np.zeros([0, 2]), epochs: 1 } as never), "tessera.fit: `data` has no examples"),
  // label ranges of the losses (concrete labels; traced ones give NaN or enter the formula, as optax)
  misuse("models.softmaxCrossEntropy(logits, [0, 5])", () => models.softmaxCrossEntropy(np.array([[1, 2, 3], [1, 2, 3]]), np.array([0, 5], { dtype: "int32" })), "tessera.softmaxCrossEntropy: labels must be class indices in [0, 3), got 5 at index [1] of labels i32[2]"),
  misuse("models.softmaxCrossEntropy(logits, [-1, 0])", () => models.softmaxCrossEntropy(np.array([[1, 2, 3], [1, 2, 3]]), np.array([-1, 0], { dtype: "int32" })), "labels must be class indices in [0, 3), got -1 at index [0]"),
  misuse("models.hinge(scores, labels01)", () => models.hinge(np.array([0.5, -1]), np.array([1, 0])), "tessera.hinge: labels must be -1 or +1 (for labels in {0, 1} pass 2 * y - 1), got 0 at index [1] of labels f32[2]"),
  misuse("models.logisticLoss(scores, labels01)", () => models.logisticLoss(np.array([0.5]), np.array([0])), "tessera.logisticLoss: labels must be -1 or +1"),
  misuse("models.perceptronLoss(scores, labels01)", () => models.perceptronLoss(np.array([0.5]), np.array([2])), "tessera.perceptronLoss: labels must be -1 or +1", "got 2 at index [0]"),
  misuse("models.binaryCrossEntropy(logits, [1, 2])", () => models.binaryCrossEntropy(np.array([0.5, 1]), np.array([1, 2])), "tessera.binaryCrossEntropy: targets must be in [0, 1], got 2 at index [1] of targets f32[2]"),
  // 6. optimizers and fit: a bad tree deep inside is reported by the function the user called
  misuse("adam.update(grads missing b, state, params)", () => adam.update({ w: np.ones([2]) } as never, adamState, params), "tessera.update: structures differ at the root: an object with keys [w] in grads, an object with keys [b, w] in the scaleByAdam state's mu"),
  misuse("adam.update('x', state, params)", () => adam.update("x" as never, adamState, params), 'tessera.update: grads holds a string ("x")'),
  misuse("adam.update(grads, otherState, params)", () => adam.update(params, { count: np.zeros([]) } as never, params), 'tessera.update: the state has no entry "scaleByAdam" (it has [count])', "this optimizer's init"),
  misuse("adamw.update(grads, state) without params", () => optim.adamw({ learningRate: 0.1 }).update(params, optim.adamw({ learningRate: 0.1 }).init(params)), "tessera.update: addDecayedWeights (weight decay, as in adamw) needs the params"),
  misuse("adam.init({w: 'x'})", () => adam.init({ w: "x" }), 'tessera.init: params at .w holds a string ("x")'),
  misuse("optim.applyUpdates(params, {w})", () => optim.applyUpdates(params, { w: np.ones([2]) } as never), "tessera.applyUpdates: structures differ at the root: an object with keys [b, w] in params, an object with keys [w] in updates"),
  misuse("models.fit({params: {w: 'x'}, ...})", () => models.fit({ params: { w: "x" } as never, loss: () => np.array(0), optimizer: adam, data: { x }, steps: 1 }), 'tessera.fit: params at .w holds a string ("x")'),
];
