/**
 * A table of units whose input columns are headed by the inputs' names alone, as published tables
 * head them ("Tổng số văn bản", "tong_so_van_ban", "Ban chỉ đạo" for an indicator read from one
 * input of its own): read as those inputs. A name two inputs share names neither; a code heading
 * always wins over a name.
 */
import { csvToSnapshot } from "./csv";
import { sampleModel } from "./fixtures";
import { readSubmissions } from "./read";

const read = (csv: string, model = sampleModel()) => readSubmissions(model, csvToSnapshot(csv, "bang", "bang.csv"));

describe("input columns headed by the inputs' names", () => {
  test("names as written, folded (case, diacritics, underscores), and an indicator's own name for its single input", () => {
    const r = read(["Mã đơn vị,Đơn vị,so_van_ban_do_chu_tich_ky,TỔNG SỐ VĂN BẢN,Ban chỉ đạo,1.3", "S1,Sở A,3,4,Có,Chủ tịch"].join("\n"));
    expect(r.submissions.map((s) => s.values)).toEqual([{ "1.2.a": 3, "1.2.b": 4, "1.1": true, "1.3": "Chủ tịch" }]);
    // The columns are read, not said to be missing.
    const missing = r.issues.filter((i) => i.code === "missing-row").map((i) => i.message.en).join(" ");
    expect(missing).toContain("2.1");
    expect(missing).not.toMatch(/1\.2\.a|1\.2\.b|indicator 1\.1\b/);
  });

  test("an English name reads too", () => {
    const model = sampleModel({
      root: {
        code: "DTI",
        name: "DTI",
        children: [{ code: "1", name: "G", children: [{ code: "1.1", name: { vi: "Tỷ lệ hồ sơ trực tuyến", en: "Online applications share" }, max: 10, rule: { kind: "fraction" } }] }],
      },
    });
    const r = read(["Unit,Online applications share", "Sở A,0.5"].join("\n"), model);
    expect(r.submissions.map((s) => s.values)).toEqual([{ "1.1": 0.5 }]);
  });

  test("a name two inputs share is no heading of either: the table is not read as theirs", () => {
    const model = sampleModel({
      root: {
        code: "DTI",
        name: "DTI",
        children: [
          {
            code: "1",
            name: "G",
            children: [
              { code: "1.1", name: "Số cuộc họp", max: 10, rule: { kind: "target", target: 4 } },
              { code: "1.2", name: "Số cuộc họp", max: 10, rule: { kind: "target", target: 2 } },
              { code: "1.3", name: "Tỷ lệ", max: 10, rule: { kind: "fraction" } },
            ],
          },
        ],
      },
    });
    const r = read(["Đơn vị,Số cuộc họp,Tỷ lệ", "Sở A,3,0.5"].join("\n"), model);
    expect(r.submissions.map((s) => s.values)).toEqual([{ "1.3": 0.5 }]);
  });

  test("a column headed by a code is that code's, whatever another column's name says", () => {
    const r = read(["Đơn vị,1.2.b,Tổng số văn bản", "Sở A,4,9"].join("\n"));
    expect(r.submissions[0]!.values["1.2.b"]).toBe(4);
    // The second column for 1.2.b is said to be left out, as any second column of one input.
    expect(r.issues.find((i) => i.code === "unknown-code" && i.node === "1.2.b")).toEqual(expect.objectContaining({ severity: "warning" }));
  });
});
