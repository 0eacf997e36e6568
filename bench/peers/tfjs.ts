/**
 * TensorFlow.js 4.22 on its `cpu` backend (plain JavaScript) and its `wasm` backend (XNNPACK,
 * SIMD, one thread), written in TF.js's own idioms: tf.tidy, tf.grads, optimizer.minimize (the
 * training steps B3, B4 and B6 are in tfjs-nets.ts).
 */
import * as tf from "@tensorflow/tfjs";
import { getThreadsCount, setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { accuracy, B3, B5, B7, chainInput, digitsInputs, logregInputs, matmulInputs, mlpInputs } from "../data.js";
import type { BenchId, Case, Suite } from "../harness.js";
import { convCase, minimizeCase, transformerCase } from "./tfjs-nets.js";

/** Sum of a tensor as a JS number (for cross-system checks). */
function total(x: tf.Tensor): number {
  return (x.dataSync() as Float32Array).reduce((s, v) => s + v, 0);
}

/** Points the wasm backend at the .wasm files shipped in the package (nothing is downloaded) and pins one thread. */
async function useBackend(name: "cpu" | "wasm"): Promise<void> {
  if (name === "wasm" && !wasmConfigured) {
    const require = createRequire(import.meta.url);
    setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
    setThreadsCount(1);
    wasmConfigured = true;
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs: backend ${name} failed to initialize`);
  await tf.ready();
  if (name === "wasm") {
    // Both flags are evaluated asynchronously; reading them once caches them for `info`.
    await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
  }
}
let wasmConfigured = false;

/** The B3 model's loss: TF.js's softmax cross-entropy (mean over the batch). */
function mlpLoss(vars: readonly tf.Variable[], x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const [w1, b1, w2, b2, w3, b3] = vars as [tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const h1 = tf.relu(tf.add(tf.matMul(x, w1), b1));
  const h2 = tf.relu(tf.add(tf.matMul(h1, w2), b2));
  return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(h2, w3), b3)) as tf.Scalar;
}

/** One case of the tfjs suite on the active backend. */
function makeCase(bench: BenchId): Case {
  switch (bench) {
    case "B1-256":
    case "B1-512":
    case "B1-1024": {
      const n = Number(bench.slice(3));
      const data = matmulInputs(n);
      const a = tf.tensor2d(data.a, [n, n]);
      const b = tf.tensor2d(data.b, [n, n]);
      return {
        body: () => tf.matMul(a, b).dispose(),
        check: () => tf.tidy(() => total(tf.matMul(a, b))),
        extra: (ms) => ({ n, gflops: Number(((2 * n ** 3) / (ms * 1e6)).toFixed(2)) }),
        dispose: () => tf.dispose([a, b]),
      };
    }
    case "B2": {
      const x = tf.tensor1d(chainInput());
      const chain = () => tf.tidy(() => tf.tanh(x.mul(1.5).add(0.5)).mul(tf.sigmoid(x)).sub(x.mul(x)));
      return {
        body: () => chain().dispose(),
        check: () => tf.tidy(() => total(chain())),
        dispose: () => x.dispose(),
      };
    }
    case "B5": {
      // TF.js has no vmap: the per-example gradients come from one tf.grads call with w and b
      // tiled to one copy per example (exact, and far faster than 128 separate tf.grad calls).
      const data = logregInputs();
      const x = tf.tensor2d(data.x, [B5.batch, B5.features]);
      const y = tf.tensor1d(data.y);
      const w = tf.tensor1d(data.w);
      const b = tf.tensor1d(data.b);
      const grads = tf.grads((ws: tf.Tensor, bs: tf.Tensor) => {
        const z = tf.sum(tf.mul(x, ws), 1).add(bs);
        return tf.sum(tf.softplus(z).sub(tf.mul(y, z)));
      });
      const perExample = () =>
        tf.tidy(() => grads([tf.tile(w.reshape([1, B5.features]), [B5.batch, 1]), tf.tile(b, [B5.batch])]));
      return {
        body: () => tf.dispose(perExample()),
        check: () => tf.tidy(() => perExample().reduce((s, g) => s + total(g), 0)),
        dispose: () => tf.dispose([x, y, w, b]),
      };
    }
    case "B7":
      throw new Error("unreachable: B7 has its own case");
    case "B3": {
      const data = mlpInputs();
      const x = tf.tensor2d(data.x, [B3.batch, 784]);
      const y = tf.tensor2d(data.y, [B3.batch, 10]);
      const vars = data.layers.flatMap((l) => [tf.variable(tf.tensor2d(l.w, [l.fanIn, l.fanOut])), tf.variable(tf.tensor1d(l.b))]);
      return minimizeCase(() => mlpLoss(vars, x, y), vars, B3.lr, [x, y]);
    }
    case "B4":
      return convCase();
    case "B6":
      return transformerCase();
  }
}

/** B7: 500 full-batch SGD steps from zero with optimizer.minimize, then the train accuracy. */
function digitsCase(): Case {
  const data = digitsInputs();
  const x = tf.tensor2d(data.x, [data.rows, B7.features]);
  const y = tf.tensor2d(data.y, [data.rows, B7.classes]);
  let vars: tf.Variable[] = [];
  const train = () => {
    tf.dispose(vars);
    vars = [tf.variable(tf.zeros([B7.features, B7.classes])), tf.variable(tf.zeros([B7.classes]))];
    const [w, b] = vars as [tf.Variable, tf.Variable];
    const optimizer = tf.train.sgd(B7.lr);
    for (let i = 0; i < B7.steps; i++) {
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(x, w), b)) as tf.Scalar, false, vars);
    }
    optimizer.dispose();
  };
  return {
    body: train,
    checkName: "trainAccuracy",
    check: () => tf.tidy(() => accuracy(tf.add(tf.matMul(x, vars[0]!), vars[1]!).dataSync(), data.labels, B7.classes)),
    dispose: () => tf.dispose([x, y, ...vars]),
  };
}

/** What both backends use for B4 and B6. */
const netsInfo = "B4 tf.conv2d NHWC/HWIO + tf.maxPool, B6 embedding by one-hot matmul (tf.gather's gradient kernel is missing on wasm)";

/** The two TF.js suites: cpu and wasm. */
export function tfjsSuites(): Suite[] {
  const suite = (name: "cpu" | "wasm"): Suite => ({
    system: `tfjs-${name}`,
    get info() {
      return name === "cpu"
        ? `TF.js 4.22 cpu backend (plain JavaScript kernels), 1 thread; ${netsInfo}`
        : `TF.js 4.22 wasm backend (XNNPACK), SIMD ${tf.env().getBool("WASM_HAS_SIMD_SUPPORT")}, threads ${getThreadsCount()} (multithread support ${tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT")}); ${netsInfo}; B4 conv filter gradient via tf.customGrad (no Conv2DBackpropFilter kernel)`;
    },
    async make(bench) {
      await useBackend(name);
      return bench === "B7" ? digitsCase() : makeCase(bench);
    },
  });
  return [suite("cpu"), suite("wasm")];
}

/** Initializes both backends up front so the wasm flags can be reported before any bench. */
export async function initTfjs(): Promise<void> {
  await useBackend("wasm");
  await useBackend("cpu");
}
