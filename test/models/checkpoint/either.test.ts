import * as fp from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import * as E from "../../../models/checkpoint/either.js";

const double = (n: number) => 2 * n;
const half = (n: number): fp.Either<string, number> => (n % 2 === 0 ? fp.right(n / 2) : fp.left(`${n} is odd`));

describe("the checkpoint code's Either functions", () => {
  it("build exactly fp-ts's values", () => {
    expect(E.left("no")).toStrictEqual(fp.left("no"));
    expect(E.right(3)).toStrictEqual(fp.right(3));
  });

  it("agree with fp-ts's guards, on values from either side", () => {
    for (const value of [E.left("no"), E.right(3), fp.left("no"), fp.right(3)]) {
      expect(E.isLeft(value)).toBe(fp.isLeft(value));
      expect(E.isRight(value)).toBe(fp.isRight(value));
      expect(E.isLeft(value)).toBe(!E.isRight(value));
    }
  });

  it("agree with fp-ts's mapLeft and chain", () => {
    for (const value of [fp.left(5), fp.right(4), fp.right(3)]) {
      expect(E.mapLeft(double)(value)).toStrictEqual(fp.mapLeft(double)(value));
      expect(E.chain(half)(value as fp.Either<string, number>)).toStrictEqual(fp.chain(half)(value as fp.Either<string, number>));
    }
  });
});
