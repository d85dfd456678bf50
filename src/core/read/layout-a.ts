/**
 * Layout A: one sheet per unit ("phiếu tự đánh giá"). A header block of label/value pairs in
 * columns A/B, then a table found by its column names wherever it sits in the sheet.
 */
import type { IndexModel } from "../definition/model";
import { definitionHash } from "../definition/parse";
import type { IndexDefinition } from "../definition/schema";
import { normalizeText } from "../i18n/text";
import type { CellValue, Issue, IssueCode, Severity, SheetSnapshot } from "../types";
import { type MessageParams, makeIssue } from "./messages";
import type { LocatedCell, RawUnit } from "./raw";
import { CodeMatcher, address, cellAt, cellText, foldLabel, isBlank, keyText, looksLikeCode } from "./sheet";
import { type UnitField, unitFieldOf } from "./unit-fields";

/** Column names of the table, folded (case and diacritics ignored). */
export const TABLE_COLUMNS = {
  code: ["ma", "code", "ma so", "ma chi tieu"],
  item: ["noi dung", "item", "chi tieu", "ten chi tieu"],
  max: ["diem toi da", "max points", "max"],
  value: ["so lieu", "value"],
  appraised: ["so lieu tham dinh", "appraised value"],
  self: ["tu cham", "self score", "diem tu cham"],
  evidence: ["minh chung", "evidence"],
  note: ["ghi chu", "note"],
  score: ["diem", "score"],
} as const;
type ColumnKey = keyof typeof TABLE_COLUMNS;

/**
 * The table columns `readLayoutA` reads below the header row; the others (Nội dung, Điểm tối đa,
 * Ghi chú) only help find the header. A host that reads sheets piecemeal loads just these.
 */
export const COLUMNS_READ_BELOW_HEADER = ["code", "value", "appraised", "self", "evidence"] as const satisfies readonly ColumnKey[];

/** Labels of the header block, folded: the unit's fields (UNIT_LABELS, shared with layout B, the units list and Collect). */
type BlockKey = UnitField;

function keyOf<K extends string>(table: Record<K, readonly string[]>, folded: string): K | undefined {
  for (const key of Object.keys(table) as K[]) if (table[key].includes(folded)) return key;
  return undefined;
}

export interface TableHeader {
  /** 0-based row of the header. */
  row: number;
  /** 0-based column of each named column found. */
  cols: Partial<Record<ColumnKey, number>>;
  /** 0-based last non-blank column of the header row. */
  lastColumn: number;
}

/** The first row holding at least the `Mã`/`Code` and `Số liệu`/`Value` column names. */
export function findTableHeader(sheet: SheetSnapshot): TableHeader | undefined {
  for (let r = 0; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const cols: Partial<Record<ColumnKey, number>> = {};
    let lastColumn = -1;
    row.forEach((v, c) => {
      if (isBlank(v)) return;
      lastColumn = c;
      const key = keyOf(TABLE_COLUMNS, foldLabel(v));
      if (key !== undefined && cols[key] === undefined) cols[key] = c;
    });
    if (cols.code !== undefined && cols.value !== undefined) return { row: r, cols, lastColumn };
  }
  return undefined;
}

/** A form's header-block field: its value cell, and the 0-based column of its label. */
export interface HeaderField extends LocatedCell {
  labelColumn: number;
}

/** A form's header block: each field (Đơn vị, Mã đơn vị, Nhóm, Bộ chỉ số, Kỳ đánh giá) found, by label. */
export type HeaderBlock = Partial<Record<BlockKey, HeaderField>>;

/** Rows searched for a form's header block when its table header is missing. */
const BLOCK_SEARCH_ROWS = 20;
/** Columns searched for the header block's labels when the table header is missing: A to C. */
const BLOCK_LABEL_COLUMNS = 3;

/**
 * The header block of a form: label/value pairs ("Đơn vị" | "Sở Nội vụ") in the rows above the
 * table's header row. A label is looked for in the columns from A to the table's `Mã` column (A
 * on the template; B when an "STT" column was inserted in front of the form), the leftmost one of
 * a row; its value is the cell right of it, or the one after that when the next cell is blank and
 * that one is not (labels merged over two cells). The first line of each label counts, even when
 * its value is blank. Without a table header (`table` undefined), the first 20 rows and columns A
 * to C are searched. The one reading of the header block: the reader, Collect and the forms index
 * use it, so they agree on a form's unit.
 */
export function readHeaderBlock(sheet: SheetSnapshot, table: TableHeader | undefined): HeaderBlock {
  const block: HeaderBlock = {};
  const beforeRow = table ? table.row : Math.min(sheet.values.length, BLOCK_SEARCH_ROWS);
  const lastColumn = table ? (table.cols.code ?? 0) : BLOCK_LABEL_COLUMNS - 1;
  for (let r = 0; r < beforeRow; r++) {
    for (let c = 0; c <= lastColumn; c++) {
      const key = unitFieldOf(foldLabel(cellAt(sheet, r, c)));
      if (key === undefined) continue;
      if (block[key] === undefined) {
        // A value typed one column further (after merged label cells) is read too.
        const v = isBlank(cellAt(sheet, r, c + 1)) && !isBlank(cellAt(sheet, r, c + 2)) ? c + 2 : c + 1;
        block[key] = { value: cellAt(sheet, r, v), address: address(r, v), labelColumn: c };
      }
      break; // one label a row
    }
  }
  return block;
}

/** A header-block field as a cell (without its label's column). */
function located(field: HeaderField): LocatedCell {
  return { value: field.value, address: field.address };
}

/** The 0-based column of the header block's labels (the first field's), or undefined without a block. */
function labelColumnOf(block: HeaderBlock): number | undefined {
  return Object.values(block).find((f) => f !== undefined)?.labelColumn;
}

/**
 * A finding about one row of a form, said under the form's unit: the reader adds the sheet and
 * the unit (its code, known once the header block is read) to `params`.
 */
export interface RowFinding {
  severity: Severity;
  code: IssueCode;
  params: MessageParams;
}

/** A form's unit as the layout-A reader reads it, with what it found about the rows of the table. */
export type LayoutAUnit = RawUnit & {
  /**
   * "duplicate-row": a code on a second row of the table (the first row is read, the later one is
   * not); "value-not-read": a figure in `Số liệu`/`Số liệu thẩm định` on a row that takes none (a
   * group, an indicator computed from its inputs).
   */
  rowFindings: RowFinding[];
};

export type LayoutAResult = { kind: "unit"; unit: LayoutAUnit } | { kind: "mismatch"; issue: Issue };

/** The cell's content for a finding that quotes it: its text, and its number when it is a number cell. */
function quoted(v: CellValue): Pick<MessageParams, "raw" | "rawNumber"> {
  return typeof v === "number" ? { raw: String(v), rawNumber: v } : { raw: cellText(v) };
}

/** The folded column names of TABLE_COLUMNS that are English (the others are Vietnamese). */
const ENGLISH_COLUMNS = new Set(["code", "item", "max points", "max", "value", "appraised value", "self score", "evidence", "note", "score"]);

/**
 * A row that is the table's header but for a column whose name was changed: the row holds at
 * least two of the table's column names, more than the cells it does not recognise, yet not both
 * `Mã`/`Code` and `Số liệu`/`Value` (as findTableHeader needs). The row with most names wins.
 */
export interface NearHeader {
  /** 1-based row. */
  row: number;
  missing: ("code" | "value")[];
  /** The cell whose name is not recognised and most likely the missing column's, if one stands out. */
  unknown?: { text: string; cell: string };
  /** The cell a finding points at: `unknown`'s, else the row's first named cell. */
  cell: string;
  /** The language most of the row's recognised column names are in. */
  lang: "vi" | "en";
}

function nearHeader(sheet: SheetSnapshot): NearHeader | undefined {
  let best: (NearHeader & { known: number }) | undefined;
  for (let r = 0; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const found = new Set<ColumnKey>();
    const unknown: { text: string; folded: string; c: number }[] = [];
    let english = 0;
    let first = -1;
    row.forEach((v, c) => {
      if (isBlank(v)) return;
      if (first < 0) first = c;
      const folded = foldLabel(v);
      const key = keyOf(TABLE_COLUMNS, folded);
      if (key === undefined) unknown.push({ text: cellText(v), folded, c });
      else {
        found.add(key);
        if (ENGLISH_COLUMNS.has(folded)) english++;
      }
    });
    if (found.size < 2 || found.size <= unknown.length || (best !== undefined && found.size <= best.known)) continue;
    const missing = (["code", "value"] as const).filter((k) => !found.has(k));
    if (missing.length === 0) continue;
    // The unrecognised cell that holds a missing name ("Số liệu đơn vị"), else the only one.
    const names = missing.flatMap((k) => TABLE_COLUMNS[k]);
    const pick = unknown.find((u) => names.some((n) => ` ${u.folded} `.includes(` ${n} `))) ?? (unknown.length === 1 ? unknown[0] : undefined);
    const lang = english * 2 > found.size ? "en" : "vi";
    best = {
      row: r + 1,
      missing: [...missing],
      ...(pick ? { unknown: { text: pick.text, cell: address(r, pick.c) } } : {}),
      cell: address(r, pick ? pick.c : first),
      lang,
      known: found.size,
    };
  }
  if (!best) return undefined;
  const { known: _, ...near } = best;
  return near;
}

/**
 * A sheet with a form's header block (at least two of Đơn vị, Mã đơn vị, Nhóm, Bộ chỉ số, Kỳ
 * đánh giá in column A) but no table header row: a unit's form whose table was renamed or
 * broken. Says which unit it names (its code and name) and where, so the form is not dropped
 * without a word; when a row is the table's header but for a renamed column (NearHeader), that row.
 */
export function formWithoutTable(sheet: SheetSnapshot): { unit?: string; name?: string; cell: string; header?: NearHeader } | undefined {
  if (findTableHeader(sheet)) return undefined;
  const block = readHeaderBlock(sheet, undefined);
  if (Object.keys(block).length < 2) return undefined;
  const code = block.code && !isBlank(block.code.value) ? keyText(block.code.value) : undefined;
  const name = block.name && !isBlank(block.name.value) ? keyText(block.name.value) : undefined;
  const unit = code ?? name;
  const header = nearHeader(sheet);
  const at = header?.cell ?? (block.name ?? block.code ?? Object.values(block)[0]!).address;
  return { ...(unit !== undefined ? { unit } : {}), ...(name !== undefined ? { name } : {}), cell: at, ...(header ? { header } : {}) };
}

/**
 * What a form made by `template` from a copy of a built-in that kept its id and version keeps in
 * a hidden cell of its `Bộ chỉ số` row: the hash of the definition it was made from
 * (definitionHash), after this prefix.
 */
export const FORM_DEFINITION_PREFIX = "index-definition-sha256:";

/**
 * The definition hash a form records (FORM_DEFINITION_PREFIX) in the rows above its table, when it
 * records one. A CSV file is a table of units, never a form: it records none.
 */
export function formDefinitionHash(sheet: SheetSnapshot, header: TableHeader | undefined = findTableHeader(sheet)): string | undefined {
  if (!header || sheet.csvFile !== undefined) return undefined;
  for (let r = 0; r < header.row; r++) {
    for (const v of sheet.values[r] ?? []) {
      if (typeof v === "string" && v.startsWith(FORM_DEFINITION_PREFIX)) return v.slice(FORM_DEFINITION_PREFIX.length).trim();
    }
  }
  return undefined;
}

/** definitionHash of each definition in use, computed once. */
const hashes = new WeakMap<IndexDefinition, string>();

function hashOf(definition: IndexDefinition): string {
  let hash = hashes.get(definition);
  if (hash === undefined) {
    hash = definitionHash(definition);
    hashes.set(definition, hash);
  }
  return hash;
}

/**
 * Read a sheet as layout A, or return undefined when it is not one (no table header).
 * A sheet whose header block names another index or version gives a "definition-mismatch" error
 * and is skipped; one that names the index in use but records a definition of other content
 * (formDefinitionHash) is read, with a "definition-mismatch" warning.
 */
export function readLayoutA(model: IndexModel, sheet: SheetSnapshot): LayoutAResult | undefined {
  const header = findTableHeader(sheet);
  if (!header) return undefined;
  const block = readHeaderBlock(sheet, header);
  const def = model.definition;

  if (block.index && !isBlank(block.index.value)) {
    const text = keyText(block.index.value);
    const at = text.indexOf("@");
    const id = normalizeText(at >= 0 ? text.slice(0, at) : text);
    const version = at >= 0 ? normalizeText(text.slice(at + 1)) : undefined;
    if (id !== def.id || (version !== undefined && version !== normalizeText(def.version))) {
      // The unit the form belongs to, so that its issue is counted where the official looks.
      const code = block.code && !isBlank(block.code.value) ? keyText(block.code.value) : undefined;
      const name = block.name && !isBlank(block.name.value) ? keyText(block.name.value) : undefined;
      const unit = code ?? name;
      return {
        kind: "mismatch",
        issue: makeIssue("error", "definition-mismatch", {
          sheet: sheet.name,
          cell: block.index.address,
          ...(unit !== undefined ? { unit } : {}),
          found: text,
          expected: `${def.id}@${def.version}`,
        }),
      };
    }
  }

  const { cols } = header;
  const codeCol = cols.code as number;
  const valueCol = cols.value as number;
  const matcher = new CodeMatcher(model);
  const rows: Record<string, number> = {};
  const values = new Map<string, LocatedCell>();
  const inputCells: Record<string, string> = {};
  const selfScores = new Map<string, LocatedCell>();
  const evidenceParts = new Map<string, string[]>();
  const evidenceCells: Record<string, string> = {};
  const unknownCodes: { raw: string; address: string }[] = [];
  const rowFindings: RowFinding[] = [];

  // A form that names the index in use but records that it was made from a definition with other
  // content (a copy of a built-in that kept its id and version) is scored, with a word that says so.
  const formFindings: RowFinding[] = [];
  const recorded = formDefinitionHash(sheet, header);
  if (recorded !== undefined && recorded !== hashOf(def)) {
    formFindings.push({
      severity: "warning",
      code: "definition-mismatch",
      params: {
        cell: block.index?.address ?? address(header.row, codeCol),
        expected: `${def.id}@${def.version}`,
        otherContent: true,
      },
    });
  }
  /** The cell a row's figure is read from: `Số liệu thẩm định` when filled, else `Số liệu`. */
  const figureColumn = (r: number): number =>
    cols.appraised !== undefined && !isBlank(cellAt(sheet, r, cols.appraised)) ? cols.appraised : valueCol;

  for (let r = header.row + 1; r < sheet.values.length; r++) {
    const codeCell = cellAt(sheet, r, codeCol);
    if (isBlank(codeCell)) continue;
    const code = matcher.match(codeCell);
    if (code === undefined) {
      const text = keyText(codeCell);
      const hasValue = !isBlank(cellAt(sheet, r, valueCol)) || (cols.appraised !== undefined && !isBlank(cellAt(sheet, r, cols.appraised)));
      if (looksLikeCode(text) || (hasValue && !/\s/.test(text))) unknownCodes.push({ raw: text, address: address(r, codeCol) });
      continue;
    }
    const first = rows[code];
    if (first !== undefined) {
      // The first line of a code is the one read; the later one is said, with its figure when it
      // has one: an error when that figure is not the one read (the unit's answer may be lost).
      const at = figureColumn(r);
      const v = cellAt(sheet, r, at);
      const firstAt = figureColumn(first - 1);
      const input = model.inputs.has(code);
      const differs = input && !isBlank(v) && keyText(v) !== keyText(cellAt(sheet, first - 1, firstAt));
      rowFindings.push({
        severity: differs ? "error" : "warning",
        code: "duplicate-row",
        params: { cell: address(r, at), found: address(first - 1, firstAt), node: code, ...(input && !isBlank(v) ? quoted(v) : {}) },
      });
      continue;
    }
    rows[code] = r + 1;
    if (!model.inputs.has(code)) {
      // A group or an indicator computed from its inputs takes no figure on its own row: one typed
      // there is not read, and is said so (never the project's own Điểm column).
      const node = model.nodes.get(code);
      const from = node?.kind === "indicator" ? node.inputs.map((i) => i.code) : undefined;
      for (const c of [valueCol, cols.appraised]) {
        if (c === undefined) continue;
        const v = cellAt(sheet, r, c);
        if (isBlank(v)) continue;
        rowFindings.push({
          severity: "warning",
          code: "value-not-read",
          params: { cell: address(r, c), node: code, ...(from ? { list: from } : {}), ...quoted(v) },
        });
      }
    }

    if (model.inputs.has(code)) {
      const appraised = cols.appraised !== undefined ? cellAt(sheet, r, cols.appraised) : null;
      const useAppraised = cols.appraised !== undefined && !isBlank(appraised);
      const c = useAppraised ? (cols.appraised as number) : valueCol;
      inputCells[code] = address(r, c);
      const v = cellAt(sheet, r, c);
      if (!isBlank(v)) values.set(code, { value: v, address: address(r, c) });
    }
    if (cols.self !== undefined) {
      const s = cellAt(sheet, r, cols.self);
      if (!isBlank(s) && model.nodes.has(code)) selfScores.set(code, { value: s, address: address(r, cols.self) });
    }
    if (cols.evidence !== undefined) {
      const node = model.nodes.get(code);
      const indicator = node?.kind === "indicator" ? code : model.inputs.get(code)?.indicator;
      if (indicator !== undefined) {
        const ev = cellText(cellAt(sheet, r, cols.evidence));
        if (ev !== "") evidenceParts.set(indicator, [...(evidenceParts.get(indicator) ?? []), ev]);
        if (node?.kind === "indicator" || evidenceCells[indicator] === undefined) evidenceCells[indicator] = address(r, cols.evidence);
      }
    }
  }

  const missingRows = [...model.inputs.keys()].filter((code) => rows[code] === undefined);
  const evidence =
    cols.evidence !== undefined ? new Map([...evidenceParts].map(([k, parts]) => [k, parts.join("; ")])) : undefined;

  const labelColumn = labelColumnOf(block);
  const unit: LayoutAUnit = {
    layout: "A",
    sheet: sheet.name,
    // Without a name label, the name's place is right of the block's labels (B1 on the template);
    // without any label, the header block was not found: A1, the top of the form.
    name: block.name ? located(block.name) : { value: null, address: address(0, labelColumn !== undefined ? labelColumn + 1 : 0) },
    ...(block.code ? { code: located(block.code) } : {}),
    ...(block.category ? { category: located(block.category) } : {}),
    ...(labelColumn === undefined ? { noHeaderBlock: { lastColumn: address(0, codeCol).replace(/\d+$/, "") } } : {}),
    fallbackName: normalizeText(sheet.name),
    values,
    inputCells,
    selfScores,
    ...(evidence ? { evidence } : {}),
    evidenceCells,
    fallbackCell: address(header.row, codeCol),
    missingRows,
    unknownCodes,
    rowFindings,
    ...(formFindings.length > 0 ? { formFindings } : {}),
    source: {
      layout: "A",
      sheet: sheet.name,
      cells: inputCells,
      rows,
      headerRow: header.row + 1,
      ...(cols.score !== undefined ? { scoreColumn: cols.score + 1 } : {}),
      lastColumn: header.lastColumn + 1,
    },
  };
  return { kind: "unit", unit };
}
