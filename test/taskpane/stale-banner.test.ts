/**
 * The pane's stale banner (src/taskpane/state/pipeline.ts staleSince, staleLines): the same kinds
 * of change as the command line says (core/stale.ts staleGroups), each on its line, in both
 * languages; from a snapshot the pane read anyway. Workbooks are real .xlsx files, scored, changed
 * and read back. In Excel, the watch the pane registers after scoring hears a form deleted or added
 * by hand as it hears an edit, and the banner follows.
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../../src/core/definition";
import { DEMO_DEFINITION, DEMO_UNITS } from "../../src/core/plan/test-fixtures";
import { XlsxHost } from "../../src/hosts/xlsx/host";
import { addDemoForm as addForm, scoredThenChanged } from "../stale-workbooks";
import { check, score, staleLines, staleSince } from "../../src/taskpane/state/pipeline";
import type { Workbench } from "../../src/taskpane/state/workbench";
import { openExcelWorkbench } from "../../src/taskpane/state/excel";
import { layoutAWorkbook } from "../excel-host/fixtures";
import { a1 } from "../../src/core/a1";

/** A figure corrected, a unit renamed in B1, a form deleted, two late units' forms added. */
function audited(wb: ExcelJS.Workbook): void {
  wb.getWorksheet("SO-02")!.getCell("D8").value = 55;
  wb.getWorksheet("SO-01")!.getCell("B1").value = "Sở Khoa học và Công nghệ";
  wb.removeWorksheet(wb.getWorksheet("SO-03")!.id);
  addForm(wb, "SDL", "Sở Du lịch");
  addForm(wb, "BTG", "Ban Tôn giáo");
}

describe("the pane's stale banner", () => {
  test("says each kind of change on its line, as the command line counts them: new and gone units are not 'changed', a unit gone is named, a rename is a rename", async () => {
    const host = await scoredThenChanged(audited);
    const groups = staleSince(await host.read(), "vi")!;
    expect(groups.map((g) => [g.kind, g.keys])).toEqual([
      ["changed", ["SO-02"]],
      ["renamed", ["SO-01"]],
      ["added", ["SDL", "BTG"]],
      ["removed", ["SO-03"]],
    ]);
    const [changed, ...rest] = staleLines(groups, "vi");
    expect(changed).toMatch(/^1 đơn vị đã thay đổi số liệu: .+\.$/);
    expect(rest).toEqual([
      "1 đơn vị đã đổi tên (số liệu không đổi): Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ.",
      "2 đơn vị mới được thêm vào sổ: Sở Du lịch, Ban Tôn giáo.",
      "1 đơn vị không còn trong sổ: Sở Tài chính.",
    ]);
    expect(staleLines(groups, "en").slice(1)).toEqual([
      "1 unit was renamed (its figures are unchanged): Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ.",
      "2 units are new in the workbook: Sở Du lịch, Ban Tôn giáo.",
      "1 unit is no longer in the workbook: Sở Tài chính.",
    ]);
  });

  test("English counts more than one unit in the plural, and names five units, then how many more", async () => {
    const host = await scoredThenChanged((wb) => {
      for (const u of DEMO_UNITS) wb.removeWorksheet(wb.getWorksheet(u.code)!.id);
      for (let i = 1; i <= 7; i++) addForm(wb, `M${i}`, `Đơn vị mới ${i}`);
    });
    const lines = staleLines(staleSince(await host.read(), "en")!, "en");
    expect(lines).toEqual([
      "7 units are new in the workbook: Đơn vị mới 1, Đơn vị mới 2, Đơn vị mới 3, Đơn vị mới 4, Đơn vị mới 5 and 2 more.",
      "3 units are no longer in the workbook: Sở Thông tin và Truyền thông, =HYPERLINK(\"http://x\",\"y\"), Sở Tài chính.",
    ]);
  });

  test("each line counts its units as the index calls them, as the command line's sentence does: the one and the many, and the more than five named", () => {
    const departments = { vi: "Sở, ban, ngành", en: "Department" };
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Sở ${i + 1}`);
    const groups = [
      { kind: "changed" as const, keys: names(7), names: names(7), othersMayChange: true as const, unitLabel: departments },
      { kind: "renamed" as const, keys: ["A"], names: ["Sở A → Sở B"], unitLabel: departments },
      { kind: "otherIndex" as const, keys: ["C", "D"], names: ["Sở C", "Sở D"], othersMayChange: true as const, unitLabel: departments },
    ];
    expect(staleLines(groups, "vi")).toEqual([
      "7 sở, ban, ngành đã thay đổi số liệu: Sở 1, Sở 2, Sở 3, Sở 4, Sở 5 và 2 sở, ban, ngành khác.",
      "1 sở, ban, ngành đã đổi tên (số liệu không đổi): Sở A → Sở B.",
      "2 sở, ban, ngành có phiếu đã đổi sang bộ chỉ số khác: Sở C, Sở D.",
      "Bộ chỉ số có chỉ tiêu so sánh giữa các sở, ban, ngành, nên điểm và hạng của các sở, ban, ngành khác cũng có thể thay đổi.",
    ]);
    expect(staleLines(groups, "en")).toEqual([
      "7 departments' figures changed: Sở 1, Sở 2, Sở 3, Sở 4, Sở 5 and 2 more.",
      "1 department was renamed (its figures are unchanged): Sở A → Sở B.",
      "2 departments' forms were changed to another index: Sở C, Sở D.",
      "The index has indicators that compare departments, so the scores and ranks of other departments may change too.",
    ]);
    const countries = { vi: "Quốc gia", en: "Country" };
    expect(staleLines([{ kind: "changed", keys: ["VN"], names: ["Việt Nam"], unitLabel: countries }, { kind: "added", keys: ["LA", "KH"], names: ["Lào", "Campuchia"], unitLabel: countries }], "en")).toEqual([
      "1 country's figures changed: Việt Nam.",
      "2 countries are new in the workbook: Lào, Campuchia.",
    ]);
  });

  test("a workbook never scored has no banner (null), one up to date an empty list", async () => {
    const wb = new ExcelJS.Workbook();
    for (const u of DEMO_UNITS) addForm(wb, u.code, u.name, u.values);
    const never = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(staleSince(await never.read(), "vi")).toBeNull();
    const same = await scoredThenChanged(() => undefined);
    expect(staleSince(await same.read(), "vi")).toEqual([]);
  });

  test("checking says what opening the workbook says: the same kinds, from the check's own reading", async () => {
    const host = await scoredThenChanged(audited);
    const parsed = parseDefinition(DEMO_DEFINITION);
    if (!parsed.ok) throw new Error("the demo definition does not parse");
    const workbench = { mode: "file", host } as unknown as Workbench;
    const checked = await check(workbench, parsed.model, "vi");
    expect(checked.stale).toEqual(staleSince(await host.read(), "vi"));
  });
});

describe("the pane's stale banner in Excel, while the pane is open", () => {
  test("a unit's form deleted after scoring is heard at once and the banner names the unit gone; the form pasted back onto a new sheet is heard too, and the banner goes", async () => {
    const { double, model } = await layoutAWorkbook(3, { via: "insert" });
    double.install();
    const workbench = openExcelWorkbench();
    const run = await score(workbench, model, { lang: "vi", ranking: { method: "competition", decimals: null, within: "all" }, profileUnits: [], chartKinds: ["barSorted"], onProgress: async () => undefined });
    // What the pane does on each watch callback (usePane's updateStale): read, compare, show the lines.
    const banners: string[][] = [];
    const stop = await workbench.watchInputs!(() => {
      void workbench.host.read().then((snapshot) => banners.push(staleLines(staleSince(snapshot, "vi") ?? [], "vi")));
    });
    const gone = run.units[1]!;
    const form = double.workbook.sheets.find((s) => s.visibility === "Visible" && s.name.startsWith("Đơn vị") && [...s.cells.values()].some((c) => c.v === gone.name))!;
    const rows: (string | number | null)[][] = [];
    for (const [k, c] of form.cells) if (c.t !== "Empty") ((rows[Math.floor(k / 16384)] ??= [])[k % 16384] = c.v as string | number);
    await double.userDeleteSheet(form.name);
    await until(() => banners.length === 1);
    // The index compares units: the other units' points may change too.
    expect(banners[0]).toEqual([`1 sở, ban, ngành không còn trong sổ: ${gone.name}.`, OTHERS_VI]);

    // Pasting the form back onto a new sheet of another name is heard too: nothing is out of date then.
    await double.userAddSheet("Phiếu gửi lại", Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null)));
    await until(() => banners.length === 2);
    expect(banners[1]).toEqual([]);
    await stop();
    expect(double.workbook.handlers).toHaveLength(0);
  });
});

/**
 * The banner's last line when the index scored with compares units (layoutAWorkbook's does: a
 * "relative" rule), the units called as the index calls them ("Sở, ban, ngành"), as the lines above count them.
 */
const OTHERS_VI = "Bộ chỉ số có chỉ tiêu so sánh giữa các sở, ban, ngành, nên điểm và hạng của các sở, ban, ngành khác cũng có thể thay đổi.";

/** Waits for the watch's callbacks (Excel calls handlers after its response; the read after them is asynchronous too). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe("the pane's stale banner when a form can no longer be read", () => {
  test("a form's 'Số liệu' header overwritten in Excel after scoring: the banner says its form is no longer read, names its sheet and what to mend, and does not say the unit left the workbook", async () => {
    const { double, model } = await layoutAWorkbook(3, { via: "insert" });
    double.install();
    const workbench = openExcelWorkbench();
    const run = await score(workbench, model, { lang: "vi", ranking: { method: "competition", decimals: null, within: "all" }, profileUnits: [], chartKinds: ["barSorted"], onProgress: async () => undefined });
    const unit = run.units[1]!;
    const form = double.workbook.sheets.find((s) => s.visibility === "Visible" && s.name.startsWith("Đơn vị") && [...s.cells.values()].some((c) => c.v === unit.name))!;
    const header = [...form.cells].find(([, c]) => c.v === "Số liệu")![0];
    await double.userEdit(form.name, a1(Math.floor(header / 16384), header % 16384), [["x"]]);
    const groups = staleSince(await workbench.host.read(), "vi")!;
    expect(groups.map((g) => g.kind)).toEqual(["unreadable"]);
    expect(staleLines(groups, "vi")).toEqual([
      `1 sở, ban, ngành có phiếu không còn đọc được vì dòng tiêu đề bảng đã bị sửa: ${unit.name} ở trang tính '${form.name}'. Hãy sửa lại tên cột như phiếu mẫu.`,
      OTHERS_VI,
    ]);
    expect(staleLines(groups, "en")).toEqual([
      `1 department's form can no longer be read as its table's header row was changed: ${unit.name} on sheet '${form.name}'. Restore the column names of the template.`,
      "The index has indicators that compare departments, so the scores and ranks of other departments may change too.",
    ]);
  });
});

describe("the pane's stale banner after a scoring run during which an input was edited", () => {
  const options = { lang: "vi" as const, ranking: { method: "competition" as const, decimals: null, within: "all" as const }, profileUnits: [], chartKinds: ["barSorted" as const], onProgress: async () => undefined };

  test("the run compares the workbook it leaves with the inputs it scored: a figure typed between its read and its write is out of date at once, as the banner says it", async () => {
    const { double, model } = await layoutAWorkbook(3, { via: "insert" });
    double.install();
    const excel = openExcelWorkbench();
    const form = double.workbook.sheets.find((s) => s.visibility === "Visible" && s.name.startsWith("Đơn vị") && [...s.cells.values()].some((c) => c.v === "Đơn vị số 2"))!;
    const header = [...form.cells].find(([, c]) => c.v === "Số liệu")![0];
    const [headerRow, valueCol] = [Math.floor(header / 16384), header % 16384];
    const [key, cell] = [...form.cells].filter(([k, c]) => k % 16384 === valueCol && Math.floor(k / 16384) > headerRow && typeof c.v === "number").sort((a, b) => a[0] - b[0])[0]!;
    const was = cell.v as number;
    // The official types a figure while the run scores: after the run has read the workbook, before it writes.
    let edited = false;
    const host = excel.host;
    const workbench: Workbench = {
      ...excel,
      host: {
        read: async () => {
          const snapshot = await host.read();
          if (!edited) {
            edited = true;
            await double.userEdit(form.name, a1(Math.floor(key / 16384), valueCol), [[was === 0 ? 1 : 0]]);
          }
          return snapshot;
        },
        apply: (plan) => host.apply(plan),
        get lastApply() {
          return host.lastApply;
        },
      },
    };
    const run = await score(workbench, model, options);
    expect(edited).toBe(true);
    // What usePane's score takes as its banner (not "up to date" on the workbook read after the run).
    expect(run.stale?.map((g) => [g.kind, g.names])).toEqual([["changed", ["Đơn vị số 2"]]]);
    expect(staleLines(run.stale!, "vi")[0]).toBe("1 sở, ban, ngành đã thay đổi số liệu: Đơn vị số 2.");
    // The workbook as the run left it, with the figure typed: the pane's snapshot and the watch's start.
    expect(run.after?.sheets.find((s) => s.name === form.name)?.values[Math.floor(key / 16384)]?.[valueCol]).toBe(was === 0 ? 1 : 0);

    // Scored again with nothing typed meanwhile: nothing is out of date.
    expect((await score(excel, model, options)).stale).toBeUndefined();
  }, 60_000);
});
