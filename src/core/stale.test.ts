/**
 * Results older than the workbook's inputs, as every host sees them (the Excel host and the pane
 * call staleResults without the definition in use), and the sentences the core writes for them.
 * Workbooks are real .xlsx files, scored, written and read back.
 */
import ExcelJS from "exceljs";
import { XlsxHost } from "../hosts/xlsx/host";
import { makeTemplate } from "../hosts/xlsx/template";
import { SCORING, addDemoForm, scoredThenChanged } from "../../test/stale-workbooks";
import { BUILTIN_INDICES } from "../indices";
import { parseDefinition } from "./definition";
import { DEMO_DEFINITION, DEMO_UNITS } from "./plan/test-fixtures";
import { formsOfAnotherIndexMessage, runScoring } from "./pipeline";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readIndexSheet } from "./plan";
import { keptWithOtherContent, otherIndexMessage, scoredWithAnother, staleGroups, staleMessage, staleResults } from "./stale";
import { atStoredPrecision, canonicalJson, sha256 } from "./hash";
import type { Submission } from "./types";

const NEXT = { ...DEMO_DEFINITION, version: "2025" };
const advice = { vi: "Hãy chấm điểm lại.", en: "Score again." };

/** Every form (or those of `only`) names `text` in its `Bộ chỉ số` cell (B4). */
const relabel = (text: string, only?: string[]) => (wb: ExcelJS.Workbook) => {
  for (const u of DEMO_UNITS) if (!only || only.includes(u.code)) wb.getWorksheet(u.code)!.getCell("B4").value = text;
};

describe("staleResults", () => {
  test("forms relabelled for the next version of the same index are read as any form: that alone changes no unit (as the Excel host asks, without the definition in use)", async () => {
    // Read by the codes of their rows (a "definition-mismatch" warning each), with the figures they were scored with.
    expect(staleResults(await (await scoredThenChanged(relabel("demo-dti@2025"))).read())).toBeUndefined();
    // A figure changed on such a form is a figure changed, not a form of another index.
    const host = await scoredThenChanged((wb) => {
      relabel("demo-dti@2025")(wb);
      wb.getWorksheet("SO-03")!.getCell("D8").value = true; // 1.1 of Sở Tài chính: Không → Có
    });
    const stale = staleResults(await host.read())!;
    expect(stale).toMatchObject({ changed: ["SO-03"], otherIndex: [], unreadable: [], added: [], removed: [] });
    expect(staleMessage(stale, (k) => stale.names[k] ?? k, advice).vi).toMatch(/^Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu kể từ lần chấm điểm ngày \d\d\/\d\d\/2024 \(Sở Tài chính\)\. Hãy chấm điểm lại\.$/);
  });

  test("forms relabelled for another index are units whose form changed, not units gone (as the Excel host asks, without the definition in use)", async () => {
    const host = await scoredThenChanged(relabel("demo-khac@2024"));
    const stale = staleResults(await host.read())!;
    expect(stale).toMatchObject({ changed: ["SO-01", "SO-02", "SO-03"], otherIndex: ["SO-01", "SO-02", "SO-03"], added: [], removed: [] });
    expect(stale.scoredWith).toBeUndefined();
    expect(stale.names["SO-03"]).toBe("Sở Tài chính");
    const m = staleMessage(stale, (k) => stale.names[k] ?? k, advice);
    expect(m.vi).toMatch(/^Kết quả đã cũ: 3 đơn vị có phiếu đã đổi sang bộ chỉ số khác kể từ lần chấm điểm ngày \d\d\/\d\d\/2024 \(Sở Thông tin và Truyền thông, .*, Sở Tài chính\)\. Hãy chấm điểm lại\.$/);
    expect(m.en).toMatch(/^The results are out of date: 3 units' forms were changed to another index since they were scored on /);
  });

  test("a table of units (layout B): a unit's category changed, or its code changed only in case, is said as the workbook's own line says it", async () => {
    const definition = { ...DEMO_DEFINITION, categories: [...DEMO_DEFINITION.categories, { id: "huyen", name: { vi: "UBND cấp huyện", en: "Districts" } }] };
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Bảng");
    ws.addRow(["Mã đơn vị", "Đơn vị", "1.1", "1.2.a", "1.2.b", "2.1", "Nhóm"]);
    ws.addRow(["so-tc", "Sở Tài chính", "Có", 90, 100, 0.9, "Sở, ban, ngành"]);
    ws.addRow(["H01", "Huyện Một", "Không", 40, 100, 0.5, "UBND cấp huyện"]);
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    await runScoring(host, { ...SCORING, definition });
    const changed = async (cell: string, value: string) => {
      const scored = new ExcelJS.Workbook();
      await scored.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
      scored.getWorksheet("Bảng")!.getCell(cell).value = value;
      return staleResults(await (await XlsxHost.fromBuffer(new Uint8Array(await scored.xlsx.writeBuffer()))).read());
    };
    expect(await changed("G3", "Sở, ban, ngành")).toMatchObject({ changed: ["H01"], added: [], removed: [] });
    expect(await changed("A2", "SO-TC")).toMatchObject({ changed: [], added: ["SO-TC"], removed: ["so-tc"] });
  });

  test("a unit's figure changed: with an index that compares units (a relative rule) the sentence adds that other units' points may change too; with one that does not, it says nothing of them", async () => {
    const relative = {
      ...DEMO_DEFINITION,
      root: {
        ...DEMO_DEFINITION.root,
        children: DEMO_DEFINITION.root.children.map((g) =>
          g.code === "2" ? { ...g, children: [{ code: "2.1", name: "Tỷ lệ máy tính kết nối", max: 30, rule: { kind: "relative" } }] } : g,
        ),
      },
    };
    const sentence = async (definition: unknown) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Bảng");
      ws.addRow(["Mã đơn vị", "Đơn vị", "1.1", "1.2.a", "1.2.b", "2.1"]);
      ws.addRow(["SO-TC", "Sở Tài chính", "Có", 90, 100, 0.9]);
      ws.addRow(["SO-XD", "Sở Xây dựng", "Không", 40, 100, 0.5]);
      const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
      await runScoring(host, { ...SCORING, definition });
      const scored = new ExcelJS.Workbook();
      await scored.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
      scored.getWorksheet("Bảng")!.getCell("F2").value = 0.95;
      const stale = staleResults(await (await XlsxHost.fromBuffer(new Uint8Array(await scored.xlsx.writeBuffer()))).read())!;
      expect(stale.changed).toEqual(["SO-TC"]);
      return staleMessage(stale, (k) => stale.names[k] ?? k, advice);
    };
    expect(await sentence(relative)).toEqual({
      vi: "Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu kể từ lần chấm điểm ngày 01/06/2024 (Sở Tài chính). Bộ chỉ số có chỉ tiêu so sánh giữa các đơn vị, nên điểm và hạng của các đơn vị khác cũng có thể thay đổi. Hãy chấm điểm lại.",
      en: "The results are out of date: 1 unit's figures changed since they were scored on 1 Jun 2024 (Sở Tài chính). The index has indicators that compare units, so the scores and ranks of other units may change too. Score again.",
    });
    expect((await sentence(DEMO_DEFINITION)).vi).toBe("Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu kể từ lần chấm điểm ngày 01/06/2024 (Sở Tài chính). Hãy chấm điểm lại.");
  });

  test("with the definition in use given, results scored with another version say which two versions", async () => {
    const host = await scoredThenChanged(relabel("demo-dti@2025"));
    const snapshot = await host.read();
    const run = await runScoring(host, { ...SCORING, definition: NEXT, write: false });
    const model = parseDefinition(NEXT);
    if (!model.ok) throw new Error("NEXT does not parse");
    const stale = staleResults(snapshot, { model: model.model, submissions: run.submissions, issues: run.issues })!;
    expect(stale.scoredWith).toMatchObject({ id: "demo-dti", version: "2024" });
    expect(stale.removed).toEqual([]);
    expect(staleMessage(stale, (k) => k, advice)).toEqual({
      vi: 'Kết quả trong sổ được chấm theo bộ chỉ số "Bộ chỉ số thử nghiệm" phiên bản 2024; bộ chỉ số đang dùng là phiên bản 2025: hãy chấm điểm lại.',
      en: 'The results in the workbook were scored with the index "Demo index" version 2024; the index in use is version 2025: score again.',
    });
  });

  test("one form relabelled for another index beside a changed figure: both said, each with its unit; relabelled for the next version, only the figure", async () => {
    const other = await scoredThenChanged((wb) => {
      relabel("demo-khac@2024", ["SO-02"])(wb);
      wb.getWorksheet("SO-03")!.getCell("D8").value = true; // 1.1 of Sở Tài chính: Không → Có
    });
    const stale = staleResults(await other.read())!;
    expect(stale).toMatchObject({ changed: ["SO-03", "SO-02"], otherIndex: ["SO-02"], removed: [] });
    expect(staleMessage(stale, (k) => stale.names[k] ?? k, advice).vi).toMatch(
      /^Kết quả đã cũ: kể từ lần chấm điểm ngày \d\d\/\d\d\/2024, 1 đơn vị đã thay đổi số liệu \(Sở Tài chính\); 1 đơn vị có phiếu đã đổi sang bộ chỉ số khác \(.*\)\. Hãy chấm điểm lại\.$/,
    );
    // The next version of the same index: the relabelled form is read, its figures as scored.
    const next = await scoredThenChanged((wb) => {
      relabel("demo-dti@2025", ["SO-02"])(wb);
      wb.getWorksheet("SO-03")!.getCell("D8").value = true;
    });
    expect(staleResults(await next.read())).toMatchObject({ changed: ["SO-03"], otherIndex: [], removed: [] });
  });

});

/** DEMO_DEFINITION with 1.1 worth 15 points instead of 10: the same id and version, another content. */
const EDITED = { ...DEMO_DEFINITION, root: { ...DEMO_DEFINITION.root, children: DEMO_DEFINITION.root.children.map((g) => (g.code === "1" ? { ...g, children: g.children.map((c) => (c.code === "1.1" ? { ...c, max: 15 } : c)) } : g)) } };

function modelOf(definition: unknown) {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error("the definition does not parse");
  return parsed.model;
}

describe("results computed with another content of the index in use (the same id and version)", () => {
  test("are said to be so, with nothing else changed; the same content is no change", async () => {
    const host = await scoredThenChanged(() => undefined);
    const snapshot = await host.read();
    const run = await runScoring(host, { ...SCORING, definition: EDITED, write: false });
    const stale = staleResults(snapshot, { model: modelOf(EDITED), submissions: run.submissions, issues: run.issues })!;
    expect(stale).toMatchObject({ changed: [], added: [], removed: [], otherContent: { id: "demo-dti", version: "2024" } });
    // Not another index or version: `scoredWith` stays for those.
    expect(stale.scoredWith).toBeUndefined();
    expect(staleMessage(stale, (k) => k, advice)).toEqual({
      vi: 'Kết quả trong sổ được chấm theo một nội dung khác của bộ chỉ số "Bộ chỉ số thử nghiệm" (demo-dti@2024, cùng mã và phiên bản): định nghĩa đang dùng khác định nghĩa lưu trong sổ; hãy chấm điểm lại.',
      en: 'The results in the workbook were scored with other content of the index "Demo index" (demo-dti@2024, the same id and version): the definition in use differs from the one kept in the workbook; score again.',
    });
    // The definition the workbook was scored with: nothing to say.
    const same = await runScoring(host, { ...SCORING, definition: DEMO_DEFINITION, write: false });
    expect(staleResults(snapshot, { model: modelOf(DEMO_DEFINITION), submissions: same.submissions, issues: same.issues })).toBeUndefined();
  });

  test("with a figure changed too: both said, the units compared through the definition scored with, the advice once at the end", async () => {
    const host = await scoredThenChanged((wb) => {
      wb.getWorksheet("SO-02")!.getCell("D8").value = 55; // 1.2.a: 40 → 55
    });
    const snapshot = await host.read();
    const run = await runScoring(host, { ...SCORING, definition: EDITED, write: false });
    const stale = staleResults(snapshot, { model: modelOf(EDITED), submissions: run.submissions, issues: run.issues })!;
    expect(stale).toMatchObject({ changed: ["SO-02"], otherContent: { id: "demo-dti" } });
    const m = staleMessage(stale, (k) => stale.names[k] ?? k, advice);
    expect(m.vi.startsWith('Kết quả trong sổ được chấm theo một nội dung khác của bộ chỉ số "Bộ chỉ số thử nghiệm" (demo-dti@2024, cùng mã và phiên bản): định nghĩa đang dùng khác định nghĩa lưu trong sổ. Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu kể từ lần chấm điểm ngày 01/06/2024 (')).toBe(true);
    expect(m.vi.endsWith("). Hãy chấm điểm lại.")).toBe(true);
    expect(m.en).toMatch(/the definition in use differs from the one kept in the workbook\. The results are out of date: 1 unit's figures changed since they were scored on 1 Jun 2024 \(.*\)\. Score again\.$/);
  });

  test("only `_index` read (the pane's banner): said as another content, not as another index; the definition kept is the one scoring would replace", async () => {
    const host = await scoredThenChanged(() => undefined);
    const state = readIndexSheet(await host.read());
    const other = scoredWithAnother(state, modelOf(EDITED))!;
    expect(other.otherContent).toBe(true);
    expect(otherIndexMessage(other, { vi: "Hãy chấm lại.", en: "Score again." }).en).toBe(
      'The results in the workbook were scored with other content of the index "Demo index" (demo-dti@2024, the same id and version): the definition in use differs from the one kept in the workbook; score again.',
    );
    expect(scoredWithAnother(state, modelOf(DEMO_DEFINITION))).toBeUndefined();
    expect(scoredWithAnother(state, modelOf(NEXT))?.otherContent).toBeUndefined();
    expect(keptWithOtherContent(state, modelOf(EDITED))).toMatchObject({ id: "demo-dti", version: "2024" });
    expect(keptWithOtherContent(state, modelOf(DEMO_DEFINITION))).toBeUndefined();
    // Another version is not "replaced under the same id and version".
    expect(keptWithOtherContent(state, modelOf(NEXT))).toBeUndefined();
  });

  test("a workbook scored with an earlier release of a built-in (its formerHashes) is said to be scored with another content of it when the built-in is in use", async () => {
    const former = JSON.parse(readFileSync(join(__dirname, "../../test/fixtures/former-builtins/release-2/dti-district-sample.json"), "utf8")) as unknown;
    const builtin = BUILTIN_INDICES.find((b) => b.id === "dti-huyen-mau")!;
    const forms = await XlsxHost.fromBuffer(await makeTemplate(modelOf(former), [{ code: "H01", name: "Huyện Một" }], { lang: "vi" }));
    await runScoring(forms, { ...SCORING, definition: former });
    const scored = await XlsxHost.fromBuffer(await forms.toBuffer());
    const snapshot = await scored.read();
    const run = await runScoring(scored, { ...SCORING, definition: builtin.definition, write: false });
    const stale = staleResults(snapshot, { model: modelOf(builtin.definition), submissions: run.submissions, issues: run.issues })!;
    expect(stale.otherContent).toMatchObject({ id: "dti-huyen-mau" });
    expect(staleMessage(stale, (k) => k, advice).vi).toMatch(/^Kết quả trong sổ được chấm theo một nội dung khác của bộ chỉ số ".*" \(dti-huyen-mau@.*, cùng mã và phiên bản\)/);
    // Scored again without the built-in chosen, with the definition it keeps: up to date.
    const kept = await runScoring(scored, { ...SCORING, definition: former, write: false });
    expect(staleResults(snapshot, { model: modelOf(former), submissions: kept.submissions, issues: kept.issues })).toBeUndefined();
  });
});

/** A late unit's form added to the scored workbook. */
const addForm = (code: string, name: string) => (wb: ExcelJS.Workbook) => addDemoForm(wb, code, name);

describe("staleResults: each kind of change said as what it is", () => {
  /** The audit's workbook in small: a figure corrected, a unit renamed in B1, a form deleted, a late form added. */
  const audited = (wb: ExcelJS.Workbook) => {
    wb.getWorksheet("SO-02")!.getCell("D8").value = 55; // 1.2.a: 40 → 55
    wb.getWorksheet("SO-01")!.getCell("B1").value = "Sở Khoa học và Công nghệ";
    wb.removeWorksheet(wb.getWorksheet("SO-03")!.id);
    addForm("SO-04", "Sở Du lịch")(wb);
  };

  test("a unit gone is named as the last results table named it; a renamed unit is not said to have changed its figures", async () => {
    const host = await scoredThenChanged(audited);
    const stale = staleResults(await host.read())!;
    expect(stale).toMatchObject({ renamed: ["SO-01"], added: ["SO-04"], removed: ["SO-03"], formerNames: { "SO-01": "Sở Thông tin và Truyền thông" } });
    expect([...stale.changed].sort()).toEqual(["SO-01", "SO-02"]);
    expect(stale.names["SO-03"]).toBe("Sở Tài chính");
    const groups = staleGroups(stale);
    expect(groups.map((g) => [g.kind, g.keys])).toEqual([
      ["changed", ["SO-02"]],
      ["renamed", ["SO-01"]],
      ["added", ["SO-04"]],
      ["removed", ["SO-03"]],
    ]);
    expect(groups[1]!.names).toEqual(["Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ"]);
    const m = staleMessage(stale, (k) => stale.names[k] ?? k, advice);
    expect(m.vi).toMatch(
      /^Kết quả đã cũ: kể từ lần chấm điểm ngày \d\d\/\d\d\/2024, 1 đơn vị đã thay đổi số liệu \(.*\); 1 đơn vị đã đổi tên \(Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ\); 1 đơn vị mới được thêm vào sổ \(Sở Du lịch\); 1 đơn vị không còn trong sổ \(Sở Tài chính\)\. Hãy chấm điểm lại\.$/,
    );
    expect(m.en).toMatch(/1 unit's figures changed \(.*\); 1 unit was renamed \(Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ\); 1 unit is new \(Sở Du lịch\); 1 unit is gone \(Sở Tài chính\)\. Score again\.$/);
  });

  test("a form whose table's header row was overwritten is a form no longer read, on its sheet, with what to mend: not a unit gone (with or without the definition in use)", async () => {
    const host = await scoredThenChanged((wb) => {
      wb.getWorksheet("SO-03")!.getCell("D6").value = "x"; // the "Số liệu" header of Sở Tài chính's table
      wb.removeWorksheet(wb.getWorksheet("SO-01")!.id);
    });
    const snapshot = await host.read();
    const run = await runScoring(host, { ...SCORING, definition: DEMO_DEFINITION, write: false });
    const parsed = parseDefinition(DEMO_DEFINITION);
    if (!parsed.ok) throw new Error("the demo definition does not parse");
    // As the Excel host and the pane ask (no definition), and as the command line asks (the one in use, its reading).
    for (const stale of [staleResults(snapshot)!, staleResults(snapshot, { model: parsed.model, submissions: run.submissions, issues: run.issues })!]) {
      expect(stale).toMatchObject({ unreadable: ["SO-03"], sheets: { "SO-03": "SO-03" }, removed: ["SO-01"], added: [] });
      expect(stale.changed).toContain("SO-03");
      expect(staleGroups(stale).map((g) => [g.kind, g.names, g.sheets])).toEqual([
        ["unreadable", ["Sở Tài chính"], ["SO-03"]],
        ["removed", ["Sở Thông tin và Truyền thông"], undefined],
      ]);
      const m = staleMessage(stale, (k) => stale.names[k] ?? k, advice);
      expect(m.vi).toMatch(
        /^Kết quả đã cũ: kể từ lần chấm điểm ngày \d\d\/\d\d\/2024, 1 đơn vị có phiếu không còn đọc được vì dòng tiêu đề bảng đã bị sửa \(Sở Tài chính ở trang tính 'SO-03'\); 1 đơn vị không còn trong sổ \(Sở Thông tin và Truyền thông\)\. Hãy sửa lại tên cột như phiếu mẫu\. Hãy chấm điểm lại\.$/,
      );
      expect(m.en).toMatch(
        /, 1 unit's form can no longer be read as its table's header row was changed \(Sở Tài chính on sheet 'SO-03'\); 1 unit is gone \(Sở Thông tin và Truyền thông\)\. Restore the column names of the template\. Score again\.$/,
      );
    }
  });

  test("in English, two units of a kind are counted in the plural", async () => {
    const host = await scoredThenChanged((wb) => {
      for (const code of ["SO-01", "SO-03"]) wb.removeWorksheet(wb.getWorksheet(code)!.id);
      addForm("SO-04", "Sở Du lịch")(wb);
      addForm("SO-05", "Ban Tôn giáo")(wb);
    });
    const stale = staleResults(await host.read())!;
    expect(staleMessage(stale, (k) => stale.names[k] ?? k, advice).en).toMatch(
      /since they were scored on .*, 2 units are new \(Sở Du lịch, Ban Tôn giáo\); 2 units are gone \(Sở Thông tin và Truyền thông, Sở Tài chính\)\. Score again\.$/,
    );
  });

  test("a unit renamed whose figures changed too is a unit whose figures changed, named by its former and its new name", async () => {
    const host = await scoredThenChanged((wb) => {
      wb.getWorksheet("SO-01")!.getCell("B1").value = "Sở Khoa học và Công nghệ";
      wb.getWorksheet("SO-01")!.getCell("D8").value = 10;
    });
    const stale = staleResults(await host.read())!;
    expect(stale).toMatchObject({ changed: ["SO-01"], renamed: [] });
    expect(staleGroups(stale)).toEqual([{ kind: "changed", keys: ["SO-01"], names: ["Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ"] }]);
    expect(staleMessage(stale, (k) => stale.names[k] ?? k, advice).vi).toMatch(/^Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu kể từ lần chấm điểm ngày .* \(Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ\)\. Hãy chấm điểm lại\.$/);
  });

  test("a unit gone and a unit come under the same name are told apart by their codes", async () => {
    const host = await scoredThenChanged((wb) => {
      wb.removeWorksheet(wb.getWorksheet("SO-03")!.id);
      addForm("SO-04", "Sở Tài chính")(wb);
    });
    const stale = staleResults(await host.read())!;
    expect(staleGroups(stale).map((g) => [g.kind, g.names])).toEqual([
      ["added", ["Sở Tài chính (SO-04)"]],
      ["removed", ["Sở Tài chính (SO-03)"]],
    ]);
  });

  test("without the results table (deleted by hand) a unit gone is known by its code, and a rename is a change", async () => {
    const host = await scoredThenChanged((wb) => {
      wb.removeWorksheet(wb.getWorksheet("Kết quả")!.id);
      wb.removeWorksheet(wb.getWorksheet("SO-03")!.id);
      wb.getWorksheet("SO-01")!.getCell("B1").value = "Sở Khoa học và Công nghệ";
    });
    const stale = staleResults(await host.read())!;
    expect(staleGroups(stale).map((g) => [g.kind, g.names])).toEqual([
      ["changed", ["Sở Khoa học và Công nghệ"]],
      ["removed", ["SO-03"]],
    ]);
  });
});

describe("evidence that says there is none (Không có, x, -)", () => {
  /** `Minh chứng` of 1.1 (E8) on each form: none said three ways, and a decision. */
  const TYPED: Record<string, string> = { "SO-01": "Không có", "SO-02": "QĐ 12/QĐ-UBND", "SO-03": "x" };
  const withEvidence = (wb: ExcelJS.Workbook) => {
    for (const [code, text] of Object.entries(TYPED)) wb.getWorksheet(code)!.getCell("E8").value = text;
  };

  /** The demo forms with TYPED, scored, then `change`d: as a user reopens them. */
  async function scoredWithEvidence(change: (wb: ExcelJS.Workbook) => void, stamp?: (wb: ExcelJS.Workbook, submissions: Submission[]) => void): Promise<XlsxHost> {
    const wb = new ExcelJS.Workbook();
    for (const u of DEMO_UNITS) addDemoForm(wb, u.code, u.name, u.values);
    withEvidence(wb);
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const run = await runScoring(host, { ...SCORING, definition: DEMO_DEFINITION });
    const scored = new ExcelJS.Workbook();
    await scored.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
    stamp?.(scored, run.submissions);
    change(scored);
    return XlsxHost.fromBuffer(new Uint8Array(await scored.xlsx.writeBuffer()));
  }

  /**
   * `_index` stamped as the release before this one stamped it (unit hash scheme 3): every
   * `Minh chứng` of 1.1 here has something in it, and that release took all of it for evidence
   * ("Không có" and "x" too); its hash of a unit was this one, figure for figure.
   */
  const asPreviousRelease = (wb: ExcelJS.Workbook, submissions: Submission[]) => {
    const stored = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? atStoredPrecision(v) : v]));
    const hashes = new Map(
      submissions.map((s) => [
        s.code,
        sha256(
          canonicalJson({
            values: stored(s.values),
            notApplicable: [...s.notApplicable].sort(),
            category: s.category ?? null,
            name: s.name,
            evidenced: ["1.1"],
            selfScores: stored(s.selfScores ?? {}),
          }),
        ),
      ]),
    );
    const index = wb.getWorksheet("_index")!;
    index.eachRow((row) => {
      const key = row.getCell(1).value;
      if (key === "unitHashScheme") row.getCell(2).value = "3";
      if (key === "unit") row.getCell(3).value = hashes.get(String(row.getCell(2).value))!;
    });
  };

  test("a workbook scored by the release before this one, which took them for evidence, is not out of date when nothing changed; a figure changed since still is", async () => {
    expect(staleResults(await (await scoredWithEvidence(() => {}, asPreviousRelease)).read())).toBeUndefined();
    const figure = staleResults(await (await scoredWithEvidence((wb) => (wb.getWorksheet("SO-03")!.getCell("D8").value = true), asPreviousRelease)).read());
    expect(figure).toMatchObject({ changed: ["SO-03"], added: [], removed: [] });
  });

  test('scored by this version: "Không có" typed over with a decision is evidence given, out of date; "Không có" typed into a blank cell or "x" emptied is no change', async () => {
    const given = staleResults(await (await scoredWithEvidence((wb) => (wb.getWorksheet("SO-01")!.getCell("E8").value = "QĐ 12"))).read())!;
    expect(given).toMatchObject({ changed: ["SO-01"], added: [], removed: [] });
    expect(staleMessage(given, (k) => given.names[k] ?? k, advice).vi).toMatch(/^Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu kể từ lần chấm điểm ngày .* \(Sở Thông tin và Truyền thông\)\. Hãy chấm điểm lại\.$/);
    // Evidence typed over with "-" is evidence taken away.
    expect(staleResults(await (await scoredWithEvidence((wb) => (wb.getWorksheet("SO-02")!.getCell("E8").value = "-"))).read())).toMatchObject({ changed: ["SO-02"] });
    const same = await scoredWithEvidence((wb) => {
      wb.getWorksheet("SO-02")!.getCell("E13").value = "Không có";
      wb.getWorksheet("SO-03")!.getCell("E8").value = null;
    });
    expect(staleResults(await same.read())).toBeUndefined();
  });
});

describe("the stale sentence counts units as the index calls them", () => {
  const LABELLED = { ...DEMO_DEFINITION, unitLabel: { vi: "Quốc gia", en: "Country" } };

  test("read with the definition the workbook keeps (as the Excel host asks) or with the one in use (as the command line does): its unit word, one kind and several", async () => {
    const host = await scoredThenChanged((wb) => (wb.getWorksheet("SO-03")!.getCell("D8").value = true), LABELLED);
    const snapshot = await host.read();
    const run = await runScoring(host, { ...SCORING, definition: LABELLED, write: false });
    const parsed = parseDefinition(LABELLED);
    if (!parsed.ok) throw new Error("the definition does not parse");
    for (const stale of [staleResults(snapshot)!, staleResults(snapshot, { model: parsed.model, submissions: run.submissions, issues: run.issues })!]) {
      expect(staleMessage(stale, (k) => stale.names[k] ?? k, advice)).toEqual({
        vi: "Kết quả đã cũ: 1 quốc gia đã thay đổi số liệu kể từ lần chấm điểm ngày 01/06/2024 (Sở Tài chính). Hãy chấm điểm lại.",
        en: "The results are out of date: 1 country's figures changed since they were scored on 1 Jun 2024 (Sở Tài chính). Score again.",
      });
    }
  });

  test("in the plural, each kind, and the names past the fifth counted by the same word", () => {
    const keys = ["A", "B", "C", "D", "E", "F", "G"];
    const stale = {
      scoredAt: "2024-06-01T00:00:00.000Z",
      changed: keys,
      added: ["N1", "N2"],
      removed: ["R1"],
      renamed: [],
      formerNames: {},
      otherIndex: [],
      unreadable: [],
      sheets: {},
      names: {},
      unitLabel: { vi: "Quốc gia", en: "Country" },
    };
    const m = staleMessage(stale, (k) => k, advice);
    expect(m.vi).toBe(
      "Kết quả đã cũ: kể từ lần chấm điểm ngày 01/06/2024, 7 quốc gia đã thay đổi số liệu (A, B, C, D, E, và 2 quốc gia khác); 2 quốc gia mới được thêm vào sổ (N1, N2); 1 quốc gia không còn trong sổ (R1). Hãy chấm điểm lại.",
    );
    expect(m.en).toBe(
      "The results are out of date: since they were scored on 1 Jun 2024, 7 countries' figures changed (A, B, C, D, E, and 2 more); 2 countries are new (N1, N2); 1 country is gone (R1). Score again.",
    );
    // Without a word of its own: units.
    const { unitLabel: _, ...plain } = stale;
    expect(staleMessage({ ...plain, changed: ["A"], added: [], removed: [] }, (k) => k, advice).en).toBe(
      "The results are out of date: 1 unit's figures changed since they were scored on 1 Jun 2024 (A). Score again.",
    );
  });
});

describe("formsOfAnotherIndexMessage", () => {
  test("names a built-in index by its name and version, and the index in use by its version when it is the same index", () => {
    const builtin = BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!;
    const def = builtin.definition as { version: string; name: { vi: string; en: string } };
    const next = { ...def, version: "moi" };
    const m = formsOfAnotherIndexMessage([`dti-so-nganh-mau@${def.version}`], next, "files", BUILTIN_INDICES.map((b) => b.definition))!;
    expect(m.vi).toBe(
      `Các phiếu trong các tệp đã chọn được lập theo bộ chỉ số "${def.name.vi}" phiên bản ${def.version}, không phải bộ chỉ số đang dùng (phiên bản moi), nên chưa tổng hợp trang nào vào sổ.`,
    );
    expect(m.en).toBe(
      `The forms in the chosen files were made for the index "${def.name.en}" version ${def.version}, not the index in use (version moi), so no sheet was collected into the workbook.`,
    );
    // Forms of the index in use (by id alone, or id@version) are no other index.
    expect(formsOfAnotherIndexMessage(["dti-so-nganh-mau", "dti-so-nganh-mau@moi"], next, "workbook")).toBeUndefined();
  });

  test("an index of the same name but another id is told apart by id@version", () => {
    const mine = { ...DEMO_DEFINITION, id: "demo-cua-tinh" };
    const m = formsOfAnotherIndexMessage(["demo-dti@2024"], mine, "workbook", [DEMO_DEFINITION])!;
    expect(m.vi).toBe(
      'Các phiếu trong sổ được lập theo bộ chỉ số "Bộ chỉ số thử nghiệm" (demo-dti@2024), không phải bộ chỉ số đang dùng "Bộ chỉ số thử nghiệm" (demo-cua-tinh@2024), nên chưa đọc được phiếu nào.',
    );
  });
});
