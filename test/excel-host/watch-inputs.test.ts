/**
 * Watching the inputs change on each ExcelApi the add-in runs on: one handler for the whole
 * workbook from 1.9 (one per sheet before), the change's source from 1.14 (before, a change inside
 * what the add-in is writing or just wrote is taken as its own).
 */
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { layoutAWorkbook } from "./fixtures";

describe("watching a workbook's inputs", () => {
  for (const version of ["1.8", "1.13", "1.18"]) {
    test(`on ExcelApi ${version}: a user's edit is heard, the add-in's own writes are not, and stopping stops it`, async () => {
      const { double, definition } = await layoutAWorkbook(3, { index: "undp-hdi", requirements: { ExcelApi: version } });
      double.install();
      const before = double.sheetNames();
      const host = new ExcelHost();
      await runScoring(host, { definition, lang: "vi", projectVersion: "test" });
      const owned = double.sheetNames().filter((n) => !before.includes(n));
      const inputs = double.workbook.sheets.filter((s) => s.visibility === "Visible" && s.name.startsWith("Đơn vị"));
      const heard: { sheet: string; address: string }[] = [];
      const stop = await host.watchInputs((e) => heard.push(e));
      // One handler for the whole workbook from ExcelApi 1.9, one per input sheet before.
      const handlers = double.workbook.handlers;
      if (version === "1.8") expect(handlers.map((h) => h.sheet?.name).sort()).toEqual(before.slice().sort());
      else expect(handlers.map((h) => h.sheet)).toEqual([null]);
      expect(owned.length).toBeGreaterThan(0);

      await runScoring(host, { definition, lang: "vi", projectVersion: "test" });
      await new Promise((r) => setTimeout(r, 10));
      expect(heard).toEqual([]);
      await double.userEdit(inputs[1]!.name, "D12", [[7]]);
      expect(heard).toEqual([{ sheet: inputs[1]!.name, address: "D12" }]);
      // From ExcelApi 1.9 the workbook's one handler also hears a sheet added since watching began.
      if (version !== "1.8") {
        double.addSheet("Đơn vị mới", [["Đơn vị", "Đơn vị mới"]]);
        await double.userEdit("Đơn vị mới", "B2", [[5]]);
        expect(heard[1]).toEqual({ sheet: "Đơn vị mới", address: "B2" });
        heard.pop();
      }
      await stop();
      expect(double.workbook.handlers).toHaveLength(0);
      await double.userEdit(inputs[1]!.name, "D13", [[8]]);
      expect(heard).toHaveLength(1);
    });
  }

  test("a stop Excel refuses (another workbook active) says what to do, and the next watch removes the handler it left, so an edit is heard once", async () => {
    const { double } = await layoutAWorkbook(2, { index: "undp-hdi" });
    double.install();
    const host = new ExcelHost();
    const sheet = double.workbook.sheets.find((s) => s.visibility === "Visible" && s.name.startsWith("Đơn vị"))!.name;
    const first: string[] = [];
    const stopFirst = await host.watchInputs((e) => first.push(e.address));
    double.refuseRequests("InactiveWorkbook");
    await expect(stopFirst()).rejects.toMatchObject({ code: "InactiveWorkbook", localized: { en: expect.stringContaining("click into this workbook") } });
    expect(double.workbook.handlers).toHaveLength(1);
    // Still refused when watching again: nothing is added.
    double.refuseRequests("InactiveWorkbook");
    await expect(host.watchInputs(() => undefined)).rejects.toMatchObject({ code: "InactiveWorkbook" });
    expect(double.workbook.handlers).toHaveLength(1);

    const second: string[] = [];
    const stopSecond = await host.watchInputs((e) => second.push(e.address));
    expect(double.workbook.handlers).toHaveLength(1);
    await double.userEdit(sheet, "D12", [[7]]);
    expect(second).toEqual(["D12"]);
    expect(first).toEqual([]);
    // The first stop again does nothing to the second watch.
    await stopFirst();
    expect(double.workbook.handlers).toHaveLength(1);
    await stopSecond();
    expect(double.workbook.handlers).toHaveLength(0);
  });
});
