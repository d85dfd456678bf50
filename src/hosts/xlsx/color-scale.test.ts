/** The .xlsx host anchors the results sheet's colour scales where the plan says: 0, 0.5 and 1 for group values. */
import JSZip from "jszip";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { demoForms } from "./test-workbooks";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";


test("the group values' colour scales sit at the numbers 0, 0.5 and 1, not at the lowest, median and highest", async () => {
  const host = await XlsxHost.fromBuffer(await demoForms(), "phieu.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "test", now: new Date("2024-06-01T00:00:00Z") });
  const planned = result.plan!.owned.find((o) => o.name === "Kết quả")!.conditionalFormats.filter((c) => c.kind === "colorScale");
  expect(planned).toHaveLength(2);
  const zip = await JSZip.loadAsync(await host.toBuffer());
  const parts = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  const xml = (await Promise.all(parts.map((f) => zip.file(f)!.async("string")))).join("");
  const scales = xml.match(/<colorScale>[\s\S]*?<\/colorScale>/g) ?? [];
  expect(scales).toHaveLength(2);
  for (const s of scales) {
    expect((s.match(/<cfvo [^>]*\/>/g) ?? []).map((c) => [/type="(\w+)"/.exec(c)?.[1], /val="([^"]*)"/.exec(c)?.[1]])).toEqual([
      ["num", "0"],
      ["num", "0.5"],
      ["num", "1"],
    ]);
  }
  // The data bar on the total starts at 0 (as Excel's own default does), up to the column's highest.
  expect(xml).toMatch(/<dataBar>[\s\S]*?<cfvo type="num" val="0"\/><cfvo type="max"\/>/);
});
