/**
 * Which units read as stale: what each unit typed that changes its findings (evidence there or
 * not, self scores) counts, and a workbook scored before these were hashed is not stale for that.
 */
import { canonicalJson, sha256 } from "../hash";
import type { Submission, WorkbookSnapshot } from "../types";
import { type IndexSheetState, UNIT_HASH_SCHEME, planIndexSheet, readIndexSheet, staleUnits, unitInputHashes } from "./index-sheet";
import { demoSnapshot, readAndScore, setCell } from "./test-fixtures";

/** The demo units' forms with a `Tự chấm` column (G) beside `Minh chứng` (E); 1.1 is on row 8. */
function forms(): WorkbookSnapshot {
  const snapshot = demoSnapshot();
  for (const s of snapshot.sheets) setCell(snapshot, s.name, "G6", "Tự chấm");
  setCell(snapshot, "SO-01", "E8", "Quyết định 12/QĐ-STTTT ngày 02/01/2024");
  setCell(snapshot, "SO-01", "G8", 10);
  return snapshot;
}

/** `_index` as a run records it: by this version (its hash scheme), or by an earlier one (`scheme` null: none recorded). */
function scoredState(submissions: Submission[], hashes = unitInputHashes(submissions), scheme: number | null = UNIT_HASH_SCHEME): IndexSheetState {
  return {
    owned: { sheets: [], charts: [], cells: [] },
    marks: [],
    provenance: {
      scoredAt: "2026-12-01T08:00:00.000Z",
      projectVersion: "1",
      definitionHash: "d",
      inputsHash: "i",
      unitHashes: hashes,
      lang: "vi",
      ...(scheme !== null ? { unitHashScheme: scheme } : {}),
    },
  };
}

const NOTHING = { changed: [], added: [], removed: [] };

describe("stale units", () => {
  const before = readAndScore(forms()).submissions;
  const state = scoredState(before);

  it("reads the forms as they were scored as up to date", () => {
    expect(staleUnits(state, readAndScore(forms()).submissions)).toEqual(NOTHING);
  });

  it("names a unit whose evidence was removed or added: the evidence-missing finding changes", () => {
    const removed = forms();
    setCell(removed, "SO-01", "E8", null);
    expect(staleUnits(state, readAndScore(removed).submissions)).toEqual({ ...NOTHING, changed: ["SO-01"] });
    const added = forms();
    setCell(added, "SO-03", "E8", "Công văn 5/STC");
    expect(staleUnits(state, readAndScore(added).submissions)).toEqual({ ...NOTHING, changed: ["SO-03"] });
  });

  it("does not name a unit whose evidence only reads otherwise: no finding changes", () => {
    const reworded = forms();
    setCell(reworded, "SO-01", "E8", "Quyết định số 12/QĐ-STTTT");
    expect(staleUnits(state, readAndScore(reworded).submissions)).toEqual(NOTHING);
  });

  it("names a unit whose self score was changed, typed or cleared", () => {
    const changed = forms();
    setCell(changed, "SO-01", "G8", 5);
    expect(staleUnits(state, readAndScore(changed).submissions)).toEqual({ ...NOTHING, changed: ["SO-01"] });
    const typed = forms();
    setCell(typed, "SO-02", "G8", 10);
    expect(staleUnits(state, readAndScore(typed).submissions)).toEqual({ ...NOTHING, changed: ["SO-02"] });
    const cleared = forms();
    setCell(cleared, "SO-01", "G8", null);
    expect(staleUnits(state, readAndScore(cleared).submissions)).toEqual({ ...NOTHING, changed: ["SO-01"] });
  });

  it("keeps a workbook scored by the earlier version (figures, N/A, category and name hashed) up to date, and still sees its figures change", () => {
    const legacy = Object.fromEntries(
      before.map((s) => [s.code, sha256(canonicalJson({ values: s.values, notApplicable: [...s.notApplicable].sort(), category: s.category ?? null, name: s.name }))]),
    );
    const old = scoredState(before, legacy, null);
    expect(staleUnits(old, readAndScore(forms()).submissions)).toEqual(NOTHING);
    const figures = forms();
    setCell(figures, "SO-02", "D10", 55); // 1.2.a
    expect(staleUnits(old, readAndScore(figures).submissions)).toEqual({ ...NOTHING, changed: ["SO-02"] });
  });

  it('names a unit whose self score was typed "Không áp dụng"; a workbook scored before such self scores were hashed is up to date with them', () => {
    const na = forms();
    setCell(na, "SO-02", "G8", "Không áp dụng");
    expect(staleUnits(state, readAndScore(na).submissions)).toEqual({ ...NOTHING, changed: ["SO-02"] });
    // Scored by the version before: its hashes leave the N/A self score out, and nothing was changed since.
    const then = readAndScore(na).submissions;
    const earlier = scoredState(then, unitInputHashes(then, 1), null);
    expect(staleUnits(earlier, readAndScore(na).submissions)).toEqual(NOTHING);
    // A figure changed since is still seen.
    setCell(na, "SO-02", "D10", 55);
    expect(staleUnits(earlier, readAndScore(na).submissions)).toEqual({ ...NOTHING, changed: ["SO-02"] });
  });

  it("does not name a unit whose figure only lost digits past the 15th, as LibreOffice saves it, and still names one changed in the 15th", () => {
    /** The demo forms with SO-01's 2.1 (a share) typed as the formula =2/3 computes it, or as `share`. */
    const withShare = (share: number) => {
      const snapshot = forms();
      const sheet = snapshot.sheets.find((s) => s.name === "SO-01")!;
      const row = sheet.values.findIndex((r) => r[0] === "2.1");
      setCell(snapshot, "SO-01", `D${row + 1}`, share);
      return readAndScore(snapshot).submissions;
    };
    const scored = scoredState(withShare(2 / 3));
    expect(staleUnits(scored, withShare(0.666666666666667))).toEqual(NOTHING);
    expect(staleUnits(scored, withShare(0.666666666666668))).toEqual({ ...NOTHING, changed: ["SO-01"] });
    // Scored by the version before (full precision), a figure read back as it was is still up to date.
    const before = withShare(2 / 3);
    expect(staleUnits(scoredState(before, unitInputHashes(before, 2), 2), withShare(2 / 3))).toEqual(NOTHING);
  });

  it('names a unit whose "Không có" was typed over with evidence, and none whose "Không có" was typed into a blank cell: only evidence changes a finding', () => {
    const none = forms();
    setCell(none, "SO-02", "E8", "Không có");
    const scored = scoredState(readAndScore(none).submissions);
    const given = forms();
    setCell(given, "SO-02", "E8", "QĐ 12");
    expect(staleUnits(scored, readAndScore(given).submissions)).toEqual({ ...NOTHING, changed: ["SO-02"] });
    const typed = forms();
    setCell(typed, "SO-02", "E8", "Không có");
    setCell(typed, "SO-03", "E8", "-");
    expect(staleUnits(scored, readAndScore(typed).submissions)).toEqual(NOTHING);
  });

  it('keeps a workbook scored by the version before (scheme 3: "Không có", "x" and "-" hashed as evidence) up to date, and still sees its figures change', () => {
    const typed = () => {
      const snapshot = forms();
      setCell(snapshot, "SO-02", "E8", "Không có");
      setCell(snapshot, "SO-03", "E8", "x");
      setCell(snapshot, "SO-03", "E13", "-");
      return snapshot;
    };
    const then = readAndScore(typed()).submissions;
    // That version's hash: the indicators with anything in their Minh chứng cells taken for evidence.
    const evidenced: Record<string, string[]> = { "SO-01": ["1.1"], "SO-02": ["1.1"], "SO-03": ["1.1", "2.1"] };
    const hashes = Object.fromEntries(
      then.map((s) => [
        s.code,
        sha256(canonicalJson({ values: s.values, notApplicable: [...s.notApplicable].sort(), category: s.category ?? null, name: s.name, evidenced: evidenced[s.code], selfScores: s.selfScores })),
      ]),
    );
    const old = scoredState(then, hashes, 3);
    expect(staleUnits(old, readAndScore(typed()).submissions)).toEqual(NOTHING);
    const figure = typed();
    setCell(figure, "SO-03", "D10", 55);
    expect(staleUnits(old, readAndScore(figure).submissions)).toEqual({ ...NOTHING, changed: ["SO-03"] });
  });

  it("records its hash scheme in _index and reads it back", () => {
    const sheet = planIndexSheet(state);
    const values = sheet.blocks[0]!.values.map((r) => r.map((v) => (v === null ? null : v)));
    const back = readIndexSheet({ sheets: [{ name: sheet.name, values }] } as WorkbookSnapshot);
    expect(back?.provenance?.unitHashScheme).toBe(UNIT_HASH_SCHEME);
  });

  it("gives a unit without evidence nor self scores another hash than the earlier version's, so that typing them later is seen", () => {
    const plain = readAndScore(demoSnapshot()).submissions;
    const s = plain.find((u) => u.code === "SO-03")!;
    const legacy = sha256(canonicalJson({ values: s.values, notApplicable: [...s.notApplicable].sort(), category: s.category ?? null, name: s.name }));
    expect(unitInputHashes(plain)["SO-03"]).not.toBe(legacy);
  });
});
