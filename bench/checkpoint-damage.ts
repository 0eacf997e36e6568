/**
 * `npx tsx bench/checkpoint-damage.ts [files]`: how many damaged checkpoints decode without error
 * to different values, in format version 1 (no checksums) and version 2 (CRC-32C). Each random
 * tree (the law suite's generator, fixed seed) is encoded in both forms; each file gets one to
 * four random bytes (binary) or characters (JSON) changed; a file counts as silent when it
 * decodes to a Right that is not bit-identical to the tree. Version-1 files are the version-2
 * encodings with their checksums removed, i.e. exactly what earlier releases wrote.
 */
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { checkpointTree } from "../laws/checkpoint-runners.js";
import { treesBitIdentical } from "../laws/checkpoint.js";
import { decodeBinary, decodeJson, encodeBinary, encodeJson } from "../models/checkpoint/index.js";

const files = Number(process.argv[2] ?? 20_000);
const random = fc.sample(fc.tuple(checkpointTree(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 })), { numRuns: files, seed: 2024 });

/** A version-2 document without its checksums: the version-1 form of the same tree. */
function jsonV1(text: string): string {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (typeof node !== "object" || node === null) return node;
    return Object.fromEntries(Object.entries(node).filter(([k]) => k !== "crc32c").map(([k, v]) => [k, strip(v)]));
  };
  const document = JSON.parse(text) as { tree: unknown };
  return JSON.stringify({ format: "tessera-checkpoint", version: 1, tree: strip(document.tree) });
}

function binaryV1(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const structureLength = view.getUint32(12, true);
  const text = new TextDecoder().decode(bytes.subarray(32, 32 + structureLength));
  const structure = new TextEncoder().encode(text.replace(/,"crc32c":\d+/g, ""));
  const data = bytes.subarray(Math.ceil((32 + structureLength) / 8) * 8);
  const start = Math.ceil((24 + structure.length) / 8) * 8;
  const out = new Uint8Array(start + data.length);
  const outView = new DataView(out.buffer);
  out.set(bytes.subarray(0, 8));
  outView.setUint32(8, 1, true);
  outView.setUint32(12, structure.length, true);
  outView.setBigUint64(16, BigInt(data.length), true);
  out.set(structure, 24);
  out.set(data, start);
  return out;
}

const alphabet = '{}[]:,"\\ -+.eE0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/=';
const counts = { binary: [0, 0], json: [0, 0] };
const silent = (tree: unknown, result: E.Either<unknown, unknown>) => E.isRight(result) && !treesBitIdentical(result.right, tree).ok;

for (const [tree, changes] of random) {
  const v2 = encodeBinary(tree);
  for (const [version, bytes] of [[1, binaryV1(v2)], [2, v2]] as const) {
    const damaged = bytes.slice();
    for (const [p, mask] of changes) damaged[p % damaged.length]! ^= mask;
    if (silent(tree, decodeBinary(damaged))) counts.binary[version - 1]!++;
  }
  const text2 = encodeJson(tree);
  for (const [version, text] of [[1, jsonV1(text2)], [2, text2]] as const) {
    const chars = Array.from(text);
    for (const [p, c] of changes) {
      const replacement = alphabet[c % alphabet.length]!;
      const at = p % chars.length;
      chars[at] = chars[at] === replacement ? alphabet[(c + 1) % alphabet.length]! : replacement;
    }
    if (silent(tree, decodeJson(chars.join("")))) counts.json[version - 1]!++;
  }
}
console.log(`${files} damaged files of each form and version decoded without error to different values:`);
console.log(`  binary: version 1 ${counts.binary[0]}, version 2 ${counts.binary[1]}`);
console.log(`  JSON:   version 1 ${counts.json[0]}, version 2 ${counts.json[1]}`);
