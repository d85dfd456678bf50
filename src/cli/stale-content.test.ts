/**
 * A scored workbook checked or scored again with another content of the index it was scored with:
 * the same id and version, an option's points changed (an edited copy of the definition), or an
 * earlier release of a built-in (its formerHashes). The results are said to be of another content
 * (text and the JSON `stale`, kind `otherContent`), and score --out says that the definition the
 * workbook keeps is replaced by the one given. Real files, written and read back.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findBuiltin } from "../indices";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-content-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

interface Json {
  index: { id: string; version: string };
  stale: Record<string, unknown> | null;
}

const department = findBuiltin("dti-so-nganh-mau")!.definition as { id: string; version: string; name: { vi: string; en: string } };
const ID = `${department.id}@${department.version}`;

beforeAll(async () => {
  // A copy of the built-in (kept as a file), and that copy with an option worth 8 points instead of 5.
  const text = JSON.stringify(department, null, 2);
  expect(text).toContain('"points": 5\n');
  writeFileSync(join(dir, "so-nganh.json"), text);
  writeFileSync(join(dir, "sua.json"), text.replace('"points": 5\n', '"points": 8\n'));
  writeFileSync(join(dir, "dv.csv"), "Mã đơn vị,Đơn vị,Nhóm\nSNV,Sở Nội vụ,co-dvc\nSTC,Sở Tài chính,co-dvc\n");
  expect((await run(["template", "--index", "so-nganh.json", "--units", "dv.csv", "--out", "phieu.xlsx"])).code).toBe(0);
  expect((await run(["score", "phieu.xlsx", "--index", "so-nganh.json", "--out", "cham.xlsx"])).code).toBe(0);
}, 60_000);

describe("results computed with another content of the index (the same id and version)", () => {
  it("validate says so first, and the JSON `stale` has the kind otherContent; the definition scored with says nothing", async () => {
    const v = await run(["validate", "cham.xlsx", "--index", "sua.json"]);
    expect(v.out.split("\n")[0]).toBe(
      `Kết quả trong sổ được chấm theo một nội dung khác của bộ chỉ số "${department.name.vi}" (${ID}, cùng mã và phiên bản): định nghĩa đang dùng khác định nghĩa lưu trong sổ; hãy chấm điểm lại.`,
    );
    const en = await run(["validate", "cham.xlsx", "--index", "sua.json", "--json", "-", "--lang", "en"], "en");
    const stale = (JSON.parse(en.out) as Json).stale;
    expect(stale).toEqual({
      scoredAt: expect.any(String),
      changed: [],
      added: [],
      removed: [],
      renamed: [],
      formerNames: {},
      otherIndex: [],
      unreadable: [],
      unreadableSheets: {},
      otherContent: { id: department.id, version: department.version },
      message: `The results in the workbook were scored with other content of the index "${department.name.en}" (${ID}, the same id and version): the definition in use differs from the one kept in the workbook; score again.`,
    });
    // The definition the workbook keeps, given or not: up to date.
    for (const argv of [["validate", "cham.xlsx", "--json", "-"], ["validate", "cham.xlsx", "--index", "so-nganh.json", "--json", "-"]]) {
      expect((JSON.parse((await run(argv)).out) as Json).stale).toBeNull();
    }
  });

  it("score --out with the edited copy says on stderr that the definition kept is replaced, and computes the results again; then nothing is stale", async () => {
    const s = await run(["score", "cham.xlsx", "--index", "sua.json", "--out", "cham-2.xlsx"]);
    expect(s.code).toBe(0);
    expect(s.out.split("\n")[0]).toMatch(/cùng mã và phiên bản\): định nghĩa đang dùng khác định nghĩa lưu trong sổ; lần chấm này tính lại kết quả\.$/);
    expect(s.err.split("\n").filter((l) => l.includes("--index"))).toEqual([
      `Cảnh báo: Định nghĩa bộ chỉ số lưu trong sổ (${ID}) được thay bằng định nghĩa của --index sua.json: cùng mã và phiên bản nhưng nội dung khác.`,
    ]);
    const after = await run(["validate", "cham-2.xlsx", "--index", "sua.json", "--json", "-"]);
    expect((JSON.parse(after.out) as Json).stale).toBeNull();
    // The copy's points are the ones kept now: the first definition is another content of it.
    expect((JSON.parse((await run(["validate", "cham-2.xlsx", "--index", "so-nganh.json", "--json", "-"])).out) as Json).stale).toMatchObject({ otherContent: { id: department.id } });
    // In English too; and nothing said when the definition kept is the one given, or without --out (nothing written).
    const en = await run(["score", "cham.xlsx", "--index", "sua.json", "--out", "cham-3.xlsx", "--lang", "en"], "en");
    expect(en.err).toContain(`Warning: The index definition kept in the workbook (${ID}) is replaced by the one given to --index sua.json: the same id and version, but other content.\n`);
    expect((await run(["score", "cham.xlsx", "--index", "so-nganh.json", "--out", "cham-4.xlsx"])).err).not.toContain("được thay bằng");
    expect((await run(["score", "cham.xlsx", "--index", "sua.json"])).err).not.toContain("được thay bằng");
  });
});

describe("a workbook scored with an earlier release of a built-in", () => {
  it("is said to be scored with another content of it when the built-in is chosen, and scoring with it says the definition kept is replaced", async () => {
    const former = readFileSync(join(__dirname, "../../test/fixtures/former-builtins/release-2/dti-district-sample.json"));
    writeFileSync(join(dir, "huyen-cu.json"), former);
    const builtin = findBuiltin("dti-huyen-mau")!.definition as { id: string; version: string };
    writeFileSync(join(dir, "huyen.csv"), "Mã đơn vị,Đơn vị\nH01,Huyện Một\nH02,Huyện Hai\n");
    expect((await run(["template", "--index", "huyen-cu.json", "--units", "huyen.csv", "--out", "huyen-phieu.xlsx"])).code).toBe(0);
    expect((await run(["score", "huyen-phieu.xlsx", "--index", "huyen-cu.json", "--out", "huyen-cham.xlsx"])).code).toBe(0);
    // Scored again without --index: the definition it keeps, the old rules, and nothing to say.
    expect((JSON.parse((await run(["validate", "huyen-cham.xlsx", "--json", "-"])).out) as Json).stale).toBeNull();
    const v = await run(["validate", "huyen-cham.xlsx", "--index", "dti-huyen-mau", "--json", "-"]);
    expect((JSON.parse(v.out) as Json).stale).toMatchObject({ otherContent: { id: builtin.id, version: builtin.version } });
    const s = await run(["score", "huyen-cham.xlsx", "--index", "dti-huyen-mau", "--out", "huyen-moi.xlsx"]);
    expect(s.err).toContain(`được thay bằng định nghĩa của --index dti-huyen-mau: cùng mã và phiên bản nhưng nội dung khác.`);
  }, 60_000);
});
