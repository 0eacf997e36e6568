/**
 * The public `scipy` namespace: jax.scipy.special (`scipy.special`) and jax.scipy.stats
 * (`scipy.stats`). It lives with the transforms because several special functions carry JAX's own
 * derivative rules (customJvp), which core cannot import.
 */
export * as special from "./special/index.js";
export * as stats from "./stats/index.js";
