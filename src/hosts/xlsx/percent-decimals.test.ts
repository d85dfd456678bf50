/**
 * How many decimals a form's percentage cells show: enough that a step of the last digit shown
 * moves the indicator's points by no more than the ranking compares. The 2022 provincial index
 * ranks on points to 1 decimal and has indicators worth 200 and 150 points, where 84,06% and
 * 84,14% (168,1 and 168,3 points) would both show 84,1%: their cells show two decimals, the
 * indicators worth 100 keep one. Real workbooks: made, filled with the published figures, scored
 * and read back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { parseDefinition } from "../../core/definition";
import type { IndexModel } from "../../core/definition/model";
import { runScoring } from "../../core/pipeline";
import { parseCsv } from "../../core/read/csv";
import { roundHalfUp } from "../../core/score";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";
import { open, rowOf } from "./test-workbooks";

function modelOf(def: unknown): IndexModel {
  const parsed = parseDefinition(def);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

/** Columns of the published table → codes of the main indicators (6, smart city, is not published). */
const COLUMNS: Record<string, string> = {
  nhan_thuc_so: "1",
  the_che_so: "2",
  ha_tang_so: "3",
  nhan_luc_so: "4",
  an_toan_thong_tin_mang: "5",
  hoat_dong_chinh_quyen_so: "7",
  hoat_dong_kinh_te_so: "8",
  hoat_dong_xa_hoi_so: "9",
};

/** The five first provinces of 2022 as published (4 decimals), by a code of the test's. */
function published(): { code: string; name: string; values: Record<string, number> }[] {
  const { rows } = parseCsv(readFileSync(join(__dirname, "../../../test/fixtures/dti-2022-top5.csv")));
  const [header, ...body] = rows;
  const col = (name: string) => header!.indexOf(name);
  return body.map((r, i) => ({
    code: `T${i + 1}`,
    name: r[col("province")]!,
    values: Object.fromEntries(Object.entries(COLUMNS).map(([column, code]) => [code, Number(r[col(column)])])),
  }));
}

/** What Excel shows of a number in a percentage format "0%", "0.0%", "0.00%"… (decimal point, half away from zero). */
function shown(value: number, numFmt: string): string {
  const m = /^0(?:\.(0+))?%$/.exec(numFmt);
  if (!m) throw new Error(`not a percentage format: ${numFmt}`);
  const decimals = m[1]?.length ?? 0;
  return `${roundHalfUp(Number((value * 100).toPrecision(15)), decimals).toFixed(decimals)}%`;
}

/** The `Số liệu` column (and `Số liệu thẩm định` right of it) of a form of an index with points. */
const VALUE = 4;
const APPRAISED = 5;

describe("the provincial forms of 2022 (ranked on points to 1 decimal)", () => {
  const model = modelOf(findBuiltin("dti-tinh-922-2022")!.definition);

  test("show two decimals of a percentage for the indicators worth 200 and 150 points, one for those worth 100", async () => {
    const wb = await open(await makeTemplate(model, [{ code: "T2", name: "TP. Hồ Chí Minh" }], { lang: "vi" }));
    const ws = wb.getWorksheet("TP. Hồ Chí Minh")!;
    const formats = (col: number) => Object.fromEntries(["1", "2", "3", "4", "5", "7", "8", "9"].map((code) => [code, ws.getCell(rowOf(ws, code), col).numFmt]));
    const expected = { "1": "0.0%", "2": "0.0%", "3": "0.0%", "4": "0.0%", "5": "0.0%", "7": "0.00%", "8": "0.00%", "9": "0.00%" };
    expect(formats(VALUE)).toEqual(expected);
    expect(formats(APPRAISED)).toEqual(expected);
    // A step of the last digit shown moves an indicator's points by 0.1 at most: the ranking's precision.
    for (const [code, format] of Object.entries(expected)) {
      const decimals = format.length - "0.%".length;
      expect([code, model.nodes.get(code)!.max! * 10 ** -(decimals + 2) <= 0.1 + 1e-12]).toEqual([code, true]);
    }
  });

  test("filled with the published figures and scored, two provinces whose points on an indicator differ at 1 decimal never show the same rate", async () => {
    const provinces = published();
    // A sixth province, as Hồ Chí Minh but 84,14% on the activities of digital government (7):
    // 168,3 points against 168,1, where one decimal would show 84,1% twice.
    const hcm = provinces.find((p) => p.name === "TP. Hồ Chí Minh")!;
    expect(hcm.values["7"]).toBe(0.8406);
    provinces.push({ code: "T6", name: "Tỉnh thử", values: { ...hcm.values, "7": 0.8414 } });
    const wb = await open(await makeTemplate(model, provinces, { lang: "vi" }));
    for (const p of provinces) {
      const ws = wb.getWorksheet(p.name)!;
      for (const [code, v] of Object.entries(p.values)) ws.getCell(rowOf(ws, code), VALUE).value = v;
    }
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "tinh.xlsx");
    const result = await runScoring(host, { lang: "vi", projectVersion: "test", now: new Date("2024-06-08T00:00:00Z"), definition: findBuiltin("dti-tinh-922-2022")!.definition });
    const out = await open(await host.toBuffer());

    // What each form's Số liệu cell holds and shows, read back from the scored file.
    const cell = (name: string, code: string): ExcelJS.Cell => {
      const ws = out.getWorksheet(name)!;
      return ws.getCell(rowOf(ws, code), VALUE);
    };
    const text = (name: string, code: string) => shown(cell(name, code).value as number, cell(name, code).numFmt);
    expect(cell("TP. Hồ Chí Minh", "7").value).toBe(0.8406);
    expect(text("TP. Hồ Chí Minh", "7")).toBe("84.06%");
    expect(text("Tỉnh thử", "7")).toBe("84.14%");
    expect(text("TP. Hồ Chí Minh", "8")).toBe("76.11%");
    expect(text("TP. Hồ Chí Minh", "1")).toBe("89.2%");

    const points = (name: string, code: string) => roundHalfUp(result.table.units.find((u) => u.name === name)!.nodes[code]!.points!, 1);
    expect([points("TP. Hồ Chí Minh", "7"), points("Tỉnh thử", "7")]).toEqual([168.1, 168.3]);
    for (const code of Object.values(COLUMNS)) {
      for (const a of provinces) {
        for (const b of provinces) {
          if (a === b || points(a.name, code) === points(b.name, code)) continue;
          expect([code, a.name, b.name, text(a.name, code)]).not.toEqual([code, a.name, b.name, text(b.name, code)]);
        }
      }
    }
  }, 60_000);
});

describe("the provincial forms of 2022 ranked on their value to 4 decimals", () => {
  // The value times the root's max (1,000) is the points: values 0,0001 apart are 0,1 point apart,
  // as the published ranking on points to 1 decimal tells them.
  const builtin = findBuiltin("dti-tinh-922-2022")!.definition as { ranking: object };
  const model = modelOf({ ...builtin, ranking: { ...builtin.ranking, on: "value", decimals: 4 } });

  test("show the decimals of a ranking on points to 1 decimal: two for the indicators worth 200 and 150 points, one for those worth 100", async () => {
    expect(model.root.max).toBe(1000);
    const wb = await open(await makeTemplate(model, [{ code: "T2", name: "TP. Hồ Chí Minh" }], { lang: "vi" }));
    const ws = wb.getWorksheet("TP. Hồ Chí Minh")!;
    const formats = Object.fromEntries(["1", "2", "3", "4", "5", "7", "8", "9"].map((code) => [code, ws.getCell(rowOf(ws, code), VALUE).numFmt]));
    expect(formats).toEqual({ "1": "0.0%", "2": "0.0%", "3": "0.0%", "4": "0.0%", "5": "0.0%", "7": "0.00%", "8": "0.00%", "9": "0.00%" });
  });
});

describe("a form's percentage decimals, by the indicator's points and the ranking's decimals", () => {
  const definition = (ranking: { on?: "points" | "value"; decimals?: number } | undefined, max: number) => ({
    format: "index-definition/1",
    id: "ty-le",
    version: "1",
    name: { vi: "Bộ chỉ số tỷ lệ", en: "Rates index" },
    ...(ranking ? { ranking } : {}),
    root: {
      code: "R",
      name: "Tổng",
      children: [
        { code: "1", name: "Tỷ lệ hồ sơ trực tuyến", max, inputs: [{ code: "1", type: "percent" }], rule: { kind: "fraction" } },
        { code: "2", name: "Tỷ lệ văn bản ký số", max: 10, inputs: [{ code: "2", type: "percent" }], rule: { kind: "fraction" } },
      ],
    },
  });
  const format = async (ranking: { on?: "points" | "value"; decimals?: number } | undefined, max: number): Promise<[string, string]> => {
    const wb = await open(await makeTemplate(modelOf(definition(ranking, max)), [{ code: "A", name: "Sở A" }], { lang: "vi" }));
    const ws = wb.getWorksheet("Sở A")!;
    return [ws.getCell(rowOf(ws, "1"), VALUE).numFmt, ws.getCell(rowOf(ws, "2"), VALUE).numFmt];
  };

  test.each([
    // Ranked to 2 decimals: 0,01% of 100 points is 0,01 point; of 1,000 it is 0,1, so three decimals.
    [{ decimals: 2 }, 100, ["0.00%", "0.00%"]],
    [{ decimals: 2 }, 1000, ["0.000%", "0.00%"]],
    // Ranked on the unrounded figure: held to 0,01 point, as to 2 decimals.
    [undefined, 500, ["0.000%", "0.00%"]],
    [{}, 100, ["0.00%", "0.00%"]],
    // Ranked to 3 decimals: 0,001% of 10 points is 0,0001 point; of 100 points, 4 decimals at most.
    [{ decimals: 3 }, 10, ["0.00%", "0.00%"]],
    [{ decimals: 3 }, 100, ["0.000%", "0.00%"]],
    [{ decimals: 4 }, 100000, ["0.0000%", "0.000%"]],
    // Ranked to whole points: one decimal at least, as before.
    [{ decimals: 0 }, 1000, ["0.0%", "0.0%"]],
    [{ decimals: 1 }, 101, ["0.00%", "0.0%"]],
    // Ranked on the value to 3 decimals, the root worth 1,000 + 10 points: 1,01 points apart, one
    // decimal; worth 100 + 10, 0,11 point: 0,1% of 100 points is 0,1, one decimal still.
    [{ on: "value", decimals: 3 }, 1000, ["0.0%", "0.0%"]],
    [{ on: "value", decimals: 3 }, 100, ["0.0%", "0.0%"]],
    // To 5 decimals, the root worth 1,010 points: 0,0101 point apart, 0,001% of 1,000 points is
    // 0,01; 0,1% of 10 points is 0,01 too.
    [{ on: "value", decimals: 5 }, 1000, ["0.000%", "0.0%"]],
    // On the unrounded value: held to 0,01 point, as on points.
    [{ on: "value" }, 500, ["0.000%", "0.00%"]],
  ] as const)("ranking %j, an indicator worth %d points beside one worth 10: %j", async (ranking, max, expected) => {
    expect(await format(ranking as { on?: "points" | "value"; decimals?: number } | undefined, max)).toEqual(expected);
  });
});
