/**
 * What `jit` does to a program: `npx tsx examples/jit.ts`.
 *
 * 1. An elementwise chain becomes one generated loop (its source is printed).
 * 2. A softmax cross-entropy gradient: the optimized jaxpr, its steps and the memory plan.
 * 3. An MLP training step eager vs jitted: the same numbers, less time, and no intermediate
 *    buffers allocated per call.
 * 4. jit composes: grad(jit(f)), vmap(jit(f)) and jit inside a loop body.
 * 5. Random numbers under jit: the threefry hash fuses with the sampler into one loop, with the
 *    same bits as the eager call; vmap over keys gives each row its own key.
 */
import { grad, jit, lax, nn, np, random, tree, valueAndGrad, vmap, type ArrayValue } from "../index.js";

const line = (title: string) => console.log(`\n== ${title} ==`);

line("1. An elementwise chain is one kernel");
const chain = (x: ArrayValue) => np.tanh(x.mul(1.5).add(0.5)).mul(nn.sigmoid(x)).sub(x.mul(x));
const lowered = jit(chain).lower(np.ones([1000]));
console.log(`${lowered.steps.length} step(s): ${lowered.steps.join(", ")}`);
console.log(lowered.kernels[0]);

line("2. The gradient of a softmax cross-entropy");
const labels = nn.oneHot(np.array([3, 1, 4, 1], { dtype: "int32" }), 10);
const crossEntropy = (logits: ArrayValue) => np.mean(np.sum(nn.logSoftmax(logits).mul(labels), { axis: -1 })).neg();
const gradient = jit(grad(crossEntropy)).lower(random.normal(random.key(0), [4, 10]));
console.log(String(gradient).split("\n\nkernel 0:")[0]);

line("3. An MLP training step, eager and jitted");
type Params = { w1: ArrayValue; b1: ArrayValue; w2: ArrayValue; b2: ArrayValue };
const [k1, k2, k3] = [...random.split(random.key(1), 3)] as [random.Key, random.Key, random.Key];
const params: Params = { w1: random.normal(k1, [784, 256]).mul(0.05), b1: np.zeros([256]), w2: random.normal(k2, [256, 10]).mul(0.05), b2: np.zeros([10]) };
const x = random.normal(k3, [128, 784]);
const y = nn.oneHot(random.randint(k3, [128], 0, 10), 10);
const loss = (p: Params) => np.mean(np.sum(nn.logSoftmax(nn.relu(x.matmul(p.w1).add(p.b1)).matmul(p.w2).add(p.b2)).mul(y), { axis: -1 })).neg();
const step = (p: Params): [Params, ArrayValue] => {
  const [value, g] = valueAndGrad(loss)(p);
  return [tree.map2(p, g as Params, (w: ArrayValue, d: ArrayValue) => w.sub(d.mul(0.01))) as Params, value];
};
const jitted = jit(step);
const timeIt = (f: typeof step) => {
  let p = params;
  for (let i = 0; i < 3; i++) p = f(p)[0];
  const start = performance.now();
  for (let i = 0; i < 20; i++) p = f(p)[0];
  return { ms: (performance.now() - start) / 20, last: f(p)[1] };
};
const [eager, compiled] = [timeIt(step), timeIt(jitted)];
console.log(`eager ${eager.ms.toFixed(2)} ms/step, jit ${compiled.ms.toFixed(2)} ms/step; losses after 24 steps: ${Number(eager.last.item()).toFixed(6)} and ${Number(compiled.last.item()).toFixed(6)}`);
const plan = jitted.lower(params).plan;
console.log(`memory plan: ${plan.slotOf.size} intermediates share ${plan.slots.length} buffers, allocated on the first call; each call allocates only its results`);

line("4. jit composes with the other transforms");
const f = jit((v: ArrayValue) => np.sum(np.sin(v).mul(v)));
const v = np.array([0.5, 1, 2]);
console.log("grad(jit(f)) =", grad(f)(v), "\nvmap(jit(f)) =", vmap(f)(np.stack([v, v.mul(2)])));
const loop = jit((h: ArrayValue) => lax.foriLoop(0, 10, (_i: ArrayValue, c: ArrayValue) => np.tanh(c.mul(1.1)), h));
console.log("a jitted loop (its body compiled too) =", loop(v));

line("5. Random numbers under transforms");
const noise = jit((k: random.Key) => random.normal(k, [4]));
const sameBits = String(noise(random.key(0)).toTypedArray()) === String(random.normal(random.key(0), [4]).toTypedArray());
console.log(`jit(normal) runs as: ${noise.lower(random.key(0)).steps.join(", ")} (the counters, then hash and sampler in one loop); equal to eager: ${sameBits}`);
const perKey = vmap((k: random.Key) => random.uniform(k, [2]))(random.split(random.key(0), 3));
console.log("vmap(uniform) over 3 keys, one row per key =", perKey);
