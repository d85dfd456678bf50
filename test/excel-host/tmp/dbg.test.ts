import { runScoring } from "../../../src/core/pipeline";
import { ExcelHost } from "../../../src/hosts/excel";
import { layoutAWorkbook } from "../fixtures";
test("dbg", async () => {
  for (const n of [34, 700]) {
    const { double, definition } = await layoutAWorkbook(n);
    double.install();
    const r = await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "t" });
    const codes: Record<string, number> = {};
    for (const i of r.issues) codes[i.code] = (codes[i.code] ?? 0) + 1;
    console.log(n, JSON.stringify(codes), JSON.stringify(double.requests.map((r) => [r.bytes, r.responseBytes, r.commands, r.ok])));
  }
}, 120000);
