/**
 * `terminalReporter`: fit's default under Node. On an interactive terminal it draws a progress
 * bar; anywhere else (CI, a log file, a pipe) it writes periodic plain lines, or JSON lines when
 * asked, so a run that is not watched live still leaves a record.
 *
 * @example
 * import { models, np, optim, random, type ArrayValue } from "tessera";
 * import { terminalReporter } from "tessera/node";
 * models.fit({
 *   loss: (p: { w: ArrayValue }, batch: { x: ArrayValue }) => batch.x.mul(p.w).sub(1).square().mean(),
 *   params: { w: np.zeros([1]) }, optimizer: optim.sgd({ learningRate: 0.1 }),
 *   data: { x: np.ones([8, 1]) }, batchSize: 4, epochs: 100, key: random.key(0),
 *   reporter: terminalReporter({ format: "json", every: 50 }), // JSON lines when stdout is not a terminal
 * });
 */
import { fail } from "../core/errors.js";
import { count, describeValue, oneOf, readOptions, refine, type OptionCheck } from "../core/validate.js";
import { jsonReporter, plainReporter, type Reporter } from "../models/reporter.js";
import { progressBar, type TerminalStream } from "./progress-bar.js";

/** Options of terminalReporter. */
export interface TerminalReporterOptions {
  /** Where to write (default process.stdout); the bar is drawn when it is a TTY. */
  readonly stream?: TerminalStream;
  /** The lines written when the stream is not a TTY: "plain" (default) or "json". */
  readonly format?: "plain" | "json";
  /** Off a TTY, a line every this many steps (default a tenth of the run; the last step always). */
  readonly every?: number;
}

/** A progress bar on a TTY, periodic plain or JSON lines elsewhere. */
export function terminalReporter(reporterOptions?: TerminalReporterOptions): Reporter {
  const options = readOptions("terminalReporter", reporterOptions, { stream: streamOption, format: oneOf<"plain" | "json">(["plain", "json"]), every: refine(count, (n) => n > 0, "a positive integer") });
  const stream = options.stream ?? process.stdout;
  if (stream.isTTY === true) return progressBar(stream);
  const lines = { write: (line: string) => void stream.write(`${line}\n`), ...(options.every === undefined ? {} : { every: options.every }) };
  return options.format === "json" ? jsonReporter(lines) : plainReporter(lines);
}

const streamOption: OptionCheck<TerminalStream> = (op, name, value) => {
  if (typeof value !== "object" || value === null || typeof (value as { write?: unknown }).write !== "function") {
    fail(op, `${name} must be a writable stream (an object with a write function, such as process.stderr), got ${describeValue(value)}`);
  }
  return value as TerminalStream;
};
