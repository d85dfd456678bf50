/** The units list of the Collect step, read from the CSV files officials actually have. */
import { readFileSync } from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { join } from "node:path";
import { parseDefinition } from "../../src/core/definition";
import { BUILTIN_INDICES } from "../../src/indices";
import { CollectStep } from "../../src/taskpane/components/CollectStep";
import { parseUnitList, unitListFromCsv, unitListProblems, unitsFromCsvFile, withUnitsWithoutCategory } from "../../src/taskpane/state/units";
import type { PaneActions, PaneState } from "../../src/taskpane/state/usePane";
import { M } from "../../src/cli/messages";

/** A built-in index's model. */
function builtinModel(id: string) {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === id)!.definition);
  if (!r.ok) throw new Error("the built-in index does not parse");
  return r.model;
}

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", "csv", name)));

describe("a units CSV chosen in the Collect step", () => {
  test("saved by Excel on Vietnamese Windows (Windows-1258) gives the names with their diacritics, and says how it was read", () => {
    const read = unitListFromCsv(fixture("viet-cp1258.csv"), "viet-cp1258.csv")!;
    expect(read.encoding).toBe("windows-1258");
    const units = parseUnitList(read.text);
    expect(units.length).toBeGreaterThan(0);
    expect(units.map((u) => u.name).join(" ")).toMatch(/Sở|Xã|Phường/);
    for (const u of units) expect(u.name).toBe(u.name.normalize("NFC"));
  });

  test("saved as UTF-8 reads as UTF-8, with codes, names and categories", () => {
    const bytes = new TextEncoder().encode("Mã đơn vị,Đơn vị,Nhóm\nSYT,Sở Y tế,co-dvc\nSTC,Sở Tài chính,\n");
    const read = unitListFromCsv(bytes, "don-vi.csv")!;
    expect(read.wide).toEqual([]);
    expect(read.encoding).toBe("utf-8");
    expect(parseUnitList(read.text)).toEqual([
      { code: "SYT", name: "Sở Y tế", category: "co-dvc", line: 1 },
      { code: "STC", name: "Sở Tài chính", line: 2 },
    ]);
  });

  test("a name with a comma not in quotes is named by its line, in both languages, rather than read shifted", () => {
    const bytes = new TextEncoder().encode("Mã đơn vị,Đơn vị,Loại đơn vị\nSNV,Sở Nội vụ,Sở, ban, ngành có dịch vụ công\nSTC,Sở Tài chính,\n");
    const read = unitListFromCsv(bytes, "don-vi.csv")!;
    expect(read.wide).toEqual([
      {
        vi: "don-vi.csv, dòng 2 có 5 cột, nhiều hơn dòng tiêu đề (3 cột): tên có dấu phẩy phải đặt trong ngoặc kép.",
        en: "don-vi.csv, line 2 has 5 fields, more than the header line (3): a name with a comma in it must be put in double quotes.",
      },
    ]);
  });

  test("without a name column there is no list", () => {
    expect(unitListFromCsv(new TextEncoder().encode("a,b\n1,2\n"), "x.csv")).toBeUndefined();
  });
});

describe("what the Collect step takes from a units CSV file, and says about it", () => {
  test("a file without a unit name column gives no list, and an error naming the file in both languages", () => {
    const read = unitsFromCsvFile(new TextEncoder().encode("Mã;Ghi chú\n01;x\n"), "ds.csv");
    expect(read.text).toBeUndefined();
    expect(read.problem).toEqual({ state: "error", text: { vi: "Tệp CSV ds.csv không có cột Đơn vị (hoặc Unit) nên chưa lấy đơn vị nào từ tệp; danh sách trong ô vẫn như trước.", en: "The CSV file ds.csv has no Unit (or Đơn vị) column, so no unit was taken from it; the list in the box is as it was." } });
  });

  test("a UTF-8 file gives its list and nothing to say; a Windows-1258 one its list, with a word to check the diacritics", () => {
    const utf8 = unitsFromCsvFile(new TextEncoder().encode("Mã đơn vị,Đơn vị,Nhóm\nSYT,Sở Y tế,co-dvc\n"), "don-vi.csv");
    expect(utf8).toEqual({ text: "SYT; Sở Y tế; co-dvc" });
    const ansi = unitsFromCsvFile(fixture("viet-cp1258.csv"), "viet-cp1258.csv");
    expect(parseUnitList(ansi.text!).length).toBeGreaterThan(0);
    expect(ansi.problem?.state).toBe("warning");
    expect(ansi.problem?.text.vi).toContain("viet-cp1258.csv");
  });
});

describe("a units list whose categories stand under a header of their own (\"Khối\", \"Type\")", () => {
  const department = builtinModel("dti-so-nganh-mau");

  test("a CSV file's column of the index's categories gives the units their categories, with a note naming the column", () => {
    const read = unitsFromCsvFile(new TextEncoder().encode("Mã đơn vị;Đơn vị;Khối\nSYT;Sở Y tế;co-dvc\nSNV;Sở Nội vụ;Sở, ban, ngành không có dịch vụ công\n"), "ds.csv", department);
    expect(parseUnitList(read.text!, department).map((u) => u.category)).toEqual(["co-dvc", "Sở, ban, ngành không có dịch vụ công"]);
    expect(read.problem).toEqual({
      state: "none",
      text: {
        vi: 'ds.csv: cột "Khối" được đọc là cột loại đơn vị, vì cột ghi các loại đơn vị của bộ chỉ số.',
        en: 'ds.csv: column "Khối" is read as the unit category column, as it holds the index\'s unit categories.',
      },
    });
    // Without the index (none chosen yet), or with a column of other words, nothing is taken for the categories.
    expect(unitsFromCsvFile(new TextEncoder().encode("Mã đơn vị;Đơn vị;Khối\nSYT;Sở Y tế;co-dvc\n"), "ds.csv")).toEqual({ text: "SYT; Sở Y tế; " });
    expect(unitsFromCsvFile(new TextEncoder().encode("Mã đơn vị;Đơn vị;Ghi chú\nSYT;Sở Y tế;co-dvc\nSNV;Sở Nội vụ;mới\n"), "ds.csv", department).problem).toBeUndefined();
  });

  test("rows pasted from Excel with their header read the column as the categories too", () => {
    expect(parseUnitList("STT\tMã đơn vị\tĐơn vị\tType\n1\tSYT\tSở Y tế\tco-dvc\n2\tSNV\tSở Nội vụ\tkhong-dvc", department)).toEqual([
      { code: "SYT", name: "Sở Y tế", category: "co-dvc", line: 2 },
      { code: "SNV", name: "Sở Nội vụ", category: "khong-dvc", line: 3 },
    ]);
  });
});

describe("a list of units typed with commas", () => {
  const department = builtinModel("dti-so-nganh-mau");

  test("\"code, name, category\" is read as a CSV line, so a unit listed twice is caught rather than given a second form under a made-up name", () => {
    const units = parseUnitList("SNV, Sở Nội vụ, co-dvc\nSNV; Sở Nội vụ; co-dvc", department);
    expect(units).toEqual([
      { code: "SNV", name: "Sở Nội vụ", category: "co-dvc", line: 1 },
      { code: "SNV", name: "Sở Nội vụ", category: "co-dvc", line: 2 },
    ]);
    expect(unitListProblems(department, units)?.key).toBe("unitsSameCode");
  });

  test("a name with commas of its own stays one name: unless quoted, the first part is a code only when it looks like one, the last a category only when it is one", () => {
    expect(parseUnitList("Sở Văn hóa, Thể thao và Du lịch", department)).toEqual([{ code: "", name: "Sở Văn hóa, Thể thao và Du lịch", line: 1 }]);
    expect(parseUnitList("SVHTTDL, Sở Văn hóa, Thể thao và Du lịch", department)).toEqual([{ code: "SVHTTDL", name: "Sở Văn hóa, Thể thao và Du lịch", line: 1 }]);
    // A category named with commas ("Sở, ban, ngành có dịch vụ công") is found as a whole at the end of the line.
    expect(parseUnitList("SVH, Sở Văn hóa, Thể thao và Du lịch, Sở, ban, ngành có dịch vụ công", department)).toEqual([
      { code: "SVH", name: "Sở Văn hóa, Thể thao và Du lịch", category: "Sở, ban, ngành có dịch vụ công", line: 1 },
    ]);
    expect(parseUnitList('SVH, "Sở Văn hóa, Thể thao và Du lịch", khong-dvc', department)).toEqual([
      { code: "SVH", name: "Sở Văn hóa, Thể thao và Du lịch", category: "khong-dvc", line: 1 },
    ]);
    // A code typed in small letters is a code too; a one-word name with diacritics or a capital is not.
    expect(parseUnitList("snv, Sở Nội vụ, co-dvc\nsyt,Sở Y tế", department)).toEqual([
      { code: "snv", name: "Sở Nội vụ", category: "co-dvc", line: 1 },
      { code: "syt", name: "Sở Y tế", line: 2 },
    ]);
    expect(parseUnitList("Ban, Dân tộc", department)).toEqual([{ code: "", name: "Ban, Dân tộc", line: 1 }]);
    // A last part that is not one of the index's categories is a piece of the name (a typo shows in the preview as such).
    expect(parseUnitList("SNV, Sở Nội vụ, co-dvcc", department)).toEqual([{ code: "SNV", name: "Sở Nội vụ, co-dvcc", line: 1 }]);
  });

  test("a units CSV file's names with a semicolon or a comma come back whole through the list it fills", () => {
    const bytes = new TextEncoder().encode('Mã đơn vị,Đơn vị,Nhóm\nSVH,"Sở Văn hóa, Thể thao và Du lịch",co-dvc\nX1,"Ban A; B",\n');
    const read = unitsFromCsvFile(bytes, "don-vi.csv");
    expect(parseUnitList(read.text!, department)).toEqual([
      { code: "SVH", name: "Sở Văn hóa, Thể thao và Du lịch", category: "co-dvc", line: 1 },
      { code: "X1", name: "Ban A; B", line: 2 },
    ]);
  });

  test("a trailing separator does not take the category's place, whatever the separator", () => {
    for (const line of ["SNV, Sở Nội vụ, co-dvc,", "SNV,Sở Nội vụ,co-dvc,,", "SNV; Sở Nội vụ; co-dvc;", "SNV\tSở Nội vụ\tco-dvc\t"])
      expect(parseUnitList(line, department)).toEqual([{ code: "SNV", name: "Sở Nội vụ", category: "co-dvc", line: 1 }]);
    expect(parseUnitList("SNV, Sở Nội vụ, Sở, ban, ngành có dịch vụ công,", department)).toEqual([
      { code: "SNV", name: "Sở Nội vụ", category: "Sở, ban, ngành có dịch vụ công", line: 1 },
    ]);
    expect(parseUnitList("Sở Nội vụ;", department)).toEqual([{ code: "", name: "Sở Nội vụ", line: 1 }]);
  });

  test("a row pasted from Excel with a blank code cell keeps its columns, and a name with a known category is not read as a code", () => {
    expect(parseUnitList("\tSở Nội vụ\tco-dvc", department)).toEqual([{ code: "", name: "Sở Nội vụ", category: "co-dvc", line: 1 }]);
    expect(parseUnitList("Sở Nội vụ\tco-dvc", department)).toEqual([{ code: "", name: "Sở Nội vụ", category: "co-dvc", line: 1 }]);
    expect(parseUnitList("Sở Nội vụ; Sở, ban, ngành có dịch vụ công", department)).toEqual([
      { code: "", name: "Sở Nội vụ", category: "Sở, ban, ngành có dịch vụ công", line: 1 },
    ]);
    // Two fields whose last is not a category stay code and name.
    expect(parseUnitList("SNV\tSở Nội vụ", department)).toEqual([{ code: "SNV", name: "Sở Nội vụ", line: 1 }]);
  });

  test("a pasted header line is not a unit: the lines under it are read by its columns, an STT column left out", () => {
    const units = parseUnitList("Mã đơn vị, Đơn vị, Nhóm\nSNV, Sở Nội vụ, co-dvc\n\nSTP, Sở Tư pháp, khong-dvc\n", department);
    expect(units).toEqual([
      { code: "SNV", name: "Sở Nội vụ", category: "co-dvc", line: 2 },
      { code: "STP", name: "Sở Tư pháp", category: "khong-dvc", line: 4 },
    ]);
    expect(unitListProblems(department, units)).toBeUndefined();
    expect(parseUnitList("STT\tMã\tĐơn vị\tNhóm\tGhi chú\n1\tSNV\tSở Nội vụ\tco-dvc\tx\n2\t\tSở Tư pháp\tkhong-dvc", department)).toEqual([
      { code: "SNV", name: "Sở Nội vụ", category: "co-dvc", line: 2 },
      { code: "", name: "Sở Tư pháp", category: "khong-dvc", line: 3 },
    ]);
    // Columns in another order, and a name with commas of its own on a line of commas.
    expect(parseUnitList("Unit, Category, Unit code\nSở Văn hóa, Thể thao và Du lịch, co-dvc, SVH", department)).toEqual([
      { code: "SVH", name: "Sở Văn hóa, Thể thao và Du lịch", category: "co-dvc", line: 2 },
    ]);
  });
});

describe("a list of units typed with commas, for an index without unit categories", () => {
  const district = builtinModel("dti-huyen-mau");

  test("the last part of a name with commas stays in the name", () => {
    expect(district.definition.categories ?? []).toEqual([]);
    expect(parseUnitList("UBND phường Bến Nghé, Quận 1, TP.HCM\nP.BN, UBND phường Bến Nghé, Quận 1, TP.HCM", district)).toEqual([
      { code: "", name: "UBND phường Bến Nghé, Quận 1, TP.HCM", line: 1 },
      { code: "P.BN", name: "UBND phường Bến Nghé, Quận 1, TP.HCM", line: 2 },
    ]);
  });
});

describe("the Collect step's preview of how the list was read", () => {
  test("lists every line of a long list, so that a misread far down shows", () => {
    const model = builtinModel("dti-so-nganh-mau");
    const lines = Array.from({ length: 20 }, (_, i) => `S${i + 1}, Sở số ${i + 1}, co-dvc`);
    lines.push("SNV, Sở Nội vụ, co-dvcc");
    const state = { lang: "en", mode: "xlsx", index: { source: "builtin", builtinId: "dti-so-nganh-mau", model }, unitsText: lines.join("\n") } as unknown as PaneState;
    const html = renderToStaticMarkup(createElement(CollectStep, { state, actions: {} as PaneActions }));
    const preview = html.slice(html.indexOf('data-testid="units-preview"'));
    const items = preview.match(/<li>[^<]*<\/li>/g) ?? [];
    expect(items).toHaveLength(21);
    expect(items[0]).toBe("<li>S1 · Sở số 1 · Departments with public services</li>");
    // The last line's category typo is shown in its name, with no category.
    expect(items[20]).toBe("<li>SNV · Sở Nội vụ, co-dvcc · —</li>");
  });
});

describe("the Collect step of an index without unit categories", () => {
  const render = (id: string, lang: "vi" | "en", unitsText: string) => {
    const state = { lang, mode: "xlsx", index: { source: "builtin", builtinId: id, model: builtinModel(id) }, unitsText } as unknown as PaneState;
    return renderToStaticMarkup(createElement(CollectStep, { state, actions: {} as PaneActions }));
  };

  test("says nothing of unit categories, previews code and name only, and gives a district as its example", () => {
    for (const lang of ["vi", "en"] as const) {
      const html = render("dti-huyen-mau", lang, "H01; Huyện Mộc Châu\nH02, Huyện Yên Châu");
      expect(html).not.toMatch(lang === "vi" ? /loại đơn vị|Nhóm/ : /[Cc]ategor/);
      const items = html.slice(html.indexOf('data-testid="units-preview"')).match(/<li>[^<]*<\/li>/g);
      expect(items).toEqual(["<li>H01 · Huyện Mộc Châu</li>", "<li>H02 · Huyện Yên Châu</li>"]);
    }
    expect(render("dti-huyen-mau", "vi", "")).toContain('placeholder="H01; Huyện Mộc Châu"');
    expect(render("dti-huyen-mau", "en", "")).toContain('placeholder="D01; Moc Chau District"');
    // A province for the provincial index, a country for the HDI.
    expect(render("dti-tinh-922-2022", "vi", "")).toContain('placeholder="01; Hà Nội"');
    expect(render("undp-hdi", "en", "")).toContain('placeholder="VNM; Viet Nam"');
  });

  test("a category typed for it is not read as one: the preview shows code and name only, and says under the lines that categories are ignored, as the command line says", () => {
    const list = ["01; Sở Nội vụ; co-dvc", "02; Sở Tài chính; khong-dvc", "03; Sở Y tế; Sở, ban, ngành có dịch vụ công"].join("\n");
    const vi = render("dti-tinh-922-2022", "vi", list);
    const preview = vi.slice(vi.indexOf('data-testid="units-preview"'));
    expect(preview).toContain("Đọc được (mã · tên):");
    expect(preview).not.toContain("Đọc được (mã · tên · loại đơn vị)");
    expect(preview.match(/<li>[^<]*<\/li>/g)).toEqual(["<li>01 · Sở Nội vụ</li>", "<li>02 · Sở Tài chính</li>", "<li>03 · Sở Y tế</li>"]);
    expect(preview).toContain("Bộ chỉ số không chia loại đơn vị nên cột loại đơn vị (Nhóm) của danh sách đơn vị được bỏ qua.");
    const en = render("dti-tinh-922-2022", "en", list);
    expect(en).toContain("Read as (code · name):");
    expect(en).toContain("The index has no unit categories, so the unit category column of the list of units is ignored.");
    // Nothing to say of a list that names no category.
    expect(render("dti-tinh-922-2022", "vi", "01; Sở Nội vụ\n02; Sở Tài chính")).not.toContain("units-categories-ignored");
    // An index with categories reads and shows them, and ignores none.
    const department = render("dti-so-nganh-mau", "vi", "SNV; Sở Nội vụ; co-dvc");
    expect(department).toContain("Đọc được (mã · tên · loại đơn vị):");
    expect(department).not.toContain("units-categories-ignored");
  });

  test("an index with categories still says them, and its example is a department of its first category", () => {
    const html = render("dti-so-nganh-mau", "vi", "");
    expect(html).toContain("loại đơn vị");
    expect(html).toMatch(/placeholder="01; Sở Nội vụ; [^"]+"/);
  });
});

describe("forms made for a list where a unit's category is blank", () => {
  const department = builtinModel("dti-so-nganh-mau");
  const made = { intent: "success" as const, key: "templatesMadeFile" as const, params: { count: 3 } };

  test("the notice turns to a warning naming the unit and its line, with the categories to choose from", () => {
    const units = parseUnitList("SYT; Sở Y tế; co-dvc\nSTC; Sở Tài chính\nSNV; Sở Nội vụ; khong-dvc", department);
    const n = withUnitsWithoutCategory(made, department, units);
    expect(n.intent).toBe("warning");
    expect(n.key).toBe("templatesMadeFile");
    expect(n.details).toHaveLength(1);
    // The form counts: only its rows for some categories are greyed and not counted; the unit is ranked in no category.
    expect(n.details![0]!.vi).toContain("chưa ghi loại đơn vị (ô loại đơn vị để trống). Trên phiếu của đơn vị này, các dòng chỉ áp dụng cho một số loại đơn vị sẽ để nền xám và không được tính; đơn vị này không được xếp hạng trong loại nào.");
    expect(n.details![0]!.en).toContain("On this unit's form, rows that apply only to some categories are shaded grey and not counted; the unit is not ranked within any category.");
    expect(n.details![0]!.vi).toMatch(/^Dòng 2 \(Sở Tài chính\): /);
    expect(n.details![0]!.vi).toContain('"Sở, ban, ngành có dịch vụ công"');
    expect(n.details![0]!.en).toMatch(/no unit category \(its category is blank\)/);
  });

  test("a list that gives no unit a category says nothing more, for an index with categories or without", () => {
    const none = parseUnitList("SYT; Sở Y tế\nSTC; Sở Tài chính", department);
    expect(withUnitsWithoutCategory(made, department, none)).toEqual(made);
    const hdi = builtinModel("undp-hdi");
    expect(withUnitsWithoutCategory(made, hdi, parseUnitList("VNM; Việt Nam\nTHA; Thái Lan", hdi))).toEqual(made);
  });
});

describe("forms made for a list that gives categories to units of an index without them", () => {
  const province = builtinModel("dti-tinh-922-2022");
  const list = ["01; Sở Nội vụ; co-dvc", "02; Sở Tài chính; khong-dvc", "03; Sở Y tế; Sở, ban, ngành có dịch vụ công"].join("\n");

  test("the notice after the forms are made is a warning that says, as the command line does, that the categories are ignored", () => {
    const units = parseUnitList(list, province);
    expect(units.map((u) => u.category)).toEqual(["co-dvc", "khong-dvc", "Sở, ban, ngành có dịch vụ công"]);
    // Not refused: the index has no category for them to be unknown in.
    expect(unitListProblems(province, units)).toBeUndefined();
    for (const made of [
      { intent: "success" as const, key: "templatesMadeExcel" as const, params: { count: 3 } },
      { intent: "success" as const, key: "templatesMadeFile" as const, params: { count: 3 } },
    ]) {
      const n = withUnitsWithoutCategory(made, province, units);
      expect(n.intent).toBe("warning");
      expect(n.key).toBe(made.key);
      expect(n.details).toEqual([
        {
          vi: "Bộ chỉ số không chia loại đơn vị nên cột loại đơn vị (Nhóm) của danh sách đơn vị được bỏ qua.",
          en: "The index has no unit categories, so the unit category column of the list of units is ignored.",
        },
      ]);
    }
    // The command line's warning for a units file is the same sentence.
    expect(M.categoryIgnored("dv.csv").vi).toBe("Cảnh báo: bộ chỉ số không chia loại đơn vị nên cột loại đơn vị (Nhóm) của dv.csv được bỏ qua.");
    expect(M.categoryIgnored("dv.csv").en).toBe("Warning: the index has no unit categories, so the unit category column of dv.csv is ignored.");
  });
});
