/**
 * Writing an ExcelJS workbook so that ExcelJS does not fail on what other programs wrote, and so
 * that Excel opens the result without offering to repair it:
 *   - before: a table saved by LibreOffice has no <tableStyleInfo>, which ExcelJS reads as a null
 *     style and then fails on ("Cannot read properties of null (reading 'theme')"): such a table
 *     gets the plain style it had (no style name, no stripes);
 *   - after: links to the workbook's own cells are made internal links (links.ts);
 *   - after: the print titles and print areas ExcelJS writes name a sheet whose name has an
 *     apostrophe without doubling it (`'Côte d'Ivoire'!$8:$8`), which Excel repairs by dropping
 *     them: they are quoted as formulas are (quotedPrintNames);
 *   - after: ExcelJS gives every data bar an <extLst> whose <x14:id/> is empty and that no x14
 *     rule matches (ExcelJS issue #3015), which the file format does not allow: that extLst is
 *     taken out of the sheet XML, leaving a plain Excel 2007 data bar; so is one whose id names
 *     no x14 rule of the sheet (a data bar Excel saved with its default gradient: ExcelJS keeps
 *     the id it read but does not write the x14 half again); and the sheet's <extLst> is made its
 *     last child, as the schema orders it (ExcelJS writes a sheet's notes' <legacyDrawing> after it);
 *   - around: the manual page breaks of a file's sheets (<rowBreaks>, <colBreaks>), which ExcelJS
 *     does not read, are kept by the sheets since the file was read (keepPageBreaks, read.ts) and
 *     written into their XML, as are the page breaks before columns a sheet is given
 *     (setColumnBreaks), which ExcelJS cannot write; a sheet the run writes anew has its plan's alone;
 *   - around: the conditional formats Excel 2010+ keeps in the x14 extension alone (a rule whose
 *     formula reads another sheet), which ExcelJS fails to write, are kept out of its model since
 *     the file was read and written raw into the sheets they are on (x14-formats.ts); so are the
 *     data validations it keeps there alone (a drop-down list reading another sheet), which ExcelJS
 *     does not read (x14-validations.ts).
 * Pure (ExcelJS and jszip): runs in Node and in the browser.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { quotedPrintNames } from "./defined-names";
import { internalLinksIn } from "./links";
import { type PageBreak, columnBreaksBefore, pageBreaksIn, parseRels, sheetParts, withPageBreaks } from "./ooxml";
import { editWrittenSheets, extLstLast, writeKeepingX14Formats } from "./x14-formats";
import { putBackX14Validations } from "./x14-validations";

/** The manual page breaks before columns of the sheets given some (setColumnBreaks, keepPageBreaks). */
const columnBreaks = new WeakMap<ExcelJS.Worksheet, PageBreak[]>();
/** The manual page breaks after rows of the sheets read with some (keepPageBreaks): ExcelJS reads none. */
const rowBreaks = new WeakMap<ExcelJS.Worksheet, PageBreak[]>();

/** A sheet's manual page breaks: after rows (<rowBreaks>) and before columns (<colBreaks>), each as the file has it. */
export interface SheetPageBreaks {
  rows: PageBreak[];
  columns: PageBreak[];
}

function setOrDelete(map: WeakMap<ExcelJS.Worksheet, PageBreak[]>, ws: ExcelJS.Worksheet, breaks: readonly PageBreak[]): void {
  if (breaks.length > 0) map.set(ws, breaks.map((b) => ({ ...b })));
  else map.delete(ws);
}

/**
 * Gives the sheet manual page breaks before `columns` (1-based: a page starts at each), in place
 * of any it had: ExcelJS drops a file's <colBreaks> when it reads it and cannot write one, so
 * writeUntidied writes them into the sheet's XML. None: the sheet has none.
 */
export function setColumnBreaks(ws: ExcelJS.Worksheet, columns: readonly number[]): void {
  setOrDelete(columnBreaks, ws, columnBreaksBefore(columns));
}

/**
 * The sheet keeps `breaks` (the page breaks of the file it was read from, pageBreaksIn; those of
 * the sheet it is a copy of, pageBreaksOf), in place of any it kept, to be written into its XML
 * with it (writeUntidied): ExcelJS reads neither the <rowBreaks> nor the <colBreaks> of a file,
 * and writes none but those given to its rows since (addPageBreak). Each break stays on the row
 * (column) it was on: the project inserts and deletes no rows or columns on a sheet it edits.
 */
export function keepPageBreaks(ws: ExcelJS.Worksheet, breaks: SheetPageBreaks): void {
  setOrDelete(rowBreaks, ws, breaks.rows);
  setOrDelete(columnBreaks, ws, breaks.columns);
}

/**
 * The sheet's manual page breaks as writeUntidied writes them: after rows, those it keeps
 * (keepPageBreaks) and those given to its rows in ExcelJS's model (addPageBreak: a plan's);
 * before columns, those it keeps or was given (setColumnBreaks).
 */
export function pageBreaksOf(ws: ExcelJS.Worksheet): SheetPageBreaks {
  const model = ((ws as unknown as { rowBreaks?: { id?: number; min?: number; max?: number; man?: number | boolean }[] }).rowBreaks ?? []).flatMap((b) =>
    typeof b.id === "number" ? [{ id: b.id, ...(b.min !== undefined ? { min: b.min } : {}), ...(b.max !== undefined ? { max: b.max } : {}), man: b.man === 1 || b.man === true }] : [],
  );
  return { rows: [...(rowBreaks.get(ws) ?? []), ...model].map((b) => ({ ...b })), columns: (columnBreaks.get(ws) ?? []).map((b) => ({ ...b })) };
}

/**
 * The written package `xlsx` of `wb` with each sheet's page breaks in its XML: the row breaks it
 * keeps with those ExcelJS wrote (a plan's), one to a row, and its column breaks in place of any;
 * the very bytes when no sheet has any to write.
 */
async function putPageBreaks(xlsx: Uint8Array, wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const sheets = wb.worksheets.filter((ws) => columnBreaks.has(ws) || rowBreaks.has(ws));
  return editWrittenSheets(xlsx, wb, sheets, (ws, xml) => {
    let out = xml;
    const rows = rowBreaks.get(ws);
    if (rows) out = withPageBreaks(out, "rowBreaks", [...pageBreaksIn(out, "rowBreaks"), ...rows]);
    const columns = columnBreaks.get(ws);
    if (columns) out = withPageBreaks(out, "colBreaks", columns);
    return out;
  });
}

/** Gives every table read without a style the plain style it showed: ExcelJS cannot write a null one. */
export function completeTableStyles(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    const tables = (ws as unknown as { tables?: Record<string, { table?: { style?: unknown } } | undefined> }).tables ?? {};
    for (const t of Object.values(tables)) {
      if (t?.table && (t.table.style === null || typeof t.table.style !== "object")) {
        t.table.style = { showFirstColumn: false, showLastColumn: false, showRowStripes: false, showColumnStripes: false };
      }
    }
  }
}

/** The sheets holding a data bar, whose XML ExcelJS writes with an empty x14 reference. */
export function sheetsWithDataBars(wb: ExcelJS.Workbook): string[] {
  type Formats = { conditionalFormattings?: { rules?: { type?: string }[] }[] };
  return wb.worksheets
    .filter((ws) => ((ws as unknown as Formats).conditionalFormattings ?? []).some((cf) => (cf.rules ?? []).some((r) => r.type === "dataBar")))
    .map((ws) => ws.name);
}

/**
 * A worksheet's XML without the <extLst> of its data-bar rules that refers to no x14 rule (an
 * empty <x14:id/>); an extLst whose id names a rule is kept.
 */
export function dropEmptyDataBarExt(sheetXml: string): string {
  return sheetXml.replace(
    /(<(?:\w+:)?cfRule\b[^>]*\btype="dataBar"[^>]*>)([\s\S]*?)(<\/(?:\w+:)?cfRule>)/g,
    (_, open: string, inner: string, close: string) =>
      open +
      inner.replace(/<((?:\w+:)?extLst)\b[^>]*>([\s\S]*?)<\/\1>/g, (ext: string, _tag: string, content: string) =>
        /<(?:\w+:)?id\s*\/>|<(?:\w+:)?id\s*>\s*<\/(?:\w+:)?id>/.test(content) ? "" : ext,
      ) +
      close,
  );
}

/**
 * A worksheet's XML without the <extLst> of its data-bar rules whose <x14:id> names no x14 rule of
 * the sheet (`<x14:cfRule id="…">` in its own <extLst>): the rule is left a plain Excel 2007 data bar.
 */
export function dropDanglingDataBarExt(sheetXml: string): string {
  if (!/<(?:\w+:)?cfRule\b[^>]*\btype="dataBar"/.test(sheetXml)) return sheetXml;
  const ids = new Set([...sheetXml.matchAll(/<(?:[\w.-]+:)?cfRule\b[^>]*?\sid="([^"]*)"/g)].map((m) => m[1]!.trim().toUpperCase()));
  return sheetXml.replace(
    /(<(?:\w+:)?cfRule\b[^>]*\btype="dataBar"[^>]*>)([\s\S]*?)(<\/(?:\w+:)?cfRule>)/g,
    (_, open: string, inner: string, close: string) =>
      open +
      inner.replace(/<((?:\w+:)?extLst)\b[^>]*>([\s\S]*?)<\/\1>/g, (ext: string, _tag: string, content: string) => {
        const id = /<(?:\w+:)?id\s*>([^<]*)<\/(?:\w+:)?id\s*>/.exec(content)?.[1];
        return id !== undefined && !ids.has(id.trim().toUpperCase()) ? "" : ext;
      }) +
      close,
  );
}

/**
 * Makes the data bars of `sheets` plain (dropEmptyDataBarExt, dropDanglingDataBarExt) in an opened package, every
 * sheet's links to the workbook's own cells internal links (internalLinksIn: ExcelJS writes them
 * as links to a file), and the print titles and areas quoted right (quotedPrintNames); whether
 * any part changed. Every file the xlsx host writes goes through it. A step that opens the
 * written package anyway (preserveDrawings, addCharts) does it before its own work, so the
 * package is compressed once for all.
 */
export async function tidyDataBarsIn(zip: JSZip, sheets: readonly string[]): Promise<boolean> {
  const workbookPath = "xl/workbook.xml";
  const workbookXml = await zip.file(workbookPath)?.async("string");
  const relsXml = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (workbookXml === undefined || relsXml === undefined) return false;
  const parts = sheetParts(workbookXml, parseRels(relsXml), workbookPath);
  let changed = await internalLinksIn(zip, parts.values());
  const quoted = quotedPrintNames(workbookXml);
  if (quoted !== workbookXml) {
    zip.file(workbookPath, quoted);
    changed = true;
  }
  for (const name of sheets) {
    const path = parts.get(name);
    const file = path === undefined ? null : zip.file(path);
    if (!file || path === undefined) continue;
    const xml = await file.async("string");
    const tidy = extLstLast(dropDanglingDataBarExt(dropEmptyDataBarExt(xml)));
    if (tidy !== xml) {
      zip.file(path, tidy);
      changed = true;
    }
  }
  return changed;
}

/** The written file with the data bars of `sheets` made plain and the links internal (tidyDataBarsIn); unchanged bytes when nothing needed it. */
export async function tidyDataBars(xlsx: Uint8Array, sheets: readonly string[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  if (!(await tidyDataBarsIn(zip, sheets))) return xlsx;
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * The workbook as ExcelJS writes it (tables without a style given one first), with the x14
 * conditional formats and data validations its sheets keep aside put back raw
 * (writeKeepingX14Formats, putBackX14Validations) and their page breaks written (putPageBreaks), and the sheets
 * whose data bars still need tidying (tidyDataBars or tidyDataBarsIn) for Excel to open it
 * without a repair: for a caller that opens the package afterwards anyway.
 */
export async function writeUntidied(wb: ExcelJS.Workbook): Promise<{ bytes: Uint8Array; dataBarSheets: string[] }> {
  completeTableStyles(wb);
  // Formulas of the user's that read what a run wrote (a VLOOKUP over the results, a form's Điểm
  // cell) hold the values of their last calculation: every reader recalculates them on opening.
  wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
  const bytes = await putPageBreaks(await putBackX14Validations(await writeKeepingX14Formats(wb, async () => new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)), wb), wb);
  return { bytes, dataBarSheets: sheetsWithDataBars(wb) };
}

/** The workbook as .xlsx bytes, written by ExcelJS with the repairs above. */
export async function writeWorkbook(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const { bytes, dataBarSheets } = await writeUntidied(wb);
  return tidyDataBars(bytes, dataBarSheets);
}
