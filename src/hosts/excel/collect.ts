/** Collecting units' sheets from other .xlsx files into the open workbook (ExcelApi 1.13). */
import { planCollect } from "../../core/collect";
import type { IndexModel } from "../../core/definition/model";
import type { Message } from "../../core/i18n/text";
import type { SheetSnapshot } from "../../core/types";
import { RequestPacker } from "./payload";

export interface CollectReport {
  inserted: { file: string; sheet: string; as: string }[];
  skipped: { file: string; sheet: string; reason: Message }[];
  /** What the user should know about what came in (forms of different indices or versions). */
  warnings: Message[];
  /** Why nothing could be inserted (an Excel too old for it, a file that is not a workbook). */
  message?: Message;
}

export const COLLECT_NEEDS_1_13: Message = {
  vi: "Phiên bản Excel này không chèn được trang tính từ tệp khác (cần ExcelApi 1.13: Microsoft 365 hoặc Excel trên web). Không có trang nào được chèn; hãy dùng dòng lệnh dti-scorer hoặc sao chép trang thủ công.",
  en: "This version of Excel cannot insert sheets from another file (it needs ExcelApi 1.13: Microsoft 365 or Excel on the web). Nothing was inserted; use the dti-scorer command line or copy the sheets by hand.",
};

function bytesOf(base64: string): Uint8Array {
  if (typeof Buffer !== "undefined") return Buffer.from(base64, "base64");
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function sheetsOf(file: { name: string; base64: string }): Promise<SheetSnapshot[] | null> {
  try {
    // ExcelJS is large and only this step needs it: loaded on demand, outside the pane's first scripts.
    const [{ default: ExcelJS }, { snapshotWorkbook }] = await Promise.all([
      import("exceljs"),
      import("../xlsx/read"),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytesOf(file.base64) as never);
    return snapshotWorkbook(wb, file.name).sheets;
  } catch {
    return null;
  }
}

export async function collectWorkbooks(ctx: Excel.RequestContext, files: { name: string; base64: string }[], model?: IndexModel): Promise<CollectReport> {
  const report: CollectReport = { inserted: [], skipped: [], warnings: [] };
  const incoming: { file: string; sheets: SheetSnapshot[] }[] = [];
  for (const f of files) {
    const sheets = await sheetsOf(f);
    if (sheets) incoming.push({ file: f.name, sheets });
    else report.skipped.push({ file: f.name, sheet: "", reason: { vi: `Tệp "${f.name}" không phải bảng tính Excel (.xlsx) đọc được.`, en: `File "${f.name}" is not a readable Excel workbook (.xlsx).` } });
  }
  const list = ctx.workbook.worksheets.load("items/name");
  await ctx.sync();
  const plan = planCollect(list.items.map((s) => s.name), incoming, model);
  report.skipped.push(...plan.skipped);
  report.warnings.push(...plan.warnings);

  // One insert per file, packed under the payload budget; Excel may rename on a collision.
  const packer = new RequestPacker();
  const results: { file: string; takes: typeof plan.take; names: OfficeExtension.ClientResult<string[]> | null }[] = [];
  for (const f of files) {
    const takes = plan.take.filter((t) => t.file === f.name);
    if (!takes.length) continue;
    const entry: (typeof results)[number] = { file: f.name, takes, names: null };
    results.push(entry);
    packer.add(f.base64.length, (c) => {
      entry.names = c.workbook.insertWorksheetsFromBase64(f.base64, { sheetNamesToInsert: takes.map((t) => t.sheet), positionType: "End" });
    });
  }
  if (!results.length) return report;
  await packer.flush(ctx);
  for (const r of results) {
    const names = r.names?.value ?? [];
    r.takes.forEach((t, i) => {
      const got = names[i] ?? t.sheet;
      if (got !== t.as) ctx.workbook.worksheets.getItem(got).name = t.as;
      report.inserted.push({ file: t.file, sheet: t.sheet, as: t.as });
    });
  }
  await ctx.sync();
  return report;
}
