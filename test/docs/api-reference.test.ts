/**
 * The API reference builds without a warning: every public signature's types are exported (or
 * listed in typedoc.json as intentionally not), every {@link} resolves, every entry point is
 * documented. Runs TypeDoc's conversion and validation as `npm run docs` does, without writing
 * the HTML.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../api/public-api.js";

describe("npm run docs", () => {
  it("converts and validates every entry point with no warning", { timeout: 120_000 }, () => {
    const typedoc = join(root, "node_modules", ".bin", "typedoc");
    const result = spawnSync(typedoc, ["--emit", "none", "--logLevel", "Warn"], { cwd: root, encoding: "utf8" });
    const output = `${result.stdout}${result.stderr}`;
    expect(output).not.toMatch(/\[warning\]|\[error\]/);
    expect(result.status).toBe(0);
  });
});
