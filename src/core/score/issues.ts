/**
 * Issues the engine finds in a unit's figures rather than in its cells: an expression (an `expr`
 * rule or an `expr` group) that gives no finite number — a division by zero, LN of 0, SQRT of a
 * negative — from what the unit reported. The engine scores such a node under the index's
 * missing-data policy (0 under "zero", not available under "exclude"); these issues say so, in
 * the reader's sentence style: where (sheet, cell of the inputs at fault), then what.
 */
import type { IndexModel } from "../definition/model";
import { type EvalFailure, evaluateExplained } from "../expr/evaluate";
import type { Expr } from "../expr/ast";
import { printExpression } from "../expr/parse";
import { type Message, foldText, formatNumber, localize } from "../i18n/text";
import { issueLocation } from "../read/messages";
import type { Issue, NodeResult, ScoreTable, Submission } from "../types";
import { choiceScales, exprInput } from "./rules";

/** One node of one unit whose expression gave no finite number. */
export interface InvalidResult {
  /** Index of the unit in the submissions (and in table.units). */
  unit: number;
  node: string;
  kind: "indicator" | "group";
  failure: Exclude<EvalFailure, { kind: "reference" }>;
  /** The input codes of the operand at fault (of the whole expression when no operand is), in order of appearance. */
  inputs: string[];
}

function refsOf(expr: Expr, out: string[] = []): string[] {
  switch (expr.type) {
    case "ref":
      if (!out.includes(expr.code)) out.push(expr.code);
      break;
    case "unary":
      refsOf(expr.arg, out);
      break;
    case "binary":
      refsOf(expr.left, out);
      refsOf(expr.right, out);
      break;
    case "call":
      for (const a of expr.args) refsOf(a, out);
      break;
    default:
      break;
  }
  return out;
}

/** Only a node scored 0 or left out for an invalid result can have one; anything else is skipped cheaply. */
function mayBeInvalid(n: NodeResult | undefined): boolean {
  if (!n || n.missingScoredZero) return false;
  return n.reason === "invalid-result" || (n.available && n.value === 0);
}

/**
 * Every node whose expression gave no finite number, unit by unit (`table` is `scoreUnits` of
 * `submissions`, in the same order). Nodes not applicable, answered N/A, or missing inputs are
 * not concerned: those are said elsewhere. A group whose evaluation needs a child that is not
 * available is not concerned either (it is not available for that reason).
 */
export function invalidResults(model: IndexModel, submissions: Submission[], table: ScoreTable): InvalidResult[] {
  const exprNodes = [...model.nodes.values()].filter((n) => n.expr !== undefined && (n.kind === "group" || n.rule.kind === "expr"));
  if (exprNodes.length === 0) return [];
  const choices = choiceScales(model);
  const out: InvalidResult[] = [];
  table.units.forEach((result, u) => {
    const sub = submissions[u];
    if (!sub) return;
    for (const node of exprNodes) {
      if (!mayBeInvalid(result.nodes[node.code])) continue;
      const lookup =
        node.kind === "indicator"
          ? (c: string) => exprInput(sub.values[c], choices.get(c))
          : (c: string) => {
              const child = result.nodes[c];
              return child?.available && child.value !== null ? child.value : undefined;
            };
      const evaluated = evaluateExplained(node.expr!, lookup);
      if (evaluated.ok || evaluated.failure.kind === "reference") continue;
      const failure = evaluated.failure;
      const inputs = refsOf("at" in failure ? failure.at : node.expr!);
      out.push({ unit: u, node: node.code, kind: node.kind, failure, inputs: inputs.length > 0 ? inputs : refsOf(node.expr!) });
    }
  });
  return out;
}

/** "phép chia cho 0: [d] bằng 0" — what went wrong, naming the operand at fault. */
export function failureText(failure: InvalidResult["failure"]): Message {
  const literal = "at" in failure && failure.at.type === "number";
  const shown = "at" in failure ? printExpression(failure.at) : "";
  const value = (lang: "vi" | "en"): string => ("value" in failure ? formatNumber(failure.value, lang) : "");
  switch (failure.kind) {
    case "division-by-zero":
      return literal
        ? { vi: "phép chia cho 0", en: "division by zero" }
        : { vi: `phép chia cho 0: ${shown} bằng 0`, en: `division by zero: ${shown} is 0` };
    case "logarithm":
      return literal
        ? { vi: `không lấy được logarit của ${value("vi")}`, en: `there is no logarithm of ${value("en")}` }
        : { vi: `không lấy được logarit của ${shown} = ${value("vi")}`, en: `there is no logarithm of ${shown} = ${value("en")}` };
    case "square-root":
      return literal
        ? { vi: `không lấy được căn bậc hai của ${value("vi")}`, en: `there is no square root of ${value("en")}` }
        : { vi: `không lấy được căn bậc hai của ${shown} = ${value("vi")}`, en: `there is no square root of ${shown} = ${value("en")}` };
    case "power":
      return literal
        ? { vi: `không nâng được số âm ${value("vi")} lên lũy thừa không nguyên`, en: `a negative number (${value("en")}) cannot be raised to a power that is not a whole number` }
        : {
            vi: `không nâng được số âm ${shown} = ${value("vi")} lên lũy thừa không nguyên`,
            en: `${shown} = ${value("en")} is negative and cannot be raised to a power that is not a whole number`,
          };
    case "not-finite":
      return { vi: "kết quả không phải là một số hữu hạn", en: "the result is not a finite number" };
  }
}

/**
 * The "invalid-result" error for one node of one unit: "Trang tính 'Sở Y tế', ô D14: không tính
 * được chỉ tiêu 2.1 từ số liệu của đơn vị (phép chia cho 0: [2.1.b] bằng 0); chỉ tiêu được tính
 * 0 điểm." The cell is that of the first input at fault that the unit's sheet has.
 */
export function invalidResultIssue(model: IndexModel, submission: Submission, found: InvalidResult): Issue {
  const zero = model.definition.missing === "zero";
  const why = failureText(found.failure);
  const source = submission.source;
  const cell = found.kind === "indicator" ? found.inputs.map((c) => source?.cells?.[c]).find((a) => a !== undefined) : undefined;
  const body: Message =
    found.kind === "indicator"
      ? {
          vi: `không tính được chỉ tiêu ${found.node} từ số liệu của đơn vị (${why.vi}); chỉ tiêu ${zero ? "được tính 0 điểm" : "không được tính điểm"}`,
          en: `indicator ${found.node} cannot be computed from the unit's values (${why.en}); ${zero ? "it scores 0" : "it is not scored"}`,
        }
      : {
          vi: `không tính được nhóm ${found.node} từ giá trị các thành phần (${why.vi}); nhóm ${zero ? "được tính bằng 0" : "không được tính điểm"}`,
          en: `group ${found.node} cannot be computed from its children's values (${why.en}); ${zero ? "it counts as 0" : "it is not scored"}`,
        };
  const at: Message =
    source === undefined
      ? { vi: "", en: "" }
      : issueLocation({
          sheet: source.sheet,
          ...(cell !== undefined ? { cell } : {}),
          ...(source.file !== undefined ? { file: source.file } : {}),
          // A table's row when no input cell is at fault: "Tệp b.csv, dòng 5", not the file alone.
          ...(cell === undefined && source.layout === "B" && source.row !== undefined ? { row: source.row } : {}),
        });
  const sentence = (prefix: string, text: string): string => `${prefix === "" ? text.charAt(0).toUpperCase() + text.slice(1) : prefix + text}.`;
  return {
    severity: "error",
    code: "invalid-result",
    message: { vi: sentence(at.vi, body.vi), en: sentence(at.en, body.en) },
    ...(source !== undefined ? { sheet: source.sheet } : {}),
    ...(cell !== undefined ? { cell } : {}),
    unit: submission.code,
    node: found.node,
  };
}

/**
 * The "exclude-unmatched" warnings of a run: each entry of ranking.exclude that is neither a
 * unit's code nor a unit category's id (as the ranking compares them: trimmed, exactly) excludes
 * nothing. When the entry is a unit's code or name, or a category's id or name, but for case,
 * diacritics or spacing, the sentence says what to write instead.
 */
export function excludeIssues(model: IndexModel, table: ScoreTable): Issue[] {
  const codes = new Set(table.units.map((u) => u.code.trim()));
  const categories = new Set(model.categories);
  const entries = [...new Set(table.ranking.exclude.map((e) => e.trim()))].filter((e) => e !== "");
  const issues: Issue[] = [];
  for (const entry of entries) {
    if (codes.has(entry) || categories.has(entry)) continue;
    const folded = foldText(entry);
    const unit = table.units.find((u) => foldText(u.code) === folded) ?? table.units.find((u) => foldText(u.name) === folded);
    const category = (model.definition.categories ?? []).find(
      (c) => foldText(c.id) === folded || foldText(localize(c.name, "vi")) === folded || foldText(localize(c.name, "en")) === folded,
    );
    const what: Message = {
      vi: `Mục "${entry}" của danh sách loại trừ khỏi xếp hạng (ranking.exclude) không phải mã đơn vị hay mã loại đơn vị nào nên không loại trừ đơn vị nào`,
      en: `The ranking exclusion "${entry}" (ranking.exclude) is neither a unit code nor a unit category id, so it excludes no unit`,
    };
    const hint: Message | undefined = unit
      ? {
          vi: `; để loại trừ ${unit.name}, hãy ghi mã "${unit.code.trim()}"`,
          en: `; to exclude ${unit.name}, write its code "${unit.code.trim()}"`,
        }
      : category
        ? {
            vi: `; để loại trừ loại đơn vị "${localize(category.name, "vi")}", hãy ghi mã "${category.id}"`,
            en: `; to exclude the unit category "${localize(category.name, "en")}", write its id "${category.id}"`,
          }
        : undefined;
    issues.push({
      severity: "warning",
      code: "exclude-unmatched",
      message: { vi: `${what.vi}${hint?.vi ?? ""}.`, en: `${what.en}${hint?.en ?? ""}.` },
    });
  }
  return issues;
}

/**
 * The issues of a scoring run itself: the "invalid-result" errors, unit by unit in submission
 * order, then the "exclude-unmatched" warnings.
 */
export function resultIssues(model: IndexModel, submissions: Submission[], table: ScoreTable): Issue[] {
  return [...invalidResults(model, submissions, table).map((f) => invalidResultIssue(model, submissions[f.unit]!, f)), ...excludeIssues(model, table)];
}
