/** The list of units a template is made for: typed, pasted from Excel, or read from a CSV file. */
import { type TextEncoding, csvToSnapshot, parseCsv } from "../../core/read/csv";


export interface UnitLine {
  code: string;
  name: string;
  category?: string;
}

/** Lines "code; name; category", "name" alone, or tab/comma separated as pasted from Excel. */
export function parseUnitList(text: string): UnitLine[] {
  const units: UnitLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    const sep = line.includes("\t") ? "\t" : line.includes(";") ? ";" : null;
    const parts = sep ? line.split(sep).map((p) => p.trim()) : [line];
    if (parts.length === 1) units.push({ code: "", name: parts[0]! });
    else {
      const [code = "", name = "", category = ""] = parts;
      if (name === "" && code === "") continue;
      units.push({ code, name: name === "" ? code : name, ...(category !== "" ? { category } : {}) });
    }
  }
  return units;
}

/**
 * A units CSV (columns Mã đơn vị/Unit code, Đơn vị/Unit, Nhóm/Category) as unit lines, and how its
 * bytes were read (a file that is not UTF-8 is read as Windows-1258); undefined without a name column.
 */
export function unitListFromCsv(bytes: Uint8Array): { text: string; encoding: TextEncoding } | undefined {
  const { encoding } = parseCsv(bytes);
  const text = unitLines(bytes);
  return text === undefined ? undefined : { text, encoding };
}

function unitLines(bytes: Uint8Array): string | undefined {
  const snapshot = csvToSnapshot(bytes, "units");
  const rows = snapshot.sheets[0]?.values ?? [];
  const header = (rows[0] ?? []).map((v) => (typeof v === "string" ? v.trim().toLowerCase() : ""));
  const find = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const name = find("đơn vị", "don vi", "unit", "tên đơn vị", "unit name", "name", "tên");
  if (name < 0) return undefined;
  const code = find("mã đơn vị", "ma don vi", "unit code", "code", "mã");
  const category = find("nhóm", "nhom", "category");
  const cell = (r: (typeof rows)[number], i: number) => (i >= 0 && r[i] !== null && r[i] !== undefined ? String(r[i]).trim() : "");
  return rows
    .slice(1)
    .filter((r) => cell(r, name) !== "")
    .map((r) => [cell(r, code), cell(r, name), cell(r, category)].join("; "))
    .join("\n");
}

