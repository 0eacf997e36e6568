/**
 * A one-line progress bar for an interactive terminal: `step 40/200 [██████░░░░░░] loss 0.3121
 * | ETA 12s`, redrawn in place (carriage return, erase to end of line) at most ten times a second
 * and always at the last step. Small enough to own rather than depend on a bar library.
 */
import type { Reporter } from "../models/reporter.js";

/** The part of a terminal stream the bar uses (process.stdout is one). */
export interface TerminalStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const REDRAW_MS = 100;
const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";
const ERASE_TO_END = "\x1b[K";

/** A reporter drawing the bar on `stream`; `now` is the clock in milliseconds. */
export function progressBar(stream: TerminalStream, now: () => number = Date.now): Reporter {
  let started = 0;
  let drawn = -Infinity;
  let loss = "-";
  let validation = "";
  const draw = (step: number, totalSteps: number) => {
    drawn = now();
    const eta = step === 0 ? "-" : formatDuration(((drawn - started) / step) * (totalSteps - step));
    const before = `step ${step}/${totalSteps} `;
    const after = ` loss ${loss}${validation} | ETA ${eta}`;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - before.length - after.length - 3));
    const filled = totalSteps === 0 ? width : Math.round((width * step) / totalSteps);
    stream.write(`\r${before}[${"█".repeat(filled)}${"░".repeat(width - filled)}]${after}${ERASE_TO_END}`);
  };
  return {
    start: ({ totalSteps }) => {
      started = now();
      stream.write(HIDE_CURSOR);
      draw(0, totalSteps);
    },
    step: ({ step, totalSteps, loss: value }) => {
      loss = value === undefined ? "-" : formatLoss(value);
      if (step === totalSteps || now() - drawn >= REDRAW_MS) draw(step, totalSteps);
    },
    epoch: (report) => {
      if (report.validation !== undefined) validation = `  validation ${formatLoss(report.validation)}`;
    },
    end: ({ step, totalSteps }) => {
      draw(step, totalSteps);
      stream.write(`\n${SHOW_CURSOR}`);
    },
  };
}

function formatLoss(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(4) : String(value);
}

/** "12s", "3m04s", "1h02m". */
function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
