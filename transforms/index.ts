/**
 * The transforms: grad, vjp, jvp, linearize, vmap and makeJaxpr, composable to any order over
 * pytrees of arrays.
 */
export { grad, jvp, linearize, savedResiduals, valueAndGrad, vjp, vjpWithAux, type GradOptions } from "./autodiff.js";
export { vmap, type VmapOptions } from "./batching.js";
export { checkpoint, customJvp, customVjp, remat } from "./custom.js";
export { makeJaxpr } from "./make-jaxpr.js";
