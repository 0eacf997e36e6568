import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import * as tree from "../../../core/tree.js";
import * as optim from "../../../models/optim/index.js";
import { valueAndGrad } from "../../../transforms/autodiff.js";
import { jit } from "../../../transforms/jit/jit.js";
import { expectClose } from "../../helpers.js";

type Params = { readonly w: ArrayValue; readonly b: ArrayValue };
const [kw, kx, ky] = [...random.split(random.key(5), 3)] as [random.Key, random.Key, random.Key];
const params: Params = { w: random.normal(kw, [3, 2]), b: np.zeros([2]) };
const x = random.normal(kx, [16, 3]);
const y = random.normal(ky, [16, 2]);
const loss = (p: Params) => np.mean(np.square(np.subtract(np.add(np.matmul(x, p.w), p.b), y)));

const lr = optim.cosineDecay({ initValue: 0.05, decaySteps: 8 });
const optimizers: Record<string, optim.AnyTransformation> = {
  sgd: optim.sgd({ learningRate: 0.1 }),
  "sgd nesterov, scheduled": optim.sgd({ learningRate: lr, momentum: 0.9, nesterov: true }),
  adam: optim.adam({ learningRate: lr }),
  "adamw, masked": optim.adamw({ learningRate: 0.05, weightDecay: 0.1, mask: (leaf) => leaf.ndim === 2 }),
  rmsprop: optim.rmsprop({ learningRate: 0.01, momentum: 0.5 }),
  adagrad: optim.adagrad({ learningRate: 0.1 }),
  "clipped chain": optim.chain(optim.clipByGlobalNorm(0.5), optim.masked(optim.trace({ decay: 0.9 }), { w: true, b: false }), optim.scaleByLearningRate(lr)),
};

describe("optimizers under jit", () => {
  for (const [name, optimizer] of Object.entries(optimizers)) {
    it(`${name}: jit(update) equals update over several steps, traced once`, () => {
      const update = (g: Params, s: unknown, p: Params) => optimizer.update(g, s, p);
      const jitted = jit(update);
      let [p, s, pj, sj] = [params, optimizer.init(params), params, optimizer.init(params)];
      for (let step = 0; step < 6; step++) {
        const g = valueAndGrad(loss)(p)[1] as Params;
        const [u, next] = update(g, s, p);
        const [uj, nextJ] = jitted(g, sj, pj);
        tree.leaves(uj).forEach((leaf, i) => expectClose(leaf as ArrayValue, (tree.leaves(u)[i] as ArrayValue).toArray(), { rtol: 1e-6, atol: 1e-9 }));
        tree.leaves(nextJ).forEach((leaf, i) => expectClose(leaf as ArrayValue, (tree.leaves(next)[i] as ArrayValue).toArray(), { rtol: 1e-6, atol: 1e-9 }));
        [p, s, pj, sj] = [optim.applyUpdates(p, u), next, optim.applyUpdates(pj, uj as Params), nextJ];
      }
      expect(jitted.cacheSize()).toBe(1);
    });
  }

  it("a whole jitted training step (loss, gradients, Adam, new params) is traced once and trains as eagerly", () => {
    const optimizer = optim.adam({ learningRate: optim.exponentialDecay({ initValue: 0.1, transitionSteps: 5, decayRate: 0.5 }) });
    type State = ReturnType<typeof optimizer.init<Params>>;
    const step = (p: Params, s: State): [Params, State, ArrayValue] => {
      const [value, grads] = valueAndGrad(loss)(p) as [ArrayValue, Params];
      const [updates, next] = optimizer.update(grads, s, p);
      return [optim.applyUpdates(p, updates), next, value];
    };
    const jitted = jit(step);
    let [p, s] = [params, optimizer.init(params)];
    let [pj, sj] = [params, optimizer.init(params)];
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) {
      let value: ArrayValue;
      [p, s] = step(p, s);
      [pj, sj, value] = jitted(pj, sj);
      losses.push(Number(value.item()));
    }
    expect(jitted.cacheSize()).toBe(1);
    expect(sj.scaleByAdam.count.item()).toBe(20);
    expectClose(pj.w, p.w.toArray(), { rtol: 1e-5, atol: 1e-7 });
    expect(losses[19]!).toBeLessThan(losses[0]! / 2);
  });
});
