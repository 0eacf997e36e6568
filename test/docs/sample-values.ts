/**
 * Sample values the documentation's examples may use without defining them (the scope convention
 * of test/docs/compile.ts), so a one-line example such as `tree.map(params, (p) => p.mul(2))`
 * reads as it would in a user's code. Keep them few and plain.
 */
import { checkpoints, np, random, type ArrayValue } from "../../index.js";

/** A float32 vector `[1, 2, 3]`. */
export const x: ArrayValue = np.array([1, 2, 3]);
/** A float32 vector `[4, 5, 6]`. */
export const y: ArrayValue = np.array([4, 5, 6]);
/** Three float32 arrays that broadcast together (shapes [2, 3], [3] and [1, 3]). */
export const a: ArrayValue = np.array([[1, 2, 3], [4, 5, 6]]);
export const b: ArrayValue = np.array([0.5, -1, 2]);
export const c: ArrayValue = np.array([[3, 2, 1]]);
/** A float32 matrix of shape [3, 2]. */
export const w: ArrayValue = random.normal(random.key(1), [3, 2]);
/** A random key. */
export const key: ArrayValue = random.key(0);
/** Parameters of a linear model from 3 inputs to 2 outputs. */
export const params: { w: ArrayValue; b: ArrayValue } = { w, b: np.zeros([2]) };
/** Gradients with the structure of `params`. */
export const grads: { w: ArrayValue; b: ArrayValue } = { w: np.full([3, 2], 0.1), b: np.full([2], 0.1) };
/** `params` as a JSON checkpoint's text. */
export const text: string = checkpoints.encodeJson(params);
