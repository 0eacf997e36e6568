/**
 * The same build in a browser: test/browser/program.ts, bundled by esbuild for the browser from
 * the public face, runs in headless Chromium and its results are checked here. The page is
 * served under a Content-Security-Policy that allows only what docs/browser.md says tessera
 * needs; a second page without 'unsafe-eval' shows what happens when that is missing.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser } from "./bundle.js";
import { modulePage, startSession, type Session } from "./chromium.js";
import type { BrowserResults } from "./program.js";

const NEEDED_CSP = "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'";
const NO_EVAL_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

let session: Session;
let results: BrowserResults;
let noEvalError: string;

beforeAll(async () => {
  const bundle = await bundleForBrowser({ entry: fileURLToPath(new URL("./program.ts", import.meta.url)) });
  const app = { body: bundle.code, type: "text/javascript; charset=utf-8" };
  session = await startSession({ "/": modulePage(NEEDED_CSP), "/no-eval": modulePage(NO_EVAL_CSP), "/app.js": app });
  const read = async (path: string) => {
    const page = await session.open(path);
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));
    await page.waitForFunction(() => "tesseraResults" in globalThis || "tesseraError" in globalThis, undefined, { timeout: 60_000 }).catch((error: Error) => {
      throw new Error(`${path} never reported (page errors: ${pageErrors.join("; ") || "none"}): ${error.message}`);
    });
    return page.evaluate(() => {
      const global = globalThis as { tesseraResults?: BrowserResults; tesseraError?: string };
      return { tesseraResults: global.tesseraResults, tesseraError: global.tesseraError };
    });
  };
  const main = await read("/");
  if (main.tesseraError !== undefined) throw new Error(`the program failed in Chromium: ${main.tesseraError}`);
  results = main.tesseraResults!;
  noEvalError = (await read("/no-eval")).tesseraError ?? "(no error)";
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe("tessera in headless Chromium", () => {
  it("array methods work in the bundle (the installation survives tree-shaking)", () => {
    expect(results.methodSum).toEqual([11, 22, 33]);
  });

  it("jit(grad) + adam training brings the loss down", () => {
    expect(results.adamLoss.first).toBeGreaterThan(1);
    expect(results.adamLoss.last).toBeLessThan(results.adamLoss.first / 100);
  });

  it("a 256x256 float32 matmul runs on the WebAssembly kernel and agrees with a plain product", () => {
    expect(results.wasmMatmul).toBe(true);
    expect(results.matmulShape).toEqual([256, 256]);
    expect(results.matmulError).toBeLessThan(1e-3);
  });

  it("fit trains and reports only to the reporter it is given", () => {
    expect(results.fitLoss).toHaveLength(20);
    expect(results.fitLoss[19]!).toBeLessThan(results.fitLoss[0]! / 10);
    expect(results.fitLines).toEqual([expect.stringMatching(/^step 10\/20 {2}epoch \d+ {2}loss \d/), expect.stringMatching(/^step 20\/20 {2}epoch \d+ {2}loss \d/)]);
  });

  it("checkpoints round-trip through JSON and binary, bit for bit", () => {
    expect([results.checkpointJson, results.checkpointBinary]).toEqual([true, true]);
  });

  it("svgChart draws an SVG document", () => {
    expect(results.svg.startsWith("<svg")).toBe(true);
    expect(results.svg).toContain("fit loss");
  });

  it("without 'unsafe-eval' in the page's CSP, the first generated kernel fails with an EvalError", () => {
    expect(noEvalError).toMatch(/^EvalError: .*unsafe-eval/);
  });
});
