/**
 * The pane's .xlsx service outside Excel (src/taskpane/state/xlsx-file.ts), as the Web Worker runs
 * it and as the pane's own thread runs it when no worker can start: a workbook opened, scored
 * twice (the charts of the first run kept), brought units' files in, and files that cannot be read
 * reported by kind, not in the library's words.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runScoring } from "../../src/core/pipeline";
import { makeSampleWorkbook, sampleModel, SAMPLE_UNITS } from "../e2e/sample";
import { XlsxFileService } from "../../src/taskpane/state/xlsx-file";
import { type ClearMarksResult, type MarkReply, isFileServiceError } from "../../src/taskpane/state/xlsx-protocol";
import type { WorkbookHost } from "../../src/hosts/host";
import { notXlsxReason } from "../../src/cli/commands/common";
import { workbookWithoutWorksheet, zipDeclaring } from "../../src/hosts/xlsx/test-workbooks";
import { MARK_NOTE_PREFIX } from "../../src/core/plan/labels";

/** The cells of `bytes` that carry a mark's note, as each sheet's comments part has them (`part!cell`): ExcelJS does not read every note back. */
async function markedCells(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const cells: string[] = [];
  for (const part of Object.keys(zip.files).filter((f) => /^xl\/comments\d*\.xml$/.test(f))) {
    const xml = await zip.file(part)!.async("string");
    for (const m of xml.matchAll(/<comment ref="([A-Z]+\d+)"[^>]*>([\s\S]*?)<\/comment>/g)) {
      if (m[2]!.replace(/<[^>]+>/g, "").includes(MARK_NOTE_PREFIX)) cells.push(`${part}!${m[1]}`);
    }
  }
  return cells.sort();
}

function hostOf(service: XlsxFileService, handle: number): WorkbookHost {
  return {
    read: async () => (await service.handle({ op: "read", handle })) as Awaited<ReturnType<WorkbookHost["read"]>>,
    apply: async (plan) => void (await service.handle({ op: "apply", handle, plan })),
  };
}

async function chartsIn(bytes: Uint8Array): Promise<number> {
  const zip = await JSZip.loadAsync(bytes);
  return Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).length;
}

describe("the pane's .xlsx service", () => {
  test("a workbook scored twice keeps one set of charts, and its download holds the results", async () => {
    const service = new XlsxFileService();
    await service.handle({ op: "open", handle: 1, file: { name: "so-nganh.xlsx", data: await makeSampleWorkbook() } });
    const host = hostOf(service, 1);
    const definition = sampleModel().definition;
    const first = await runScoring(host, { definition, lang: "vi", projectVersion: "test", write: true });
    expect(first.submissions).toHaveLength(SAMPLE_UNITS.length);
    const once = (await service.handle({ op: "bytes", handle: 1 })) as Uint8Array;
    expect(await chartsIn(once)).toBe(3);
    // The second run starts from what the first wrote: the same three charts, updated in place.
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", write: true });
    const twice = (await service.handle({ op: "bytes", handle: 1 })) as Uint8Array;
    expect(await chartsIn(twice)).toBe(3);
    const snapshot = await host.read();
    expect(snapshot.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Kết quả", "Biểu đồ"]));
  }, 60_000);

  test("cells with issues are marked where the workbook is, the findings come back, and the marks are taken away again", async () => {
    const service = new XlsxFileService();
    const data = await makeSampleWorkbook();
    await service.handle({ op: "open", handle: 5, file: { name: "so-nganh.xlsx", data } });
    const definition = sampleModel().definition;
    // A workbook never marked: nothing to take away, nothing written.
    expect(await service.handle({ op: "clearMarks", handle: 5, lang: "vi" })).toEqual({ cleared: 0, warnings: [] });
    const stages: string[] = [];
    const marked = (await service.handle({ op: "mark", handle: 5, definition, lang: "vi" }, (stage) => void stages.push(stage))) as MarkReply;
    expect(marked.units).toHaveLength(SAMPLE_UNITS.length);
    expect(marked.issues.length).toBeGreaterThan(0);
    expect(marked.warnings).toEqual([]);
    expect(stages).toEqual(expect.arrayContaining(["read", "score", "write"]));
    // A mark on each cell a finding names, and the download holds them.
    const cells = await markedCells(marked.data);
    expect(cells.length).toBe(marked.marked);
    expect(marked.marked).toBe(new Set(marked.issues.filter((i) => i.sheet && i.cell).map((i) => `${i.sheet}!${i.cell}`)).size);
    expect(await markedCells(data)).toEqual([]);
    expect(await markedCells((await service.handle({ op: "bytes", handle: 5 })) as Uint8Array)).toEqual(cells);
    // No scores written: marking is not scoring.
    const read = (await service.handle({ op: "read", handle: 5 })) as Awaited<ReturnType<WorkbookHost["read"]>>;
    expect(read.sheets.map((sh) => sh.name)).not.toContain("Kết quả");

    const cleared = (await service.handle({ op: "clearMarks", handle: 5, lang: "vi" })) as ClearMarksResult;
    expect(cleared.cleared).toBe(marked.marked);
    expect(await markedCells(cleared.data!)).toEqual([]);
  }, 60_000);

  test("a sheet of the user's named Kết quả is kept, and the write says where the results went", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await makeSampleWorkbook()) as unknown as ArrayBuffer);
    wb.addWorksheet("Kết quả").getCell("A1").value = "Ghi chép riêng";
    const service = new XlsxFileService();
    await service.handle({ op: "open", handle: 3, file: { name: "co-ket-qua.xlsx", data: new Uint8Array(await wb.xlsx.writeBuffer()) } });
    const snapshot = (await service.handle({ op: "read", handle: 3 })) as Awaited<ReturnType<WorkbookHost["read"]>>;
    const plan = (await runScoring({ read: async () => snapshot, apply: async () => undefined }, { definition: sampleModel().definition, lang: "vi", projectVersion: "test", write: true })).plan;
    expect(plan).toBeDefined();
    const reply = (await service.handle({ op: "apply", handle: 3, plan: plan! })) as { warnings: { vi: string }[] };
    expect(reply.warnings.map((w) => w.vi)).toEqual([expect.stringContaining("trang 'Kết quả' không do DTI Scorer tạo")]);
    const after = (await service.handle({ op: "read", handle: 3 })) as Awaited<ReturnType<WorkbookHost["read"]>>;
    expect(after.sheets.find((s) => s.name === "Kết quả")!.values[0]![0]).toBe("Ghi chép riêng");
    expect(after.sheets.map((s) => s.name)).toContain("Kết quả (2)");
  }, 60_000);

  test("units' files are brought into the open workbook, and forms are made for a list of units", async () => {
    const service = new XlsxFileService();
    const forms = (await service.handle({ op: "template", definition: sampleModel().definition, units: [{ code: "SXD", name: "Sở Xây dựng", category: "co-dvc" }], lang: "vi" })) as Uint8Array;
    await service.handle({ op: "open", handle: 7, file: { name: "tong-hop.xlsx", data: await makeSampleWorkbook({ units: SAMPLE_UNITS.slice(0, 1), clean: true }) } });
    const added = await service.handle({ op: "collect", handle: 7, files: [{ name: "SXD.xlsx", data: forms }], definition: sampleModel().definition });
    expect(added).toMatchObject({ taken: ["Sở Xây dựng"], skipped: [] });
    const snapshot = await hostOf(service, 7).read();
    expect(snapshot.sheets.map((s) => s.name)).toContain("Sở Xây dựng");
  }, 60_000);

  test("a file that unpacks to gigabytes is reported as too large, with the sentence the pane shows, not as a damaged workbook", async () => {
    const service = new XlsxFileService();
    const bomb = zipDeclaring([
      { name: "[Content_Types].xml", data: new TextEncoder().encode("<Types/>") },
      { name: "xl/sharedStrings.xml", data: new Uint8Array(10), declared: 5 * 2 ** 30 },
    ]);
    const opened = await service.handle({ op: "open", handle: 1, file: { name: "bom.xlsx", data: bomb } }).catch((e: unknown) => e);
    expect(isFileServiceError(opened) && [opened.kind, opened.file]).toEqual(["too-large", "bom.xlsx"]);
    // The reason is the sentence in both languages (openFileWorkbench shows it as it is), as the command line says it.
    expect(isFileServiceError(opened) && JSON.parse(opened.reason)).toEqual(notXlsxReason(bomb, "bom.xlsx"));
  });

  test("a workbook of chart sheets only is said to be one, in both languages, as the command line says it", async () => {
    const service = new XlsxFileService();
    const charts = await workbookWithoutWorksheet(true);
    const opened = await service.handle({ op: "open", handle: 3, file: { name: "bieu-do.xlsx", data: charts } }).catch((e: unknown) => e);
    expect(isFileServiceError(opened) && [opened.kind, opened.file]).toEqual(["localized", "bieu-do.xlsx"]);
    expect(isFileServiceError(opened) && JSON.parse(opened.reason)).toEqual(notXlsxReason(charts, "bieu-do.xlsx"));
    expect(isFileServiceError(opened) && (JSON.parse(opened.reason) as { vi: string }).vi).toBe("Tệp bieu-do.xlsx chỉ có trang biểu đồ, không có trang tính nào nên không có gì để đọc; hãy kiểm tra xem đã chọn đúng tệp chưa.");
  });

  test("a file that is not a workbook is reported by kind, and leaves the workbook opened before it open", async () => {
    const service = new XlsxFileService();
    await service.handle({ op: "open", handle: 1, file: { name: "so-nganh.xlsx", data: await makeSampleWorkbook() } });
    const broken = { name: "hong.xlsx", data: new TextEncoder().encode("không phải sổ làm việc") };
    const opened = await service.handle({ op: "open", handle: 2, file: broken }).catch((e: unknown) => e);
    expect(isFileServiceError(opened) && [opened.kind, opened.file]).toEqual(["not-xlsx", "hong.xlsx"]);
    const before = (await hostOf(service, 1).read()).sheets.map((s) => s.name);
    // A unit's file that cannot be read is left out with its reason, not an error; the workbook is as it was.
    const collected = (await service.handle({ op: "collect", handle: 1, files: [broken] })) as { taken: string[]; skipped: { file: string; sheet: string; reason: { vi: string; en: string } }[] };
    expect(collected.taken).toEqual([]);
    expect(collected.skipped.map((s) => [s.file, s.sheet])).toEqual([["hong.xlsx", ""]]);
    expect(collected.skipped[0]!.reason.en).toContain("hong.xlsx");
    expect((await hostOf(service, 1).read()).sheets.map((s) => s.name)).toEqual(before);
  }, 60_000);

  test("in a batch of units' files, one that cannot be read is left out with its reason and the others come in", async () => {
    const service = new XlsxFileService();
    await service.handle({ op: "open", handle: 4, file: { name: "tong-hop.xlsx", data: await makeSampleWorkbook({ units: SAMPLE_UNITS.slice(0, 1), clean: true }) } });
    const a = await makeSampleWorkbook({ units: [SAMPLE_UNITS[1]!], clean: true });
    const b = await makeSampleWorkbook({ units: [SAMPLE_UNITS[2]!], clean: true });
    const added = (await service.handle({
      op: "collect",
      handle: 4,
      files: [
        { name: "A.xlsx", data: a },
        { name: "hong.xlsx", data: new TextEncoder().encode("PK\u0003\u0004 không phải sổ làm việc") },
        { name: "B.xlsx", data: b },
      ],
      definition: sampleModel().definition,
    })) as { taken: string[]; skipped: { file: string; sheet: string; reason: { vi: string; en: string } }[] };
    expect(added.taken).toEqual([SAMPLE_UNITS[1]!.name, SAMPLE_UNITS[2]!.name]);
    expect(added.skipped.filter((s) => s.file === "hong.xlsx").map((s) => s.reason.vi)).toEqual([expect.stringContaining("hong.xlsx")]);
    const names = (await hostOf(service, 4).read()).sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([SAMPLE_UNITS[0]!.name, SAMPLE_UNITS[1]!.name, SAMPLE_UNITS[2]!.name]));
  }, 60_000);
});
