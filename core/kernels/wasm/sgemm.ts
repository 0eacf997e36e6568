/**
 * The float32 matmul on WebAssembly SIMD, behind the MatrixView interface (matrix-view.ts).
 *
 * The module (sgemm-module.ts) is generated, compiled and instantiated synchronously on first
 * use, with one private memory that grows to the largest problem seen and is reused by every
 * call; callers only ever see their own arrays. Each product is cut into tiles of at most
 * TILE_ROWS x TILE_COLS outputs and TILE_DEPTH steps of k, so the memory never passes 20 MB.
 * For each tile, the strided operands are packed into the panel layout the micro-kernel reads
 * (which is where transposed and strided views are resolved): the span of the source holding the
 * tile is block-copied into a staging area and the module's packers build the panels, or, for a
 * tile scattered thinly through a large buffer, JavaScript packs it. Then the kernel runs and
 * the C tile is copied out. Every word the kernel reads was written earlier in the same call.
 */
import type { MatmulSizes, MatrixView } from "../matrix-view.js";
import { encodeModule } from "./encoder.js";
import { growTo, instantiate, type WasmMemory } from "./instance.js";
import { sgemmConfig, sgemmModule } from "./sgemm-module.js";

// Outer tiles, in elements; the depth is a multiple of the kernel's depth block so the order of
// float32 additions is the same however a product is tiled.
const TILE_ROWS = 1024;
const TILE_COLS = 1024;
const TILE_DEPTH = 1024;
// A tile is staged with one block copy when the elements it spans are at most this many times
// its own size (a whole matrix, a transposed one, a band of rows); sparser tiles pack in JS.
const STAGE_RATIO = 2;

type SgemmExport = (pa: number, pb: number, pc: number, mp: number, np: number, kc: number, accumulate: number) => void;
type PackExport = (dst: number, src: number, lineStride: number, depthStride: number, panels: number, depth: number) => void;

interface Kernel {
  readonly memory: WasmMemory;
  readonly sgemm: SgemmExport;
  readonly packA: PackExport;
  readonly packB: PackExport;
}

// Compiled once per process on first use; null when this engine lacks WebAssembly SIMD or may not compile it.
let kernel: Kernel | null | undefined;

function loadKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  const exports = instantiate(encodeModule(sgemmModule()));
  if (exports === null) {
    kernel = null;
    return kernel;
  }
  kernel = {
    memory: exports.memory as WasmMemory,
    sgemm: exports.sgemm as SgemmExport,
    packA: exports.packA as PackExport,
    packB: exports.packB as PackExport,
  };
  return kernel;
}

/** True when the WebAssembly SIMD kernel can run here (compiling it on first call). */
export function wasmSgemmAvailable(): boolean {
  return loadKernel() !== null;
}

/**
 * Writes the float32 product of float32 views into the contiguous [batch, m, n] buffer `out`,
 * accumulating in float32; returns false (writing nothing) when an operand is not float32,
 * WebAssembly SIMD is unavailable or its memory cannot grow.
 */
export function matmulFloat32Wasm(out: Float32Array, a: MatrixView, b: MatrixView, sizes: MatmulSizes): boolean {
  const aData = a.data;
  const bData = b.data;
  if (!(aData instanceof Float32Array) || !(bData instanceof Float32Array)) return false;
  const wasm = loadKernel();
  if (wasm === null) return false;
  const { batch, m, k, n } = sizes;
  if (k === 0) {
    out.fill(0, 0, batch * m * n);
    return true;
  }
  const { rows, cols } = sgemmConfig;
  const tileRows = roundUp(Math.min(m, TILE_ROWS), rows);
  const tileCols = roundUp(Math.min(n, TILE_COLS), cols);
  const tileDepth = Math.min(k, TILE_DEPTH);
  // Float offsets of packed A, packed B, C and the staging area inside the memory.
  const pa = 0;
  const pb = pa + tileRows * tileDepth;
  const pc = pb + tileDepth * tileCols;
  const stage = pc + tileRows * tileCols;
  const needed = (stage + STAGE_RATIO * tileDepth * Math.max(tileRows, tileCols)) * 4;
  if (!growTo(wasm.memory, needed)) return false;
  const memory = new Float32Array(wasm.memory.buffer);
  const packA = (tile: OperandTile): void => packTile(memory, pa, tile, rows, wasm.packA, stage);
  const packB = (tile: OperandTile): void => packTile(memory, pb, tile, cols, wasm.packB, stage);

  for (let bi = 0; bi < batch; bi++) {
    const aBase = a.offset + bi * a.batchStride;
    const bBase = b.offset + bi * b.batchStride;
    for (let i0 = 0; i0 < m; i0 += TILE_ROWS) {
      const mb = Math.min(TILE_ROWS, m - i0);
      for (let j0 = 0; j0 < n; j0 += TILE_COLS) {
        const nb = Math.min(TILE_COLS, n - j0);
        const nbp = roundUp(nb, cols);
        for (let p0 = 0; p0 < k; p0 += TILE_DEPTH) {
          const depth = Math.min(TILE_DEPTH, k - p0);
          packA({ data: aData, base: aBase + i0 * a.rowStride + p0 * a.colStride, lineStride: a.rowStride, depthStride: a.colStride, count: mb, depth });
          packB({ data: bData, base: bBase + p0 * b.rowStride + j0 * b.colStride, lineStride: b.colStride, depthStride: b.rowStride, count: nb, depth });
          wasm.sgemm(pa * 4, pb * 4, pc * 4, roundUp(mb, rows), nbp, depth, p0 > 0 ? 1 : 0);
        }
        const outBase = bi * m * n + i0 * n + j0;
        if (nb === n && nbp === n) out.set(memory.subarray(pc, pc + mb * n), outBase);
        else for (let r = 0; r < mb; r++) out.set(memory.subarray(pc + r * nbp, pc + r * nbp + nb), outBase + r * n);
      }
    }
  }
  return true;
}

/** Grows the memory by `pages`, or says it could not (the JavaScript kernel then runs instead). */
/** `count` lines (rows of A or columns of B) of `depth` elements each, inside a float32 buffer. */
interface OperandTile {
  readonly data: Float32Array;
  readonly base: number;
  readonly lineStride: number;
  readonly depthStride: number;
  readonly count: number;
  readonly depth: number;
}

/**
 * Packs a tile into panels of `width` lines at float offset `at`. When the elements the tile
 * spans are few enough, they are copied into the staging area with one block copy and the
 * kernel's packer builds the full panels; the rest (a partial last panel, or tiles scattered
 * through a large buffer) is packed here.
 */
function packTile(memory: Float32Array, at: number, tile: OperandTile, width: number, packFull: PackExport, stage: number): void {
  const { data, base, lineStride, depthStride, count, depth } = tile;
  const panels = Math.floor(count / width);
  const span = (count - 1) * lineStride + (depth - 1) * depthStride + 1;
  let first = 0;
  if (panels > 0 && lineStride >= 0 && depthStride >= 0 && span <= STAGE_RATIO * count * depth) {
    memory.set(data.subarray(base, base + span), stage);
    packFull(at * 4, stage * 4, lineStride * 4, depthStride * 4, panels, depth);
    first = panels * width;
  }
  if (first < count) packPanels(memory, at + first * depth, data, base + first * lineStride, lineStride, depthStride, count - first, depth, width);
}

/**
 * Packs `count` lines into panels of `width` lines, each panel depth-major: line l, step p lands
 * at `at + (l - l % width) * depth + p * width + l % width`; the last panel is padded with zeros.
 */
function packPanels(dst: Float32Array, at: number, src: Float32Array, base: number, lineStride: number, depthStride: number, count: number, depth: number, width: number): void {
  let o = at;
  for (let l0 = 0; l0 < count; l0 += width) {
    const lines = Math.min(width, count - l0);
    let s = base + l0 * lineStride;
    for (let p = 0; p < depth; p++, s += depthStride) {
      for (let l = 0, t = s; l < width; l++, t += lineStride) dst[o++] = l < lines ? src[t]! : 0;
    }
  }
}

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}
