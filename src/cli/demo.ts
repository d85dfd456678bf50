/**
 * `demo`: a realistic run on the department sample index. Makes the forms for about twenty
 * departments, fills them with plausible figures (and the mistakes units typically make), then
 * validates, scores and writes the results, as an official would see them.
 */
import { mkdirSync, statSync } from "node:fs";
import type ExcelJS from "exceljs";
import type { IndexModel, IndicatorModel, ResolvedInput } from "../core/definition/model";
import { optionName } from "../core/definition/options";
import type { Lang, Message } from "../core/i18n/text";
import { resultsJson, runScoring } from "../core/pipeline";
import { wrappedHeight } from "../core/plan/layout";
import { XlsxHost } from "../hosts/xlsx";
import { writeWorkbook } from "../hosts/xlsx/finish";
import { loadXlsx } from "../hosts/xlsx/read";
import { type TemplateUnit, UNIT_CODE_LABEL, YES_NO, makeTemplate } from "../hosts/xlsx/template";
import type { ParsedArgs } from "./args";
import { findingsSummary, rankingTable, readOnce } from "./commands/score";
import { scoringJson } from "./results-json";
import { loadIndex } from "./commands/common";
import { type CliIO, fail, resolvePath, writeFailure, writeOutputFile } from "./io";
import { M } from "./messages";
import { PROJECT_VERSION } from "./version";

/** The built-in department sample the demo runs on. */
export const DEMO_INDEX = "dti-so-nganh-mau";
/** The period written on the demo's forms, in the run's language. */
export const DEMO_PERIOD: Message = { vi: "Năm 2024", en: "2024" };

/** Departments of a province; those without public services for citizens are "khong-dvc". */
export const DEMO_UNITS: TemplateUnit[] = [
  { code: "VP-UBND", name: "Văn phòng UBND tỉnh", category: "co-dvc" },
  { code: "SNV", name: "Sở Nội vụ", category: "co-dvc" },
  { code: "STC", name: "Sở Tài chính", category: "co-dvc" },
  { code: "SKHDT", name: "Sở Kế hoạch và Đầu tư", category: "co-dvc" },
  { code: "STP", name: "Sở Tư pháp", category: "co-dvc" },
  { code: "SCT", name: "Sở Công Thương", category: "co-dvc" },
  { code: "SNNPTNT", name: "Sở Nông nghiệp và Phát triển nông thôn", category: "co-dvc" },
  { code: "SGTVT", name: "Sở Giao thông vận tải", category: "co-dvc" },
  { code: "SXD", name: "Sở Xây dựng", category: "co-dvc" },
  { code: "STNMT", name: "Sở Tài nguyên và Môi trường", category: "co-dvc" },
  { code: "STTTT", name: "Sở Thông tin và Truyền thông", category: "co-dvc" },
  { code: "SLDTBXH", name: "Sở Lao động - Thương binh và Xã hội", category: "co-dvc" },
  { code: "SVHTTDL", name: "Sở Văn hóa, Thể thao và Du lịch", category: "co-dvc" },
  { code: "SKHCN", name: "Sở Khoa học và Công nghệ", category: "co-dvc" },
  { code: "SGDDT", name: "Sở Giáo dục và Đào tạo", category: "co-dvc" },
  { code: "SYT", name: "Sở Y tế", category: "co-dvc" },
  { code: "BQLKCN", name: "Ban Quản lý các khu công nghiệp", category: "co-dvc" },
  { code: "TTTR", name: "Thanh tra tỉnh", category: "khong-dvc" },
  { code: "BDT", name: "Ban Dân tộc", category: "co-dvc" },
  { code: "SNGV", name: "Sở Ngoại vụ", category: "khong-dvc" },
  // A typical slip: the form copied from Sở Y tế keeps its unit code.
  { code: "SYT", name: "Đài Phát thanh và Truyền hình tỉnh", category: "khong-dvc" },
];

/** A small deterministic generator (mulberry32), so every demo run shows the same figures. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Evidence as units cite it, in the form's language (the documents' numbers keep their Vietnamese letters). */
const EVIDENCE: Message[] = [
  {
    vi: "Quyết định số {n}/QĐ-{u} ngày {d}/{m}/2024 về kiện toàn Ban Chỉ đạo chuyển đổi số",
    en: "Decision No. {n}/QĐ-{u} of {d}/{m}/2024 on the digital transformation steering committee",
  },
  {
    vi: "Kế hoạch số {n}/KH-{u} ngày {d}/{m}/2024 thực hiện chuyển đổi số năm 2024",
    en: "Plan No. {n}/KH-{u} of {d}/{m}/2024 for digital transformation in 2024",
  },
  { vi: "Báo cáo số {n}/BC-{u} ngày {d}/{m}/2024 kết quả chuyển đổi số", en: "Report No. {n}/BC-{u} of {d}/{m}/2024 on digital transformation results" },
  { vi: "Công văn số {n}/{u}-VP ngày {d}/{m}/2024", en: "Official letter No. {n}/{u}-VP of {d}/{m}/2024" },
];

/** The language a form is written in, from its unit code's label; undefined for a sheet that is no form. */
function formLang(ws: ExcelJS.Worksheet): Lang | undefined {
  const label = String(ws.getCell("A2").value ?? "");
  return (["vi", "en"] as const).find((lang) => label.startsWith(UNIT_CODE_LABEL[lang]));
}

type Figure = number | string | { formula: string; result: { error: string } };

/** Plausible figures for one unit, answers in the form's language: a quality level per unit so that rankings spread out. */
function figuresFor(model: IndexModel, unit: TemplateUnit, rand: () => number, lang: Lang): Map<string, Figure> {
  const level = 0.55 + 0.45 * rand();
  const out = new Map<string, Figure>();
  const yes = (): string => (rand() < level + 0.1 ? YES_NO.yes : YES_NO.no)[lang];
  for (const ind of model.indicators.map((c) => model.nodes.get(c) as IndicatorModel)) {
    if (ind.appliesTo && (unit.category === undefined || !ind.appliesTo.includes(unit.category))) continue;
    const rule = ind.rule;
    const denominators = new Map<string, number>();
    if (rule.kind === "ratio") {
      const b = Math.round(20 + rand() * 380);
      denominators.set(rule.denominator, b);
      out.set(rule.denominator, b);
      out.set(rule.numerator, Math.min(b, Math.round(b * Math.min(1, level + (rand() - 0.5) * 0.3))));
      continue;
    }
    for (const input of ind.inputs) {
      out.set(input.code, figureFor(input, ind, level, rand, yes, lang));
    }
  }
  return out;
}

function figureFor(input: ResolvedInput, ind: IndicatorModel, level: number, rand: () => number, yes: () => string, lang: Lang): Figure {
  const rule = ind.rule;
  switch (input.type) {
    case "boolean":
      return yes();
    case "choice": {
      if (rule.kind !== "choice") return "";
      const i = rand() < level ? 0 : Math.min(rule.options.length - 1, 1 + Math.floor(rand() * (rule.options.length - 1)));
      // As the form's drop-down list offers it, in the form's language.
      const option = rule.options[i];
      return option ? optionName(option, lang) : "";
    }
    case "percent":
      return Math.round(Math.min(1, Math.max(0.3, level + (rand() - 0.5) * 0.3)) * 1000) / 1000;
    case "text":
      return "";
    default: {
      if (rule.kind === "relative" || rule.kind === "minmax") return Math.round(300 + rand() * 4700 * level);
      if (rule.kind === "steps") {
        const top = Math.max(...rule.steps.map((s) => s.atLeast ?? s.atMost ?? 0));
        return Math.max(0, Math.round(top * level + (rand() - 0.6) * 2));
      }
      if (rule.kind === "count" && ind.max !== undefined) return Math.round((ind.max / rule.pointsEach) * level * (0.6 + rand() * 0.6));
      if (rule.kind === "points" && ind.max !== undefined) return Math.round(ind.max * level * 2) / 2;
      const lo = input.min ?? 0;
      const hi = input.max ?? 50;
      return input.type === "integer" ? Math.round(lo + (hi - lo) * level * rand()) : Math.round((lo + (hi - lo) * level * rand()) * 100) / 100;
    }
  }
}

interface DemoMistake {
  unit: string;
  input: string;
  /** What is typed, as a person writing the form's language would. */
  value: Figure | Message;
  /** Leave the evidence cell of the indicator empty instead. */
  clearEvidence?: boolean;
}

/** The mistakes the demo plants, each one a kind officials meet every year. */
function mistakes(model: IndexModel): DemoMistake[] {
  const find = (pred: (i: ResolvedInput, ind: IndicatorModel) => boolean): string | undefined => {
    for (const [code, input] of model.inputs) if (pred(input, model.nodes.get(input.indicator) as IndicatorModel)) return code;
    return undefined;
  };
  const relative = find((_, ind) => ind.rule.kind === "relative") ?? find((i) => i.type === "integer");
  const bool = find((i) => i.type === "boolean");
  const percent = find((i, ind) => i.type === "percent" && !ind.appliesTo);
  const percent2 = find((i, ind) => i.type === "percent" && !ind.appliesTo && i.code !== percent);
  const denominator = find((i, ind) => ind.rule.kind === "ratio" && ind.rule.denominator === i.code && !ind.appliesTo);
  const evidence = find((i, ind) => i.type === "boolean" && ind.def.evidence === "required");
  const list: DemoMistake[] = [];
  // A thousands separator typed as text, the way of the form's language.
  if (relative) list.push({ unit: "SYT", input: relative, value: { vi: "1.860", en: "1,860" } });
  // Yes typed by hand rather than picked from the list: without diacritics, or as a letter.
  if (bool) list.push({ unit: "STP", input: bool, value: { vi: "co", en: "y" } });
  if (percent) list.push({ unit: "SCT", input: percent, value: "85%" });
  if (percent2) list.push({ unit: "SXD", input: percent2, value: "135%" });
  if (evidence) list.push({ unit: "SGTVT", input: evidence, value: YES_NO.yes, clearEvidence: true });
  if (denominator) list.push({ unit: "SNNPTNT", input: denominator, value: { formula: "12/0", result: { error: "#DIV/0!" } } });
  return list;
}

function evidenceText(unit: TemplateUnit, rand: () => number, lang: Lang): string {
  const pattern = (EVIDENCE[Math.floor(rand() * EVIDENCE.length)] ?? EVIDENCE[0]!)[lang];
  return pattern
    .replace("{n}", String(10 + Math.floor(rand() * 990)))
    .replace("{u}", unit.code)
    .replace("{d}", String(1 + Math.floor(rand() * 28)))
    .replace("{m}", String(1 + Math.floor(rand() * 11)));
}

/** Fill the forms of `template` as the units would (figures, evidence), mistakes included, each form in its own language. */
export async function fillDemoWorkbook(model: IndexModel, template: Uint8Array, units: TemplateUnit[] = DEMO_UNITS, seed = 2024): Promise<Uint8Array> {
  // Read and written as the xlsx host does, so the instructions' links to the forms stay links.
  const wb = await loadXlsx(template);
  const rand = random(seed);
  const planted = mistakes(model);
  const sheets = wb.worksheets.flatMap((ws) => {
    const lang = formLang(ws);
    return lang ? [{ ws, lang }] : [];
  });
  sheets.forEach(({ ws, lang }, k) => {
    const unit = units[k];
    if (!unit) return;
    const figures = figuresFor(model, unit, rand, lang);
    const unitMistakes = planted.filter((m) => m.unit === unit.code && k === units.findIndex((u) => u.code === unit.code));
    const rows = new Map<string, number>();
    ws.eachRow((row, r) => {
      const code = row.getCell(1).value;
      if (typeof code === "string" && r > 8) rows.set(code, r);
    });
    for (const [code, figure] of figures) {
      const r = rows.get(code);
      if (r === undefined) continue;
      ws.getCell(r, 4).value = figure as ExcelJS.CellValue;
    }
    for (const code of model.indicators) {
      const ind = model.nodes.get(code) as IndicatorModel;
      const r = rows.get(code);
      if (r === undefined || ws.getCell(r, 7).protection?.locked !== false) continue;
      if (ind.def.evidence === "required" || rand() < 0.3) {
        const text = evidenceText(unit, rand, lang);
        ws.getCell(r, 7).value = text;
        // Excel grows a row as a person types into a wrapping cell; a file written here must say so itself.
        const row = ws.getRow(r);
        const width = ws.getColumn(7).width ?? 10;
        row.height = Math.max(row.height ?? 15, wrappedHeight([{ text, width }]));
      }
    }
    for (const m of unitMistakes) {
      const r = rows.get(m.input);
      if (r === undefined) continue;
      const typed = typeof m.value === "object" && "vi" in m.value ? m.value[lang] : m.value;
      ws.getCell(r, 4).value = typed as ExcelJS.CellValue;
      if (m.clearEvidence) {
        const ind = model.inputs.get(m.input)?.indicator;
        const er = ind !== undefined ? rows.get(ind) : undefined;
        if (er !== undefined) ws.getCell(er, 7).value = null;
      }
    }
  });
  return writeWorkbook(wb);
}

export async function runDemo(io: CliIO, args: ParsedArgs, lang: Lang): Promise<number> {
  // A name without --out is most often the folder meant for the files: said how to give it, nothing written.
  if (args.files.length > 0) fail(M.demoFolderNotArgument(args.files[0]!));
  const dir = args.out ?? "demo-output";
  // A file of that name: --out names a folder, said so rather than as a path that cannot be made.
  if (isFile(resolvePath(io, dir))) fail(M.demoOutIsFile(dir, args.out !== undefined));
  // The demo's own folder is made here (writeOutputFile makes no folder).
  try {
    mkdirSync(resolvePath(io, dir), { recursive: true });
  } catch (e) {
    fail(writeFailure(dir, e));
  }
  const { definition, model } = loadIndex(io, DEMO_INDEX, lang);
  const say = (vi: string, en: string): void => {
    io.stdout.write((lang === "vi" ? vi : en) + "\n");
  };
  const units = DEMO_UNITS;
  const files = DEMO_FILES[lang];
  const blank = await makeTemplate(model, units, { lang, period: DEMO_PERIOD[lang] });
  writeOutputFile(io, `${dir}/${files.blank}`, blank);
  say(`Đã tạo ${units.length} phiếu tự đánh giá trống trong ${dir}/${files.blank}.`, `Made ${units.length} blank self-assessment forms in ${dir}/${files.blank}.`);

  const filled = await fillDemoWorkbook(model, blank, units);
  writeOutputFile(io, `${dir}/${files.filled}`, filled);
  say(`Đã điền số liệu mẫu (có một số lỗi thường gặp): ${dir}/${files.filled}`, `Filled in sample figures (with some common mistakes): ${dir}/${files.filled}`);

  const host = await XlsxHost.fromBuffer(filled, files.filled);
  const snapshot = await host.read();
  const now = new Date();
  const result = await runScoring(readOnce(host, snapshot), { definition, lang, projectVersion: PROJECT_VERSION, now, write: true });
  writeOutputFile(io, `${dir}/${files.scored}`, await host.toBuffer());
  // The shape of `score --out --json`: the forms were never scored, so no earlier results are out of
  // date; the results' time is this run's, which the scored workbook records, and each form gives the period.
  writeOutputFile(io, `${dir}/${files.json}`, JSON.stringify({ ...resultsJson(result, lang), stale: null, ...scoringJson(snapshot, result.submissions, now) }, null, 2) + "\n");
  say(`Đã chấm điểm và ghi kết quả: ${dir}/${files.scored}, ${dir}/${files.json}\n`, `Scored and wrote the results: ${dir}/${files.scored}, ${dir}/${files.json}\n`);
  io.stdout.write(rankingTable(result.table, result.model, result.issues, lang, { submissions: result.submissions }));
  io.stdout.write(findingsSummary(result.issues, lang));
  return 0;
}

/** The demo's files, named in the run's language: the blank forms, the forms filled in, the scored workbook and its JSON. */
export const DEMO_FILES: Record<Lang, { blank: string; filled: string; scored: string; json: string }> = {
  vi: { blank: "phieu-mau.xlsx", filled: "so-lieu.xlsx", scored: "ket-qua.xlsx", json: "ket-qua.json" },
  en: { blank: "blank-forms.xlsx", filled: "filled-forms.xlsx", scored: "results.xlsx", json: "results.json" },
};

/** Whether a path names a file that is there and is no folder. */
function isFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}
