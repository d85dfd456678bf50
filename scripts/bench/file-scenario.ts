/**
 * Bench scenario "xlsx-file": a province's communes in one layout-B table (3,321 communes × 40
 * inputs, the size of a large province's commune-level DTI), written to a temporary .xlsx file,
 * then read, checked, scored and written back through the xlsx host as the command line does.
 * Reports the time and the peak resident memory. Called by scripts/bench.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parseDefinition } from "../../src/core/definition";
import { runScoring } from "../../src/core/pipeline";
import { XlsxHost } from "../../src/hosts/xlsx";

export interface FileBenchResult {
  scenario: "xlsx-file";
  units: number;
  indicators: number;
  /** The inputs each unit reports (the columns of the table): 40, as the scenario asks. */
  inputs: number;
  ms: number;
  peakRssMB: number;
}

/**
 * A commune-level index with exactly `inputs` inputs: ratio indicators (two inputs each) and
 * single-input indicators (yes/no, percentage, target, steps) in four groups.
 */
export function communeIndex(inputs = 40): { definition: unknown; inputCodes: string[] } {
  const groups: { code: string; name: string; children: unknown[] }[] = [
    { code: "1", name: "Nhận thức số", children: [] },
    { code: "2", name: "Hạ tầng và nhân lực số", children: [] },
    { code: "3", name: "Chính quyền số", children: [] },
    { code: "4", name: "Kinh tế số và xã hội số", children: [] },
  ];
  const inputCodes: string[] = [];
  let left = inputs;
  let k = 0;
  while (left > 0) {
    const group = groups[k % groups.length]!;
    const code = `${group.code}.${group.children.length + 1}`;
    const kind = left >= 2 && k % 3 === 0 ? "ratio" : (["boolean", "fraction", "target", "steps"] as const)[k % 4]!;
    if (kind === "ratio") {
      group.children.push({
        code,
        name: `Tỷ lệ ${code}`,
        max: 10,
        inputs: [
          { code: `${code}.a`, name: "Tử số", type: "integer", min: 0 },
          { code: `${code}.b`, name: "Mẫu số", type: "integer", min: 0 },
        ],
        rule: { kind: "ratio", numerator: `${code}.a`, denominator: `${code}.b` },
      });
      inputCodes.push(`${code}.a`, `${code}.b`);
      left -= 2;
    } else {
      const rule =
        kind === "boolean"
          ? { kind }
          : kind === "fraction"
            ? { kind }
            : kind === "target"
              ? { kind, target: 50 }
              : { kind, steps: [{ atLeast: 4, fraction: 1 }, { atLeast: 2, fraction: 0.5 }, { atLeast: 1, fraction: 0.25 }] };
      group.children.push({ code, name: `Chỉ tiêu ${code}`, max: 10, rule });
      inputCodes.push(code);
      left -= 1;
    }
    k++;
  }
  const definition = {
    format: "index-definition/1",
    id: "bench-xa",
    version: "1",
    name: { vi: "Bộ chỉ số CĐS cấp xã (thử tải)", en: "Commune DTI (load test)" },
    root: { code: "XA", name: "Chỉ số CĐS cấp xã", children: groups.filter((g) => g.children.length > 0) },
  };
  return { definition, inputCodes };
}

function figure(code: string, unit: number, inputCodes: string[]): number | string {
  const i = inputCodes.indexOf(code);
  const h = Math.imul(unit + 1, 2654435761) ^ Math.imul(i + 7, 40503);
  const r = ((h >>> 0) % 1000) / 1000;
  if (code.endsWith(".b")) return 20 + Math.round(r * 200);
  if (code.endsWith(".a")) return Math.round(r * 20);
  return r;
}

async function writeLayoutB(path: string, units: number, inputCodes: string[], kinds: Map<string, string>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Số liệu xã");
  ws.addRow(["Mã đơn vị", "Đơn vị", ...inputCodes]);
  for (let u = 0; u < units; u++) {
    const row: (string | number)[] = [`X${String(u + 1).padStart(5, "0")}`, `Xã số ${u + 1}`];
    for (const code of inputCodes) {
      const v = figure(code, u, inputCodes);
      const kind = kinds.get(code);
      if (kind === "boolean") row.push(typeof v === "number" && v > 0.3 ? "Có" : "Không");
      else if (kind === "target") row.push(Math.round(Number(v) * 80));
      else if (kind === "steps") row.push(Math.round(Number(v) * 5));
      else row.push(v);
    }
    ws.addRow(row);
  }
  await wb.xlsx.writeFile(path);
}

export async function benchFile(units = 3321, inputs = 40): Promise<FileBenchResult> {
  const { definition, inputCodes } = communeIndex(inputs);
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error("bench index is invalid: " + JSON.stringify(parsed.problems));
  const model = parsed.model;
  const kinds = new Map<string, string>();
  for (const code of model.indicators) {
    const ind = model.nodes.get(code);
    if (ind?.kind === "indicator") for (const i of ind.inputs) kinds.set(i.code, ind.rule.kind);
  }
  const dir = mkdtempSync(join(tmpdir(), "dti-bench-"));
  const input = join(dir, "xa.xlsx");
  const output = join(dir, "xa-da-cham.xlsx");
  try {
    await writeLayoutB(input, units, inputCodes, kinds);
    let peak = process.memoryUsage().rss;
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    // The timer samples between awaits; the pipeline's progress calls sample inside long synchronous stretches.
    const sampler = setInterval(sample, 20);
    const started = performance.now();
    try {
      const host = await XlsxHost.fromBuffer(readFileSync(input), "xa.xlsx");
      await runScoring(host, { definition, lang: "vi", projectVersion: "bench", write: true, onProgress: sample });
      sample();
      writeFileSync(output, await host.toBuffer());
    } finally {
      clearInterval(sampler);
    }
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { scenario: "xlsx-file", units, indicators: model.indicators.length, inputs: inputCodes.length, ms: Math.round(ms), peakRssMB: Math.round(peak / 1048576) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx scripts/bench/file-scenario.ts [units] [inputs]` runs it alone.
if (process.argv[1] && /file-scenario\.ts$/.test(process.argv[1])) {
  const units = Number(process.argv[2] ?? 3321);
  const inputs = Number(process.argv[3] ?? 40);
  benchFile(units, inputs).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
