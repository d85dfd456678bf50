/**
 * Layout A: one sheet per unit ("phiếu tự đánh giá"). A header block of label/value pairs in
 * columns A/B, then a table found by its column names wherever it sits in the sheet.
 */
import type { IndexModel } from "../definition/model";
import { normalizeText } from "../i18n/text";
import type { Issue, SheetSnapshot } from "../types";
import { makeIssue } from "./messages";
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

/** The header block's values by label, from the rows above the table. */
function readBlock(sheet: SheetSnapshot, beforeRow: number): Partial<Record<BlockKey, LocatedCell>> {
  const block: Partial<Record<BlockKey, LocatedCell>> = {};
  for (let r = 0; r < beforeRow; r++) {
    const key = unitFieldOf(foldLabel(cellAt(sheet, r, 0)));
    if (key === undefined || block[key] !== undefined) continue;
    // A value typed one column further (after merged label cells) is read too.
    const c = isBlank(cellAt(sheet, r, 1)) && !isBlank(cellAt(sheet, r, 2)) ? 2 : 1;
    block[key] = { value: cellAt(sheet, r, c), address: address(r, c) };
  }
  return block;
}

export type LayoutAResult = { kind: "unit"; unit: RawUnit } | { kind: "mismatch"; issue: Issue };

/** Rows searched for a form's header block when its table header is missing. */
const BLOCK_SEARCH_ROWS = 20;

/**
 * A sheet with a form's header block (at least two of Đơn vị, Mã đơn vị, Nhóm, Bộ chỉ số, Kỳ
 * đánh giá in column A) but no table header row: a unit's form whose table was renamed or
 * broken. Says which unit it names and where, so the form is not dropped without a word.
 */
export function formWithoutTable(sheet: SheetSnapshot): { unit?: string; cell: string } | undefined {
  if (findTableHeader(sheet)) return undefined;
  const block = readBlock(sheet, Math.min(sheet.values.length, BLOCK_SEARCH_ROWS));
  if (Object.keys(block).length < 2) return undefined;
  const code = block.code && !isBlank(block.code.value) ? keyText(block.code.value) : undefined;
  const name = block.name && !isBlank(block.name.value) ? keyText(block.name.value) : undefined;
  const unit = code ?? name;
  const at = block.name ?? block.code ?? Object.values(block)[0]!;
  return { ...(unit !== undefined ? { unit } : {}), cell: at.address };
}

/**
 * Read a sheet as layout A, or return undefined when it is not one (no table header).
 * A sheet whose header block names another index or version gives a "definition-mismatch".
 */
export function readLayoutA(model: IndexModel, sheet: SheetSnapshot): LayoutAResult | undefined {
  const header = findTableHeader(sheet);
  if (!header) return undefined;
  const block = readBlock(sheet, header.row);
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
    if (rows[code] !== undefined) continue; // the first line of a code is the one read
    rows[code] = r + 1;

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

  const unit: RawUnit = {
    layout: "A",
    sheet: sheet.name,
    name: block.name ?? { value: null, address: address(0, 1) },
    ...(block.code ? { code: block.code } : {}),
    ...(block.category ? { category: block.category } : {}),
    fallbackName: normalizeText(sheet.name),
    values,
    inputCells,
    selfScores,
    ...(evidence ? { evidence } : {}),
    evidenceCells,
    fallbackCell: address(header.row, codeCol),
    missingRows,
    unknownCodes,
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
