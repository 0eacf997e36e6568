/**
 * The few `Either` functions the checkpoint code calls, building fp-ts's own values
 * (`{ _tag: "Left", left }`, `{ _tag: "Right", right }`) under fp-ts's own types, so callers
 * keep using fp-ts (and io-ts, whose results are these same values) on what checkpoints return.
 *
 * Why not import them from fp-ts: the only run-time path to fp-ts's `Either` that Node's ESM
 * loader accepts is `fp-ts/lib/Either.js`, a CommonJS module that bundlers cannot tree-shake,
 * and it pulls most of fp-ts/lib into a browser bundle (about 27 KB minified) for these six
 * one-liners. (`fp-ts/Either` is a directory, which Node's ESM loader refuses; `fp-ts/es6/*` has
 * extensionless imports and no `"type": "module"`, which it refuses too.)
 */
import type { Either, Left, Right } from "fp-ts/lib/Either.js";

export type { Either, Left, Right };

/** A failure holding `e` (fp-ts's `left`). */
export const left = <E = never, A = never>(e: E): Either<E, A> => ({ _tag: "Left", left: e });

/** A success holding `a` (fp-ts's `right`). */
export const right = <E = never, A = never>(a: A): Either<E, A> => ({ _tag: "Right", right: a });

/** True when `ma` is a failure (fp-ts's `isLeft`). */
export const isLeft = <E>(ma: Either<E, unknown>): ma is Left<E> => ma._tag === "Left";

/** True when `ma` is a success (fp-ts's `isRight`). */
export const isRight = <A>(ma: Either<unknown, A>): ma is Right<A> => ma._tag === "Right";

/** `f` applied to a failure, a success passed on (fp-ts's `mapLeft`, data last). */
export const mapLeft =
  <E, G>(f: (e: E) => G) =>
  <A>(fa: Either<E, A>): Either<G, A> =>
    isLeft(fa) ? left(f(fa.left)) : fa;

/** The next step run on a success, a failure passed on (fp-ts's `chain`, data last). */
export const chain =
  <E, A, B>(f: (a: A) => Either<E, B>) =>
  (ma: Either<E, A>): Either<E, B> =>
    isLeft(ma) ? ma : f(ma.right);
