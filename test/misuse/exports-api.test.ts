/**
 * Walks every export of the transforms, tree, optim, models, checkpoints and ops namespaces and
 * of the Node entry (node/index.ts) and feeds each one what it must not understand: unknown option keys (and a miscapitalized key, which
 * must get a "did you mean"), null options (which must behave exactly as no options), a
 * non-function where a function goes (rejected when the export is called, not later), and option
 * values of the wrong type (a Symbol, and the string "0.1" where a string is not an accepted
 * value). Every rejection must be a TesseraError with a readable message.
 *
 * The table below says, for each export, how to call it and which of its arguments are options
 * and functions; an export with no entry fails the walk, so a new export must say how it is
 * checked (or why there is nothing to check).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import * as tree from "../../core/tree.js";
import * as checkpoints from "../../models/checkpoint/index.js";
import * as distributions from "../../models/distributions/index.js";
import * as models from "../../models/index.js";
import * as optim from "../../models/optim/index.js";
import * as ops from "../../core/ops.js";
import * as node from "../../node/index.js";
import * as transforms from "../../transforms/index.js";
import { expectReadableError } from "./case.js";

// ---------------------------------------------------------------------------------------------
// the table

/** An export that takes neither options nor function arguments (or is not a function). */
interface Unchecked {
  readonly kind: "none";
  readonly why: string;
}

/** An export whose checks another walker owns (lax control flow, also exported from the transforms module). */
interface Elsewhere {
  readonly kind: "elsewhere";
  readonly owner: string;
}

/** An export taking an options record and/or function arguments. */
interface Checked {
  readonly kind: "checked";
  /** Calls the export with these function arguments (in order) and this options argument (undefined: none given). */
  readonly call: (fns: readonly unknown[], options: unknown) => unknown;
  /** Valid function arguments, one per function parameter. */
  readonly fns?: readonly unknown[];
  /** The option keys the export accepts. */
  readonly keys?: readonly string[];
  /** Options needed for a call to succeed (the required ones). */
  readonly base?: Readonly<Record<string, unknown>>;
  /** Keys for which the string "0.1" is an acceptable value (a title, a column name). */
  readonly strings?: readonly string[];
  /** Uses a result (applies a transformed function), so null options can be compared with none by value. */
  readonly run?: (result: unknown) => unknown;
}

type Entry = Unchecked | Elsewhere | Checked;

const none = (why: string): Unchecked => ({ kind: "none", why });
const elsewhere = (owner: string): Elsewhere => ({ kind: "elsewhere", owner });
const checked = (entry: Omit<Checked, "kind">): Checked => ({ kind: "checked", ...entry });

const x = np.array([0.5, 1, 2]);
const xs = np.array([[0.5, 1], [2, 3], [4, 5]]);
const labels = np.array([0, 1, 1], { dtype: "int32" });
const key = random.key(0);
const scalarFn = (v: ArrayValue) => np.sum(np.sin(v));
const applyTo =
  (...args: unknown[]) =>
  (g: unknown) =>
    (g as (...a: unknown[]) => unknown)(...args);
const directory = mkdtempSync(join(tmpdir(), "tessera-exports-"));
const csvFile = fileURLToPath(new URL("../../examples/data/iris.csv", import.meta.url));

const differentiation = (name: "grad" | "valueAndGrad" | "jacfwd" | "jacrev" | "hessian"): Checked =>
  checked({
    call: (fns, o) => (transforms[name] as (f: unknown, o: unknown) => unknown)(fns[0], o),
    fns: [scalarFn],
    keys: ["argnums", "hasAux"],
    run: applyTo(x),
  });

const loss = (name: "meanSquaredError" | "binaryCrossEntropy" | "hinge" | "logisticLoss" | "perceptronLoss", extra: readonly string[] = []): Checked =>
  // Labels valid for every loss: signs for the margin losses, targets in [0, 1] for binaryCrossEntropy.
  checked({ call: (_, o) => (models[name] as (a: unknown, b: unknown, o: unknown) => unknown)(x, np.onesLike(x), o), keys: ["reduction", ...extra] });

const averaged = (name: "precisionRecallF1" | "precision" | "recall" | "f1"): Checked =>
  checked({
    call: (_, o) => (models[name] as (a: unknown, b: unknown, o: unknown) => unknown)([0, 1, 1], [0, 1, 0], o),
    keys: ["average", "numClasses", "zeroDivision", "positiveLabel"],
    base: { average: "macro" },
  });

/** A recurrent cell factory: its options, then init and a step run. */
const cell = (name: "gruCell" | "lstmCell"): Checked =>
  checked({
    call: (_, o) => models.layers[name](2, 3, o as never),
    keys: ["init", "recurrentInit", "biasInit", "gateActivation", "activation", "dtype"],
    run: (c) => {
      const recurrent = c as models.layers.RecurrentCell<unknown, unknown>;
      return recurrent.apply(recurrent.init(key), recurrent.initialCarry([1]), np.ones([1, 2]));
    },
  });
const initializer = (name: string): Checked =>
  checked({
    call: (_, o) => (models as unknown as Record<string, (k: unknown, s: unknown, o: unknown) => unknown>)[name]!(key, [3, 2], o),
    keys: ["dtype", "inAxis", "outAxis"],
  });

const optimizer = (name: "sgd" | "adam" | "adamw" | "rmsprop" | "adagrad", keys: readonly string[]): Checked =>
  checked({
    call: (_, o) => (optim[name] as (o: unknown) => unknown)(o),
    keys: ["learningRate", ...keys],
    base: { learningRate: 0.1 },
    run: (t) => (t as optim.AnyTransformation).init({ w: x }),
  });

const schedule = (name: keyof typeof optim, base: Readonly<Record<string, unknown>>, optional: readonly string[] = []): Checked =>
  checked({
    call: (_, o) => (optim[name] as (o: unknown) => unknown)(o),
    keys: [...Object.keys(base), ...optional],
    base,
    run: (s) => optim.valueAt(s as optim.Schedule, 3),
  });

const chart = (name: "textChart" | "svgChart"): Checked =>
  checked({ call: (_, o) => models[name]([3, 2, 1], o as never), keys: ["width", "height", "title", "log"], strings: ["title"] });

const segmentEntry = (name: "segmentSum" | "segmentProd" | "segmentMax" | "segmentMin"): Checked =>
  checked({ call: (_, o) => ops[name](xs, labels, o as never), keys: ["numSegments", "indicesAreSorted", "uniqueIndices"] });
const lineReporter = (name: "plainReporter" | "jsonReporter"): Checked => checked({ call: (_, o) => models[name](o as never), keys: ["every", "write"] });

const lax = elsewhere("lax control flow (test/misuse/exports-lax.test.ts)");

const table: Readonly<Record<string, Readonly<Record<string, Entry>>>> = {
  transforms: {
    grad: differentiation("grad"),
    valueAndGrad: differentiation("valueAndGrad"),
    jacfwd: differentiation("jacfwd"),
    jacrev: differentiation("jacrev"),
    hessian: differentiation("hessian"),
    vmap: checked({ call: (fns, o) => transforms.vmap(fns[0] as typeof np.sin, o as never), fns: [np.sin], keys: ["inAxes", "outAxes", "axisSize"], run: applyTo(xs) }),
    jvp: checked({ call: (fns) => transforms.jvp(fns[0] as typeof scalarFn, [x], [x]), fns: [scalarFn] }),
    linearize: checked({ call: (fns) => transforms.linearize(fns[0] as typeof scalarFn, x), fns: [scalarFn] }),
    vjp: checked({ call: (fns) => transforms.vjp(fns[0] as typeof scalarFn, x), fns: [scalarFn] }),
    vjpWithAux: checked({ call: (fns) => transforms.vjpWithAux(fns[0] as (v: ArrayValue) => [ArrayValue, ArrayValue], x), fns: [(v: ArrayValue) => [scalarFn(v), v]] }),
    savedResiduals: checked({ call: (fns) => transforms.savedResiduals(fns[0] as typeof scalarFn, x), fns: [scalarFn] }),
    makeJaxpr: checked({ call: (fns) => transforms.makeJaxpr(fns[0] as typeof scalarFn), fns: [scalarFn] }),
    checkpoint: checked({ call: (fns) => transforms.checkpoint(fns[0] as typeof scalarFn), fns: [scalarFn] }),
    remat: checked({ call: (fns) => transforms.remat(fns[0] as typeof scalarFn), fns: [scalarFn] }),
    customJvp: checked({
      call: (fns) => transforms.customJvp(fns[0] as typeof scalarFn, fns[1] as never),
      fns: [scalarFn, ([p]: ArrayValue[], [t]: ArrayValue[]) => [scalarFn(p!), np.sum(np.multiply(np.cos(p!), t!))]],
    }),
    customVjp: checked({
      call: (fns) => transforms.customVjp(fns[0] as typeof scalarFn, fns[1] as never, fns[2] as never),
      fns: [scalarFn, (v: ArrayValue) => [scalarFn(v), v], (v: ArrayValue, g: ArrayValue) => [np.multiply(np.cos(v), g)]],
    }),
    jit: checked({ call: (fns, o) => transforms.jit(fns[0] as typeof np.sin, o as never), fns: [np.sin], keys: ["staticArgnums", "cacheSize"], run: applyTo(xs) }),
    clearCaches: none("takes no arguments"),
    cond: lax,
    switch: lax,
    whileLoop: lax,
    foriLoop: lax,
    scan: lax,
  },
  tree: {
    map: checked({ call: (fns) => tree.map({ a: 1 }, fns[0] as (l: number) => number), fns: [(l: number) => l * 2] }),
    mapWithPath: checked({ call: (fns) => tree.mapWithPath({ a: 1 }, fns[0] as (l: number) => number), fns: [(l: number) => l * 2] }),
    map2: checked({ call: (fns) => tree.map2({ a: 1 }, { a: 2 }, fns[0] as (a: number, b: number) => number), fns: [(a: number, b: number) => a + b] }),
    zipWith: checked({ call: (fns) => tree.zipWith(fns[0] as (...l: number[]) => number), fns: [(...l: number[]) => l.length] }),
    flatten: none("takes a tree"),
    unflatten: none("takes a tree definition and leaves"),
    leaves: none("takes a tree"),
    structure: none("takes a tree"),
    isLeaf: none("takes any value"),
    numLeaves: none("takes a tree definition"),
    treedefToString: none("takes a tree definition"),
    treedefEq: none("an fp-ts Eq instance, not a function"),
    zip: none("takes trees"),
  },
  optim: {
    sgd: optimizer("sgd", ["momentum", "nesterov"]),
    adam: optimizer("adam", ["b1", "b2", "eps", "epsRoot"]),
    adamw: optimizer("adamw", ["b1", "b2", "eps", "epsRoot", "weightDecay", "mask"]),
    rmsprop: optimizer("rmsprop", ["decay", "eps", "initialScale", "epsInSqrt", "momentum", "nesterov"]),
    adagrad: optimizer("adagrad", ["initialAccumulatorValue", "eps"]),
    scaleByLearningRate: checked({ call: (_, o) => optim.scaleByLearningRate(0.1, o as never), keys: ["flipSign"] }),
    scaleByAdam: checked({ call: (_, o) => optim.scaleByAdam(o as never), keys: ["b1", "b2", "eps", "epsRoot"] }),
    scaleByRms: checked({ call: (_, o) => optim.scaleByRms(o as never), keys: ["decay", "eps", "initialScale", "epsInSqrt"] }),
    scaleByAdagrad: checked({ call: (_, o) => optim.scaleByAdagrad(o as never), keys: ["initialAccumulatorValue", "eps"] }),
    trace: checked({ call: (_, o) => optim.trace(o as never), keys: ["decay", "nesterov"], base: { decay: 0.9 } }),
    addDecayedWeights: checked({ call: (_, o) => optim.addDecayedWeights(1e-4, o as never), keys: ["mask"] }),
    defineTransformation: checked({
      call: (fns) => optim.defineTransformation("mine", fns[0] as () => never, fns[1] as () => never),
      fns: [() => ({}), (g: unknown, s: unknown) => [g, s]],
    }),
    valueAt: checked({ call: (fns) => optim.valueAt(fns[0] as optim.Schedule, 2), fns: [optim.constant(0.5)] }),
    join: checked({ call: (fns) => optim.join([fns[0] as optim.Schedule], []), fns: [optim.constant(0.5)] }),
    piecewiseConstant: schedule("piecewiseConstant", { boundaries: [1], values: [1, 2] }),
    inverseTimeDecay: schedule("inverseTimeDecay", { initValue: 1, rate: 0.5 }),
    inverseSqrtDecay: schedule("inverseSqrtDecay", { initValue: 1, rate: 0.5 }),
    linear: schedule("linear", { initValue: 0, endValue: 1, transitionSteps: 10 }, ["transitionBegin"]),
    exponentialDecay: schedule("exponentialDecay", { initValue: 1, transitionSteps: 10, decayRate: 0.5 }, ["transitionBegin", "staircase", "endValue"]),
    cosineDecay: schedule("cosineDecay", { initValue: 1, decaySteps: 10 }, ["alpha", "exponent"]),
    warmupCosineDecay: schedule("warmupCosineDecay", { initValue: 0, peakValue: 1, warmupSteps: 2, decaySteps: 10 }, ["endValue", "exponent"]),
    constant: none("takes one number (checked)"),
    masked: none("takes a transformation and a mask, both checked when called (see the api misuse rows)"),
    chain: none("takes transformations (checked)"),
    identity: none("takes nothing"),
    chainMonoid: none("an fp-ts Monoid instance, not a function"),
    applyUpdates: none("takes two trees"),
    scale: none("takes one number (checked)"),
    clip: none("takes one number (checked)"),
    clipByGlobalNorm: none("takes one number (checked)"),
  },
  models: {
    meanSquaredError: loss("meanSquaredError"),
    binaryCrossEntropy: loss("binaryCrossEntropy"),
    hinge: loss("hinge"),
    logisticLoss: loss("logisticLoss"),
    perceptronLoss: loss("perceptronLoss"),
    huber: checked({ call: (_, o) => models.huber(x, x, o as never), keys: ["reduction", "delta"] }),
    softmaxCrossEntropy: checked({ call: (_, o) => models.softmaxCrossEntropy(xs, labels, o as never), keys: ["reduction"] }),
    confusionMatrix: checked({ call: (_, o) => models.confusionMatrix([0, 1], [1, 1], o as never), keys: ["numClasses"] }),
    precisionRecallF1PerClass: checked({ call: (_, o) => models.precisionRecallF1PerClass([0, 1], [1, 1], o as never), keys: ["numClasses", "zeroDivision"] }),
    precisionRecallF1: averaged("precisionRecallF1"),
    precision: averaged("precision"),
    recall: averaged("recall"),
    f1: averaged("f1"),
    rocCurve: checked({ call: (_, o) => models.rocCurve([0, 1, 1], [0.1, 0.8, 0.4], o as never), keys: ["positiveLabel", "dropIntermediate"] }),
    rocAucScore: checked({ call: (_, o) => models.rocAucScore([0, 1, 1], [0.1, 0.8, 0.4], o as never), keys: ["positiveLabel"] }),
    expectedCalibrationError: checked({ call: (_, o) => models.expectedCalibrationError([[0.2, 0.8]], [1], o as never), keys: ["bins"] }),
    trainTestSplit: checked({ call: (_, o) => models.trainTestSplit(key, xs, o as never), keys: ["testSize"] }),
    minibatches: checked({ call: (_, o) => models.minibatches(key, 5, 2, o as never), keys: ["dropLast"] }),
    parseCsv: checked({ call: (_, o) => models.parseCsv("a,b\n1,0\n2,1\n", o as never), keys: ["header", "labelColumn", "dtype", "labelDtype"], strings: ["labelColumn"] }),
    computeFans: checked({ call: (_, o) => models.computeFans([3, 2], o as never), keys: ["inAxis", "outAxis"] }),
    varianceScaling: checked({ call: (_, o) => models.varianceScaling(1, "fanIn", "normal")(key, [3, 2], o as never), keys: ["dtype", "inAxis", "outAxis"] }),
    glorotNormal: initializer("glorotNormal"),
    glorotUniform: initializer("glorotUniform"),
    heNormal: initializer("heNormal"),
    heUniform: initializer("heUniform"),
    lecunNormal: initializer("lecunNormal"),
    lecunUniform: initializer("lecunUniform"),
    xavierNormal: initializer("xavierNormal"),
    xavierUniform: initializer("xavierUniform"),
    kaimingNormal: initializer("kaimingNormal"),
    kaimingUniform: initializer("kaimingUniform"),
    zerosInit: initializer("zerosInit"),
    onesInit: initializer("onesInit"),
    constant: checked({ call: (_, o) => models.constant(0.5)(key, [3, 2], o as never), keys: ["dtype", "inAxis", "outAxis"] }),
    normal: checked({ call: (_, o) => models.normal(0.1)(key, [3, 2], o as never), keys: ["dtype", "inAxis", "outAxis"] }),
    uniform: checked({ call: (_, o) => models.uniform(0.1)(key, [3, 2], o as never), keys: ["dtype", "inAxis", "outAxis"] }),
    truncatedNormal: checked({ call: (_, o) => models.truncatedNormal(0.1, o as never), keys: ["lower", "upper"], run: (f) => (f as models.Initializer)(key, [3, 2]) }),
    deltaOrthogonal: checked({ call: (_, o) => models.deltaOrthogonal(o as never), keys: ["scale", "columnAxis"], run: (f) => (f as models.Initializer)(key, [3, 2, 2]) }),
    orthogonal: checked({ call: (_, o) => models.orthogonal(o as never), keys: ["scale", "columnAxis"], run: (f) => (f as models.Initializer)(key, [3, 2]) }),
    fit: checked({
      call: (_, o) => models.fit(o as never),
      keys: ["loss", "params", "optimizer", "data", "batchSize", "batches", "epochs", "steps", "key", "validate", "onEpoch", "reporter", "jit"],
      base: {
        loss: (p: ArrayValue, batch: ArrayValue) => np.sum(np.square(np.multiply(p, batch))),
        params: np.array([1, 2]),
        optimizer: optim.sgd({ learningRate: 0.1 }),
        data: np.array([[1, 2], [3, 4]]),
        steps: 1,
        jit: false,
      },
    }),
    textChart: chart("textChart"),
    svgChart: chart("svgChart"),
    plainReporter: lineReporter("plainReporter"),
    jsonReporter: lineReporter("jsonReporter"),
    callbackReporter: checked({ call: (fns) => models.callbackReporter(fns[0] as never), fns: [() => undefined] }),
    silentReporter: none("a constant"),
    accuracy: none("takes labels"),
    auc: none("takes two curves"),
    r2Score: none("takes values"),
    l1Penalty: none("takes a params tree"),
    l2Penalty: none("takes a params tree"),
    kFold: none("takes a key and counts"),
    takeRows: none("takes a tree and indices"),
    fitStandardizer: none("takes an array"),
    applyStandardizer: none("takes a standardizer and an array"),
    layers: none("a namespace, walked as models.layers"),
    linearRegression: none("a namespace, walked as models.linearRegression"),
    softmaxRegression: none("a namespace, walked as models.softmaxRegression"),
    distributions: none("a namespace, walked as models.distributions"),
    isStateful: none("takes any value"),
    pairwiseSquaredDistances: none("takes arrays"),
    softThreshold: none("takes arrays"),
    iterate: checked({
      call: (_, o) => models.iterate(o as never),
      keys: ["step", "converged", "maxIter"],
      base: { init: np.array(1), step: (v: ArrayValue) => v, converged: () => true, maxIter: 3 },
      run: (r) => (r as { iterations: ArrayValue }).iterations.item(),
    }),
    readContext: checked({ call: (_, o) => models.readContext("op", o), keys: ["key", "train"] }),
    requireKey: none("takes a context record"),
    sequential: none("takes layers (checked by models.test)"),
    residual: none("takes layers (checked by models.test)"),
    parallel: none("takes layers (checked by models.test)"),
    concat: checked({ call: (_, o) => models.concat([(v: ArrayValue) => v, (v: ArrayValue) => v], o as never), keys: ["axis"], run: (m) => (m as models.Module<null[]>).apply([null, null], xs) }),
  },
  "models.layers": {
    dense: checked({
      call: (_, o) => models.layers.dense(2, 3, o as never),
      keys: ["init", "biasInit", "bias", "dtype"],
      run: (l) => (l as models.Module<models.layers.DenseParams>).init(key),
    }),
    mlp: checked({
      call: (fns, o) => models.layers.mlp([2, 3, 1], fns[0] as models.layers.Activation, o as never),
      fns: [np.tanh],
      keys: ["init", "biasInit", "bias", "dtype", "finalActivation"],
      run: (l) => {
        const layer = l as models.Module<models.layers.DenseParams[]>;
        return layer.apply(layer.init(key), xs);
      },
    }),
    conv1d: checked({
      call: (_, o) => models.layers.conv1d(2, 3, 2, o as never),
      keys: ["strides", "padding", "dilation", "inputDilation", "groups", "bias", "init", "biasInit", "dtype"],
      run: (l) => {
        const layer = l as models.Module<models.layers.ConvParams>;
        return layer.apply(layer.init(key), xs.reshape([1, 3, 2]));
      },
    }),
    conv2d: checked({
      call: (_, o) => models.layers.conv2d(1, 2, 2, o as never),
      keys: ["strides", "padding", "dilation", "inputDilation", "groups", "bias", "init", "biasInit", "dtype"],
      run: (l) => {
        const layer = l as models.Module<models.layers.ConvParams>;
        return layer.apply(layer.init(key), xs.reshape([1, 3, 2, 1]));
      },
    }),
    maxPool: checked({ call: (_, o) => models.layers.maxPool([2], o as never), keys: ["strides", "padding"], run: (f) => (f as models.layers.ArrayFunction)(xs.reshape([1, 3, 2])) }),
    avgPool: checked({
      call: (_, o) => models.layers.avgPool([2], o as never),
      keys: ["strides", "padding", "countIncludePad"],
      run: (f) => (f as models.layers.ArrayFunction)(xs.reshape([1, 3, 2])),
    }),
    globalAvgPool: none("takes an array"),
    flatten: none("takes an array"),
    batchNorm: checked({
      call: (_, o) => models.layers.batchNorm(2, o as never),
      keys: ["axis", "momentum", "epsilon", "scale", "bias", "fastVariance", "dtype"],
      run: (l) => {
        const layer = l as models.StatefulModule<models.layers.BatchNormParams, models.layers.BatchNormState>;
        return layer.apply(layer.init(key), xs, { state: layer.initState(), train: true });
      },
    }),
    layerNorm: checked({
      call: (_, o) => models.layers.layerNorm(2, o as never),
      keys: ["epsilon", "scale", "bias", "fastVariance", "dtype"],
      run: (l) => {
        const layer = l as models.Module<models.layers.LayerNormParams>;
        return layer.apply(layer.init(key), xs);
      },
    }),
    rmsNorm: checked({
      call: (_, o) => models.layers.rmsNorm(2, o as never),
      keys: ["epsilon", "scale", "dtype"],
      run: (l) => {
        const layer = l as models.Module<models.layers.RmsNormParams>;
        return layer.apply(layer.init(key), xs);
      },
    }),
    groupNorm: checked({
      call: (_, o) => models.layers.groupNorm(2, o as never),
      keys: ["groups", "groupSize", "epsilon", "scale", "bias", "fastVariance", "dtype"],
      base: { groups: 1 },
      run: (l) => {
        const layer = l as models.Module<models.layers.LayerNormParams>;
        return layer.apply(layer.init(key), xs);
      },
    }),
    dropout: checked({
      call: (_, o) => models.layers.dropout(0.5, o as never),
      keys: ["broadcastDims"],
      run: (l) => (l as models.Module<null>).apply(null, xs, { train: true, key }),
    }),
    embedding: checked({
      call: (_, o) => models.layers.embedding(4, 2, o as never),
      keys: ["init", "dtype"],
      run: (l) => {
        const layer = l as models.layers.EmbeddingModule;
        return layer.apply(layer.init(key), labels);
      },
    }),
    multiHeadAttention: checked({
      call: (_, o) => models.layers.multiHeadAttention(2, 4, o as never),
      keys: ["qkvFeatures", "outFeatures", "contextFeatures", "bias", "dropout", "broadcastDropout", "causal", "rotary", "init", "outInit", "biasInit", "dtype"],
      run: (l) => {
        const layer = l as models.layers.MultiHeadAttention;
        return layer.apply(layer.init(key), np.ones([3, 4]));
      },
    }),
    sinusoidalEncoding: checked({ call: (_, o) => models.layers.sinusoidalEncoding(3, 4, o as never), keys: ["dtype", "base"] }),
    sinusoidalPositions: checked({
      call: (_, o) => models.layers.sinusoidalPositions(4, 2, o as never),
      keys: ["dtype"],
      run: (l) => (l as models.Module<null>).apply(null, xs),
    }),
    learnedPositions: checked({
      call: (_, o) => models.layers.learnedPositions(4, 2, o as never),
      keys: ["dtype", "init"],
      run: (l) => (l as models.Module<models.layers.LearnedPositionsParams>).init(key),
    }),
    rotaryEmbedding: checked({ call: (_, o) => models.layers.rotaryEmbedding(np.ones([3, 1, 4]), np.arange(3), o as never), keys: ["base"] }),
    gruCell: cell("gruCell"),
    lstmCell: cell("lstmCell"),
    rnn: checked({
      call: (_, o) => models.layers.rnn(models.layers.gruCell(2, 3), o as never),
      keys: ["reverse", "keepOrder", "returnCarry"],
      run: (l) => {
        const layer = l as models.Module<models.layers.GruParams, ArrayValue, unknown>;
        return layer.apply(layer.init(key), np.ones([1, 4, 2]));
      },
    }),
    bidirectional: checked({
      call: (_, o) => models.layers.bidirectional(models.layers.gruCell(2, 3), models.layers.lstmCell(2, 1), o as never),
      keys: ["returnCarry"],
      run: (l) => {
        const layer = l as models.Module<unknown, ArrayValue, unknown>;
        return layer.apply(layer.init(key), np.ones([1, 4, 2]));
      },
    }),
  },
  "models.linearRegression": {
    fit: checked({ call: (_, o) => models.linearRegression.fit(xs, x, o as never), keys: ["ridge"] }),
    init: none("takes a count and a dtype (checked)"),
    predict: none("takes params and an array"),
    loss: none("takes params and arrays"),
    ridgePath: none("takes arrays and a list of numbers"),
  },
  "models.softmaxRegression": {
    init: none("takes counts"),
    logits: none("takes params and an array"),
    loss: none("takes params and arrays"),
    predict: none("takes params and an array"),
    predictProba: none("takes params and an array"),
  },
  ops: {
    segmentSum: segmentEntry("segmentSum"),
    segmentProd: segmentEntry("segmentProd"),
    segmentMax: segmentEntry("segmentMax"),
    segmentMin: segmentEntry("segmentMin"),
  },
  "models.distributions": {
    bernoulli: checked({ call: (_, o) => distributions.bernoulli(o as never), keys: ["logits", "probs"], base: { probs: 0.3 } }),
    categorical: checked({ call: (_, o) => distributions.categorical(o as never), keys: ["logits", "probs"], base: { logits: np.zeros([3]) } }),
    multivariateNormal: checked({
      call: (_, o) => distributions.multivariateNormal(np.zeros([2]), o as never),
      keys: ["scaleTril", "covariance"],
      base: { covariance: np.eye(2) },
    }),
    normal: none("takes numbers or arrays (checked)"),
    laplace: none("takes numbers or arrays (checked)"),
    uniform: none("takes numbers or arrays (checked)"),
    studentT: none("takes numbers or arrays (checked)"),
    gamma: none("takes numbers or arrays (checked)"),
    beta: none("takes numbers or arrays (checked)"),
    poisson: none("takes a number or an array (checked)"),
    dirichlet: none("takes an array (checked)"),
    mixture: none("takes two distributions (checked)"),
    kl: none("takes two distributions (checked)"),
  },
  checkpoints: {
    encodeJson: none("takes a tree"),
    decodeJson: none("takes text and a template; returns errors as values"),
    encodeBinary: none("takes a tree"),
    decodeBinary: none("takes bytes and a template; returns errors as values"),
    isBinaryCheckpoint: none("takes bytes"),
    formatErrors: none("takes a list of errors"),
    binaryCodec: none("builds an io-ts codec from a template"),
    jsonCodec: none("builds an io-ts codec from a template"),
    treeCodec: none("builds an io-ts codec from a template"),
    dtypeCodec: none("an io-ts codec, not a function"),
    numberCodec: none("an io-ts codec, not a function"),
    shapeCodec: none("an io-ts codec, not a function"),
    binaryMagic: none("a constant"),
    binaryVersion: none("a constant"),
    jsonFormat: none("a constant"),
    jsonVersion: none("a constant"),
  },
  node: {
    loadCsv: checked({ call: (_, o) => node.loadCsv(csvFile, o as never), keys: ["header", "labelColumn", "dtype", "labelDtype"], strings: ["labelColumn"] }),
    saveCheckpointSync: checked({ call: (_, o) => node.saveCheckpointSync(join(directory, "sync.ckpt"), { x }, o as never), keys: ["format"] }),
    saveCheckpoint: checked({ call: (_, o) => node.saveCheckpoint(join(directory, "async.ckpt"), { x }, o as never), keys: ["format"] }),
    loadCheckpoint: none("takes a path and a template"),
    loadCheckpointSync: none("takes a path and a template"),
    terminalReporter: checked({ call: (_, o) => node.terminalReporter(o as never), keys: ["stream", "format", "every"] }),
  },
};

const namespaces: Readonly<Record<string, object>> = {
  transforms,
  tree,
  optim,
  models,
  "models.layers": models.layers,
  "models.linearRegression": models.linearRegression,
  "models.softmaxRegression": models.softmaxRegression,
  "models.distributions": models.distributions,
  checkpoints,
  node,
  ops,
};

// ---------------------------------------------------------------------------------------------
// checks



/** A value with functions and arrays replaced by comparable stand-ins. */
function comparable(value: unknown, depth = 0): unknown {
  if (value instanceof ArrayValue) return { shape: value.shape, dtype: value.dtype, values: Array.from(value.toTypedArray(), Number) };
  if (typeof value === "function") return "a function";
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => comparable(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v, depth + 1)]));
}

/** What a call does: its (comparable) result, or its error's message. */
function outcome(thunk: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: comparable(thunk()) };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** The key with its first letter's case flipped: a typo readOptions must answer with "did you mean". */
function miscapitalized(key: string): string {
  const first = key[0]!;
  return (first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase()) + key.slice(1);
}

describe("every export of transforms, tree, optim, models, checkpoints and tessera/node rejects what it does not understand", () => {
  for (const [namespace, exports] of Object.entries(namespaces)) {
    describe(namespace, () => {
      it("has a table entry for every export (add one for a new export)", () => {
        const missing = Object.keys(exports).filter((name) => table[namespace]?.[name] === undefined);
        expect(missing, `exports of ${namespace} with no entry in exports-api.test.ts`).toEqual([]);
        const stale = Object.keys(table[namespace] ?? {}).filter((name) => !(name in exports));
        expect(stale, `entries of ${namespace} naming no export`).toEqual([]);
      });

      for (const [name, entry] of Object.entries(table[namespace] ?? {})) {
        if (entry.kind !== "checked") continue;
        const fns = entry.fns ?? [];
        const base = entry.base ?? {};
        const keys = entry.keys ?? [];
        const call = (options: unknown, functions: readonly unknown[] = fns) => entry.call(functions, options);

        describe(name, () => {
          it("works when called as the table says (the baseline every other check varies)", () => {
            const result = call(keys.length > 0 ? { ...base } : undefined);
            if (entry.run !== undefined) entry.run(result);
          });

          for (const [i] of fns.entries()) {
            it(`rejects a non-function as function argument ${i} when called`, () => {
              const functions = fns.map((f, j) => (j === i ? 42 : f));
              expectReadableError(() => call(keys.length > 0 ? { ...base } : undefined, functions), "must be a function", "42");
            });
          }

          if (keys.length === 0) return;

          it("rejects an unknown option key, listing the accepted ones", () => {
            expectReadableError(() => call({ ...base, notAnOption: 1 }), 'unknown option "notAnOption"', keys[0]!);
          });

          it("answers a miscapitalized key with a did-you-mean hint", () => {
            const k = keys[keys.length - 1]!;
            const { [k]: value, ...rest } = base;
            expectReadableError(() => call({ ...rest, [miscapitalized(k)]: value ?? 1 }), `did you mean "${k}"?`);
          });

          it("treats null options as no options", () => {
            const withNull = outcome(() => {
              const result = call(null);
              return entry.run === undefined ? result : entry.run(result);
            });
            const withNone = outcome(() => {
              const result = call(undefined);
              return entry.run === undefined ? result : entry.run(result);
            });
            expect(withNull).toEqual(withNone);
            if ("error" in withNull) expect(withNull.error).toMatch(/^TesseraError: tessera\./);
          });

          it("rejects options that are not a record", () => {
            expectReadableError(() => call("fast"), 'got "fast"');
          });

          for (const k of keys) {
            it(`checks the value of ${k}, never coercing it`, () => {
              expectReadableError(() => call({ ...base, [k]: Symbol("wrong") }), "Symbol(wrong)");
              if (!(entry.strings ?? []).includes(k)) expectReadableError(() => call({ ...base, [k]: "0.1" }), k, '"0.1"');
            });
          }
        });
      }
    });
  }
});

describe("the data-last forms of tree's combinators check their function too", () => {
  it("map, mapWithPath, map2 and zipWith reject a non-function at once", () => {
    for (const [op, thunk] of [
      ["tree.map", () => tree.map(42 as never)],
      ["tree.mapWithPath", () => tree.mapWithPath(42 as never)],
      ["tree.map2", () => tree.map2(42 as never)],
      ["tree.zipWith", () => tree.zipWith(42 as never)],
    ] as const) {
      expectReadableError(thunk, `tessera.${op}:`, "must be a function, got 42");
    }
  });
});
