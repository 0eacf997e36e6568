/**
 * Imports each library module as the first and only module of a fresh worker thread, so a module
 * that throws at load (a TDZ error from an import cycle, a Node-only global at the top level)
 * fails on its own. The sources are transpiled once with esbuild (no bundling, so each file stays
 * one module) into a temporary folder inside node_modules/.cache, from which packages resolve.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { REPO_ROOT } from "./import-graph.js";

/** The worker: imports one module (its URL in workerData) and reports the error, if any. */
const WORKER_SOURCE = `
import { parentPort, workerData } from "node:worker_threads";
try {
  await import(workerData);
  parentPort.postMessage(null);
} catch (error) {
  parentPort.postMessage(String(error && error.stack || error));
}
`;

function importInWorker(workerFile: string, moduleUrl: string): Promise<string | null> {
  return new Promise((resolve) => {
    const worker = new Worker(workerFile, { workerData: moduleUrl });
    let reported = false;
    worker.once("message", (message: string | null) => {
      reported = true;
      resolve(message);
      void worker.terminate();
    });
    worker.once("error", (error) => {
      if (!reported) resolve(String(error.stack ?? error));
    });
    worker.once("exit", (code) => {
      if (!reported) resolve(`the worker exited with code ${code} before reporting`);
    });
  });
}

/** For each repository-relative .ts file: "file: error" when importing it alone fails. */
export async function importEachAlone(files: readonly string[]): Promise<string[]> {
  const outDir = join(REPO_ROOT, "node_modules", ".cache", `tessera-import-alone-${process.pid}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  try {
    await build({
      entryPoints: files.map((f) => join(REPO_ROOT, f)),
      outdir: outDir,
      outbase: REPO_ROOT,
      bundle: false,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      logLevel: "silent",
    });
    writeFileSync(join(outDir, "package.json"), JSON.stringify({ type: "module" }));
    const workerFile = join(outDir, "import-one.mjs");
    writeFileSync(workerFile, WORKER_SOURCE);
    const failures: string[] = [];
    const queue = [...files];
    const lanes = Math.max(2, Math.min(4, availableParallelism()));
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
          const url = new URL(`file://${join(outDir, file.replace(/\.ts$/, ".js"))}`).href;
          const error = await importInWorker(workerFile, url);
          if (error !== null) failures.push(`${file}: ${error.split("\n").slice(0, 3).join(" | ")}`);
        }
      }),
    );
    return failures.sort();
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
