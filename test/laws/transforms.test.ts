import { afterAll, describe, expect, it } from "vitest";
import { rules } from "../../core/rules/index.js";
import { checkTransformLaws, programCase, transformLaws, type TransformLaw } from "../../laws/index.js";
import { primitiveCases } from "./primitive-cases.js";

/** Cases each law checked: over primitives (and how many primitives), over random programs. */
const counts = Object.fromEntries(transformLaws.map((law) => [law, { primitiveRuns: 0, primitives: 0, programRuns: 0, notApplicable: 0 }])) as Record<
  TransformLaw,
  { primitiveRuns: number; primitives: number; programRuns: number; notApplicable: number }
>;

describe("transform laws over every primitive", () => {
  it("has a case for every primitive of the rule table", () => {
    expect(Object.keys(primitiveCases).sort()).toEqual(Object.keys(rules).sort());
  });

  for (const [name, c] of Object.entries(primitiveCases)) {
    it(`${name}: every law holds, and every law that does not apply says why`, () => {
      const ran = checkTransformLaws([c], { numRuns: 4 });
      for (const law of transformLaws) {
        const n = ran[law][name] ?? 0;
        if (c.notApplicable?.[law] !== undefined) {
          counts[law].notApplicable++;
          continue;
        }
        expect(n, `${law} checked no case of ${name}: give the case inputs it applies to, or document why it does not apply`).toBeGreaterThan(0);
        counts[law].primitiveRuns += n;
        counts[law].primitives++;
      }
    });
  }
});

describe("transform laws over random programs", () => {
  it("hold on smooth programs (every law, finite differences included)", () => {
    const ran = checkTransformLaws([programCase("smooth programs", { smooth: true })], { numRuns: 40 });
    for (const law of transformLaws) counts[law].programRuns += ran[law]["smooth programs"] ?? 0;
  });

  it("hold on programs with kinks and ties (abs, max, sort, where, ...), except finite differences", () => {
    const laws = transformLaws.filter((law) => law !== "jvpFiniteDifferences" && law !== "gradFiniteDifferences");
    const ran = checkTransformLaws([programCase("programs")], { numRuns: 40, laws });
    for (const law of laws) counts[law].programRuns += ran[law]["programs"] ?? 0;
  });
});

afterAll(() => {
  const rows = transformLaws.map((law) => {
    const c = counts[law];
    return `  ${law.padEnd(22)} ${String(c.primitiveRuns).padStart(5)} cases over ${String(c.primitives).padStart(3)} primitives (${c.notApplicable} not applicable), ${String(c.programRuns).padStart(4)} random programs`;
  });
  console.log(`transform law case counts:\n${rows.join("\n")}`);
});
