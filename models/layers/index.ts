/**
 * The layers library (`models.layers`): each layer a module (models/module.ts) made by a factory
 * that holds its sizes and options. Combine them with `models.sequential`, `residual`,
 * `parallel` and `concat`.
 */
export * from "./dense.js";
export * from "./conv.js";
export * from "./pool.js";
export * from "./batch-norm.js";
export * from "./norm.js";
export * from "./dropout.js";
export * from "./embedding.js";
export * from "./attention.js";
export * from "./positional.js";
