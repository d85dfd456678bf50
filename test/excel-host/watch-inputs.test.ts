/**
 * Watching the inputs change on each ExcelApi the add-in runs on: one handler for the whole
 * workbook from 1.9 (one per sheet before), the change's source from 1.14 (before, a change inside
 * what the add-in is writing or just wrote is taken as its own).
 */
import ExcelJS from "exceljs";
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import type { InputChange } from "../../src/hosts/excel/host";
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
      const changes = handlers.filter((h) => h.event === "changed");
      if (version === "1.8") expect(changes.map((h) => h.sheet?.name).sort()).toEqual(before.slice().sort());
      else expect(changes.map((h) => h.sheet)).toEqual([null]);
      // Sheets added and deleted are heard on every version (ExcelApi 1.7), renamed from 1.17.
      expect(handlers.filter((h) => h.event !== "changed").map((h) => h.event)).toEqual(["added", "deleted", ...(version === "1.18" ? ["nameChanged"] : [])]);
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

  for (const version of ["1.8", "1.18"]) {
    test(`on ExcelApi ${version}: a form sheet a user copies in, renames (from 1.17) or deletes is heard by name; the add-in's own sheets are not`, async () => {
      const { double, definition } = await layoutAWorkbook(3, { index: "undp-hdi", requirements: { ExcelApi: version } });
      double.install();
      const host = new ExcelHost();
      await runScoring(host, { definition, lang: "vi", projectVersion: "test" });
      const inputs = double.workbook.sheets.filter((s) => s.visibility === "Visible" && s.name.startsWith("Đơn vị")).map((s) => s.name);
      const heard: InputChange[] = [];
      const stop = await host.watchInputs((e) => heard.push(e));

      await double.userAddSheet("Bản sao", [], inputs[0]!);
      await double.userRenameSheet("Bản sao", "Đơn vị bổ sung");
      await double.userDeleteSheet(inputs[1]!);
      expect(heard).toEqual([
        { sheet: "Bản sao", address: "", sheetEvent: "added" },
        ...(version === "1.18" ? [{ sheet: "Đơn vị bổ sung", address: "", sheetEvent: "renamed" }] : []),
        // Deleted under the name it had last (renamed since watching began, from ExcelApi 1.17).
        { sheet: inputs[1]!, address: "", sheetEvent: "deleted" },
      ]);
      const before = heard.length;
      // A run in the other language renames the project's own sheets; a sheet of its own deleted is not an input either.
      const owned = double.sheetNames().filter((n) => !inputs.includes(n) && n !== "Đơn vị bổ sung" && n !== "Bản sao");
      await runScoring(host, { definition, lang: "en", projectVersion: "test" });
      await new Promise((r) => setTimeout(r, 10));
      expect(double.sheetNames()).not.toEqual(expect.arrayContaining(owned));
      const results = double.sheetNames().find((n) => n === "Results")!;
      await double.userDeleteSheet(results);
      expect(heard).toHaveLength(before);

      await stop();
      expect(double.workbook.handlers).toHaveLength(0);
      await double.userDeleteSheet(inputs[2]!);
      expect(heard).toHaveLength(before);
    });
  }

  test("forms inserted together are heard each by name, at one round trip for all of them, however many", async () => {
    const syncsFor = async (sheets: number) => {
      const { double } = await layoutAWorkbook(2, { index: "undp-hdi" });
      double.install();
      const host = new ExcelHost();
      const heard: InputChange[] = [];
      await host.watchInputs((e) => heard.push(e));
      const wb = new ExcelJS.Workbook();
      for (let i = 1; i <= sheets; i++) wb.addWorksheet(`Phiếu ${i}`).getCell("A1").value = i;
      const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
      const syncs = double.syncCount;
      await Excel.run(async (ctx) => {
        ctx.workbook.insertWorksheetsFromBase64(base64);
        await ctx.sync();
      });
      await new Promise((r) => setTimeout(r, 10));
      expect(heard).toEqual(Array.from({ length: sheets }, (_, i) => ({ sheet: `Phiếu ${i + 1}`, address: "", sheetEvent: "added" })));
      return double.syncCount - syncs;
    };
    // The insert, then one request for the sheets' names.
    expect(await syncsFor(1)).toBe(2);
    expect(await syncsFor(6)).toBe(2);
  });

  test("a stop Excel refuses (another workbook active) says what to do, and the next watch removes the handler it left, so an edit is heard once", async () => {
    // One watch's handlers on ExcelApi 1.18: cells changed, sheets added, deleted and renamed.
    const PER_WATCH = 4;
    const { double } = await layoutAWorkbook(2, { index: "undp-hdi" });
    double.install();
    const host = new ExcelHost();
    const sheet = double.workbook.sheets.find((s) => s.visibility === "Visible" && s.name.startsWith("Đơn vị"))!.name;
    const first: string[] = [];
    const stopFirst = await host.watchInputs((e) => first.push(e.address));
    double.refuseRequests("InactiveWorkbook");
    await expect(stopFirst()).rejects.toMatchObject({ code: "InactiveWorkbook", localized: { en: expect.stringContaining("click into this workbook") } });
    expect(double.workbook.handlers).toHaveLength(PER_WATCH);
    // Still refused when watching again: nothing is added.
    double.refuseRequests("InactiveWorkbook");
    await expect(host.watchInputs(() => undefined)).rejects.toMatchObject({ code: "InactiveWorkbook" });
    expect(double.workbook.handlers).toHaveLength(PER_WATCH);

    const second: string[] = [];
    const stopSecond = await host.watchInputs((e) => second.push(e.address));
    expect(double.workbook.handlers).toHaveLength(PER_WATCH);
    await double.userEdit(sheet, "D12", [[7]]);
    expect(second).toEqual(["D12"]);
    expect(first).toEqual([]);
    // The first stop again does nothing to the second watch.
    await stopFirst();
    expect(double.workbook.handlers).toHaveLength(PER_WATCH);
    await stopSecond();
    expect(double.workbook.handlers).toHaveLength(0);
  });
});
