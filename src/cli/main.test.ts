import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { MARK_FILLS } from "../core/plan/labels";
import { BUILTIN_INDICES } from "../indices";
import { communeIndex, runCli, type CliRun } from "./test-run";

type Run = CliRun;

const dir = mkdtempSync(join(tmpdir(), "dti-cli-"));

const run = (argv: string[], env: Record<string, string> = { LANG: "vi_VN.UTF-8" }): Promise<Run> => runCli(argv, dir, env);

/** A small index: a yes/no item, a percentage and a ratio, 30 points. */
const definition = communeIndex({ name: "Tỷ lệ hồ sơ trực tuyến", rule: { kind: "fraction" } });
writeFileSync(join(dir, "xa.json"), JSON.stringify(definition));
writeFileSync(join(dir, "hong.json"), JSON.stringify({ ...definition, root: { code: "XA", name: "X", children: [{ code: "1", name: "Y", max: 5, rule: { kind: "steps", steps: [] } }] } }));
writeFileSync(join(dir, "khong-phai-json.json"), "{ format: index-definition/1");
writeFileSync(
  join(dir, "xa-phay.csv"),
  "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,0.5,3,4\nX02,Xã Tân Phú,Không,1,10,10\nX03,Xã Phước Long,có,0.25,0,8\n",
);
writeFileSync(
  join(dir, "xa-cham-phay.csv"),
  "Mã đơn vị;Đơn vị;1.1;2.1;2.2.a;2.2.b\r\nX01;Xã An Bình;Có;0,5;3;4\r\nX02;Xã Tân Phú;Không;1;10;10\r\nX03;Xã Phước Long;có;0,25;0;8\r\n",
);
writeFileSync(join(dir, "xa-loi.csv"), "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,0.5,3,4\nX02,Xã Tân Phú,chưa rõ,1,10,10\n");

const EXPECTED: Record<string, number> = { X01: 10 + 5 + 7.5, X02: 0 + 10 + 10, X03: 10 + 2.5 + 0 };

interface ResultsJson {
  index: { id: string; version: string };
  units: { code: string; name: string; category: string | null; value: number; points: number; rank: number; rankInCategory: number | null; ranked: boolean; coverage: number | null; nodes: Record<string, { value: number | null; points: number | null; rank: number | null }> }[];
  issues: { severity: string; code: string; sheet: string | null; cell: string | null; unit: string | null; node: string | null; message: string }[];
}

function pointsByCode(json: ResultsJson): Record<string, number> {
  return Object.fromEntries(json.units.map((u) => [u.code, u.points]));
}

describe("dti-scorer score", () => {
  it("scores a comma-separated table and writes the --json contract to stdout", async () => {
    const r = await run(["score", "xa-phay.csv", "--index", "xa.json", "--json", "-"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as ResultsJson;
    expect(Object.keys(json)).toEqual(["index", "units", "issues", "stale"]);
    expect((json as unknown as { stale: unknown }).stale).toBeNull();
    expect(json.index).toEqual({ id: "xa-thu", version: "2024" });
    expect(Object.keys(json.units[0]!).sort()).toEqual(["category", "code", "coverage", "name", "nodes", "points", "rank", "rankInCategory", "ranked", "value"].sort());
    expect(json.units.every((u) => !("notRankedReason" in u) && !("notRankedNote" in u))).toBe(true);
    expect(Object.keys(json.units[0]!.nodes["1"]!).sort()).toEqual(["points", "rank", "value"]);
    const points = pointsByCode(json);
    for (const [code, p] of Object.entries(EXPECTED)) expect(points[code]).toBeCloseTo(p, 10);
    expect(json.units.map((u) => u.code)).toEqual(["X01", "X02", "X03"]);
    expect(json.units.map((u) => u.rank)).toEqual([1, 2, 3]);
    expect(json.units[0]!.value).toBeCloseTo(22.5 / 30, 12);
  });

  it("reads a semicolon table with decimal commas to the same scores", async () => {
    const r = await run(["score", "xa-cham-phay.csv", "--index", "xa.json", "--json", "ket-qua.json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "ket-qua.json"), "utf8")) as ResultsJson;
    expect(pointsByCode(json)).toEqual(expect.objectContaining({ X01: 22.5, X02: 20, X03: 12.5 }));
    expect(r.out).toContain("Đã ghi ket-qua.json");
  });

  it("prints an aligned ranking table without writing anything when --out is absent", async () => {
    const r = await run(["score", "xa-phay.csv", "--index", "xa.json"]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    const header = lines[0]!;
    // The labels and order of the results sheet (Kết quả); no category columns for an index without categories.
    expect(header).toMatch(/^Hạng\s+Mã đơn vị\s+Đơn vị\s+Tổng điểm\s+Giá trị\s+Tỷ lệ chỉ tiêu có số liệu\s+Số lỗi\s+Số cảnh báo$/);
    const rows = lines.filter((l) => /Xã /.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain("Xã An Bình");
    expect(rows[0]).toContain("22,50");
    // Columns line up: the points column ends at the same place on every row.
    const ends = rows.map((l) => l.normalize("NFC").indexOf("%"));
    expect(new Set(ends).size).toBe(1);
    expect(existsSync(join(dir, "xa-phay.xlsx"))).toBe(false);
  });

  it("writes a scored workbook that scores again with the definition it keeps inside", async () => {
    const first = await run(["score", "xa-phay.csv", "--index", "xa.json", "--out", "xa-da-cham.xlsx", "--json", "lan1.json"]);
    expect(first.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "xa-da-cham.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["xa-phay", "Kết quả", "_index"]));
    const again = await run(["score", "xa-da-cham.xlsx", "--json", "-"]);
    expect(again.code).toBe(0);
    const json = JSON.parse(again.out) as ResultsJson;
    expect(json.index).toEqual({ id: "xa-thu", version: "2024" });
    expect(pointsByCode(json)).toEqual(pointsByCode(JSON.parse(readFileSync(join(dir, "lan1.json"), "utf8")) as ResultsJson));
  });

  it("keeps a sheet of the user's named Kết quả, writes the results beside it and says so", async () => {
    const wb = new ExcelJS.Workbook();
    const table = wb.addWorksheet("Bảng");
    for (const line of readFileSync(join(dir, "xa-phay.csv"), "utf8").trim().split("\n")) table.addRow(line.split(","));
    wb.addWorksheet("Kết quả").getCell("A1").value = "Ghi chép riêng của chuyên viên";
    await wb.xlsx.writeFile(join(dir, "co-ket-qua.xlsx"));
    const r = await run(["score", "co-ket-qua.xlsx", "--index", "xa.json", "--out", "co-ket-qua-da-cham.xlsx", "--json", "co-ket-qua.json"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Sổ đã có trang 'Kết quả' không do DTI Scorer tạo");
    const json = JSON.parse(readFileSync(join(dir, "co-ket-qua.json"), "utf8")) as ResultsJson;
    expect(json.issues).toContainEqual(expect.objectContaining({ severity: "warning", code: "write-warning" }));
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(join(dir, "co-ket-qua-da-cham.xlsx"));
    expect(out.getWorksheet("Kết quả")!.getCell("A1").value).toBe("Ghi chép riêng của chuyên viên");
    expect(out.worksheets.map((w) => w.name)).toContain("Kết quả (2)");
  });

  it("counts a row of a CSV table left out for a taken unit code as a row, not a form", async () => {
    writeFileSync(join(dir, "xa-trung.csv"), "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,0.5,3,4\nX01,Xã Tân Phú,Không,1,10,10\n");
    const r = await run(["score", "xa-trung.csv", "--index", "xa.json"]);
    expect(r.out).toContain("Đã chấm điểm và xếp hạng 1 đơn vị. 1 dòng chưa được chấm: xem các lỗi bên dưới.");
    expect(r.out).toContain("Tệp xa-trung.csv, dòng 3, cột");
  });

  it("exits 1 and names the cell when the inputs have errors", async () => {
    const r = await run(["score", "xa-loi.csv", "--index", "xa.json"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/1 lỗi/);
    // A CSV file is spoken of as a file, with its rows and columns (the JSON keeps sheet and cell).
    expect(r.out).toContain("Tệp xa-loi.csv, dòng 3, cột C:");
    expect(r.out).not.toContain("Trang tính");
  });
});

describe("dti-scorer validate", () => {
  it("writes the JSON score writes (index, units, issues, stale), with the cell of each finding, and no workbook", async () => {
    const r = await run(["validate", "xa-loi.csv", "--index", "xa.json", "--json", "-", "--lang", "en"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as ResultsJson;
    expect(Object.keys(json)).toEqual(["index", "units", "issues", "stale"]);
    const scored = JSON.parse((await run(["score", "xa-loi.csv", "--index", "xa.json", "--json", "-", "--lang", "en"])).out) as ResultsJson;
    expect(json).toEqual(scored);
    expect(json.units.map((u) => u.code)).toEqual(["X01", "X02"]);
    const error = json.issues.find((i) => i.severity === "error");
    expect(error).toMatchObject({ cell: "C3", node: "1.1", sheet: "xa-loi" });
    expect(error!.message).toMatch(/[A-Za-z]/);
    expect(r.err).toMatch(/1 errors?/);
  });

  it("exits 0 when nothing is wrong", async () => {
    const r = await run(["validate", "xa-phay.csv", "--index", "xa.json"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Không có lỗi hoặc cảnh báo nào.");
  });
});

describe("when the command cannot run", () => {
  const oneLine = (r: Run): string => {
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.endsWith("\n")).toBe(true);
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    return r.err;
  };

  it("says which file is missing", async () => {
    expect(oneLine(await run(["score", "khong-co.xlsx", "--index", "xa.json"]))).toContain("Không tìm thấy tệp khong-co.xlsx");
  });

  it("speaks Vietnamese whatever LANG or LC_ALL say, and English with --lang en", async () => {
    expect(oneLine(await run(["score", "missing.xlsx"], { LANG: "en_US.UTF-8", LC_ALL: "en_US.UTF-8" }))).toBe("Không tìm thấy tệp missing.xlsx.\n");
    expect(oneLine(await run(["score", "missing.xlsx", "--lang", "en"], { LANG: "vi_VN.UTF-8" }))).toBe("The file missing.xlsx does not exist.\n");
  });

  it("lists the built-in indices when --index names none", async () => {
    const err = oneLine(await run(["score", "xa-phay.csv", "--index", "khong-co-bo-nay"]));
    expect(err).toContain("khong-co-bo-nay");
    expect(err).toContain("dti-so-nganh-mau");
  });

  it("gives the JSON path of a problem in an invalid definition", async () => {
    const err = oneLine(await run(["score", "xa-phay.csv", "--index", "hong.json"]));
    expect(err).toContain("hong.json");
    expect(err).toContain("steps");
  });

  it("reports a definition file that is not JSON", async () => {
    expect(oneLine(await run(["score", "xa-phay.csv", "--index", "khong-phai-json.json", "--lang", "en"]))).toContain("khong-phai-json.json is not valid");
  });

  it("asks for --index when a CSV table has no definition inside", async () => {
    expect(oneLine(await run(["score", "xa-phay.csv"]))).toContain("--index");
  });

  it("refuses an unknown option and an unknown command", async () => {
    expect(oneLine(await run(["score", "xa-phay.csv", "--idx", "xa.json"]))).toContain("--idx");
    expect(oneLine(await run(["chamdiem"]))).toContain("chamdiem");
    expect(oneLine(await run([]))).toContain("score");
  });

  it("refuses a file that is not a workbook", async () => {
    writeFileSync(join(dir, "gia.xlsx"), "không phải zip");
    expect(oneLine(await run(["score", "gia.xlsx", "--index", "xa.json"]))).toContain("gia.xlsx");
  });
});

describe("dti-scorer indices and --help", () => {
  it("lists the built-in definitions with id, version, name and max points", async () => {
    const r = await run(["indices"]);
    expect(r.code).toBe(0);
    const line = r.out.split("\n").find((l) => l.startsWith("dti-so-nganh-mau"));
    expect(line).toMatch(/dti-so-nganh-mau\s+mau-2023\s+200\s+Mẫu/);
    const json = JSON.parse((await run(["indices", "--json", "-"])).out) as { id: string; maxPoints: number | null }[];
    expect(json.map((i) => i.id)).toEqual(expect.arrayContaining(["dti-so-nganh-mau", "undp-hdi"]));
  });

  it("shows help in Vietnamese, or English with --lang en", async () => {
    expect((await run(["--help"])).out).toContain("Cách dùng");
    expect((await run(["--help", "--lang", "en"])).out).toContain("Usage");
  });
});

describe("a workbook holding no form", () => {
  it("validate reports layout-not-found as a finding (list, JSON, exit 1); score has nothing to score (exit 2)", async () => {
    writeFileSync(join(dir, "chi-don-vi.csv"), "Mã đơn vị,Ghi chú\nSYT,không phải phiếu\n");
    const v = await run(["validate", "chi-don-vi.csv", "--index", "xa.json", "--json", "-"]);
    expect(v.code).toBe(1);
    const json = JSON.parse(v.out) as { index: { id: string }; units: unknown[]; issues: { code: string; severity: string; sheet: string | null }[]; stale: null };
    expect(Object.keys(json)).toEqual(["index", "units", "issues", "stale"]);
    expect(json.units).toEqual([]);
    expect(json.index.id).toBe((definition as { id: string }).id);
    expect(json.issues).toEqual([expect.objectContaining({ code: "layout-not-found", severity: "error", sheet: null })]);
    expect(json.stale).toBeNull();
    // A CSV file is named as the file, with what its table lacks.
    expect(v.err).toContain('Tệp chi-don-vi.csv không có bảng tổng hợp: cần một dòng tiêu đề có cột "Đơn vị"');
    const s = await run(["score", "chi-don-vi.csv", "--index", "xa.json"]);
    expect(s.code).toBe(2);
    expect(s.err.trim().split("\n")).toHaveLength(1);
    expect(s.err).toContain("chi-don-vi.csv");
  });
});

describe("forms made by template, scored without --index", () => {
  it("uses the built-in index the forms name, and says so; a workbook naming an unknown index still needs --index", async () => {
    writeFileSync(join(dir, "so.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\nSTC,Sở Tài chính\n");
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "so.csv", "--out", "phieu-so.xlsx"])).code).toBe(0);
    const r = await run(["validate", "phieu-so.xlsx"]);
    expect(r.out).toMatch(/^Sổ chưa lưu bộ chỉ số và không có --index: dùng bộ chỉ số có sẵn dti-so-nganh-mau@[^ ]+ ghi trên các phiếu\./);
    // The blank forms are checked, not refused: each is said once to hold no figure at all (at its
    // first input's Số liệu cell), not input by input.
    expect(r.code).not.toBe(2);
    expect(r.out).toContain(
      "Cảnh báo: Trang tính 'Sở Y tế', ô D11: phiếu của Sở Y tế (SYT) chưa có số liệu nào (cột Số liệu và Số liệu thẩm định đều trống): mọi chỉ tiêu được tính 0 điểm (theo quy tắc thiếu số liệu của bộ chỉ số); hãy nhập số liệu khi đơn vị gửi phiếu rồi chấm lại.",
    );
    expect(r.out).not.toContain("chưa có số liệu cho chỉ tiêu");
    const json = JSON.parse((await run(["validate", "phieu-so.xlsx", "--json", "-"])).out) as { issues: { code: string; severity: string; sheet: string; unit: string }[] };
    expect(json.issues.filter((i) => i.code !== "missing-category").map((i) => [i.code, i.severity, i.sheet, i.unit])).toEqual([
      ["no-figures", "warning", "Sở Y tế", "SYT"],
      ["no-figures", "warning", "Sở Tài chính", "STC"],
    ]);
    expect((await run(["template", "--index", "xa.json", "--units", "so.csv", "--out", "phieu-xa.xlsx"])).code).toBe(0);
    const x = await run(["validate", "phieu-xa.xlsx"]);
    expect(x.code).toBe(2);
  });
});

describe("forms of two indices in one workbook, scored without --index", () => {
  it("are refused in one sentence naming each index with its number of forms and saying to choose one with --index", async () => {
    writeFileSync(join(dir, "hai-so.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\nSTC,Sở Tài chính\n");
    writeFileSync(join(dir, "mot-huyen.csv"), "Mã đơn vị,Đơn vị\nH01,Huyện Mường Nhé\n");
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "hai-so.csv", "--out", "phieu-hai-so.xlsx"])).code).toBe(0);
    expect((await run(["template", "--index", "dti-huyen-mau", "--units", "mot-huyen.csv", "--out", "phieu-huyen.xlsx"])).code).toBe(0);
    const c = await run(["collect", "phieu-hai-so.xlsx", "phieu-huyen.xlsx", "--out", "hai-bo.xlsx"]);
    expect(c.code).not.toBe(2);
    for (const cmd of ["validate", "score"]) {
      const r = await run([cmd, "hai-bo.xlsx"]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(/các phiếu ghi 2 bộ chỉ số khác nhau: dti-so-nganh-mau@[^ ]+ \(2 phiếu\), dti-huyen-mau@[^ ]+ \(1 phiếu\)\. Hãy chọn bộ chỉ số để chấm bằng --index/);
    }
    const en = await run(["validate", "hai-bo.xlsx", "--lang", "en"]);
    expect(en.err).toMatch(/its forms name 2 different indices: dti-so-nganh-mau@[^ ]+ \(2 forms\), dti-huyen-mau@[^ ]+ \(1 form\)\. Choose the index/);
    // Chosen: the other index's form is named and left out, the rest is scored.
    const chosen = await run(["validate", "hai-bo.xlsx", "--index", "dti-so-nganh-mau"]);
    expect(chosen.code).not.toBe(2);
  });
});

describe("a copy of a built-in sample that kept its id and version", () => {
  it("gets a warning from template, and its forms are never scored with the built-in: without --index the command refuses, with it they score by the copy", async () => {
    const sample = BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!.definition as { root: { children: { max?: number; children: { code: string; max?: number }[] }[] } };
    const copy = JSON.parse(JSON.stringify(sample)) as typeof sample;
    // 1.1 worth 5 points instead of 10 (the group's max follows), nothing else changed.
    const group = copy.root.children[0]!;
    const item = group.children.find((c) => c.code === "1.1")!;
    const less = (item.max ?? 0) - 5;
    item.max = 5;
    if (group.max !== undefined) group.max -= less;
    const root = copy.root as { max?: number };
    if (root.max !== undefined) root.max -= less;
    writeFileSync(join(dir, "mau-sua.json"), JSON.stringify(copy, null, 2));
    writeFileSync(join(dir, "so-sua.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\n");
    const t = await run(["template", "--index", "mau-sua.json", "--units", "so-sua.csv", "--out", "phieu-sua.xlsx"]);
    expect(t.code).toBe(0);
    expect(t.err).toContain('Cảnh báo: Định nghĩa này có mã và phiên bản (dti-so-nganh-mau@');
    // A sample's copy is told to take an id of its own (a new version alone would still name the sample).
    expect(t.err).toContain('hãy đổi "id" thành mã riêng của tỉnh');
    // The sample itself, and the same sample with a "$schema" line for editors, give no such warning.
    writeFileSync(join(dir, "mau-schema.json"), JSON.stringify({ $schema: "./index-definition.schema.json", ...(sample as object) }));
    const same = await run(["template", "--index", "mau-schema.json", "--units", "so-sua.csv", "--out", "phieu-mau-schema.xlsx"]);
    expect(same.code).toBe(0);
    expect(same.err).not.toContain("Định nghĩa này có mã");
    expect((await run(["validate", "phieu-mau-schema.xlsx"])).out).toContain("dùng bộ chỉ số có sẵn dti-so-nganh-mau@");

    // Filled in: 1.1 at its top answer.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "phieu-sua.xlsx"));
    const ws = wb.getWorksheet("Sở Y tế")!;
    let r11 = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === "1.1") r11 = r;
    });
    const validation = ws.getCell(r11, 4).dataValidation;
    const top = validation?.type === "list" ? String(validation.formulae?.[0]).replace(/^"|"$/g, "").split(",")[0]! : 1;
    ws.getCell(r11, 4).value = top;
    await wb.xlsx.writeFile(join(dir, "phieu-sua-dien.xlsx"));

    for (const cmd of ["score", "validate"]) {
      const r = await run([cmd, "phieu-sua-dien.xlsx"]);
      expect(r.code).toBe(2);
      expect(r.out).not.toContain("dùng bộ chỉ số có sẵn");
      expect(r.err).toContain("được tạo từ một định nghĩa khác với bộ chỉ số có sẵn");
      expect(r.err).toContain("--index <tệp.json>");
    }
    const s = await run(["score", "phieu-sua-dien.xlsx", "--index", "mau-sua.json", "--json", "-"]);
    const json = JSON.parse(s.out) as { units: { nodes: Record<string, { points: number }> }[]; issues: { code: string }[] };
    expect(json.units[0]!.nodes["1.1"]!.points).toBe(5);
    // Scored by the very file they were made from: nothing is said about the definition.
    expect(json.issues.filter((i) => i.code === "definition-mismatch")).toEqual([]);

    // The built-in given on purpose: scored with it, as asked, with a warning naming the form and its
    // `Bộ chỉ số` cell; the exit status stays that of a run without errors.
    const r1c = (ws.getColumn(1).values as unknown[]).indexOf("Bộ chỉ số");
    const builtin = await run(["score", "phieu-sua-dien.xlsx", "--index", "dti-so-nganh-mau", "--out", "kq-sua-mau.xlsx"]);
    expect(builtin.code).toBe(0);
    expect(builtin.out + builtin.err).not.toContain("Không có lỗi hoặc cảnh báo nào");
    expect(builtin.out + builtin.err).toContain(
      `Trang tính 'Sở Y tế', ô B${r1c}: phiếu được tạo từ một định nghĩa có cùng mã và phiên bản "dti-so-nganh-mau@mau-2023" với bộ chỉ số đang dùng nhưng nội dung khác`,
    );
    expect(builtin.out + builtin.err).toContain('--index <tệp.json>; ngăn tác vụ: chọn "Tệp JSON"');
    const asked = await run(["score", "phieu-sua-dien.xlsx", "--index", "dti-so-nganh-mau", "--json", "-", "--lang", "en"]);
    expect(asked.code).toBe(0);
    const askedJson = JSON.parse(asked.out) as typeof json & { issues: { code: string; severity: string; sheet?: string; cell?: string; message: string }[] };
    expect(askedJson.units[0]!.nodes["1.1"]!.points).toBe(10);
    expect(askedJson.issues.filter((i) => i.code === "definition-mismatch")).toEqual([
      expect.objectContaining({ severity: "warning", sheet: "Sở Y tế", cell: `B${r1c}`, message: expect.stringContaining("the same id and version") }),
    ]);
    // The form is scored, so it is not counted among the forms left out.
    expect(asked.err).toContain("Scored and ranked 1 department.\n");
    // A copy that only adds "$schema" is the built-in's content: forms made from it are scored with the built-in without a word.
    const plain = await run(["score", "phieu-mau-schema.xlsx", "--index", "dti-so-nganh-mau", "--json", "-"]);
    expect((JSON.parse(plain.out) as typeof askedJson).issues.filter((i) => i.code === "definition-mismatch")).toEqual([]);
  });
});

describe("a definition file saved in NFD (letters and combining marks)", () => {
  it("is used in NFC: the results sheet and the definition kept in the workbook hold composed text", async () => {
    writeFileSync(join(dir, "xa-nfd.json"), JSON.stringify(definition, null, 2).normalize("NFD"));
    const s = await run(["score", "xa-phay.csv", "--index", "xa-nfd.json", "--out", "kq-nfd.xlsx"]);
    expect(s.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "kq-nfd.xlsx"));
    const texts: string[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === "string" && texts.push(cell.value))));
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.filter((t) => t !== t.normalize("NFC"))).toEqual([]);
    expect(texts.some((t) => t.includes("Tỷ lệ hồ sơ trực tuyến") || t.includes("Nhận thức số"))).toBe(true);
  });
});

describe("dti-scorer template and collect", () => {
  it("makes forms for the units of a CSV file and gathers them from two files, leaving out a duplicate unit", async () => {
    writeFileSync(join(dir, "don-vi-1.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\nX02,Xã Tân Phú\n");
    writeFileSync(join(dir, "don-vi-2.csv"), "Unit code;Unit\nX03;Xã Phước Long\nX01;Xã An Bình\n");
    expect((await run(["template", "--index", "xa.json", "--units", "don-vi-1.csv", "--out", "dot1.xlsx"])).code).toBe(0);
    const t2 = await run(["template", "--index", "xa.json", "--units", "don-vi-2.csv", "--out", "dot2.xlsx", "--period", "Năm 2024"]);
    expect(t2.code).toBe(0);
    expect(t2.out).toContain("2 phiếu");
    const c = await run(["collect", "dot1.xlsx", "dot2.xlsx", "--out", "tong-hop.xlsx"]);
    expect(c.code).toBe(0);
    expect(c.out).toContain("Đã tổng hợp 3 phiếu");
    expect(c.out).toContain("Đã bỏ qua 1 phiếu trống lặp lại");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "tong-hop.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Xã An Bình", "Xã Tân Phú", "Xã Phước Long"]);
  });

  it("refuses a template without a units file", async () => {
    const r = await run(["template", "--index", "xa.json", "--out", "x.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--units");
  });
});

describe("what the reviewer found", () => {
  writeFileSync(
    join(dir, "xa-ngoai-le.json"),
    JSON.stringify({ ...definition, missing: "exclude", ranking: { minCoverage: 0.9, exclude: ["X02"] } }),
  );
  writeFileSync(join(dir, "xa-thieu.csv"), "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,0.5,3,4\nX02,Xã Tân Phú,Không,1,10,10\nX03,Xã Phước Long,có,,,\n");

  it("says in the JSON and in the ranking table why a unit is not ranked", async () => {
    const r = await run(["score", "xa-thieu.csv", "--index", "xa-ngoai-le.json", "--json", "kq-ngoai-le.json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "kq-ngoai-le.json"), "utf8")) as { units: Record<string, unknown>[] };
    const byCode = Object.fromEntries(json.units.map((u) => [u.code, u]));
    expect(byCode.X01).toMatchObject({ ranked: true, rank: 1 });
    expect("notRankedReason" in byCode.X01!).toBe(false);
    expect(byCode.X02).toMatchObject({ ranked: false, notRankedReason: "excluded", notRankedNote: "Không xếp hạng: đơn vị nằm trong danh sách loại trừ của bộ chỉ số" });
    expect(byCode.X03).toMatchObject({ ranked: false, notRankedReason: "low-coverage" });
    expect(byCode.X03!.notRankedNote).toMatch(/^Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 33% thấp hơn mức tối thiểu 90%$/);
    const rows = r.out.split("\n");
    expect(rows[0]).toMatch(/Ghi chú$/);
    // The note is the results sheet's, word for word.
    expect(rows.find((l) => l.includes("X02"))).toMatch(/Không xếp hạng: đơn vị nằm trong danh sách loại trừ của bộ chỉ số$/);
    expect(rows.find((l) => l.includes("X03"))).toMatch(/Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 33% thấp hơn mức tối thiểu 90%$/);
    const en = await run(["score", "xa-thieu.csv", "--index", "xa-ngoai-le.json", "--json", "-", "--lang", "en"]);
    const enJson = JSON.parse(en.out) as { units: Record<string, unknown>[] };
    expect(enJson.units.find((u) => u.code === "X03")!.notRankedNote).toBe("Not ranked: data coverage 33% is below the minimum of 90%");
    expect(en.err).toMatch(/Not ranked: data coverage 33% is below the minimum of 90%/);
  });

  it("gives a unit to which no indicator applies no coverage: null in the JSON, \"—\" in the table, and not below the minimum", async () => {
    writeFileSync(
      join(dir, "khong-ap-dung.json"),
      JSON.stringify({
        format: "index-definition/1",
        id: "khong-ap-dung",
        version: "1",
        name: "Không áp dụng",
        categories: [
          { id: "A", name: "Loại A" },
          { id: "B", name: "Loại B" },
        ],
        ranking: { minCoverage: 0.5 },
        root: {
          code: "R",
          name: "Tổng",
          children: [
            { code: "a", name: "a", max: 10, allowNA: true, rule: { kind: "fraction" } },
            { code: "b", name: "b", max: 10, appliesTo: ["B"], rule: { kind: "fraction" } },
          ],
        },
      }),
    );
    writeFileSync(join(dir, "khong-ap-dung.csv"), "Mã đơn vị,Đơn vị,Nhóm,a,b\nA1,Một,A,N/A,\nB1,Hai,B,0.5,1\n");
    const r = await run(["score", "khong-ap-dung.csv", "--index", "khong-ap-dung.json", "--json", "kq-khong-ap-dung.json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "kq-khong-ap-dung.json"), "utf8")) as { units: (ResultsJson["units"][number] & { notRankedReason?: string })[] };
    expect(json.units.map((u) => [u.code, u.coverage, u.ranked, u.notRankedReason ?? null])).toEqual([
      ["B1", 1, true, null],
      ["A1", null, false, "not-available"],
    ]);
    const row = r.out.split("\n").find((l) => l.includes("A1"))!;
    expect(row).toMatch(/—\s+0\s+0\s+Không xếp hạng: không tính được điểm tổng$/);
    expect(row).not.toContain("%");
  });

  it("lists every problem of an invalid definition, one per line after the one-line reason", async () => {
    const broken = {
      ...definition,
      id: "Xa_Thu",
      ranking: { method: "fancy" },
      root: { ...definition.root, children: [...definition.root.children, { code: "1", name: "Trùng", max: 0, rule: { kind: "boolean" } }] },
    };
    writeFileSync(join(dir, "nhieu-loi.json"), JSON.stringify(broken));
    const r = await run(["score", "xa-phay.csv", "--index", "nhieu-loi.json"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    const lines = r.err.trimEnd().split("\n");
    expect(lines[0]).toBe(
      'Định nghĩa bộ chỉ số nhieu-loi.json không hợp lệ: 3 lỗi; lỗi đầu tiên: id: Mã bộ chỉ số "Xa_Thu" chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ "dti-tinh-2022").',
    );
    // The first problem is said in the reason; the others follow, each once.
    expect(lines.slice(1).map((l) => l.split(":")[0])).toEqual(["ranking.method", "chỉ tiêu 1 (root.children[2].code)"]);
    expect(r.err).not.toContain("lỗi khác");
    expect(r.err).not.toMatch(/\.\)?\.|\.;/);
  });

  it("refuses units whose category the index does not have, naming each line, and writes nothing", async () => {
    const withCategories = { ...definition, categories: [{ id: "xa", name: "Xã" }, { id: "phuong", name: { vi: "Phường", en: "Ward" } }] };
    writeFileSync(join(dir, "xa-nhom.json"), JSON.stringify(withCategories));
    writeFileSync(join(dir, "dv-nhom.csv"), "Mã đơn vị,Đơn vị,Nhóm\nX01,Xã An Bình,xa\nP01,Phường 1,PHUONG\nT01,Thị trấn,thi-tran\nX02,Xã Tân Phú,Ward\nX03,Xã Lạ,huyen\n");
    const r = await run(["template", "--index", "xa-nhom.json", "--units", "dv-nhom.csv", "--out", "nhom.xlsx"]);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, "nhom.xlsx"))).toBe(false);
    const lines = r.err.trimEnd().split("\n");
    // The categories by the names users type, in the run's language; never their ids.
    expect(lines[0]).toBe('Tệp danh sách đơn vị dv-nhom.csv có 2 dòng ghi loại đơn vị không có trong bộ chỉ số; hãy ghi một trong: "Xã", "Phường". Chưa tạo phiếu nào.');
    expect(lines.slice(1)).toEqual(['dv-nhom.csv, dòng 4: loại đơn vị "thi-tran" không có trong bộ chỉ số.', 'dv-nhom.csv, dòng 6: loại đơn vị "huyen" không có trong bộ chỉ số.']);
    const en = await run(["template", "--index", "xa-nhom.json", "--units", "dv-nhom.csv", "--out", "nhom.xlsx", "--lang", "en"]);
    expect(en.err.split("\n")[0]).toBe('The units file dv-nhom.csv has 2 lines with a unit category the index does not have; write one of: "Xã", "Ward". Nothing was written.');
  });

  it("refuses a units CSV line with more fields than the header (a name with a comma, not quoted), naming the line", async () => {
    writeFileSync(join(dir, "dv-phay.csv"), 'Mã đơn vị,Đơn vị,Nhóm\nX01,"Xã An Bình, huyện A",xa\nSNV,Sở Nội vụ,Sở, ban, ngành có dịch vụ công\nX02,Xã B,xa,,\n');
    const r = await run(["template", "--index", "xa.json", "--units", "dv-phay.csv", "--out", "phay.xlsx"]);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, "phay.xlsx"))).toBe(false);
    expect(r.err.trimEnd().split("\n")).toEqual([
      "Tệp danh sách đơn vị dv-phay.csv có 1 dòng nhiều cột hơn dòng tiêu đề; chưa tạo phiếu nào.",
      "dv-phay.csv, dòng 3 có 5 cột, nhiều hơn dòng tiêu đề (3 cột): tên có dấu phẩy phải đặt trong ngoặc kép.",
    ]);
    const en = await run(["template", "--index", "xa.json", "--units", "dv-phay.csv", "--out", "phay.xlsx", "--lang", "en"]);
    expect(en.err.trimEnd().split("\n")).toEqual([
      "The units file dv-phay.csv has 1 line with more fields than the header line; nothing was written.",
      "dv-phay.csv, line 3 has 5 fields, more than the header line (3): a name with a comma in it must be put in double quotes.",
    ]);
  });

  it("says the category column is ignored when the index has no categories", async () => {
    writeFileSync(join(dir, "dv-co-nhom.csv"), "Mã đơn vị,Đơn vị,Nhóm\nX01,Xã An Bình,xa\n");
    const r = await run(["template", "--index", "xa.json", "--units", "dv-co-nhom.csv", "--out", "co-nhom.xlsx"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("Cảnh báo: bộ chỉ số không chia loại đơn vị nên cột loại đơn vị (Nhóm) của dv-co-nhom.csv được bỏ qua.\n");
    expect(existsSync(join(dir, "co-nhom.xlsx"))).toBe(true);
  });

  it("collects nothing without writing a file, says why, and exits 1; exits 2 when no file can be read", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Ghi chú").getCell("A1").value = "Không phải phiếu";
    await wb.xlsx.writeFile(join(dir, "khong-phieu.xlsx"));
    writeFileSync(join(dir, "hong.xlsx"), "không phải zip");
    const r = await run(["collect", "khong-phieu.xlsx", "hong.xlsx", "--out", "gom-rong.xlsx"]);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, "gom-rong.xlsx"))).toBe(false);
    expect(r.out).toBe("");
    expect(r.err).toContain("Không có phiếu nào để tổng hợp nên không ghi gom-rong.xlsx");
    expect(r.err).toContain("hong.xlsx");
    expect(r.err).toContain("Trang tính 'Ghi chú' không phải phiếu tự đánh giá");
    const none = await run(["collect", "hong.xlsx", "--out", "gom-rong.xlsx"]);
    expect(none.code).toBe(2);
    expect(existsSync(join(dir, "gom-rong.xlsx"))).toBe(false);
    expect(none.err.split("\n")[0]).toBe("Không đọc được tệp cần tổng hợp (không phải sổ làm việc .xlsx).");
  });
});

describe("what the second reviewer found", () => {
  const oneLineFailure = (r: Run): string => {
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    return r.err.trimEnd();
  };

  it("never writes the scored workbook over an input that is not .xlsx, nor anything but an .xlsx", async () => {
    copyFileSync(join(dir, "xa-phay.csv"), join(dir, "ban-sao.csv"));
    const before = readFileSync(join(dir, "ban-sao.csv"));
    expect(oneLineFailure(await run(["score", "ban-sao.csv", "--index", "xa.json", "--out", "ban-sao.csv"]))).toBe(
      "--out ban-sao.csv là tệp đầu vào, ghi vào đó sẽ làm mất số liệu; hãy chọn một tên tệp .xlsx khác.",
    );
    expect(oneLineFailure(await run(["score", "ban-sao.csv", "--index", "xa.json", "--out", "ban-sao.csv", "--lang", "en"]))).toBe(
      "--out ban-sao.csv is an input file and writing it would destroy its data; choose another .xlsx file name.",
    );
    // The same file under another name (a hard link) is the same input.
    linkSync(join(dir, "ban-sao.csv"), join(dir, "lien-ket.xlsx"));
    expect(oneLineFailure(await run(["score", "ban-sao.csv", "--index", "xa.json", "--out", "lien-ket.xlsx"]))).toContain("là tệp đầu vào");
    expect(oneLineFailure(await run(["score", "ban-sao.csv", "--index", "xa.json", "--out", "ket-qua.txt"]))).toBe(
      'Lệnh score ghi sổ làm việc Excel nên --out phải là tên tệp .xlsx, không phải "ket-qua.txt".',
    );
    expect(oneLineFailure(await run(["score", "ban-sao.csv", "--index", "xa.json", "--json", "ban-sao.csv"]))).toContain("--json ban-sao.csv là tệp đầu vào");
    expect(oneLineFailure(await run(["score", "ban-sao.csv", "--index", "xa.json", "--json", "xa.json"]))).toContain("--json xa.json là tệp đầu vào");
    expect(oneLineFailure(await run(["score", "ban-sao.csv", "--index", "xa.json", "--out", "a.xlsx", "--json", "a.xlsx"]))).toContain("--json và --out cùng chỉ tệp a.xlsx");
    expect(readFileSync(join(dir, "ban-sao.csv"))).toEqual(before);
    expect(existsSync(join(dir, "ket-qua.txt"))).toBe(false);
    // template and collect follow the same rule.
    writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\n");
    expect(oneLineFailure(await run(["template", "--index", "xa.json", "--units", "dv.csv", "--out", "dv.csv"]))).toContain("--out dv.csv là tệp đầu vào");
    expect(oneLineFailure(await run(["template", "--index", "xa.json", "--units", "dv.csv", "--out", "phieu.ods", "--lang", "en"]))).toBe(
      'The template command writes an Excel workbook, so --out must name an .xlsx file, not "phieu.ods".',
    );
    expect(oneLineFailure(await run(["collect", "khong-co.xlsx", "--out", "tong-hop.csv"]))).toContain("--out phải là tên tệp .xlsx");
    expect(readFileSync(join(dir, "dv.csv"), "utf8")).toBe("Mã đơn vị,Đơn vị\nX01,Xã An Bình\n");
  });

  it("scores a scored .xlsx in place: the analyst's second run", async () => {
    expect((await run(["score", "xa-phay.csv", "--index", "xa.json", "--out", "tai-cho.xlsx"])).code).toBe(0);
    const again = await run(["score", "tai-cho.xlsx", "--out", "tai-cho.xlsx"]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("Đã ghi tai-cho.xlsx");
  });

  it("reads a CSV saved by Excel on Vietnamese Windows (Windows-1258) and warns, naming the file", async () => {
    copyFileSync(join(__dirname, "../../test/fixtures/csv/xa-cp1258.csv"), join(dir, "xa-1258.csv"));
    const r = await run(["score", "xa-1258.csv", "--index", "xa.json", "--json", "kq-1258.json"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "Cảnh báo: Tệp xa-1258.csv không phải UTF-8; đã đọc theo bảng mã tiếng Việt Windows-1258. Hãy kiểm tra dấu tiếng Việt, hoặc lưu lại dưới dạng CSV UTF-8.",
    );
    const json = JSON.parse(readFileSync(join(dir, "kq-1258.json"), "utf8")) as ResultsJson;
    expect(pointsByCode(json)).toEqual(expect.objectContaining({ X01: 22.5, X02: 20, X03: 12.5 }));
    expect(json.units.map((u) => u.name).sort()).toEqual(["Xã An Bình", "Xã Phước Long", "Xã Tân Phú"]);
    expect(json.issues).toContainEqual(expect.objectContaining({ severity: "warning", code: "not-utf8", sheet: null, cell: null }));
    const en = await run(["validate", "xa-1258.csv", "--index", "xa.json", "--lang", "en"]);
    expect(en.out).toContain("Warning: The file xa-1258.csv is not UTF-8; it was read as Vietnamese Windows-1258.");
  });

  it("reads Excel's 'Unicode text' (UTF-16LE, tab separated) without a warning", async () => {
    copyFileSync(join(__dirname, "../../test/fixtures/csv/xa-unicode.txt"), join(dir, "xa-unicode.txt"));
    const r = await run(["score", "xa-unicode.txt", "--index", "xa.json", "--json", "-"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as ResultsJson;
    expect(pointsByCode(json)).toEqual(expect.objectContaining({ X01: 22.5, X02: 20, X03: 12.5 }));
    expect(json.issues).toEqual([]);
  });

  it("prints the ranking as the results sheet has it: overall rank, in rank order, and the rank within the category", async () => {
    const ranked = { ...definition, categories: [{ id: "xa", name: "Xã" }, { id: "phuong", name: { vi: "Phường", en: "Ward" } }], ranking: { within: "category" } };
    writeFileSync(join(dir, "xa-theo-nhom.json"), JSON.stringify(ranked));
    writeFileSync(
      join(dir, "xa-nhom.csv"),
      "Mã đơn vị,Đơn vị,Nhóm,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,xa,Có,0.5,3,4\nP01,Phường Một,phuong,Có,1,10,10\nX02,Xã Tân Phú,xa,Không,1,10,10\nX03,Xã Phước Long,xa,có,0.25,0,8\n",
    );
    const r = await run(["score", "xa-nhom.csv", "--index", "xa-theo-nhom.json"]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(/^Hạng\s+Mã đơn vị\s+Đơn vị\s+Loại đơn vị\s+Tổng điểm\s+Giá trị\s+Hạng trong loại\s+Tỷ lệ chỉ tiêu có số liệu\s+Số lỗi\s+Số cảnh báo$/);
    const rows = lines.slice(2, 6).map((l) => l.trim().split(/\s{2,}/));
    // P01 30 points, X01 22.5, X02 20, X03 12.5: overall ranks 1–4; within categories 1, 1, 2, 3.
    expect(rows.map((c) => [c[0], c[1], c[3], c[6]])).toEqual([
      ["1", "P01", "Phường", "1"],
      ["2", "X01", "Xã", "1"],
      ["3", "X02", "Xã", "2"],
      ["4", "X03", "Xã", "3"],
    ]);
    const en = await run(["score", "xa-nhom.csv", "--index", "xa-theo-nhom.json", "--lang", "en"]);
    expect(en.out.split("\n")[0]).toMatch(/^Rank\s+Unit code\s+Unit\s+Unit category\s+Total points\s+Value\s+Rank in category\s+Data coverage\s+Errors\s+Warnings$/);
  });

  it("says the results are out of date when an input changed since the workbook was scored", async () => {
    expect((await run(["score", "xa-phay.csv", "--index", "xa.json", "--out", "cu.xlsx"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "cu.xlsx"));
    const ws = wb.getWorksheet("xa-phay")!;
    expect(ws.getCell("B3").value).toBe("Xã Tân Phú");
    ws.getCell("C3").value = "Có";
    await wb.xlsx.writeFile(join(dir, "cu.xlsx"));
    const stamp = readStamp(wb);

    const v = await run(["validate", "cu.xlsx"]);
    expect(v.out.split("\n")[0]).toBe(`Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu kể từ lần chấm điểm ngày ${stamp.vi} (Xã Tân Phú). Hãy chấm điểm lại.`);
    const vEn = await run(["validate", "cu.xlsx", "--lang", "en", "--json", "-"]);
    const json = JSON.parse(vEn.out) as { stale: { scoredAt: string; changed: string[]; added: string[]; removed: string[]; message: string } };
    expect(json.stale).toEqual({
      scoredAt: expect.any(String),
      changed: ["X02"],
      added: [],
      removed: [],
      // By kind: X02's figures changed, nothing else.
      renamed: [],
      formerNames: {},
      otherIndex: [],
      unreadable: [],
      unreadableSheets: {},
      message: `The results are out of date: 1 unit's figures changed since they were scored on ${stamp.en} (Xã Tân Phú). Score again.`,
    });
    // Another content of the index given (its id and version kept): said so, and the inputs are
    // compared through the definition the workbook was scored with; the advice once, at the end.
    writeFileSync(join(dir, "xa-khac-ten.json"), JSON.stringify({ ...definition, name: "Bộ chỉ số thử (đổi tên)" }));
    expect((await run(["validate", "cu.xlsx", "--index", "xa-khac-ten.json"])).out.split("\n")[0]).toBe(
      `Kết quả trong sổ được chấm theo một nội dung khác của bộ chỉ số "Bộ chỉ số thử (đổi tên)" (xa-thu@2024, cùng mã và phiên bản): định nghĩa đang dùng khác định nghĩa lưu trong sổ. Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu kể từ lần chấm điểm ngày ${stamp.vi} (Xã Tân Phú). Hãy chấm điểm lại.`,
    );
    // score says so before the ranking, then scores again in place; afterwards nothing is stale.
    const s = await run(["score", "cu.xlsx"]);
    expect(s.out.split("\n")[0]).toContain("Hãy chấm điểm lại với --out để cập nhật sổ.");
    expect(s.out.split("\n")[2]).toMatch(/^Hạng/);
    const again = await run(["score", "cu.xlsx", "--out", "cu.xlsx", "--json", "-"]);
    expect(again.err.split("\n")[0]).toContain("Lần chấm này tính lại kết quả.");
    expect((JSON.parse(again.out) as { stale: unknown }).stale).toMatchObject({ changed: ["X02"] });
    const after = await run(["validate", "cu.xlsx", "--json", "-"]);
    expect(after.err).not.toContain("Kết quả đã cũ");
    expect((JSON.parse(after.out) as { stale: unknown }).stale).toBeNull();
  });

  it("asks for an .xlsx by name when given an Excel 97–2003 file or another format", async () => {
    for (const f of ["cu.xls", "bang.ods", "bang.pdf"]) writeFileSync(join(dir, f), "");
    expect(oneLineFailure(await run(["score", "cu.xls", "--index", "xa.json"]))).toBe(
      "Tệp cu.xls (Excel 97–2003) không đọc được; hãy mở trong Excel hoặc LibreOffice Calc và lưu lại dạng .xlsx.",
    );
    expect(oneLineFailure(await run(["validate", "cu.xls", "--index", "xa.json", "--lang", "en"]))).toBe(
      "The file cu.xls (Excel 97–2003) cannot be read; open it in Excel or LibreOffice Calc and save it as .xlsx.",
    );
    expect(oneLineFailure(await run(["score", "bang.ods", "--index", "xa.json"]))).toContain("(OpenDocument) không đọc được; hãy mở trong LibreOffice Calc và lưu lại dạng .xlsx.");
    expect(oneLineFailure(await run(["score", "bang.pdf", "--index", "xa.json"]))).toBe(
      "Tệp bang.pdf không đọc được: chỉ đọc sổ làm việc Excel (.xlsx, .xlsm) hoặc bảng văn bản (.csv, .txt, .tsv); hãy lưu lại tệp ở một trong các dạng đó.",
    );
    expect(oneLineFailure(await run(["collect", "cu.xls", "--out", "gom.xlsx"]))).toContain("Excel 97–2003");
    // A file that is not there is said to be missing, whatever its extension.
    expect(oneLineFailure(await run(["score", "khong-co.xls", "--index", "xa.json"]))).toBe("Không tìm thấy tệp khong-co.xls.");
  });

  it("shows a command's own help for <command> --help", async () => {
    const template = await run(["template", "--help"]);
    expect(template.code).toBe(0);
    expect(template.out.split("\n")[0]).toMatch(/^dti-scorer template --index/);
    expect(template.out).toContain("--units");
    expect(template.out).not.toContain("dti-scorer collect");
    for (const cmd of ["score", "validate", "template", "collect", "indices", "demo"]) {
      for (const lang of ["vi", "en"]) {
        const r = await run([cmd, "--help", "--lang", lang]);
        expect(r.code).toBe(0);
        expect(r.out.startsWith(`dti-scorer ${cmd}`)).toBe(true);
      }
    }
    expect((await run(["score", "-h", "--lang", "en"])).out).toContain("--out");
    expect((await run(["--help"])).out).toContain("Cách dùng");
  });

  it("warns when the files to gather hold forms of different indices, and does not list the instructions sheet", async () => {
    writeFileSync(join(dir, "xa-khac.json"), JSON.stringify({ ...definition, id: "xa-khac" }));
    writeFileSync(join(dir, "dv-a.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\n");
    writeFileSync(join(dir, "dv-b.csv"), "Mã đơn vị,Đơn vị\nX02,Xã Tân Phú\n");
    expect((await run(["template", "--index", "xa.json", "--units", "dv-a.csv", "--out", "mot.xlsx"])).code).toBe(0);
    expect((await run(["template", "--index", "xa-khac.json", "--units", "dv-b.csv", "--out", "hai.xlsx"])).code).toBe(0);
    const r = await run(["collect", "mot.xlsx", "hai.xlsx", "--out", "hon-hop.xlsx"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      "Cảnh báo: Các tệp chứa phiếu của những bộ chỉ số khác nhau: mot.xlsx (\"xa-thu@2024\"); hai.xlsx (\"xa-khac@2024\"). Một sổ chỉ chấm theo một bộ chỉ số; hãy tổng hợp riêng phiếu của từng bộ (hoặc dùng --index để chỉ lấy phiếu của một bộ).\n",
    );
    expect(r.out).toContain("Đã tổng hợp 2 phiếu");
    expect(r.out).not.toContain("Hướng dẫn");
    expect(r.out).not.toContain("Đã bỏ qua");
  });
});

/** The date of the provenance stamp in `_index`, as the stale sentence writes it. */
function readStamp(wb: ExcelJS.Workbook): { vi: string; en: string } {
  const ws = wb.getWorksheet("_index")!;
  let at = "";
  ws.eachRow((row) => {
    if (row.getCell(1).value === "scoredAt") at = String(row.getCell(2).value);
  });
  const d = new Date(at);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return {
    vi: `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`,
    en: `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`,
  };
}

describe("what the third audit found", () => {
  const TABLE = "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,0.5,3,4\nX02,Xã Tân Phú,Không,1,10,10\n";

  it.each(["results.csv", "Kết quả.csv", "charts.csv", "Biểu đồ.csv", "_index.csv"])(
    "scores a CSV table called %s: its name does not make it a sheet of the project's",
    async (file) => {
      writeFileSync(join(dir, file), TABLE);
      const out = `${file.replace(/\.csv$/, "")}-da-cham.xlsx`;
      const r = await run(["score", file, "--index", "xa.json", "--json", "-", "--out", out]);
      expect(r.code).toBe(0);
      expect(pointsByCode(JSON.parse(r.out) as ResultsJson)).toEqual({ X01: 22.5, X02: 20 });
      // The scored workbook scores again the same, its data sheet read and its results sheet not.
      const again = await run(["score", out, "--json", "-"]);
      expect(again.code).toBe(0);
      expect(pointsByCode(JSON.parse(again.out) as ResultsJson)).toEqual({ X01: 22.5, X02: 20 });
    },
  );

  it("scores a sheet of the user's called Kết quả in a workbook never scored", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Kết quả");
    for (const line of TABLE.trim().split("\n")) ws.addRow(line.split(","));
    await wb.xlsx.writeFile(join(dir, "bang-ket-qua.xlsx"));
    const r = await run(["score", "bang-ket-qua.xlsx", "--index", "xa.json", "--json", "-"]);
    expect(r.code).toBe(0);
    expect(pointsByCode(JSON.parse(r.out) as ResultsJson)).toEqual({ X01: 22.5, X02: 20 });
  });

  it("scores the forms of units called Kết quả and Biểu đồ like any other", async () => {
    writeFileSync(join(dir, "dv-ten-la.csv"), "Mã đơn vị,Đơn vị\nKQ,Kết quả\nBD,Biểu đồ\nX01,Xã An Bình\n");
    expect((await run(["template", "--index", "xa.json", "--units", "dv-ten-la.csv", "--out", "phieu-ten-la.xlsx"])).code).toBe(0);
    const r = await run(["score", "phieu-ten-la.xlsx", "--index", "xa.json", "--json", "-"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as ResultsJson).units.map((u) => u.code).sort()).toEqual(["BD", "KQ", "X01"]);
  });

  it("refuses a units file giving one code to two units, or one name to two units without a code, naming the lines, and writes nothing", async () => {
    writeFileSync(join(dir, "dv-trung.csv"), "Mã đơn vị,Đơn vị\nSXD,Sở Xây dựng\nSXD\u200b,Sở Xây dựng 2\n,Sở Tư pháp\nSTP,Sở Tư pháp 2\n,Sở Tư pháp\n3,Sở Số Ba\n");
    const r = await run(["template", "--index", "xa.json", "--units", "dv-trung.csv", "--out", "trung.xlsx"]);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, "trung.xlsx"))).toBe(false);
    const lines = r.err.trimEnd().split("\n");
    expect(lines[0]).toContain("dv-trung.csv có 2 mã đơn vị ghi cho nhiều đơn vị");
    expect(lines.slice(1)).toEqual([
      'dv-trung.csv, dòng 2 và 3: cùng mã đơn vị "SXD".',
      'dv-trung.csv, dòng 4 và 6: cùng tên đơn vị "Sở Tư pháp" và không ghi mã (đơn vị không có mã được nhận diện theo tên).',
    ]);
    const en = await run(["template", "--index", "xa.json", "--units", "dv-trung.csv", "--out", "trung.xlsx", "--lang", "en"]);
    expect(en.err).toContain('dv-trung.csv, lines 2 and 3: the same unit code "SXD".');
    expect(en.err).toContain('dv-trung.csv, lines 4 and 6: the same unit name "Sở Tư pháp" and no code (a unit without a code is known by its name).');
  });

  it("takes a built-in id for --index even when a folder of that name is in the current directory", async () => {
    mkdirSync(join(dir, "dti-so-nganh-mau"), { recursive: true });
    writeFileSync(join(dir, "so-2.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\n");
    const r = await run(["template", "--index", "dti-so-nganh-mau", "--units", "so-2.csv", "--out", "phieu-so-2.xlsx"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    // A folder that is no built-in id is still named as a folder.
    mkdirSync(join(dir, "thu-muc"), { recursive: true });
    const folder = await run(["template", "--index", "thu-muc", "--units", "so-2.csv", "--out", "x.xlsx"]);
    expect(folder.code).toBe(2);
    expect(folder.err).toContain("thư mục");
  });

  it("reads a semicolon CSV under an unpadded title line", async () => {
    writeFileSync(join(dir, "tieu-de.csv"), "Bảng tổng hợp số liệu năm 2024\n\n" + TABLE.replace(/,/g, ";").replace(/0\.5/g, "0,5"));
    const r = await run(["score", "tieu-de.csv", "--index", "xa.json", "--json", "-"]);
    expect(r.code).toBe(0);
    expect(pointsByCode(JSON.parse(r.out) as ResultsJson)).toEqual({ X01: 22.5, X02: 20 });
  });
});

describe("a unit's form protected with a password", () => {
  /** Every cell of a sheet that holds something: its value, note and fill, by address. */
  function cells(ws: ExcelJS.Worksheet): Map<string, string> {
    const out = new Map<string, string>();
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => out.set(cell.address, JSON.stringify([cell.value, cell.note ?? null, cell.fill ?? null]))),
    );
    return out;
  }
  const protectionOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
  /** The form's `Điểm` cell of the row whose `Mã` is `code`. */
  function scoreCell(ws: ExcelJS.Worksheet, code: string): ExcelJS.Cell {
    let header = 0;
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === "Mã") header = n;
      if (r.getCell(1).value === code) row = n;
    });
    let column = 0;
    ws.getRow(header).eachCell((c, n) => {
      if (c.value === "Điểm") column = n;
    });
    return ws.getCell(row, column);
  }
  const read = async (file: string): Promise<ExcelJS.Workbook> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, file));
    return wb;
  };
  const WARNING_VI =
    "Trang 'Xã An Bình' được bảo vệ bằng mật khẩu nên điểm và các đánh dấu của trang này chưa được ghi. Hãy bỏ bảo vệ trang (trong Excel: Xem lại > Bỏ bảo vệ trang tính; trong LibreOffice: bỏ chọn Công cụ > Bảo vệ trang tính) rồi chấm điểm lại; các trang khác đã được ghi đầy đủ.";

  beforeAll(async () => {
    writeFileSync(join(dir, "dv-mat-khau.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\nX02,Xã Tân Phú\n");
    expect((await run(["template", "--index", "xa.json", "--units", "dv-mat-khau.csv", "--out", "mat-khau.xlsx"])).code).toBe(0);
    const wb = await read("mat-khau.xlsx");
    const figures: Record<string, Record<string, ExcelJS.CellValue>> = {
      // 2.1 typed as text: an error the scoring would mark on the form.
      "Xã An Bình": { "1.1": "Có", "2.1": "một nửa", "2.2.a": 3, "2.2.b": 4 },
      "Xã Tân Phú": { "1.1": "Không", "2.1": 1, "2.2.a": 10, "2.2.b": 10 },
    };
    for (const [sheet, values] of Object.entries(figures)) {
      const ws = wb.getWorksheet(sheet)!;
      ws.eachRow((r) => {
        const code = r.getCell(1).value as string;
        if (code in values) r.getCell(4).value = values[code]!;
      });
    }
    // The official protects one form with a password; the other keeps the template's protection without one.
    await wb.getWorksheet("Xã An Bình")!.protect("bí mật", { selectLockedCells: true, selectUnlockedCells: true });
    await wb.xlsx.writeFile(join(dir, "mat-khau.xlsx"));
  }, 30_000);

  it("is left as it was, the run says which sheet to unprotect, and the other forms and the results are written", async () => {
    const before = await read("mat-khau.xlsx");
    const r = await run(["score", "mat-khau.xlsx", "--index", "xa.json", "--out", "mat-khau-da-cham.xlsx", "--json", "-"]);
    expect(r.code).toBe(1); // the text in 2.1 is an error
    const json = JSON.parse(r.out) as ResultsJson;
    // The scores are computed for both units, the protected one included.
    expect(pointsByCode(json)).toEqual({ X01: 10 + 0 + 7.5, X02: 0 + 10 + 10 });
    expect(json.issues).toContainEqual(expect.objectContaining({ severity: "warning", code: "write-warning", message: WARNING_VI }));
    expect(json.issues).toContainEqual(expect.objectContaining({ severity: "error", sheet: "Xã An Bình" }));
    expect(r.err).toContain(`Cảnh báo: ${WARNING_VI}\n`);

    const scored = await read("mat-khau-da-cham.xlsx");
    const locked = scored.getWorksheet("Xã An Bình")!;
    // Not a value, note (mark) or fill changed; still protected with the same password.
    expect(cells(locked)).toEqual(cells(before.getWorksheet("Xã An Bình")!));
    expect(scoreCell(locked, "XA").value).toBeNull();
    expect(protectionOf(locked)).toMatchObject({ sheet: true, hashValue: protectionOf(before.getWorksheet("Xã An Bình")!)!.hashValue });
    // The form protected without a password is scored, and stays protected without one.
    const open = scored.getWorksheet("Xã Tân Phú")!;
    expect(scoreCell(open, "XA").value).toBe(20);
    expect(protectionOf(open)).toMatchObject({ sheet: true });
    expect(protectionOf(open)!.hashValue).toBeUndefined();
    // The results sheet has both units.
    const results: string[] = [];
    scored.getWorksheet("Kết quả")!.eachRow((row) => row.eachCell((c) => results.push(String(c.value))));
    expect(results).toEqual(expect.arrayContaining(["Xã An Bình", "Xã Tân Phú"]));

    const en = await run(["score", "mat-khau.xlsx", "--index", "xa.json", "--out", "mat-khau-en.xlsx", "--lang", "en"]);
    expect(en.out).toContain(
      "Warning: The sheet 'Xã An Bình' is protected with a password, so its scores and marks were not written. Unprotect the sheet (in Excel: Review > Unprotect Sheet; in LibreOffice: untick Tools > Protect Sheet) and score again; the other sheets were written in full.\n",
    );
  }, 30_000);

  it("unprotected and scored again, gets its scores and marks", async () => {
    const wb = await read("mat-khau-da-cham.xlsx");
    wb.getWorksheet("Xã An Bình")!.unprotect();
    await wb.xlsx.writeFile(join(dir, "mat-khau-mo.xlsx"));
    const r = await run(["score", "mat-khau-mo.xlsx", "--out", "mat-khau-mo.xlsx"]);
    expect(r.out).not.toContain("mật khẩu");
    const form = (await read("mat-khau-mo.xlsx")).getWorksheet("Xã An Bình")!;
    expect(scoreCell(form, "XA").value).toBe(17.5);
    // The text typed in 2.1 is marked now: the mark's fill and a note naming what was typed.
    const typed = form.getCell(scoreCell(form, "2.1").row, 4);
    expect((typed.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(MARK_FILLS.error);
    expect(String(typed.note)).toContain("một nửa");
  }, 30_000);
});
