/**
 * Functional optimizers, as in Optax: an optimizer is a `GradientTransformation`, a pair of pure
 * functions `init(params) -> state` and `update(grads, state, params?) -> [updates, state]`
 * over pytrees, with its state in named records. Small building blocks (`scaleByAdam`, `trace`,
 * `clipByGlobalNorm`, ...) compose with `chain` (a monoid with `identity`); the named optimizers
 * (`sgd`, `adam`, `adamw`, `rmsprop`, `adagrad`) are such chains. Learning rates are numbers or
 * schedules of the step count, which the state keeps as an int32 array so that a jitted training
 * step is traced once.
 *
 * @example
 * import { grad, jit, np, optim, random, type ArrayValue } from "tessera"; // optim is this module
 *
 * type Params = { w: ArrayValue };
 * type Batch = { x: ArrayValue; y: ArrayValue };
 * const loss = (p: Params, batch: Batch) => np.mean(np.square(batch.x.matmul(p.w).sub(batch.y)));
 * const params: Params = { w: np.zeros([3, 1]) };
 * const batches: Batch[] = [0, 1, 2].map((i) => ({ x: random.normal(random.key(i), [8, 3]), y: np.ones([8, 1]) }));
 * const optimizer = optim.chain(
 *   optim.clipByGlobalNorm(1),
 *   optim.adamw({ learningRate: optim.warmupCosineDecay({ initValue: 0, peakValue: 1e-3, warmupSteps: 100, decaySteps: 2000 }), weightDecay: 1e-2 }),
 * );
 * const step = jit((params: Params, state: typeof initial, batch: Batch) => {
 *   const [updates, next] = optimizer.update(grad(loss)(params, batch), state, params);
 *   return [optim.applyUpdates(params, updates), next] as const;
 * });
 * const initial = optimizer.init(params); // { clipByGlobalNorm: {}, scaleByAdam: { count, mu, nu }, addDecayedWeights: { count }, scaleByLearningRate: { count } }
 * let [p, s] = [params, initial];
 * for (const batch of batches) [p, s] = step(p, s, batch);
 */
export * from "./transformation.js";
export * from "./chain.js";
export * from "./building-blocks.js";
export * from "./masked.js";
export type { Mask } from "./leaf-masks.js";
export * from "./optimizers.js";
export * from "./schedules.js";
