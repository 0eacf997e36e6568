/**
 * The transforms: grad, vjp, jvp, linearize, vmap, jacobians, custom rules, checkpointing,
 * makeJaxpr and control flow, composable to any order over pytrees of arrays.
 */
export { grad, jvp, linearize, savedResiduals, valueAndGrad, vjp, vjpWithAux, type GradOptions } from "./autodiff.js";
export { vmap, type VmapOptions } from "./vmap.js";
export { checkpoint, customJvp, customVjp, remat } from "./custom.js";
export { hessian, jacfwd, jacrev, type HessianOf, type JacobianOf, type JacobianOptions } from "./jacobian.js";
export { jit, type JitOptions, type Jitted, type Lowered } from "./jit/jit.js";
export { clearCaches } from "./jit/caches.js";
export { makeJaxpr } from "./make-jaxpr.js";
export { cond, switch, whileLoop } from "./control.js";
export { foriLoop, scan, type ScanOptions } from "./scan.js";
