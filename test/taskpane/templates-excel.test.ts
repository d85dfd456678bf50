/**
 * "Tạo phiếu" in Excel (usePane's makeTemplates) on the Excel double: a workbook whose forms are of
 * another index than the one chosen gets none of the chosen index's forms, and is told why and what
 * can be done (choose the forms' index, or make the forms as a file to download); one whose forms
 * are of another version of the index chosen takes them (the reader reads both); the forms that do
 * go in are named "các phiếu vừa tạo" / "the forms just made" in what is said, never by the name of
 * the file the pane put them in by.
 */
import { madeFormsFile, mixedIndicesWarning, RECEIVING } from "../../src/core/collect";
import type { IndexModel } from "../../src/core/definition/model";
import { parseDefinition } from "../../src/core/definition";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { openExcelWorkbench } from "../../src/taskpane/state/excel";
import { templatesIntoOtherIndex, templatesNotice } from "../../src/taskpane/state/pipeline";
import { createExcelDouble } from "../excel-double";
import { departmentModel, layoutAWorkbook, templateBytes } from "../excel-host/fixtures";

const district = departmentModel("dti-huyen-mau").model;
const province = departmentModel("dti-tinh-922-2022").model;
const nameOf = (model: IndexModel, lang: "vi" | "en") => (model.definition.name as { vi: string; en: string })[lang];
const chosen = (model: IndexModel, builtinId: string) => ({ source: "builtin" as const, builtinId, model });

describe("forms made into a workbook whose forms are of another index", () => {
  test("are not made: the notice names both indices, offers the forms' index and a file to download, and says to press \"Tạo phiếu\" again", async () => {
    const { double, model: department } = await layoutAWorkbook(2, { via: "insert" });
    double.install();
    const snapshot = await openExcelWorkbench().host.read();
    const said = templatesIntoOtherIndex({ snapshot, index: chosen(district, "dti-huyen-mau") });
    expect(said).toBeDefined();
    // The button "Dùng bộ chỉ số của các phiếu" chooses the forms' index.
    expect(said!.offer).toEqual({ builtinId: "dti-so-nganh-mau" });
    expect(said!.message.vi).toBe(
      `Các phiếu trong sổ được lập theo bộ chỉ số "${nameOf(department, "vi")}", không phải bộ chỉ số đang chọn "${nameOf(district, "vi")}", nên chưa thêm phiếu nào vào sổ: một sổ chỉ chấm theo một bộ chỉ số. ` +
        `Để thêm phiếu vào sổ này, hãy dùng bộ chỉ số của các phiếu rồi bấm lại "Tạo phiếu". Hoặc tạo phiếu theo bộ chỉ số đang chọn thành một tệp riêng để tải xuống.`,
    );
    expect(said!.message.en).toBe(
      `The forms in this workbook were made for the index "${nameOf(department, "en")}", not the index chosen "${nameOf(district, "en")}", so no form was added to it: a workbook is scored on one index. ` +
        `To add forms to this workbook, use the forms' index, then press "Make forms" again. Or make the forms of the index chosen as a file of their own, to download.`,
    );
    // With the forms' own index chosen, the forms go in.
    expect(templatesIntoOtherIndex({ snapshot, index: chosen(department, "dti-so-nganh-mau") })).toBeUndefined();
  }, 60_000);

  test("a workbook whose forms are of another version of the index chosen takes its forms: the reader reads both versions with it", async () => {
    const { double, definition } = await layoutAWorkbook(2, { via: "insert" });
    double.install();
    const snapshot = await openExcelWorkbench().host.read();
    const next = parseDefinition({ ...(definition as object), version: "2099" });
    if (!next.ok) throw new Error("the next version should parse");
    expect(templatesIntoOtherIndex({ snapshot, index: { source: "file", builtinId: "", model: next.model } })).toBeUndefined();
  }, 60_000);

  test("a workbook without forms takes any index's forms", async () => {
    const double = createExcelDouble();
    double.addSheet("Sheet1", [["Ghi chép"]]);
    double.install();
    const snapshot = await openExcelWorkbench().host.read();
    expect(templatesIntoOtherIndex({ snapshot, index: chosen(district, "dti-huyen-mau") })).toBeUndefined();
  }, 60_000);
});

describe("forms made into the workbook, as what is said names them", () => {
  test("a workbook holding forms of two indices: the warning names the new ones \"the forms just made\", never the file the pane put them in by", async () => {
    const { double, model: department } = await layoutAWorkbook(1, { via: "insert" });
    // A province's form too: the workbook holds forms of two indices, which step 1 does not say (a run does).
    const other = await templateBytes(province, 1, { unitName: () => "Tỉnh B" });
    double.install();
    await Excel.run(async (ctx) => {
      ctx.workbook.insertWorksheetsFromBase64(Buffer.from(other).toString("base64"), { positionType: "End" });
      await ctx.sync();
    });
    const workbench = openExcelWorkbench();
    expect(templatesIntoOtherIndex({ snapshot: await workbench.host.read(), index: chosen(department, "dti-so-nganh-mau") })).toBeUndefined();

    // What usePane's makeTemplates does: the forms in files of the pane's own names, and the notice of what came in.
    const data = await makeTemplate(department, [{ code: "SDL", name: "Sở Du lịch", category: department.categories[0]! }], { lang: "vi" });
    const added = await workbench.addWorkbooks([{ name: madeFormsFile(1), data }], undefined);
    expect(added.taken).toEqual(["Sở Du lịch"]);
    const notice = templatesNotice(added);
    const vi = [notice.message?.vi ?? "", ...(notice.details ?? []).map((d) => d.vi)].join("\n");
    const en = [notice.message?.en ?? "", ...(notice.details ?? []).map((d) => d.en)].join("\n");
    expect(vi).toContain("Đã thêm 1 trang phiếu vào sổ.");
    expect(vi).toMatch(/Các tệp chứa phiếu của những bộ chỉ số khác nhau: sổ tổng hợp \(.+\); các phiếu vừa tạo \(".+"\)\./);
    expect(en).toMatch(/; the forms just made \(".+"\)\./);
    for (const text of [vi, en]) {
      expect(text).not.toContain("\u0002");
      expect(text).not.toMatch(/templates-|\.xlsx/);
    }
  }, 60_000);

  test("forms made in several files are one entry of the warning, not one per file", () => {
    const byFile = new Map([
      [RECEIVING, new Set(["dti-so-nganh-mau@mau-2023", "dti-tinh-922-2022@2022"])],
      [madeFormsFile(1), new Set(["dti-so-nganh-mau@mau-2023"])],
      [madeFormsFile(2), new Set(["dti-so-nganh-mau@mau-2023"])],
    ]);
    const warning = mixedIndicesWarning(byFile)!;
    expect(warning.vi.match(/các phiếu vừa tạo/g)).toHaveLength(1);
    expect(warning.en.match(/the forms just made/g)).toHaveLength(1);
    expect(warning.vi).not.toContain("\u0002");
  });
});
