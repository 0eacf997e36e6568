/**
 * What every WebAssembly kernel does the same way: compile its generated module once, and grow
 * its memory to a problem's size. Either can fail (no WebAssembly SIMD in this engine, a
 * Content-Security-Policy without 'wasm-unsafe-eval', a memory that cannot grow), and then the
 * kernel's JavaScript path runs instead.
 */

/** The bytes of one WebAssembly memory page. */
export const PAGE_BYTES = 65536;

/** A kernel module's exported memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The part of the WebAssembly JS API we use (tsconfig's ES2022 lib does not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

/** The exports of the module `bytes` compiled and instantiated, or null when this engine cannot or may not. */
export function instantiate(bytes: Uint8Array): Record<string, unknown> | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined || !api.validate(bytes)) return null;
  try {
    return new api.Instance(new api.Module(bytes), {}).exports;
  } catch {
    return null;
  }
}

/** Grows `memory` to at least `bytes`; false when it cannot grow that far. */
export function growTo(memory: WasmMemory, bytes: number): boolean {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return true;
  try {
    memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
    return true;
  } catch {
    return false;
  }
}
