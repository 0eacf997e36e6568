import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import { decodeBinary, decodeJson, encodeBinary, encodeJson, formatErrors, jsonCodec } from "../../../models/checkpoint/index.js";

// Hostile keys are kept as plain own data properties (as core/tree.ts does), never as prototypes.
const objectPrototypeKeys = Reflect.ownKeys(Object.prototype);
const polluted = () => (({}) as Record<string, unknown>)["polluted"];

afterEach(() => {
  expect(Reflect.ownKeys(Object.prototype)).toEqual(objectPrototypeKeys);
  expect(polluted()).toBeUndefined();
});

const document = (tree: unknown) => `{"format":"tessera-checkpoint","version":1,"tree":${tree}}`;
const pollutingRecord = '{"kind":"record","fields":{"polluted":{"kind":"boolean","value":true}}}';

function right(result: E.Either<readonly { path: string; message: string }[], unknown>): Record<string, unknown> {
  if (E.isLeft(result)) return expect.fail(formatErrors(result.left));
  return result.right as Record<string, unknown>;
}

describe("hostile record keys", () => {
  for (const key of ["__proto__", "constructor", "prototype"]) {
    it(`a "${key}" key decodes to an own data property and pollutes nothing`, () => {
      const text = document(`{"kind":"record","fields":{"${key}":${pollutingRecord},"w":{"kind":"number","value":1}}}`);
      const result = right(decodeJson(text));
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
      expect(Object.keys(result)).toEqual([key, "w"]);
      const descriptor = Object.getOwnPropertyDescriptor(result, key);
      expect(descriptor?.enumerable && descriptor.writable && "value" in descriptor).toBe(true);
      expect((descriptor?.value as Record<string, unknown>)["polluted"]).toBe(true);
      expect((result as { polluted?: unknown }).polluted).toBeUndefined();
    });
  }

  it("a tree with a __proto__ key round-trips through both forms", () => {
    const value = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": 2}}') as Record<string, unknown>;
    const withArray = { ...value, w: np.array([1, 2]) };
    for (const restored of [right(decodeJson(encodeJson(withArray))), right(decodeBinary(encodeBinary(withArray)))]) {
      expect(Object.keys(restored)).toEqual(["__proto__", "constructor", "w"]);
      expect(Object.getPrototypeOf(restored)).toBe(Object.prototype);
      expect(restored["__proto__"]).toEqual({ polluted: 1 });
    }
  });

  it("a __proto__ key in the template is matched as data too", () => {
    const template = JSON.parse('{"__proto__": {"w": 0}}') as unknown;
    expect(E.isRight(decodeJson(document(`{"kind":"record","fields":{"__proto__":{"kind":"record","fields":{"w":{"kind":"number","value":3}}}}}`), template))).toBe(true);
    const missing = decodeJson(document('{"kind":"record","fields":{}}'), template);
    expect(E.isLeft(missing) && formatErrors(missing.left)).toBe('__proto__: missing from the checkpoint; the template expects a record with keys ["w"]');
  });

  it("node fields named __proto__ or constructor are unexpected fields, not inherited values", () => {
    const result = decodeJson(document('{"__proto__":{"kind":"null"}}'));
    expect(E.isLeft(result) && formatErrors(result.left)).toBe('checkpoint: expected a node (an object with a "kind" field), got an object with keys ["__proto__"]');
    const extra = decodeJson(document('{"kind":"null","constructor":{"prototype":{"polluted":true}}}'));
    expect(E.isLeft(extra) && formatErrors(extra.left)).toBe('checkpoint: a null node has the unexpected field "constructor"');
    const envelope = decodeJson('{"format":"tessera-checkpoint","version":1,"tree":{"kind":"null"},"__proto__":{"polluted":true}}');
    expect(E.isLeft(envelope) && formatErrors(envelope.left)).toBe('checkpoint: unexpected top-level fields "__proto__"');
  });

  it("a document whose envelope fields are only inherited is rejected", () => {
    const inherited = Object.create({ format: "tessera-checkpoint", version: 1, tree: { kind: "null" } }) as unknown;
    expect(E.isLeft(jsonCodec().decode(inherited))).toBe(true);
    const inheritedKind = { format: "tessera-checkpoint", version: 1, tree: Object.create({ kind: "null" }) as unknown };
    expect(E.isLeft(jsonCodec().decode(inheritedKind))).toBe(true);
    expect(E.isRight(jsonCodec().decode({ ...inheritedKind, tree: { kind: "null" } }))).toBe(true);
  });
});
