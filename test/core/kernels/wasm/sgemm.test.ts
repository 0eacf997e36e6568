import { describe, expect, it } from "vitest";
import type { MatmulSizes, MatrixView } from "../../../../core/kernels/matrix-view.js";
import { matmulFloat32Wasm, wasmSgemmAvailable } from "../../../../core/kernels/wasm/sgemm.js";

/** A deterministic stream of float32 values in [-1, 1) (xorshift32). */
function floats(count: number, seed: number): Float32Array {
  let state = seed * 2654435761 + 1 || 1;
  return Float32Array.from({ length: count }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 31 - 1;
  });
}

/** How an operand's [batch, rows, cols] elements sit in its buffer. */
type Layout = "rowMajor" | "transposed" | "strided" | "sparse" | "broadcastBatch";
const layouts: readonly Layout[] = ["rowMajor", "transposed", "strided", "sparse", "broadcastBatch"];

/** A float32 operand in `layout`, with a reader of its logical elements. */
function operand(layout: Layout, batch: number, rows: number, cols: number, seed: number): { view: MatrixView; at: (b: number, i: number, j: number) => number } {
  const strides = {
    rowMajor: { offset: 0, batchStride: rows * cols, rowStride: cols, colStride: 1 },
    transposed: { offset: 0, batchStride: rows * cols, rowStride: 1, colStride: rows },
    // Every other element, after an offset: the span is about twice the matrix (staged in wasm).
    strided: { offset: 3, batchStride: 2 * rows * cols + 1, rowStride: 2 * cols, colStride: 2 },
    // Every third element: the span is too sparse to stage, so it is packed in JavaScript.
    sparse: { offset: 1, batchStride: 3 * rows * cols, rowStride: 3, colStride: 3 * rows },
    broadcastBatch: { offset: 0, batchStride: 0, rowStride: cols, colStride: 1 },
  }[layout];
  const length = strides.offset + (batch - 1) * strides.batchStride + (rows - 1) * strides.rowStride + (cols - 1) * strides.colStride + 1;
  const data = floats(Math.max(length, 0), seed);
  const view = { data, ...strides };
  return { view, at: (b, i, j) => data[view.offset + b * view.batchStride + i * view.rowStride + j * view.colStride]! };
}

/**
 * The mismatches between `out` and the float64 product, allowing the rounding error bound of a
 * float32 dot product: (k + 2) * 2^-24 * sum |a * b| (Higham's bound for recursive summation,
 * plus the rounding of each product). Returns at most a few messages.
 */
function mismatches(out: Float32Array, a: (b: number, i: number, j: number) => number, b: (b: number, i: number, j: number) => number, sizes: MatmulSizes): string[] {
  const { batch, m, k, n } = sizes;
  const found: string[] = [];
  for (let bi = 0; bi < batch; bi++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let magnitude = 0;
        for (let t = 0; t < k; t++) {
          const product = a(bi, i, t) * b(bi, t, j);
          sum += product;
          magnitude += Math.abs(product);
        }
        const got = out[(bi * m + i) * n + j]!;
        if (!(Math.abs(got - sum) <= (k + 2) * 2 ** -24 * magnitude) && found.length < 5) {
          found.push(`[${bi},${i},${j}] of ${batch}x${m}x${k}x${n}: got ${got}, expected ${sum}`);
        }
      }
    }
  }
  return found;
}

/** Runs the wasm kernel on fresh operands and returns the mismatches with the float64 reference. */
function check(sizes: MatmulSizes, aLayout: Layout = "rowMajor", bLayout: Layout = "rowMajor"): string[] {
  const { batch, m, k, n } = sizes;
  const a = operand(aLayout, batch, m, k, m * 1000 + k);
  const b = operand(bLayout, batch, k, n, n * 1000 + k + 7);
  const out = new Float32Array(batch * m * n).fill(Number.NaN);
  expect(matmulFloat32Wasm(out, a.view, b.view, sizes)).toBe(true);
  return mismatches(out, a.at, b.at, sizes);
}

const rowMajor = (data: Float32Array, rows: number, cols: number): MatrixView => ({ data, offset: 0, batchStride: rows * cols, rowStride: cols, colStride: 1 });

describe("wasm sgemm", () => {
  it("is available on Node 20 (WebAssembly SIMD)", () => {
    expect(wasmSgemmAvailable()).toBe(true);
  });

  it("matches a float64 reference within float32 rounding for every m, n, k in 1..17", () => {
    const found: string[] = [];
    for (let m = 1; m <= 17; m++) for (let n = 1; n <= 17; n++) for (let k = 1; k <= 17; k++) found.push(...check({ batch: 1, m, k, n }));
    expect(found).toEqual([]);
  });

  it("reads transposed, strided, sparse and batch-broadcast operands, batch > 1", () => {
    const found: string[] = [];
    for (const aLayout of layouts) for (const bLayout of layouts) found.push(...check({ batch: 3, m: 23, k: 37, n: 19 }, aLayout, bLayout));
    expect(found).toEqual([]);
  });

  it("matches the reference on products spanning several tiles in each dimension", () => {
    expect(check({ batch: 1, m: 1030, k: 1100, n: 9 })).toEqual([]);
    expect(check({ batch: 1, m: 9, k: 40, n: 1030 }, "transposed", "transposed")).toEqual([]);
    expect(check({ batch: 2, m: 7, k: 2100, n: 13 }, "strided", "rowMajor")).toEqual([]);
  });

  it("writes +0 everywhere when k = 0", () => {
    const out = new Float32Array(6).fill(Number.NaN);
    const empty = new Float32Array(0);
    expect(matmulFloat32Wasm(out, rowMajor(empty, 2, 0), rowMajor(empty, 0, 3), { batch: 1, m: 2, k: 0, n: 3 })).toBe(true);
    expect(Array.from(out, (x) => Object.is(x, 0))).toEqual(new Array(6).fill(true));
  });

  it("accumulates in float32 in k order, as BLAS does: 1 + 63 * 2^-24 sums to 1", () => {
    // Each 2^-24 is half an ulp of 1 and rounds away; a float64 accumulator would keep them.
    const k = 64;
    const a = Float32Array.from({ length: k }, (_, t) => (t === 0 ? 1 : 2 ** -24));
    const b = new Float32Array(k * 8).fill(1);
    const out = new Float32Array(8);
    matmulFloat32Wasm(out, rowMajor(a, 1, k), rowMajor(b, k, 8), { batch: 1, m: 1, k, n: 8 });
    expect(Array.from(out)).toEqual(new Array(8).fill(1));
  });

  it("propagates NaN and infinities to exactly the sums that contain them", () => {
    const [m, k, n] = [7, 9, 11];
    const a = floats(m * k, 1).map((x) => Math.abs(x) + 0.5);
    const b = floats(k * n, 2);
    a[2 * k + 3] = Number.NaN; // row 2 of the result becomes NaN
    b[4 * n + 6] = Number.POSITIVE_INFINITY; // column 6 becomes +Inf, -Inf or NaN by the sign of a[i, 4]
    a[1 * k + 4] = -1;
    a[5 * k + 4] = 0;
    const out = new Float32Array(m * n);
    matmulFloat32Wasm(out, rowMajor(a, m, k), rowMajor(b, k, n), { batch: 1, m, k, n });
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const got = out[i * n + j]!;
        if (i === 2 || (i === 5 && j === 6)) expect(got, `[${i},${j}]`).toBeNaN();
        else if (j === 6) expect(got, `[${i},${j}]`).toBe(i === 1 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY);
        else expect(Number.isFinite(got), `[${i},${j}] = ${got}`).toBe(true);
      }
    }
  });

  it("gives +0 for sums of negative zeros, as a sum starting from +0 does", () => {
    const a = Float32Array.from([-0, -1, 0, -0]);
    const b = Float32Array.from([1, 0, -0, 1]);
    const out = new Float32Array(4).fill(Number.NaN);
    // [[-0, -1], [0, -0]] @ [[1, 0], [-0, 1]]: every product is a zero, some negative.
    matmulFloat32Wasm(out, rowMajor(a, 2, 2), rowMajor(b, 2, 2), { batch: 1, m: 2, k: 2, n: 2 });
    expect(Array.from(out, (x) => Object.is(x, 0))).toEqual([true, false, true, true]);
    expect(out[1]).toBe(-1);
  });

  it("gives the same bits whatever ran before", () => {
    const sizes = { batch: 2, m: 37, k: 600, n: 21 };
    const a = operand("transposed", 2, 37, 600, 5).view;
    const b = operand("rowMajor", 2, 600, 21, 6).view;
    const first = new Float32Array(2 * 37 * 21);
    matmulFloat32Wasm(first, a, b, sizes);
    const other = operand("rowMajor", 1, 300, 300, 9).view;
    matmulFloat32Wasm(new Float32Array(300 * 300), other, other, { batch: 1, m: 300, k: 300, n: 300 });
    const again = new Float32Array(first.length);
    matmulFloat32Wasm(again, a, b, sizes);
    expect(new Uint32Array(again.buffer)).toEqual(new Uint32Array(first.buffer));
  });

  it("declines float64 operands without writing", () => {
    const out = new Float32Array(4).fill(7);
    const a: MatrixView = { data: new Float64Array(4), offset: 0, batchStride: 4, rowStride: 2, colStride: 1 };
    expect(matmulFloat32Wasm(out, a, rowMajor(new Float32Array(4), 2, 2), { batch: 1, m: 2, k: 2, n: 2 })).toBe(false);
    expect(Array.from(out)).toEqual([7, 7, 7, 7]);
  });
});
