/**
 * The fuzz's worker process: builds the case list (every subject's base call and its hostile
 * mutations, in a fixed order), runs the cases from a given index, and writes one line per case
 * before and after it, synchronously, so the driver knows which case was running when the
 * process hung or died. Usage (by hostile.ts): `tsx bench/fuzz/worker.ts <start> <bases.json>`.
 */
import { readFileSync, writeFileSync, writeSync } from "node:fs";

/** Any typed-array allocation above this is stopped and reported as a runaway allocation (classified as a hang: it would stall for seconds). */
const RUNAWAY_BYTES = 2 ** 31;

class RunawayAllocation extends Error {}

/** Writes a line to stdout synchronously (so it is out before a crash), waiting while the pipe is full. */
function emit(line: string): void {
  const bytes = Buffer.from(line);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

// Installed before tessera loads, so every allocation it makes goes through the guard.
for (const name of ["Float32Array", "Float64Array", "Int32Array", "Uint32Array", "Uint8Array", "ArrayBuffer"] as const) {
  const original = globalThis[name] as unknown as { BYTES_PER_ELEMENT?: number };
  const perElement = original.BYTES_PER_ELEMENT ?? 1;
  (globalThis as Record<string, unknown>)[name] = new Proxy(original as object, {
    construct(target, args, newTarget) {
      const n = args[0];
      if (typeof n === "number" && n * perElement > RUNAWAY_BYTES) throw new RunawayAllocation(`${name}(${n})`);
      return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget as new (...a: unknown[]) => object);
    },
  });
}

const T = await import("../../index.js");
const { subjects, UserCodeError, VARIADIC } = await import("./subjects.js");
const { mutationsOf } = await import("./mutations.js");
type Mutation = import("./mutations.js").Mutation;

/** A comparable text form of any result: arrays by dtype, shape and bytes; records by sorted keys; functions as "fn". */
function fingerprint(value: unknown, depth = 0, seen = new Set<unknown>()): string {
  if (depth > 8) return "...";
  if (value instanceof T.ArrayValue) {
    const data = value.toTypedArray();
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return `${value.dtype}[${value.shape.join(",")}]:${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  }
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "function") return "fn";
  if (typeof value !== "object" || value === null) return `${typeof value}:${String(value)}`;
  if (seen.has(value)) return "cycle";
  seen.add(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return `[${Array.from(value as ArrayLike<unknown>, (v) => fingerprint(v, depth + 1, seen)).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `${value.constructor?.name ?? ""}{${keys.map((k) => `${k}:${fingerprint((value as Record<string, unknown>)[k], depth + 1, seen)}`).join(",")}}`;
}

/** A clean error is a TesseraError whose message reads as a sentence about the input, not a JS internal. */
function isClean(e: unknown): boolean {
  if (!(e instanceof T.TesseraError)) return false;
  return /^tessera\./.test(e.message) && !/\[object |undefined is not|Cannot read prop|is not a function|serialize a BigInt|circular structure|is not iterable|Cannot convert/.test(e.message);
}

interface Case {
  readonly subject: string;
  readonly label: string;
  readonly expect: Mutation["expect"] | "base";
  readonly run: () => unknown;
  readonly baseFingerprint: () => string | undefined;
  /** For "same": the fingerprint of the call the result must equal. */
  readonly referenceFingerprint?: () => string;
  /** For "notIgnored": the fingerprint of the call with the other extra value (or "error"). */
  readonly alternativeFingerprint?: () => string;
}

/** Every case, in order. `bases` fixes which candidate is each subject's base (so runs before and after a change compare the same calls). */
function buildCases(bases: Record<string, number>): { cases: Case[]; chosen: Record<string, number>; rebased: string[] } {
  const cases: Case[] = [];
  const rebased: string[] = [];
  const chosen: Record<string, number> = {};
  for (const s of subjects()) {
    const call = (args: unknown[]) => {
      const result = (s.fn as (...a: unknown[]) => unknown)(...args);
      return s.exercise ? s.exercise(result) : result;
    };
    let index: number | undefined = bases[s.name];
    // A recorded base that fails on this tree was itself a wrong call the old tree accepted: probe again.
    if (index !== undefined && index >= 0) {
      try {
        call(s.candidates[index]!.map((a) => a.make()));
      } catch {
        rebased.push(s.name);
        index = undefined;
      }
    }
    if (index === undefined) {
      index = -1;
      for (let i = 0; i < s.candidates.length && index < 0; i++) {
        try {
          call(s.candidates[i]!.map((a) => a.make()));
          index = i;
        } catch {
          // not this signature
        }
      }
    }
    chosen[s.name] = index;
    if (index < 0) continue;
    const base = s.candidates[index]!;
    let memo: string | undefined | null = null;
    const baseFingerprint = () => {
      if (memo === null) {
        try {
          memo = fingerprint(call(base.map((a) => a.make())));
        } catch {
          memo = undefined;
        }
      }
      return memo;
    };
    cases.push({ subject: s.name, label: "base call", expect: "base", run: () => call(base.map((a) => a.make())), baseFingerprint });
    for (const m of mutationsOf(base, s.fn.length, VARIADIC.has(s.name))) {
      // The fingerprint of another call, or of the error it raised (an error never equals a result).
      const fingerprintOf = (args: (() => unknown[]) | undefined) =>
        args === undefined
          ? undefined
          : () => {
              try {
                return fingerprint(call(args()));
              } catch (e) {
                return `error ${e instanceof Error ? e.constructor.name : typeof e}`;
              }
            };
      const referenceFingerprint = fingerprintOf(m.reference);
      const alternativeFingerprint = fingerprintOf(m.alternative);
      cases.push({
        subject: s.name,
        label: m.label,
        expect: m.expect,
        run: () => call(m.args()),
        baseFingerprint,
        ...(referenceFingerprint ? { referenceFingerprint } : {}),
        ...(alternativeFingerprint ? { alternativeFingerprint } : {}),
      });
    }
  }
  return { cases, chosen, rebased };
}

/** The category of one case's outcome. */
function classify(c: Case): { category: string; detail: string } {
  let result: unknown;
  try {
    result = c.run();
  } catch (e) {
    if (e instanceof RunawayAllocation) return { category: "hang", detail: `runaway allocation ${e.message}` };
    const message = e instanceof Error ? `${e.constructor.name}: ${e.message}` : `thrown ${typeof e}`;
    if (c.expect === "base") return { category: "base failed", detail: message.slice(0, 300) };
    if (e instanceof UserCodeError) return { category: "user function raised", detail: message.slice(0, 300) };
    return { category: isClean(e) ? "clean error" : "raw error", detail: message.slice(0, 300) };
  }
  if (c.expect === "base") return { category: "base ok", detail: "" };
  // An fp-ts Left is how the checkpoint decoders answer bad input: an error value, not a result.
  if (typeof result === "object" && result !== null && (result as { _tag?: unknown })._tag === "Left") return { category: "clean error", detail: "Left" };
  if (c.expect === "either") return { category: "correct result", detail: "accepted (JAX's positional form)" };
  if (c.expect === "reject") return { category: "silent wrong", detail: "accepted: " + fingerprint(result).slice(0, 120) };
  const same = fingerprint(result) === (c.referenceFingerprint ?? c.baseFingerprint)();
  if (c.expect === "same") return same ? { category: "correct result", detail: "" } : { category: "silent wrong", detail: "null options changed the result" };
  const alternativeSame = c.alternativeFingerprint === undefined || c.alternativeFingerprint() === c.baseFingerprint();
  return same && alternativeSame ? { category: "silent wrong", detail: "argument ignored" } : { category: "correct result", detail: "argument used" };
}

const [startArg, basesPath, listOnly] = process.argv.slice(2);
const bases = basesPath !== undefined && basesPath !== "-" && listOnly !== "--bases" ? (JSON.parse(readFileSync(basesPath, "utf8")) as Record<string, number>) : {};
const { cases, chosen, rebased } = buildCases(bases);
if (listOnly === "--bases") {
  writeFileSync(basesPath === undefined || basesPath === "-" ? "/dev/stdout" : basesPath, JSON.stringify(chosen, null, 1) + "\n");
  process.exit(0);
}
emit(`N ${cases.length}\n`);
emit(`R ${rebased.join(",")}\n`);
for (let i = Number(startArg ?? 0); i < cases.length; i++) {
  const c = cases[i]!;
  emit(`S ${i}\t${c.subject}\t${c.label}\n`);
  const { category, detail } = classify(c);
  emit(`E ${i}\t${category}\t${c.subject}\t${c.label}\t${detail.replace(/[\t\n]/g, " ")}\n`);
}
emit("DONE\n");
process.exit(0);
