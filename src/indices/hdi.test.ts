import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDefinition } from "../core/definition";
import { csvToSnapshot, parseCsv } from "../core/read/csv";
import { readSubmissions } from "../core/read/read";
import { roundHalfUp, scoreUnits } from "../core/score";
import type { Submission } from "../core/types";
import { findBuiltin } from "./index";

function model() {
  const parsed = parseDefinition(findBuiltin("undp-hdi")!.definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

interface Country {
  iso3: string;
  country: string;
  /** The published HDI; NaN where the table has none. */
  hdi: number;
  /** The published rank; NaN where the table has none (an aggregate, a country without an HDI). */
  rank: number;
  submission: Submission;
}

/**
 * Every row of a published table as the reader takes it (`rows`: the ZZ aggregates included, a
 * blank input left out of the submission), and the countries (not the ZZ aggregates) with all
 * four inputs (`complete`).
 */
function countries(year: number): { all: number; rows: Country[]; complete: Country[] } {
  const bytes = readFileSync(join(__dirname, `../../test/fixtures/hdi-${year}.csv`));
  const { rows } = parseCsv(new Uint8Array(bytes));
  const [header, ...body] = rows;
  const col = (name: string) => {
    const i = header!.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in ${header!.join(",")}`);
    return i;
  };
  const inputs = { le: col(`le_${year}`), eys: col(`eys_${year}`), mys: col(`mys_${year}`), gnipc: col(`gnipc_${year}`) };
  const published = (text: string | undefined) => (text === undefined || text.trim() === "" ? NaN : Number(text));
  const all: Country[] = [];
  const complete: Country[] = [];
  for (const r of body) {
    const iso3 = r[col("iso3")]!;
    const raw = Object.entries(inputs).map(([code, i]) => [code, r[i] ?? ""] as const);
    const given = raw.filter(([, v]) => v.trim() !== "");
    const row: Country = {
      iso3,
      country: r[col("country")]!,
      hdi: published(r[col(`hdi_${year}`)]),
      rank: published(r[col(`hdi_rank_${year}`)]),
      submission: { code: iso3, name: r[col("country")]!, values: Object.fromEntries(given.map(([c, v]) => [c, Number(v)])), notApplicable: [] },
    };
    all.push(row);
    if (!iso3.startsWith("ZZ") && given.length === raw.length) complete.push(row);
  }
  return { all: body.length, rows: all, complete };
}

describe("UNDP Human Development Index", () => {
  test.each([
    [2022, 206, 193],
    [2021, 206, 191],
  ])("every published %i HDI and rank is reproduced from life expectancy, schooling and income", (year, rows, expected) => {
    const { all, complete } = countries(year);
    expect(all).toBe(rows);
    expect(complete).toHaveLength(expected);
    const table = scoreUnits(model(), complete.map((c) => c.submission));
    const wrong = table.units.flatMap((u, i) => {
      const c = complete[i]!;
      const hdi = roundHalfUp(u.value!, 3);
      return hdi === c.hdi && u.rank === c.rank ? [] : [`${c.iso3}: ${hdi} #${u.rank} (published ${c.hdi} #${c.rank})`];
    });
    expect(wrong).toEqual([]);
  });

  test.each([2022, 2021])("the whole published %i table, its 11 ZZ aggregates in, is ranked as published: the aggregates are scored, not ranked", (year) => {
    const { rows } = countries(year);
    const aggregates = rows.filter((r) => r.iso3.startsWith("ZZ"));
    expect(aggregates.map((r) => r.iso3)).toEqual(["ZZA.VHHD", "ZZB.HHD", "ZZC.MHD", "ZZD.LHD", "ZZE.AS", "ZZF.EAP", "ZZG.ECA", "ZZH.LAC", "ZZI.SA", "ZZJ.SSA", "ZZK.WORLD"]);
    const table = scoreUnits(model(), rows.map((r) => r.submission));
    const wrong = table.units.flatMap((u, i) => {
      const r = rows[i]!;
      // A row without a published rank (an aggregate, a country lacking inputs) gets none.
      const rank = Number.isNaN(r.rank) ? null : r.rank;
      // Every row with all four inputs has its published HDI, the aggregates' too.
      const hdi = Object.keys(r.submission.values).length === 4 ? roundHalfUp(u.value!, 3) : NaN;
      const hdiOk = Number.isNaN(r.hdi) ? Object.keys(r.submission.values).length < 4 : hdi === r.hdi;
      return hdiOk && u.rank === rank ? [] : [`${r.iso3}: ${hdi} #${u.rank} (published ${r.hdi} #${r.rank})`];
    });
    expect(wrong).toEqual([]);
    for (const u of table.units.filter((x) => x.code.startsWith("ZZ"))) {
      expect([u.code, u.ranked, u.notRankedReason, u.value !== null]).toEqual([u.code, false, "excluded", true]);
    }
    expect(table.units.filter((u) => u.ranked)).toHaveLength(countries(year).complete.length);
  });

  test.each([2022, 2021])("the published %i table read as it stands (iso3, le_%i …): every country's published rank, the aggregates by their codes not ranked", (year) => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, `../../test/fixtures/hdi-${year}.csv`)));
    const read = readSubmissions(model(), csvToSnapshot(bytes, `hdi-${year}`, `hdi-${year}.csv`));
    // The unit code from iso3, the inputs from the columns of the year (hdi_…, hdi_rank_… are no input's).
    expect(read.submissions).toHaveLength(countries(year).all);
    expect(read.issues.filter((i) => i.severity !== "warning" || i.code !== "missing-input")).toEqual([]);
    const table = scoreUnits(model(), read.submissions);
    const published = new Map(countries(year).rows.map((r) => [r.iso3, Number.isNaN(r.rank) ? null : r.rank]));
    const wrong = table.units.filter((u) => u.rank !== published.get(u.code)).map((u) => `${u.code} #${u.rank} (published #${published.get(u.code)})`);
    expect(wrong).toEqual([]);
    expect(table.units.filter((u) => u.code.startsWith("ZZ")).map((u) => u.notRankedReason)).toEqual(Array(11).fill("excluded"));
  });

  test("the definition names the 11 ZZ aggregates of the published table to leave out of the ranking, and says so in both languages", () => {
    const m = model();
    const codes = countries(2022).rows.filter((r) => r.iso3.startsWith("ZZ")).map((r) => r.iso3);
    expect([...m.definition.ranking.exclude].sort()).toEqual([...codes].sort());
    expect(m.definition.description).toMatchObject({ vi: expect.stringContaining("không xếp hạng cùng các quốc gia"), en: expect.stringContaining("scored but not ranked") });
  });

  test("the published file's byte-order mark and country names come through the CSV reader", () => {
    const { complete } = countries(2022);
    expect(complete[0]!.iso3).toBe("AFG");
    expect(complete.find((c) => c.iso3 === "HKG")!.country).toBe("Hong Kong, China (SAR)");
    const bytes = readFileSync(join(__dirname, "../../test/fixtures/hdi-2022.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test("a country with an input missing is scored but not ranked, and the others keep their published ranks", () => {
    const { complete } = countries(2022);
    const norway = complete.find((c) => c.iso3 === "NOR")!;
    const { gnipc: _dropped, ...withoutIncome } = norway.submission.values;
    const table = scoreUnits(model(), [
      ...complete.filter((c) => c.iso3 !== "NOR").map((c) => c.submission),
      { ...norway.submission, values: withoutIncome },
    ]);
    const nor = table.units.find((u) => u.code === "NOR")!;
    expect(nor.missingInputs).toEqual(["gnipc"]);
    expect(nor.ranked).toBe(false);
    expect(nor.rank).toBeNull();
    const che = table.units.find((u) => u.code === "CHE")!;
    expect(che.rank).toBe(1);
    expect(table.units.find((u) => u.code === "ISL")!.rank).toBe(complete.find((c) => c.iso3 === "ISL")!.rank - 1);
  });

  test("dimension indices follow the goalposts: income on a log scale, values past a goalpost clipped", () => {
    const table = scoreUnits(model(), [
      { code: "X", name: "Goalposts", values: { le: 85, eys: 20, mys: 7.5, gnipc: 100 * Math.sqrt(750) }, notApplicable: [] },
      { code: "Y", name: "Past the top", values: { le: 90, eys: 18, mys: 16, gnipc: 80000 }, notApplicable: [] },
    ]);
    const [x, y] = table.units;
    expect(x!.nodes["health"]!.value).toBeCloseTo(1, 12);
    expect(x!.nodes["education"]!.value).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(x!.nodes["income"]!.value).toBeCloseTo(0.5, 12);
    expect(x!.value).toBeCloseTo(Math.cbrt(1 * 0.75 * 0.5), 12);
    expect(y!.value).toBeCloseTo(1, 12);
    expect(y!.rank).toBe(1);
    expect(x!.rank).toBe(2);
  });
});
