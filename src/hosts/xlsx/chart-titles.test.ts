/**
 * A chart title the person changed stays when the xlsx host scores the file again, in the same
 * language or the other one: the project writes its title only on a chart that shows none or one
 * of its own (this run's title in vi or en, or the title the last run wrote, which `_index` records
 * for either host). Real files: scored, the chart XML changed as Excel saves a retitled chart,
 * scored again.
 */
import JSZip from "jszip";
import { readIndexSheet } from "../../core/plan/index-sheet";
import { CHART_NAMES } from "../../core/plan/labels";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { chartTitleOf } from "./charts";
import { snapshotWorkbook } from "./read";
import { demoForms, open } from "./test-workbooks";

async function score(file: Uint8Array, lang: "vi" | "en") {
  const host = await XlsxHost.fromBuffer(file, "phieu.xlsx");
  const result = await runScoring(host, { definition: DEMO_DEFINITION, lang, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  // The titles this run's plan gives the charts (those a chart showing one of ours gets).
  const planned = new Map(result.plan!.owned.flatMap((o) => o.charts).map((c) => [c.name, c.title]));
  return { out: await host.toBuffer(), planned };
}

/** Each chart's part (by the name of its anchor), with the anchor's alt-text title. */
async function chartParts(zip: JSZip): Promise<Map<string, { path: string; altTitle: string | undefined }>> {
  const out = new Map<string, { path: string; altTitle: string | undefined }>();
  for (const path of Object.keys(zip.files).filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f))) {
    const drawing = await zip.file(path)!.async("string");
    const rels = (await zip.file(path.replace(/drawings\//, "drawings/_rels/") + ".rels")?.async("string")) ?? "";
    for (const anchor of drawing.match(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g) ?? []) {
      const cNvPr = /<xdr:cNvPr\b[^>]*>/.exec(anchor)?.[0] ?? "";
      const name = /\bname="([^"]*)"/.exec(cNvPr)?.[1];
      const rid = /<c:chart\b[^>]*?\br:id="([^"]*)"/.exec(anchor)?.[1];
      const target = new RegExp(`<Relationship\\b[^>]*?\\bId="${rid}"[^>]*?\\bTarget="([^"]*)"`).exec(rels)?.[1];
      if (name === undefined || target === undefined) continue;
      out.set(name, { path: `xl/charts/${target.split("/").pop()}`, altTitle: /\btitle="([^"]*)"/.exec(cNvPr)?.[1] });
    }
  }
  return out;
}

/** The title each chart of the file shows, by name. */
async function titles(file: Uint8Array): Promise<Record<string, string | undefined>> {
  const zip = await JSZip.loadAsync(file);
  const out: Record<string, string | undefined> = {};
  for (const [name, { path }] of await chartParts(zip)) out[name] = chartTitleOf(await zip.file(path)!.async("string"))?.text;
  return out;
}

/** The chart's XML part and its anchor's alt-text title. */
async function chartOf(file: Uint8Array, name: string): Promise<{ xml: string; altTitle: string | undefined }> {
  const zip = await JSZip.loadAsync(file);
  const part = (await chartParts(zip)).get(name)!;
  return { xml: await zip.file(part.path)!.async("string"), altTitle: part.altTitle };
}

/** A title as Excel saves one a person typed and formatted: two runs, the second in italics. */
const MINE = ["Tổng điểm các sở — ", "bản trình UBND tỉnh"] as const;
const MINE_XML =
  `<c:title><c:tx><c:rich><a:bodyPr rot="0" spcFirstLastPara="1" vertOverflow="ellipsis" vert="horz" wrap="square" anchor="ctr" anchorCtr="1"/><a:lstStyle/>` +
  `<a:p><a:pPr><a:defRPr sz="1600" b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="1600" b="1"/><a:t>${MINE[0]}</a:t></a:r>` +
  `<a:r><a:rPr lang="vi-VN" sz="1600" b="1" i="1"/><a:t>${MINE[1]}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;

/** The file with the chart `name` showing `titleXml` as its title (the chart part edited in the zip, as Excel saves it). */
async function retitle(file: Uint8Array, name: string, titleXml: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const { path } = (await chartParts(zip)).get(name)!;
  const xml = await zip.file(path)!.async("string");
  const head = /<c:chart>(<c:title>[\s\S]*?<\/c:title>)?/.exec(xml)!;
  zip.file(path, xml.replace(head[0], `<c:chart>${titleXml}`));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The file with a shared string (the text of every cell holding it) replaced. */
async function replaceString(file: Uint8Array, from: string, to: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file("xl/sharedStrings.xml")!.async("string");
  const at = `<t>${from}</t>`;
  expect(xml.split(at)).toHaveLength(2);
  zip.file("xl/sharedStrings.xml", xml.replace(at, `<t>${to}</t>`));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The title `_index` records for each chart (the one the last run wrote), by name. */
async function recordedTitles(file: Uint8Array): Promise<Record<string, string | undefined>> {
  const state = readIndexSheet(snapshotWorkbook(await open(file)))!;
  return Object.fromEntries(state.owned.charts.map((c) => [c.name, c.title]));
}

describe("chart titles on a second run of the xlsx host", () => {
  test("a chart the person retitled keeps their title, as they formatted it, run after run and across a language switch; the others take the run's language", async () => {
    const first = await score(await demoForms(), "vi");
    const vi = await titles(first.out);
    expect(Object.keys(vi).sort()).toEqual(Object.values(CHART_NAMES).sort());
    for (const name of Object.values(CHART_NAMES)) expect(vi[name]).toBe(first.planned.get(name));
    // `_index` records the title each chart got, for the next run of either host.
    expect(await recordedTitles(first.out)).toEqual(vi);

    const mine = MINE.join("");
    const edited = await retitle(first.out, CHART_NAMES.total, MINE_XML);
    expect((await titles(edited))[CHART_NAMES.total]).toBe(mine);

    const again = await score(edited, "vi");
    expect(await titles(again.out)).toEqual({ ...vi, [CHART_NAMES.total]: mine });
    const kept = await chartOf(again.out, CHART_NAMES.total);
    // Their title as they formatted it (the italic run), named so in the anchor's alt text.
    expect(kept.xml).toContain(MINE_XML);
    expect(kept.altTitle).toBe(mine);
    // Its data is the run's: the chart itself is written again.
    expect(kept.xml).toContain("<c:barChart>");

    const english = await score(again.out, "en");
    const en = await titles(english.out);
    expect(en[CHART_NAMES.total]).toBe(mine);
    for (const name of [CHART_NAMES.groups, CHART_NAMES.profile]) {
      expect(en[name]).toBe(english.planned.get(name));
      expect(en[name]).not.toBe(vi[name]);
    }
    expect((await chartOf(english.out, CHART_NAMES.total)).xml).toContain(MINE_XML);

    // Back in Vietnamese: the charts that show the project's English titles get the Vietnamese ones.
    const back = await score(english.out, "vi");
    expect(await titles(back.out)).toEqual({ ...vi, [CHART_NAMES.total]: mine });
  });

  test("a chart that shows the title the last run wrote (recorded in `_index`, by this host or Excel's) is retitled even when it is no longer one of this version's; one with no title gets the run's", async () => {
    const first = await score(await demoForms(), "vi");
    const vi = await titles(first.out);
    // An earlier version titled the groups' chart otherwise, and recorded it in `_index`.
    const earlier = "Điểm các nhóm chỉ số (bản cũ)";
    let file = await retitle(first.out, CHART_NAMES.groups, `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${earlier}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`);
    file = await replaceString(file, vi[CHART_NAMES.groups]!, earlier);
    expect((await recordedTitles(file))[CHART_NAMES.groups]).toBe(earlier);
    // The profile's title deleted.
    file = await retitle(file, CHART_NAMES.profile, "");
    expect((await titles(file))[CHART_NAMES.profile]).toBeUndefined();

    const english = await score(file, "en");
    const en = await titles(english.out);
    for (const name of Object.values(CHART_NAMES)) expect(en[name]).toBe(english.planned.get(name));
    expect(await recordedTitles(english.out)).toEqual(en);
  });
});

describe("chartTitleOf", () => {
  const space = (chart: string) => `<c:chartSpace xmlns:c="c" xmlns:a="a"><c:chart>${chart}</c:chart></c:chartSpace>`;
  const plot = `<c:plotArea><c:valAx><c:title><c:tx><c:rich><a:p><a:r><a:t>Điểm</a:t></a:r></a:p></c:rich></c:tx></c:title></c:valAx></c:plotArea>`;

  test("the chart's own title, its runs joined and its lines kept; an axis's title is not the chart's", () => {
    const two = `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Tổng điểm </a:t></a:r><a:r><a:t>&amp; xếp hạng</a:t></a:r></a:p><a:p><a:r><a:t>năm 2024</a:t></a:r></a:p></c:rich></c:tx></c:title>`;
    expect(chartTitleOf(space(two + plot))).toEqual({ text: "Tổng điểm & xếp hạng\nnăm 2024", xml: two });
    expect(chartTitleOf(space(`<c:autoTitleDeleted val="1"/>${plot}`))).toBeUndefined();
  });

  test("a title taken from a cell is its cached text; one with elements of another namespace is read but not copied", () => {
    const linked = `<c:title><c:tx><c:strRef><c:f>'Kết quả'!$A$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Bảng xếp hạng</c:v></c:pt></c:strCache></c:strRef></c:tx></c:title>`;
    expect(chartTitleOf(space(linked + plot))).toEqual({ text: "Bảng xếp hạng", xml: linked });
    const ext = `<c:title><c:tx><c:rich><a:p><a:r><a:t>Của tôi</a:t></a:r></a:p></c:rich></c:tx><c:extLst><c:ext uri="x"><c15:layout/></c:ext></c:extLst></c:title>`;
    expect(chartTitleOf(space(ext + plot))).toEqual({ text: "Của tôi" });
  });
});
