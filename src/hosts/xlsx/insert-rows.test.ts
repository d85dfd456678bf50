/**
 * Rows inserted into a sheet as Excel inserts them: the formulas of the workbook that refer to the
 * cells that moved refer to them where they are now, and nothing else in them changes.
 */
import { shiftDrawingRows, shiftRowsInFormula, shiftRowsInRanges } from "./insert-rows";

const at = { sheet: "Kết quả", before: 24, count: 2 };

describe("a formula after two rows are inserted before row 24 of 'Kết quả'", () => {
  test.each([
    // On the sheet itself: a cell at or under row 24 moves, one above stays; $ kept.
    ["=D24", "Kết quả", "=D26"],
    ["=D23+D24", "Kết quả", "=D23+D26"],
    ["=$A$30&A$31&$B32", "Kết quả", "=$A$32&A$33&$B34"],
    // A range across the rows grows; one above stays; whole rows move; whole columns stay.
    ["=SUM(E4:E30)", "Kết quả", "=SUM(E4:E32)"],
    ["=SUM(E4:E23)", "Kết quả", "=SUM(E4:E23)"],
    ["=ROWS(25:26)", "Kết quả", "=ROWS(27:28)"],
    ["=COUNTA(A:A)", "Kết quả", "=COUNTA(A:A)"],
    // From another sheet: only what names the sheet, quoted as it must be, in any case.
    ["='Kết quả'!A30&\" - \"&Sheet2!A30", "Tổng hợp", "='Kết quả'!A32&\" - \"&Sheet2!A30"],
    ["='KẾT QUẢ'!B24", "Tổng hợp", "='KẾT QUẢ'!B26"],
    ["=A30", "Tổng hợp", "=A30"],
    // Text in quotes, a function whose name ends in digits, a table's columns, another workbook: as they were.
    ['="A30"&LOG10(A30)', "Kết quả", '="A30"&LOG10(A32)'],
    ["=SUM(DTI_KetQua[Điểm 2024])+A25", "Kết quả", "=SUM(DTI_KetQua[Điểm 2024])+A27"],
    ["='[Báo cáo.xlsx]Kết quả'!A30+[1]Sheet1!A30", "Kết quả", "='[Báo cáo.xlsx]Kết quả'!A30+[1]Sheet1!A30"],
  ])("%s on %s reads %s", (formula, own, expected) => {
    expect(shiftRowsInFormula(formula, own, at)).toBe(expected);
  });
});

describe("ranges after two rows are inserted before row 24", () => {
  test.each([
    ["A30", "A32"],
    ["A3:F23", "A3:F23"],
    ["A3:F24", "A3:F26"],
    ["A25:C25 E5", "A27:C27 E5"],
    ["$A$30:$B$31", "$A$32:$B$33"],
  ])("%s is %s", (range, expected) => {
    expect(shiftRowsInRanges(range, at)).toBe(expected);
  });
});

test("a picture anchored on row 30 (0-based 29) moves down two rows; one above the insert stays", () => {
  const anchor = (from: number, to: number) =>
    `<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to></xdr:twoCellAnchor>`;
  expect(shiftDrawingRows(anchor(29, 33) + anchor(2, 5), [at])).toBe(anchor(31, 35) + anchor(2, 5));
});
