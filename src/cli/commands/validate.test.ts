import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { communeIndex, runCli } from "../test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-validate-index-"));
const run = (argv: string[]) => runCli(argv, dir);

/** The commune index of the tests: groups 1 and 2, indicators 1.1, 2.1 and 2.2, 30 points. */
const definition = communeIndex({ name: "Tỷ lệ hồ sơ trực tuyến", rule: { kind: "fraction" } });
writeFileSync(join(dir, "xa.json"), JSON.stringify(definition));

describe("dti-scorer validate --index without a workbook checks the definition alone", () => {
  it("says a valid definition is valid on one line, in the user's language, with exit status 0", async () => {
    const vi = await run(["validate", "--index", "xa.json"]);
    expect(vi).toEqual({ code: 0, out: "Bộ chỉ số hợp lệ: Bộ chỉ số thử cấp xã (xa-thu@2024), 2 nhóm chỉ số, 3 chỉ tiêu, tổng điểm tối đa 30.\n", err: "" });
    const en = await run(["validate", "--index", "xa.json", "--lang", "en"]);
    expect(en).toEqual({ code: 0, out: "Valid index definition: Test commune index (xa-thu@2024), 2 groups, 3 indicators, 30 points in total.\n", err: "" });
    // A built-in by its id; an index scored on values has no total points.
    expect((await run(["validate", "--index", "dti-tinh-922-2022"])).out).toMatch(/^Bộ chỉ số hợp lệ: .* \(dti-tinh-922-2022@2022\), \d+ nhóm chỉ số, 9 chỉ tiêu, tổng điểm tối đa 1\.000\.\n$/);
    expect((await run(["validate", "--index", "undp-hdi", "--lang", "en"])).out).toMatch(/\), 1 group, 4 indicators, scored on values \(no total points\)\.\n$/);
  });

  it("lists every problem of an invalid definition as any command does, with exit status 2", async () => {
    const broken = {
      ...definition,
      categories: [],
      root: {
        ...definition.root,
        max: 30,
        children: [{ ...definition.root.children[0], max: 15, appliesTo: [] }, { ...definition.root.children[1], code: " 1.1 " }],
      },
    };
    writeFileSync(join(dir, "hong.json"), JSON.stringify(broken));
    const r = await run(["validate", "--index", "hong.json", "--json", "-", "--lang", "en"]);
    expect(r.code).toBe(2);
    // --json holds the same problems as data: the contract's object, each problem an error issue with its JSON path.
    const json = JSON.parse(r.out) as { index: unknown; units: unknown[]; issues: { severity: string; code: string; path: string; cell: unknown; message: string }[] };
    expect(json.index).toEqual({ id: "xa-thu", version: "2024" });
    expect(json.units).toEqual([]);
    expect(json.issues.map((i) => [i.severity, i.path, i.cell])).toEqual([
      ["error", "categories", null],
      ["error", "root.children[0].appliesTo", null],
      ["error", "root.children[0].max", null],
      ["error", "root.children[1].code", null],
    ]);
    expect(json.issues[2]!.message).toBe('group 1 (root.children[0].max): The max 15 differs from the sum of the children\'s max (10); make them equal, or set "rescale": true to rescale to 15.');
    const lines = r.err.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^The index definition hong\.json is not valid: 4 problems; the first: categories: "categories" is an empty list/);
    // One wrong group max is one problem, at the group, not also at the root; a padded code is named trimmed.
    // The first problem is said in the reason, the others on lines of their own: each once.
    expect(lines.slice(1).map((l) => l.split(": ")[0])).toEqual([
      "group 1 (root.children[0].appliesTo)",
      "group 1 (root.children[0].max)",
      "group 1.1 (root.children[1].code)",
    ]);
    expect(lines.filter((l) => l.includes('"categories" is an empty list'))).toHaveLength(1);
    expect(lines[2]).toBe('group 1 (root.children[0].max): The max 15 differs from the sum of the children\'s max (10); make them equal, or set "rescale": true to rescale to 15.');
  });

  it("writes the --json contract with no units and no issues, to stdout or a file", async () => {
    const r = await run(["validate", "--index", "xa.json", "--json", "-"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ index: { id: "xa-thu", version: "2024" }, units: [], issues: [], stale: null });
    // The summary goes to stderr so that stdout stays JSON.
    expect(r.err).toBe("Bộ chỉ số hợp lệ: Bộ chỉ số thử cấp xã (xa-thu@2024), 2 nhóm chỉ số, 3 chỉ tiêu, tổng điểm tối đa 30.\n");
    const f = await run(["validate", "--index", "xa.json", "--json", "kq.json", "--lang", "en"]);
    expect(f.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "kq.json"), "utf8"))).toEqual({ index: { id: "xa-thu", version: "2024" }, units: [], issues: [], stale: null });
    expect(f.out).toContain("kq.json");
    // --json may not name the definition it reads.
    expect((await run(["validate", "--index", "xa.json", "--json", "xa.json"])).code).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, "xa.json"), "utf8"))).toEqual(definition);
  });

  it("warns, as template does, about a copy of a built-in that kept its id and version", async () => {
    const builtin = JSON.parse((await run(["indices", "--json", "-"])).out) as { id: string; file: string }[];
    const copy = JSON.parse(readFileSync(builtin.find((b) => b.id === "dti-so-nganh-mau")!.file, "utf8")) as { root: { name: string } };
    copy.root.name = "Đã sửa";
    writeFileSync(join(dir, "ban-sao.json"), JSON.stringify(copy));
    const r = await run(["validate", "--index", "ban-sao.json", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^Warning: This definition has the id and version \(dti-so-nganh-mau@mau-2023\) of the built-in sample but other content: change its "id"/);
    expect(r.out).toMatch(/^Valid index definition: /);
  });

  it("without --index nor a file, the error says how to check a definition alone", async () => {
    const vi = await run(["validate"]);
    expect(vi.code).toBe(2);
    expect(vi.err).toBe(
      "Lệnh validate cần đúng một tệp sổ làm việc (.xlsx) hoặc bảng (.csv); để chỉ kiểm tra một định nghĩa bộ chỉ số, dùng validate --index <tệp.json | mã có sẵn>, không kèm tệp.\n",
    );
    expect((await run(["validate", "--lang", "en"])).err).toContain("to check an index definition alone, use validate --index <file.json | built-in id>");
    // score still needs its file.
    expect((await run(["score", "--index", "xa.json"])).err).toBe("Lệnh score cần đúng một tệp sổ làm việc (.xlsx) hoặc bảng (.csv).\n");
  });

  it("says so in validate's help, in both languages", async () => {
    expect((await run(["validate", "--help"])).out).toContain("dti-scorer validate --index <tệp.json | mã có sẵn>");
    expect((await run(["validate", "--help", "--lang", "en"])).out).toContain("With --index and no file: check the index definition alone.");
    expect((await run(["--help", "--lang", "en"])).out).toContain("dti-scorer validate --index <file.json | built-in id>");
  });
});
