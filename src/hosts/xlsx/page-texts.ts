/** A sheet's printed header and footer (ExcelJS's `headerFooter`), from a plan's page texts. */
import type ExcelJS from "exceljs";
import { type PageTexts, isProjectFormHeader, rewrittenFormHeader } from "../../core/plan/labels";
import type { SheetEditPlan } from "../../core/types";

/** The texts as one header or footer of the file format: `&L…&C…&R…`, the parts given; undefined when none is. */
export function pageTextsCode(texts: PageTexts | undefined): string | undefined {
  if (!texts) return undefined;
  const code = (["L", "C", "R"] as const)
    .map((at, i) => {
      const text = [texts.left, texts.center, texts.right][i];
      return text ? `&${at}${text}` : "";
    })
    .join("");
  return code === "" ? undefined : code;
}

/**
 * Sets what every printed page of `ws` shows above and below it (the same on every page), and,
 * with a footer, numbers its pages from 1 (`firstPageNumber`, which ExcelJS writes with
 * `useFirstPageNumber`): the footer's page number is then the sheet's own in Excel and in
 * LibreOffice, however many sheets are printed before it. A sheet given neither keeps its own.
 */
export function setPageTexts(ws: ExcelJS.Worksheet, header: PageTexts | undefined, footer: PageTexts | undefined): void {
  const oddHeader = pageTextsCode(header);
  const oddFooter = pageTextsCode(footer);
  if (oddHeader === undefined && oddFooter === undefined) return;
  ws.headerFooter = {
    ...ws.headerFooter,
    differentFirst: false,
    differentOddEven: false,
    ...(oddHeader !== undefined ? { oddHeader } : {}),
    ...(oddFooter !== undefined ? { oddFooter } : {}),
  };
  if (oddFooter !== undefined) ws.pageSetup.firstPageNumber = 1;
}

/**
 * A header or footer of the file format (`&L…&C…&R…`) as its left, centre and right texts, each
 * still in Excel's codes (`&&`, `&P`, a font's `&"…"` kept as written). Text before any section's
 * code goes with the left one's: the project writes `&C` before its own, so a header with such a
 * text is never taken for the project's.
 */
export function pageTextsOf(code: string | undefined): PageTexts {
  const parts = { left: "", center: "", right: "" };
  const sections: Record<string, keyof typeof parts> = { L: "left", C: "center", R: "right" };
  let at: keyof typeof parts = "left";
  const text = code ?? "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === "&" && next !== undefined) {
      const section = sections[next];
      if (section) at = section;
      else parts[at] += ch + next;
      i++;
      continue;
    }
    parts[at] += ch;
  }
  return Object.fromEntries(Object.entries(parts).filter(([, t]) => t !== "")) as PageTexts;
}

/**
 * Writes a unit's form's page header as the plan says (SheetEditPlan's pageHeader: the index and
 * the form's own period) when the form's header is one the project wrote, or none
 * (isProjectFormHeader), the words a person added after its period kept after the new one
 * (rewrittenFormHeader); a header a person wrote, or pages told apart (a first page's or even
 * pages' own), stay. The footer stays as it is. Whether it wrote.
 */
export function setFormPageHeader(ws: ExcelJS.Worksheet, planned: NonNullable<SheetEditPlan["pageHeader"]>): boolean {
  const now = ws.headerFooter ?? {};
  if (now.differentFirst || now.differentOddEven) return false;
  const texts = pageTextsOf(now.oddHeader);
  if (!isProjectFormHeader(texts, planned.indexNames)) return false;
  const oddHeader = pageTextsCode(rewrittenFormHeader(texts, planned.texts));
  if (oddHeader === undefined || oddHeader === now.oddHeader) return false;
  ws.headerFooter = { ...now, oddHeader };
  return true;
}
