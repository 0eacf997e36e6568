/**
 * Reporters: what `fit` tells the world while it trains. A reporter is a record of up to four
 * callbacks (start, step, epoch, end), each optional; fit calls them in that order and nothing
 * else it does depends on them. The ones here only format lines and hand them to a `write`
 * sink (console.log unless given), so they run anywhere; the terminal progress bar lives in the
 * Node entry (node/terminal-reporter.ts).
 *
 * @example
 * import { models, np, optim, random, type ArrayValue } from "tessera";
 * const options = {
 *   loss: (p: { w: ArrayValue }, batch: { x: ArrayValue }) => batch.x.mul(p.w).sub(1).square().mean(),
 *   params: { w: np.zeros([1]) }, optimizer: optim.sgd({ learningRate: 0.1 }),
 *   data: { x: np.ones([8, 1]) }, batchSize: 4, epochs: 5, key: random.key(0),
 * };
 * models.fit({ ...options, reporter: models.plainReporter({ every: 5 }) }); // "step 5/10  epoch 2  loss ..."
 * const log: string[] = [];
 * models.fit({ ...options, reporter: models.jsonReporter({ write: (line) => log.push(line) }) });
 */
import { count, func, readOptions, refine } from "../core/validate.js";

/** Training is about to start. */
export interface StartReport {
  readonly totalSteps: number;
}

/**
 * One step has run: its (1-based) number, its epoch (0-based), the batch loss (absent for a
 * custom step that returns no `loss` metric) and the step's other metrics by name.
 */
export interface StepReport {
  readonly step: number;
  readonly totalSteps: number;
  readonly epoch: number;
  readonly loss?: number;
  readonly metrics?: Readonly<Record<string, number>>;
}

/**
 * An epoch has ended (after `step` steps in all). With a `validate` function, `validation` holds
 * its number, or `validationMetrics` its record of named metrics.
 */
export interface EpochReport {
  readonly epoch: number;
  readonly step: number;
  readonly totalSteps: number;
  readonly validation?: number;
  readonly validationMetrics?: Readonly<Record<string, number>>;
}

/** Training has stopped: `finished` is false when a step or a callback threw. */
export interface EndReport {
  readonly step: number;
  readonly totalSteps: number;
  readonly finished: boolean;
}

/** What fit reports to. Every callback is optional; `{}` reports nothing. */
export interface Reporter {
  start?(report: StartReport): void;
  step?(report: StepReport): void;
  epoch?(report: EpochReport): void;
  end?(report: EndReport): void;
}

/** Where line reporters write: one line at a time, without its newline. */
export type LineSink = (line: string) => void;

/** Options of the line reporters. */
export interface LineReporterOptions {
  /** Report every this many steps (default: a tenth of the run); the last step is always reported. */
  readonly every?: number;
  /** The sink (default console.log). */
  readonly write?: LineSink;
}

/** Reports nothing (fit's default outside the Node entry). */
export const silentReporter: Reporter = Object.freeze({});

/** A reporter that passes every step's report to `onStep`. */
export function callbackReporter(onStep: (report: StepReport) => void): Reporter {
  func("callbackReporter", "onStep", onStep);
  return { step: (report) => onStep(report) };
}

/**
 * Plain text lines: a step line every `every` steps and at the last step
 * (`step 40/200  epoch 1  loss 0.3121`), an epoch line when there is a validation metric, and a
 * line when training stops early.
 */
export function plainReporter(reporterOptions?: LineReporterOptions): Reporter {
  const options = readLineOptions("plainReporter", reporterOptions);
  return cadenced(options, {
    step: ({ step, totalSteps, epoch, loss, metrics = {} }) => {
      const values = [...(loss === undefined ? [] : [`loss ${formatNumber(loss)}`]), ...Object.entries(metrics).map(([name, value]) => `${name} ${formatNumber(value)}`)];
      return `step ${step}/${totalSteps}  epoch ${epoch}${values.length === 0 ? "" : `  ${values.join("  ")}`}`;
    },
    epoch: ({ epoch, step, totalSteps, validation, validationMetrics }) => {
      const named = validationMetrics === undefined ? [] : Object.entries(validationMetrics).map(([name, value]) => `${name} ${formatNumber(value)}`);
      const parts = validation === undefined ? named : [`validation ${formatNumber(validation)}`];
      return parts.length === 0 ? null : `epoch ${epoch} done at step ${step}/${totalSteps}  ${parts.join("  ")}`;
    },
    end: ({ step, totalSteps, finished }) => (finished ? null : `stopped at step ${step}/${totalSteps}`),
  });
}

/**
 * JSON lines, one object per event with an `event` field ("start", "step", "epoch", "end"), at
 * the same cadence as plainReporter (every epoch is reported). A non-finite loss is written as
 * null, as JSON has no NaN.
 */
export function jsonReporter(reporterOptions?: LineReporterOptions): Reporter {
  const options = readLineOptions("jsonReporter", reporterOptions);
  return cadenced(options, {
    start: (report) => JSON.stringify({ event: "start", ...report }),
    step: (report) => JSON.stringify({ event: "step", ...report }),
    epoch: (report) => JSON.stringify({ event: "epoch", ...report }),
    end: (report) => JSON.stringify({ event: "end", ...report }),
  });
}

// ---------------------------------------------------------------------------------------------
// utils

/** Line formats per event; null (or no format) writes nothing for that event. */
interface LineFormats {
  readonly start?: (report: StartReport) => string | null;
  readonly step: (report: StepReport) => string | null;
  readonly epoch: (report: EpochReport) => string | null;
  readonly end: (report: EndReport) => string | null;
}

const positive = refine(count, (n) => n > 0, "a positive integer");

function readLineOptions(op: string, options: unknown): { every?: number; write: LineSink } {
  const read = readOptions(op, options, { every: positive, write: func });
  const write = (read.write as LineSink | undefined) ?? ((line: string) => console.log(line));
  return read.every === undefined ? { write } : { every: read.every, write };
}

/** A reporter writing formatted lines, steps thinned to one every `every` (fixed when training starts). */
function cadenced(options: { every?: number; write: LineSink }, formats: LineFormats): Reporter {
  const { write } = options;
  let every = options.every ?? 1;
  const emit = (line: string | null) => {
    if (line !== null) write(line);
  };
  return {
    start: (report) => {
      every = options.every ?? Math.max(1, Math.ceil(report.totalSteps / 10));
      if (formats.start !== undefined) emit(formats.start(report));
    },
    step: (report) => {
      if (report.step % every === 0 || report.step === report.totalSteps) emit(formats.step(report));
    },
    epoch: (report) => emit(formats.epoch(report)),
    end: (report) => emit(formats.end(report)),
  };
}

/** Four significant digits ("0.3121", "1.000e-5"), or NaN / Infinity as JavaScript spells them. */
function formatNumber(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(4) : String(value);
}
