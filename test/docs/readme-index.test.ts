/** The README's examples index lists every runnable example, and only files that exist. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../api/public-api.js";

const readme = readFileSync(join(root, "README.md"), "utf8");
const listed = [...readme.matchAll(/^\| \[`([\w-]+\.ts)`\]\(examples\/\1\) \|/gm)].map((m) => m[1]!);

describe("the README's examples index", () => {
  it("has a row for every examples/*.ts file", () => {
    const examples = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".ts"));
    expect(listed.length).toBeGreaterThan(0);
    expect([...listed].sort()).toEqual(examples.sort());
  });
  it("links only to files that exist", () => {
    for (const file of listed) expect(existsSync(join(root, "examples", file))).toBe(true);
  });
});
