/**
 * tessera's side of the benchmarks: the same bodies run eagerly and under `jit`.
 */
import { grad, jit, NdArray, nn, np, tree, valueAndGrad, vmap, type ArrayValue } from "../index.js";
import { accuracy, B2_SIZE, B3, B4, B5, B6, B7, chainInput, convInputs, digitsInputs, logregInputs, mapTensors, matmulInputs, mlpInputs, transformerInputs, type Tensor } from "./data.js";
import type { BenchId, Case, Suite } from "./harness.js";
import { convNet, convNetLoss, type ConvNetParams } from "./models/convnet.js";
import { toLayerParams, transformerLoss, type LayerParams, type TransformerConfig } from "./models/transformer.js";

type Fn = (...args: never[]) => unknown;

/** The MLP's parameters: three dense layers. */
type Params = { w1: ArrayValue; b1: ArrayValue; w2: ArrayValue; b2: ArrayValue; w3: ArrayValue; b3: ArrayValue };

/** Sum of an array as a JS number (for cross-system checks). */
function total(x: ArrayValue): number {
  return Number(np.sum(x.astype("float64")).item());
}

/** B2: the elementwise chain. */
function chain(x: ArrayValue): ArrayValue {
  return np.tanh(x.mul(1.5).add(0.5)).mul(nn.sigmoid(x)).sub(x.mul(x));
}

/** B3: mean softmax cross-entropy of the MLP. */
function mlpLoss(p: Params, x: ArrayValue, y: ArrayValue): ArrayValue {
  const h1 = nn.relu(np.matmul(x, p.w1).add(p.b1));
  const h2 = nn.relu(np.matmul(h1, p.w2).add(p.b2));
  const logits = np.matmul(h2, p.w3).add(p.b3);
  return np.mean(np.sum(nn.logSoftmax(logits).mul(y), { axis: -1 })).neg();
}

/** Plain SGD: params - lr * grads, leaf by leaf. */
function sgd<P>(params: P, grads: unknown, lr: number): P {
  return tree.map2((w: ArrayValue, g: ArrayValue) => w.sub(g.mul(lr)))(params, grads) as P;
}

/** B3: one SGD step, returning the new parameters and the loss. */
function mlpStep(p: Params, x: ArrayValue, y: ArrayValue): [Params, ArrayValue] {
  const [loss, grads] = valueAndGrad(mlpLoss)(p, x, y);
  return [sgd(p, grads, B3.lr), loss];
}

/** B4's conv net, from models.layers. */
const b4Net = convNet({ size: B4.size, inChannels: 1, kernel: B4.kernel, channels: B4.channels, classes: B4.classes });

/** B4: the loss with the network fixed, so that params come first. */
function b4Loss(p: ConvNetParams, x: ArrayValue, y: ArrayValue): ArrayValue {
  return convNetLoss(b4Net, p, x, y);
}

/** B4: one SGD step of the conv net. */
function convStep(p: ConvNetParams, x: ArrayValue, y: ArrayValue): [ConvNetParams, ArrayValue] {
  const [loss, grads] = valueAndGrad(b4Loss)(p, x, y);
  return [sgd(p, grads, B4.lr), loss];
}

/** B6's sizes. */
const transformerConfig: TransformerConfig = B6;

/** B6: the loss with the configuration fixed, so that params come first (the causal mask is the attention layer's option). */
function b6Loss(p: LayerParams, tokens: ArrayValue, targets: ArrayValue): ArrayValue {
  return transformerLoss(transformerConfig, p, tokens, targets);
}

/** B6: one SGD step of the transformer. */
function transformerStep(p: LayerParams, tokens: ArrayValue, targets: ArrayValue): [LayerParams, ArrayValue] {
  const [loss, grads] = valueAndGrad(b6Loss)(p, tokens, targets);
  return [sgd(p, grads, B6.lr), loss];
}

/** A float32 tessera array from benchmark data. */
function fromTensor(t: Tensor): ArrayValue {
  return np.array(t.data, { shape: t.shape });
}

/** A training-step case: times the first call, then each call replaces the params; the check is the last loss. */
function trainCase<P, A extends unknown[]>(step: (p: P, ...args: A) => [P, ArrayValue], initial: P, ...args: A): Case {
  let params = initial;
  let loss: ArrayValue = np.array(0);
  const run = () => {
    [params, loss] = step(params, ...args);
  };
  const start = performance.now();
  run();
  const firstCallMs = performance.now() - start;
  return { body: run, firstCallMs, checkDigits: 6, check: () => Number(loss.item()) };
}

/** B5: the logistic loss of one example. */
function logregLoss(w: ArrayValue, b: ArrayValue, x: ArrayValue, y: ArrayValue): ArrayValue {
  const z = np.sum(x.mul(w)).add(b);
  return nn.softplus(z).sub(y.mul(z));
}

/** B7's linear model. */
type Linear = { w: ArrayValue; b: ArrayValue };

/** B7: one full-batch gradient-descent step of multinomial logistic regression. */
function digitsStep(p: Linear, x: ArrayValue, y: ArrayValue): Linear {
  const loss = (q: Linear) => np.mean(np.sum(nn.logSoftmax(np.matmul(x, q.w).add(q.b)).mul(y), { axis: -1 })).neg();
  const g = grad(loss)(p) as Linear;
  return { w: p.w.sub(g.w.mul(B7.lr)), b: p.b.sub(g.b.mul(B7.lr)) };
}

/** A tessera suite: `wrap` is the identity for eager and `jit` for jit. */
function tesseraSuite(system: string, wrap: <F extends Fn>(f: F) => F): Suite {
  return {
    system,
    info: `${system === "tessera-jit" ? "jit (generated JavaScript loops)" : "eager interpreter"}, plain JavaScript on the main thread: 1 thread; B4 models.layers conv2d + maxPool + flatten + dense (lax.conv NHWC/HWIO), B6 built from models.layers (embedding, layerNorm, multiHeadAttention, dense)`,
    make(bench: BenchId): Case {
      switch (bench) {
        case "B1-256":
        case "B1-512":
        case "B1-1024": {
          const n = Number(bench.slice(3));
          const data = matmulInputs(n);
          const a = np.array(data.a, { shape: [n, n] });
          const b = np.array(data.b, { shape: [n, n] });
          const matmul = wrap((u: ArrayValue, v: ArrayValue) => np.matmul(u, v));
          return {
            body: () => matmul(a, b),
            check: () => total(matmul(a, b)),
            extra: (ms) => ({ n, gflops: Number(((2 * n ** 3) / (ms * 1e6)).toFixed(2)) }),
          };
        }
        case "B2": {
          const x = np.array(chainInput(), { shape: [B2_SIZE] });
          const f = wrap(chain);
          return { body: () => f(x), check: () => total(f(x)) };
        }
        case "B5": {
          const data = logregInputs();
          const x = np.array(data.x, { shape: [B5.batch, B5.features] });
          const y = np.array(data.y, { shape: [B5.batch] });
          const w = np.array(data.w, { shape: [B5.features] });
          const b = np.array(data.b, { shape: [] });
          const perExample = wrap(vmap(grad(logregLoss, { argnums: [0, 1] }), { inAxes: [null, null, 0, 0] }));
          const gradsTotal = () => {
            const [gw, gb] = perExample(w, b, x, y) as [ArrayValue, ArrayValue];
            return total(gw) + total(gb);
          };
          return { body: () => perExample(w, b, x, y), check: gradsTotal };
        }
        case "B3": {
          const data = mlpInputs();
          const x = np.array(data.x, { shape: [B3.batch, 784] });
          const y = np.array(data.y, { shape: [B3.batch, 10] });
          const [l1, l2, l3] = data.layers.map((l) => ({
            w: np.array(l.w, { shape: [l.fanIn, l.fanOut] }),
            b: np.array(l.b, { shape: [l.fanOut] }),
          }));
          const params: Params = { w1: l1!.w, b1: l1!.b, w2: l2!.w, b2: l2!.b, w3: l3!.w, b3: l3!.b };
          return trainCase(wrap(mlpStep), params, x, y);
        }
        case "B4": {
          const data = convInputs();
          const x = np.array(data.x, { shape: [B4.batch, B4.size, B4.size, 1] });
          const y = np.array(data.y, { shape: [B4.batch, B4.classes] });
          return trainCase(wrap(convStep), mapTensors(data.params, fromTensor), x, y);
        }
        case "B6": {
          const data = transformerInputs();
          const tokens = np.array(data.inputs, { shape: [B6.batch, B6.seq], dtype: "int32" });
          const targets = np.array(data.targetsOneHot, { shape: [B6.batch, B6.seq, B6.vocab] });
          return trainCase(wrap(transformerStep), toLayerParams(transformerConfig, mapTensors(data.params, fromTensor)), tokens, targets);
        }
        case "B7": {
          const data = digitsInputs();
          const x = np.array(data.x, { shape: [data.rows, B7.features] });
          const y = np.array(data.y, { shape: [data.rows, B7.classes] });
          const step = wrap(digitsStep);
          let last: Linear | undefined;
          const train = () => {
            let p: Linear = { w: np.zeros([B7.features, B7.classes]), b: np.zeros([B7.classes]) };
            for (let i = 0; i < B7.steps; i++) p = step(p, x, y);
            last = p;
          };
          const trainAccuracy = () => {
            if (last === undefined) return NaN;
            const logits = np.matmul(x, last.w).add(last.b);
            if (!(logits instanceof NdArray)) throw new Error("B7: eager logits are not concrete");
            return accuracy(logits.toTypedArray(), data.labels, B7.classes);
          };
          return { body: train, checkName: "trainAccuracy", check: trainAccuracy };
        }
      }
    },
  };
}

/** tessera eager and tessera jit. */
export function tesseraSuites(): Suite[] {
  return [tesseraSuite("tessera-eager", (f) => f), tesseraSuite("tessera-jit", (f) => jit(f) as never)];
}
