import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "./main";

interface Run {
  code: number;
  out: string;
  err: string;
}

const dir = mkdtempSync(join(tmpdir(), "dti-cli-"));

async function run(argv: string[], env: Record<string, string> = { LANG: "vi_VN.UTF-8" }): Promise<Run> {
  let out = "";
  let err = "";
  const code = await main(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    cwd: dir,
    env,
  });
  return { code, out, err };
}

/** A small index: a yes/no item, a percentage and a ratio, 30 points. */
const definition = {
  format: "index-definition/1",
  id: "xa-thu",
  version: "2024",
  name: { vi: "Bộ chỉ số thử cấp xã", en: "Test commune index" },
  root: {
    code: "XA",
    name: "Chỉ số CĐS cấp xã",
    children: [
      {
        code: "1",
        name: "Nhận thức số",
        children: [{ code: "1.1", name: "Có kế hoạch chuyển đổi số", max: 10, rule: { kind: "boolean" } }],
      },
      {
        code: "2",
        name: "Hoạt động chính quyền số",
        children: [
          { code: "2.1", name: "Tỷ lệ hồ sơ trực tuyến", max: 10, rule: { kind: "fraction" } },
          {
            code: "2.2",
            name: "Văn bản ký số",
            max: 10,
            inputs: [
              { code: "2.2.a", name: "Số văn bản ký số", type: "integer", min: 0 },
              { code: "2.2.b", name: "Tổng số văn bản", type: "integer", min: 0 },
            ],
            rule: { kind: "ratio", numerator: "2.2.a", denominator: "2.2.b" },
          },
        ],
      },
    ],
  },
};
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
  units: { code: string; name: string; category: string | null; value: number; points: number; rank: number; rankInCategory: number | null; ranked: boolean; coverage: number; nodes: Record<string, { value: number | null; points: number | null; rank: number | null }> }[];
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
    expect(Object.keys(json)).toEqual(["index", "units", "issues"]);
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
    expect(header).toMatch(/^Hạng\s+Mã\s+Đơn vị\s+Điểm\s+Giá trị\s+Độ phủ\s+Lỗi\/Cảnh báo$/);
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

  it("exits 1 and names the cell when the inputs have errors", async () => {
    const r = await run(["score", "xa-loi.csv", "--index", "xa.json"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/1 lỗi/);
    expect(r.out).toContain("C3");
  });
});

describe("dti-scorer validate", () => {
  it("writes only the index and the issues, with the cell of each finding", async () => {
    const r = await run(["validate", "xa-loi.csv", "--index", "xa.json", "--json", "-", "--lang", "en"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as ResultsJson;
    expect(Object.keys(json)).toEqual(["index", "issues"]);
    const error = json.issues.find((i) => i.severity === "error");
    expect(error).toMatchObject({ cell: "C3", node: "1.1", sheet: "xa-loi" });
    expect(error!.message).toMatch(/[A-Za-z]/);
    expect(r.err).toMatch(/1 errors?/);
  });

  it("exits 0 when nothing is wrong", async () => {
    const r = await run(["validate", "xa-phay.csv", "--index", "xa.json"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Không có lỗi hay cảnh báo.");
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

  it("says in English which file is missing when LANG is English", async () => {
    expect(oneLine(await run(["score", "missing.xlsx"], { LANG: "en_US.UTF-8" }))).toContain("File missing.xlsx does not exist");
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
    expect(c.out).toContain("Đã gom 3 phiếu");
    expect(c.out).toContain("X01");
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
    expect(byCode.X03!.notRankedNote).toMatch(/^Không xếp hạng: độ phủ số liệu 33% thấp hơn mức tối thiểu 90%$/);
    const rows = r.out.split("\n");
    expect(rows[0]).toMatch(/Ghi chú$/);
    expect(rows.find((l) => l.includes("X02"))).toMatch(/không xếp hạng: thuộc danh sách loại trừ$/);
    expect(rows.find((l) => l.includes("X03"))).toMatch(/không xếp hạng: độ phủ 33% < 90%$/);
    const en = await run(["score", "xa-thieu.csv", "--index", "xa-ngoai-le.json", "--json", "-", "--lang", "en"]);
    const enJson = JSON.parse(en.out) as { units: Record<string, unknown>[] };
    expect(enJson.units.find((u) => u.code === "X03")!.notRankedNote).toBe("Not ranked: data coverage 33% is below the minimum of 90%");
    expect(en.err).toMatch(/not ranked: coverage 33% < 90%/);
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
      'Định nghĩa bộ chỉ số nhieu-loi.json không hợp lệ: 3 lỗi; lỗi thứ nhất: id: Mã bộ chỉ số "Xa_Thu" chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ "dti-tinh-2022").',
    );
    expect(lines.slice(1).map((l) => l.split(":")[0])).toEqual(["id", "ranking.method", "root.children[2].code"]);
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
    expect(lines[0]).toContain("dv-nhom.csv có 2 dòng ghi nhóm không có trong bộ chỉ số");
    expect(lines.slice(1)).toEqual(['dv-nhom.csv, dòng 4: nhóm "thi-tran" không có trong bộ chỉ số.', 'dv-nhom.csv, dòng 6: nhóm "huyen" không có trong bộ chỉ số.']);
  });

  it("says the category column is ignored when the index has no categories", async () => {
    writeFileSync(join(dir, "dv-co-nhom.csv"), "Mã đơn vị,Đơn vị,Nhóm\nX01,Xã An Bình,xa\n");
    const r = await run(["template", "--index", "xa.json", "--units", "dv-co-nhom.csv", "--out", "co-nhom.xlsx"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("Cảnh báo: bộ chỉ số không chia nhóm đơn vị nên cột Nhóm của dv-co-nhom.csv được bỏ qua.\n");
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
    expect(r.err).toContain("Không có phiếu nào để gom nên không ghi gom-rong.xlsx");
    expect(r.err).toContain("hong.xlsx");
    expect(r.err).toContain('Trang tính "Ghi chú" không phải phiếu tự đánh giá');
    const none = await run(["collect", "hong.xlsx", "--out", "gom-rong.xlsx"]);
    expect(none.code).toBe(2);
    expect(existsSync(join(dir, "gom-rong.xlsx"))).toBe(false);
    expect(none.err.split("\n")[0]).toContain("Không đọc được tệp nào");
  });
});
