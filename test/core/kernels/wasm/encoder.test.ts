import { describe, expect, it } from "vitest";
import {
  encodeModule, f32x4, i32, i32Const, i32Op, localGet, seq, signedLeb, unsignedLeb, v128Load, v128Load32Splat, v128Store,
} from "../../../../core/kernels/wasm/encoder.js";

/** The slice of the WebAssembly JS API these tests use (tsconfig's ES2022 lib does not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

describe("LEB128", () => {
  it("encodes unsigned values as the spec's examples do", () => {
    expect(unsignedLeb(0)).toEqual([0x00]);
    expect(unsignedLeb(127)).toEqual([0x7f]);
    expect(unsignedLeb(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsignedLeb(2 ** 32 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  it("encodes signed values with the sign in bit 6 of the last byte", () => {
    expect(signedLeb(0)).toEqual([0x00]);
    expect(signedLeb(63)).toEqual([0x3f]);
    expect(signedLeb(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb(-1)).toEqual([0x7f]);
    expect(signedLeb(-64)).toEqual([0x40]);
    expect(signedLeb(-65)).toEqual([0xbf, 0x7f]);
    expect(signedLeb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signedLeb(-(2 ** 31))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
  });
});

describe("encodeModule", () => {
  it("starts with the magic number and version 1", () => {
    expect(Array.from(encodeModule({ functions: [], memoryPages: 1 }).subarray(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });

  it("builds a module the engine validates and runs: scalar and SIMD code over its exported memory", () => {
    const bytes = encodeModule({
      memoryPages: 1,
      functions: [
        { params: [i32, i32], results: [i32], locals: [], body: seq(localGet(0), localGet(1), i32Op.mul, i32Const(-5), i32Op.add), exportAs: "mulSub5" },
        {
          // out[0..3] = x[0..3] * splat(s) + out[0..3], addresses in bytes.
          params: [i32, i32, i32],
          results: [],
          locals: [],
          body: seq(localGet(2), localGet(0), v128Load(0), localGet(1), v128Load32Splat(0), f32x4.mul, localGet(2), v128Load(0), f32x4.add, v128Store(0)),
          exportAs: "axpy4",
        },
      ],
    });
    expect(wasm.validate(bytes)).toBe(true);
    const { exports } = new wasm.Instance(new wasm.Module(bytes), {});
    expect((exports.mulSub5 as (a: number, b: number) => number)(6, 7)).toBe(37);
    const memory = new Float32Array((exports.memory as { buffer: ArrayBuffer }).buffer);
    memory.set([1, 2, 3, 4, 0.5, 10, 20, 30, 40], 0);
    (exports.axpy4 as (x: number, s: number, out: number) => void)(0, 16, 20);
    expect(Array.from(memory.subarray(5, 9))).toEqual([10.5, 21, 31.5, 42]);
  });
});
