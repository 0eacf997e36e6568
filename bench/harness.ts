/**
 * The timing harness shared by every system: warm-ups, the median of N runs, one JSON line per
 * (system, bench), and the final table of ratios tessera/peer.
 */

/** The benchmarks, one id per measured size. */
export const BENCHES = ["B1-256", "B1-512", "B1-1024", "B2", "B5", "B3", "B4", "B6", "B7"] as const;

/** One benchmark id. */
export type BenchId = (typeof BENCHES)[number];

/** One timed body: it may return a promise (jax-js is lazy and needs awaiting). */
export type Body = () => unknown;

/** What a system provides for one benchmark. */
export interface Case {
  readonly body: Body;
  /** A scalar computed once after timing (untimed), to compare systems' results. */
  readonly check?: () => number | Promise<number>;
  /** Significant digits the check is printed with (default 4; training steps use 6 so that the loss's small descent shows). */
  readonly checkDigits?: number;
  /** The JSON field the check is printed under ("check" unless named, e.g. B7's train accuracy). */
  readonly checkName?: string;
  /** Extra fields derived from the median, e.g. GFLOPS. */
  readonly extra?: (medianMs: number) => Record<string, number | string>;
  /** Time of the very first call (trace + compile + run), measured by the case itself. */
  readonly firstCallMs?: number;
  /** Frees what the case allocated (peers with manual memory). */
  readonly dispose?: () => void;
}

/** A system under test: tessera eager, tessera jit, or a peer on one backend. */
export interface Suite {
  readonly system: string;
  /** Backend and thread count, printed at the start. */
  readonly info: string;
  /** The case for a benchmark, or undefined when the system cannot run it. */
  make(bench: BenchId): Case | undefined | Promise<Case | undefined>;
}

/**
 * Warm-up and run counts per benchmark: B3 as the issue fixes it (3 warm-ups, 20 steps), B4 the
 * same, B6 2 warm-ups and 10 steps. Every system takes the same number of training steps, so the
 * loss after the last one (the check) is comparable across systems.
 */
export const COUNTS: Record<BenchId, { readonly warmups: number; readonly runs: number }> = {
  "B1-256": { warmups: 2, runs: 11 },
  "B1-512": { warmups: 1, runs: 5 },
  "B1-1024": { warmups: 1, runs: 3 },
  B2: { warmups: 2, runs: 9 },
  B5: { warmups: 3, runs: 31 },
  B3: { warmups: 3, runs: 20 },
  B4: { warmups: 3, runs: 20 },
  B6: { warmups: 2, runs: 10 },
  B7: { warmups: 1, runs: 3 },
};

/** One JSON line of output. */
export interface Result {
  readonly system: string;
  readonly bench: BenchId;
  readonly medianMs?: number;
  readonly error?: string;
  readonly [field: string]: unknown;
}

/** Rounds for printing without losing small medians (B5 runs in microseconds). */
function round(x: number, digits = 4): number {
  return Number(x.toPrecision(digits));
}

/** Median wall time of `runs` calls after `warmups` calls, awaiting promise results. */
export async function medianMs(body: Body, warmups: number, runs: number): Promise<number> {
  for (let i = 0; i < warmups; i++) await body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const out = body();
    if (out instanceof Promise) await out;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Runs one (system, bench) pair, prints its JSON line and returns it; failures become an error line. */
export async function runOne(suite: Suite, bench: BenchId): Promise<Result | undefined> {
  let result: Result;
  let made: Case | undefined;
  try {
    made = await suite.make(bench);
    if (made === undefined) return undefined;
    const { warmups, runs } = COUNTS[bench];
    const ms = await medianMs(made.body, warmups, runs);
    const check = made.check === undefined ? undefined : await made.check();
    result = {
      system: suite.system,
      bench,
      medianMs: round(ms),
      runs,
      ...(made.firstCallMs === undefined ? {} : { firstCallMs: round(made.firstCallMs) }),
      ...(made.extra?.(ms) ?? {}),
      ...(check === undefined ? {} : { [made.checkName ?? "check"]: round(check, made.checkDigits) }),
    };
  } catch (error) {
    result = { system: suite.system, bench, error: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  } finally {
    made?.dispose?.();
  }
  console.log(JSON.stringify(result));
  return result;
}

/** The table of ratios tessera/peer (below 1 means tessera is faster), one row per benchmark run. */
export function ratioTable(results: readonly Result[], tessera: readonly string[], peers: readonly string[], benches: readonly BenchId[] = BENCHES): string {
  const median = (system: string, bench: BenchId) => results.find((r) => r.system === system && r.bench === bench)?.medianMs;
  const columns = tessera.flatMap((t) => peers.map((p) => ({ t, p, title: `${t.replace("tessera-", "")}/${p}` })));
  const header = ["bench", ...tessera.map((t) => `${t} ms`), ...peers.map((p) => `${p} ms`), ...columns.map((c) => c.title)];
  const cell = (x: number | undefined) => (x === undefined ? "-" : String(round(x)));
  const rows = benches.map((bench) => [
    bench,
    ...tessera.map((t) => cell(median(t, bench))),
    ...peers.map((p) => cell(median(p, bench))),
    ...columns.map(({ t, p }) => {
      const a = median(t, bench);
      const b = median(p, bench);
      return a === undefined || b === undefined ? "-" : (a / b).toFixed(3);
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}
