/**
 * io-ts codecs for the scalar pieces of a checkpoint (dtype names, shapes, number leaves), the
 * path segments both decoders put in io-ts contexts, and the conversion of io-ts errors into
 * `CheckpointError`s (`params.layers[2].w: expected shape [3,4], got [4,3]`). Every failure
 * carries a message written here, so an error reads without knowing io-ts.
 */
import * as t from "io-ts";
import { isDType, type DType } from "../../core/dtype.js";
import { fail } from "../../core/errors.js";
import { describeValue, isPlainRecord, listOf } from "../../core/validate.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** One reason a checkpoint was rejected: where in the tree (`""` for the checkpoint as a whole) and why. */
export interface CheckpointError {
  /** The pytree path, as `params.layers[2].w`; empty for the file or document as a whole. */
  readonly path: string;
  readonly message: string;
}

/** The greatest rank a checkpoint may declare (numpy's limit). */
export const maxRank = 64;

/** The deepest nesting of lists and records a decoder follows; deeper input is rejected rather than overflowing the stack. */
export const maxDepth = 512;

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** A dtype name: float32, float64, int32, uint32 or bool. */
export const dtypeCodec: t.Type<DType, string, unknown> = new t.Type<DType, string, unknown>(
  "DType",
  isDType,
  (u, c) => (isDType(u) ? t.success(u) : t.failure(u, c, `unknown dtype ${describeJson(u)}; expected float32, float64, int32, uint32 or bool`)),
  (dtype) => dtype,
);

/**
 * A shape: a list of at most `maxRank` non-negative integers whose product (the element count)
 * is a safe integer, so a hostile shape can never make a decoder allocate or loop without bound.
 */
export const shapeCodec: t.Type<number[], number[], unknown> = new t.Type<number[], number[], unknown>(
  "Shape",
  (u): u is number[] => shapeProblem(u) === undefined,
  (u, c) => {
    const problem = shapeProblem(u);
    return problem === undefined ? t.success([...(u as number[])]) : t.failure(u, c, problem);
  },
  (shape) => [...shape],
);

/** A number leaf: a JSON number, or one of the strings "NaN", "Infinity", "-Infinity", "-0" for values JSON cannot write. */
export const numberCodec: t.Type<number, number | string, unknown> = new t.Type<number, number | string, unknown>(
  "NumberLeaf",
  (u): u is number => typeof u === "number",
  (u, c) => {
    if (typeof u === "number" && Number.isFinite(u)) return t.success(u);
    if (typeof u === "string" && Object.prototype.hasOwnProperty.call(specialNumbers, u)) return t.success(specialNumbers[u]!);
    return t.failure(u, c, `expected a finite number or one of "NaN", "Infinity", "-Infinity", "-0", got ${describeJson(u)}`);
  },
  (x) => (Number.isNaN(x) ? "NaN" : x === Infinity ? "Infinity" : x === -Infinity ? "-Infinity" : Object.is(x, -0) ? "-0" : x),
);

const specialNumbers: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };

// -------------------------------------------------------------------------------------
// paths and errors
// -------------------------------------------------------------------------------------

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path segment of a record key: `.w`, or `["odd key"]` when the key is not an identifier. */
export function keySegment(key: string): string {
  return identifier.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The path segment of a list index: `[2]`. */
export function indexSegment(index: number): string {
  return `[${index}]`;
}

/** A path from its segments, without the leading dot: `params.layers[2].w`. */
export function joinPath(segments: readonly string[]): string {
  const text = segments.join("");
  return text.startsWith(".") ? text.slice(1) : text;
}

/** io-ts errors as checkpoint errors: the path is the context's keys (the segments the decoders append). */
export function toCheckpointErrors(errors: t.Errors): CheckpointError[] {
  return errors.map((e) => ({
    path: joinPath(e.context.map((entry) => entry.key)),
    message: e.message ?? `invalid value ${describeJson(e.value)}`,
  }));
}

/** One line per error, `path: message` (the checkpoint as a whole reads as `checkpoint`). */
export function formatErrors(errors: readonly CheckpointError[]): string {
  // The Left of a decode is the only intended input; anything else is a caller's mistake, not text to print.
  const entries = listOf((op, name, e) => {
    if (!isPlainRecord(e) || typeof e.path !== "string" || typeof e.message !== "string") fail(op, `${name} must be a {path, message} record from a decode's Left, got ${describeValue(e)}`);
    return e as unknown as CheckpointError;
  })("checkpoints.formatErrors", "errors", errors);
  return entries.map((e) => `${e.path === "" ? "checkpoint" : e.path}: ${e.message}`).join("\n");
}

/** A short description of an untrusted value for messages: never prints a long or hostile value whole. */
export function describeJson(u: unknown): string {
  if (u === null) return "null";
  if (u === undefined) return "nothing";
  if (typeof u === "string") return u.length > 40 ? `a string of length ${u.length}` : JSON.stringify(u);
  if (typeof u === "number" || typeof u === "boolean") return String(u);
  if (Array.isArray(u)) return `a list of length ${u.length}`;
  if (typeof u === "object") {
    const keys = Object.keys(u);
    const shown = keys.slice(0, 6).map((k) => JSON.stringify(k.length > 20 ? `${k.slice(0, 20)}...` : k));
    return `an object with keys [${shown.join(", ")}${keys.length > 6 ? ", ..." : ""}]`;
  }
  return `a ${typeof u}`;
}

/** Why `u` is not a valid shape, or undefined when it is one. */
function shapeProblem(u: unknown): string | undefined {
  if (!Array.isArray(u)) return `expected a shape (a list of non-negative integers), got ${describeJson(u)}`;
  if (u.length > maxRank) return `a shape of rank ${u.length} exceeds the maximum rank ${maxRank}`;
  const bad = u.findIndex((d) => !(typeof d === "number" && Number.isSafeInteger(d) && d >= 0));
  if (bad >= 0) return `shape entry ${bad} is ${describeJson(u[bad])}; expected a non-negative integer`;
  if ((u as number[]).includes(0)) return undefined;
  let size = 1;
  for (const d of u as number[]) {
    size *= d;
    if (size > Number.MAX_SAFE_INTEGER) return `shape [${u.join(",")}] has more than 2^53 elements`;
  }
  return undefined;
}
