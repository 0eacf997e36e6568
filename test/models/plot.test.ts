import { describe, expect, it } from "vitest";
import { svgChart, textChart } from "../../models/plot.js";

describe("textChart", () => {
  it("draws one column per value bucket, highest value on the top row, with the range on the axis", () => {
    const chart = textChart([4, 3, 2, 1], { width: 10, height: 4 }).split("\n");
    expect(chart).toHaveLength(4 + 2);
    expect(chart[0]).toBe(`${"4.00".padStart(9)} ┤•   `);
    expect(chart[3]).toBe(`${"1.00".padStart(9)} ┤│││•`);
    expect(chart[4]).toBe(`${" ".repeat(10)}└────`);
  });

  it("averages buckets when there are more values than columns and skips non-finite ones", () => {
    const chart = textChart([1, 1, 3, 3, Number.NaN, 3], { width: 3, height: 3 }).split("\n");
    expect(chart.slice(0, 3).map((r) => r.slice(11))).toEqual([" ••", " ││", "•││"]);
  });

  it("rejects nothing to plot", () => {
    expect(() => textChart([])).toThrow(/no values/);
    expect(() => textChart([Number.NaN])).toThrow(/no finite values/);
  });
});

describe("svgChart", () => {
  it("is a standalone document with one polyline point per finite value and an escaped title", () => {
    const svg = svgChart([3, 2, Number.POSITIVE_INFINITY, 1], { title: "a<b & c" });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const points = /points="([^"]*)"/.exec(svg)![1]!.split(" ");
    expect(points).toHaveLength(3);
    expect(svg).toContain("a&#60;b &#38; c");
    expect(svg).not.toContain("a<b");
  });
});
