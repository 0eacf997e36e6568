/**
 * `chain` composes transformations in order, and with `identity` it forms a monoid
 * (`chainMonoid`, an fp-ts `Monoid`).
 *
 * Chains are kept flat: a chain inside a chain is spliced into the outer one, `identity` (the
 * chain of nothing) disappears, and a chain of a single transformation is that transformation.
 * So `chain(chain(a, b), c)` and `chain(a, chain(b, c))` are the same chain of `[a, b, c]`, and
 * `chain(identity(), a)` is `a`: the monoid laws hold for the updates and for the states as
 * pytrees (same structure, same leaves), with no equivalence up to nesting needed.
 *
 * The state of a chain is a record with one entry per part, keyed by the part's name; a name
 * that occurs again gets the suffix `_1`, `_2`, ... (`chain(scale(2), scale(3))` keeps
 * `{ scale, scale_1 }`). The record's type follows, so `adam(...).init(params).scaleByAdam.mu`
 * has the params' type.
 *
 * @example
 * const optimizer = chain(clipByGlobalNorm(1), scaleByAdam(), scaleByLearningRate(1e-3));
 * const state = optimizer.init(params); // { clipByGlobalNorm: {}, scaleByAdam: { count, mu, nu }, scaleByLearningRate: { count } }
 * const [updates, next] = optimizer.update(grads, state, params);
 */
import type { Monoid } from "fp-ts/Monoid";
import { fail } from "../../core/errors.js";
import { checkTransformation } from "./checks.js";
import { defineTransformation, type AnyTransformation, type GradientTransformation, type StateFamily, type StateOf, type StatesOf } from "./transformation.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A chain of two or more transformations (or none: `identity`), applied in order; `parts` lists them. */
export interface Chain<Parts extends readonly AnyTransformation[]> extends GradientTransformation<ChainStates<Parts>, "chain"> {
  readonly parts: Parts;
}

/** The state family of a chain: one entry per part, keyed by the part's name (see the module comment). */
export interface ChainStates<Parts extends readonly AnyTransformation[]> extends StateFamily {
  readonly state: ChainState<Parts, this["params"]>;
}

/** The state record of a chain of `Parts` for params of type `P`. */
export type ChainState<Parts extends readonly AnyTransformation[], P> = number extends Parts["length"]
  ? { readonly [key: string]: unknown }
  : Merged<KeyedStates<Parts, P, []>>;

/** One record entry per part: `{ [key]: state } & ...` over the tuple, counting the names already seen. */
type KeyedStates<Parts extends readonly unknown[], P, Seen extends readonly string[]> = Parts extends readonly [
  infer Head extends AnyTransformation,
  ...infer Rest extends readonly AnyTransformation[],
]
  ? { readonly [K in KeyOf<Head["name"], Seen>]: StateOf<StatesOf<Head>, P> } & KeyedStates<Rest, P, [...Seen, Head["name"]]>
  : unknown;

/** A part's key: its name, or `name_k` for its k-th repeat. */
type KeyOf<Name extends string, Seen extends readonly string[]> = Occurrences<Name, Seen> extends 0 ? Name : `${Name}_${Occurrences<Name, Seen>}`;

type Occurrences<Name extends string, Seen extends readonly string[], Found extends readonly unknown[] = []> = Seen extends readonly [
  infer Head,
  ...infer Rest extends readonly string[],
]
  ? Occurrences<Name, Rest, Head extends Name ? [...Found, Head] : Found>
  : Found["length"];

/** An intersection of records as one record (the `infer` makes TypeScript show the merged record, not this alias). */
type Merged<T> = T extends infer U ? { [K in keyof U]: U[K] } : never;

/** The parts of a transformation when chained: a chain's own parts, or the transformation itself. */
type PartsOf<T> = T extends { readonly parts: infer Inner extends readonly AnyTransformation[] } ? Inner : [T];

/** The flat list of parts of a chain of `Ts`. */
export type FlatParts<Ts extends readonly AnyTransformation[]> = number extends Ts["length"]
  ? readonly AnyTransformation[]
  : Ts extends readonly [infer Head, ...infer Rest extends readonly AnyTransformation[]]
    ? [...PartsOf<Head>, ...FlatParts<Rest>]
    : [];

/** What `chain` returns for a flat list of parts: the only part itself, or a `Chain`. */
export type Chained<Parts extends readonly AnyTransformation[]> = Parts extends readonly [infer Only extends AnyTransformation] ? Only : Chain<Parts>;

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** The transformations applied one after the other (each sees the previous one's updates); see the module comment. */
export function chain<Ts extends readonly AnyTransformation[]>(...transformations: Ts): Chained<FlatParts<Ts>> {
  const parts = transformations.flatMap((t, i) => {
    checkTransformation("chain", t, `argument ${i}`);
    return isChain(t) ? t.parts : [t];
  });
  return (parts.length === 1 ? parts[0]! : chainOf(parts)) as Chained<FlatParts<Ts>>;
}

/** The transformation that leaves updates as they are, with an empty state: the chain of no transformations. */
export function identity(): Chain<[]> {
  return chainOf([]) as unknown as Chain<[]>;
}

// -------------------------------------------------------------------------------------
// instances
// -------------------------------------------------------------------------------------

/**
 * `chain` as an fp-ts `Monoid` with `identity` as its unit (the types of the states are forgotten).
 *
 * @example
 * import { concatAll } from "fp-ts/Monoid";
 * const optimizer = concatAll(chainMonoid)([clipByGlobalNorm(1), scaleByAdam(), scaleByLearningRate(1e-3)]);
 */
export const chainMonoid: Monoid<AnyTransformation> = {
  concat: (first, second) => chain(first, second),
  empty: identity(),
};

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

function isChain(t: AnyTransformation): t is Chain<readonly AnyTransformation[]> {
  return t.name === "chain" && Array.isArray((t as { parts?: unknown }).parts);
}

/** The state keys of a flat list of parts: each name, or `name_k` for its k-th repeat. */
function stateKeys(parts: readonly AnyTransformation[]): string[] {
  const seen = new Map<string, number>();
  const keys = parts.map((part) => {
    const k = seen.get(part.name) ?? 0;
    seen.set(part.name, k + 1);
    return k === 0 ? part.name : `${part.name}_${k}`;
  });
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate !== undefined) {
    fail("chain", `two parts would keep their state under the key "${duplicate}" (names [${parts.map((p) => p.name).join(", ")}]); rename the transformation whose name ends in a numeric suffix`);
  }
  return keys;
}

function chainOf(parts: readonly AnyTransformation[]): Chain<readonly AnyTransformation[]> {
  const keys = stateKeys(parts);
  type State = Readonly<Record<string, unknown>>;
  const transformation = defineTransformation<ChainStates<readonly AnyTransformation[]>, "chain">(
    "chain",
    (params) => Object.fromEntries(parts.map((part, i) => [keys[i]!, part.init(params)])),
    (grads, state: State, params) => {
      const next: [string, unknown][] = [];
      let updates = grads;
      parts.forEach((part, i) => {
        const key = keys[i]!;
        if (!Object.prototype.hasOwnProperty.call(state, key)) fail("update", `the state has no entry "${key}" (it has [${Object.keys(state).join(", ")}]); was it made by this optimizer's init?`);
        const [partUpdates, partState] = part.update(updates, state[key], params);
        updates = partUpdates;
        next.push([key, partState]);
      });
      return [updates, Object.fromEntries(next)];
    },
  );
  return Object.freeze({ ...transformation, parts: Object.freeze([...parts]) });
}
