/**
 * `npm run repl` (examples/repl.ts), driven as a user would: entries piped to its stdin, the
 * printed answers read from its stdout.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Runs the REPL on `lines` and returns what it printed after each prompt (the banner first). */
function session(lines: readonly string[]): string[] {
  const run = spawnSync(join(root, "node_modules", ".bin", "tsx"), ["examples/repl.ts"], {
    cwd: root,
    input: `${lines.join("\n")}\n`,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", NODE_NO_WARNINGS: "1" },
    timeout: 60_000,
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout.split("tessera> ").map((answer) => answer.trimEnd());
}

describe("npm run repl", () => {
  let answers: string[] = [];
  beforeAll(() => {
    answers = session([
      "np.array([1, 2]).mul(2)",
      "jvp((x: ArrayValue) => (console.log(x), x.mul(x)), [np.array([1, 2])], [np.ones([2])])[1]",
      "makeJaxpr((x: ArrayValue) => np.sin(x).mul(2))(np.ones([3]))",
      "tree.structure({ a: 1, b: [1, 2] })",
      "JSON.stringify(np.array([[1, 2], [3, 4]]))",
      "const square = (x: ArrayValue): ArrayValue => x.mul(x)",
      "grad((x: ArrayValue) => square(x).sum())(np.array([3]))",
      "tessera.optim === optim && typeof models.fit",
      'jit((x: ArrayValue, act: string) => x)(np.ones([2]), "relu")',
      "{ a: 1 }",
      "const total = 1 +",
      "  2",
      "total",
    ]);
  }, 60_000);

  it("greets with the globals it loaded", () => {
    for (const name of ["np", "lax", "random", "tree", "nn", "optim", "models", "grad", "jit", "vmap", "makeJaxpr"]) {
      expect(answers[0]).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });
  it("evaluates an expression and prints the array", () => {
    expect(answers[1]).toBe("array([2., 4.], dtype=float32)");
  });
  it("shows a tracer as Traced<aval>(transform)", () => {
    expect(answers[2]).toBe("Traced<f32[2]>(jvp)\narray([2., 4.], dtype=float32)");
  });
  it("shows a jaxpr as its text", () => {
    expect(answers[3]).toBe(["{ lambda ; a:f32[3]. let", "    b:f32[3] = sin a", "    c:f32[3] = mul b 2.0:f32[]", "  in (c) }"].join("\n"));
  });
  it("shows a tree structure as a PyTreeDef", () => {
    expect(answers[4]).toBe("PyTreeDef({a: *, b: [*, *]})");
  });
  it("serializes an array to JSON with its values", () => {
    expect(answers[5]).toBe(`'{"shape":[2,2],"dtype":"float32","data":[[1,2],[3,4]]}'`);
  });
  it("accepts TypeScript syntax and keeps definitions between entries", () => {
    expect(answers[6]).toBe("undefined");
    expect(answers[7]).toBe("array([6.], dtype=float32)");
  });
  it("also binds the whole package as `tessera`", () => {
    expect(answers[8]).toBe("'function'");
  });
  it("reports an error and goes on with the next entry", () => {
    expect(answers[9]).toContain('TesseraError: tessera.jit: argument 1 is a string ("relu")');
    expect(answers[9]).toContain("staticArgnums: [1]");
    expect(answers[10]).toBe("{ a: 1 }");
  });
  it("continues an entry that is not complete on its first line", () => {
    expect(answers[11]).toBe("... undefined");
    expect(answers[12]).toBe("3");
  });
});
