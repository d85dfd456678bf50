/** The Excel host anchors the results sheet's colour scales where the plan says: 0, 0.5 and 1 for group values. */
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { layoutAWorkbook } from "./fixtures";

test("the group values' colour scales are Number criteria at 0, 0.5 and 1 (red, yellow, green)", async () => {
  const { double, definition } = await layoutAWorkbook(4);
  double.install();
  await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now: new Date("2026-01-15T08:00:00Z") });
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
