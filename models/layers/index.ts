/**
 * The layers library (`models.layers`): each layer a module (models/module.ts) made by a factory
 * that holds its sizes and options. Combine them with `models.sequential`, `residual`,
 * `parallel` and `concat`.
 */
export * from "./dense.js";
export * from "./recurrent-cell.js";
export * from "./gru.js";
export * from "./lstm.js";
export * from "./rnn.js";
