/**
 * tessera: JAX for TypeScript, done the functional way. Pure functions over immutable typed
 * arrays, with numpy's API (`np`), neural-network helpers (`nn`), raw primitives (`lax`),
 * explicit-key random numbers (`random`) and pytrees (`tree`).
 *
 * @example
 * import { np, random } from "tessera";
 * const x = random.normal(random.key(0), [3, 3]);
 * np.matmul(x, x.T).sum();
 */
export * as np from "./core/numpy/index.js";
export * as nn from "./core/nn.js";
export * as lax from "./core/lax/index.js";
export * as random from "./core/random.js";
export * as tree from "./core/tree.js";
export { ArrayValue, NdArray } from "./core/ndarray.js";
export type { ArrayOrScalar, IndexSpec, Scalar } from "./core/ndarray.js";
export type { DType } from "./core/dtype.js";
export type { Shape } from "./core/shape.js";
export { TesseraError } from "./core/errors.js";
