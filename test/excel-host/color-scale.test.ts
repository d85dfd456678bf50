/**
 * The Excel host gives the results sheet's conditional formats what the plan asks: colour scales
 * anchored at 0, 0.5 and 1 for group values, data bars that start at 0.
 */
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { layoutAWorkbook } from "./fixtures";

async function scored(units: number) {
  const { double, definition } = await layoutAWorkbook(units);
  double.install();
  const result = await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now: new Date("2026-01-15T08:00:00Z") });
  return { double, result };
}

test("the group values' colour scales are Number criteria at 0, 0.5 and 1 (red, yellow, green)", async () => {
  const { double } = await scored(4);
  const scales = double.sheet("Kết quả").conditionalFormats.filter((c) => c.type === "ColorScale");
  // The department sample has six pillars: one colour scale on each pillar's values.
  expect(scales).toHaveLength(6);
  for (const s of scales) {
    expect(s.colorScale?.criteria).toEqual({
      minimum: { type: "Number", formula: "0", color: "#F8696B" },
      midpoint: { type: "Number", formula: "0.5", color: "#FFEB84" },
      maximum: { type: "Number", formula: "1", color: "#63BE7B" },
    });
  }
  expect(double.requests.every((r) => r.ok)).toBe(true);
});

test("the results' data bars start at 0 (the lowest unit's bar is not empty) and end where Excel puts them, in the plan's blue", async () => {
  const { double, result } = await scored(4);
  const bars = double.sheet("Kết quả").conditionalFormats.filter((c) => c.type === "DataBar");
  const planned = result.plan!.owned.find((o) => o.name === "Kết quả")!.conditionalFormats.filter((c) => c.kind === "dataBar");
  expect(planned.length).toBeGreaterThan(0);
  expect(bars).toHaveLength(planned.length);
  for (const b of bars) expect(b.dataBar).toEqual({ positiveFillColor: "#5B9BD5", lowerBoundRule: { type: "Number", formula: "0" } });
});
