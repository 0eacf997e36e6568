import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import { decodeJson, encodeJson, formatErrors, jsonCodec, type CheckpointError } from "../../../models/checkpoint/index.js";
import { toCheckpointErrors } from "../../../models/checkpoint/codecs.js";
import { crc32c } from "../../../models/checkpoint/crc32c.js";

const f32 = (values: number[], shape?: number[]) => np.array(values, { dtype: "float32", ...(shape === undefined ? {} : { shape }) });

function errorsOf(result: E.Either<CheckpointError[], unknown>): string[] {
  if (E.isRight(result)) return expect.fail("expected a Left, got a Right");
  return formatErrors(result.left).split("\n");
}

/** A version-1 JSON checkpoint (no checksums, still read) around a hand-written tree node. */
const document = (tree: unknown) => JSON.stringify({ format: "tessera-checkpoint", version: 1, tree });
const arrayNode = (dtype: string, shape: unknown, data: string) => ({ kind: "array", dtype, shape, data });

const params = {
  layers: [
    { w: f32([1, 2, 3, 4, 5, 6], [2, 3]), b: f32([0, 0, 0]) },
    { w: f32([1, 2, 3], [3, 1]), b: f32([0.5]) },
  ],
  step: np.array(3, { dtype: "int32" }),
};

describe("the JSON form", () => {
  it("writes the documented example byte for byte, with its checksums", () => {
    const text = encodeJson({ b: f32([1, 2]), step: np.array(7, { dtype: "int32" }) });
    const b = crc32c(new Uint8Array([0, 0, 0x80, 0x3f, 0, 0, 0, 0x40]));
    const step = crc32c(new Uint8Array([7, 0, 0, 0]));
    // The canonical text of checksums.ts: keys as UTF-16LE hex ("b" is 6200), arrays with their checksums.
    const structure = crc32c(new TextEncoder().encode(`{k6200:afloat32[2]${b};k7300740065007000:aint32[]${step};}`));
    expect(text).toBe(
      '{"format":"tessera-checkpoint","version":2,"tree":{"kind":"record","fields":{' +
        `"b":{"kind":"array","dtype":"float32","shape":[2],"data":"AACAPwAAAEA=","crc32c":${b}},` +
        `"step":{"kind":"array","dtype":"int32","shape":[],"data":"BwAAAA==","crc32c":${step}}}},"crc32c":${structure}}`,
    );
  });

  it("the structure checksum covers numbers bit for bit, and ignores spacing and field order", () => {
    expect(JSON.parse(encodeJson(1)).crc32c).toBe(crc32c(new TextEncoder().encode("n3ff0000000000000;")));
    expect(JSON.parse(encodeJson([NaN, -0, true, null, undefined])).crc32c).toBe(crc32c(new TextEncoder().encode("[n7ff8000000000000;n8000000000000000;t;N;U;]")));
    const document = JSON.parse(encodeJson(params)) as Record<string, unknown>;
    const reordered = JSON.stringify({ crc32c: document["crc32c"], tree: document["tree"], version: 2, format: "tessera-checkpoint" }, null, 2);
    expect(E.isRight(decodeJson(reordered, params))).toBe(true);
  });

  it("any change to data or structure is a checksum mismatch naming where", () => {
    const text = encodeJson(params);
    const edits: [string, string, RegExp][] = [
      ['"data":"AAAAPw=="', '"data":"AACAPw=="', /^layers\[1\]\.b: checksum mismatch: the data of this f32\[1\] array has CRC-32C 0x[0-9a-f]{8}, but the file records 0x[0-9a-f]{8}; the file is damaged or was edited$/],
      ['"shape":[3,1]', '"shape":[1,3]', /^checkpoint: checksum mismatch: the tree's structure \(kinds, keys, dtypes, shapes, numbers, booleans\) has CRC-32C/],
      ['"step"', '"stop"', /^checkpoint: checksum mismatch: the tree's structure/],
      ['"crc32c":', '"crc32c":1', /checksum mismatch/],
    ];
    for (const [from, to, expected] of edits) {
      expect(text).toContain(from);
      const errors = errorsOf(decodeJson(text.replace(from, to)));
      expect(errors.some((e) => expected.test(e)), errors.join("\n")).toBe(true);
    }
  });

  it("still reads version 1, which has no checksums", () => {
    const restored = decodeJson(document({ kind: "list", items: [arrayNode("float32", [2], "AACAPwAAAEA="), { kind: "number", value: 3 }] }));
    expect(E.isRight(restored) && (restored.right as [{ toArray(): number[] }, number])[0].toArray()).toEqual([1, 2]);
    expect(errorsOf(decodeJson(JSON.stringify({ format: "tessera-checkpoint", version: 2, tree: { kind: "null" } })))).toEqual(['checkpoint: a version-2 checkpoint needs the field "crc32c"']);
    expect(errorsOf(decodeJson(JSON.stringify({ format: "tessera-checkpoint", version: 1, tree: { kind: "null" }, crc32c: 0 })))).toEqual(['checkpoint: unexpected top-level fields "crc32c"']);
  });

  it("decodes to fresh arrays with the saved values, dtypes and shapes", () => {
    const restored = decodeJson(encodeJson(params), params);
    if (E.isLeft(restored)) return expect.fail(formatErrors(restored.left));
    const { layers, step } = restored.right;
    expect(layers[0].w.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(layers[1].b.toArray()).toEqual([0.5]);
    expect(step.dtype).toBe("int32");
    expect(step.shape).toEqual([]);
    expect(step.item()).toBe(3);
    expect(layers[0].w).not.toBe(params.layers[0]!.w);
  });

  it("accepts {shape, dtype} specs in the template", () => {
    const template = { w: { shape: [2, 3], dtype: "float32" }, n: 0, flag: false };
    const result = decodeJson(encodeJson({ w: f32([1, 2, 3, 4, 5, 6], [2, 3]), n: 4, flag: true }), template);
    expect(E.isRight(result) && result.right.w.shape).toEqual([2, 3]);
    expect(E.isRight(result) && [result.right.n, result.right.flag]).toEqual([4, true]);
  });
});

describe("decoding against a template reports every mismatch with its path", () => {
  const text = encodeJson(params);

  it("shape and dtype mismatches", () => {
    const template = {
      layers: [{ w: { shape: [3, 2], dtype: "float32" }, b: f32([0, 0, 0]) }, { w: { shape: [3, 1], dtype: "float64" }, b: f32([0]) }],
      step: np.array(0, { dtype: "int32" }),
    };
    expect(errorsOf(decodeJson(text, template))).toEqual([
      "layers[0].w: expected shape [3,2], got [2,3]",
      "layers[1].w: expected dtype float64, got float32",
    ]);
  });

  it("missing and extra keys, list lengths and node kinds", () => {
    const template = { layers: [{ w: f32([0]), b: f32([0]), bias: f32([0]) }], step: { count: 0 }, extra: null };
    expect(errorsOf(decodeJson(text, template))).toEqual([
      "extra: missing from the checkpoint; the template expects null",
      "layers: expected a list of length 1, got 2",
      'step: expected a record with keys ["count"], got an array i32[]',
    ]);
    expect(errorsOf(decodeJson(encodeJson({ a: 1, b: [true] }), { b: [0] }))).toEqual([
      "a: not in the template",
      "b[0]: expected a number, got a boolean",
    ]);
  });
});

describe("malformed JSON checkpoints are Left values naming the problem", () => {
  const cases: [string, string, string[]][] = [
    ["another format", JSON.stringify({ format: "npz", version: 1, tree: null }), ['checkpoint: not a tessera checkpoint: expected "format": "tessera-checkpoint", got "npz"']],
    ["a newer version", JSON.stringify({ format: "tessera-checkpoint", version: 3, tree: null }), ["checkpoint: unsupported JSON checkpoint version 3; this reader knows versions 1 and 2"]],
    ["an extra top-level field", JSON.stringify({ format: "tessera-checkpoint", version: 1, tree: { kind: "null" }, meta: 1 }), ['checkpoint: unexpected top-level fields "meta"']],
    ["an unknown dtype", document({ kind: "record", fields: { w: arrayNode("float16", [1], "AAA=") } }), ['w: unknown dtype "float16"; expected float32, float64, int32, uint32 or bool']],
    ["truncated data", document({ kind: "record", fields: { w: arrayNode("float32", [2, 2], "AACAPwAAAEA=") } }), ["w: data holds 8 bytes, but f32[2,2] needs 16"]],
    ["bad base64", document({ kind: "list", items: [arrayNode("int32", [1], "AA$A")] }), ['[0]: data is not valid base64: invalid base64 character "$" at position 2']],
    ["non-canonical base64", document(arrayNode("bool", [1], "AR==")), ["checkpoint: data is not valid base64: base64 text is not canonical: the bits cut off by the padding are not zero"]],
    ["a bool byte other than 0 or 1", document(arrayNode("bool", [2], "AQI=")), ["checkpoint: bool element 1 is stored as 2; expected 0 or 1"]],
    ["a negative shape entry", document(arrayNode("float32", [2, -1], "")), ["checkpoint: shape entry 1 is -1; expected a non-negative integer"]],
    ["a shape with too many elements", document(arrayNode("float32", [2 ** 30, 2 ** 30, 2 ** 30], "")), ["checkpoint: shape [1073741824,1073741824,1073741824] has more than 2^53 elements"]],
    ["an unknown node kind", document({ kind: "record", fields: { a: { kind: "set", items: [] } } }), ['a: unknown node kind "set"; expected array, number, boolean, null, undefined, list or record']],
    ["a node without a kind", document({ kind: "list", items: [{ items: [] }] }), ['[0]: expected a node (an object with a "kind" field), got an object with keys ["items"]']],
    ["missing and unexpected fields", document({ kind: "array", dtype: "float32", shape: [], extra: 1 }), ['checkpoint: an array node needs the field "data"', 'checkpoint: an array node has the unexpected field "extra"']],
    ["a bad number leaf", document({ kind: "number", value: "1e400" }), ['checkpoint: expected a finite number or one of "NaN", "Infinity", "-Infinity", "-0", got "1e400"']],
  ];
  for (const [what, text, expected] of cases) {
    it(what, () => expect(errorsOf(decodeJson(text))).toEqual(expected));
  }

  it("text that is not JSON", () => expect(errorsOf(decodeJson("{not json"))).toEqual([expect.stringMatching(/^checkpoint: not valid JSON: .*position 1/)]));
  it("damaged bytes are escaped in the message, never printed raw", () => {
    const [message] = errorsOf(decodeJson("\u0000\u001b[2J"));
    expect(message).toMatch(/\\u0000/);
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });

  it("errors from several subtrees are all reported", () => {
    const text = document({ kind: "record", fields: { a: { kind: "number", value: true }, b: { kind: "list", items: [{ kind: "null" }, 3] } } });
    expect(errorsOf(decodeJson(text))).toEqual(["a: expected a finite number or one of \"NaN\", \"Infinity\", \"-Infinity\", \"-0\", got true", "b[1]: expected a node (an object with a \"kind\" field), got 3"]);
  });

  it("nesting deeper than the limit is a Left, not a stack overflow", () => {
    const depth = 100_000;
    const tree = '{"kind":"list","items":['.repeat(depth) + '{"kind":"null"}' + "]}".repeat(depth);
    const errors = errorsOf(decodeJson(`{"format":"tessera-checkpoint","version":1,"tree":${tree}}`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^(\[0\]){513}: lists and records nest deeper than 512 levels$/);
  });
});

describe("jsonCodec is an io-ts codec over parsed documents", () => {
  it("decodes, encodes and reports io-ts errors whose context keys are path segments", () => {
    const codec = jsonCodec({ w: f32([0, 0]) });
    const encoded = codec.encode({ w: f32([1, 2]) });
    expect(encoded.format).toBe("tessera-checkpoint");
    expect(E.isRight(codec.decode(JSON.parse(JSON.stringify(encoded))))).toBe(true);
    const bad = codec.decode({ format: "tessera-checkpoint", version: 1, tree: { kind: "record", fields: { w: arrayNode("float32", [3], "") } } });
    expect(E.isLeft(bad) && toCheckpointErrors(bad.left)).toEqual([{ path: "w", message: "expected shape [2], got [3]" }]);
    expect(E.isLeft(bad) && bad.left[0]!.context.map((entry) => entry.key)).toEqual(["", ".w"]);
  });
});

describe("encoding", () => {
  it("rejects values that are not pytrees of concrete leaves, naming the path", () => {
    expect(() => encodeJson({ w: new Float32Array(2) })).toThrow(/wrap typed arrays with np.array/);
    expect(() => encodeJson({ f: "text" })).toThrow(/static configuration belongs in closures/);
  });

  it("keeps number leaves exactly: NaN, infinities, -0 and the shortest round-trip decimal", () => {
    const values = [NaN, Infinity, -Infinity, -0, 0, 0.1, 1e-310, Number.MAX_VALUE];
    const restored = decodeJson(encodeJson(values));
    expect(E.isRight(restored) && (restored.right as number[]).every((x, i) => Object.is(x, values[i]))).toBe(true);
  });
});
