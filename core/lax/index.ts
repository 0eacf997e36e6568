/**
 * The `lax` namespace: tessera's primitives without numpy's conveniences, for power users and
 * for code that wants exact control (as jax.lax).
 */
export * from "./primitives.js";
export * from "./contract.js";
export * as linalg from "./linalg.js";
export * from "./bits.js";
export * from "./building.js";
export * from "./aliases.js";
export * from "./select-n.js";
