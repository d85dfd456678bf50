/**
 * Makes the test fixtures of the built-in indices from the published files in /work/shared:
 *   test/fixtures/dti-2022-top5.csv  the five first rows of the official DTI 2022 table, as published
 *   test/fixtures/hdi-2022.csv       HDR23-24, the 2022 columns the HDI needs, every row
 *   test/fixtures/hdi-2021.csv       HDR21-22, the same columns for 2021
 *
 * The HDI files are cut at the byte level (latin1 maps every byte to one character and back), so
 * the byte-order mark, the CRLF line ends and the odd non-UTF-8 bytes of the country names stay
 * exactly as UNDP published them: the tests read what a user would download.
 *
 * Usage: npx tsx scripts/make-fixtures.ts [sharedDir] [outDir]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const sharedDir = resolve(process.argv[2] ?? "/work/shared");
const outDir = resolve(process.argv[3] ?? join(__dirname, "..", "test", "fixtures"));

const BOM = "\u00ef\u00bb\u00bf"; // the UTF-8 byte-order mark seen through latin1

/** Split one CSV line (as latin1 text) into raw fields, quotes kept, so they can be written back unchanged. */
function splitRawFields(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

function unquote(field: string): string {
  return field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}

/** Keep the named columns of a published CSV, every row, byte for byte. */
export function selectColumns(bytes: Buffer, columns: string[]): Buffer {
  let text = bytes.toString("latin1");
  const bom = text.startsWith(BOM) ? BOM : "";
  text = text.slice(bom.length);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(eol);
  const trailing = lines[lines.length - 1] === "" ? lines.pop() : undefined;
  const header = splitRawFields(lines[0] ?? "").map(unquote);
  const indices = columns.map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new Error(`Column ${c} not found`);
    return i;
  });
  const out = lines.map((line) => {
    const fields = splitRawFields(line);
    return indices.map((i) => fields[i] ?? "").join(",");
  });
  return Buffer.from(bom + out.join(eol) + (trailing !== undefined ? eol : ""), "latin1");
}

function hdiColumns(year: number): string[] {
  return ["iso3", "country", `hdi_${year}`, `hdi_rank_${year}`, `le_${year}`, `eys_${year}`, `mys_${year}`, `gnipc_${year}`];
}

function main(): void {
  mkdirSync(outDir, { recursive: true });
  // Written rather than copied so the fixture does not inherit the read-only mode of /work/shared.
  writeFileSync(join(outDir, "dti-2022-top5.csv"), readFileSync(join(sharedDir, "datasets/dti/dti-2022-top5.csv")));
  const hdi = [
    { year: 2022, file: "HDR23-24_Composite_indices_complete_time_series.csv" },
    { year: 2021, file: "HDR21-22_Composite_indices_complete_time_series.csv" },
  ];
  for (const { year, file } of hdi) {
    const bytes = readFileSync(join(sharedDir, "datasets/hdi", file));
    writeFileSync(join(outDir, `hdi-${year}.csv`), selectColumns(bytes, hdiColumns(year)));
  }
  console.log(`Fixtures written to ${outDir}`);
}

if (require.main === module) main();
