/**
 * Keep the user's defined names when the xlsx host writes a workbook. ExcelJS keeps only the names
 * whose text it reads as a list of ranges, and even those lose their scope and attributes: a named
 * constant (`0.5`, `"abc"`) and a name holding a structured reference (`DTI_Results[Tổng điểm]`)
 * are dropped, a formula (`OFFSET(A!$A$1,0,0,COUNTA(A!$A:$A),1)`) is cut into a range
 * (`'OFFSET(A'!$A$1`), a sheet's local name becomes the workbook's (two sheets' local names of one
 * name become one), `hidden` and `comment` are lost. After ExcelJS has written the file, the
 * <definedNames> of its workbook part become:
 *   - every name of the ORIGINAL file as it was (its text, attributes and comment), a local name's
 *     `localSheetId` pointing at the same sheet where it is now (the run adds sheets, and renames
 *     its own: a renamed sheet is followed), its text naming the sheets the run renamed by their
 *     new names and the columns of the project's tables by their new headers, as Excel rewrites
 *     them. A local name of a sheet the run deleted goes with it, as in Excel;
 *   - the names the run defines: the print titles and print area of the sheets it writes (and of
 *     sheets the original did not have: forms gathered in), and any `DTI_` name, whose version
 *     wins over the original's. ExcelJS's copies of the original's names are left out, so none
 *     is there twice.
 * Text in, text out; pure (no jszip, no Node).
 */
import { quoteSheetName } from "../../core/a1";
import { type ColumnRenames, renameTableColumnsInFormula, renameTableInFormula } from "../../core/structured-refs";
import { attr, escapeXml, insertChild, sheetNames, topLevelChildren, unescapeXml } from "./ooxml";
import { type RowsInsert, shiftRowsInFormula } from "./insert-rows";
import { renameSheetInFormula } from "./stale-results";

export interface DefinedNamesOptions {
  /** The sheets the run writes (its own): their print titles and print area are the run's. */
  ownedSheets: readonly string[];
  /** Sheets the run renamed: a local name of `from` is one of `to`, and formulas naming `from` name `to`. */
  renamedSheets?: readonly { from: string; to: string }[];
  /** The columns of tables the run renamed (`DTI_Results`: `Tổng điểm` → `Total points`), by table name (its name now). */
  tableColumns?: ReadonlyMap<string, ColumnRenames>;
  /** Tables the run renamed (`BangKetQua` → `DTI_Results`): formulas naming `from` name `to`. */
  renamedTables?: readonly { from: string; to: string }[];
  /** Rows the run inserted, in order, each on its sheet's name after the renames: names that refer to the cells moved follow them. */
  insertedRows?: readonly RowsInsert[];
}

/** A <definedName> as written: its attributes (still escaped), its text (still escaped). */
interface DefinedName {
  name: string;
  attrs: string;
  text: string;
  localSheetId: number | undefined;
}

/** Children of the workbook that come after <definedNames>, in the order of CT_Workbook. */
const AFTER_DEFINED_NAMES = new Set([
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
]);

/** The names Excel keeps a sheet's print settings in. */
const PRINT_NAMES = new Set(["_xlnm.print_titles", "_xlnm.print_area"]);

const ATTRIBUTES = /([\w.:-]+)\s*=\s*("[^"]*"|'[^']*')/g;

/** The workbook's <definedNames> element (where it is in the part) and its names; undefined when it has none. */
function definedNamesOf(workbookXml: string): { start: number; end: number; names: DefinedName[] } | undefined {
  const child = topLevelChildren(workbookXml).children.find((c) => c.name === "definedNames");
  if (!child) return undefined;
  const names: DefinedName[] = [];
  const inner = workbookXml.slice(child.start, child.end);
  for (const m of inner.matchAll(/<(?:[\w.-]+:)?definedName\b((?:[^>"']|"[^"]*"|'[^']*')*?)(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?definedName\s*>)/g)) {
    const attrs = (m[1] ?? "").trim();
    const values = new Map([...attrs.matchAll(ATTRIBUTES)].map((a) => [a[1]!, unescapeXml(a[2]!.slice(1, -1))]));
    const name = values.get("name");
    if (name === undefined) continue;
    const local = values.get("localSheetId");
    const id = local !== undefined && /^\s*\d+\s*$/.test(local) ? Number(local) : undefined;
    names.push({ name, attrs, text: m[2] ?? "", localSheetId: id });
  }
  return { start: child.start, end: child.end, names };
}

/** The name's attributes with its `localSheetId` made `id`; attributes of a namespace `keep` says no to are left out. */
function withScope(attrs: string, id: number | undefined, keep: (prefix: string) => boolean): string {
  return attrs
    .replace(ATTRIBUTES, (pair, name: string) => {
      const prefix = /^([\w.-]+):/.exec(name)?.[1];
      if (prefix !== undefined && !keep(prefix)) return "";
      if (name === "localSheetId") return id === undefined ? "" : `localSheetId="${id}"`;
      return pair;
    })
    .replace(/\s+/g, " ")
    .trim();
}

function element(prefix: string, attrs: string, text: string): string {
  return text === "" ? `<${prefix}definedName ${attrs}/>` : `<${prefix}definedName ${attrs}>${text}</${prefix}definedName>`;
}

/** The name's text (escaped) naming renamed sheets and table columns anew; the very text when nothing changes. */
function rewritten(text: string, options: DefinedNamesOptions): string {
  const formula = unescapeXml(text);
  let out = formula;
  for (const { from, to } of options.renamedSheets ?? []) if (out.includes("!")) out = renameSheetInFormula(out, from, to);
  for (const { from, to } of options.renamedTables ?? []) out = renameTableInFormula(out, from, to);
  for (const [table, columns] of options.tableColumns ?? []) out = renameTableColumnsInFormula(out, table, columns).text;
  for (const i of options.insertedRows ?? []) out = shiftRowsInFormula(out, "", i);
  return out === formula ? text : escapeXml(out);
}

const isRunName = (name: string) => /^DTI_/i.test(name);

/**
 * The written workbook part (`writtenXml`, as ExcelJS wrote it) with the defined names of the
 * original workbook part (`originalXml`, the file as read) put back as they were, beside the names
 * the run defines (see the module's comment). The very text when nothing needs changing.
 */
export function restoreDefinedNames(originalXml: string, writtenXml: string, options: DefinedNamesOptions): string {
  const original = definedNamesOf(originalXml)?.names ?? [];
  const written = definedNamesOf(writtenXml);
  if (original.length === 0) return writtenXml;
  const writtenNames = written?.names ?? [];
  const originalSheets = sheetNames(originalXml);
  const sheets = sheetNames(writtenXml).map((s) => s.toLowerCase());
  const owned = new Set(options.ownedSheets.map((s) => s.toLowerCase()));
  const renamed = (sheet: string) => options.renamedSheets?.find((r) => r.from.toLowerCase() === sheet.toLowerCase())?.to ?? sheet;
  const { rootStart, rootEnd } = topLevelChildren(writtenXml);
  const root = writtenXml.slice(rootStart, rootEnd + 1);
  const prefix = /^<([\w.-]+:)?/.exec(root)?.[1] ?? "";
  const declared = (p: string) => p === "xml" || new RegExp(`\\sxmlns:${p}=`).test(root);
  const runNames = new Set(writtenNames.filter((n) => isRunName(n.name)).map((n) => n.name.toLowerCase()));

  // Each name once in its scope: the first of them, which is the run's when the run defines it.
  const out: string[] = [];
  const kept = new Set<string>();
  const add = (name: string, id: number | undefined, xml: string) => {
    const key = `${name.toLowerCase()}@${id ?? ""}`;
    if (kept.has(key)) return;
    kept.add(key);
    out.push(xml);
  };

  // The original's names, their scope where their sheet is now.
  for (const n of original) {
    let id: number | undefined;
    let sheet: string | undefined;
    if (n.localSheetId !== undefined) {
      const was = originalSheets[n.localSheetId];
      if (was === undefined) continue;
      sheet = renamed(was).toLowerCase();
      id = sheets.indexOf(sheet);
      // The sheet is gone (the run deleted it): its local names go with it.
      if (id < 0) continue;
    }
    const lower = n.name.toLowerCase();
    if (PRINT_NAMES.has(lower) && sheet !== undefined && owned.has(sheet)) continue;
    if (runNames.has(lower)) continue;
    add(n.name, id, element(prefix, withScope(n.attrs, id, declared), rewritten(n.text, options)));
  }

  // The run's names, and those ExcelJS wrote that the original does not have.
  const originalNames = new Set(original.map((n) => n.name.toLowerCase()));
  for (const n of writtenNames) {
    const lower = n.name.toLowerCase();
    const sheet = n.localSheetId === undefined ? undefined : sheets[n.localSheetId];
    const runs = isRunName(n.name) || (PRINT_NAMES.has(lower) && sheet !== undefined && owned.has(sheet));
    // A print name is its sheet's: one of a sheet the original did not have (a form gathered in) is kept,
    // one the original has for the same sheet is there already (add keeps the first).
    if (!runs && originalNames.has(lower) && !PRINT_NAMES.has(lower)) continue;
    add(n.name, n.localSheetId, element(prefix, n.attrs, n.text));
  }

  const block = out.length === 0 ? "" : `<${prefix}definedNames>${out.join("")}</${prefix}definedNames>`;
  if (written) return writtenXml.slice(0, written.start) + block + writtenXml.slice(written.end);
  return block === "" ? writtenXml : insertChild(writtenXml, block, AFTER_DEFINED_NAMES);
}

/** A table part's name (its `displayName`, which structured references use) and its columns' headers; undefined when it is no table. */
export function tableOf(tableXml: string): { name: string; headers: string[] } | undefined {
  const root = /<(?:[\w.-]+:)?table\b((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(tableXml)?.[1];
  const name = root === undefined ? undefined : (attr(root, "displayName") ?? attr(root, "name"));
  if (name === undefined) return undefined;
  const headers = [...tableXml.matchAll(/<(?:[\w.-]+:)?tableColumn\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/g)].map((m) => unescapeXml(attr(m[1] ?? "", "name") ?? ""));
  return { name: unescapeXml(name), headers };
}

/**
 * The workbook part with the print titles and print areas ExcelJS wrote naming their sheet as a
 * formula must: ExcelJS writes `'${sheet}'!$8:$8` whatever the name holds, so a sheet named
 * `Côte d'Ivoire` gets `'Côte d'Ivoire'!$8:$8`, which Excel repairs by dropping the name (the
 * form prints without its header row on every page). An apostrophe in a quoted sheet name is
 * written twice (`'Côte d''Ivoire'!$8:$8`). Only the text ExcelJS writes is changed: a name
 * already quoted right (the user's, put back by restoreDefinedNames) never holds it. The very
 * text when nothing needs changing.
 */
export function quotedPrintNames(workbookXml: string): string {
  const found = definedNamesOf(workbookXml);
  if (!found || !found.names.some((n) => PRINT_NAMES.has(n.name.toLowerCase()))) return workbookXml;
  const sheets = sheetNames(workbookXml);
  const inner = workbookXml.slice(found.start, found.end);
  const fixed = inner.replace(
    /(<(?:[\w.-]+:)?definedName\b((?:[^>"']|"[^"]*"|'[^']*')*?)>)([^<]*)(<\/(?:[\w.-]+:)?definedName\s*>)/g,
    (whole, open: string, attrs: string, text: string, close: string) => {
      const values = new Map([...attrs.matchAll(ATTRIBUTES)].map((a) => [a[1]!, unescapeXml(a[2]!.slice(1, -1))]));
      if (!PRINT_NAMES.has((values.get("name") ?? "").toLowerCase())) return whole;
      const local = values.get("localSheetId");
      const sheet = local !== undefined && /^\s*\d+\s*$/.test(local) ? sheets[Number(local)] : undefined;
      if (sheet === undefined || !sheet.includes("'")) return whole;
      const formula = unescapeXml(text);
      const broken = `'${sheet}'!`;
      if (!formula.includes(broken)) return whole;
      return `${open}${escapeXml(formula.split(broken).join(`${quoteSheetName(sheet)}!`))}${close}`;
    },
  );
  return fixed === inner ? workbookXml : workbookXml.slice(0, found.start) + fixed + workbookXml.slice(found.end);
}
