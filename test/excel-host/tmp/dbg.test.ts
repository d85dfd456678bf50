import { runScoring } from "../../../src/core/pipeline";
import { ExcelHost } from "../../../src/hosts/excel";
import { layoutAWorkbook } from "../fixtures";
test("dbg", async () => {
  for (const n of [700]) {
    const { double, definition } = await layoutAWorkbook(n);
    double.install();
    const r = await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "t" });
    const p = r.plan!;
    const codes: Record<string, number> = {};
    for (const i of r.issues) codes[i.code] = (codes[i.code] ?? 0) + 1;
    console.log(JSON.stringify({ owned: p.owned.map((o) => [o.name, JSON.stringify(o).length]), edits: JSON.stringify(p.edits).length, marks: p.marks.length, marksBytes: JSON.stringify(p.marks).length, codes }));
  }
}, 120000);
