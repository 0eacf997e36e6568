/**
 * tessera: JAX for TypeScript, done the functional way. Pure functions over immutable typed
 * arrays, with numpy's API (`np`), neural-network helpers (`nn`), segment reductions (`ops`), raw
 * primitives and control flow (`lax`), scipy's special functions and distributions (`scipy`),
 * explicit-key random numbers (`random`), pytrees (`tree`), composable transforms (`grad`, `vjp`,
 * `jvp`, `vmap`, `jit`, ...), functional optimizers (`optim`), training utilities and models
 * (`models`: the module protocols, layers, distributions, losses, metrics, data, `fit`), and
 * validated checkpoints (`checkpoints`; `checkpoint` is the rematerialization transform).
 *
 * @example
 * import { grad, np, random } from "tessera";
 * const x = random.normal(random.key(0), [3, 3]);
 * grad((w) => np.matmul(w, w.T).sum())(x);
 */
import { installCore } from "./core/install.js";

// The one registration step (eager evaluation under `bind`, the array methods); see core/install.ts.
installCore();
// Re-exported so the declaration file keeps the array methods' declarations (declaration merging).
export type {} from "./core/array-methods.js";

// Each namespace comes from its `*.public.ts` module: the same functions, checked for extra
// positional arguments (generated from the signatures by test/api/generate-public-api.ts).
export * as np from "./core/numpy/index.public.js";
export * as nn from "./core/nn.public.js";
export * as ops from "./core/ops.public.js";
export * as lax from "./transforms/lax.public.js";
export * as scipy from "./transforms/scipy/index.public.js";
export * as random from "./core/random/index.public.js";
export * as tree from "./core/tree.public.js";
export * as debug from "./core/debug.public.js";
export * as optim from "./models/optim/index.public.js";
export * as models from "./models/index.public.js";
export * as checkpoints from "./models/checkpoint/index.public.js";
export { ArrayValue, NdArray } from "./core/ndarray.js";
export type { ArrayOrScalar, IndexSpec, Scalar } from "./core/ndarray.js";
export type { DType, StorageOf, TypedArray } from "./core/dtype.js";
export type {
  ArithmeticOf, DifferenceOf, DifferenceWith, DtypeFrom, DtypeRule, FloatDType, FloatOf, FromArraySide, IsFraction, ItemOf, NestedDtype, NestedLeaf,
  OperandDtype, QuotientOf, QuotientWith, SameOr, StorageDtype, SumOf, SumWith, WithNumber,
} from "./core/static-dtype.js";
export type { Shape } from "./core/shape.js";
export { TesseraError } from "./core/errors.js";
export {
  checkpoint,
  clearCaches,
  customJvp,
  customVjp,
  evalJaxpr,
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
  stopGradient,
  valueAndGrad,
  vjp,
  vjpWithAux,
  vmap,
} from "./transforms/root.public.js";
export type { GradOptions, HessianOf, JacobianOf, JacobianOptions, JitOptions, Jitted, Lowered, VmapOptions } from "./transforms/index.js";
export type { AnyFunction, AuxOf, GradsOf, OutputOf, TangentOf, TangentsOf } from "./transforms/types.js";
export type { SavedResidual } from "./transforms/autodiff.js";
export { ClosedJaxpr, Jaxpr } from "./core/jaxpr.js";
export type { Atom, Eqn, Lit, Var } from "./core/jaxpr.js";
export type { Aval } from "./core/aval.js";
