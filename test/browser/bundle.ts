/**
 * Bundles a program for the browser the way an application would ship tessera: esbuild, browser
 * platform, ES module, minified, everything in one file. Shared by the browser test and
 * bench/browser.ts, so the size reported is the size tested.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** A bundle and its sizes in bytes. */
export interface Bundle {
  readonly code: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Bundles `entry` (a file path), or `source` text resolved from `resolveDir`, for the browser. */
export async function bundleForBrowser(input: { readonly entry: string } | { readonly source: string; readonly resolveDir: string }): Promise<Bundle> {
  const result = await build({
    ...("entry" in input ? { entryPoints: [input.entry] } : { stdin: { contents: input.source, resolveDir: input.resolveDir, loader: "ts" } }),
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.text;
  const bytes = Buffer.byteLength(code);
  return { code, bytes, gzipBytes: gzipSync(code, { level: 9 }).length };
}
