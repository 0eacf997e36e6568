/**
 * The `np` namespace: numpy's API in camelCase over tessera arrays. Every function is a thin
 * wrapper over `bind`, so it works the same on concrete arrays and under every transform.
 */
export * from "./creation.js";
export * from "./elementwise.js";
export * from "./reductions.js";
export * from "./nan-reductions.js";
export * from "./movement.js";
export * from "./indexing.js";
export * from "./contract.js";
export * from "./einsum.js";
export * as linalg from "./linalg.js";
export * from "./closeness.js";
export * from "./ufuncs.js";
export * from "./aliases.js";
export * from "./manipulation.js";
export * from "./statistics.js";
export * from "./histograms.js";
export * from "./sized.js";
export * from "./index-helpers.js";
export * from "./polynomials.js";
export * from "./polyfit.js";
export * from "./windows.js";
export * from "./arithmetic-more.js";
export * from "./sets.js";
export * from "./building.js";
export * from "./editing.js";
export * from "./placing.js";
export * from "./apply.js";
export * from "./histograms-nd.js";
export * from "./binary-repr.js";
export * from "./bessel.js";
