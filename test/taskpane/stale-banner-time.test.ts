/**
 * The stale banner says since when the results are out of date: the time the workbook was scored
 * (`_index`'s scoredAt, which the pane keeps as state.scoredAt), said as the Score step says it
 * (formatWhen: in the showing computer's time zone). A workbook whose scoring time is not known
 * gets the title alone.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parseDefinition } from "../../src/core/definition";
import type { StaleGroup } from "../../src/core/stale";
import { BUILTIN_INDICES } from "../../src/indices";
import { StaleBanner, staleBannerTitle } from "../../src/taskpane/App";
import { formatWhen } from "../../src/taskpane/components/ScoreStep";
import { t } from "../../src/taskpane/i18n";
import type { PaneState } from "../../src/taskpane/state/usePane";
import { paneStateOf } from "./pane-state";

const department = (() => {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!.definition);
  if (!r.ok) throw new Error("the built-in index does not parse");
  return r.model;
})();

const changed: StaleGroup[] = [{ kind: "changed", keys: ["SYT"], names: ["Sở Y tế"] }];
const SCORED = "2024-05-06T07:08:00Z";

function banner(extra: Partial<PaneState>): string {
  return renderToStaticMarkup(createElement(StaleBanner, { state: paneStateOf("dti-so-nganh-mau", department, { step: "check", stale: changed, ...extra }), onRescore: () => undefined }));
}

/** The banner's title as shown (its MessageBarTitle's text). */
function titleOf(html: string): string {
  const m = /class="[^"]*fui-MessageBarTitle[^"]*"[^>]*>([^<]*)</.exec(html);
  if (!m) throw new Error(`no title in ${html}`);
  return m[1]!.replace(/&#x27;/g, "'");
}

describe("the stale banner's title", () => {
  test("says when the results were scored, as the Score step says it, in each language", () => {
    const vi = formatWhen(SCORED, "vi")!;
    const en = formatWhen(SCORED, "en")!;
    expect(titleOf(banner({ lang: "vi", scoredAt: SCORED }))).toBe(`Kết quả đã cũ (chấm lúc ${vi.time} ngày ${vi.date})`);
    expect(titleOf(banner({ lang: "en", scoredAt: SCORED }))).toBe(`The results are out of date (scored on ${en.date} at ${en.time})`);
    // The date as the Score step's "scored at" hint writes it (formatWhen), whatever the time zone.
    expect(vi.date).toMatch(/^(05|06|07)\/05\/2024$/);
    expect(en.date).toMatch(/^[5-7] May 2024$/);
    // The same words as the hint under the Score step's button.
    expect(t("vi", "scoredAt", vi)).toContain(`lúc ${vi.time} ngày ${vi.date}`);
  });

  test("is the title alone when the scoring time is not known, or cannot be read", () => {
    expect(titleOf(banner({ lang: "vi" }))).toBe("Kết quả đã cũ");
    expect(titleOf(banner({ lang: "en" }))).toBe("The results are out of date");
    expect(staleBannerTitle("not a time", "vi")).toBe("Kết quả đã cũ");
  });

  test("a scored workbook whose results still match: no banner, whatever the time", () => {
    expect(banner({ lang: "vi", stale: undefined, scoredAt: SCORED })).toBe("");
  });
});
