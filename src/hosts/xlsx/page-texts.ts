/** A sheet's printed header and footer (ExcelJS's `headerFooter`), from a plan's page texts. */
import type ExcelJS from "exceljs";
import type { PageTexts } from "../../core/plan/labels";

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
