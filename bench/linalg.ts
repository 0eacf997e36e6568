/**
 * eigh and svd timings in float64 through the public API (np.linalg.eigh, np.linalg.svd), and
 * numpy/LAPACK on the same inputs when a python with numpy is given, for the ratio:
 * `npx tsx bench/linalg.ts [--numpy /path/to/python]`. Prints one JSON line per (system, case)
 * with the best and median of several runs, then a table.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { np } from "../index.js";
import { timeCalls } from "./timing.js";

/** Timings to 0.01 ms for the table. */
const rounded = (t: { bestMs: number; medianMs: number }) => ({ bestMs: Number(t.bestMs.toFixed(2)), medianMs: Number(t.medianMs.toFixed(2)) });

interface Timing {
  readonly system: string;
  readonly bench: string;
  readonly bestMs: number;
  readonly medianMs: number;
}

function pseudoRandom(rows: number, cols: number, seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: rows * cols }, () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
}

/** The 1797 x 64 pixel matrix of examples/data/digits.csv (the label column dropped). */
function digits(): Float64Array {
  const lines = readFileSync(new URL("../examples/data/digits.csv", import.meta.url), "utf8").trim().split("\n").slice(1);
  return Float64Array.from(lines.flatMap((line) => line.split(",").slice(0, 64).map(Number)));
}

/** The benchmark inputs: name, shape and row-major data (symmetric for eigh). */
function cases(): { name: string; op: "eigh" | "svd"; rows: number; cols: number; data: Float64Array; fullMatrices?: boolean }[] {
  const symmetric = (n: number) => {
    const b = pseudoRandom(n, n, n);
    return Float64Array.from({ length: n * n }, (_, k) => b[k]! + b[(k % n) * n + Math.floor(k / n)]!);
  };
  const pixels = digits();
  return [
    ...[100, 200, 500].map((n) => ({ name: `eigh ${n}x${n}`, op: "eigh" as const, rows: n, cols: n, data: symmetric(n) })),
    { name: "svd 1797x64 digits (reduced)", op: "svd", rows: 1797, cols: 64, data: pixels, fullMatrices: false },
    { name: "svd 1797x64 digits (full)", op: "svd", rows: 1797, cols: 64, data: pixels, fullMatrices: true },
    { name: "svd 500x500", op: "svd", rows: 500, cols: 500, data: pseudoRandom(500, 500, 7), fullMatrices: false },
  ];
}

function runsFor(name: string): number {
  return name.includes("500") || name.includes("full") ? 5 : 11;
}

function tessera(): Timing[] {
  return cases().map((c) => {
    const a = np.array(c.data, { dtype: "float64", shape: [c.rows, c.cols] });
    const body = c.op === "eigh" ? () => void np.linalg.eigh(a) : () => void np.linalg.svd(a, { fullMatrices: c.fullMatrices ?? false });
    return { system: "tessera", bench: c.name, ...rounded(timeCalls(runsFor(c.name), body, 0)) };
  });
}

/** The same cases in numpy, timed by the given python (inputs passed as raw float64 bytes on stdin). */
function numpy(python: string): Timing[] {
  const all = cases();
  const script = `
import json, sys, time
import numpy as np
specs = json.loads(sys.argv[1])
raw = sys.stdin.buffer.read()
offset = 0
for s in specs:
    size = s["rows"] * s["cols"]
    a = np.frombuffer(raw, dtype=np.float64, count=size, offset=offset).reshape(s["rows"], s["cols"]).copy()
    offset += size * 8
    body = (lambda: np.linalg.eigh(a)) if s["op"] == "eigh" else (lambda: np.linalg.svd(a, full_matrices=s["full"]))
    body()
    times = []
    for _ in range(s["runs"]):
        t = time.perf_counter(); body(); times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(json.dumps({"bench": s["name"], "bestMs": round(times[0], 2), "medianMs": round(times[len(times) // 2], 2)}))
`;
  const specs = all.map((c) => ({ name: c.name, op: c.op, rows: c.rows, cols: c.cols, full: c.fullMatrices ?? false, runs: runsFor(c.name) }));
  const input = Buffer.concat(all.map((c) => Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength)));
  const result = spawnSync(python, ["-c", script, JSON.stringify(specs)], { input, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`bench/linalg: ${python} failed: ${result.stderr}`);
  return result.stdout.trim().split("\n").map((line) => ({ system: "numpy", ...(JSON.parse(line) as Omit<Timing, "system">) }));
}

const flag = process.argv.indexOf("--numpy");
const python = flag >= 0 ? process.argv[flag + 1] : undefined;
const ours = tessera();
const theirs = python === undefined ? [] : numpy(python);
for (const t of [...ours, ...theirs]) console.log(JSON.stringify(t));
console.log("\ncase                            tessera median ms   numpy median ms   ratio");
for (const t of ours) {
  const peer = theirs.find((p) => p.bench === t.bench);
  const ratio = peer === undefined ? "" : (t.medianMs / peer.medianMs).toFixed(1);
  console.log(`${t.bench.padEnd(32)}${String(t.medianMs).padStart(14)}${String(peer?.medianMs ?? "-").padStart(18)}${ratio.padStart(8)}`);
}
