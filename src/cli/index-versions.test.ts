/**
 * A scored workbook a year later: the index gets a new version (an indicator removed, one added).
 * Relabelled forms are not "units gone". Forms of the old version are read by the codes of their
 * rows, each with one warning naming both versions; the rows the versions differ on are said as on
 * any form (a row missing, a code the version in use does not know). Forms of another index (another
 * id) are still refused with one sentence that names both and says what to do. Real .xlsx files,
 * written and read back.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { BUILTIN_INDICES } from "../indices";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-versions-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

const v2024 = {
  format: "index-definition/1",
  id: "xa-thu",
  version: "2024",
  name: { vi: "Bộ chỉ số thử cấp xã", en: "Test commune index" },
  root: {
    code: "XA",
    name: "Chỉ số CĐS cấp xã",
    children: [
      { code: "1", name: "Nhận thức số", children: [{ code: "1.1", name: "Có kế hoạch chuyển đổi số", max: 10, rule: { kind: "boolean" } }] },
      { code: "2", name: "Hoạt động chính quyền số", children: [{ code: "2.1", name: "Tỷ lệ hồ sơ trực tuyến", max: 10, rule: { kind: "fraction" } }] },
    ],
  },
};
/** The next year's version: 1.1 removed, 1.2 added. */
const v2025 = {
  ...v2024,
  version: "2025",
  root: {
    ...v2024.root,
    children: [{ code: "1", name: "Nhận thức số", children: [{ code: "1.2", name: "Có cổng thông tin điện tử", max: 10, rule: { kind: "boolean" } }] }, v2024.root.children[1]],
  },
};

const UNITS: [string, string][] = [
  ["X01", "Xã An Bình"],
  ["X02", "Xã Tân Phú"],
  ["X03", "Xã Phước Long"],
];

/** Each form's `Bộ chỉ số` cell (the value beside that label), on the sheets `only` names (all forms without it). */
async function relabel(from: string, to: string, text: string, only?: string[]): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, from));
  let n = 0;
  wb.eachSheet((ws) => {
    if (only && !only.includes(ws.name)) return;
    for (let r = 1; r <= 8; r++) {
      if (ws.getCell(r, 1).value === "Bộ chỉ số") {
        ws.getCell(r, 2).value = text;
        n++;
      }
    }
  });
  await wb.xlsx.writeFile(join(dir, to));
  return n;
}

beforeAll(async () => {
  writeFileSync(join(dir, "xa-2024.json"), JSON.stringify(v2024));
  writeFileSync(join(dir, "xa-2025.json"), JSON.stringify(v2025));
  // Another index: the same indicators under another id.
  writeFileSync(join(dir, "xa-khac.json"), JSON.stringify({ ...v2024, id: "xa-khac" }));
  writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị\n" + UNITS.map((u) => u.join(",")).join("\n") + "\n");
  expect((await run(["template", "--index", "xa-2024.json", "--units", "dv.csv", "--out", "phieu.xlsx"])).code).toBe(0);
  // The units fill in their forms: 1.1 and 2.1 in the `Số liệu` column.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "phieu.xlsx"));
  UNITS.forEach(([, name], i) => {
    const ws = wb.getWorksheet(name)!;
    const header = [...Array(12).keys()].map((r) => ws.getCell(r + 1, 1).value).indexOf("Mã") + 1;
    const valueCol = [...Array(12).keys()].map((c) => ws.getCell(header, c + 1).value).indexOf("Số liệu") + 1;
    ws.eachRow((row, r) => {
      const code = row.getCell(1).value;
      if (r > header && code === "1.1") ws.getCell(r, valueCol).value = i % 2 === 0 ? "Có" : "Không";
      if (r > header && code === "2.1") ws.getCell(r, valueCol).value = 0.25 * (i + 1);
    });
  });
  await wb.xlsx.writeFile(join(dir, "phieu.xlsx"));
  expect((await run(["score", "phieu.xlsx", "--index", "xa-2024.json", "--out", "cham.xlsx"])).code).toBe(0);
});

interface IssueJson {
  severity: string;
  code: string;
  sheet: string | null;
  cell: string | null;
  unit: string | null;
  node: string | null;
  message: string;
}

interface UnitJson {
  code: string;
  points: number;
  nodes: Record<string, { points: number | null }>;
}

/** Each unit's form of the 2024 version read with the 2025 one: its row 1.2 missing (A8), its code 1.1 unknown (A11). */
const ROWS_2025 = UNITS.flatMap(([code, name]) => [
  ["missing-row", "warning", name, "A8", code, "1.2"],
  ["unknown-code", "warning", name, "A11", code, null],
]);
/** An issue as [code, severity, sheet, cell, unit, node]. */
const brief = (i: IssueJson) => [i.code, i.severity, i.sheet, i.cell, i.unit, i.node];

interface StaleJson {
  scoredAt: string;
  changed: string[];
  added: string[];
  removed: string[];
  otherIndex: string[];
  scoredWith?: { id: string; version: string };
  message: string;
}

describe("results scored with last year's version", () => {
  it("say the results were scored with the other version, not that every unit has left the workbook", async () => {
    expect(await relabel("cham.xlsx", "nam-sau.xlsx", "xa-thu@2025")).toBe(3);

    const v = await run(["validate", "nam-sau.xlsx", "--index", "xa-2025.json"]);
    expect(v.code).toBe(0); // the forms are read: what the versions differ on are warnings
    expect(v.out.split("\n")[0]).toBe('Kết quả trong sổ được chấm theo bộ chỉ số "Bộ chỉ số thử cấp xã" phiên bản 2024; bộ chỉ số đang dùng là phiên bản 2025: hãy chấm điểm lại.');
    expect(v.out).not.toContain("không còn trong sổ");

    const en = await run(["validate", "nam-sau.xlsx", "--index", "xa-2025.json", "--lang", "en", "--json", "-"], "en");
    const json = JSON.parse(en.out) as { stale: StaleJson; issues: IssueJson[] };
    // The forms are all there and read as any form of the version in use (they name it now): none
    // is gone, and no unit is said to have changed, its figures being as they were scored. The
    // version is what is said.
    expect(json.stale).toEqual({
      scoredAt: expect.any(String),
      changed: [],
      added: [],
      removed: [],
      renamed: [],
      formerNames: {},
      otherIndex: [],
      unreadable: [],
      unreadableSheets: {},
      scoredWith: { id: "xa-thu", version: "2024" },
      message: 'The results in the workbook were scored with the index "Test commune index" version 2024; the index in use is version 2025: score again.',
    });
    // Their rows are of last year: 1.2 missing, 1.1 unknown, on each form; no word about the version they name.
    expect(json.issues.map(brief)).toEqual(ROWS_2025);

    // score without --out says how to update the workbook; with it, scores again and nothing is stale after.
    const s = await run(["score", "nam-sau.xlsx", "--index", "xa-2025.json"]);
    expect(s.out.split("\n")[0]).toMatch(/: hãy chấm điểm lại với --out để cập nhật sổ\.$/);
    expect(s.out).toMatch(/Đã chấm điểm và xếp hạng 3 đơn vị\./);
    const again = await run(["score", "nam-sau.xlsx", "--index", "xa-2025.json", "--out", "nam-sau.xlsx", "--lang", "en"], "en");
    expect(again.out.split("\n")[0]).toBe(
      'The results in the workbook were scored with the index "Test commune index" version 2024; the index in use is version 2025: this run computes them again.',
    );
    const after = await run(["validate", "nam-sau.xlsx", "--json", "-"]);
    expect((JSON.parse(after.out) as { index: unknown; stale: unknown }).index).toEqual({ id: "xa-thu", version: "2025" });
    expect((JSON.parse(after.out) as { stale: unknown }).stale).toBeNull();
  });

  it("a form relabelled alone with the next version is read by its rows as before: a warning, the results not out of date", async () => {
    await relabel("cham.xlsx", "mot-phieu.xlsx", "xa-thu@2025", ["Xã Tân Phú"]);
    const v = await run(["validate", "mot-phieu.xlsx"]);
    expect(v.code).toBe(0);
    expect(v.out).not.toContain("Kết quả đã cũ");
    expect(v.out).toContain(
      "Cảnh báo: Trang tính 'Xã Tân Phú', ô B3: phiếu được lập theo bộ chỉ số \"xa-thu@2025\" (phiên bản 2025), không phải phiên bản đang dùng (2024); phiếu được đọc theo mã ở từng dòng với phiên bản 2024",
    );
    const en = JSON.parse((await run(["validate", "mot-phieu.xlsx", "--lang", "en", "--json", "-"], "en")).out) as { stale: unknown; issues: IssueJson[]; units: UnitJson[] };
    expect(en.stale).toBeNull();
    expect(en.issues.map(brief)).toEqual([["definition-mismatch", "warning", "Xã Tân Phú", "B3", "X02", null]]);
    // Its figures are read: 1.1 "Không", 2.1 50%, as scored.
    expect(en.units.find((u) => u.code === "X02")).toMatchObject({ points: 5, nodes: { "1.1": { points: 0 }, "2.1": { points: 5 } } });
  });

  it("a form relabelled alone with another index is said to name another index, by its unit's name, not to be gone; a deleted form is gone", async () => {
    await relabel("cham.xlsx", "khac-phieu.xlsx", "xa-khac@2024", ["Xã Tân Phú"]);
    const v = await run(["validate", "khac-phieu.xlsx"]);
    expect(v.code).toBe(1); // the relabelled form itself is an error of the inputs
    expect(v.out.split("\n")[0]).toMatch(/^Kết quả đã cũ: 1 đơn vị có phiếu đã đổi sang bộ chỉ số khác kể từ lần chấm điểm ngày \d\d\/\d\d\/\d{4} \(Xã Tân Phú\)\. Hãy chấm điểm lại\.$/);
    const en = JSON.parse((await run(["validate", "khac-phieu.xlsx", "--lang", "en", "--json", "-"], "en")).out) as { stale: StaleJson; issues: IssueJson[] };
    expect(en.stale).toMatchObject({ changed: ["X02"], added: [], removed: [], otherIndex: ["X02"] });
    expect(en.stale).not.toHaveProperty("scoredWith");
    expect(en.stale.message).toMatch(/^The results are out of date: 1 unit's form was changed to another index since they were scored on .* \(Xã Tân Phú\)\. Score again\.$/);
    expect(en.issues.map(brief)).toEqual([["definition-mismatch", "error", "Xã Tân Phú", "B3", "X02", null]]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "cham.xlsx"));
    wb.removeWorksheet(wb.getWorksheet("Xã Phước Long")!.id);
    await wb.xlsx.writeFile(join(dir, "bot-phieu.xlsx"));
    const gone = JSON.parse((await run(["validate", "bot-phieu.xlsx", "--json", "-"])).out) as { stale: StaleJson };
    expect(gone.stale).toMatchObject({ changed: [], added: [], removed: ["X03"] });
    expect(gone.stale.message).toMatch(/^Kết quả đã cũ: 1 đơn vị không còn trong sổ /);
  });
});

describe("forms of last year's version scored with this year's", () => {
  it("score reads each form by its rows' codes with one warning naming both versions, says the rows the versions differ on, and writes (exit 0)", async () => {
    const vi = await run(["score", "cham.xlsx", "--index", "xa-2025.json", "--out", "moi.xlsx"]);
    expect(vi.code).toBe(0);
    expect(vi.err).toBe("");
    expect(vi.out.split("\n")[0]).toBe(
      'Kết quả trong sổ được chấm theo bộ chỉ số "Bộ chỉ số thử cấp xã" phiên bản 2024; bộ chỉ số đang dùng là phiên bản 2025: lần chấm này tính lại kết quả.',
    );
    expect(vi.out).not.toContain("chưa đọc được phiếu nào");
    for (const [, name] of UNITS) {
      expect(vi.out).toContain(
        `Cảnh báo: Trang tính '${name}', ô B3: phiếu được lập theo bộ chỉ số "xa-thu@2024" (phiên bản 2024), không phải phiên bản đang dùng (2025); phiếu được đọc theo mã ở từng dòng với phiên bản 2025 — hãy kiểm tra các dòng mà hai phiên bản khác nhau`,
      );
      expect(vi.out).toContain(`Cảnh báo: Trang tính '${name}', ô A8: bảng không có dòng cho chỉ tiêu 1.2`);
      expect(vi.out).toContain(`Cảnh báo: Trang tính '${name}', ô A11: mã "1.1" không có trong bộ chỉ số nên được bỏ qua.`);
    }
    expect(vi.out).toContain("Đã chấm điểm và xếp hạng 3 đơn vị.");
    expect(existsSync(join(dir, "moi.xlsx"))).toBe(true);
    // The rows both versions have are read: 2.1 as each unit gave it; 1.2 had no row, so no points.
    const scored = JSON.parse((await run(["validate", "moi.xlsx", "--json", "-"])).out) as { index: unknown; units: UnitJson[]; stale: unknown };
    expect(scored.index).toEqual({ id: "xa-thu", version: "2025" });
    expect(scored.units.map((u) => [u.code, u.points, u.nodes["1.2"]?.points, u.nodes["2.1"]?.points])).toEqual([
      ["X03", 7.5, 0, 7.5],
      ["X02", 5, 0, 5],
      ["X01", 2.5, 0, 2.5],
    ]);
    expect(scored.stale).toBeNull();

    const en = await run(["score", "cham.xlsx", "--index", "xa-2025.json", "--out", "moi-en.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(0);
    expect(en.out).toContain(
      "Warning: Sheet 'Xã An Bình', cell B3: the form was made for the index \"xa-thu@2024\" (version 2024), not the version in use (2025); it is read by the codes of its rows with version 2025 — check the rows on which the two versions differ",
    );
    // The forms' own version (kept in the workbook) reads every form as it was made: no warning about the version.
    const own = await run(["score", "cham.xlsx"]);
    expect(own.out).toMatch(/Đã chấm điểm và xếp hạng 3 đơn vị\./);
    expect(own.out).not.toContain("phiên bản đang dùng");
  });

  it("validate lists each form's warning with what the versions differ on, in the list and the JSON (exit 0: no error)", async () => {
    const v = await run(["validate", "phieu.xlsx", "--index", "xa-2025.json", "--json", "loi.json"]);
    expect(v.code).toBe(0);
    expect(v.out).not.toContain("chưa đọc được phiếu nào");
    expect(v.out).toContain("Kết quả kiểm tra: 9 cảnh báo");
    const en = await run(["validate", "phieu.xlsx", "--index", "xa-2025.json", "--json", "-", "--lang", "en"], "en");
    const json = JSON.parse(en.out) as { issues: IssueJson[]; stale: unknown };
    expect(json.issues.map(brief)).toEqual(
      UNITS.flatMap(([code, name], i) => [["definition-mismatch", "warning", name, "B3", code, null], ...ROWS_2025.slice(2 * i, 2 * i + 2)]),
    );
    // Never scored: nothing is out of date.
    expect(json.stale).toBeNull();
  });

  it("forms of a built-in index's other version are read with that warning; forms of another index are refused, exit 2, pointed to a built-in by its id", async () => {
    const builtin = BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!;
    const def = builtin.definition as { version: string };
    writeFileSync(join(dir, "so-nganh-moi.json"), JSON.stringify({ ...def, version: "moi" }));
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu-so.xlsx"])).code).toBe(0);
    const r = await run(["score", "phieu-so.xlsx", "--index", "so-nganh-moi.json", "--lang", "en"], "en");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain(`the form was made for the index "dti-so-nganh-mau@${def.version}" (version ${def.version}), not the version in use (moi); it is read by the codes of its rows with version moi`);
    expect(r.out).toContain("Scored and ranked 3 departments.");

    // Another index (another id): no form is read. A built-in one is pointed to by its id.
    const builtinForms = await run(["score", "phieu-so.xlsx", "--index", "xa-khac.json", "--lang", "en"], "en");
    expect(builtinForms.code).toBe(2);
    expect(builtinForms.out).toBe("");
    expect(builtinForms.err).toMatch(new RegExp(`version ${def.version}, not the index in use "Test commune index" version 2024, so no form could be read\\. `));
    expect(builtinForms.err).toMatch(/or use the forms' index: --index dti-so-nganh-mau\.\n$/);
  });
});

describe("forms of another index (another id)", () => {
  it("score refuses in one sentence naming both indices and what to do, writes nothing, exit 2", async () => {
    const vi = await run(["score", "cham.xlsx", "--index", "xa-khac.json", "--out", "khac.xlsx"]);
    expect(vi.code).toBe(2);
    expect(vi.out).toBe("");
    expect(vi.err).toBe(
      'Các phiếu trong sổ được lập theo bộ chỉ số "xa-thu@2024", không phải bộ chỉ số đang dùng "Bộ chỉ số thử cấp xã" phiên bản 2024, nên chưa đọc được phiếu nào. ' +
        "Hãy lập phiếu mới cho bộ chỉ số đang dùng bằng lệnh template, hoặc dùng bộ chỉ số của các phiếu: bỏ --index để dùng bộ chỉ số lưu trong sổ.\n",
    );
    expect(existsSync(join(dir, "khac.xlsx"))).toBe(false);
    const en = await run(["score", "cham.xlsx", "--index", "xa-khac.json", "--out", "khac.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(2);
    expect(en.err).toBe(
      'The forms in this workbook were made for the index "xa-thu@2024", not the index in use "Test commune index" version 2024, so no form could be read. ' +
        "Make new forms for the index in use with the template command, or use the forms' index: leave out --index to use the one kept in the workbook.\n",
    );
  });

  it("forms whose Bộ chỉ số holds the index's name are scored with it; a title that is no id is refused with what to type there", async () => {
    expect(await relabel("phieu.xlsx", "phieu-ten.xlsx", "BỘ CHỈ SỐ THỬ CẤP XÃ")).toBe(3);
    const named = await run(["score", "phieu-ten.xlsx", "--index", "xa-2024.json"]);
    expect(named.code).toBe(0);
    expect(named.out).toContain("Đã chấm điểm và xếp hạng 3 đơn vị.");

    expect(await relabel("phieu.xlsx", "phieu-tieu-de.xlsx", "Bộ chỉ số CĐS xã năm 2024")).toBe(3);
    const titled = await run(["score", "phieu-tieu-de.xlsx", "--index", "xa-2024.json"]);
    expect(titled.code).toBe(2);
    expect(titled.err).toBe(
      'Các phiếu trong sổ được lập theo bộ chỉ số "Bộ chỉ số CĐS xã năm 2024", không phải bộ chỉ số đang dùng "Bộ chỉ số thử cấp xã" phiên bản 2024, nên chưa đọc được phiếu nào. ' +
        "Nếu các phiếu được lập theo bộ chỉ số đang dùng, hãy ghi xa-thu@2024 vào ô Bộ chỉ số của từng phiếu. " +
        "Hãy lập phiếu mới cho bộ chỉ số đang dùng bằng lệnh template, hoặc dùng bộ chỉ số của các phiếu: --index với tệp định nghĩa (.json) của bộ chỉ số đó.\n",
    );
  });

  it("validate says the same sentence above the findings (exit 1), each form's error in the list and the JSON", async () => {
    const v = await run(["validate", "phieu.xlsx", "--index", "xa-khac.json", "--json", "loi-khac.json"]);
    expect(v.code).toBe(1);
    // Never scored: no definition kept in the workbook, and the forms' index is no built-in one.
    expect(v.out.split("\n")[0]).toBe(
      'Các phiếu trong sổ được lập theo bộ chỉ số "xa-thu@2024", không phải bộ chỉ số đang dùng "Bộ chỉ số thử cấp xã" phiên bản 2024, nên chưa đọc được phiếu nào. ' +
        "Hãy lập phiếu mới cho bộ chỉ số đang dùng bằng lệnh template, hoặc dùng bộ chỉ số của các phiếu: --index với tệp định nghĩa (.json) của bộ chỉ số đó.",
    );
    expect(v.out).toContain("Kết quả kiểm tra: 3 lỗi");
    const en = await run(["validate", "phieu.xlsx", "--index", "xa-khac.json", "--json", "-", "--lang", "en"], "en");
    const json = JSON.parse(en.out) as { issues: IssueJson[]; stale: unknown };
    expect(json.issues.map(brief)).toEqual(UNITS.map(([code, name]) => ["definition-mismatch", "error", name, "B3", code, null]));
    expect(json.stale).toBeNull();
    expect(en.err.split("\n")[0]).toMatch(/^The forms in this workbook were made for the index "xa-thu@2024", not the index in use "Test commune index" version 2024, so no form could be read\. /);
  });
});

describe("forms of a version whose rows changed meaning, scored with the next", () => {
  /** Version 1: 1.1 and 2.1 are percentages; version 2: 1.1 is points, 2.1 a count with a target of 100. */
  const t1 = {
    format: "index-definition/1",
    id: "thu-lam-tron",
    version: "1",
    name: { vi: "Thử làm tròn", en: "Rounding test" },
    root: {
      code: "T",
      name: "Tổng",
      children: [
        { code: "1", name: { vi: "Nhóm một", en: "Group one" }, children: [{ code: "1.1", name: "Một", max: 10, rule: { kind: "fraction" } }] },
        { code: "2", name: { vi: "Nhóm hai", en: "Group two" }, children: [{ code: "2.1", name: "Hai", max: 10, rule: { kind: "fraction" } }] },
      ],
    },
  };
  const t2 = {
    ...t1,
    version: "2",
    root: {
      ...t1.root,
      children: [
        { code: "1", name: { vi: "Nhóm một", en: "Group one" }, children: [{ code: "1.1", name: "Một", max: 10, rule: { kind: "points" } }] },
        { code: "2", name: { vi: "Nhóm hai", en: "Group two" }, children: [{ code: "2.1", name: "Hai (số người)", max: 10, rule: { kind: "target", target: 100 } }] },
      ],
    },
  };

  it("say each row whose figure the form shows as a percentage, or words otherwise, at its figure cell; the form's warning counts them (exit 0)", async () => {
    writeFileSync(join(dir, "t1.json"), JSON.stringify(t1));
    writeFileSync(join(dir, "t2.json"), JSON.stringify(t2));
    expect((await run(["template", "--index", "t1.json", "--units", "dv.csv", "--out", "t-phieu.xlsx"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "t-phieu.xlsx"));
    const ws = wb.getWorksheet("Xã An Bình")!;
    const header = [...Array(12).keys()].map((r) => ws.getCell(r + 1, 1).value).indexOf("Mã") + 1;
    const valueCol = [...Array(12).keys()].map((c) => ws.getCell(header, c + 1).value).indexOf("Số liệu") + 1;
    const cells: Record<string, string> = {};
    ws.eachRow((row, r) => {
      const code = row.getCell(1).value;
      if (r <= header || (code !== "1.1" && code !== "2.1")) return;
      ws.getCell(r, valueCol).value = code === "1.1" ? 0.92535 : 0.5;
      cells[code] = ws.getCell(r, valueCol).address;
    });
    await wb.xlsx.writeFile(join(dir, "t-phieu.xlsx"));

    const r = await run(["validate", "t-phieu.xlsx", "--index", "t2.json", "--json", "-", "--lang", "en"], "en");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { issues: IssueJson[] };
    const mine = json.issues.filter((i) => i.sheet === "Xã An Bình" && i.code === "definition-mismatch");
    expect(mine.map((i) => [i.severity, i.cell, i.node])).toEqual([
      ["warning", "B3", null],
      ["warning", cells["1.1"], "1.1"],
      ["warning", cells["2.1"], "2.1"],
    ]);
    expect(mine[0]!.message).toContain("(2 rows defined differently in the two versions, missing rows");
    expect(mine[1]!.message).toContain(
      "row 1.1 is defined differently in version 1 (the form's) and version 2 (in use): the figure is shown as a percentage, but in version 2 this row takes no percentage; the figure here is read as version 2 defines it — check the figure, or make the form again for version 2 (Make forms in the Collect step, or the dti-scorer template command).",
    );
    // The form wrote "Hai (%)"; version 2 names the row "Hai (số người)".
    expect(mine[2]!.message).toContain("version 2 (in use): the item's wording differs; the figure is shown as a percentage, but in version 2 this row takes no percentage;");

    const vi = await run(["score", "t-phieu.xlsx", "--index", "t2.json"]);
    expect(vi.code).toBe(0);
    expect(vi.out).toContain(
      `Cảnh báo: Trang tính 'Xã An Bình', ô ${cells["1.1"]}: dòng 1.1 được định nghĩa khác nhau ở phiên bản 1 (của phiếu) và phiên bản 2 (đang dùng): ô số liệu hiển thị dạng phần trăm, nhưng ở phiên bản 2 dòng này không nhận tỷ lệ phần trăm; số liệu ở đây được đọc theo phiên bản 2 — hãy kiểm tra lại số liệu, hoặc lập lại phiếu theo phiên bản 2 (Tạo phiếu ở bước Thu thập, hoặc lệnh dti-scorer template).`,
    );
  });
});
