/**
 * `models.fit` as the Node entry serves it: the same training loop, reporting to the terminal
 * (terminalReporter) unless the caller gives a reporter. The browser build's fit stays silent by
 * default and never touches Node; this file is how Node gets a different default without a
 * global switch.
 */
import { guardArity, isPlainRecord } from "../core/validate.js";
import { fit as fitSilently } from "../models/fit.js";
import { terminalReporter } from "./terminal-reporter.js";

/** Trains `params` (see models/fit.ts), with a progress bar or progress lines when no reporter is given. */
const fitWithTerminal = ((fitOptions: unknown) =>
  // Anything but a record without a reporter goes through untouched, so fit's own checks answer it.
  (fitSilently as (options: unknown) => unknown)(isPlainRecord(fitOptions) && fitOptions.reporter === undefined ? { ...fitOptions, reporter: terminalReporter() } : fitOptions)) as typeof fitSilently;

/** models.fit with the terminal as its default reporter. */
export const fit = guardArity("models.fit", fitWithTerminal, 1);
