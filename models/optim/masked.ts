/**
 * `masked(inner, mask)`: a transformation applied to part of the params only, the other updates
 * passed through unchanged. The inner transformation sees the tree with the masked-out leaves
 * replaced by `null` (an empty node), so its state holds nothing for them (optax's `masked`).
 *
 * @example
 * const decayMatrices = masked(addDecayedWeights(1e-4), (leaf) => leaf.ndim >= 2);
 * const frozenEmbedding = masked(scale(0), { embedding: true, layers: false });
 */
import type { ArrayValue } from "../../core/ndarray.js";
import type { MapLeaves } from "../../core/tree.js";
import { checkArity } from "../../core/validate.js";
import { checkTransformation } from "./checks.js";
import { keepMasked, maskLeaves, maskOption, mergeMasked, type Mask } from "./leaf-masks.js";
import { defineTransformation, type GradientTransformation, type StateFamily, type StateOf } from "./transformation.js";

/** The params as a masked transformation's inner part sees them: leaves left out are `null`. */
export type MaskedParams<P> = MapLeaves<P, ArrayValue | null>;

/** The state of `masked`: the inner transformation's state for the masked params. */
export interface MaskedState<S> {
  readonly inner: S;
}

/** The state family of `masked(inner, ...)`, where `inner`'s state family is `S`. */
export interface MaskedStates<S extends StateFamily> extends StateFamily {
  readonly state: MaskedState<StateOf<S, MaskedParams<this["params"]>>>;
}

/** `inner` applied to the leaves `mask` selects (see `Mask`), the other updates left as they are. */
export function masked<S extends StateFamily, N extends string>(inner: GradientTransformation<S, N>, mask: Mask): GradientTransformation<MaskedStates<S>, "masked"> {
  checkTransformation("masked", inner, "inner");
  maskOption("masked", "mask", mask);
  checkArity("masked", arguments, 2);
  return defineTransformation<MaskedStates<S>, "masked">(
    "masked",
    (params) => ({ inner: inner.init(keepMasked(params, maskLeaves("masked", mask, params))) }),
    (grads, state, params) => {
      const flags = maskLeaves("masked", mask, grads);
      const [updates, innerState] = inner.update(keepMasked(grads, flags), state.inner as never, params === undefined ? undefined : keepMasked(params, flags));
      return [mergeMasked(updates, grads, flags), { inner: innerState }];
    },
  );
}
