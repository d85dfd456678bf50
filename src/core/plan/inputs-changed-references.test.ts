/**
 * The line under a form's summary reads `_index`; however the file was saved since, a later run
 * takes it for the project's: `_index` deleted (#REF!), the form copied into a workbook of its own
 * (an external link, `[1]_index!$A$1:$A$1048576`), or the result alone (#REF!, #NAME?) where a host
 * reads no formula, which only the line's place under a summary tells (sheet-edits.ts).
 */
import { isInputsChangedLine, isOrphanedInputsChangedLine } from "./labels";

const AS_WRITTEN = `IF(IFERROR(SUMPRODUCT(EXACT(INDEX('_index'!$B:$B,MATCH("inputs",'_index'!$A:$A,0)):INDEX('_index'!$B:$B,MATCH("inputs",'_index'!$A:$A,0)+COUNTIFS('_index'!$A:$A,"inputs")-1),"SNV")),0)=0,"","x")`;

test("the line's formula is the project's as written, without quotes, through an external link and with `_index` deleted", () => {
  const saved = [
    AS_WRITTEN,
    AS_WRITTEN.replace(/'_index'/g, "_index"),
    AS_WRITTEN.replace(/'_index'!\$([A-Z]):\$([A-Z])/g, "[1]_index!$$$1$$1:$$$2$$1048576"),
    AS_WRITTEN.replace(/'_index'!/g, "'[2]_index'!"),
    AS_WRITTEN.replace(/'_index'!\$[A-Z]:\$[A-Z]/g, "#REF!"),
  ];
  for (const f of saved) expect([f, isInputsChangedLine({ error: "", formula: `=${f}` })]).toEqual([f, true]);
  for (const f of [`MATCH("inputs",'Số liệu'!$A:$A,0)`, `MATCH("inputs",[1]_index!$A$2:$A$9,0)`, `SUM(#REF!)`]) expect([f, isInputsChangedLine({ error: "", formula: `=${f}` })]).toEqual([f, false]);
});

test("what it shows once `_index` is gone is an orphaned line's; another value is not", () => {
  expect(isOrphanedInputsChangedLine({ error: "#REF!" })).toBe(true);
  expect(isOrphanedInputsChangedLine({ error: "#NAME?" })).toBe(true);
  for (const v of [{ error: "#DIV/0!" }, "#REF!", null, 0]) expect([v, isOrphanedInputsChangedLine(v)]).toEqual([v, false]);
});
