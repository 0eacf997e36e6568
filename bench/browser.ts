/**
 * tessera in the browser, in figures: `npx tsx bench/browser.ts`.
 * - bundle sizes (esbuild, browser, ESM, minified; bytes and gzip -9) of the browser test's
 *   program, of the whole public face (`import * as tessera`, nothing tree-shaken), and of
 *   @jax-js/jax imported the same way;
 * - the 256x256 float32 matmul in headless Chromium (median of 21 batches of 10 calls after a warm-up), next to
 *   the same call under Node and to @jax-js/jax's on its wasm device in the same browser
 *   (bench/browser-jaxjs.ts).
 * The bundling and the browser come from test/browser/, so these are the builds the test runs.
 */
import { fileURLToPath } from "node:url";
import { bundleForBrowser, type Bundle } from "../test/browser/bundle.js";
import { modulePage, startSession } from "../test/browser/chromium.js";
import { timeMatmul } from "../test/browser/program.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (name: string, bundle: Bundle) => console.log(`${name.padEnd(44)} ${kb(bundle.bytes).padStart(10)} min ${kb(bundle.gzipBytes).padStart(9)} min+gzip`);

const program = await bundleForBrowser({ entry: fileURLToPath(new URL("../test/browser/program.ts", import.meta.url)) });
const whole = await bundleForBrowser({ source: 'import * as tessera from "./index.ts"; (globalThis as any).tessera = tessera;', resolveDir: root });
const jax = await bundleForBrowser({ source: 'import * as jax from "@jax-js/jax"; (globalThis as any).jax = jax;', resolveDir: root });
row("test/browser/program.ts (what the test runs)", program);
row("import * as tessera (the whole public face)", whole);
row("import * as jax from \"@jax-js/jax\"", jax);

const jaxPage = await bundleForBrowser({ entry: fileURLToPath(new URL("./browser-jaxjs.ts", import.meta.url)) });
const script = (bundle: Bundle) => ({ body: bundle.code, type: "text/javascript; charset=utf-8" });
const session = await startSession({
  "/": modulePage(),
  "/app.js": script(program),
  "/jax/": { ...modulePage(), body: modulePage().body.replace("/app.js", "/jax/app.js") },
  "/jax/app.js": script(jaxPage),
});
try {
  const page = await session.open("/");
  await page.waitForFunction(() => "tesseraTimeMatmul" in globalThis, undefined, { timeout: 60_000 });
  const chromiumMs = await page.evaluate(() => (globalThis as unknown as { tesseraTimeMatmul: (runs: number) => number }).tesseraTimeMatmul(21));
  const userAgent = await page.evaluate(() => (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent);
  const version = /Chrome\/[\d.]+/.exec(userAgent)?.[0] ?? userAgent;
  const nodeMs = timeMatmul(21);
  const gflops = (ms: number) => ((2 * 256 ** 3) / (ms * 1e6)).toFixed(1);
  console.log(`256x256 float32 matmul, ${version} (headless): ${chromiumMs.toFixed(3)} ms median (${gflops(chromiumMs)} GFLOP/s)`);
  console.log(`256x256 float32 matmul, Node ${process.version}: ${nodeMs.toFixed(3)} ms median (${gflops(nodeMs)} GFLOP/s)`);
  const jaxTab = await session.open("/jax/");
  await jaxTab.waitForFunction(() => "jaxjsTimeMatmul" in globalThis, undefined, { timeout: 60_000 });
  const jaxMs = await jaxTab.evaluate(() => (globalThis as unknown as { jaxjsTimeMatmul: (runs: number) => Promise<number> }).jaxjsTimeMatmul(21));
  console.log(`256x256 float32 matmul, @jax-js/jax 0.1.25 wasm device, same browser: ${jaxMs.toFixed(3)} ms median (${gflops(jaxMs)} GFLOP/s); time ratio jax-js / tessera ${(jaxMs / chromiumMs).toFixed(2)}`);
} finally {
  await session.close();
}
