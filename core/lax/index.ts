/**
 * The `lax` namespace: tessera's primitives without numpy's conveniences, for power users and
 * for code that wants exact control (as jax.lax).
 */
export * from "./primitives.js";
export * from "./contract.js";
export * from "./conv-more.js";
export * from "./conv-shapes.js";
export * from "./ragged-dot.js";
export * as linalg from "./linalg.js";
export * from "./bits.js";
export * from "./building.js";
export * from "./aliases.js";
export * from "./select-n.js";
