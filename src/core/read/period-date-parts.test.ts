/**
 * What a date cell's number format shows of the date (datePartShown), and the text a `Kỳ đánh giá`
 * date cell showing only its year or month reads as (datePartText, readHeaderBlock, statedPeriod).
 */
import type { SheetSnapshot } from "../types";
import { datePartText, findTableHeader, readHeaderBlock } from "./layout-a";
import { datePartShown, statedPeriod } from "./periods";

describe("datePartShown", () => {
  test.each([
    ["yyyy", "year"],
    ["YYYY", "year"],
    ["yy", "year"],
    ["[$-vi-VN]yyyy", "year"],
    ['"Năm "yyyy', "year"],
    ["yyyy;@", "year"],
    ["[Red]yyyy", "year"],
    ["mm/yyyy", "month"],
    ["m/yyyy", "month"],
    ["mmm yyyy", "month"],
    ["mmmm yyyy", "month"],
    ["mmm-yy", "month"],
    ["[$-vi-VN]mm/yyyy", "month"],
    ['"Tháng "mm" năm "yyyy', "month"],
    ["yyyy\\-mm", "month"],
  ])("%s shows the %s", (format, part) => expect(datePartShown(format)).toBe(part));

  test.each([
    "dd/mm/yyyy",
    "d/m/yyyy",
    "m/d/yy",
    "d-mmm-yyyy",
    "[$-vi-VN]dd/mm/yyyy",
    "dddd yyyy",
    "yyyy h:mm",
    "mm/yyyy hh:mm",
    "yyyy mm:ss",
    "[h]:mm",
    "[mm] yyyy",
    "yyyy AM/PM",
    "bbbb",
    "e",
    "ggg e",
    "mmmm",
    "mm",
    "General",
    "0.00%",
    "#,##0",
    "@",
    '"yyyy"',
    "\\y\\y",
    "",
  ])("%s is no year nor month alone", (format) => expect(datePartShown(format)).toBeUndefined());

  test("a format that is no text is none", () => {
    expect(datePartShown(undefined)).toBeUndefined();
    expect(datePartShown(14)).toBeUndefined();
  });
});

describe("datePartText", () => {
  test("the year or the month and year of the day a host gives, as Excel shows it", () => {
    expect(datePartText("2024-01-01", "year")).toBe("2024");
    expect(datePartText("2024-01-01", "month")).toBe("01/2024");
    expect(datePartText("2024-12-31T23:30:00", "month")).toBe("12/2024");
    // Excel shows the days of 1900 before March a day later than the hosts' count: 31 January 1900 (serial 32) is 1 February.
    expect(datePartText("1900-01-31", "month")).toBe("02/1900");
    // Day 0 shows as 00/01/1900.
    expect(datePartText("1899-12-30", "year")).toBe("1900");
  });

  test("no text for what is no date of the hosts, or a time alone", () => {
    expect(datePartText("2024", "year")).toBeUndefined();
    expect(datePartText("Năm 2024", "year")).toBeUndefined();
    expect(datePartText(45292, "year")).toBeUndefined();
    expect(datePartText(null, "year")).toBeUndefined();
    expect(datePartText("1899-12-30T12:00:00", "year")).toBeUndefined();
  });
});

/** A form's sheet: its header block (the period in B5) and table header. */
function form(period: SheetSnapshot["values"][number][number], datePartCells?: SheetSnapshot["datePartCells"]): SheetSnapshot {
  return {
    name: "Sở Một",
    values: [["Đơn vị", "Sở Một"], ["Mã đơn vị", "S1"], ["Nhóm", "A"], ["Bộ chỉ số", "x@1"], ["Kỳ đánh giá", period], [], ["Mã", "Nội dung", "Số liệu"], ["1", "Một", 2]],
    ...(datePartCells ? { datePartCells } : {}),
  };
}

describe("the period cell read by what it shows", () => {
  test("a date cell listed as showing its year reads as the year; its value stays the day the host gave", () => {
    const sheet = form("2024-01-01", { B5: "year" });
    expect(readHeaderBlock(sheet, findTableHeader(sheet)).period?.value).toBe("2024");
    expect(statedPeriod(sheet)).toEqual({ period: "2024", cell: "B5", value: "2024-01-01" });
    expect(statedPeriod(form("2024-03-15", { B5: "month" }))?.period).toBe("03/2024");
  });

  test("not listed, the day; listed, but another cell, or text that is no date: as before", () => {
    expect(statedPeriod(form("2024-01-01"))?.period).toBe("01/01/2024");
    expect(statedPeriod(form("2024-01-01", { C5: "year" }))?.period).toBe("01/01/2024");
    expect(statedPeriod(form("Năm 2024", { B5: "year" }))?.period).toBe("Năm 2024");
  });

  test("only the period cell: another field of the header block listed keeps what the cell holds", () => {
    const sheet = { ...form("2024"), values: form("2024").values.map((r, i) => (i === 0 ? ["Đơn vị", "2024-01-01"] : r)), datePartCells: { B1: "year" as const } };
    expect(readHeaderBlock(sheet, findTableHeader(sheet)).name?.value).toBe("2024-01-01");
  });
});
