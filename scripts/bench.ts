/**
 * `npm run bench` — how the project holds up with many units.
 *   excel-host: the whole pipeline (read → score → plan → write) through the Excel host against
 *               the in-memory Excel double, on a layout-B table (one row per unit), reporting the
 *               number of requests (context.sync calls) and the largest request.
 *   engine:     reading is skipped; scoring and ranking 10,000 units × 50 indicators.
 *   xlsx-file:  scripts/bench/file-scenario.ts (the command line's path through an .xlsx file).
 * `npm run bench -- --json` prints one JSON object per line; without it, a table.
 * Times are wall-clock on this machine and vary from run to run; counts do not.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseDefinition } from "../src/core/definition";
import type { IndexModel } from "../src/core/definition/model";
import { runScoring } from "../src/core/pipeline";
import { scoreUnits } from "../src/core/score";
import type { Submission } from "../src/core/types";
import { ExcelHost } from "../src/hosts/excel";
import { createExcelDouble } from "../test/excel-double";
import { communeIndex } from "./bench/file-scenario";

type Row = Record<string, string | number>;

function noise(u: number, i: number): number {
  const x = Math.sin(u * 12.9898 + i * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/** Input values a unit would report, by the kind of rule of the indicator they feed. */
function unitValues(model: IndexModel, u: number): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  let i = 0;
  for (const code of model.indicators) {
    const node = model.nodes.get(code);
    if (node?.kind !== "indicator") continue;
    const rule = node.rule as { kind: string; numerator?: string; denominator?: string };
    const n = noise(u, i++);
    if (rule.kind === "ratio" && rule.numerator && rule.denominator) {
      const den = 20 + Math.round(n * 80);
      out[rule.denominator] = den;
      out[rule.numerator] = Math.floor(den * noise(u, i++));
      continue;
    }
    for (const input of node.inputs) {
      if (rule.kind === "boolean") out[input.code] = n > 0.3 ? "Có" : "Không";
      else if (rule.kind === "fraction") out[input.code] = Math.round(n * 100) / 100;
      else if (rule.kind === "steps") out[input.code] = Math.round(n * 5);
      else out[input.code] = Math.round(n * 80);
    }
  }
  return out;
}

function benchModel(inputs: number): { definition: unknown; model: IndexModel; inputCodes: string[] } {
  const { definition, inputCodes } = communeIndex(inputs);
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error("bench index is invalid");
  return { definition, model: parsed.model, inputCodes };
}

async function benchExcelHost(units: number): Promise<Row> {
  const { definition, model, inputCodes } = benchModel(40);
  const double = createExcelDouble().install();
  const header = ["Mã đơn vị", "Đơn vị", ...inputCodes];
  const rows = Array.from({ length: units }, (_, u) => {
    const v = unitValues(model, u);
    return [`X${String(u + 1).padStart(5, "0")}`, `Xã số ${u + 1}`, ...inputCodes.map((c) => v[c] ?? null)];
  });
  double.addSheet("Dữ liệu", [header, ...rows]);
  double.resetCounters();
  const started = performance.now();
  await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "bench" });
  const ms = performance.now() - started;
  const refused = double.requests.filter((r) => !r.ok).length;
  return {
    scenario: "excel-host",
    units,
    indicators: model.indicators.length,
    inputs: inputCodes.length,
    syncs: double.syncCount,
    maxRequestBytes: Math.max(...double.requests.map((r) => r.bytes)),
    ...(refused ? { refusedRequests: refused } : {}),
    ms: Math.round(ms),
  };
}

function benchEngine(units = 10_000, indicators = 50): Row {
  let inputs = indicators;
  let built = benchModel(inputs);
  while (built.model.indicators.length < indicators) built = benchModel(++inputs);
  const { model } = built;
  const submissions: Submission[] = Array.from({ length: units }, (_, u) => {
    const values: Record<string, number | boolean | string> = {};
    for (const [code, v] of Object.entries(unitValues(model, u))) values[code] = v === "Có" ? true : v === "Không" ? false : v;
    return { code: `X${u + 1}`, name: `Xã số ${u + 1}`, values, notApplicable: [] };
  });
  const started = performance.now();
  const table = scoreUnits(model, submissions);
  const ms = performance.now() - started;
  if (table.units.length !== units) throw new Error("the engine lost units");
  return { scenario: "engine", units, indicators: model.indicators.length, ms: Math.round(ms) };
}

async function benchFileRow(): Promise<Row | null> {
  if (!existsSync(join(__dirname, "bench", "file-scenario.ts"))) return null;
  const mod = (await import("./bench/file-scenario")) as { benchFile?: () => Promise<unknown> };
  return mod.benchFile ? ((await mod.benchFile()) as Row) : null;
}

function printTable(rows: Row[]): void {
  const cols = ["scenario", "units", "indicators", "inputs", "syncs", "maxRequestBytes", "peakRssMB", "ms"];
  const cell = (r: Row, c: string) => (r[c] === undefined ? "" : typeof r[c] === "number" ? (r[c] as number).toLocaleString("en-US") : String(r[c]));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const line = (vals: string[]) => vals.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  ");
  console.log(line(cols));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(cols.map((c) => cell(r, c))));
}

/**
 * The file row, measured in a process of its own: its peak memory is then what reading, checking,
 * scoring and writing the file takes, not what the scenarios before it left on the heap.
 */
function benchFileInChild(): Row | null {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--file-row"], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`the file scenario failed: ${child.stderr}`);
  const line = child.stdout.trim().split("\n").pop() ?? "";
  return line === "null" ? null : (JSON.parse(line) as Row);
}

async function main(): Promise<void> {
  if (process.argv.includes("--file-row")) {
    console.log(JSON.stringify(await benchFileRow()));
    return;
  }
  const json = process.argv.includes("--json");
  const rows: Row[] = [];
  const emit = (r: Row) => {
    rows.push(r);
    if (json) console.log(JSON.stringify(r));
  };
  for (const units of [34, 700, 3321, 10_000]) emit(await benchExcelHost(units));
  emit(benchEngine());
  const file = benchFileInChild();
  if (file) emit(file);
  if (!json) printTable(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
