/**
 * The public `lax` namespace: core's primitives (core/lax) plus the control flow that needs the
 * transforms (scan, foriLoop, map, cond, switch, whileLoop) and the special functions scipy.special
 * implements (lax-special.ts), as jax.lax.
 */
export * from "../core/lax/index.js";
export type { ConvDimensionNumbers, WindowPadding } from "../core/primitives.js";
export { cond, switch, whileLoop } from "./control.js";
export { associativeScan, type AssociativeScanOptions } from "./associative-scan.js";
export { customLinearSolve, customRoot, type CustomLinearSolveOptions, type CustomRootOptions } from "./implicit.js";
export { map, type MapOptions } from "./map.js";
export { reduce } from "./reduce.js";
export { scatter, scatterApply, scatterMax, scatterMin, scatterMul, scatterSub, type ScatterApplyOptions, type ScatterDimensionNumbers, type ScatterMode, type ScatterOptions } from "./scatter.js";
export { foriLoop, scan, type ScanOptions } from "./scan.js";
export { besselI0e, besselI1e, betainc, digamma, igamma, igammaGradA, igammac, lgamma, polygamma, zeta } from "./lax-special.js";
