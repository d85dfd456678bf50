/**
 * A scored workbook a year later: the index gets a new version (an indicator removed, one added).
 * Relabelled forms are not "units gone", and forms of the old version are refused with one
 * sentence that names both versions and says what to do. Real .xlsx files, written and read back.
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
    expect(v.out.split("\n")[0]).toBe('Kết quả trong sổ được chấm theo bộ chỉ số "Bộ chỉ số thử cấp xã" phiên bản 2024; bộ chỉ số đang dùng là phiên bản 2025: hãy chấm điểm lại.');
    expect(v.out).not.toContain("không còn trong sổ");

    const en = await run(["validate", "nam-sau.xlsx", "--index", "xa-2025.json", "--lang", "en", "--json", "-"], "en");
    const stale = (JSON.parse(en.out) as { stale: StaleJson }).stale;
    // The forms are all there: each unit's form changed (it names the new version), none is gone.
    expect(stale).toEqual({
      scoredAt: expect.any(String),
      changed: ["X01", "X02", "X03"],
      added: [],
      removed: [],
      // Of the kind "its form names another index", each of them.
      renamed: [],
      formerNames: {},
      otherIndex: ["X01", "X02", "X03"],
      unreadable: [],
      unreadableSheets: {},
      scoredWith: { id: "xa-thu", version: "2024" },
      message: 'The results in the workbook were scored with the index "Test commune index" version 2024; the index in use is version 2025: score again.',
    });

    // score without --out says how to update the workbook; with it, scores again and nothing is stale after.
    const s = await run(["score", "nam-sau.xlsx", "--index", "xa-2025.json"]);
    expect(s.out.split("\n")[0]).toMatch(/: hãy chấm điểm lại với --out để cập nhật sổ\.$/);
    expect(s.out).toMatch(/Đã chấm 3 đơn vị/);
    const again = await run(["score", "nam-sau.xlsx", "--index", "xa-2025.json", "--out", "nam-sau.xlsx", "--lang", "en"], "en");
    expect(again.out.split("\n")[0]).toBe(
      'The results in the workbook were scored with the index "Test commune index" version 2024; the index in use is version 2025: this run computes them again.',
    );
    const after = await run(["validate", "nam-sau.xlsx", "--json", "-"]);
    expect((JSON.parse(after.out) as { index: unknown; stale: unknown }).index).toEqual({ id: "xa-thu", version: "2025" });
    expect((JSON.parse(after.out) as { stale: unknown }).stale).toBeNull();
  });

  it("a form relabelled alone is said to name another index, by its unit's name, not to be gone; a deleted form is gone", async () => {
    await relabel("cham.xlsx", "mot-phieu.xlsx", "xa-thu@2025", ["Xã Tân Phú"]);
    const v = await run(["validate", "mot-phieu.xlsx"]);
    expect(v.code).toBe(1); // the relabelled form itself is an error of the inputs
    expect(v.out.split("\n")[0]).toMatch(/^Kết quả đã cũ: 1 đơn vị có phiếu đã đổi sang bộ chỉ số khác từ lần chấm điểm \d\d\/\d\d\/\d{4} \(Xã Tân Phú\)\. Hãy chấm điểm lại\.$/);
    const en = JSON.parse((await run(["validate", "mot-phieu.xlsx", "--lang", "en", "--json", "-"], "en")).out) as { stale: StaleJson };
    expect(en.stale).toMatchObject({ changed: ["X02"], added: [], removed: [], otherIndex: ["X02"] });
    expect(en.stale).not.toHaveProperty("scoredWith");
    expect(en.stale.message).toMatch(/^The results are out of date: 1 unit's form was changed to another index since they were scored on .* \(Xã Tân Phú\)\. Score again\.$/);

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
  it("score refuses in one sentence naming both versions and what to do, writes nothing, exit 2", async () => {
    const vi = await run(["score", "cham.xlsx", "--index", "xa-2025.json", "--out", "moi.xlsx"]);
    expect(vi.code).toBe(2);
    expect(vi.out).toBe("");
    expect(vi.err).toBe(
      'Các phiếu trong sổ được lập theo bộ chỉ số "Bộ chỉ số thử cấp xã" phiên bản 2024, không phải bộ chỉ số đang dùng (phiên bản 2025), nên chưa đọc được phiếu nào. ' +
        "Hãy lập phiếu mới cho bộ chỉ số đang dùng bằng lệnh template, hoặc dùng bộ chỉ số của các phiếu: bỏ --index để dùng bộ chỉ số lưu trong sổ.\n",
    );
    expect(existsSync(join(dir, "moi.xlsx"))).toBe(false);
    const en = await run(["score", "cham.xlsx", "--index", "xa-2025.json", "--out", "moi.xlsx", "--lang", "en"], "en");
    expect(en.code).toBe(2);
    expect(en.err).toBe(
      'The forms in this workbook were made for the index "Test commune index" version 2024, not the index in use (version 2025), so no form could be read. ' +
        "Make new forms for the index in use with the template command, or use the forms' index: leave out --index to use the one kept in the workbook.\n",
    );
    // The advice works: without --index the workbook's own definition reads every form.
    expect((await run(["score", "cham.xlsx"])).out).toMatch(/Đã chấm 3 đơn vị/);
  });

  it("validate says the same sentence above the findings (exit 1), each form's finding in the list and the JSON", async () => {
    const v = await run(["validate", "phieu.xlsx", "--index", "xa-2025.json", "--json", "loi.json"]);
    expect(v.code).toBe(1);
    const lines = v.out.split("\n");
    // Never scored: no definition kept in the workbook, and the forms' index is no built-in one.
    expect(lines[0]).toBe(
      'Các phiếu trong sổ được lập theo bộ chỉ số "Bộ chỉ số thử cấp xã" phiên bản 2024, không phải bộ chỉ số đang dùng (phiên bản 2025), nên chưa đọc được phiếu nào. ' +
        "Hãy lập phiếu mới cho bộ chỉ số đang dùng bằng lệnh template, hoặc dùng bộ chỉ số của các phiếu: --index với tệp định nghĩa (.json) của bộ chỉ số đó.",
    );
    expect(v.out).toContain("Kết quả kiểm tra: 3 lỗi");
    const en = await run(["validate", "phieu.xlsx", "--index", "xa-2025.json", "--json", "-", "--lang", "en"], "en");
    const json = JSON.parse(en.out) as { issues: { code: string; sheet: string }[]; stale: unknown };
    expect(json.issues.map((i) => [i.code, i.sheet])).toEqual(UNITS.map(([, name]) => ["definition-mismatch", name]));
    expect(json.stale).toBeNull();
    expect(en.err.split("\n")[0]).toMatch(/^The forms in this workbook were made for the index "Test commune index" version 2024, not the index in use \(version 2025\)/);
  });

  it("forms of a built-in index are pointed to it by its id; an index of another id is named by id@version", async () => {
    const builtin = BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!;
    const def = builtin.definition as { version: string };
    writeFileSync(join(dir, "so-nganh-moi.json"), JSON.stringify({ ...def, version: "moi" }));
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "dv.csv", "--out", "phieu-so.xlsx"])).code).toBe(0);
    const r = await run(["score", "phieu-so.xlsx", "--index", "so-nganh-moi.json", "--lang", "en"], "en");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`version ${def.version}, not the index in use \\(version moi\\), so no form could be read\\. `));
    expect(r.err).toMatch(/or use the forms' index: --index dti-so-nganh-mau\.\n$/);

    writeFileSync(join(dir, "xa-khac.json"), JSON.stringify({ ...v2024, id: "xa-khac" }));
    const other = await run(["score", "phieu.xlsx", "--index", "xa-khac.json"]);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/^Các phiếu trong sổ được lập theo bộ chỉ số "xa-thu@2024", không phải bộ chỉ số đang dùng "Bộ chỉ số thử cấp xã" phiên bản 2024, nên chưa đọc được phiếu nào\. /);
  });
});
