/**
 * "not-applicable-with-figures": an input answered N/A while other inputs of the same indicator
 * hold figures. The indicator stays not applicable, as the unit answered; a warning at the N/A
 * cell says so, naming the unit, the indicator and the inputs with figures.
 */
import { scoreUnits } from "../score";
import { modelOf } from "../score/test-helpers";
import type { CellValue, WorkbookSnapshot } from "../types";
import { csvToSnapshot } from "./csv";
import { readSubmissions } from "./read";

const model = modelOf({
  id: "t",
  root: {
    code: "R",
    name: "R",
    children: [
      { code: "1", name: "Có kế hoạch", max: 10, rule: { kind: "boolean" } },
      {
        code: "2",
        name: "Tỷ lệ",
        max: 10,
        allowNA: true,
        inputs: [{ code: "2.a" }, { code: "2.b" }, { code: "2.c", type: "text" }],
        rule: { kind: "ratio", numerator: "2.a", denominator: "2.b" },
      },
      {
        code: "3",
        name: "Hai việc",
        max: 10,
        allowNA: true,
        inputs: [
          { code: "3.a", type: "boolean" },
          { code: "3.b", type: "boolean" },
        ],
        rule: { kind: "expr", expr: "([3.a] + [3.b]) / 2" },
      },
    ],
  },
});

const form = (name: string, code: string, rows: [string, CellValue][]): WorkbookSnapshot => ({
  sheets: [
    {
      name,
      values: [
        ["Đơn vị", name],
        ["Mã đơn vị", code],
        ["Bộ chỉ số", "t@1"],
        [],
        ["Mã", "Nội dung", "Số liệu"],
        ...rows.map(([c, v]) => [c, c, v]),
      ] as CellValue[][],
    },
  ],
});

describe("an N/A answer beside figures of the same indicator", () => {
  test("on a form (layout A): a warning at the N/A cell, in both languages, and the indicator is still not applicable", () => {
    const reading = readSubmissions(
      model,
      form("Sở B", "SB", [
        ["1", "có"],
        ["2.a", 3],
        ["2.b", "Không áp dụng"],
        ["2.c", null],
        ["3.a", "có"],
        ["3.b", "có"],
      ]),
    );
    expect(reading.issues.map((i) => [i.code, i.severity, i.sheet, i.cell, i.unit, i.node, i.message.vi, i.message.en])).toEqual([
      [
        "not-applicable-with-figures",
        "warning",
        "Sở B",
        "C8",
        "SB",
        "2.b",
        `Trang tính 'Sở B', ô C8: đơn vị Sở B (SB) ghi "Không áp dụng" cho 2.b nhưng đã có số liệu cho 2.a; chỉ tiêu 2 được coi là không áp dụng — nếu chỉ tiêu có áp dụng, hãy xóa chữ "Không áp dụng" và nhập số liệu.`,
        `Sheet 'Sở B', cell C8: the unit Sở B (SB) answered "Không áp dụng" for input 2.b but gave a figure for input 2.a; indicator 2 is taken as not applicable — if it applies, delete "Không áp dụng" and enter the figure.`,
      ],
    ]);
    const u = scoreUnits(model, reading.submissions).units[0]!;
    expect(u.nodes["2"]).toMatchObject({
      available: false,
      reason: "answered-na",
    });
    expect(u.points).toBe(30); // 20 of the 20 points available, rescaled to the root's 30
  });

  test("a note (a text input) and yes/no boxes left blank beside boxes ticked with x are no figures", () => {
    const reading = readSubmissions(
      model,
      form("Sở C", "SC", [
        ["1", "x"],
        ["2.a", "N/A"],
        ["2.b", null],
        ["2.c", "Sở không có văn bản nào"],
        ["3.a", "KAD"],
        ["3.b", null],
      ]),
    );
    expect(reading.issues).toEqual([]);
    expect(reading.submissions[0]!.notApplicable).toEqual(["2", "3"]);
  });

  test("in a table of units (layout B): one warning per N/A cell, naming each unit and every input with figures", () => {
    const sheet: WorkbookSnapshot = {
      sheets: [
        {
          name: "Tổng hợp",
          values: [
            ["Mã đơn vị", "Đơn vị", "1", "2.a", "2.b", "3.a", "3.b", "2.c"],
            ["SA", "Sở A", "có", 1, 10, "có", "không", null],
            ["SB", "Sở B", "có", "KAD", 10, "N/A", "có", null],
            ["SC", "Sở C", "có", "N/A", "N/A", "N/A", "N/A", "Không có"],
          ],
        },
      ],
    };
    const reading = readSubmissions(model, sheet);
    expect(reading.issues.map((i) => [i.code, i.cell, i.unit, i.node, i.message.vi])).toEqual([
      [
        "not-applicable-with-figures",
        "D3",
        "SB",
        "2.a",
        `Trang tính 'Tổng hợp', ô D3: đơn vị Sở B (SB) ghi "KAD" cho 2.a nhưng đã có số liệu cho 2.b; chỉ tiêu 2 được coi là không áp dụng — nếu chỉ tiêu có áp dụng, hãy xóa chữ "KAD" và nhập số liệu.`,
      ],
      [
        "not-applicable-with-figures",
        "F3",
        "SB",
        "3.a",
        `Trang tính 'Tổng hợp', ô F3: đơn vị Sở B (SB) ghi "N/A" cho 3.a nhưng đã có số liệu cho 3.b; chỉ tiêu 3 được coi là không áp dụng — nếu chỉ tiêu có áp dụng, hãy xóa chữ "N/A" và nhập số liệu.`,
      ],
    ]);
    expect(reading.issues[1]!.message.en).toBe(
      `Sheet 'Tổng hợp', cell F3: the unit Sở B (SB) answered "N/A" for input 3.a but gave a figure for input 3.b; indicator 3 is taken as not applicable — if it applies, delete "N/A" and enter the figure.`,
    );
    const units = scoreUnits(model, reading.submissions).units;
    expect(units.map((u) => [u.nodes["2"]!.reason, u.nodes["3"]!.reason])).toEqual([
      [undefined, undefined],
      ["answered-na", "answered-na"],
      ["answered-na", "answered-na"],
    ]);
  });

  test("in a CSV file the place is the file, the row and the column; several inputs with figures are listed", () => {
    const three = modelOf({
      root: {
        code: "R",
        name: "R",
        children: [
          {
            code: "4",
            name: "Tổng hợp",
            max: 10,
            allowNA: true,
            inputs: [{ code: "4.a" }, { code: "4.b" }, { code: "4.c" }],
            rule: { kind: "expr", expr: "MIN(1, ([4.a] + [4.b]) / [4.c])" },
          },
        ],
      },
    });
    const reading = readSubmissions(three, csvToSnapshot("Mã đơn vị,Đơn vị,4.a,4.b,4.c\n,Phường Một,2,Không áp dụng,8\n", "b", "b.csv"));
    expect(reading.issues.map((i) => [i.code, i.severity, i.unit, i.message.vi, i.message.en])).toEqual([
      [
        "not-applicable-with-figures",
        "warning",
        "Phường Một",
        `Tệp b.csv, dòng 2, cột D: đơn vị Phường Một ghi "Không áp dụng" cho 4.b nhưng đã có số liệu cho 4.a và 4.c; chỉ tiêu 4 được coi là không áp dụng — nếu chỉ tiêu có áp dụng, hãy xóa chữ "Không áp dụng" và nhập số liệu.`,
        `File b.csv, row 2, column D: the unit Phường Một answered "Không áp dụng" for input 4.b but gave figures for inputs 4.a and 4.c; indicator 4 is taken as not applicable — if it applies, delete "Không áp dụng" and enter the figure.`,
      ],
    ]);
  });
});
