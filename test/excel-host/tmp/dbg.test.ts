import { runScoring } from "../../../src/core/pipeline";
import { ExcelHost } from "../../../src/hosts/excel";
import { layoutAWorkbook } from "../fixtures";
test("dbg", async () => {
  for (const n of [34, 700]) {
    const { double, definition } = await layoutAWorkbook(n);
    double.install();
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "t" });
    console.log(n, JSON.stringify(double.requests.map((r) => [r.bytes, r.responseBytes, r.commands, r.ok])));
  }
}, 120000);
