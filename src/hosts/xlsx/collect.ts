/**
 * Collecting units' forms (layout-A sheets) from several .xlsx files into one workbook, cell by
 * cell with styles, merged cells, data validations, notes, column widths and styles, row heights,
 * frozen panes, sheet protection, conditional formats, pictures, the printed page header and
 * footer, the manual page breaks and the defined names pointing into the form, so a collected form looks, prints and
 * behaves like the one the unit sent. What cannot be copied (charts, shapes, tables…) is said.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { type CollectPlan, type ExistingForm, detectLayoutA, isBlankForm, planCollect, unreadableFileSkip } from "../../core/collect";
import { type IncomingSheetClean, incomingCleaner, protectedIncomingMessage } from "../../core/collect-clean";
import { columnNumber, compactRanges } from "../../core/a1";
import type { Message } from "../../core/i18n/text";
import type { IndexModel } from "../../core/definition/model";
import { BUILTIN_INDICES } from "../../indices";
import { keepPageBreaks, pageBreaksOf, tidyDataBars, writeUntidied } from "./finish";
import { preserveDrawings, restoreLegacyPasswords } from "./preserve";
import { carryThreadedComments, readThreads, settleThreads } from "./threaded-comments";
import { cellValue, fillFromText, legacyPasswordsOf, loadPreparedXlsx, snapshotSheet, snapshotValue } from "./read";
import { FORM_LIST_COLUMN, FORM_LIST_FIRST_ROW, formLists } from "./template";
import { MARK_FILLS } from "../../core/plan/labels";
import { sheetNotes } from "./sheet-notes";
import { refreshGatheredResults } from "./collect-status";
import { attr, escapeXml, insertChild, sheetNames, topLevelChildren, unescapeXml } from "./ooxml";
import { Package } from "./package";
import { sheetInFormula } from "./stale-results";

/** The solid colours of issue marks, as ExcelJS reads a fill's colour. */
const MARK_COLOURS = new Set(Object.values(MARK_FILLS).map((c) => c.toUpperCase()));

function isMarkFill(fill: ExcelJS.Fill | undefined): boolean {
  const argb = fill?.type === "pattern" ? fill.fgColor?.argb : undefined;
  return argb !== undefined && MARK_COLOURS.has(argb.toUpperCase());
}

/**
 * The fill of the nearest cell above or below (row `r`, column `c`) that is no mark and is locked
 * or not as the cell is: the form's input fill of that column (input cells are the unlocked ones,
 * group rows the locked grey ones), for a marked cell whose own fill was not recorded. Undefined
 * when none of the eight rows each way has one.
 */
function neighbourFill(source: ExcelJS.Worksheet, r: number, c: number): ExcelJS.Fill | undefined {
  const locked = (row: number) => source.getCell(row, c).protection?.locked !== false;
  const own = locked(r);
  for (let d = 1; d <= 8; d++) {
    for (const row of [r - d, r + d]) {
      if (row < 1 || locked(row) !== own) continue;
      const fill = source.getCell(row, c).fill as ExcelJS.Fill | undefined;
      if (fill && fill.type === "pattern" && fill.pattern !== "none" && !isMarkFill(fill)) return cloneValue(fill);
    }
  }
  return undefined;
}

/** The workbook the forms are collected into cannot be read as an .xlsx workbook. */
export class CollectReadError extends Error {
  constructor(readonly file: string) {
    super(`Cannot read ${file} as an .xlsx workbook`);
  }
}

/** The collected workbook could not be written (ExcelJS refused what it read): no file is at fault by name. */
export class CollectWriteError extends Error {
  constructor(readonly detail: string) {
    super(`Cannot write the collected workbook: ${detail}`);
  }
}

export interface CollectReport extends CollectPlan {
  /** The incoming files that are not readable .xlsx workbooks (each also in `skipped`, with its reason). */
  unreadable: string[];
}

/**
 * The workbook in `data`, or undefined when it is not a readable .xlsx workbook: not a zip
 * package ExcelJS reads, or a package with no worksheet — a zip without xl/workbook.xml (an .ods
 * renamed .xlsx), which ExcelJS reads as a workbook of no sheets (as XlsxHost.fromBuffer refuses it).
 * A file LibreOffice saved is read with its protection, unlocked cells and legacy passwords
 * (loadXlsx); with the bytes as ExcelJS read them (loadPreparedXlsx), for what it does not read.
 */
async function load(data: Uint8Array): Promise<{ wb: ExcelJS.Workbook; bytes: Uint8Array } | undefined> {
  let read: { workbook: ExcelJS.Workbook; bytes: Uint8Array };
  try {
    read = await loadPreparedXlsx(data);
  } catch {
    return undefined;
  }
  return read.workbook.worksheets.length > 0 ? { wb: read.workbook, bytes: read.bytes } : undefined;
}


/**
 * The forms (unit code, name, blank or not) and the `Bộ chỉ số` of the forms a workbook already
 * holds. A unit's form there whose table header is not read (detectLayoutA's `unreadTable`: the
 * unit's edited form, collected before) is its form, filled (not blank): a form coming in for the
 * unit is not put over it. A cover or notes sheet laid out as a form's top is none (detectLayoutA).
 */
function formsOf(wb: ExcelJS.Workbook): { forms: ExistingForm[]; indices: string[] } {
  const forms: ExistingForm[] = [];
  const indices: string[] = [];
  for (const ws of wb.worksheets) {
    const snapshot = snapshotSheet(ws);
    const h = detectLayoutA(snapshot);
    if (h?.unitCode !== undefined) {
      forms.push({ sheet: ws.name, unitCode: h.unitCode, ...(h.unitName !== undefined ? { unitName: h.unitName } : {}), blank: isBlankForm(snapshot), snapshot });
    }
    if (h?.index !== undefined) indices.push(h.index);
  }
  return { forms, indices };
}

/**
 * A deep copy of a cell's value, style, note or a sheet's settings, every value of the type it
 * has: a date stays a date (a JSON round trip would make it ISO text), numbers, text, booleans,
 * rich text runs, formulas with their results, hyperlinks and errors as they are.
 */
function cloneValue<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Array.isArray(v)) return v.map((x) => cloneValue(x)) as T;
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = cloneValue(x);
    return out as T;
  }
  return v;
}


/** Whether a password protects the sheet (the hash Excel keeps of it, or LibreOffice's legacy password). */
function passwordProtected(ws: ExcelJS.Worksheet): boolean {
  const p = (ws as unknown as { sheetProtection?: Record<string, unknown> | null }).sheetProtection;
  return !!p && !!p.sheet && (p.hashValue !== undefined || (typeof p.password === "string" && p.password !== ""));
}

/** What copySheet takes besides the sheets: what the file holds that ExcelJS does not read, and the pictures copied so far. */
interface CopyContext {
  /** What the form's file holds that ExcelJS does not read (formParts). */
  parts?: FormParts;
  /** What of the form's file its formulas may read once collected (FormulaReach). */
  reach?: FormulaReach;
  /** Cells another warning names already (what the file's scoring left on a form a password protects): not named again. */
  said?: ReadonlySet<string>;
  /** The pictures of the units' files already in the consolidated workbook: each file's picture (as ExcelJS read it) once, by its id there. */
  images: Map<unknown, number>;
}

/**
 * Copy one worksheet into `target` (a new, empty sheet), without what `clean` says the source's
 * scoring left on it: those cells come without their value (their formatting stays), a mark's cell
 * with the fill it had before and its note without the project's part (incomingSheetClean). The
 * copy has the source's column styles, its conditional formats, its pictures where they
 * were, its printed page header and footer and manual page breaks, its filter, and the drop-down lists Excel keeps where
 * ExcelJS does not read them (`context.parts`). A formula naming the source's own sheet names the
 * copy (which may be named otherwise), as one naming another form of the file collected in the
 * same run names that one's copy (`context.reach`). A formula reading another file (an external
 * link, which cannot come along), or another sheet of the file that is not collected, or a name of
 * the file that does not come along (leftBehind), is left as the value it last computed: on
 * recalculation it would read nothing, or a sheet or name of that name the consolidated workbook
 * has, another unit's. Those cells are given back (`linked`, `elsewhere` with what they read).
 * Such a formula the file stores no result of (a program that does not calculate wrote it:
 * openpyxl, a script) has no value to leave: its cell is given the error #N/A, not left empty
 * (an empty figure reads as one the unit did not give, scored 0 without an error), and given back
 * (`unresolved`, with what it reads); but for what the file's scoring left on a form a password
 * protects (`context.said`: named already, and to be emptied), which stays empty. Also whether a validation of the extension was left out
 * (validationComes), and the conditional formats left out (copyConditionalFormats).
 */
function copySheet(
  source: ExcelJS.Worksheet,
  target: ExcelJS.Worksheet,
  clean: IncomingSheetClean | undefined,
  context: CopyContext,
): { linked: string[]; elsewhere: ReadsLeftBehind; unresolved: ReadsLeftBehind & { external: boolean }; validationsLeft: boolean; formats: FormatsLeftOut } {
  const empty = new Set(clean?.empty ?? []);
  const marks = new Map((clean?.marks ?? []).map((m) => [m.cell, m]));
  const own = ownSheetRenamer(source.name, target.name);
  const reach = context.reach;
  // The form's formulas name the copies of the file's forms collected, its own among them.
  const renamed = reach ? (formula: string) => renameSheets(formula, reach.sheets) : own;
  const linked: string[] = [];
  const elsewhere: ReadsLeftBehind = { cells: [], sheets: [], names: [] };
  const unresolved: ReadsLeftBehind & { external: boolean } = { cells: [], sheets: [], names: [], external: false };
  source.eachRow({ includeEmpty: true }, (row, r) => {
    const to = target.getRow(r);
    if (row.height !== undefined) to.height = row.height;
    if (row.hidden) to.hidden = true;
    if (row.outlineLevel) to.outlineLevel = row.outlineLevel;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const dest = to.getCell(c);
      // A shared formula points at its master cell in the source; copy the formula text itself.
      // A formula's cached result from the cell itself: cell.value leaves a result of 0 or FALSE out.
      const v = cell.value;
      // Cells another warning names already (what the file's scoring left on a form a password protects): not named again.
      const said = context.said?.has(dest.address) === true;
      // A formula whose result the file does not store: what it reads is said with the cell's.
      const noResult = cell.type === ExcelJS.ValueType.Formula && cell.result === undefined && !said;
      if (empty.has(dest.address)) dest.value = null;
      else if (cell.type === ExcelJS.ValueType.Formula && readsAnotherFile(cell.formula ?? "")) {
        // The link to the other file does not come along: the value it gave stays.
        if (noResult) {
          dest.value = NO_RESULT;
          unresolved.external = true;
          if (reach) leftBehind(cell.formula ?? "", source.name, reach, unresolved);
          unresolved.cells.push(dest.address);
        } else {
          dest.value = cell.result === undefined ? null : (cloneValue(cell.result) as ExcelJS.CellValue);
          linked.push(dest.address);
        }
      } else if (
        cell.type === ExcelJS.ValueType.Formula &&
        reach &&
        leftBehind(cell.formula ?? "", source.name, reach, noResult ? unresolved : said ? { cells: [], sheets: [], names: [] } : elsewhere)
      ) {
        // What it reads does not come along (or the workbook has another's under its name): the value it gave stays.
        if (noResult) {
          dest.value = NO_RESULT;
          unresolved.cells.push(dest.address);
        } else {
          dest.value = cell.result === undefined ? null : (cloneValue(cell.result) as ExcelJS.CellValue);
          if (!said) elsewhere.cells.push(dest.address);
        }
      } else if (cell.type === ExcelJS.ValueType.Formula) {
        const result = cell.result === undefined ? {} : { result: cloneValue(cell.result) };
        const text = v !== null && typeof v === "object" && "sharedFormula" in v ? { formula: cell.formula } : cloneValue(v as object);
        const formula = (text as { formula?: unknown }).formula;
        dest.value = { ...text, ...(typeof formula === "string" ? { formula: renamed(formula) } : {}), ...result } as ExcelJS.CellFormulaValue;
      } else {
        dest.value = cloneValue(v);
      }
      const style = cloneValue(cell.style);
      const mark = marks.get(dest.address);
      marks.delete(dest.address);
      if (mark) {
        const fill = mark.fillUnknown ? neighbourFill(source, r, c) : fillFromText(mark.fill);
        if (fill) style.fill = fill;
        else delete style.fill;
      }
      dest.style = style;
      if (mark?.note !== undefined) {
        if (mark.note !== "") dest.note = mark.note;
      } else if (cell.note !== undefined) dest.note = cloneValue(cell.note);
      if (cell.dataValidation) dest.dataValidation = cloneValue(cell.dataValidation);
    });
  });
  // A mark recorded on a cell the sheet no longer styles (by fill alone, its fill taken off since): its fill given back, as a run does.
  for (const mark of marks.values()) {
    const fill = fillFromText(mark.fill);
    if (fill) target.getCell(mark.cell).fill = fill;
  }
  const merges = (source.model as unknown as { merges?: string[] }).merges ?? [];
  for (const range of merges) target.mergeCells(range);
  // Validations on ranges that hold no cell yet (e.g. "D9:D200") live only in the sheet's model;
  // those Excel keeps in the sheet's extension (a list on another sheet) only in the file.
  const dv = (source as unknown as { dataValidations?: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations;
  const targetDv = (target as unknown as { dataValidations?: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations;
  let validationsLeft = false;
  if (targetDv) {
    for (const [address, rule] of Object.entries(dv?.model ?? {})) {
      if (!(address in targetDv.model)) targetDv.model[address] = cloneValue(rule);
    }
    for (const [address, rule] of context.parts?.validations ?? []) {
      if (address in targetDv.model) continue;
      if (!validationComes(rule, source)) {
        validationsLeft = true;
        continue;
      }
      targetDv.model[address] = { ...cloneValue(rule), formulae: (rule.formulae ?? []).map((f) => (typeof f === "string" ? own(f) : f)) };
    }
  }
  source.columns?.forEach((col, i) => {
    const to = target.getColumn(i + 1);
    if (col.width !== undefined) to.width = col.width;
    if (col.hidden) to.hidden = true;
    if (col.outlineLevel) to.outlineLevel = col.outlineLevel;
    // The column's own style (<col style>: the format a cell typed into it takes), not each cell's.
    if (hasStyle(col.style)) to.style = cloneValue(col.style);
  });
  if (source.views?.length) target.views = cloneValue(source.views);
  target.properties = { ...target.properties, ...cloneValue(source.properties) };
  if (source.pageSetup) target.pageSetup = { ...target.pageSetup, ...cloneValue(source.pageSetup) };
  // The unit's own page breaks, on the rows and columns they were on (rows are copied where they are).
  keepPageBreaks(target, pageBreaksOf(source));
  // What every printed page shows above and below it (the index and period, the sheet's name and page number).
  if (source.headerFooter) target.headerFooter = { ...target.headerFooter, ...cloneValue(source.headerFooter) };
  if (source.autoFilter) target.autoFilter = cloneValue(source.autoFilter);
  const protection = (source as unknown as { sheetProtection?: unknown }).sheetProtection;
  if (protection) (target as unknown as { sheetProtection?: unknown }).sheetProtection = cloneValue(protection);
  const formats = copyConditionalFormats(source, target, renamed, reach, context.parts?.x14Formats);
  copyPictures(source, target, context.images);
  return { linked, elsewhere, unresolved, validationsLeft, formats };
}

/**
 * What a collected cell holds in place of a formula that cannot come along and whose result the
 * unit's file does not store: Excel's "no value available", shown as #N/A and read as an error,
 * never as an empty figure.
 */
const NO_RESULT: ExcelJS.CellErrorValue = { error: "#N/A" };

/**
 * What of its file a form's formulas may read once collected: the file's sheets collected in the
 * run (the form itself among them), by name in lower case, with their names in the consolidated
 * workbook; the file's defined names a formula of the form resolves to (those local to the form
 * before the workbook's), by name in lower case, as written and whether each comes along into the
 * consolidated workbook under its name (namesOfForms carries it and the workbook has no name of
 * that name already: withCarriedNames).
 */
interface FormulaReach {
  sheets: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, { name: string; comes: boolean }>;
}

/** The cells of a form whose formulas read what does not come along, and what that is: the sheets and the names of its file. */
interface ReadsLeftBehind {
  cells: string[];
  sheets: string[];
  names: string[];
}

/**
 * Whether `formula`, on the sheet `own` of a unit's file, reads what does not come into the
 * consolidated workbook: another sheet of the file that is not collected in the run, or a defined
 * name of the file that does not come along (a name reading such a sheet, or one the workbook
 * has already). What it reads so is added to `found` (each once).
 */
function leftBehind(formula: string, own: string, reach: FormulaReach, found: ReadsLeftBehind): boolean {
  const ownKey = own.toLowerCase();
  const sheets = sheetsRead(formula).sheets.filter((s) => s.toLowerCase() !== ownKey && !reach.sheets.has(s.toLowerCase()));
  const names = namesUsed(formula, reach.names).filter((n) => !reach.names.get(n)!.comes).map((n) => reach.names.get(n)!.name);
  for (const s of sheets) if (!found.sheets.some((x) => x.toLowerCase() === s.toLowerCase())) found.sheets.push(s);
  for (const n of names) if (!found.names.includes(n)) found.names.push(n);
  return sheets.length > 0 || names.length > 0;
}

/** A word of a formula that may be a defined name: letters, digits, `_`, `.`, a backslash, `?`, not starting with a digit or `.`. */
const NAME_WORD = /[A-Za-z_\\\u00C0-\uFFFF][\w.\\?\u00C0-\uFFFF]*/g;

/**
 * The names of `names` (by name in lower case) that a formula uses: words outside its text in
 * double quotes that are no function (before "("), no sheet (before "!") or table (before "["),
 * nor part of a longer word or a reference ("$A$1", "Sheet1!Name": that sheet's, said as the sheet read).
 */
function namesUsed(formula: string, names: ReadonlyMap<string, unknown>): string[] {
  if (names.size === 0) return [];
  const found = new Set<string>();
  for (const part of outsideText(formula)) {
    // A quoted sheet name is no word of the formula.
    const bare = part.replace(/'(?:[^']|'')*'!/g, (q) => " ".repeat(q.length - 1) + "!");
    for (const m of bare.matchAll(NAME_WORD)) {
      const before = m.index > 0 ? bare[m.index - 1]! : "";
      const after = bare[m.index + m[0].length] ?? "";
      if (/[\w.\\?!$\]\u00C0-\uFFFF]/.test(before) || after === "(" || after === "!" || after === "[") continue;
      const key = m[0].toLowerCase();
      if (names.has(key)) found.add(key);
    }
  }
  return [...found];
}

/**
 * Whether a validation Excel keeps in the sheet's extension can come onto the copy: its formulas
 * read the form's own cells only, or it is a drop-down list of a range of another sheet of the
 * file, whose options localizeLists moves onto the form. Not one reading another sheet otherwise
 * (the sheet does not come along), nor another file.
 */
function validationComes(rule: ExcelJS.DataValidation, source: ExcelJS.Worksheet): boolean {
  const formulas = (rule.formulae ?? []).filter((f): f is string => typeof f === "string");
  const read = formulas.map(sheetsRead);
  if (read.some((r) => r.external)) return false;
  const others = [...new Set(read.flatMap((r) => r.sheets).filter((s) => s.toLowerCase() !== source.name.toLowerCase()))];
  if (others.length === 0) return true;
  return rule.type === "list" && others.length === 1 && formulas.length === 1 && OTHER_SHEET_RANGE.test(formulas[0]!.trim()) && source.workbook.getWorksheet(others[0]!) !== undefined;
}

/** A column's style that sets something (ExcelJS gives every column an empty one). */
function hasStyle(style: Partial<ExcelJS.Style> | undefined): style is Partial<ExcelJS.Style> {
  return style !== undefined && style !== null && Object.values(style).some((v) => v !== undefined);
}

type ConditionalFormat = { ref?: string; rules?: ({ formulae?: unknown[] } & Record<string, unknown>)[] } & Record<string, unknown>;
type ConditionalRule = NonNullable<ConditionalFormat["rules"]>[number];

/**
 * The conditional formats of a form left out of its copy (copyConditionalFormats), by the ranges
 * they apply to: those whose formulas read what does not come along (`reads`, with what they
 * read), and those ExcelJS cannot write (`unwritable`).
 */
interface FormatsLeftOut {
  reads: ReadsLeftBehind & { external: boolean };
  unwritable: string[];
}

/**
 * Whether ExcelJS writes a rule as it holds it: a type its writer knows, with what that type needs
 * (a formula for an expression, formulas and an operator for a cell comparison, thresholds for a
 * data bar, colour scale or icon set). A rule ExcelJS read from the x14 extension alone (an id,
 * no formula: an Excel 2010 rule reading another sheet, say) is none but a data bar's or icon
 * set's other half, which it writes; ExcelJS fails on the others, or writes them so that Excel
 * repairs the file.
 */
function ruleWritable(rule: ConditionalRule): boolean {
  const type = rule.type;
  const formulas = Array.isArray(rule.formulae) ? rule.formulae : [];
  const thresholds = Array.isArray(rule.cfvo);
  if (rule.x14Id !== undefined && type !== "dataBar" && type !== "iconSet") return false;
  switch (type) {
    case "expression":
      return typeof formulas[0] === "string" && formulas[0] !== "";
    case "cellIs":
      return formulas.length > 0 && formulas.every((f) => typeof f === "string" && f !== "") && typeof rule.operator === "string";
    case "dataBar":
    case "colorScale":
    case "iconSet":
      return thresholds;
    case "containsText":
      return typeof rule.operator === "string";
    case "timePeriod":
      return typeof rule.timePeriod === "string";
    case "top10":
    case "aboveAverage":
      return true;
    default:
      return false;
  }
}

/**
 * The source's conditional formats on the copy, their formulas naming the copies of the forms
 * collected (`rename`), the source's own sheet among them. A rule is left out, and its ranges
 * given back, that reads what does not come along (another sheet of the file not collected, a
 * name of the file that does not come, another file: on the copy it would read nothing, or a sheet
 * or name of the same name of the consolidated workbook, another unit's), or that ExcelJS cannot
 * write (ruleWritable). The rules Excel 2010 and later keep in the sheet's x14 extension alone
 * (`x14`: read from the file, FormParts.x14Formats) do not come either: said the same way, by
 * what they read or as rules that cannot be copied.
 */
function copyConditionalFormats(
  source: ExcelJS.Worksheet,
  target: ExcelJS.Worksheet,
  rename: (formula: string) => string,
  reach: FormulaReach | undefined,
  x14: readonly ExtensionFormat[] = [],
): FormatsLeftOut {
  const left: FormatsLeftOut = { reads: { cells: [], sheets: [], names: [], external: false }, unwritable: [] };
  const note = (list: string[], ranges: string) => {
    for (const r of ranges.trim().split(/\s+/)) if (r !== "" && !list.includes(r)) list.push(r);
  };
  /** Whether formulas read what does not come along; what they read is noted. */
  const readsLeftBehind = (formulas: readonly string[]): boolean => {
    let found = false;
    for (const f of formulas) {
      if (readsAnotherFile(f)) {
        left.reads.external = true;
        found = true;
      }
      if (reach ? leftBehind(f, source.name, reach, left.reads) : sheetsRead(f).sheets.some((s) => s.toLowerCase() !== source.name.toLowerCase())) found = true;
    }
    return found;
  };
  const formats = (source as unknown as { conditionalFormattings?: ConditionalFormat[] }).conditionalFormattings ?? [];
  const copied: ConditionalFormat[] = [];
  for (const cf of formats) {
    const rules: ConditionalRule[] = [];
    for (const rule of cf.rules ?? []) {
      // Said from the file's own XML when it was read (its formulas are there): not twice.
      if (rule.x14Id !== undefined && !ruleWritable(rule) && x14.length > 0) continue;
      if (!ruleWritable(rule)) {
        note(left.unwritable, cf.ref ?? "");
        continue;
      }
      const formulas = (rule.formulae ?? []).filter((f): f is string => typeof f === "string");
      if (readsLeftBehind(formulas)) {
        note(left.reads.cells, cf.ref ?? "");
        continue;
      }
      const copy = cloneValue(rule);
      if (copy.formulae) copy.formulae = copy.formulae.map((f) => (typeof f === "string" ? rename(f) : f));
      rules.push(copy);
    }
    if (rules.length > 0) copied.push({ ...cloneValue({ ...cf, rules: [] }), rules });
  }
  for (const f of x14) {
    if (readsLeftBehind(f.formulas)) note(left.reads.cells, f.ranges);
    else note(left.unwritable, f.ranges);
  }
  if (copied.length > 0) (target as unknown as { conditionalFormattings: ConditionalFormat[] }).conditionalFormattings = copied;
  return left;
}

/**
 * The source's pictures on the copy, each anchored where it was (its cells and the offsets in
 * them, or its size), with its link; its background picture too. A picture of the source's file
 * goes into the consolidated workbook once, however many of its forms show it.
 */
function copyPictures(source: ExcelJS.Worksheet, target: ExcelJS.Worksheet, images: Map<unknown, number>): void {
  const idOf = (imageId: string | number): number | undefined => {
    const media = source.workbook.getImage(Number(imageId)) as (ExcelJS.Image & { buffer?: unknown }) | undefined;
    if (!media || (media.buffer === undefined && media.base64 === undefined)) return undefined;
    let id = images.get(media);
    if (id === undefined) {
      const image = media.buffer !== undefined ? { buffer: media.buffer, extension: media.extension } : { base64: media.base64!, extension: media.extension };
      id = target.workbook.addImage(image as ExcelJS.Image);
      images.set(media, id);
    }
    return id;
  };
  for (const picture of source.getImages()) {
    const id = idOf(picture.imageId);
    if (id === undefined) continue;
    const model = (picture as unknown as { model?: { range?: Record<string, unknown>; hyperlinks?: unknown } }).model;
    const range = model?.range;
    if (!range) continue;
    const anchor = cloneValue({ ...range, ...(model.hyperlinks !== undefined ? { hyperlinks: model.hyperlinks } : {}) });
    target.addImage(id, anchor as unknown as ExcelJS.ImageRange);
  }
  const background = source.getBackgroundImageId();
  if (background !== undefined && background !== null) {
    const id = idOf(background);
    if (id !== undefined) target.addBackgroundImage(id);
  }
}

/** A sheet prefix in a formula ("'Sở Y tế'!", "Data!"): the quoted name in 1, the plain one in 2. */
const SHEET_PREFIX = /(?:'((?:[^']|'')+)'|([^\s'!(),;:=+\-*/^&<>"{}[\]]+))!/g;

/** A reference into another workbook: `[1]Sheet1!A1`, `'[1]Số liệu'!B3`, `[1]!Name` (not a table's `[Cột]`). */
const EXTERNAL_REF = /'?\[\d+\][^[\]'!]*'?!/;

/** The parts of a formula outside its text in double quotes. */
function outsideText(formula: string): string[] {
  return formula.split(/"(?:[^"]|"")*"?/);
}

/** Whether a formula reads another workbook (an external link). */
function readsAnotherFile(formula: string): boolean {
  return outsideText(formula).some((part) => EXTERNAL_REF.test(part));
}

/** The sheets of this workbook a formula names (other workbooks' left out), and whether it reads another workbook. */
function sheetsRead(formula: string): { sheets: string[]; external: boolean } {
  const sheets: string[] = [];
  let external = false;
  for (const part of outsideText(formula)) {
    if (EXTERNAL_REF.test(part)) external = true;
    for (const m of part.matchAll(SHEET_PREFIX)) {
      // Inside a longer name, or after a workbook's `[1]`.
      if (m.index > 0 && /[\]A-Za-z0-9_.]/.test(part[m.index - 1]!)) continue;
      const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
      // `'[1]Sheet'!` is another workbook's; `#REF!` names no sheet.
      if (name.startsWith("[") || name.startsWith("#")) continue;
      sheets.push(name);
    }
  }
  return { sheets, external };
}

/**
 * The formula with each sheet `renames` has (by its name in lower case) named by its new name,
 * quoted as Excel needs, in one pass (a sheet renamed to another's old name is not renamed twice).
 */
function renameSheets(formula: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return formula;
  return formula.replace(/("(?:[^"]|"")*"?)|([^"]+)/g, (whole: string, literal: string | undefined) => {
    if (literal !== undefined) return whole;
    return whole.replace(SHEET_PREFIX, (ref: string, quoted: string | undefined, plain: string | undefined, at: number) => {
      if (at > 0 && /[\]A-Za-z0-9_.]/.test(whole[at - 1]!)) return ref;
      const name = quoted !== undefined ? quoted.replace(/''/g, "'") : plain!;
      const to = renames.get(name.toLowerCase());
      return to === undefined ? ref : `${sheetInFormula(to)}!`;
    });
  });
}

/** A formula of the sheet `from` as its copy `to` has it: naming `to` where it names `from`. */
function ownSheetRenamer(from: string, to: string): (formula: string) => string {
  if (from === to) return (formula) => formula;
  const renames = new Map([[from.toLowerCase(), to]]);
  return (formula) => renameSheets(formula, renames);
}

/** A list validation's source on another sheet: "_lists!$A$1:$A$5", "'My lists'!B2:B9". */
const OTHER_SHEET_RANGE = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/**
 * Drop-down lists of the copied form that take their options from another sheet of the unit's
 * file (the `_lists` sheet of forms made before the lists moved onto the form): that sheet is not
 * copied, so the options are copied into hidden columns of the form itself (as `template` now
 * writes them) and the validations point there.
 */
function localizeLists(source: ExcelJS.Worksheet, target: ExcelJS.Worksheet, firstRow: () => number): void {
  const dv = (target as unknown as { dataValidations?: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations;
  if (!dv) return;
  let lists: ReturnType<typeof formLists> | undefined;
  for (const rule of Object.values(dv.model)) {
    if (!rule || rule.type !== "list") continue;
    const formula = String(rule.formulae?.[0] ?? "");
    const m = OTHER_SHEET_RANGE.exec(formula.trim());
    if (!m) continue;
    const sheetName = (m[1] ?? m[2] ?? "").replace(/''/g, "'");
    const from = source.workbook.getWorksheet(sheetName);
    if (!from) continue;
    if (from === source) {
      // The form's own cells, named with its sheet name: the copy may have another name.
      rule.formulae = [formula.trim().replace(/^=?.*!/, "")];
      continue;
    }
    const c1 = columnNumber(m[3]!);
    const r1 = Number(m[4]);
    const c2 = m[5] !== undefined ? columnNumber(m[5]) : c1;
    const r2 = m[6] !== undefined ? Number(m[6]) : r1;
    const values: string[] = [];
    for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) {
      for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) {
        const v = snapshotValue(cellValue(from.getCell(r, c)));
        if (v !== null && typeof v !== "object" && String(v) !== "") values.push(String(v));
      }
    }
    if (values.length === 0) continue;
    lists ??= formLists(target, Math.max(FORM_LIST_COLUMN, source.columnCount + 2), firstRow());
    rule.formulae = [lists.add(values)];
  }
}

// ---------------------------------------------------------------------------------------------
// What a form's file holds that ExcelJS does not read

/** What of a unit's form cannot come into the consolidated workbook, in the order the report names them. */
const LEFT_OUT = ["charts", "shapes", "loosePictures", "tables", "pivots", "slicers", "sparklines", "controls", "validations", "pagePictures"] as const;
type LeftOutKind = (typeof LEFT_OUT)[number];

const LEFT_OUT_WORDS: Record<LeftOutKind, Message> = {
  charts: { vi: "biểu đồ", en: "charts" },
  shapes: { vi: "hình vẽ, hộp văn bản", en: "shapes and text boxes" },
  loosePictures: { vi: "hình ảnh không gắn với ô nào", en: "pictures not anchored to a cell" },
  tables: { vi: "bảng (Table)", en: "tables" },
  pivots: { vi: "PivotTable", en: "PivotTables" },
  slicers: { vi: "slicer và timeline", en: "slicers and timelines" },
  sparklines: { vi: "biểu đồ thu nhỏ trong ô (sparkline)", en: "sparklines" },
  controls: { vi: "nút điều khiển và đối tượng nhúng (form control, ActiveX, OLE)", en: "form controls and embedded objects (ActiveX, OLE)" },
  validations: { vi: "quy tắc kiểm tra dữ liệu (Data Validation) đọc trang tính khác", en: "data validation rules reading other sheets" },
  pagePictures: { vi: "hình ở đầu trang hay chân trang khi in", en: "pictures in the printed page header or footer" },
};

/** What of a unit's form its file holds that ExcelJS does not read. */
interface FormParts {
  /** The validations Excel keeps in the sheet's extension (a drop-down list on another sheet), by range. */
  validations: [string, ExcelJS.DataValidation][];
  /** The conditional formats Excel keeps in the sheet's x14 extension alone (extensionFormats). */
  x14Formats: ExtensionFormat[];
  /** What the copy cannot have. */
  leftOut: LeftOutKind[];
}

/** A drawing's anchor (a picture, chart, shape…) with what it holds. */
const ANCHOR = /<((?:[\w.-]+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor))\b[\s\S]*?<\/\1\s*>/g;

/** What of the form `sheet` of a unit's file (its package) ExcelJS does not read: the validations it misses, what cannot be copied. */
async function formParts(pkg: Package, sheet: string): Promise<FormParts> {
  const found = pkg.sheetNamed(sheet);
  const xml = found && found.kind === "worksheet" ? await pkg.textOrUndefined(found.path) : undefined;
  if (!found || xml === undefined) return { validations: [], x14Formats: [], leftOut: [] };
  const kinds = new Set<LeftOutKind>();
  const drawing = await pkg.drawingOf(found.path);
  const drawingXml = drawing === undefined ? undefined : await pkg.textOrUndefined(drawing);
  for (const m of drawingXml?.matchAll(ANCHOR) ?? []) {
    const body = m[0];
    if (/<[\w.-]+:chart\b/.test(body)) kinds.add("charts");
    else if (/<(?:[\w.-]+:)?(?:sp|grpSp|cxnSp|graphicFrame|contentPart|AlternateContent)\b/.test(body) || !/<(?:[\w.-]+:)?pic\b/.test(body)) kinds.add("shapes");
    // ExcelJS reads the pictures anchored to cells.
    else if (m[2] === "absoluteAnchor") kinds.add("loosePictures");
  }
  const rels = await pkg.rels(found.path);
  if (/<(?:[\w.-]+:)?tablePart\b/.test(xml)) kinds.add("tables");
  if (rels.some((r) => /\/pivotTable$/.test(r.type))) kinds.add("pivots");
  if (rels.some((r) => /\/(?:slicer|timeline)$/.test(r.type))) kinds.add("slicers");
  if (/<(?:[\w.-]+:)?sparklineGroup\b/.test(xml)) kinds.add("sparklines");
  if (/<(?:[\w.-]+:)?(?:controls|oleObjects)\b/.test(xml)) kinds.add("controls");
  if (/<(?:[\w.-]+:)?legacyDrawingHF\b/.test(xml)) kinds.add("pagePictures");
  return { validations: extensionValidations(xml), x14Formats: extensionFormats(xml), leftOut: LEFT_OUT.filter((k) => kinds.has(k)) };
}

/** A conditional format Excel keeps in a sheet's x14 extension alone: the ranges it applies to ("D27 F4:F9") and its rules' formulas. */
interface ExtensionFormat {
  ranges: string;
  formulas: string[];
}

/** The uri of the worksheet extension in which Excel 2010 and later keep conditional formats. */
const X14_FORMATS_URI = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";

/**
 * The conditional formats of a worksheet part that Excel 2010 and later keep in its x14 extension
 * alone (a rule whose formula reads another sheet, an icon set of icons of the user's choosing):
 * each <x14:conditionalFormatting> with a rule that no Excel 2007 rule of the sheet names by id
 * (a data bar's <x14:id>, whose x14 half ExcelJS reads and writes), with its ranges and the
 * formulas (<xm:f>) of those rules.
 */
function extensionFormats(sheetXml: string): ExtensionFormat[] {
  if (!sheetXml.toUpperCase().includes(X14_FORMATS_URI.toUpperCase())) return [];
  const top = topLevelChildren(sheetXml).children;
  const named = new Set<string>();
  for (const c of top) {
    if (c.name !== "conditionalFormatting") continue;
    for (const m of sheetXml.slice(c.start, c.end).matchAll(/<(?:[\w.-]+:)?id\s*>([^<]*)<\/(?:[\w.-]+:)?id\s*>/g)) named.add(m[1]!.trim().toUpperCase());
  }
  const ext = top.find((c) => c.name === "extLst");
  if (!ext) return [];
  const out: ExtensionFormat[] = [];
  const body = sheetXml.slice(ext.start, ext.end);
  for (const [, , inner = ""] of body.matchAll(/<((?:[\w.-]+:)?conditionalFormatting)\b[^>]*>([\s\S]*?)<\/\1\s*>/g)) {
    const formulas: string[] = [];
    let own = false;
    for (const [, , attrs = "", rule = ""] of inner.matchAll(/<((?:[\w.-]+:)?cfRule)\b((?:[^>"']|"[^"]*"|'[^']*')*?)(?:\/>|>([\s\S]*?)<\/\1\s*>)/g)) {
      const id = attr(attrs, "id");
      if (id !== undefined && named.has(id.trim().toUpperCase())) continue;
      own = true;
      for (const f of rule.matchAll(/<((?:[\w.-]+:)?f)\b[^>]*>([\s\S]*?)<\/\1\s*>/g)) formulas.push(unescapeXml(f[2] ?? "").trim());
    }
    const ranges = /<((?:[\w.-]+:)?sqref)\b[^>]*>([\s\S]*?)<\/\1\s*>/.exec(inner)?.[2];
    if (own && ranges !== undefined) out.push({ ranges: unescapeXml(ranges).trim(), formulas });
  }
  return out;
}

/**
 * The validations of a worksheet's extension (<extLst>), where Excel keeps those whose formula
 * names another sheet (a drop-down list on a `_lists` sheet), as ExcelJS models validations: by
 * range, each range of its sqref apart.
 */
function extensionValidations(sheetXml: string): [string, ExcelJS.DataValidation][] {
  const ext = topLevelChildren(sheetXml).children.find((c) => c.name === "extLst");
  if (!ext) return [];
  const out: [string, ExcelJS.DataValidation][] = [];
  const rules = sheetXml.slice(ext.start, ext.end).matchAll(/<((?:[\w.-]+:)?dataValidation)\b((?:[^>"']|"[^"]*"|'[^']*')*?)>([\s\S]*?)<\/\1\s*>/g);
  for (const [, , attrs = "", inner = ""] of rules) {
    const value = (name: string) => {
      const v = attr(attrs, name);
      return v === undefined ? undefined : unescapeXml(v);
    };
    const formula = (n: number) => {
      const f = new RegExp(`<(?:[\\w.-]+:)?formula${n}\\b[^>]*>\\s*<(?:[\\w.-]+:)?f\\b[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?f\\s*>`).exec(inner)?.[1];
      return f === undefined ? undefined : unescapeXml(f).trim();
    };
    const sqref = /<(?:[\w.-]+:)?sqref\b[^>]*>([^<]*)</.exec(inner)?.[1]?.trim();
    if (!sqref) continue;
    const type = value("type") ?? "none";
    const rule: Record<string, unknown> = { type: type === "none" ? "any" : type, formulae: [formula(1), formula(2)].filter((f) => f !== undefined) };
    const flag = (name: string) => {
      const v = value(name);
      if (v !== undefined) rule[name] = v === "1" || v.toLowerCase() === "true";
    };
    if (type !== "none") flag("allowBlank");
    flag("showInputMessage");
    flag("showErrorMessage");
    if (!["none", "list", "custom"].includes(type)) rule.operator = value("operator") ?? "between";
    for (const name of ["promptTitle", "prompt", "errorStyle", "errorTitle", "error"]) {
      const v = value(name);
      if (v !== undefined) rule[name] = v;
    }
    for (const range of sqref.split(/\s+/)) out.push([range, rule as unknown as ExcelJS.DataValidation]);
  }
  return out;
}

/** "a, b và c" / "a, b and c". */
function listed(words: readonly string[], and: string): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${and} ${words[words.length - 1]}`;
}

/** Said of a form with what could not come into the consolidated workbook (charts, shapes, tables…), naming its file and sheet. */
export function partsLeftOutMessage(file: string, sheet: string, kinds: readonly LeftOutKind[]): Message {
  // Each kind apart: some are named in several words ("slicer và timeline").
  const vi = kinds.map((k) => LEFT_OUT_WORDS[k].vi).join("; ");
  const en = kinds.map((k) => LEFT_OUT_WORDS[k].en).join("; ");
  return {
    vi: `Trang tính '${sheet}' (tệp ${file}) có những thứ không chép được sang sổ tổng hợp nên đã bị bỏ lại: ${vi}. Số liệu, định dạng và ghi chú của phiếu vẫn được chép đủ. Nếu cần, hãy chép lại chúng từ tệp ${file}, hoặc tổng hợp tệp này bằng ngăn DTI Scorer mở trong Excel trên máy tính (Windows hoặc Mac), vì Excel chèn nguyên cả trang tính.`,
    en: `Sheet '${sheet}' (file ${file}) has what could not be copied into the consolidated workbook, so it was left out: ${en}. The form's figures, formatting and notes were all copied. If you need what was left out, copy it again from ${file}, or collect this file with the DTI Scorer pane inside Excel for desktop (Windows or Mac), where Excel inserts the whole sheet.`,
  };
}

/** Said of a unit's file with macros (a VBA project, an .xlsm file's) forms were taken from: the macros do not come along. */
export function macrosNotCollectedMessage(file: string): Message {
  return {
    vi: `Tệp ${file} có macro (dự án VBA); các macro đó không được chép sang sổ tổng hợp (chỉ các phiếu được chép), và sổ tổng hợp được ghi dạng .xlsx, không chứa được macro. Nếu cần, hãy chép chúng từ tệp ${file} sang (Alt+F11 trong Excel) rồi lưu sổ tổng hợp dạng .xlsm (Sổ làm việc Excel Có hỗ trợ Macro).`,
    en: `File ${file} has macros (a VBA project); they were not copied into the consolidated workbook (only the forms are), which is written as an .xlsx file and cannot hold macros. If you need them, copy them over from ${file} (Alt+F11 in Excel) and save the consolidated workbook as .xlsm (Excel Macro-Enabled Workbook).`,
  };
}

/** How many ranges of cells a sentence names before "and N more". */
const CELLS_NAMED = 8;

/** Said of a form whose cells read another file: they keep the value last computed, not the formula. */
export function linkedCellsMessage(file: string, sheet: string, cells: readonly string[]): Message {
  const ranges = compactRanges([...cells]);
  const more = ranges.length - CELLS_NAMED;
  const named = ranges.slice(0, CELLS_NAMED).join(", ");
  return {
    vi: `Trang tính '${sheet}' (tệp ${file}): công thức ở ô ${named}${more > 0 ? ` và ${more} vùng khác` : ""} lấy số liệu từ một tệp khác (liên kết ngoài); liên kết này không chép được sang sổ tổng hợp, nên các ô đó giữ giá trị đã tính lần cuối trong tệp của đơn vị thay cho công thức.`,
    en: `Sheet '${sheet}' (file ${file}): the formulas in cells ${named}${more > 0 ? ` and ${more} more ranges` : ""} read another file (an external link), which could not be copied into the consolidated workbook, so those cells keep the values last calculated in the unit's file instead of the formulas.`,
  };
}

/**
 * Said of a form whose cells read another sheet of its file that was not collected, or a name of
 * its file that did not come along: they keep the value last computed, not the formula (which
 * would read nothing in the consolidated workbook, or a sheet or name there of the same name).
 */
export function leftBehindCellsMessage(file: string, sheet: string, reads: ReadsLeftBehind): Message {
  const ranges = compactRanges([...reads.cells]);
  const more = ranges.length - CELLS_NAMED;
  const named = ranges.slice(0, CELLS_NAMED).join(", ");
  const { vi, en } = whatIsRead(reads);
  return {
    vi: `Trang tính '${sheet}' (tệp ${file}): công thức ở ô ${named}${more > 0 ? ` và ${more} vùng khác` : ""} đọc ${vi}; trong sổ tổng hợp, các công thức đó sẽ không đọc được gì, hoặc đọc nhầm trang hay tên trùng tên của sổ, nên các ô đó giữ giá trị đã tính lần cuối trong tệp của đơn vị thay cho công thức.`,
    en: `Sheet '${sheet}' (file ${file}): the formulas in cells ${named}${more > 0 ? ` and ${more} more ranges` : ""} read ${en}; in the consolidated workbook they would read nothing, or a sheet or name of the same name there, so those cells keep the values last calculated in the unit's file instead of the formulas.`,
  };
}

/**
 * What formulas read that does not come into the consolidated workbook, as a sentence names it:
 * the sheets of the unit's file not collected, its names not copied, another file.
 */
function whatIsRead(reads: ReadsLeftBehind & { external?: boolean }): Message {
  const sheets = reads.sheets.map((s) => `'${s}'`);
  const names = reads.names.map((n) => `"${n}"`);
  const vi = [
    ...(sheets.length > 0 ? [`${sheets.length === 1 ? "trang" : "các trang"} ${listed(sheets, "và")} của tệp đó (không phải phiếu được tổng hợp)`] : []),
    ...(names.length > 0 ? [`${names.length === 1 ? "tên" : "các tên"} ${listed(names, "và")} của tệp đó (không chép được sang sổ tổng hợp)`] : []),
    ...(reads.external ? ["một tệp khác (liên kết ngoài)"] : []),
  ].join(" và ");
  const en = [
    ...(sheets.length > 0 ? [sheets.length === 1 ? `the sheet ${sheets[0]} of that file (not a form collected)` : `the sheets ${listed(sheets, "and")} of that file (not forms collected)`] : []),
    ...(names.length > 0 ? [`${names.length === 1 ? "the name" : "the names"} ${listed(names, "and")} of that file (not copied into the consolidated workbook)`] : []),
    ...(reads.external ? ["another file (an external link)"] : []),
  ].join(" and ");
  return { vi, en };
}

/**
 * Said of a form's cells whose formulas read what does not come into the consolidated workbook
 * (another sheet or a name of the unit's file, another file) and whose results the file does not
 * store: they hold #N/A (NO_RESULT), and the unit's file is to be opened in Excel or LibreOffice
 * and saved (which stores the results), its form collected again.
 */
export function noStoredResultMessage(file: string, sheet: string, reads: ReadsLeftBehind & { external: boolean }): Message {
  const ranges = compactRanges([...reads.cells]);
  const more = ranges.length - CELLS_NAMED;
  const named = ranges.slice(0, CELLS_NAMED).join(", ");
  const { vi, en } = whatIsRead(reads);
  return {
    vi: `Trang tính '${sheet}' (tệp ${file}): công thức ở ô ${named}${more > 0 ? ` và ${more} vùng khác` : ""} đọc ${vi}, nhưng tệp không lưu kết quả của chúng (tệp do một chương trình không tính công thức tạo ra). Công thức không chép được sang sổ tổng hợp và không có giá trị nào để giữ lại, nên các ô đó được ghi lỗi #N/A (chưa có số liệu) chứ không bị để trống. Hãy mở tệp ${file} bằng Excel hoặc LibreOffice, lưu lại, xóa trang '${sheet}' khỏi sổ tổng hợp rồi tổng hợp lại tệp này; hoặc nhập số liệu vào các ô đó.`,
    en: `Sheet '${sheet}' (file ${file}): the formulas in cells ${named}${more > 0 ? ` and ${more} more ranges` : ""} read ${en}, but the file does not store their results (a program that does not calculate formulas wrote it). The formulas could not be copied into the consolidated workbook and there is no value to keep, so those cells hold the error #N/A (no figure) rather than being left empty. Open ${file} in Excel or LibreOffice, save it, delete the sheet '${sheet}' from the consolidated workbook and collect the file again; or type the figures into those cells.`,
  };
}

/** The ranges a sentence names ("D16:D17, D27"), row by row, up to CELLS_NAMED, and how many more. */
function rangesNamed(ranges: readonly string[]): { named: string; more: number } {
  const at = (range: string): [number, number] => {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(range);
    return m ? [Number(m[2]), columnNumber(m[1]!)] : [Infinity, Infinity];
  };
  const sorted = [...ranges].sort((a, b) => at(a)[0] - at(b)[0] || at(a)[1] - at(b)[1]);
  return { named: sorted.slice(0, CELLS_NAMED).join(", "), more: Math.max(0, sorted.length - CELLS_NAMED) };
}

/**
 * Said of a form's conditional formats left out for reading what does not come into the
 * consolidated workbook (another sheet of its file not collected, a name of its file that does not
 * come, another file): copied, they would read nothing there, or another unit's sheet or name.
 */
export function formatsReadingLeftBehindMessage(file: string, sheet: string, reads: FormatsLeftOut["reads"]): Message {
  const { named, more } = rangesNamed(reads.cells);
  const { vi, en } = whatIsRead(reads);
  return {
    vi: `Trang tính '${sheet}' (tệp ${file}): định dạng có điều kiện ở vùng ${named}${more > 0 ? ` và ${more} vùng khác` : ""} đọc ${vi}; trong sổ tổng hợp, nó sẽ không đọc được gì, hoặc đọc nhầm trang hay tên trùng tên của sổ, nên không được chép sang. Nếu cần, hãy đặt lại định dạng đó trong sổ tổng hợp (Trang đầu > Định dạng có Điều kiện).`,
    en: `Sheet '${sheet}' (file ${file}): the conditional formatting of ${named}${more > 0 ? ` and ${more} more ranges` : ""} reads ${en}; in the consolidated workbook it would read nothing, or a sheet or name of the same name there, so it was not copied. Set it up again there if you need it (Home > Conditional Formatting).`,
  };
}

/** Said of a form's conditional formats of a kind that cannot be copied (an Excel 2010 rule kept in the sheet's extension alone, say). */
export function formatsNotCopiedMessage(file: string, sheet: string, ranges: readonly string[]): Message {
  const { named, more } = rangesNamed(ranges);
  return {
    vi: `Trang tính '${sheet}' (tệp ${file}): định dạng có điều kiện ở vùng ${named}${more > 0 ? ` và ${more} vùng khác` : ""} thuộc loại chưa chép được sang sổ tổng hợp (như loại mà Excel 2010 trở lên lưu riêng trong phần mở rộng của trang tính) nên đã bị bỏ lại; số liệu và các định dạng khác của phiếu vẫn được chép đủ. Nếu cần, hãy đặt lại định dạng đó trong sổ tổng hợp (Trang đầu > Định dạng có Điều kiện), hoặc tổng hợp tệp này bằng ngăn DTI Scorer mở trong Excel trên máy tính (Windows hoặc Mac), vì Excel chèn nguyên cả trang tính.`,
    en: `Sheet '${sheet}' (file ${file}): the conditional formatting of ${named}${more > 0 ? ` and ${more} more ranges` : ""} is of a kind that could not be copied into the consolidated workbook (such as those Excel 2010 and later keep in the sheet's extension), so it was left out; the form's figures and other formatting were all copied. Set it up again there if you need it (Home > Conditional Formatting), or collect this file with the DTI Scorer pane inside Excel for desktop (Windows or Mac), where Excel inserts the whole sheet.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Defined names pointing into a form

/** A defined name as a workbook part writes it: its attributes and text still escaped. */
interface PartName {
  name: string;
  attrs: string;
  text: string;
  localSheetId: number | undefined;
}

/** A defined name of a unit's file to carry into the consolidated workbook, pointing into the forms copied. */
interface NameToCarry {
  file: string;
  /** The form it points into (or is local to), by its name in the consolidated workbook. */
  form: string;
  name: string;
  /** The sheet whose local name it is (the form's copy); undefined for a name of the workbook. */
  scope: string | undefined;
  /** Its attributes but its name and scope (`hidden`, `comment`…), as written. */
  attrs: string;
  /** Its text (escaped), naming the forms by their names in the consolidated workbook. */
  text: string;
}

const NAME_ELEMENT = /<(?:[\w.-]+:)?definedName\b((?:[^>"']|"[^"]*"|'[^']*')*?)(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?definedName\s*>)/g;
const NAME_ATTRIBUTES = /([\w.:-]+)\s*=\s*("[^"]*"|'[^']*')/g;

/** The defined names of a workbook part. */
function partNames(workbookXml: string): PartName[] {
  const block = topLevelChildren(workbookXml).children.find((c) => c.name === "definedNames");
  if (!block) return [];
  const out: PartName[] = [];
  for (const m of workbookXml.slice(block.start, block.end).matchAll(NAME_ELEMENT)) {
    const attrs = (m[1] ?? "").trim();
    const name = attr(attrs, "name");
    if (name === undefined) continue;
    const local = attr(attrs, "localSheetId")?.trim();
    out.push({ name: unescapeXml(name), attrs, text: m[2] ?? "", localSheetId: local !== undefined && /^\d+$/.test(local) ? Number(local) : undefined });
  }
  return out;
}

/**
 * Names not carried: the print settings, which ExcelJS carries with the sheet (its pageSetup); the
 * filter's, which Excel keeps itself with the sheet's filter (copied with it); the project's own.
 */
const NOT_CARRIED_NAME = /^(?:_xlnm\.print_area|_xlnm\.print_titles|_xlnm\._filterdatabase|dti_.*)$/i;

/**
 * The defined names of a unit's file (its workbook part) that point into the forms taken from it
 * (`taken`: each form's sheet in the file and its name in the consolidated workbook): the names
 * local to such a form, and the workbook's names whose text names one. Each to carry, its text
 * naming the forms by their new names; or, when it also reads a sheet of the file not taken or
 * another file, said to be left out. The names of the print settings go with the sheet already.
 */
function namesOfForms(file: string, workbookXml: string, taken: readonly { sheet: string; as: string }[]): { carry: NameToCarry[]; warnings: Message[] } {
  const carry: NameToCarry[] = [];
  const warnings: Message[] = [];
  const order = sheetNames(workbookXml);
  const renames = new Map(taken.map((t) => [t.sheet.toLowerCase(), t.as]));
  for (const n of partNames(workbookXml)) {
    if (NOT_CARRIED_NAME.test(n.name)) continue;
    const owner = n.localSheetId === undefined ? undefined : order[n.localSheetId];
    if (n.localSheetId !== undefined && (owner === undefined || !renames.has(owner.toLowerCase()))) continue;
    const formula = unescapeXml(n.text);
    const { sheets, external } = sheetsRead(formula);
    const forms = sheets.filter((s) => renames.has(s.toLowerCase()));
    if (owner === undefined && forms.length === 0) continue;
    const form = renames.get((owner ?? forms[0]!).toLowerCase())!;
    const others = [...new Set(sheets.filter((s) => !renames.has(s.toLowerCase())))];
    if (external || others.length > 0) {
      warnings.push(nameReadsOtherMessage(file, form, n.name, others, external));
      continue;
    }
    const attrs = [...n.attrs.matchAll(NAME_ATTRIBUTES)]
      .filter((a) => a[1] !== "name" && a[1] !== "localSheetId" && !a[1]!.includes(":"))
      .map((a) => a[0])
      .join(" ");
    carry.push({ file, form, name: n.name, scope: owner === undefined ? undefined : form, attrs, text: escapeXml(renameSheets(formula, renames)) });
  }
  return { carry, warnings };
}

/** Children of the workbook part that come after <definedNames>, in the order of CT_Workbook. */
const AFTER_DEFINED_NAMES = new Set(["calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]);

/**
 * The written consolidated workbook with the names of `names` defined, each local to its form's
 * copy or the workbook's, when the workbook has no name of that name there (its own, the print
 * settings', one carried from an earlier file); each of those left out is said.
 */
async function withCarriedNames(data: Uint8Array, names: readonly NameToCarry[]): Promise<{ data: Uint8Array; warnings: Message[] }> {
  const warnings: Message[] = [];
  if (names.length === 0) return { data, warnings };
  const zip = await JSZip.loadAsync(data);
  const pkg = await Package.open(zip);
  const xml = await pkg.textOrUndefined(pkg.workbook);
  if (xml === undefined) return { data, warnings };
  const sheets = sheetNames(xml).map((s) => s.toLowerCase());
  const key = (name: string, id: number | undefined) => `${name.toLowerCase()}@${id ?? ""}`;
  const defined = new Set(partNames(xml).map((n) => key(n.name, n.localSheetId)));
  const { rootStart, rootEnd } = topLevelChildren(xml);
  const prefix = /^<([\w.-]+:)?/.exec(xml.slice(rootStart, rootEnd + 1))?.[1] ?? "";
  const added: string[] = [];
  for (const n of names) {
    const id = n.scope === undefined ? undefined : sheets.indexOf(n.scope.toLowerCase());
    if (id !== undefined && id < 0) continue;
    if (defined.has(key(n.name, id))) {
      warnings.push(nameTakenMessage(n));
      continue;
    }
    defined.add(key(n.name, id));
    const attrs = [`name="${escapeXml(n.name)}"`, ...(id !== undefined ? [`localSheetId="${id}"`] : []), ...(n.attrs !== "" ? [n.attrs] : [])].join(" ");
    added.push(`<${prefix}definedName ${attrs}>${n.text}</${prefix}definedName>`);
  }
  if (added.length === 0) return { data, warnings };
  const block = topLevelChildren(xml).children.find((c) => c.name === "definedNames");
  let fixed: string;
  if (!block) fixed = insertChild(xml, `<${prefix}definedNames>${added.join("")}</${prefix}definedNames>`, AFTER_DEFINED_NAMES);
  else if (xml[block.end - 2] === "/") fixed = `${xml.slice(0, block.start)}<${prefix}definedNames>${added.join("")}</${prefix}definedNames>${xml.slice(block.end)}`;
  else {
    const close = xml.lastIndexOf("</", block.end);
    fixed = xml.slice(0, close) + added.join("") + xml.slice(close);
  }
  zip.file(pkg.workbook, fixed);
  return { data: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), warnings };
}

/**
 * The names of `names` (those local to a form aside) that withCarriedNames will leave out, the
 * consolidated workbook having a name of theirs already: one of `base`, or one carried before.
 */
async function refusedNames(base: Uint8Array | undefined, names: readonly NameToCarry[]): Promise<Set<NameToCarry>> {
  const defined = new Set<string>();
  if (base) {
    try {
      const pkg = await Package.open(await JSZip.loadAsync(base));
      const xml = await pkg.textOrUndefined(pkg.workbook);
      for (const n of partNames(xml ?? "")) if (n.localSheetId === undefined) defined.add(n.name.toLowerCase());
    } catch {
      // Its package not read so: the names carried before are weighed alone.
    }
  }
  const refused = new Set<NameToCarry>();
  for (const n of names) {
    if (n.scope !== undefined) continue;
    const key = n.name.toLowerCase();
    if (defined.has(key)) refused.add(n);
    else defined.add(key);
  }
  return refused;
}

/** Said of a name pointing into a form that the consolidated workbook has already. */
export function nameTakenMessage(n: { file: string; form: string; name: string; scope?: string | undefined }): Message {
  return {
    vi: `Tên "${n.name}" trong tệp ${n.file} (trỏ vào trang tính '${n.form}') không được chép vào sổ tổng hợp vì sổ đã có một tên "${n.name}"${n.scope !== undefined ? " của trang đó" : ""}; nếu cần, hãy đặt lại nó bằng một tên khác (Công thức > Trình Quản lý Tên).`,
    en: `The name "${n.name}" of file ${n.file} (pointing into sheet '${n.form}') was not copied into the consolidated workbook, which already has a name "${n.name}"${n.scope !== undefined ? " on that sheet" : ""}; define it again under another name if you need it (Formulas > Name Manager).`,
  };
}

/** Said of a name pointing into a form and into a sheet of its file not taken, or into another file. */
export function nameReadsOtherMessage(file: string, form: string, name: string, others: readonly string[], external: boolean): Message {
  const quoted = others.map((s) => `'${s}'`);
  const vi = [...(others.length > 0 ? [`trang ${listed(quoted, "và")} của tệp đó (không phải phiếu được tổng hợp)`] : []), ...(external ? ["một tệp khác (liên kết ngoài)"] : [])].join(" và ");
  const en = [...(others.length > 0 ? [`${others.length === 1 ? "sheet" : "sheets"} ${listed(quoted, "and")} of that file (not forms collected)`] : []), ...(external ? ["another file (an external link)"] : [])].join(" and ");
  return {
    vi: `Tên "${name}" trong tệp ${file} trỏ vào trang tính '${form}' và cả vào ${vi}, nên không chép được sang sổ tổng hợp; nếu cần, hãy đặt lại tên này trong sổ tổng hợp (Công thức > Trình Quản lý Tên).`,
    en: `The name "${name}" of file ${file} points into sheet '${form}' and also into ${en}, so it could not be copied into the consolidated workbook; define it again there if you need it (Formulas > Name Manager).`,
  };
}

/**
 * The forms of units new to the workbook moved after the last form already there (not after the
 * user's own sheets at the end), in the order they came; nothing moves when there was no form.
 */
function placeAfterLastForm(wb: ExcelJS.Workbook, appended: readonly ExcelJS.Worksheet[], forms: readonly ExistingForm[]): void {
  if (appended.length === 0) return;
  const formNames = new Set(forms.map((f) => f.sheet));
  const moving = new Set(appended);
  const others = wb.worksheets.filter((w) => !moving.has(w));
  let last = -1;
  others.forEach((w, i) => {
    if (formNames.has(w.name)) last = i;
  });
  if (last < 0) return;
  others.splice(last + 1, 0, ...appended);
  others.forEach((w, i) => {
    (w as unknown as { orderNo: number }).orderNo = i + 1;
  });
}

/**
 * Collect the layout-A sheets of `files` into `base` (or a new workbook). A file that is not a
 * readable .xlsx workbook is left out with its reason (the others are still collected); so are
 * sheets that are not unit forms, forms of a unit code already present (a unit's blank form in
 * `base` is replaced by its filled one, in place and under its name), and (with a model) forms
 * of another index; the template's own instructions sheet and hidden list sheet are left out
 * silently. The report warns when the forms (those of `base` included) name different indices or
 * versions. A form taken from a scored workbook comes without what that scoring left on it (its
 * summary, the line under it that reads that workbook's `_index`, its points and issue marks:
 * incomingSheetClean), so that the next scoring writes one summary; the report warns of a form a
 * password protects, which is left as it is. Each form comes with its page header and footer,
 * column styles, conditional formats, pictures and the names of its file pointing into it (copySheet,
 * namesOfForms); the report says what of it could not come (its charts, shapes, tables…, a name
 * the workbook has already, cells reading another file). Collected into a workbook scored before, its results'
 * subtitle is left with the result its formula computes now, that they are out of date, for a
 * reader that does not calculate (refreshGatheredResults). Throws CollectReadError when `base` cannot be read, CollectWriteError when the
 * collected workbook cannot be written.
 */
export async function collectFiles(
  files: { name: string; data: Uint8Array }[],
  base?: Uint8Array,
  model?: IndexModel,
  options: { baseName?: string; commandLine?: boolean } = {},
): Promise<{ data: Uint8Array; report: CollectReport }> {
  const target = base ? (await load(base))?.wb : new ExcelJS.Workbook();
  if (!target) throw new CollectReadError(options.baseName ?? "base");
  if (!base) {
    // Made and saved by DTI Scorer (ExcelJS would write "Unknown" as who saved it last).
    target.creator = "DTI Scorer";
    target.lastModifiedBy = "DTI Scorer";
  } else {
    // Saved now: the core properties of the workbook collected into say so (ExcelJS writes the time it read otherwise).
    target.modified = new Date();
  }
  const loaded: { name: string; wb: ExcelJS.Workbook; bytes: Uint8Array }[] = [];
  const unreadable: string[] = [];
  for (const f of files) {
    const read = await load(f.data);
    if (read) loaded.push({ name: f.name, ...read });
    else unreadable.push(f.name);
  }
  // Each file's package, read again for what ExcelJS does not read, once a form is taken from it.
  const packages = new Map<number, Promise<Package | undefined>>();
  const packageOf = (at: number): Promise<Package | undefined> => {
    let pkg = packages.get(at);
    if (!pkg) {
      pkg = JSZip.loadAsync(loaded[at]!.bytes).then(
        (zip) => Package.open(zip),
        () => undefined,
      );
      packages.set(at, pkg);
    }
    return pkg;
  };
  const images = new Map<unknown, number>();
  const existing = formsOf(target);
  const incoming = loaded.map(({ name, wb }) => ({ file: name, sheets: wb.worksheets.map((ws) => snapshotSheet(ws)) }));
  const plan = planCollect(
    target.worksheets.map((w) => w.name),
    incoming,
    model,
    // A form of another built-in index is named by that index's name.
    {
      existingForms: existing.forms,
      existingIndices: existing.indices,
      knownIndices: BUILTIN_INDICES.map((b) => b.definition),
      ...(options.commandLine ? { commandLine: true } : {}),
    },
  );
  const appended: ExcelJS.Worksheet[] = [];
  /**
   * What the collection should say besides the plan: a form whose file's scoring could not be
   * taken off it, what of a form could not be copied, the names pointing into it left out.
   */
  const warnings: CollectPlan["warnings"] = [];
  // What each form's file's scoring left on it (its `_index`, its summaries and marks) goes as it is copied.
  const cleaners = incoming.map((f) => incomingCleaner(f.sheets));
  // The defined names of each file pointing into the forms taken from it, known before the forms
  // are copied: a formula of a form that reads a name not coming along keeps its value instead.
  const names: NameToCarry[] = [];
  const nameWarnings: Message[] = [];
  const fileNames = new Map<number, { order: string[]; defined: PartName[]; carry: NameToCarry[] }>();
  for (const at of new Set(plan.take.map((t) => t.fileAt))) {
    const pkg = await packageOf(at);
    const workbookXml = pkg ? await pkg.textOrUndefined(pkg.workbook) : undefined;
    if (workbookXml === undefined) continue;
    const taken = plan.take.filter((t) => t.fileAt === at);
    const found = namesOfForms(loaded[at]!.name, workbookXml, taken);
    names.push(...found.carry);
    nameWarnings.push(...found.warnings);
    fileNames.set(at, { order: sheetNames(workbookXml), defined: partNames(workbookXml), carry: found.carry });
  }
  const refused = await refusedNames(base, names);
  /** What of its file the form `take` may read once collected (FormulaReach). */
  const reachOf = (take: CollectPlan["take"][number]): FormulaReach => {
    const sheets = new Map(plan.take.filter((t) => t.fileAt === take.fileAt).map((t) => [t.sheet.toLowerCase(), t.as]));
    const file = fileNames.get(take.fileAt);
    const reached = new Map<string, { name: string; comes: boolean }>();
    if (file) {
      const at = file.order.findIndex((n) => n.toLowerCase() === take.sheet.toLowerCase());
      const comes = (name: string, scope: string | undefined) => file.carry.some((c) => c.scope === scope && c.name.toLowerCase() === name.toLowerCase() && !refused.has(c));
      // The workbook's names, then those local to the form, which a formula of the form reads first.
      for (const local of [false, true]) {
        for (const n of file.defined) {
          // The print settings' names come with the sheet.
          if (/^_xlnm\./i.test(n.name) || (local ? n.localSheetId !== at : n.localSheetId !== undefined)) continue;
          reached.set(n.name.toLowerCase(), { name: n.name, comes: comes(n.name, local ? take.as : undefined) });
        }
      }
    }
    return { sheets, names: reached };
  };
  // In the plan's order (the template's order of units), each form from its file by position: files may share a name (two folders' "phieu.xlsx").
  for (const take of plan.take) {
    const from = loaded[take.fileAt];
    const i = from ? from.wb.worksheets.findIndex((w) => w.name === take.sheet) : -1;
    if (!from || i < 0) continue;
    const { name, wb } = from;
    const ws = wb.worksheets[i]!;
    let clean = cleaners[take.fileAt]!(incoming[take.fileAt]!.sheets[i]!, sheetNotes(ws));
    // A form a password protects is left as it is, as a run leaves it.
    let said: Set<string> | undefined;
    if (clean && passwordProtected(ws)) {
      warnings.push(protectedIncomingMessage(name, take.as, clean));
      said = new Set([...clean.empty, ...clean.marks.map((m) => m.cell)]);
      clean = undefined;
    }
    // A filled form in place of the unit's blank one: the blank sheet goes, the copy takes its place and name.
    const blank = take.replaces !== undefined ? target.getWorksheet(take.replaces) : undefined;
    const orderNo = blank ? (blank as unknown as { orderNo: number }).orderNo : undefined;
    if (blank) target.removeWorksheet(blank.id);
    const copy = target.addWorksheet(take.as);
    if (orderNo !== undefined) (copy as unknown as { orderNo: number }).orderNo = orderNo;
    const pkg = await packageOf(take.fileAt);
    const parts = pkg ? await formParts(pkg, take.sheet) : undefined;
    const { linked, elsewhere, unresolved, validationsLeft, formats } = copySheet(ws, copy, clean, { ...(parts ? { parts } : {}), reach: reachOf(take), ...(said ? { said } : {}), images });
    localizeLists(ws, copy, () => (detectLayoutA(snapshotSheet(ws))?.headerRow ?? FORM_LIST_FIRST_ROW - 1) + 1);
    if (!blank) appended.push(copy);
    const leftOut = LEFT_OUT.filter((k) => parts?.leftOut.includes(k) || (k === "validations" && validationsLeft));
    if (leftOut.length > 0) warnings.push(partsLeftOutMessage(name, take.as, leftOut));
    if (linked.length > 0) warnings.push(linkedCellsMessage(name, take.as, linked));
    if (elsewhere.cells.length > 0) warnings.push(leftBehindCellsMessage(name, take.as, elsewhere));
    if (unresolved.cells.length > 0) warnings.push(noStoredResultMessage(name, take.as, unresolved));
    if (formats.reads.cells.length > 0) warnings.push(formatsReadingLeftBehindMessage(name, take.as, formats.reads));
    if (formats.unwritable.length > 0) warnings.push(formatsNotCopiedMessage(name, take.as, formats.unwritable));
  }
  warnings.push(...nameWarnings);
  // A unit's .xlsm file: its macros (VBA project) do not come with its forms.
  for (const at of new Set(plan.take.map((t) => t.fileAt))) {
    if (await (await packageOf(at))?.hasMacros()) warnings.push(macrosNotCollectedMessage(loaded[at]!.name));
  }
  placeAfterLastForm(target, appended, existing.forms);
  // What the workbook collected into computed from the forms before them: its results' subtitle
  // says now that they are out of date, and what else reads the forms computes anew.
  if (base) refreshGatheredResults(target, plan.take.map((t) => t.as));
  let data: Uint8Array;
  let dataBarSheets: string[];
  try {
    ({ bytes: data, dataBarSheets } = await writeUntidied(target));
  } catch (e) {
    throw new CollectWriteError(e instanceof Error ? e.message : String(e));
  }
  // ExcelJS drops the charts and shapes it read: those of the workbook collected into come back,
  // in the same pass as the data bars are made plain and the legacy passwords of the sheets'
  // protection (LibreOffice's, which ExcelJS does not write) are put back.
  const legacyPasswords = legacyPasswordsOf(target);
  if (base) {
    const skipSheets = plan.take.flatMap((t) => (t.replaces !== undefined ? [t.replaces] : []));
    // The chart sheets, PivotTables and sparklines of the workbook collected into come back too
    // (what cannot is said), and its threaded comments, each on its cell (the sheets keep their names and cells).
    const threads = await readThreads(base);
    const settled = threads ? settleThreads(target, threads, { removedSheets: skipSheets, renamedSheets: [], ownedSheets: [], marks: [], skippedSheets: [] }) : undefined;
    warnings.push(...(settled?.warnings ?? []));
    data = await preserveDrawings(base, data, { skipSheets, tidyDataBars: dataBarSheets, legacyPasswords, warnings });
    data = await carryThreadedComments(data, settled?.carry);
  } else {
    data = legacyPasswords.size > 0 ? await restoreLegacyPasswords(data, legacyPasswords, { tidyDataBars: dataBarSheets }) : await tidyDataBars(data, dataBarSheets);
  }
  // Last, once the workbook part has every name it keeps: a name of that name already there wins.
  const carried = await withCarriedNames(data, names);
  data = carried.data;
  warnings.push(...carried.warnings);
  const report: CollectReport = {
    ...plan,
    warnings: [...plan.warnings, ...warnings],
    skipped: [...unreadable.map(unreadableFileSkip), ...plan.skipped],
    unreadable,
  };
  return { data, report };
}
