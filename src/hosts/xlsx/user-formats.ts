/**
 * The conditional formats and data validations the user added on an owned sheet that a run keeps
 * (OwnedSheetPlan.clear: the results sheet), carried onto the sheet the xlsx host makes anew, as the
 * Excel host leaves them: there the sheet is only cleared, range by range (`clear("All")` and
 * `conditionalFormats.clearAll()` on each range the plan clears), so what lies outside those ranges
 * stays, and a rule over both loses the cells cleared, as Excel takes them out of its "applies to".
 * The project's own rules lie on the cells the last run wrote (its table, its lines), all cleared:
 * they go, and the plan writes them once again. A sheet the plan writes whole keeps none.
 * Rules are taken over as ExcelJS read them (ws.conditionalFormattings, ws.dataValidations), so
 * that they are written as on any other sheet; their formulas already name the sheets and table
 * columns as this run renamed them (rename-sheets.ts runs first). The rules ExcelJS cannot write
 * (Excel 2010's x14 rules, a formula reading another sheet: x14-formats.ts), which the sheet keeps
 * aside as the file had them, are kept and cut the same way, and written raw; so are the
 * validations Excel 2010 keeps in the x14 extension alone (a drop-down list reading another sheet:
 * x14-validations.ts).
 */
import type ExcelJS from "exceljs";
import { compactRanges, movedFormula, parseRect, type Rect, rectAddress, rectsTopLeft as anchor, rectsWithout as remaining } from "../../core/a1";
import { sameRuleFormula } from "../../core/plan/charts";
import type { OwnedSheetPlan } from "../../core/types";
import { type X14Format, setX14Formats, withX14RulePriorities, x14FormatFormulas, x14FormatRanges, x14FormatsOf, x14FormatsOutside, x14RulePriorities } from "./x14-formats";
import { type X14Validation, setX14Validations, x14ValidationsOf, x14ValidationsOutside } from "./x14-validations";

type Rule = { priority?: number; type?: string; formulae?: unknown[] } & Record<string, unknown>;
interface ConditionalFormat {
  ref: string;
  rules: Rule[];
}
type Validations = Record<string, ExcelJS.DataValidation | undefined>;

/** What of a sheet's conditional formats and validations lies outside the ranges cleared. */
export interface UserFormats {
  conditional: ConditionalFormat[];
  validations: [string, ExcelJS.DataValidation][];
  /** The x14 conditional formats the sheet keeps aside (x14-formats.ts), cut as `conditional` is. */
  x14: X14Format[];
  /** The x14 data validations the sheet keeps aside (x14-validations.ts), cut as `validations` are. */
  x14Validations: X14Validation[];
}

function formatsOf(ws: ExcelJS.Worksheet): ConditionalFormat[] {
  return (ws as unknown as { conditionalFormattings?: ConditionalFormat[] }).conditionalFormattings ?? [];
}

function validationsOf(ws: ExcelJS.Worksheet): { model: Validations } {
  return (ws as unknown as { dataValidations: { model: Validations } }).dataValidations;
}

/** The rectangles of a space-separated list of ranges ("B4:B23 D4"); undefined when one is not a range. */
function rects(sqref: string): Rect[] | undefined {
  const out: Rect[] = [];
  for (const part of sqref.trim().split(/\s+/)) {
    const r = parseRect(part);
    if (!r) return undefined;
    out.push(r);
  }
  return out;
}

type RemovedFormat = NonNullable<OwnedSheetPlan["removeFormats"]>[number];

/** The same range ("A1", "$A$1"), as a rule's `ref` or <xm:sqref> has it. */
function sameRange(a: string, b: string): boolean {
  return a.replace(/\$/g, "").trim().toUpperCase() === b.replace(/\$/g, "").trim().toUpperCase();
}

/** Whether a rule on `ref` is one of the project's that the plan removes: a formula rule on that range alone, of that formula. */
function isRemoved(remove: readonly RemovedFormat[], ref: string, rule: Rule): boolean {
  const formula = rule.type === "expression" && rule.formulae?.length === 1 && typeof rule.formulae[0] === "string" ? rule.formulae[0] : undefined;
  return formula !== undefined && remove.some((r) => sameRange(r.range, ref) && sameRuleFormula(r.formula, formula));
}

/**
 * Whether an x14 format (Excel 2010 keeps there a rule whose formula reads another sheet, as the
 * project's does once Excel saved the file) is one of the project's that the plan removes: on that
 * range alone, each of its rules a formula rule of that formula.
 */
function isRemovedX14(remove: readonly RemovedFormat[], format: X14Format): boolean {
  const formulas = x14FormatFormulas(format);
  const rules = [...format.xml.matchAll(/<(?:[\w.-]+:)?cfRule\b[^>]*\stype="([^"]*)"/g)].map((m) => m[1]);
  return (
    formulas.length > 0 &&
    formulas.length === rules.length &&
    rules.every((t) => t === "expression") &&
    remove.some((r) => sameRange(r.range, x14FormatRanges(format)) && formulas.every((f) => sameRuleFormula(r.formula, f)))
  );
}

/**
 * The conditional formats and validations of `ws` outside `clear` (OwnedSheetPlan.clear): a rule
 * wholly inside goes, one partly inside keeps the cells outside (its formulas moved to its new
 * top-left cell). A rule on a range this module cannot read stays as it is. The project's rules
 * `remove` names (OwnedSheetPlan.removeFormats) go, wherever they are.
 */
export function userFormats(ws: ExcelJS.Worksheet, clear: string[], remove: readonly RemovedFormat[] = []): UserFormats {
  const cleared = clear.flatMap((r) => parseRect(r) ?? []);
  const conditional: ConditionalFormat[] = [];
  for (const found of formatsOf(ws)) {
    // The project's own rules on a cell it no longer owns (OwnedSheetPlan.removeFormats) go, wherever they are.
    const cf = { ...found, rules: found.rules.filter((r) => !isRemoved(remove, found.ref ?? "", r)) };
    if (cf.rules.length === 0) continue;
    const from = rects(cf.ref ?? "");
    if (!from) {
      conditional.push(cf);
      continue;
    }
    const left = remaining(from, cleared);
    if (left.length === 0) continue;
    const before = anchor(from);
    const after = anchor(left);
    const rows = after.row - before.row;
    const cols = after.col - before.col;
    const rules = cf.rules.map((rule) => (rule.formulae ? { ...rule, formulae: rule.formulae.map((f) => (typeof f === "string" ? movedFormula(f, rows, cols) : f)) } : rule));
    conditional.push({ ...cf, ref: left.map(rectAddress).join(" "), rules });
  }
  // ExcelJS keeps a validation by cell ("H4", each cell of a range read from a file), or by range
  // when one was added so ("H4:H23"). The cells are kept as ranges again, runs down a column: ExcelJS
  // would join them into overlapping ranges (it sorts "H10" before "H4"), each cell under two rules.
  const validations: [string, ExcelJS.DataValidation][] = [];
  const cells = new Map<ExcelJS.DataValidation, string[]>();
  for (const [address, rule] of Object.entries(validationsOf(ws).model)) {
    if (!rule) continue;
    const from = rects(address);
    if (!from) {
      validations.push([address, rule]);
      continue;
    }
    for (const r of remaining(from, cleared)) {
      if (r.rows > 1 || r.cols > 1) {
        validations.push([rectAddress(r), rule]);
        continue;
      }
      let list = cells.get(rule);
      if (!list) cells.set(rule, (list = []));
      list.push(rectAddress(r));
    }
  }
  for (const [rule, list] of cells) for (const range of compactRanges(list)) validations.push([range, rule]);
  const x14 = x14FormatsOf(ws).filter((f) => !isRemovedX14(remove, f));
  return { conditional, validations, x14: x14FormatsOutside(x14, cleared), x14Validations: x14ValidationsOutside(x14ValidationsOf(ws), cleared) };
}

/**
 * The user's conditional formats and validations (userFormats) onto the sheet made anew, after
 * the plan's own: their rules in the order they had, after the plan's.
 */
export function restoreUserFormats(ws: ExcelJS.Worksheet, kept: UserFormats): void {
  const own = formatsOf(ws);
  let priority = Math.max(0, ...own.flatMap((cf) => cf.rules.map((r) => r.priority ?? 0)));
  // The x14 rules too, in the one order of the sheet's rules.
  const x14 = kept.x14.map((format) => ({ format, priorities: x14RulePriorities(format) }));
  const order: { priority: number; set: (p: number) => void }[] = [];
  const renumbered = new Map<Rule, number>();
  for (const cf of kept.conditional) for (const r of cf.rules) order.push({ priority: r.priority ?? 0, set: (p) => renumbered.set(r, p) });
  for (const f of x14) f.priorities.forEach((p, i) => order.push({ priority: p ?? 0, set: (n) => (f.priorities[i] = n) }));
  order.sort((a, b) => a.priority - b.priority);
  for (const o of order) o.set(++priority);
  for (const cf of kept.conditional) ws.addConditionalFormatting({ ref: cf.ref, rules: cf.rules.map((r) => ({ ...r, priority: renumbered.get(r) })) as unknown as ExcelJS.ConditionalFormattingRule[] });
  setX14Formats(ws, x14.map((f) => withX14RulePriorities(f.format, f.priorities as number[])));
  const model = validationsOf(ws).model;
  for (const [address, rule] of kept.validations) model[address] = rule;
  setX14Validations(ws, kept.x14Validations);
}
