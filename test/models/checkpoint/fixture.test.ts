import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { ArrayValue } from "../../../core/ndarray.js";
import { decodeBinary, decodeJson, encodeBinary, encodeJson, formatErrors, type CheckpointTree } from "../../../models/checkpoint/index.js";
import { loadFixture, nonEmpty } from "../../helpers.js";

// Both forms, versions 2 and 1, written by test/fixtures/generate_checkpoint.py from the format descriptions alone.
interface Fixture {
  readonly json: string;
  readonly binary: string;
  readonly json_v1: string;
  readonly binary_v1: string;
  readonly leaves: readonly { readonly path: string; readonly dtype: string; readonly shape: number[]; readonly hex: string }[];
}
const fixture = loadFixture<Fixture>("checkpoint");
const binary = new Uint8Array(Buffer.from(fixture.binary, "base64"));
const binaryV1 = new Uint8Array(Buffer.from(fixture.binary_v1, "base64"));

function right<A>(result: E.Either<readonly { path: string; message: string }[], A>): A {
  if (E.isLeft(result)) expect.fail(formatErrors(result.left));
  return result.right;
}

/** Every array leaf with its path (`["params"]["layers"][0]["w"]`), dtype, shape and little-endian bytes in hex. */
function arrayLeaves(value: unknown, path = ""): { path: string; dtype: string; shape: number[]; hex: string }[] {
  if (value instanceof ArrayValue) {
    const data = value.toTypedArray();
    return [{ path, dtype: value.dtype, shape: [...value.shape], hex: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("hex") }];
  }
  if (Array.isArray(value)) return value.flatMap((item: unknown, i) => arrayLeaves(item, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) {
    return Object.keys(value)
      .sort()
      .flatMap((key) => arrayLeaves((value as Record<string, unknown>)[key], `${path}[${JSON.stringify(key)}]`));
  }
  return [];
}

function expectScalars(tree: CheckpointTree): void {
  const record = tree as Record<string, unknown>;
  expect(record["lr"]).toBe(0.001);
  expect(record["nan"]).toBeNaN();
  expect(Object.is(record["minus_zero"], -0)).toBe(true);
  expect(record["nesterov"]).toBe(true);
  expect(record["schedule"]).toBeNull();
  expect(record['odd key "x"']).toEqual([[], {}]);
}

describe("checkpoints written by an independent (numpy) writer", () => {
  it("the JSON form decodes to every leaf's exact bytes, NaN payloads and -0 included", () => {
    const tree = right(decodeJson(fixture.json));
    expect(arrayLeaves(tree)).toEqual(nonEmpty(fixture.leaves, "checkpoint leaves"));
    expectScalars(tree);
  });

  it("the binary form decodes to the same leaves", () => {
    const tree = right(decodeBinary(binary));
    expect(arrayLeaves(tree)).toEqual(fixture.leaves);
    expectScalars(tree);
  });

  it("version-1 files (no checksums) still decode to the same leaves", () => {
    for (const tree of [right(decodeJson(fixture.json_v1)), right(decodeBinary(binaryV1))]) {
      expect(arrayLeaves(tree)).toEqual(fixture.leaves);
      expectScalars(tree);
    }
  });

  it("the independent writer's checksums are the ones tessera verifies: a changed byte is a checksum mismatch", () => {
    const damaged = binary.slice();
    damaged[damaged.length - 1]! ^= 1; // the last byte of the last array's data
    const errors = decodeBinary(damaged);
    expect(E.isLeft(errors) && formatErrors(errors.left)).toMatch(/checksum mismatch/);
    const edited = fixture.json.replace('"lr":{"kind":"number","value":0.001}', '"lr":{"kind":"number","value":0.002}');
    expect(edited).not.toBe(fixture.json);
    const jsonErrors = decodeJson(edited);
    expect(E.isLeft(jsonErrors) && formatErrors(jsonErrors.left)).toMatch(/checksum mismatch/);
  });

  it("tessera writes exactly the same version-2 JSON text and binary bytes", () => {
    const tree = right(decodeJson(fixture.json));
    expect(encodeJson(tree)).toBe(fixture.json);
    expect(Buffer.from(encodeBinary(tree)).toString("base64")).toBe(fixture.binary);
  });

  it("the binary form is smaller than the JSON form", () => {
    expect(binary.length).toBeLessThan(new TextEncoder().encode(fixture.json).length);
  });
});
