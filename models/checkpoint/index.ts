/**
 * Checkpoints: any pytree of arrays, numbers and booleans (params, optimizer states) to JSON or
 * to a compact binary form and back, bit for bit. Decoding is validated by io-ts codecs against an
 * optional template and returns `Either<CheckpointError[], tree>`: a truncated file, a shape or
 * dtype mismatch, an unknown dtype, bad base64, a missing or extra key all come back as Left
 * values with their pytree paths, never as exceptions or half-loaded models. Record keys such as
 * `__proto__` are kept as plain own data properties and never touch a prototype. Version-2 files
 * carry CRC-32C checksums of every array and of their structure, so a damaged or edited file is a
 * Left ("checksum mismatch", with the path), never different values; version-1 files are still
 * read. The formats are specified in json.ts, binary.ts, tree-codec.ts and checksums.ts.
 * Everything here works on strings and bytes, so it runs in a browser too; reading and writing
 * files is the Node entry's (`saveCheckpoint`/`loadCheckpoint` in `tessera/node`, node/checkpoint.ts).
 *
 * @example
 * import { checkpoints, optim } from "tessera";
 * import * as E from "fp-ts/Either";
 * const optState = optim.adam({ learningRate: 1e-3 }).init(params);
 * const bytes = checkpoints.encodeBinary({ params, optState });
 * const restored = checkpoints.decodeBinary(bytes, { params, optState });
 * if (E.isLeft(restored)) throw new Error(checkpoints.formatErrors(restored.left));
 */
export { binaryCodec, binaryMagic, binaryVersion, decodeBinary, encodeBinary, isBinaryCheckpoint } from "./binary.js";
export { dtypeCodec, formatErrors, numberCodec, shapeCodec, type CheckpointError } from "./codecs.js";
export { decodeJson, encodeJson, jsonCodec, jsonFormat, jsonVersion, type JsonCheckpoint } from "./json.js";
export type { ArraySpec, Decoded } from "./template.js";
export { treeCodec, type ArrayHeader, type CheckpointTree, type LeafStorage, type WireNode } from "./tree-codec.js";
