/**
 * `npm run bench`: runs every benchmark in this folder, one JSON line per measurement.
 * Benchmarks never run as part of `npm test`.
 */
import "./matmul.js";
