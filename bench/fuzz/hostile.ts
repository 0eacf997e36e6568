/**
 * A broad hostile-input fuzz of tessera's public functions: every export's valid base call
 * mutated with wrong operand types, hostile shapes and lists, bad function arguments, unknown or
 * mistyped options, null options and extra positional arguments (see mutations.ts). Each outcome
 * is one of: clean error (a TesseraError with a readable message), raw error (anything else
 * thrown), silent wrong (a result where the input should have been rejected, a null option or an
 * extra argument silently changing or not changing the result), correct result (null options
 * meaning no options; an extra argument used as JAX's positional form), hang (no answer in the
 * time limit, or a runaway allocation above 2 GiB) and crash (the process died). A function the
 * fuzz passed in (a loop body, a transformed function) that fails on a hostile value the library
 * handed it through is counted apart, as "user function raised" (JAX hands such errors through too).
 *
 * Cases run in a child process that the driver restarts after a hang or a crash.
 *
 *   npx tsx bench/fuzz/hostile.ts [--bases bench/fuzz/bases.json] [--out report.json]
 *
 * `--bases` fixes each subject's base call (written by the first run when the file is absent),
 * so runs before and after a change compare the same calls.
 */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const basesPath = option("--bases") ?? join(here, "bases.json");
const outPath = option("--out");
const timeLimitMs = Number(option("--timeout") ?? 10_000);

interface Outcome {
  readonly index: number;
  readonly category: string;
  readonly subject: string;
  readonly label: string;
  readonly detail: string;
}

/** Runs the worker from case `start`; resolves with the outcomes it reported and whether it finished. */
function runWorker(start: number, onCase: (o: Outcome) => void): Promise<{ finished: boolean; inFlight: number | undefined; inFlightName: string[]; total: number; how: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--max-old-space-size=4096", "--import", "tsx", join(here, "worker.ts"), String(start), basesPath], { stdio: ["ignore", "pipe", "pipe"] });
    let buffer = "";
    let inFlight: number | undefined;
    let inFlightName = ["?", "?"];
    let total = 0;
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    let how = "";
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        how = "hang";
        child.kill("SIGKILL");
      }, timeLimitMs + (inFlight === undefined ? 60_000 : 0));
    };
    arm();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-2000);
    });
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith("N ")) total = Number(line.slice(2));
        else if (line.startsWith("R ")) rebased = line.slice(2).split(",").filter((n) => n !== "");
        else if (line.startsWith("S ")) {
          const [index, subject, label] = line.slice(2).split("\t");
          inFlight = Number(index);
          inFlightName = [subject ?? "?", label ?? "?"];
          arm();
        } else if (line.startsWith("E ")) {
          const [index, category, subject, label, detail] = line.slice(2).split("\t");
          onCase({ index: Number(index), category: category!, subject: subject!, label: label!, detail: detail ?? "" });
          inFlight = undefined;
        } else if (line === "DONE") finished = true;
      }
    });
    child.on("exit", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (!how) how = `exit ${code ?? signal}: ${stderr.trim().split("\n").filter((l) => /Error|error|FATAL|fatal/.test(l)).slice(0, 2).join(" / ").slice(0, 300)}`;
      resolve({ finished, inFlight, inFlightName, total, how });
    });
  });
}

const outcomes: Outcome[] = [];
let rebased: string[] = [];
const fresh = !existsSync(basesPath);
if (fresh) {
  // The first run on this tree chooses each subject's base call and records the choice.
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(here, "worker.ts"), "0", basesPath, "--bases"], { stdio: "inherit" });
    child.on("exit", () => resolve());
  });
}
let start = 0;
let total = Infinity;
const started = Date.now();
while (start < total) {
  const run = await runWorker(start, (o) => outcomes.push(o));
  total = run.total || total;
  if (run.finished) break;
  if (run.inFlight === undefined) {
    console.error(`worker stopped outside a case (${run.how}); giving up`);
    break;
  }
  const category = run.how === "hang" ? "hang" : "crash";
  outcomes.push({ index: run.inFlight, category, subject: run.inFlightName[0]!, label: run.inFlightName[1]!, detail: run.how });
  start = run.inFlight + 1;
  process.stderr.write(`case ${run.inFlight}: ${category} (${run.how}); restarting\n`);
}

const categories = ["clean error", "correct result", "user function raised", "raw error", "silent wrong", "hang", "crash"];
const counts = new Map<string, number>();
const bySubject = new Map<string, Map<string, number>>();
for (const o of outcomes) {
  if (o.category === "base ok" || o.category === "base failed") continue;
  counts.set(o.category, (counts.get(o.category) ?? 0) + 1);
  const ns = o.subject.includes(".") ? o.subject.replace(/\.[^.]+$/, "") : "transforms";
  const m = bySubject.get(ns) ?? new Map<string, number>();
  m.set(o.category, (m.get(o.category) ?? 0) + 1);
  bySubject.set(ns, m);
}
const hostile = [...counts.values()].reduce((a, b) => a + b, 0);
console.log(`hostile calls: ${hostile} over ${new Set(outcomes.map((o) => o.subject)).size} functions in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`| namespace | ${categories.join(" | ")} |\n| --- | ${categories.map(() => "---").join(" | ")} |`);
for (const [ns, m] of [...bySubject].sort()) console.log(`| ${ns} | ${categories.map((c) => m.get(c) ?? 0).join(" | ")} |`);
console.log(`| all | ${categories.map((c) => counts.get(c) ?? 0).join(" | ")} |`);
const baseFailures = outcomes.filter((o) => o.category === "base failed");
if (baseFailures.length > 0) console.log(`base calls that failed on this tree (their mutations still ran): ${baseFailures.map((o) => o.subject).join(", ")}`);
if (rebased.length > 0) console.log(`recorded base calls this tree rejects (the old tree accepted wrong calls), probed again: ${rebased.join(", ")}`);
if (outPath) writeFileSync(outPath, JSON.stringify(outcomes.filter((o) => !o.category.startsWith("base ok")), null, 1));
