/**
 * Runs pages in the system's headless Chromium (Debian's `chromium` package, installed by
 * .ci/run when missing), driven by playwright-core: nothing downloads a browser build. Pages are
 * served from a local HTTP server, so they get a real origin and the response headers a test
 * chooses (a Content-Security-Policy).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A page served at some path: its body, content type and extra headers. */
export interface Served {
  readonly body: string;
  readonly type: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A running browser with a local server: open served paths, then close both. */
export interface Session {
  readonly origin: string;
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Starts Chromium (a fresh profile) and a server on 127.0.0.1 answering `files` by path; fails clearly when Chromium is missing. */
export async function startSession(files: Readonly<Record<string, Served>>): Promise<Session> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`the browser test needs Debian's chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (.ci/run does this when it is missing)`);
  }
  const server = await listen(files);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = mkdtempSync(join(tmpdir(), "tessera-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
  } catch (error) {
    server.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    origin,
    open: async (path) => {
      const page = await context.newPage();
      await page.goto(`${origin}${path}`);
      return page;
    },
    close: async () => {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function listen(files: Readonly<Record<string, Served>>): Promise<Server> {
  const server = createServer((request, response) => {
    const file = files[request.url ?? ""];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": file.type, "cache-control": "no-store", ...file.headers }).end(file.body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** An HTML page loading `/app.js` as a module, under `csp` when given. */
export function modulePage(csp?: string): Served {
  return { body: '<!doctype html><meta charset="utf-8"><title>tessera</title><script type="module" src="/app.js"></script>', type: "text/html; charset=utf-8", ...(csp === undefined ? {} : { headers: { "content-security-policy": csp } }) };
}
