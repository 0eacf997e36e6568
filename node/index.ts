/**
 * `tessera/node`: what only Node can do. Files (a CSV loader, checkpoints saved to and loaded
 * from disk) and the terminal reporter for `fit`. Everything else is in `tessera`, which runs in
 * browsers too.
 *
 * @example
 * import { loadCsv, saveCheckpointSync, terminalReporter } from "tessera/node";
 */
import { installCore } from "../core/install.js";

// The registration step (the eager interpreter, the array methods), as index.ts runs it: a program
// may import this entry before, or without, "tessera", and still gets working arrays from loadCsv.
installCore();

export { loadCheckpoint, loadCheckpointSync, saveCheckpoint, saveCheckpointSync, type CheckpointFormat, type SaveOptions } from "./checkpoint.js";
export { loadCsv } from "./csv.js";
export type { CsvData, CsvOptions } from "../models/csv.js";
export type { TerminalStream } from "./progress-bar.js";
export { terminalReporter, type TerminalReporterOptions } from "./terminal-reporter.js";
