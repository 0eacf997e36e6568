/**
 * Checkpoint files for Node (the `tessera/node` entry; the formats themselves are
 * models/checkpoint's, which works on bytes and strings anywhere). Saving writes a temporary file beside the target and renames it
 * over the target, so a crash mid-write never leaves a half-written checkpoint; loading reads the
 * file, tells the form by its first bytes (the binary magic, else JSON) and decodes it against
 * the template. Failures, I/O ones included, are Left values with messages; only a value that is
 * not a pytree of concrete arrays (a programming error) throws, when saving.
 *
 * The async forms return fp-ts `TaskEither`s (run them by calling: `await loadCheckpoint(p, t)()`);
 * the `Sync` forms return `Either`s.
 *
 * @example
 * import { checkpoints } from "tessera";
 * import { loadCheckpoint, saveCheckpoint } from "tessera/node";
 * import * as E from "fp-ts/Either";
 * const saved = await saveCheckpoint("params.ckpt", params)();
 * if (E.isLeft(saved)) throw new Error(checkpoints.formatErrors(saved.left)); // a missing directory, a full disk, ...
 * const restored = await loadCheckpoint("params.ckpt", params)(); // Either<CheckpointError[], typeof params>
 */
import { randomUUID } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import * as E from "../models/checkpoint/either.js";
import type * as TE from "fp-ts/lib/TaskEither.js";
import { oneOf, readOptions, string } from "../core/validate.js";
import { decodeBinary, encodeBinary, isBinaryCheckpoint } from "../models/checkpoint/binary.js";
import type { CheckpointError } from "../models/checkpoint/codecs.js";
import { decodeJson, encodeJson } from "../models/checkpoint/json.js";
import type { Decoded } from "../models/checkpoint/template.js";
import type { CheckpointTree } from "../models/checkpoint/tree-codec.js";

/** The two checkpoint forms: readable JSON with base64 data, or the compact binary form. */
export type CheckpointFormat = "json" | "binary";

/** Options for saving. */
export interface SaveOptions {
  /** The form to write (default: "json" for a path ending in .json, "binary" otherwise). */
  readonly format?: CheckpointFormat;
}

/**
 * Writes `value` (a pytree of concrete arrays, numbers and booleans) to `path`, atomically.
 *
 * @example
 * const saved = await saveCheckpoint("params.json", params)(); // E.right(undefined) once written
 */
export function saveCheckpoint(path: string, value: unknown, options?: SaveOptions): TE.TaskEither<CheckpointError[], void> {
  const bytes = encode("saveCheckpoint", path, value, options);
  const temporary = temporaryPath(path);
  return () =>
    writeFile(temporary, bytes)
      .then(() => rename(temporary, path))
      .then(
        () => E.right(undefined),
        async (error: unknown) => {
          await rm(temporary, { force: true }).catch(() => undefined);
          return E.left([ioError("write", path, error)]);
        },
      );
}

/**
 * Reads the checkpoint at `path` (either form), checked against `template` when given.
 *
 * @example
 * import { checkpoints } from "tessera";
 * import * as E from "fp-ts/Either";
 * const restored = await loadCheckpoint("missing.ckpt", params)();
 * if (E.isLeft(restored)) console.error(checkpoints.formatErrors(restored.left)); // checkpoint: cannot read missing.ckpt: ENOENT ...
 */
export function loadCheckpoint(path: string): TE.TaskEither<CheckpointError[], CheckpointTree>;
export function loadCheckpoint<T>(path: string, template: T): TE.TaskEither<CheckpointError[], Decoded<T>>;
export function loadCheckpoint(path: string, template?: unknown): TE.TaskEither<CheckpointError[], unknown> {
  return () =>
    readFile(path).then(
      (bytes) => decode(bytes, template),
      (error: unknown) => E.left([ioError("read", path, error)]),
    );
}

/** `saveCheckpoint`, synchronously. */
export function saveCheckpointSync(path: string, value: unknown, options?: SaveOptions): E.Either<CheckpointError[], void> {
  const bytes = encode("saveCheckpointSync", path, value, options);
  const temporary = temporaryPath(path);
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
    return E.right(undefined);
  } catch (error) {
    rmSync(temporary, { force: true });
    return E.left([ioError("write", path, error)]);
  }
}

/** `loadCheckpoint`, synchronously. */
export function loadCheckpointSync(path: string): E.Either<CheckpointError[], CheckpointTree>;
export function loadCheckpointSync<T>(path: string, template: T): E.Either<CheckpointError[], Decoded<T>>;
export function loadCheckpointSync(path: string, template?: unknown): E.Either<CheckpointError[], unknown> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return E.left([ioError("read", path, error)]);
  }
  return decode(bytes, template);
}

/** The bytes to write; bad options (like a bad value) are a programming error and throw, before any file is touched. */
function encode(op: string, path: string, value: unknown, options: unknown): Uint8Array {
  const read = readOptions(op, options, { format: oneOf<CheckpointFormat>(["json", "binary"]) });
  string(op, "path", path);
  const format = read.format ?? (path.toLowerCase().endsWith(".json") ? "json" : "binary");
  return format === "json" ? new TextEncoder().encode(encodeJson(value)) : encodeBinary(value);
}

function decode(bytes: Uint8Array, template: unknown): E.Either<CheckpointError[], unknown> {
  if (isBinaryCheckpoint(bytes)) return template === undefined ? decodeBinary(bytes) : decodeBinary(bytes, template);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return E.left([{ path: "", message: "neither a binary checkpoint (no TSRACKPT magic) nor UTF-8 JSON text" }]);
  }
  return template === undefined ? decodeJson(text) : decodeJson(text, template);
}

/** A unique sibling of `path`, so the rename that publishes it stays on one file system. */
function temporaryPath(path: string): string {
  return `${path}.${randomUUID()}.tmp`;
}

function ioError(action: "read" | "write", path: string, error: unknown): CheckpointError {
  return { path: "", message: `cannot ${action} ${path}: ${error instanceof Error ? error.message : String(error)}` };
}
