/**
 * tessera: JAX for TypeScript, done the functional way. Pure functions over immutable typed
 * arrays, with numpy's API (`np`), neural-network helpers (`nn`), raw primitives and control flow
 * (`lax`), explicit-key random numbers (`random`), pytrees (`tree`), composable transforms
 * (`grad`, `vjp`, `jvp`, `vmap`, `jit`, ...), functional optimizers (`optim`), training utilities
 * and models (`models`: losses, metrics, data, initializers, layers, `fit`), and validated
 * checkpoints (`checkpoints`; `checkpoint` is the rematerialization transform).
 *
 * @example
 * import { grad, np, random } from "tessera";
 * const x = random.normal(random.key(0), [3, 3]);
 * grad((w) => np.matmul(w, w.T).sum())(x);
 */
export * as np from "./core/numpy/index.js";
export * as nn from "./core/nn.js";
export * as lax from "./transforms/lax.js";
export * as random from "./core/random.js";
export * as tree from "./core/tree.js";
export * as optim from "./models/optim/index.js";
export * as models from "./models/index.js";
export * as checkpoints from "./models/checkpoint/index.js";
export { ArrayValue, NdArray } from "./core/ndarray.js";
export type { ArrayOrScalar, IndexSpec, Scalar } from "./core/ndarray.js";
export type { DType } from "./core/dtype.js";
export type { Shape } from "./core/shape.js";
export { TesseraError } from "./core/errors.js";
export {
  checkpoint,
  clearCaches,
  customJvp,
  customVjp,
  grad,
  hessian,
  jacfwd,
  jacrev,
  jit,
  jvp,
  linearize,
  makeJaxpr,
  remat,
  savedResiduals,
  valueAndGrad,
  vjp,
  vjpWithAux,
  vmap,
  type GradOptions,
  type JacobianOptions,
  type JitOptions,
  type VmapOptions,
} from "./transforms/index.js";
export { evalJaxpr, ClosedJaxpr, Jaxpr } from "./core/jaxpr.js";
export { stopGradient } from "./core/lax/primitives.js";
