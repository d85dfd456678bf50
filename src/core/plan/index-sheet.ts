/**
 * The hidden `_index` sheet: what a later run (or another host) needs to know about the last
 * one — the definition, what the project owns, the marks it set, and the provenance stamp.
 * Stored as key/value rows of plain text so that any spreadsheet program keeps it intact.
 */
import { canonicalJson, sha256 } from "../hash";
import type { Lang, Message } from "../i18n/text";
import type { CellValue, OwnedSheetPlan, PlanValue, ProvenanceStamp, Submission, WorkbookSnapshot } from "../types";
import { isCellError } from "../types";
import { INDEX_FORMAT, INDEX_SHEET } from "./labels";

/** Excel holds at most 32,767 characters in a cell; the definition is split below that. */
export const DEFINITION_CHUNK = 30000;

/**
 * What the project wrote into a sheet it does not own (the `Điểm` header and column, the
 * summary), and on its results sheet the range its table took, header and rows ("table"), and the
 * lines below the table that list what was not scored ("notes"): a later run knows them for its
 * own and takes anything else on the results sheet for what the user typed there.
 */
export type OwnedCellRole = "score" | "header" | "summary" | "notes" | "table";

export interface OwnedCells {
  sheet: string;
  role: OwnedCellRole;
  /**
   * A1 ranges on `sheet` when the run wrote them. Rows or columns the user inserts since move the
   * cells, so a later run takes them as hints and finds its cells by their content (planSheetEdits).
   */
  ranges: string[];
}

export interface RecordedMark {
  sheet: string;
  /** The cell when it was marked; a later run finds the mark by its note wherever it moved (locateMarks). */
  cell: string;
  /** The cell's fill before the project marked it (as the host reported it); absent = no fill. */
  fill?: string;
}

export interface IndexSheetState {
  definitionJson?: string;
  owned: {
    sheets: string[];
    charts: { sheet: string; name: string }[];
    cells: OwnedCells[];
    /**
     * The sheet each unit's form was read from (unit key → sheet), for the units whose sheet the
     * project wrote into: a later run finds its cells there after the user renames the sheet.
     */
    forms?: { unit: string; sheet: string }[];
  };
  marks: RecordedMark[];
  provenance?: ProvenanceStamp;
}

/** The key a unit is known by in hashes and issue counts: its code, or its name when it has none. */
export function unitKey(s: { code: string; name: string }): string {
  return s.code.trim() !== "" ? s.code : s.name;
}

/**
 * sha256 of what each submission brings to scoring, by unit key: its values and not-applicable
 * answers, its category (which changes what applies to it and whom it is ranked with) and its name
 * (which the results show).
 */
export function unitInputHashes(submissions: Submission[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of submissions) {
    out[unitKey(s)] = sha256(canonicalJson({ values: s.values, notApplicable: [...s.notApplicable].sort(), category: s.category ?? null, name: s.name }));
  }
  return out;
}

/** One hash over every unit's inputs. */
export function inputsHash(submissions: Submission[]): string {
  return sha256(canonicalJson(unitInputHashes(submissions)));
}

/** Which units changed, appeared or disappeared since the workbook was scored. */
export function staleUnits(
  state: IndexSheetState,
  submissions: Submission[],
): { changed: string[]; added: string[]; removed: string[] } {
  const before = state.provenance?.unitHashes ?? {};
  const now = unitInputHashes(submissions);
  const changed: string[] = [];
  const added: string[] = [];
  for (const [unit, hash] of Object.entries(now)) {
    const old = before[unit];
    if (old === undefined) added.push(unit);
    else if (old !== hash) changed.push(unit);
  }
  const removed = Object.keys(before).filter((u) => !(u in now));
  return { changed, added, removed };
}

/** Split text into pieces a cell can hold. */
export function chunkText(text: string, size = DEFINITION_CHUNK): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [""];
}

/** The `_index` sheet of a run. */
export function planIndexSheet(state: IndexSheetState): OwnedSheetPlan {
  const rows: PlanValue[][] = [];
  rows.push(["format", INDEX_FORMAT]);
  rows.push(["about", "DTI Scorer: do not edit / không sửa trang này"]);
  if (state.definitionJson !== undefined) rows.push(["definition", ...chunkText(state.definitionJson)]);
  for (const s of state.owned.sheets) rows.push(["sheet", s]);
  for (const c of state.owned.charts) rows.push(["chart", c.sheet, c.name]);
  for (const c of state.owned.cells) rows.push(["cells", c.sheet, c.role, ...c.ranges]);
  for (const f of state.owned.forms ?? []) rows.push(["form", f.unit, f.sheet]);
  for (const m of state.marks) rows.push(["mark", m.sheet, m.cell, m.fill ?? ""]);
  const p = state.provenance;
  if (p) {
    rows.push(["scoredAt", p.scoredAt]);
    rows.push(["projectVersion", p.projectVersion]);
    rows.push(["definitionHash", p.definitionHash]);
    rows.push(["inputsHash", p.inputsHash]);
    rows.push(["lang", p.lang]);
    for (const [unit, hash] of Object.entries(p.unitHashes)) rows.push(["unit", unit, hash]);
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values = rows.map((r) => [...r, ...Array<PlanValue>(width - r.length).fill(null)]);
  return {
    name: INDEX_SHEET,
    visibility: "veryHidden",
    blocks: [{ address: "A1", values, numberFormat: "@" }],
    tables: [],
    conditionalFormats: [],
    charts: [],
  };
}

/**
 * The `_index` sheet of a plan with each recorded mark passed through `change`: a host that finds
 * the marks of the last run elsewhere than recorded (rows inserted) corrects the fills to give back.
 */
export function mapRecordedMarks(sheet: OwnedSheetPlan, change: (m: RecordedMark) => RecordedMark): OwnedSheetPlan {
  if (sheet.name !== INDEX_SHEET) return sheet;
  return {
    ...sheet,
    blocks: sheet.blocks.map((b) => ({
      ...b,
      values: b.values.map((row) => {
        const [key, s, cell, fill] = row;
        if (key !== "mark" || typeof s !== "string" || typeof cell !== "string") return row;
        const m = change({ sheet: s, cell, ...(typeof fill === "string" && fill !== "" ? { fill } : {}) });
        const out = [...row];
        out[1] = m.sheet;
        out[2] = m.cell;
        out[3] = m.fill ?? "";
        return out;
      }),
    })),
  };
}

/**
 * The `_index` sheet of a plan with the marks recorded on some sheets replaced: a host that left
 * those sheets unwritten (a password protects them) records what is really there, the marks of
 * the last run (`stillThere`) instead of the ones it could not set.
 */
export function withMarksOfSheetsUnwritten(sheet: OwnedSheetPlan, unwritten: (name: string) => boolean, stillThere: RecordedMark[]): OwnedSheetPlan {
  if (sheet.name !== INDEX_SHEET) return sheet;
  return {
    ...sheet,
    blocks: sheet.blocks.map((b) => {
      const rows = b.values.filter((r) => !(r[0] === "mark" && typeof r[1] === "string" && unwritten(r[1])));
      const width = rows[0]?.length ?? 4;
      const added = stillThere.map((m) => [...["mark", m.sheet, m.cell, m.fill ?? ""], ...Array<PlanValue>(Math.max(0, width - 4)).fill(null)]);
      return { ...b, values: [...rows, ...added] };
    }),
  };
}

function text(v: CellValue | undefined): string | undefined {
  if (v === null || v === undefined || isCellError(v)) return undefined;
  return String(v);
}

/**
 * A sheet of the user's under the name `_index` (Excel compares sheet names without case): a sheet
 * with something in it that is not the project's bookkeeping (no `format` row of this project),
 * which writing `_index` would wipe. Its name, or undefined when there is none or it is ours or empty.
 */
export function foreignIndexSheet(snapshot: WorkbookSnapshot): string | undefined {
  const sheet = snapshot.sheets.find((s) => s.name.toLowerCase() === INDEX_SHEET && s.csvFile === undefined);
  if (!sheet) return undefined;
  const ours = sheet.values.some((row) => text(row[0]) === "format" && text(row[1]) === INDEX_FORMAT);
  if (ours) return undefined;
  const filled = sheet.values.some((row) => row.some((v) => v !== null && v !== undefined && String(v).trim() !== ""));
  return filled ? sheet.name : undefined;
}

/** The sentence for foreignIndexSheet: nothing is written until the user renames their sheet. */
export function foreignIndexSheetMessage(sheet: string): Message {
  return {
    vi: `Bảng tính đã có trang '${sheet}' không do DTI Scorer tạo; DTI Scorer cần tên này cho trang ẩn lưu bộ chỉ số và dấu thời gian chấm. Không có gì được ghi: hãy đổi tên trang đó rồi chạy lại.`,
    en: `The workbook already has a sheet '${sheet}' that DTI Scorer did not make; DTI Scorer needs this name for the hidden sheet that keeps the index and the scoring stamp. Nothing was written: rename that sheet and run again.`,
  };
}

/**
 * Read the `_index` sheet back; undefined when the workbook has none (never scored) or it is not
 * ours. A sheet that is a CSV file (`csvFile`) is never `_index`, whatever the file is called
 * ("_index.csv"): the project writes `_index` into workbooks only.
 */
export function readIndexSheet(snapshot: WorkbookSnapshot): IndexSheetState | undefined {
  const sheet = snapshot.sheets.find((s) => s.name === INDEX_SHEET && s.csvFile === undefined);
  if (!sheet) return undefined;
  const state: IndexSheetState = { owned: { sheets: [], charts: [], cells: [] }, marks: [] };
  let format: string | undefined;
  const stamp: Partial<ProvenanceStamp> = {};
  const unitHashes: Record<string, string> = {};
  for (const row of sheet.values) {
    const cells = row.map(text);
    const key = cells[0];
    const rest = cells.slice(1);
    const [a, b, c] = rest;
    switch (key) {
      case "format":
        format = a;
        break;
      case "definition":
        state.definitionJson = rest.map((x) => x ?? "").join("");
        break;
      case "sheet":
        if (a) state.owned.sheets.push(a);
        break;
      case "chart":
        if (a && b) state.owned.charts.push({ sheet: a, name: b });
        break;
      case "cells":
        if (a && (b === "score" || b === "header" || b === "summary" || b === "notes" || b === "table"))
          state.owned.cells.push({ sheet: a, role: b, ranges: rest.slice(2).filter((x): x is string => !!x) });
        break;
      case "form":
        if (a && b) (state.owned.forms ??= []).push({ unit: a, sheet: b });
        break;
      case "mark":
        if (a && b) state.marks.push({ sheet: a, cell: b, ...(c ? { fill: c } : {}) });
        break;
      case "scoredAt":
      case "projectVersion":
      case "definitionHash":
      case "inputsHash":
        if (a !== undefined) stamp[key] = a;
        break;
      case "lang":
        if (a === "vi" || a === "en") stamp.lang = a as Lang;
        break;
      case "unit":
        if (a !== undefined && b !== undefined) unitHashes[a] = b;
        break;
      default:
        break;
    }
  }
  if (format !== INDEX_FORMAT) return undefined;
  if (stamp.scoredAt !== undefined && stamp.definitionHash !== undefined && stamp.inputsHash !== undefined) {
    state.provenance = {
      scoredAt: stamp.scoredAt,
      projectVersion: stamp.projectVersion ?? "",
      definitionHash: stamp.definitionHash,
      inputsHash: stamp.inputsHash,
      unitHashes,
      lang: stamp.lang ?? "vi",
    };
  }
  return state;
}
