import fc from "fast-check";
import { a1, cellAddress, columnIndex, columnLetter, columnLetters, columnNumber, compactRanges, parseCell, parseRange, parseRect, quoteSheetName, rangeAddress, rectAddress, splitSheet, topLeft, MAX_COLS, MAX_ROWS } from "./a1";

const col1 = fc.integer({ min: 1, max: MAX_COLS });
const row1 = fc.integer({ min: 1, max: MAX_ROWS });

describe("A1 addresses", () => {
  test("column letters are Excel's: A, Z, AA, AZ, BA, XFD", () => {
    expect([1, 26, 27, 52, 53, 16384].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "BA", "XFD"]);
    expect(columnNumber("xfd")).toBe(16384);
    expect(columnIndex("A")).toBe(0);
    expect(columnLetters(0)).toBe("A");
  });

  test("every column number goes to letters and back unchanged", () => {
    fc.assert(fc.property(col1, (c) => columnNumber(columnLetter(c)) === c && columnIndex(columnLetters(c - 1)) === c - 1));
  });

  test("a cell written 1-based or 0-based names the same cell and reads back to it", () => {
    fc.assert(
      fc.property(row1, col1, (r, c) => {
        const text = cellAddress(r, c);
        expect(a1(r - 1, c - 1)).toBe(text);
        expect(parseCell(text)).toEqual({ row: r, column: c });
        expect(parseCell(`$${columnLetter(c)}$${r}`)).toEqual({ row: r, column: c });
        expect(topLeft(`'Đơn vị 1'!${text}`)).toEqual({ row: r - 1, col: c - 1 });
      }),
    );
  });

  test("a range reads back to the same corners in either convention, whichever corner comes first", () => {
    fc.assert(
      fc.property(row1, col1, row1, col1, (r1, c1, r2, c2) => {
        const text = rangeAddress(Math.min(r1, r2), Math.min(c1, c2), Math.max(r1, r2), Math.max(c1, c2));
        const back = parseRange(`${cellAddress(r2, c2)}:${cellAddress(r1, c1)}`);
        expect(rangeAddress(back.top, back.left, back.bottom, back.right)).toBe(text);
        const rect = parseRect(text)!;
        expect(rectAddress(rect)).toBe(text);
        expect(rect).toEqual({ row: back.top - 1, col: back.left - 1, rows: back.bottom - back.top + 1, cols: back.right - back.left + 1 });
      }),
    );
  });

  test("whole columns and rows span the sheet; addresses off the sheet or malformed are refused", () => {
    expect(parseRect("B:C")).toEqual({ row: 0, col: 1, rows: MAX_ROWS, cols: 2 });
    expect(parseRect("3:4")).toEqual({ row: 2, col: 0, rows: 2, cols: MAX_COLS });
    expect(parseRect("XFE1")).toBeNull();
    expect(parseRect("A1048577")).toBeNull();
    expect(parseRect("B:3")).toBeNull();
    expect(() => parseCell("B")).toThrow("not an A1 cell address");
  });

  test("single cells of one column are grouped into runs of rows", () => {
    expect(compactRanges(["B3", "B4", "B5", "B9", "A1", "B4"])).toEqual(["A1", "B3:B5", "B9"]);
  });

  test("sheet names are quoted when Excel would quote them, and any name survives quoting", () => {
    expect(quoteSheetName("Data_1")).toBe("Data_1");
    expect(quoteSheetName("Đơn vị 1")).toBe("'Đơn vị 1'");
    expect(quoteSheetName("O'Brien")).toBe("'O''Brien'");
    expect(quoteSheetName("A1")).toBe("'A1'");
    expect(quoteSheetName("R2C3")).toBe("'R2C3'");
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 31 }).filter((s) => !/[\\/?*[\]:]/.test(s)), (name) => {
        expect(splitSheet(`${quoteSheetName(name)}!B3`)).toEqual({ sheet: name, local: "B3" });
      }),
    );
  });
});
