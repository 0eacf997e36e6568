/**
 * A tiny WebAssembly binary encoder: just enough of the format (types, functions, one memory,
 * exports, LEB128 immediates, the scalar and 0xFD-prefixed SIMD opcodes our kernels use) to
 * generate modules at run time without a toolchain or checked-in .wasm files.
 *
 * Code is plain byte arrays: each helper returns the bytes of one instruction, and `seq` joins
 * fragments, so a kernel generator is ordinary TypeScript that concatenates instructions.
 */

/** A fragment of a function body: the bytes of zero or more instructions. */
export type Code = readonly number[];

/** Value types of locals, parameters and results. */
export const i32 = 0x7f;
export const f64 = 0x7c;
export const v128 = 0x7b;
/** A value type byte. */
export type ValueType = typeof i32 | typeof f64 | typeof v128;

/** Unsigned LEB128 of a non-negative integer below 2^32. */
export function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128 of an int32. */
export function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    // Done once the remaining bits are all copies of the sign bit just written.
    if ((rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0)) {
      bytes.push(low);
      return bytes;
    }
    bytes.push(low | 0x80);
  }
}

/** Joins code fragments in order. */
export function seq(...parts: readonly Code[]): Code {
  return parts.flat();
}

// ---------------------------------------------------------------------------------------------
// Instructions
// ---------------------------------------------------------------------------------------------

const voidBlock = 0x40;
const end = 0x0b;

/** `local.get index`. */
export const localGet = (index: number): Code => [0x20, ...unsignedLeb(index)];
/** `local.set index`. */
export const localSet = (index: number): Code => [0x21, ...unsignedLeb(index)];
/** `i32.const value`. */
export const i32Const = (value: number): Code => [0x41, ...signedLeb(value)];
/** `call index`. */
export const call = (index: number): Code => [0x10, ...unsignedLeb(index)];

/** Scalar i32 operators (operands come from the stack). */
export const i32Op = {
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  and: [0x71],
  or: [0x72],
  eqz: [0x45],
  eq: [0x46],
  ne: [0x47],
  ltU: [0x49],
  shrU: [0x76],
  geU: [0x4f],
  select: [0x1b],
} as const satisfies Record<string, Code>;

/** A block whose `br 0` jumps past its end. */
export const block = (body: Code): Code => seq([0x02, voidBlock], body, [end]);
/** A loop whose `br 0` jumps back to its start. */
export const loop = (body: Code): Code => seq([0x03, voidBlock], body, [end]);
/** `if` over the i32 on the stack, with an optional else branch. */
export const ifElse = (then: Code, otherwise: Code = []): Code =>
  otherwise.length === 0 ? seq([0x04, voidBlock], then, [end]) : seq([0x04, voidBlock], then, [0x05], otherwise, [end]);
/** `br depth`: branch unconditionally. */
export const br = (depth: number): Code => [0x0c, ...unsignedLeb(depth)];
/** `br_if depth`: branch when the i32 on the stack is non-zero. */
export const brIf = (depth: number): Code => [0x0d, ...unsignedLeb(depth)];

/** Runs `body` `count` times (possibly zero): a do-while counting the local `counter` down, behind a zero check. */
export function repeat(counter: number, count: Code, body: Code): Code {
  const next = seq(localGet(counter), i32Const(1), i32Op.sub, localSet(counter));
  return seq(count, localSet(counter), block(seq(localGet(counter), i32Op.eqz, brIf(0), loop(seq(body, next, localGet(counter), brIf(0))))));
}

const simd = (opcode: number): Code => [0xfd, ...unsignedLeb(opcode)];
// Memory immediates: log2 of the alignment hint, then a constant byte offset added to the address.
const memarg = (alignLog2: number, offset: number): Code => [...unsignedLeb(alignLog2), ...unsignedLeb(offset)];

/** `i32.load` from the address on the stack plus `offset` bytes (bit-exact, unlike float loads on some engines). */
export const i32Load = (offset: number): Code => seq([0x28], memarg(2, offset));
/** `i32.store` of the value on the stack to the address below it plus `offset` bytes. */
export const i32Store = (offset: number): Code => seq([0x36], memarg(2, offset));
/** `v128.load` from the address on the stack plus `offset` bytes. */
export const v128Load = (offset: number): Code => seq(simd(0x00), memarg(4, offset));
/** `v128.load32_splat`: one float32 from memory into all four lanes. */
export const v128Load32Splat = (offset: number): Code => seq(simd(0x09), memarg(2, offset));
/** `v128.load64_splat`: one float64 from memory into both lanes. */
export const v128Load64Splat = (offset: number): Code => seq(simd(0x0a), memarg(3, offset));
/** `v128.store` of the vector on the stack to the address below it plus `offset` bytes. */
export const v128Store = (offset: number): Code => seq(simd(0x0b), memarg(4, offset));
/** `v128.const` of sixteen zero bytes. */
export const v128Zero: Code = seq(simd(0x0c), new Array<number>(16).fill(0));
/** Lane-wise float32 operators. */
export const f32x4 = { add: simd(0xe4), mul: simd(0xe6) } as const;
/** Lane-wise float64 operators. */
export const f64x2 = { add: simd(0xf0), sub: simd(0xf1), mul: simd(0xf2), splat: simd(0x14) } as const;
/** `f64x2.extract_lane lane`: one float64 lane of the vector on the stack. */
export const f64x2ExtractLane = (lane: number): Code => seq(simd(0x21), [lane]);
/** `v128.load64_zero`: one float64 from memory into lane 0, lane 1 zero. */
export const v128Load64Zero = (offset: number): Code => seq(simd(0x5d), memarg(3, offset));
/** `f64.load` from the address on the stack plus `offset` bytes. */
export const f64Load = (offset: number): Code => seq([0x2b], memarg(3, offset));
/** `f64.store` of the float64 on the stack to the address below it plus `offset` bytes. */
export const f64Store = (offset: number): Code => seq([0x39], memarg(3, offset));
/** Scalar float64 operators. */
export const f64Op = { add: [0xa0], sub: [0xa1], mul: [0xa2] } as const satisfies Record<string, Code>;

// ---------------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------------

/** One function: its signature, its extra locals (after the parameters), its body. */
export interface FunctionDef {
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  readonly locals: readonly ValueType[];
  readonly body: Code;
  /** The export name, if the function is exported. */
  readonly exportAs?: string;
}

/** A module: functions (called by their index in this list) and one memory exported as `memory`. */
export interface ModuleDef {
  readonly functions: readonly FunctionDef[];
  /** Initial size of the memory in 64 KiB pages. */
  readonly memoryPages: number;
}

const vector = (items: readonly Code[]): Code => seq(unsignedLeb(items.length), ...items);
const section = (id: number, content: Code): Code => seq([id], unsignedLeb(content.length), content);
const name = (text: string): Code => vector([...text].map((c) => [c.charCodeAt(0)]));

/** The binary encoding of a module. */
export function encodeModule(module: ModuleDef): Uint8Array {
  const { functions } = module;
  // One type per function keeps the encoder simple; duplicates are legal.
  const types = functions.map((f) => seq([0x60], vector(f.params.map((t) => [t])), vector(f.results.map((t) => [t]))));
  const exports: Code[] = [name("memory").concat([0x02, 0])];
  functions.forEach((f, index) => {
    if (f.exportAs !== undefined) exports.push(seq(name(f.exportAs), [0x00], unsignedLeb(index)));
  });
  const bodies = functions.map((f) => {
    const locals = vector(f.locals.map((t) => [1, t]));
    const code = seq(locals, f.body, [end]);
    return seq(unsignedLeb(code.length), code);
  });
  const bytes = seq(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, vector(types)),
    section(3, vector(functions.map((_, index) => unsignedLeb(index)))),
    section(5, vector([seq([0x00], unsignedLeb(module.memoryPages))])),
    section(7, vector(exports)),
    section(10, vector(bodies)),
  );
  return Uint8Array.from(bytes);
}
