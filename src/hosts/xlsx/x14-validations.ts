/**
 * The data validations Excel 2010 and later keep only in a worksheet's x14 extension
 * (`<extLst><ext uri="{CCE6A557-…}"><x14:dataValidations>`): a drop-down list, or any rule, whose
 * formula reads another sheet (`='Danh mục'!$A$1:$A$5`). ExcelJS 4.4 does not read them, so a
 * workbook it reads and writes again would lose the user's lists, unsaid. As the x14 conditional
 * formats are (x14-formats.ts):
 *   - when a file is read (read.ts), each sheet keeps its x14 validations aside as the file has
 *     them (keepX14Validations), each <x14:dataValidation> declaring the namespaces it uses;
 *   - when the workbook is written (finish.ts, putBackX14Validations), they go back raw into the
 *     written part of the sheet they were on, under its name now: into the <ext> of that uri when
 *     the part has one (one <ext> per uri), else in an <ext> of their own, where Excel orders them
 *     in the sheet's <extLst> (after the x14 conditional formats', before the sparklines' and the
 *     rest). Their formulas name the sheets a run renamed by their new names (`'Kết quả'!$B$4`
 *     scored again in English reads `Results!$B$4`), as the validations ExcelJS writes do;
 *   - a sheet the run writes anew (the results sheet) keeps those outside the ranges it clears,
 *     as user-formats.ts does for the ordinary ones (x14ValidationsOutside); one it writes whole
 *     keeps none, nor does a sheet the run removes;
 *   - a cell keeps one validation, as in Excel: where the workbook written has an ordinary
 *     validation of its own on cells an x14 one was on (the project wrote one there since the file
 *     was read), that one is the cell's, and the x14 one keeps its other cells;
 * Pure (ExcelJS and jszip): runs in Node and in the browser.
 */
import type ExcelJS from "exceljs";
import { parseRect, type Rect } from "../../core/a1";
import { attr, topLevelChildren } from "./ooxml";
import {
  NS_X14,
  X14_FORMATS_EXT_URI,
  type XmlNode,
  childrenOf,
  declarations,
  editWrittenSheets,
  extLstLast,
  openTag,
  sameUri,
  standalone,
  withX14Formulas,
  withoutRedundantDeclarations,
  x14FormatFormulas,
  x14FormatRanges,
  x14FormatsOutside,
} from "./x14-formats";

/** The uri of the worksheet extension holding the x14 data validations. */
export const X14_VALIDATIONS_EXT_URI = "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}";
const NS_XM = "http://schemas.microsoft.com/office/excel/2006/main";

/** One <x14:dataValidation> of the user's, which ExcelJS does not read: the element, able to stand alone. */
export interface X14Validation {
  readonly xml: string;
}

/** The worksheet's root tag, its own <extLst> and that list's <ext> for the x14 data validations, when it has them. */
function validationsExt(sheetXml: string): { rootTag: string | undefined; extLst: XmlNode | undefined; ext: XmlNode | undefined } {
  const top = topLevelChildren(sheetXml);
  const rootTag = top.rootStart < 0 ? undefined : sheetXml.slice(top.rootStart, top.rootEnd + 1);
  const extLst = top.children.find((c) => c.name === "extLst");
  const ext = extLst ? childrenOf(sheetXml, extLst).find((c) => c.name === "ext" && sameUri(attr(openTag(sheetXml, c), "uri"), X14_VALIDATIONS_EXT_URI)) : undefined;
  return { rootTag, extLst, ext };
}

// ---------------------------------------------------------------------------------------------
// What a sheet has

/**
 * The x14 data validations of a worksheet part (of every <ext> of their uri, should a program have
 * written two), in their order, each able to stand alone (declaring the namespaces it uses).
 */
export function x14ValidationsIn(sheetXml: string): X14Validation[] {
  if (!hasX14Validations(sheetXml)) return [];
  const { rootTag, extLst } = validationsExt(sheetXml);
  if (rootTag === undefined || !extLst) return [];
  const out: X14Validation[] = [];
  for (const ext of childrenOf(sheetXml, extLst).filter((c) => c.name === "ext" && sameUri(attr(openTag(sheetXml, c), "uri"), X14_VALIDATIONS_EXT_URI))) {
    for (const holder of childrenOf(sheetXml, ext).filter((c) => c.name === "dataValidations")) {
      const scope = [rootTag, openTag(sheetXml, extLst), openTag(sheetXml, ext), openTag(sheetXml, holder)];
      for (const dv of childrenOf(sheetXml, holder).filter((c) => c.name === "dataValidation")) out.push({ xml: standalone(sheetXml.slice(dv.start, dv.end), scope) });
    }
  }
  return out;
}

/** The ranges an x14 validation applies to ("D20:D25 F4"), as its <xm:sqref> has them. */
export function x14ValidationRanges(validation: X14Validation): string {
  return x14FormatRanges(validation);
}

/** The formulas of an x14 validation (its <x14:formula1> and <x14:formula2>), in their order. */
export function x14ValidationFormulas(validation: X14Validation): string[] {
  return x14FormatFormulas(validation);
}

/** The validation with each of its formulas rewritten by `rewrite` (unchanged bytes where a formula is). */
export function withX14ValidationFormulas(validation: X14Validation, rewrite: (formula: string) => string): X14Validation {
  return withX14Formulas(validation, rewrite);
}

/** The rectangles of a space-separated list of ranges; undefined when one is not a range. */
function rects(sqref: string): Rect[] | undefined {
  const parts = sqref.trim().split(/\s+/).filter((p) => p !== "");
  const out = parts.map((p) => parseRect(p));
  return out.length === 0 || out.some((r) => r === null) ? undefined : (out as Rect[]);
}

const overlapping = (a: Rect, b: Rect) => a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

/**
 * The validations as a sheet keeps them once the ranges `cleared` are cleared (user-formats.ts), or
 * given validations of their own (putBackX14Validations): one wholly inside goes, one partly inside
 * keeps the cells outside, its formulas moved to its new top-left cell (x14FormatsOutside); one
 * outside, or on ranges that cannot be read, stays as it is.
 */
export function x14ValidationsOutside(validations: readonly X14Validation[], cleared: readonly Rect[]): X14Validation[] {
  const out: X14Validation[] = [];
  for (const v of validations) {
    const from = rects(x14ValidationRanges(v));
    if (!from || !from.some((r) => cleared.some((c) => overlapping(r, c)))) out.push(v);
    else out.push(...x14FormatsOutside([v], cleared));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The validations a sheet of the model keeps aside

const kept = new WeakMap<ExcelJS.Worksheet, X14Validation[]>();

/** The x14 validations `ws` keeps aside, to be written raw (none for most sheets). */
export function x14ValidationsOf(ws: ExcelJS.Worksheet): readonly X14Validation[] {
  return kept.get(ws) ?? [];
}

/** `ws` keeps `validations` aside, in place of those it had, to be written raw. */
export function setX14Validations(ws: ExcelJS.Worksheet, validations: readonly X14Validation[]): void {
  if (validations.length === 0) kept.delete(ws);
  else kept.set(ws, [...validations]);
}

/**
 * The sheet's x14 validations (x14ValidationsIn of its part, `sheetXml`, as the file read has it)
 * kept aside by the sheet read from it, in place of those it kept, to be put back raw when the
 * workbook is written (putBackX14Validations). ExcelJS reads nothing of them: nothing is taken out
 * of its model. Returns the validations kept aside.
 */
export function keepX14Validations(ws: ExcelJS.Worksheet, sheetXml: string): readonly X14Validation[] {
  const validations = x14ValidationsIn(sheetXml);
  setX14Validations(ws, validations);
  return validations;
}

/** The cells the model's ordinary validations of `ws` are on (ExcelJS keeps them by cell, "D20", or by range, "D20:D25"). */
function modelValidationCells(ws: ExcelJS.Worksheet): Rect[] {
  const model = (ws as unknown as { dataValidations?: { model?: Record<string, unknown> } }).dataValidations?.model ?? {};
  return Object.entries(model).flatMap(([address, rule]) => (rule ? (rects(address) ?? []) : []));
}

// ---------------------------------------------------------------------------------------------
// Writing

/** `open` (an opening tag) with its `count` set to `n`. */
function withCount(open: string, n: number): string {
  if (/\scount\s*=\s*"[^"]*"/.test(open)) return open.replace(/(\scount\s*=\s*")[^"]*"/, `$1${n}"`);
  const at = open.endsWith("/>") ? open.length - 2 : open.length - 1;
  return `${open.slice(0, at)} count="${n}"${open.slice(at)}`;
}

/**
 * A worksheet part as written with `validations` in its x14 data validations' <ext>: after those
 * it has there (its count made right), or in an <ext> of their own, placed in the sheet's <extLst>
 * as Excel orders them (after the x14 conditional formats' <ext>, else first); the <extLst> (made
 * when the sheet had none) the last child of the sheet (extLstLast).
 */
export function withX14Validations(sheetXml: string, validations: readonly X14Validation[]): string {
  return validations.length === 0 ? sheetXml : extLstLast(insertX14Validations(sheetXml, validations));
}

function insertX14Validations(sheetXml: string, validations: readonly X14Validation[]): string {
  const { rootTag, extLst, ext } = validationsExt(sheetXml);
  if (rootTag === undefined) return sheetXml;
  const prefix = /^<([\w.-]+:)?/.exec(rootTag)?.[1] ?? "";
  const elements = (scope: string[]) => validations.map((v) => withoutRedundantDeclarations(v.xml, scope)).join("");
  if (extLst && ext) {
    const scope = [rootTag, openTag(sheetXml, extLst), openTag(sheetXml, ext)];
    const holder = childrenOf(sheetXml, ext).find((c) => c.name === "dataValidations");
    if (holder && !openTag(sheetXml, holder).endsWith("/>")) {
      const open = openTag(sheetXml, holder);
      const had = childrenOf(sheetXml, holder).filter((c) => c.name === "dataValidation").length;
      const at = sheetXml.lastIndexOf("</", holder.end - 1);
      const inner = sheetXml.slice(holder.start + open.length, at) + elements([...scope, open]);
      return sheetXml.slice(0, holder.start) + withCount(open, had + validations.length) + inner + sheetXml.slice(at);
    }
    // An <ext> of that uri without validations in it: they are put in it.
    const x14 = [...declarations(scope)].find(([p, uri]) => p !== "" && uri === NS_X14)?.[0];
    const open = `<${x14 ?? "x14"}:dataValidations count="${validations.length}"${x14 ? "" : ` xmlns:x14="${NS_X14}"`} xmlns:xm="${NS_XM}">`;
    const block = `${open}${elements([...scope, open])}</${x14 ?? "x14"}:dataValidations>`;
    if (holder) return sheetXml.slice(0, holder.start) + block + sheetXml.slice(holder.end);
    const at = sheetXml.lastIndexOf("</", ext.end - 1);
    return sheetXml.slice(0, at) + block + sheetXml.slice(at);
  }
  const extOpen = `<${prefix}ext uri="${X14_VALIDATIONS_EXT_URI}" xmlns:x14="${NS_X14}">`;
  const holderOpen = `<x14:dataValidations count="${validations.length}" xmlns:xm="${NS_XM}">`;
  const scope = extLst ? [rootTag, openTag(sheetXml, extLst), extOpen, holderOpen] : [rootTag, extOpen, holderOpen];
  const newExt = `${extOpen}${holderOpen}${elements(scope)}</x14:dataValidations></${prefix}ext>`;
  if (extLst) {
    const open = openTag(sheetXml, extLst);
    const tag = /^<([\w.:-]+)/.exec(open)![1];
    if (open.endsWith("/>")) return sheetXml.slice(0, extLst.start) + `${open.slice(0, -2)}>${newExt}</${tag}>` + sheetXml.slice(extLst.end);
    // After the x14 conditional formats' <ext>, which Excel writes first; else first.
    const formats = childrenOf(sheetXml, extLst).find((c) => c.name === "ext" && sameUri(attr(openTag(sheetXml, c), "uri"), X14_FORMATS_EXT_URI));
    const at = formats ? formats.end : extLst.start + open.length;
    return sheetXml.slice(0, at) + newExt + sheetXml.slice(at);
  }
  // <extLst> is the last child of a worksheet (CT_Worksheet).
  const close = topLevelChildren(sheetXml).closeStart;
  if (close < 0) return sheetXml;
  return sheetXml.slice(0, close) + `<${prefix}extLst>${newExt}</${prefix}extLst>` + sheetXml.slice(close);
}

/**
 * The written package `xlsx` of `wb` with the x14 validations its sheets keep aside back in their
 * parts (withX14Validations), their formulas naming the sheets the run renamed by their new names,
 * and without the cells an ordinary validation of the sheet now has (x14ValidationsOutside); the
 * very bytes when no sheet keeps any.
 */
export async function putBackX14Validations(xlsx: Uint8Array, wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const sheets = wb.worksheets.filter((ws) => x14ValidationsOf(ws).length > 0);
  return editWrittenSheets(xlsx, wb, sheets, (ws, xml, renamed) => {
    const own = modelValidationCells(ws);
    const validations = x14ValidationsOutside(x14ValidationsOf(ws), own).map((v) => (renamed ? withX14ValidationFormulas(v, renamed) : v));
    return withX14Validations(xml, validations);
  });
}

/** Whether a worksheet part has x14 validations (a cheap test before reading them). */
export function hasX14Validations(sheetXml: string): boolean {
  return sheetXml.toUpperCase().includes(X14_VALIDATIONS_EXT_URI.toUpperCase());
}
