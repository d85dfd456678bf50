/**
 * What the pane says after bringing units' files in (src/taskpane/state/pipeline.ts, importNotice),
 * on the reasons the collection really gives (core/collect.ts, the Excel host): when nothing came
 * in, the headline says why — forms of another index (by its name, with the button to choose it),
 * units already in the workbook, files that cannot be read — and never "no form was found" when
 * forms were found and left out.
 */
import { planCollect, unreadableFileSkip } from "../../src/core/collect";
import type { SheetSnapshot } from "../../src/core/types";
import { COLLECT_NEEDS_1_13 } from "../../src/hosts/excel/collect";
import { t } from "../../src/taskpane/i18n";
import { anotherIndex, csvFileSkip, formsIndexBar, formsIndexMismatch, holdsFormsOf, importNotice, isCsvFile, openFileWorkbench, indexSummary, indexSwitchedMessage, offerLabel, templatesNotice } from "../../src/taskpane/state/pipeline";
import type { AddedSheets } from "../../src/taskpane/state/workbench";
import { type Notice, noticeAfterIndexChange } from "../../src/taskpane/state/usePane";
import { sampleModel } from "../e2e/sample";
import { parseDefinition } from "../../src/core/definition";
import { BUILTIN_INDICES } from "../../src/indices";

const SAMPLE = sampleModel();
const SAMPLE_TEXT = `${SAMPLE.definition.id}@${SAMPLE.definition.version}`;

function model(id: string) {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === id)!.definition);
  if (!r.ok) throw new Error(id);
  return r.model;
}

function form(name: string, code: string, index = SAMPLE_TEXT): SheetSnapshot {
  return { name, values: [["Đơn vị", name], ["Mã đơn vị", code], ["Bộ chỉ số", index], [], ["Mã", "Nội dung", "Số liệu"], ["1.1", "x", 1]] };
}

/** The same unit's form as the template makes it: nothing filled in. */
function blankForm(name: string, code: string, index = SAMPLE_TEXT): SheetSnapshot {
  return { name, values: [["Đơn vị", name], ["Mã đơn vị", code], ["Bộ chỉ số", index], [], ["Mã", "Nội dung", "Số liệu"], ["1.1", "x", null]] };
}

/** What a collection of `files` into a workbook holding forms of `existing` unit codes reports, as the pane gets it. */
function collect(files: { file: string; sheets: SheetSnapshot[] }[], m = SAMPLE, existing: string[] = []): AddedSheets {
  const plan = planCollect([], files, m, { existingUnitCodes: existing });
  return { taken: plan.take.map((x) => x.as), skipped: plan.skipped.map((s) => ({ ...s })), warnings: plan.warnings };
}

const text = (n: Notice, lang: "vi" | "en") => (n.message ? n.message[lang] : t(lang, n.key!, n.params));

describe("the pane's word after bringing units' files in", () => {
  test("forms taken: how many and which, with what was left out under it, as a warning", () => {
    // The same unit's form twice (a second sheet of it, filled in otherwise): the second is left out, which needs a look.
    const again: SheetSnapshot = { name: "Sở Y tế 2", values: [...form("Sở Y tế", "SYT").values.slice(0, -1), ["1.1", "x", 2]] };
    const n = importNotice(collect([{ file: "a.xlsx", sheets: [form("Sở Y tế", "SYT"), again] }]), SAMPLE);
    expect(n.intent).toBe("warning");
    expect(text(n, "vi")).toBe("Đã tổng hợp 1 trang vào sổ: Sở Y tế. 1 mục cần xem lại:");
    expect(text(n, "en")).toBe("Collected 1 sheet into the workbook: Sở Y tế. 1 item to look at:");
    expect(n.details!.map((d) => d.en)).toEqual([expect.stringContaining("the unit with code SYT already has another filled form, taken from a.xlsx")]);
  });

  test("a sheet that is not a form is named with its file, so that two files' \"Sheet1\" are told apart", () => {
    const empty = (): SheetSnapshot => ({ name: "Sheet1", values: [["ghi chú"]] });
    const n = importNotice(collect([{ file: "so-y-te.xlsx", sheets: [empty()] }, { file: "so-noi-vu.xlsx", sheets: [empty()] }, { file: "a.xlsx", sheets: [form("Sở Y tế", "SYT")] }]), SAMPLE);
    const lines = (n.details ?? []).map((d) => d.vi);
    expect(lines).toEqual([
      expect.stringMatching(/^so-y-te\.xlsx: Trang tính 'Sheet1' không phải phiếu/),
      expect.stringMatching(/^so-noi-vu\.xlsx: Trang tính 'Sheet1' không phải phiếu/),
    ]);
    expect((n.details ?? [])[0]!.en).toMatch(/^so-y-te\.xlsx: /);
  });

  test("forms taken and nothing else left out: a success", () => {
    const n = importNotice(collect([{ file: "a.xlsx", sheets: [form("Sở Y tế", "SYT")] }]), SAMPLE);
    expect(n.intent).toBe("success");
    expect(text(n, "vi")).toBe("Đã tổng hợp 1 trang vào sổ: Sở Y tế");
    expect(n.details ?? []).toEqual([]);
    expect(n.groups).toBeUndefined();
  });

  test("a mix: the problems are listed first as a warning; blank forms left out for filled ones are one counted line that opens to them", () => {
    const units = ["SYT", "SNV", "STC", "SXD", "SCT", "SGD", "SNN"];
    const filled = units.map((c) => form(`Sở ${c}`, c));
    const blank = units.map((c) => blankForm(`Sở ${c}`, c));
    const added = collect([
      { file: "phieu-mau.xlsx", sheets: blank },
      { file: "huyen.xlsx", sheets: [form("Huyện A", "HA", "dti-huyen-mau@mau-2023"), form("Huyện B", "HB", "dti-huyen-mau@mau-2023")] },
      { file: "so-lieu.xlsx", sheets: [...filled, { ...form("Sở SYT", "SYT"), name: "Sở SYT (bản 2)" }] },
    ]);
    added.skipped.push(unreadableFileSkip("anh.xlsx"));
    const n = importNotice(added, SAMPLE);
    expect(n.intent).toBe("warning");
    expect(text(n, "vi")).toBe("Đã tổng hợp 7 trang vào sổ: Sở SYT, Sở SNV, Sở STC, Sở SXD, Sở SCT và 2 trang khác. 3 mục cần xem lại:");
    expect(text(n, "en")).toBe("Collected 7 sheets into the workbook: Sở SYT, Sở SNV, Sở STC, Sở SXD, Sở SCT and 2 more. 3 items to look at:");
    // The problems: another index's sheet, by the names of both indices; the unit's second filled form; the file that cannot be read.
    const problems = n.details!.map((d) => d.vi);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^2 trang tính 'Huyện A', 'Huyện B' được lập theo bộ chỉ số "Mẫu — Bộ chỉ số CĐS cấp huyện[^"]*" phiên bản mau-2023, không phải bộ chỉ số đang dùng "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành[^"]*" phiên bản mau-2023\.$/);
    expect(n.details![0]!.en).toMatch(/^2 sheets, 'Huyện A', 'Huyện B', were made for the index "Sample — DTI for districts[^"]*" version mau-2023, not the index in use "Sample — DTI for provincial departments[^"]*" version mau-2023\.$/);
    expect(problems[1]).toContain("Sở SYT (bản 2)");
    expect(problems[2]).toContain("anh.xlsx");
    for (const d of n.details!) expect(d.vi).not.toContain("phiếu trống");
    // The routine: counted, and listed only when opened; then every sheet copied, by name.
    expect(n.groups!.map((g) => g.label.vi)).toEqual(["7 phiếu trống được bỏ qua vì đơn vị đã có phiếu", "Xem cả 7 trang đã tổng hợp"]);
    expect(n.groups!.map((g) => g.label.en)).toEqual(["7 blank forms left out: their units already have a form", "See all 7 sheets collected"]);
    expect(n.groups![0]!.items).toHaveLength(7);
    for (const d of n.groups![0]!.items) expect(d.vi).toContain("bỏ qua phiếu trống này");
    expect(n.groups![1]!.items.map((d) => d.vi)).toEqual(filled.map((f) => f.name));
  });

  test("a form of another index, as the hosts say it (the in-use index by its name, another unknown one by its id) and as the pane says it", () => {
    const added = collect([{ file: "a.xlsx", sheets: [form("Sở Y tế", "SYT"), form("Xã A", "XA", "xa-rieng@2024"), form("Huyện A", "HA", "dti-huyen-mau@mau-2023")] }]);
    const [own, district] = added.skipped.map((x) => x.reason);
    expect(own!.vi).toMatch(/^Trang tính 'Xã A' được lập theo bộ chỉ số "xa-rieng@2024", không phải bộ chỉ số đang dùng "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành[^"]*" phiên bản mau-2023\.$/);
    // The core knows no built-in index: the district one by its id, until the pane names it.
    expect(district!.en).toContain(`Sheet 'Huyện A' was made for the index "dti-huyen-mau@mau-2023", not the index in use "Sample — DTI for provincial departments`);
    const n = importNotice(added, SAMPLE);
    expect(n.details!.map((d) => d.en)).toEqual([own!.en, expect.stringMatching(/^Sheet 'Huyện A' was made for the index "Sample — DTI for districts[^"]*" version mau-2023, /)]);
    for (const d of n.details!) expect(d.vi).not.toContain("dti-huyen-mau");
  });

  test("only blank forms left out for filled ones: still a success, with the one counted line", () => {
    const added = collect([
      { file: "phieu-mau.xlsx", sheets: [blankForm("Sở Y tế", "SYT")] },
      { file: "so-lieu.xlsx", sheets: [form("Sở Y tế", "SYT")] },
    ]);
    const n = importNotice(added, SAMPLE);
    expect(n.intent).toBe("success");
    expect(n.details ?? []).toEqual([]);
    expect(n.groups!.map((g) => g.label.en)).toEqual(["1 blank form left out: its unit already has a form"]);
  });

  test("forms of another index only: the headline names that index by its name, and offers to choose it", () => {
    const inUse = model("dti-tinh-922-2022");
    const added = collect([{ file: "a.xlsx", sheets: [form("Sở Y tế", "SYT"), form("Sở Nội vụ", "SNV")] }], inUse);
    expect(added.skipped.map(({ kind, index }) => ({ kind, index }))).toEqual([
      { kind: "another-index", index: SAMPLE_TEXT },
      { kind: "another-index", index: SAMPLE_TEXT },
    ]);
    const n = importNotice(added, inUse);
    expect(n.intent).toBe("warning");
    expect(n.useBuiltin).toBe(SAMPLE.definition.id);
    expect(text(n, "vi")).toMatch(/^Các phiếu trong các tệp đã chọn được lập theo bộ chỉ số "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành[^"]*", không phải bộ chỉ số đang dùng "Bộ chỉ số đánh giá chuyển đổi số cấp tỉnh/);
    expect(text(n, "en")).toContain('were made for the index "Sample — DTI for provincial departments');
    // The button that chooses it is named, not the way round by step 1.
    expect(text(n, "en")).toContain('Press "Use the forms\' index", then collect the files again.');
    expect(text(n, "vi")).toContain('Bấm "Dùng bộ chỉ số của các phiếu" rồi tổng hợp lại các tệp.');
    for (const lang of ["vi", "en"] as const) expect(text(n, lang)).not.toContain(SAMPLE_TEXT);
    expect(text(n, "vi")).not.toContain("Không tìm thấy trang phiếu nào");
    // The sheets of that index are not listed again one by one.
    expect(n.details).toEqual([]);
  });

  test("forms of another index brought into a workbook whose own forms are of the index in use: said to need a workbook of their own, no other index offered", () => {
    const inUse = model("dti-tinh-922-2022");
    const own = `${inUse.definition.id}@${inUse.definition.version}`;
    const workbook = { sheets: [form("Sở Tư pháp", "STP", own)] };
    expect(holdsFormsOf(workbook, inUse)).toBe(true);
    expect(holdsFormsOf({ sheets: [{ name: "Ghi chú", values: [["x"]] }] }, inUse)).toBe(false);
    const added = collect([{ file: "a.xlsx", sheets: [form("Sở Y tế", "SYT"), form("Sở Nội vụ", "SNV")] }], inUse);
    const n = importNotice(added, inUse, holdsFormsOf(workbook, inUse));
    expect(n.intent).toBe("warning");
    expect(n.useBuiltin).toBeUndefined();
    expect(text(n, "vi")).toMatch(/^Các phiếu trong các tệp đã chọn được lập theo bộ chỉ số "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành[^"]*", không phải bộ chỉ số "Bộ chỉ số đánh giá chuyển đổi số cấp tỉnh[^"]*" của các phiếu đã có trong sổ, nên chưa tổng hợp trang nào vào sổ\. /);
    expect(text(n, "vi")).toContain("hãy tổng hợp các tệp này vào một sổ của riêng bộ chỉ số đó.");
    expect(text(n, "en")).toContain("collect these files into a workbook of that index's own.");
    for (const lang of ["vi", "en"] as const) expect(text(n, lang)).not.toMatch(/step 1|bước 1/);
  });

  test("forms of units already in the workbook: the headline says so", () => {
    const n = importNotice(collect([{ file: "a.xlsx", sheets: [form("Sở Y tế", "SYT")] }], SAMPLE, ["SYT"]), SAMPLE);
    expect([n.intent, n.key]).toEqual(["warning", "importedNoneDuplicates"]);
    // The headline says why: each form left out is listed when the line is opened.
    expect(n.details).toEqual([]);
    expect(n.groups!.map((g) => [g.label.vi, g.label.en])).toEqual([["Xem 1 trang bị bỏ qua", "See the sheet left out"]]);
    expect(n.groups![0]!.items.map((d) => d.en)).toEqual([expect.stringContaining("the unit with code SYT already has a filled form in the consolidated workbook")]);
    // Blank forms of those units: counted, not listed one by one.
    const blank = importNotice(collect([{ file: "a.xlsx", sheets: [blankForm("Sở Y tế", "SYT"), blankForm("Sở Nội vụ", "SNV")] }], SAMPLE, ["SYT", "SNV"]), SAMPLE);
    expect([blank.intent, blank.key]).toEqual(["warning", "importedNoneDuplicates"]);
    expect(blank.details).toEqual([]);
    expect(blank.groups!.map((g) => [g.label.vi, g.items.length])).toEqual([["2 phiếu trống được bỏ qua vì đơn vị đã có phiếu", 2]]);
  });

  test("the very forms the workbook holds, and nothing else: nothing new to collect, said as information, not as a warning", () => {
    const same = (sheet: string): AddedSheets["skipped"][number] => ({ file: "a.xlsx", sheet, kind: "duplicate", duplicate: "same-form", reason: { vi: `${sheet}: giống hệt`, en: `${sheet}: the same` } });
    const n = importNotice({ taken: [], skipped: [same("Sở Y tế"), same("Sở Nội vụ")], warnings: [] }, SAMPLE);
    expect([n.intent, n.key, n.details]).toEqual(["info", "importedNoneSame", undefined]);
    expect(t("vi", n.key!)).toBe("Không có gì mới để tổng hợp: các phiếu trong các tệp đã chọn giống hệt các phiếu đã có trong sổ.");
    // With a file that cannot be read beside them: a warning, as before.
    const mixed = importNotice({ taken: [], skipped: [same("Sở Y tế"), unreadableFileSkip("hong.xlsx")], warnings: [] }, SAMPLE);
    expect(mixed.intent).toBe("warning");
  });

  test("files that cannot be read: the headline says none could be read, each file named under it", () => {
    const added: AddedSheets = { taken: [], skipped: [unreadableFileSkip("hong.xlsx")], warnings: [] };
    const n = importNotice(added, SAMPLE);
    expect(n.key).toBe("importedNoneUnreadable");
    expect(n.details!.map((d) => d.vi)).toEqual([expect.stringContaining('Tệp "hong.xlsx" không phải sổ làm việc Excel (.xlsx) đọc được')]);
  });

  test("no form at all in the files: no form sheet was found", () => {
    const other: SheetSnapshot = { name: "Ghi chú", values: [["Tổng hợp"]] };
    const n = importNotice(collect([{ file: "a.xlsx", sheets: [other] }]), SAMPLE);
    expect(n.key).toBe("importedNone");
  });

  test("forms left out for different reasons: the headline says every form was left out, the reasons below", () => {
    const added = collect([{ file: "a.xlsx", sheets: [form("Sở Y tế", "SYT")] }], SAMPLE, ["SYT"]);
    added.skipped.push(unreadableFileSkip("hong.xlsx"));
    const n = importNotice(added, SAMPLE);
    expect(n.key).toBe("importedNoneMixed");
    expect(n.details).toHaveLength(2);
  });

  test("an Excel too old to insert sheets: that sentence is the headline", () => {
    const n = importNotice({ taken: [], skipped: [], warnings: [], blocked: COLLECT_NEEDS_1_13 }, SAMPLE);
    expect(n.message).toEqual(COLLECT_NEEDS_1_13);
    expect(n.key).toBeUndefined();
  });
});

describe("the summary of an index in step 1", () => {
  test("an index of values (HDI) has no maximum to state, and one group is one group", () => {
    const hdi = model("undp-hdi");
    expect(indexSummary(hdi, "en")).toBe("1 indicator group, 4 indicators");
    expect(indexSummary(hdi, "vi")).toBe("1 nhóm chỉ số, 4 chỉ tiêu");
  });

  test("an index of points states its maximum", () => {
    expect(indexSummary(SAMPLE, "vi")).toMatch(/^\d+ nhóm chỉ số, \d+ chỉ tiêu, tổng điểm tối đa 200$/);
    expect(indexSummary(SAMPLE, "en")).toMatch(/^\d+ indicator groups, \d+ indicators, at most 200 points$/);
  });
});

describe("the pane's word after making forms into the open workbook in Excel", () => {
  const forms = [form("Sở Y tế", "SYT"), form("Sở Nội vụ", "SNV")];

  test("forms added: how many, as a success", () => {
    const n = templatesNotice(collect([{ file: "templates.xlsx", sheets: forms }]));
    expect(n.intent).toBe("success");
    expect(text(n, "vi")).toBe("Đã thêm 2 trang phiếu vào sổ.");
    expect(text(n, "en")).toBe("Added 2 form sheets to the workbook.");
  });

  test("a second click for the same units adds nothing, and says the workbook already has their forms, naming each", () => {
    const n = templatesNotice(collect([{ file: "templates.xlsx", sheets: forms }], SAMPLE, ["SYT", "SNV"]));
    expect(n.intent).toBe("warning");
    expect(text(n, "vi")).toBe("Chưa thêm trang phiếu nào: sổ đã có sẵn phiếu của cả 2 đơn vị.");
    expect(text(n, "en")).toBe("No form sheet was added: the workbook already has the forms of these 2 units.");
    expect(n.details!.map((d) => d.vi)).toEqual([
      'Phiếu "Sở Y tế": đơn vị này đã có phiếu trong sổ nên không thêm phiếu mới; phiếu đang có và số liệu trong đó được giữ nguyên.',
      'Phiếu "Sở Nội vụ": đơn vị này đã có phiếu trong sổ nên không thêm phiếu mới; phiếu đang có và số liệu trong đó được giữ nguyên.',
    ]);
    expect(n.details!.map((d) => d.en)).toEqual([expect.stringContaining('Form "Sở Y tế": this unit already has a form in the workbook, so no new one was added'), expect.any(String)]);
    // Not the words of collecting units' files: the user made these forms, there is no file to collect again.
    expect(n.details!.map((d) => d.vi).join(" ")).not.toContain("tổng hợp lại");
    expect(text(n, "vi")).not.toContain("Đã thêm 0");
    const one = templatesNotice(collect([{ file: "templates.xlsx", sheets: [forms[0]!] }], SAMPLE, ["SYT"]));
    expect(text(one, "vi")).toBe("Chưa thêm trang phiếu nào: sổ đã có sẵn phiếu của đơn vị này.");
    expect(text(one, "en")).toBe("No form sheet was added: the workbook already has this unit's form.");
  });

  test("a unit whose form the workbook holds under another sheet name: the line names that sheet", () => {
    const plan = planCollect([], [{ file: "templates.xlsx", sheets: [blankForm("Sở Y tế", "SYT")] }], SAMPLE, { existingForms: [{ sheet: "SYT (đã thẩm định)", unitCode: "SYT", blank: false }] });
    const n = templatesNotice({ taken: [], skipped: plan.skipped, warnings: plan.warnings });
    expect(n.details!.map((d) => d.vi)).toEqual(['Phiếu "Sở Y tế": đơn vị này đã có phiếu trong sổ (trang "SYT (đã thẩm định)") nên không thêm phiếu mới; phiếu đang có và số liệu trong đó được giữ nguyên.']);
    expect(n.details![0]!.en).toBe('Form "Sở Y tế": this unit already has a form in the workbook (sheet "SYT (đã thẩm định)"), so no new one was added; the form there and its figures are kept as they are.');
  });

  test("some units already there: what was added, and that the others were not added again, as a warning", () => {
    const n = templatesNotice(collect([{ file: "templates.xlsx", sheets: forms }], SAMPLE, ["SYT"]));
    expect(n.intent).toBe("warning");
    expect(text(n, "vi")).toBe("Đã thêm 1 trang phiếu vào sổ. Phiếu của 1 đơn vị đã có sẵn trong sổ nên không thêm lại.");
    expect(text(n, "en")).toBe("Added 1 form sheet to the workbook. 1 unit already has its form in the workbook, so it was not added again.");
    expect(n.details).toHaveLength(1);
  });

  test("nothing could be added (an Excel without ExcelApi 1.13, a protected workbook): a warning, and why under it", () => {
    const n = templatesNotice({ taken: [], skipped: [], warnings: [], blocked: COLLECT_NEEDS_1_13 });
    expect(n.intent).toBe("warning");
    expect(text(n, "vi")).toBe("Chưa thêm được trang phiếu nào vào sổ, lý do ở dưới.");
    expect(n.details).toEqual([COLLECT_NEEDS_1_13]);
    expect(n.details![0]!.vi).toContain("ExcelApi 1.13");
  });

  test("below ExcelApi 1.13 the forms come as a file, and the notice says which Excel adds them to the workbook", () => {
    const said = { vi: t("vi", "templatesAsFile", { count: 2, requirement: "ExcelApi 1.13" }), en: t("en", "templatesAsFile", { count: 1, requirement: "ExcelApi 1.13" }) };
    expect(said.vi).toBe("Phiên bản Excel này không thêm được trang phiếu vào sổ (cần ExcelApi 1.13: Excel 2021 trở lên, Microsoft 365 hoặc Excel trên web), nên đã tạo tệp phiếu cho 2 đơn vị để tải xuống.");
    expect(said.en).toContain("so a form file was made for 1 unit to download instead.");
  });
});

describe("forms made for another version of the index in use, of the same name", () => {
  const name = (lang: "vi" | "en") => (SAMPLE.definition.name as unknown as Record<string, string>)[lang] ?? "";
  function sameName(changes: { id?: string; version: string }) {
    const r = parseDefinition({ ...(BUILTIN_INDICES.find((b) => b.id === SAMPLE.definition.id)!.definition as object), ...changes });
    if (!r.ok) throw new Error("copy");
    return r.model;
  }

  test("are read, not refused: in the open workbook, in files, beside its forms or into it, nothing is said", () => {
    const mine = sameName({ version: "2025-sua" });
    for (const where of ["workbook", "files", "beside", "make"] as const) expect(anotherIndex([SAMPLE_TEXT], mine, where)).toBeUndefined();
    // Beside a form of another index, that one alone is named.
    const other = anotherIndex([SAMPLE_TEXT, "xa-rieng@2024"], mine, "workbook")!;
    expect(other.message.vi).toMatch(/^Các phiếu trong sổ được lập theo bộ chỉ số "xa-rieng@2024", không phải bộ chỉ số đang dùng "/);
    expect(other.message.vi).not.toContain(SAMPLE_TEXT);
    // A workbook of such forms holds forms of the index in use: files of another index are said to need a workbook of their own.
    expect(holdsFormsOf({ sheets: [form("Sở Y tế", "SYT")] }, mine)).toBe(true);
  });

  test("the Index step says they are read by their rows' codes with the version chosen, a warning on each, naming both versions once", () => {
    const mine = sameName({ version: "2025-sua" });
    const v = SAMPLE.definition.version;
    const said = anotherIndex([SAMPLE_TEXT], mine, "chosen")!;
    expect(said.readable).toBe(true);
    expect(said.message).toEqual({
      vi:
        `Các phiếu trong sổ được lập theo bộ chỉ số "${name("vi")}" phiên bản ${v}, không phải phiên bản đang chọn (2025-sua): ` +
        "kiểm tra hay chấm điểm sẽ đọc các phiếu theo mã ở từng dòng với phiên bản 2025-sua, mỗi phiếu có một cảnh báo; " +
        "hãy xem lại các dòng mà hai phiên bản khác nhau (dòng còn thiếu, mã không có trong phiên bản 2025-sua).",
      en:
        `The forms in this workbook were made for the index "${name("en")}" version ${v}, not the version chosen (2025-sua): ` +
        "checking or scoring reads them by the codes of their rows with version 2025-sua, with a warning on each form; " +
        "check the rows on which the two versions differ (rows missing, codes version 2025-sua does not have).",
    });
    for (const lang of ["vi", "en"] as const) expect(said.message[lang]).not.toMatch(/không đọc được phiếu nào|reads none of them/);
    // The forms' version is a built-in one: offered, as the other choice.
    expect(said.offer).toEqual({ builtinId: SAMPLE.definition.id });
    // Of a version that is no built-in: nothing to offer.
    const unknown = anotherIndex([`${SAMPLE.definition.id}@2019`], mine, "chosen")!;
    expect(unknown.readable).toBe(true);
    expect(unknown.offer).toBeUndefined();
  });

  test("of another id too: each by id@version", () => {
    const mine = sameName({ id: "cua-toi", version: "1" });
    const other = anotherIndex([SAMPLE_TEXT], mine, "files")!;
    expect(other.message.vi).toContain(`"${name("vi")}" (${SAMPLE_TEXT}), không phải bộ chỉ số đang dùng "${name("vi")}" (cua-toi@1)`);
  });

  test("titles typed in the forms' Bộ chỉ số cells, not ids: said with the id@version to type there; the index's own name is its forms'", () => {
    const def = SAMPLE.definition;
    const titled = anotherIndex(["Bộ chỉ số CĐS sở ngành 2024"], SAMPLE, "workbook")!;
    expect(titled.message.vi).toContain(`Nếu các phiếu được lập theo bộ chỉ số đang dùng, hãy ghi ${def.id}@${def.version} vào ô Bộ chỉ số của từng phiếu.`);
    expect(titled.message.en).toContain(`If the forms were made for the index in use, type ${def.id}@${def.version} in each form's Index cell.`);
    // An id of another index gets no such words.
    expect(anotherIndex(["xa-rieng@2024"], SAMPLE, "workbook")!.message.vi).not.toContain("hãy ghi");
    // Forms naming the index in use by its name are its forms.
    expect(anotherIndex([name("vi").toUpperCase()], SAMPLE, "workbook")).toBeUndefined();
    expect(holdsFormsOf({ sheets: [form("Sở Y tế", "SYT", name("en"))] }, SAMPLE)).toBe(true);
  });

  test("of another name: by the names alone", () => {
    const other = anotherIndex([SAMPLE_TEXT], model("dti-tinh-922-2022"), "workbook")!;
    expect(other.message.vi).not.toContain("phiên bản");
  });

  test("the button is short (one line in a narrow pane, no file name to break): the sentence above it names the index", () => {
    expect(offerLabel("vi")).toBe("Dùng bộ chỉ số của các phiếu");
    expect(offerLabel("en")).toBe("Use the forms' index");
  });

  test("once the offered index is chosen, the pane names the button to press again", () => {
    expect(indexSwitchedMessage(SAMPLE.definition, "checkRun")).toEqual({
      vi: `Đã chọn bộ chỉ số "${name("vi")}". Hãy bấm lại "Kiểm tra số liệu".`,
      en: `The index "${name("en")}" is chosen. Press "Check the data" again.`,
    });
    expect(indexSwitchedMessage(SAMPLE.definition, "importFiles").en).toContain('Press "Choose form files (.xlsx)" again.');
  });
});

describe("the Index step, when the workbook's forms were made for another index than the one chosen", () => {
  const snapshot = { sheets: [{ name: "Ghi chú", values: [["Tổng hợp"]] }, form("Sở Y tế", "SYT"), form("Sở Nội vụ", "SNV")] };
  const index = (m: ReturnType<typeof model>) => ({ source: "builtin" as const, builtinId: m.definition.id, model: m });

  test("says so by both names, and offers the forms' built-in index", () => {
    const province = model("dti-tinh-922-2022");
    const found = formsIndexMismatch({ snapshot, index: index(province) })!;
    expect(found.offer).toEqual({ builtinId: SAMPLE.definition.id });
    expect(found.message.vi).toMatch(
      /^Các phiếu trong sổ được lập theo bộ chỉ số "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành[^"]*", không phải bộ chỉ số đang chọn "Bộ chỉ số đánh giá chuyển đổi số cấp tỉnh[^"]*": với bộ chỉ số đang chọn, kiểm tra hay chấm điểm sẽ không đọc được phiếu nào\.$/,
    );
    expect(found.message.en).toMatch(/^The forms in this workbook were made for the index "Sample — DTI for provincial departments[^"]*", not the index chosen "Provincial Digital Transformation Index[^"]*": with the index chosen, checking or scoring reads none of them\.$/);
    for (const lang of ["vi", "en"] as const) expect(found.message[lang]).not.toContain(SAMPLE_TEXT);
    // The same workbook read and index: the same answer, not read again.
    expect(formsIndexMismatch({ snapshot, index: index(province) })).toBe(found);
  });

  test("said once: not under the index while the notice at the top says it with its button; that notice goes when the index changes", () => {
    const province = model("dti-tinh-922-2022");
    const offering: Notice = { intent: "error", message: { vi: "x", en: "x" }, useBuiltin: SAMPLE.definition.id, rerun: "scoreRun" };
    expect(formsIndexBar({ snapshot, index: index(province), notice: offering })).toBeUndefined();
    expect(formsIndexBar({ snapshot, index: index(province), notice: undefined })).toBe(formsIndexMismatch({ snapshot, index: index(province) }));
    // Another index chosen (a JSON file): the notice naming the one before as in use goes; the bar says it afresh.
    expect(noticeAfterIndexChange(offering)).toBeUndefined();
    const other: Notice = { intent: "warning", key: "importedNone" };
    expect(noticeAfterIndexChange(other)).toBe(other);
    // What a failed run said with the index before (no sheet names its input codes "1, 2, 3…"): the next run says it afresh.
    expect(noticeAfterIndexChange({ intent: "error", message: { vi: "Không tìm thấy trang tính nào", en: "No sheet" }, ofRun: true })).toBeUndefined();
  });

  test("nothing to say with the forms' own index, with no workbook, or with forms of two indices (a run says that)", () => {
    expect(formsIndexMismatch({ snapshot, index: index(SAMPLE) })).toBeUndefined();
    expect(formsIndexMismatch({ snapshot: undefined, index: index(model("undp-hdi")) })).toBeUndefined();
    const mixed = { sheets: [form("Sở Y tế", "SYT"), form("Huyện A", "HA", "dti-huyen-mau@mau-2023")] };
    expect(formsIndexMismatch({ snapshot: mixed, index: index(model("undp-hdi")) })).toBeUndefined();
  });

  test("forms of another version of the index chosen: said to be read with it, not to be read by none", () => {
    const next = parseDefinition({ ...(SAMPLE.definition as object), version: "2099" });
    if (!next.ok) throw new Error("the next version should parse");
    const found = formsIndexMismatch({ snapshot, index: { source: "file" as const, builtinId: "", model: next.model } })!;
    expect(found.readable).toBe(true);
    expect(found.message.vi).toMatch(/^Các phiếu trong sổ được lập theo bộ chỉ số "[^"]+" phiên bản [^ ]+, không phải phiên bản đang chọn \(2099\): kiểm tra hay chấm điểm sẽ đọc các phiếu theo mã ở từng dòng với phiên bản 2099, mỗi phiếu có một cảnh báo; /);
    expect(found.message.en).toMatch(/^The forms in this workbook were made for the index "[^"]+" version [^ ]+, not the version chosen \(2099\): checking or scoring reads them by the codes of their rows with version 2099, with a warning on each form; /);
  });

  test("forms of an index that is not built in: no button, and where to open its definition", () => {
    const own = { sheets: [form("Xã A", "XA", "xa-rieng@2024")] };
    const found = formsIndexMismatch({ snapshot: own, index: index(SAMPLE) })!;
    expect(found.offer).toBeUndefined();
    expect(found.message.vi).toContain('"xa-rieng@2024"');
    expect(found.message.vi).toContain("Hãy mở tệp định nghĩa (.json) của bộ chỉ số này.");
    expect(found.message.en).toContain("Open the definition file (.json) of that index.");
  });
});

describe("a CSV table picked where the pane takes .xlsx workbooks", () => {
  const csv = { name: "so-lieu.csv", data: new TextEncoder().encode("Mã đơn vị,Đơn vị,1.1\nSYT,Sở Y tế,1\n") };

  test("as the workbook: said to be a CSV table, with the command line and Excel's Save as .xlsx, not a damaged .xlsx", async () => {
    expect(isCsvFile(csv)).toBe(true);
    // An .xlsx saved under a .txt name is still a zip archive.
    expect(isCsvFile({ name: "phieu.txt", data: new Uint8Array([0x50, 0x4b, 3, 4]) })).toBe(false);
    const failure = await openFileWorkbench(csv).then(
      () => undefined,
      (e: unknown) => e as { localized: { vi: string; en: string } },
    );
    expect(failure?.localized.en).toBe(
      'The file so-lieu.csv is a CSV table, not a workbook: the pane opens .xlsx workbooks only (it writes the results into the workbook itself). A CSV table can be scored with the command line (dti-scorer score "so-lieu.csv" --index <definition .json file> --out "scored.xlsx"), or opened in Excel, saved as .xlsx (Excel Workbook) and chosen again.',
    );
    expect(failure?.localized.vi).not.toMatch(/hỏng/);
    // With a built-in index in use, the command names it: it runs as written (a CSV table holds no index).
    const named = await openFileWorkbench({ ...csv, name: "bảng số liệu.csv" }, "dti-so-nganh-mau").then(
      () => undefined,
      (e: unknown) => e as { localized: { vi: string; en: string } },
    );
    expect(named?.localized.vi).toContain('(dti-scorer score "bảng số liệu.csv" --index dti-so-nganh-mau --out "đã-chấm.xlsx")');
  });

  test("a .txt file is a CSV table only when its first line has a separator", () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(isCsvFile({ name: "bang.txt", data: text("Mã đơn vị;Đơn vị;1.1\nSYT;Sở Y tế;1\n") })).toBe(true);
    expect(isCsvFile({ name: "bang.txt", data: text("Mã đơn vị\tĐơn vị\n") })).toBe(true);
    expect(isCsvFile({ name: "ghi-chu.txt", data: text("hello world\nsecond line, with a comma\n") })).toBe(false);
    expect(isCsvFile({ name: "trong.csv", data: text("") })).toBe(true);
  });

  test("among the units' files: left out as a CSV table, not as a damaged workbook", () => {
    const n = importNotice({ taken: [], skipped: [csvFileSkip("so-lieu.csv")], warnings: [] }, SAMPLE);
    expect(n.key).toBe("importedNoneUnreadable");
    expect(n.details!.map((d) => d.en)).toEqual([expect.stringMatching(/^File "so-lieu.csv" is a CSV table, not an .xlsx form file, so it was left out/)]);
    expect(n.details![0]!.vi).not.toMatch(/hỏng/);
  });
});
