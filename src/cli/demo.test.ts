import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../core/definition";
import { findBuiltin } from "../indices";
import { DEMO_FILES, DEMO_INDEX } from "./demo";
import { main } from "./main";
import { runCli } from "./test-run";

describe("dti-scorer demo", () => {
  it("writes the blank forms, the filled workbook and the scored results, and shows the ranking and the planted mistakes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-demo-"));
    let out = "";
    const code = await main(["demo", "--out", "ket-qua-mau"], {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
      cwd: dir,
      env: { LANG: "vi_VN.UTF-8" },
    });
    expect(code).toBe(0);
    for (const f of ["phieu-mau.xlsx", "so-lieu.xlsx", "ket-qua.xlsx", "ket-qua.json"]) expect(existsSync(join(dir, "ket-qua-mau", f))).toBe(true);
    const json = JSON.parse(readFileSync(join(dir, "ket-qua-mau", "ket-qua.json"), "utf8")) as {
      index: { id: string };
      units: { name: string; category: string; ranked: boolean; points: number }[];
      issues: { code: string; severity: string }[];
    };
    expect(json.index.id).toBe("dti-so-nganh-mau");
    // The JSON of `score --out --json` on the same forms, key for key: `stale` is null (never scored
    // before), `scoredAt` the time ket-qua.xlsx records (as validate reads it back), `periods` each form's.
    await main(["score", "ket-qua-mau/so-lieu.xlsx", "--out", "so-lieu-cham.xlsx", "--json", "so-lieu.json"], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: { LANG: "vi_VN.UTF-8" } });
    const scored = JSON.parse(readFileSync(join(dir, "so-lieu.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(Object.keys(scored));
    expect(Object.keys(json)).toEqual(["index", "units", "issues", "stale", "scoredAt", "periods"]);
    expect((json as unknown as Record<string, unknown>).stale).toBeNull();
    const recorded = (JSON.parse((await runCli(["validate", "ket-qua-mau/ket-qua.xlsx", "--json", "-"], dir)).out) as { scoredAt: string }).scoredAt;
    expect((json as unknown as { scoredAt: string }).scoredAt).toBe(recorded);
    expect(recorded).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(new Set(Object.values((json as unknown as { periods: Record<string, string | null> }).periods))).toEqual(new Set(["Năm 2024"]));
    expect(json.units.length).toBeGreaterThanOrEqual(18);
    expect(new Set(json.units.map((u) => u.category))).toEqual(new Set(["co-dvc", "khong-dvc"]));
    // The figures spread the units out rather than tying them.
    expect(new Set(json.units.map((u) => u.points)).size).toBe(json.units.length);
    const codes = new Set(json.issues.map((i) => i.code));
    // The planted "1.860" is in a whole-number input, where it can only be 1860: read without a warning.
    for (const c of ["excel-error", "duplicate-unit", "evidence-missing", "out-of-range"]) expect(codes).toContain(c);
    expect(codes).not.toContain("ambiguous-number");
    // The ranking printed as on the results sheet: overall rank first, in rank order, then the rank within the category.
    const lines = out.split("\n");
    const header = lines.findIndex((l) => l.startsWith("Hạng "));
    expect(lines[header]).toMatch(/^Hạng\s+Mã sở, ban, ngành\s+Sở, ban, ngành\s+Loại đơn vị\s+Tổng điểm\s+Giá trị\s+Hạng trong loại\s+Tỷ lệ chỉ tiêu có số liệu\s+Số lỗi\s+Số cảnh báo/);
    const ranks = lines
      .slice(header + 2)
      .map((l) => /^\s*(\d+)\s/.exec(l)?.[1])
      .filter((r): r is string => r !== undefined)
      .map(Number);
    expect(ranks.length).toBeGreaterThanOrEqual(18);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    // The form sent with another unit's code is not silently dropped from the count.
    expect(out).toMatch(/Đã chấm điểm và xếp hạng 20 sở, ban, ngành\. 1 phiếu chưa được chấm: xem các lỗi bên dưới\./);
    expect(out).toContain("Kết quả kiểm tra:");
    expect(out).toContain("#DIV/0!");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "ket-qua-mau", "ket-qua.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Sở Y tế", "Văn phòng UBND tỉnh", "Kết quả", "Biểu đồ"]));
    // Every unit on the instructions sheet stays a link to its form in the filled and the scored workbook.
    for (const f of ["phieu-mau.xlsx", "so-lieu.xlsx", "ket-qua.xlsx"]) {
      const zip = await JSZip.loadAsync(readFileSync(join(dir, "ket-qua-mau", f)));
      const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
      const links = xml.match(/<hyperlink\b[^>]*\blocation="[^"]+"/g) ?? [];
      expect([f, links.length]).toEqual([f, json.units.length + 1]);
    }
  }, 60000);

  it("writes the period on the forms in the run's language", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-demo-"));
    await main(["demo", "--lang", "en"], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: {} });
    const wb = new ExcelJS.Workbook();
    // Its files are named in English too.
    await wb.xlsx.readFile(join(dir, "demo-output", "blank-forms.xlsx"));
    const form = wb.getWorksheet("Sở Y tế")!;
    const period = [...Array(10).keys()].map((r) => form.getRow(r + 1)).find((row) => row.getCell(1).value === "Period");
    expect(period?.getCell(2).value).toBe("2024");
  }, 60000);

  it("fills the English forms in English: Yes/No from their lists, evidence in English, and scores them as the Vietnamese ones", async () => {
    const run = async (lang: "vi" | "en"): Promise<{ wb: ExcelJS.Workbook; points: unknown; issues: { code: string; unit?: string }[] }> => {
      const dir = mkdtempSync(join(tmpdir(), "dti-demo-"));
      await main(["demo", "--lang", lang], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: {} });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, "demo-output", DEMO_FILES[lang].filled));
      const json = JSON.parse(readFileSync(join(dir, "demo-output", DEMO_FILES[lang].json), "utf8")) as { units: { code: string; points: number }[]; issues: { code: string; unit?: string }[] };
      return { wb, points: json.units.map((u) => [u.code, u.points]), issues: json.issues };
    };
    const parsed = parseDefinition(findBuiltin(DEMO_INDEX)!.definition);
    if (!parsed.ok) throw new Error("sample invalid");
    const booleans = new Set([...parsed.model.inputs.values()].filter((i) => i.type === "boolean").map((i) => i.code));
    const evidenceCodes = new Set(parsed.model.indicators);
    /** Every yes/no answer and every evidence text the units' forms hold. */
    const filled = (wb: ExcelJS.Workbook): { answers: Set<string>; evidence: string[] } => {
      const answers = new Set<string>();
      const evidence: string[] = [];
      for (const ws of wb.worksheets) {
        ws.eachRow((row, r) => {
          const code = row.getCell(1).value;
          if (r <= 8 || typeof code !== "string") return;
          const value = row.getCell(4).value;
          if (booleans.has(code) && typeof value === "string") answers.add(value);
          const cited = row.getCell(7).value;
          if (evidenceCodes.has(code) && typeof cited === "string") evidence.push(cited);
        });
      }
      return { answers, evidence };
    };
    const en = await run("en");
    const enFilled = filled(en.wb);
    // The lists offer "Yes,No": the answers are those, and the one typed by hand ("y").
    const list = en.wb.worksheets.flatMap((ws) => {
      const out: string[] = [];
      ws.eachRow((row) => {
        if (booleans.has(String(row.getCell(1).value))) out.push(String(row.getCell(4).dataValidation?.formulae?.[0] ?? ""));
      });
      return out;
    });
    expect(new Set(list)).toEqual(new Set(['"Yes,No"']));
    expect(enFilled.answers).toEqual(new Set(["Yes", "No", "y"]));
    expect(enFilled.evidence.length).toBeGreaterThan(20);
    for (const text of enFilled.evidence) expect(text).toMatch(/^(Decision|Plan|Report|Official letter) No\. /);
    const vi = await run("vi");
    const viFilled = filled(vi.wb);
    expect(viFilled.answers).toEqual(new Set(["Có", "Không", "co"]));
    for (const text of viFilled.evidence) expect(text).toMatch(/^(Quyết định|Kế hoạch|Báo cáo|Công văn) số /);
    // The same figures in either language: the same points, and the same findings (no answer left unread).
    expect(en.points).toEqual(vi.points);
    expect(en.issues.map((i) => [i.code, i.unit])).toEqual(vi.issues.map((i) => [i.code, i.unit]));
    expect(en.issues.map((i) => i.code)).not.toContain("not-a-boolean");
  }, 60000);

  it("gives the same figures on every run", async () => {
    const runOnce = async (): Promise<string> => {
      const dir = mkdtempSync(join(tmpdir(), "dti-demo-"));
      await main(["demo"], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: {} });
      const json = JSON.parse(readFileSync(join(dir, "demo-output", "ket-qua.json"), "utf8")) as { units: unknown[] };
      return JSON.stringify(json.units);
    };
    expect(await runOnce()).toBe(await runOnce());
  }, 60000);

  it("taken a folder without --out, says to give it with --out and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-demo-"));
    let err = "";
    const code = await main(["demo", "mau"], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, cwd: dir, env: { LANG: "vi_VN.UTF-8" } });
    expect(code).toBe(2);
    expect(err).toBe("Lệnh demo không nhận tên tệp hay thư mục; để ghi các tệp mẫu vào thư mục mau, dùng --out mau.\n");
    expect(existsSync(join(dir, "demo-output"))).toBe(false);
    expect(existsSync(join(dir, "mau"))).toBe(false);
  });
});
