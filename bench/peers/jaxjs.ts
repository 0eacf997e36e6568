/**
 * @jax-js/jax 0.1.25 on its `wasm` device, in its own idioms: jit, grad, valueAndGrad, vmap, and
 * move semantics (every argument is consumed, so reused arrays are passed as `.ref`).
 */
import { blockUntilReady, defaultDevice, grad, init, jit, nn, numpy as np, tree, valueAndGrad, vmap } from "@jax-js/jax";
import { accuracy, B2_SIZE, B3, B5, B7, chainInput, digitsInputs, logregInputs, matmulInputs, mlpInputs } from "../data.js";
import type { BenchId, Case, Suite } from "../harness.js";
import { convCase, stepCase, transformerCase } from "./jaxjs-nets.js";

type JArray = np.Array;

/** The MLP's parameters. */
type Params = { w1: JArray; b1: JArray; w2: JArray; b2: JArray; w3: JArray; b3: JArray };

/** Sum of an array as a JS number (consumes it). */
function total(x: JArray): number {
  return (x.dataSync() as Float32Array).reduce((s, v) => s + v, 0);
}

/** B2's chain; `x` is used four times, so three uses take a reference. */
function chain(x: JArray): JArray {
  return np.tanh(x.ref.mul(1.5).add(0.5)).mul(nn.sigmoid(x.ref)).sub(x.ref.mul(x));
}

/** B5's per-example logistic loss. */
function logregLoss(w: JArray, b: JArray, x: JArray, y: JArray): JArray {
  const z = np.sum(x.mul(w)).add(b);
  return nn.softplus(z.ref).sub(y.mul(z));
}

/** B3's mean softmax cross-entropy. */
function mlpLoss(p: Params, x: JArray, y: JArray): JArray {
  const h1 = nn.relu(np.matmul(x, p.w1).add(p.b1));
  const h2 = nn.relu(np.matmul(h1, p.w2).add(p.b2));
  const logits = np.matmul(h2, p.w3).add(p.b3);
  return np.mean(np.sum(nn.logSoftmax(logits).mul(y), -1)).mul(-1);
}

/** B3's SGD step: new parameters and the loss. */
function mlpStep(p: Params, x: JArray, y: JArray): [Params, JArray] {
  const [loss, grads] = valueAndGrad(mlpLoss)(tree.ref(p), x, y);
  const next = tree.map((w: JArray, g: JArray) => w.sub(g.mul(B3.lr)), p, grads as Params) as Params;
  return [next, loss];
}

/** One case of the jax-js suite. */
function makeCase(bench: BenchId): Case {
  switch (bench) {
    case "B1-256":
    case "B1-512":
    case "B1-1024": {
      const n = Number(bench.slice(3));
      const data = matmulInputs(n);
      const a = np.array(data.a).reshape([n, n]);
      const b = np.array(data.b).reshape([n, n]);
      return {
        body: async () => (await np.matmul(a.ref, b.ref).blockUntilReady()).dispose(),
        check: () => total(np.matmul(a.ref, b.ref)),
        extra: (ms) => ({ n, gflops: Number(((2 * n ** 3) / (ms * 1e6)).toFixed(2)) }),
        dispose: () => tree.dispose([a, b]),
      };
    }
    case "B2": {
      const x = np.array(chainInput()).reshape([B2_SIZE]);
      const f = jit(chain);
      return {
        body: async () => (await f(x.ref).blockUntilReady()).dispose(),
        check: () => total(f(x.ref)),
        dispose: () => {
          x.dispose();
          f.dispose();
        },
      };
    }
    case "B5": {
      const data = logregInputs();
      const x = np.array(data.x).reshape([B5.batch, B5.features]);
      const y = np.array(data.y);
      const w = np.array(data.w);
      const b = np.array(data.b).reshape([]);
      const f = jit(vmap(grad(logregLoss, { argnums: [0, 1] }), [null, null, 0, 0]));
      const run = () => f(w.ref, b.ref, x.ref, y.ref) as unknown as [JArray, JArray];
      return {
        body: async () => tree.dispose(await blockUntilReady(run())),
        check: () => {
          const [gw, gb] = run();
          return total(gw) + total(gb);
        },
        dispose: () => {
          tree.dispose([x, y, w, b]);
          f.dispose();
        },
      };
    }
    case "B3":
    case "B4":
    case "B6":
    case "B7":
      throw new Error(`unreachable: ${bench} is made asynchronously`);
  }
}

/** B3, whose first call must be awaited to time it. */
async function makeB3(): Promise<Case> {
  const data = mlpInputs();
  const x = np.array(data.x).reshape([B3.batch, 784]);
  const y = np.array(data.y).reshape([B3.batch, 10]);
  const [l1, l2, l3] = data.layers.map((l) => ({ w: np.array(l.w).reshape([l.fanIn, l.fanOut]), b: np.array(l.b) }));
  const params: Params = { w1: l1!.w, b1: l1!.b, w2: l2!.w, b2: l2!.b, w3: l3!.w, b3: l3!.b };
  return stepCase(jit(mlpStep), params, [x, y]);
}

/** B7's linear model. */
type Linear = { w: JArray; b: JArray };

/** B7: one full-batch gradient-descent step (x and y are consumed, p is replaced). */
function digitsStep(p: Linear, x: JArray, y: JArray): Linear {
  const loss = (q: Linear) => np.mean(np.sum(nn.logSoftmax(np.matmul(x, q.w).add(q.b)).mul(y), -1)).mul(-1);
  const g = grad(loss)(tree.ref(p)) as Linear;
  return { w: p.w.sub(g.w.mul(B7.lr)), b: p.b.sub(g.b.mul(B7.lr)) };
}

/** B7: 500 jitted steps from zero, awaited at the end, then the train accuracy. */
async function makeB7(): Promise<Case> {
  const data = digitsInputs();
  const x = np.array(data.x).reshape([data.rows, B7.features]);
  const y = np.array(data.y).reshape([data.rows, B7.classes]);
  const step = jit(digitsStep);
  let last: Linear | undefined;
  const train = async () => {
    if (last !== undefined) tree.dispose(last);
    let p: Linear = { w: np.zeros([B7.features, B7.classes]), b: np.zeros([B7.classes]) };
    for (let i = 0; i < B7.steps; i++) p = step(p, x.ref, y.ref);
    last = await blockUntilReady(p);
  };
  return {
    body: train,
    checkName: "trainAccuracy",
    check: () => {
      if (last === undefined) return NaN;
      const logits = np.matmul(x.ref, last.w.ref).add(last.b.ref);
      return accuracy(logits.dataSync() as Float32Array, data.labels, B7.classes);
    },
    dispose: () => {
      tree.dispose([x, y]);
      if (last !== undefined) tree.dispose(last);
      step.dispose();
    },
  };
}

/** Starts the wasm device (single-threaded under Node 20: it has no global Worker, so no worker pool). */
export async function jaxjsSuite(): Promise<Suite> {
  const devices = await init("wasm");
  if (!devices.includes("wasm")) throw new Error(`jax-js: wasm device unavailable (got ${devices.join(", ")})`);
  defaultDevice("wasm");
  const threads = typeof SharedArrayBuffer !== "undefined" && "Worker" in globalThis ? "worker pool" : "1 thread (no global Worker in Node)";
  return {
    system: "jax-js-wasm",
    info: `@jax-js/jax 0.1.25 wasm device, jit for B2-B7, eager matmul for B1, ${threads}; B4 lax.conv + lax.reduceWindow(max) in NCHW/OIHW (its only layout; data transposed at setup), B6 embedding by np.take`,
    make: (bench) => {
      const async = { B3: makeB3, B4: convCase, B6: transformerCase, B7: makeB7 } as const;
      return bench in async ? async[bench as keyof typeof async]() : makeCase(bench);
    },
  };
}
