/**
 * The index definition format `index-definition/1` (../shared/design/index-definition.md).
 *
 * This zod schema is the single source of the definition's TypeScript types: every type below
 * is `z.infer` of a schema, never written by hand. Structural rules live here; rules that need
 * the whole tree (unique codes, references, reachable steps…) live in `checks.ts`.
 *
 * It is also the source of the JSON Schema editors use (scripts/generate-json-schema.ts): every
 * field carries its description for an editor's hover, in English then Vietnamese, with its
 * default, and every enum a line per value (`markdownEnumDescriptions`, which VS Code shows as a
 * value is picked). A field without a description fails the JSON Schema's test.
 */
import { z } from "zod";

export const FORMAT = "index-definition/1";

/** A description for editors: the English sentence first, then the Vietnamese one. */
const doc = (en: string, vi: string): string => `${en} / ${vi}`;

/**
 * The metadata of an enum field: its description, and a line per value in the enum's order (VS
 * Code's `markdownEnumDescriptions`, shown in the completion list). Every value must be described.
 */
function enumDoc<T extends string>(values: readonly T[], en: string, vi: string, each: Record<T, readonly [string, string]>) {
  return { description: doc(en, vi), markdownEnumDescriptions: values.map((v) => doc(each[v][0], each[v][1])) };
}

/** What an expression may hold, said in the descriptions of `expr` rules and groups. */
const EXPR_SYNTAX = {
  en: "numbers (95% is 0.95), + - * / ^, parentheses, comparisons = <> < <= > >=, and the functions MIN MAX ABS ROUND LN LOG10 EXP SQRT IF AND OR NOT AVERAGE SUM",
  vi: "số (95% là 0.95), + - * / ^, dấu ngoặc, phép so sánh = <> < <= > >=, và các hàm MIN MAX ABS ROUND LN LOG10 EXP SQRT IF AND OR NOT AVERAGE SUM",
};

/** `{ vi, en }` with at least one of them: the form of a LocalizedText that differs by language. */
const localizedObject = z
  .strictObject({
    vi: z.string().trim().min(1).optional().describe(doc("The text in Vietnamese.", "Văn bản tiếng Việt.")),
    en: z.string().trim().min(1).optional().describe(doc("The text in English (left out, the Vietnamese text is shown).", "Văn bản tiếng Anh (nếu bỏ trống, dùng văn bản tiếng Việt).")),
  })
  .refine((t) => t.vi !== undefined || t.en !== undefined, { message: "localized-text-empty" });

/** A string in every language, or `{ vi, en }` with at least one of them. */
export const localizedText = z.union([z.string().trim().min(1), localizedObject]);
export type LocalizedText = z.infer<typeof localizedText>;

/**
 * Codes are free text, case-sensitive after trimming, and compared in Unicode NFC: a definition
 * saved by an editor in NFD ("Hạ tầng" as a + combining marks) matches cells typed in NFC.
 */
export const nodeCode = z.string().trim().normalize("NFC").min(1);
/** Expressions name codes in brackets, so they are NFC too. */
const exprText = z.string().trim().normalize("NFC").min(1);

const finite = z.number().finite();
const direction = z.enum(["higher", "lower"]);
const across = z.enum(["all", "category"]);

export const inputType = z.enum(["number", "integer", "percent", "boolean", "choice", "text"]);
export type InputType = z.infer<typeof inputType>;

export const inputSchema = z
  .strictObject({
    code: nodeCode.describe(
      doc(
        "The input's code, unique in the whole definition; a rule and an expression name the input by it ([code]). The indicator's only input may repeat the indicator's code.",
        "Mã số liệu, không trùng trong toàn bộ chỉ số; quy tắc và biểu thức gọi số liệu bằng mã này ([mã]). Số liệu duy nhất của chỉ tiêu có thể lấy lại mã của chỉ tiêu.",
      ),
    ),
    name: localizedText.optional().describe(doc("The input's name, shown on the forms.", "Tên số liệu, hiển thị trên phiếu.")),
    type: inputType.optional().meta(
      enumDoc(
        inputType.options,
        "What the input holds (default: what its rule reads: \"boolean\" for a boolean rule, \"choice\" for a choice rule, \"percent\" for a fraction rule, \"number\" otherwise).",
        "Kiểu của số liệu (mặc định: theo quy tắc đọc nó: \"boolean\" với quy tắc boolean, \"choice\" với quy tắc choice, \"percent\" với quy tắc fraction, còn lại \"number\").",
        {
          number: ["A number.", "Một số."],
          integer: ["A whole number; a figure with decimals is an error.", "Một số nguyên; số có phần thập phân là lỗi."],
          percent: [
            "A percentage, stored as a fraction: \"85%\", 0.85 and (with a note) 85 all mean 0.85.",
            "Tỷ lệ phần trăm, lưu dưới dạng phân số: \"85%\", 0.85 và (kèm ghi chú) 85 đều là 0.85.",
          ],
          boolean: [
            "Yes or no: yes / no, x / (blank), 1 / 0, TRUE / FALSE, or the Vietnamese words for them (có / không, đạt / không đạt).",
            "Có hoặc không: có / không, đạt / không đạt, yes / no, x / (trống), 1 / 0, TRUE / FALSE.",
          ],
          choice: ["One of the choice rule's options.", "Một trong các lựa chọn của quy tắc choice."],
          text: ["Free text, not scored.", "Văn bản tự do, không chấm điểm."],
        },
      ),
    ),
    min: finite
      .optional()
      .describe(doc("The smallest figure accepted (optional): a figure below it is an error.", "Giá trị nhỏ nhất được nhận (không bắt buộc): số liệu nhỏ hơn là lỗi.")),
    max: finite
      .optional()
      .describe(
        doc(
          "The largest figure accepted (optional): a figure above it is an error. On a percent input, a max above 1 allows figures above 100%.",
          "Giá trị lớn nhất được nhận (không bắt buộc): số liệu lớn hơn là lỗi. Với số liệu phần trăm, max lớn hơn 1 cho phép số liệu trên 100%.",
        ),
      ),
    // Any text, blank included, as before; or `{ vi, en }`, an addition (docs/index-definition-notes.md).
    unit: z
      .union([z.string(), localizedObject])
      .optional()
      .describe(
        doc(
          "The unit of measure, for display only: a text, or { \"vi\": …, \"en\": … } shown in the form's language (e.g. { \"vi\": \"văn bản\", \"en\": \"documents\" }, \"%\").",
          "Đơn vị tính, chỉ để hiển thị: một chuỗi, hoặc { \"vi\": …, \"en\": … } hiển thị theo ngôn ngữ của phiếu (ví dụ { \"vi\": \"văn bản\", \"en\": \"documents\" }, \"%\").",
        ),
      ),
  })
  .describe(doc("An input: one figure a unit reports for the indicator.", "Một số liệu đầu vào mà đơn vị báo cáo cho chỉ tiêu."));
export type InputDefinition = z.infer<typeof inputSchema>;

/**
 * Rules that read one input take the indicator's only input; an indicator with several inputs
 * names the one a single-input rule reads with `input` (an addition to the written format).
 */
const singleInput = {
  input: nodeCode
    .optional()
    .describe(
      doc(
        "The code of the input this rule reads; needed only when the indicator has several inputs (default: its only input).",
        "Mã số liệu mà quy tắc đọc; chỉ cần khi chỉ tiêu có nhiều số liệu (mặc định: số liệu duy nhất của chỉ tiêu).",
      ),
    ),
};

/** `fraction` and `points` of a choice option or a step (`what`: "option"/"lựa chọn", "step"/"bậc"). */
const pointsOrFraction = (what: { en: string; vi: string }) => ({
  fraction: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe(
      doc(
        `The value this ${what.en} gives, from 0 to 1 (exactly one of fraction and points).`,
        `Giá trị mà ${what.vi} này cho, từ 0 đến 1 (ghi một trong hai: fraction hoặc points).`,
      ),
    ),
  points: z
    .number()
    .min(0)
    .optional()
    .describe(
      doc(
        `The points this ${what.en} gives, from 0 to the indicator's max, which it then needs (exactly one of fraction and points).`,
        `Số điểm mà ${what.vi} này cho, từ 0 đến max của chỉ tiêu, khi đó chỉ tiêu cần có max (ghi một trong hai: fraction hoặc points).`,
      ),
    ),
});

export const choiceOption = z
  .strictObject({
    value: z
      .string()
      .trim()
      .min(1)
      .describe(doc("The answer as written on the form.", "Câu trả lời như ghi trên phiếu.")),
    name: localizedText
      .optional()
      .describe(
        doc(
          "How the answer is written on a form in each language (optional): a text, or { \"vi\": …, \"en\": … }, e.g. { \"en\": \"Director\" }. A form lists the name in its language in its drop-down list; the Vietnamese name is the value unless given, and the English name the Vietnamese one unless given. Every name is read as this answer, like the value and the aliases.",
          "Cách ghi câu trả lời trên phiếu theo từng ngôn ngữ (không bắt buộc): một chuỗi, hoặc { \"vi\": …, \"en\": … }, ví dụ { \"en\": \"Director\" }. Danh sách chọn của phiếu ghi tên theo ngôn ngữ của phiếu; tên tiếng Việt là value nếu không ghi, tên tiếng Anh nếu không ghi thì dùng tên tiếng Việt. Mọi tên đều được đọc là câu trả lời này, như value và aliases.",
        ),
      ),
    aliases: z
      .array(z.string().trim().min(1).describe(doc("Another way to write the answer.", "Một cách viết khác của câu trả lời.")))
      .optional()
      .describe(
        doc(
          "Other ways to write the same answer (optional); answers are matched ignoring case and diacritics.",
          "Các cách viết khác của cùng câu trả lời (không bắt buộc); câu trả lời được so khớp không phân biệt hoa thường và dấu.",
        ),
      ),
    ...pointsOrFraction({ en: "option", vi: "lựa chọn" }),
  })
  .refine((o) => (o.fraction === undefined) !== (o.points === undefined), { message: "fraction-xor-points" })
  .describe(doc("An answer and what it scores: exactly one of fraction and points.", "Một câu trả lời và điểm của nó: ghi một trong hai, fraction hoặc points."));
export type ChoiceOption = z.infer<typeof choiceOption>;

export const step = z
  .strictObject({
    atLeast: finite
      .optional()
      .describe(
        doc(
          "The step matches a figure of at least this (exactly one of atLeast and atMost); on a percent input, a fraction (0.8 for 80%).",
          "Bậc khớp với số liệu từ ngưỡng này trở lên (ghi một trong hai: atLeast hoặc atMost); với số liệu phần trăm, ghi dạng phân số (0.8 là 80%).",
        ),
      ),
    atMost: finite
      .optional()
      .describe(
        doc(
          "The step matches a figure of at most this (exactly one of atLeast and atMost); on a percent input, a fraction (0.8 for 80%).",
          "Bậc khớp với số liệu từ ngưỡng này trở xuống (ghi một trong hai: atLeast hoặc atMost); với số liệu phần trăm, ghi dạng phân số (0.8 là 80%).",
        ),
      ),
    ...pointsOrFraction({ en: "step", vi: "bậc" }),
  })
  .refine((s) => (s.atLeast === undefined) !== (s.atMost === undefined), { message: "atleast-xor-atmost" })
  .refine((s) => (s.fraction === undefined) !== (s.points === undefined), { message: "fraction-xor-points" })
  .describe(
    doc(
      "A threshold (exactly one of atLeast and atMost) and what a figure that meets it scores (exactly one of fraction and points).",
      "Một ngưỡng (ghi một trong hai: atLeast hoặc atMost) và điểm của số liệu đạt ngưỡng đó (ghi một trong hai: fraction hoặc points).",
    ),
  );
export type Step = z.infer<typeof step>;

/** The `kind` of a rule and the rule itself, described alike: what the rule computes. */
function ruleKind<K extends string>(kind: K, en: string, vi: string) {
  return z.literal(kind).describe(doc(en, vi));
}

const directionTarget = direction.default("higher").meta(
  enumDoc(direction.options, "Whether more is better or less is (default: \"higher\"); the value is capped at 1.", "Càng cao càng tốt hay càng thấp càng tốt (mặc định: \"higher\"); giá trị tối đa là 1.", {
    higher: ["More is better: value = v ÷ target.", "Càng cao càng tốt: giá trị = v ÷ chỉ tiêu."],
    lower: ["Less is better: value = target ÷ v, 1 when v ≤ target.", "Càng thấp càng tốt: giá trị = chỉ tiêu ÷ v, bằng 1 khi v ≤ chỉ tiêu."],
  }),
);
const directionRelative = direction.default("higher").meta(
  enumDoc(direction.options, "Whether more is better or less is (default: \"higher\").", "Càng cao càng tốt hay càng thấp càng tốt (mặc định: \"higher\").", {
    higher: ["More is better: value = v ÷ the largest figure.", "Càng cao càng tốt: giá trị = v ÷ số liệu lớn nhất."],
    lower: ["Less is better: value = the smallest figure ÷ v.", "Càng thấp càng tốt: giá trị = số liệu nhỏ nhất ÷ v."],
  }),
);
const directionMinmax = direction.default("higher").meta(
  enumDoc(direction.options, "Whether more is better or less is (default: \"higher\").", "Càng cao càng tốt hay càng thấp càng tốt (mặc định: \"higher\").", {
    higher: ["More is better: a figure at max gives 1.", "Càng cao càng tốt: số liệu bằng max cho giá trị 1."],
    lower: ["Less is better: the value is 1 − that, so a figure at min gives 1.", "Càng thấp càng tốt: giá trị là 1 − giá trị trên, số liệu bằng min cho giá trị 1."],
  }),
);
const acrossUnits = across.default("all").meta(
  enumDoc(across.options, "Which units a figure is compared with (default: \"all\").", "So sánh số liệu với những đơn vị nào (mặc định: \"all\").", {
    all: ["All the units of the same scoring run.", "Mọi đơn vị trong cùng lần chấm điểm."],
    category: ["The units of the same category (needs \"categories\").", "Các đơn vị cùng loại đơn vị (cần khai báo \"categories\")."],
  }),
);
/** A `minmax` bound: a number, or "data" for the units' own figures. */
const minmaxBound = (en: string, vi: string, which: { en: string; vi: string }) =>
  z
    .union([finite, z.literal("data")])
    .describe(
      doc(
        `${en}: a number (on a percent input, a fraction: 0.8 for 80%), or "data" for the ${which.en} figure of the units scored together.`,
        `${vi}: một số (với số liệu phần trăm, ghi dạng phân số: 0.8 là 80%), hoặc "data" để lấy số liệu ${which.vi} trong các đơn vị được chấm cùng lần.`,
      ),
    );

export const ruleSchema = z
  .discriminatedUnion("kind", [
    z
      .strictObject({
        kind: ruleKind(
          "points",
          "\"points\": the input is points already, from 0 to the indicator's max (self-scored items); above max is an error, never clipped.",
          "\"points\": số liệu đã là điểm, từ 0 đến max của chỉ tiêu (đơn vị tự chấm); vượt max là lỗi, không bị cắt bớt.",
        ),
        ...singleInput,
      })
      .describe(doc("The input is points already, from 0 to the indicator's max.", "Số liệu đã là điểm, từ 0 đến max của chỉ tiêu.")),
    z
      .strictObject({
        kind: ruleKind(
          "fraction",
          "\"fraction\": the input is already a value from 0 to 1 (or a percentage, 0% to 100%).",
          "\"fraction\": số liệu đã là giá trị từ 0 đến 1 (hoặc tỷ lệ phần trăm, từ 0% đến 100%).",
        ),
        ...singleInput,
      })
      .describe(doc("The input is already a value from 0 to 1.", "Số liệu đã là giá trị từ 0 đến 1.")),
    z
      .strictObject({ kind: ruleKind("boolean", "\"boolean\": yes → 1, no → 0.", "\"boolean\": có → 1, không → 0."), ...singleInput })
      .describe(doc("Yes → 1, no → 0.", "Có → 1, không → 0.")),
    z
      .strictObject({
        kind: ruleKind(
          "choice",
          "\"choice\": the matched option's fraction (or its points ÷ max).",
          "\"choice\": giá trị (fraction) của lựa chọn khớp với câu trả lời (hoặc points ÷ max).",
        ),
        ...singleInput,
        options: z
          .array(choiceOption)
          .min(1)
          .describe(
            doc(
              "The answers a unit may give, each with what it scores; the only list of choices (inputs do not repeat it).",
              "Các câu trả lời đơn vị có thể chọn, mỗi câu kèm điểm; là danh sách lựa chọn duy nhất (số liệu không ghi lại).",
            ),
          ),
      })
      .describe(doc("One answer from a list: the matched option's fraction or points.", "Chọn một câu trả lời trong danh sách: điểm theo lựa chọn khớp.")),
    z
      .strictObject({
        kind: ruleKind(
          "ratio",
          "\"ratio\": numerator ÷ denominator, capped at 1 unless \"cap\" is false.",
          "\"ratio\": tử số ÷ mẫu số, tối đa là 1 trừ khi \"cap\" là false.",
        ),
        numerator: nodeCode.describe(doc("The code of the input that is divided (the numerator).", "Mã số liệu là tử số.")),
        denominator: nodeCode.describe(doc("The code of the input it is divided by (the denominator).", "Mã số liệu là mẫu số.")),
        cap: z
          .boolean()
          .default(true)
          .describe(
            doc(
              "Cap the value at 1 (default: true); with false, a ratio above 1 scores above the indicator's max.",
              "Giới hạn giá trị tối đa là 1 (mặc định: true); nếu false, tỷ lệ trên 1 cho điểm vượt max của chỉ tiêu.",
            ),
          ),
        zeroDenominator: z
          .enum(["na", "zero", "full"])
          .default("na")
          .meta(
            enumDoc(["na", "zero", "full"], "What a ratio gives when its denominator is 0 (default: \"na\").", "Giá trị của tỷ lệ khi mẫu số bằng 0 (mặc định: \"na\").", {
              na: ["Not available: the indicator is left out and its group rescales the others.", "Không áp dụng: chỉ tiêu được bỏ qua và nhóm quy đổi theo các thành phần còn lại."],
              zero: ["0 points.", "0 điểm."],
              full: ["Full points (value 1).", "Điểm tối đa (giá trị 1)."],
            }),
          ),
      })
      .describe(doc("One input divided by another.", "Tỷ lệ giữa hai số liệu.")),
    z
      .strictObject({
        kind: ruleKind(
          "target",
          "\"target\": the figure measured against a target: higher: v ÷ target; lower: target ÷ v (1 when v ≤ target); capped at 1.",
          "\"target\": so số liệu với chỉ tiêu đặt ra: higher: v ÷ chỉ tiêu; lower: chỉ tiêu ÷ v (1 khi v ≤ chỉ tiêu); tối đa là 1.",
        ),
        ...singleInput,
        // 0 is a target only for "lower" (no incidents: 1 when v ≤ 0, else 0); checks.ts says so for "higher".
        target: finite
          .min(0)
          .describe(
            doc(
              "The target figure, 0 or more; 0 only with \"direction\": \"lower\" (none is the goal: 1 at 0, else 0). On a percent input, a fraction (0.8 for 80%).",
              "Chỉ tiêu đặt ra, từ 0 trở lên; chỉ được là 0 khi \"direction\": \"lower\" (mục tiêu là không có: 1 khi bằng 0, còn lại 0). Với số liệu phần trăm, ghi dạng phân số (0.8 là 80%).",
            ),
          ),
        direction: directionTarget,
      })
      .describe(doc("The figure measured against a target.", "So số liệu với chỉ tiêu đặt ra.")),
    z
      .strictObject({
        kind: ruleKind(
          "steps",
          "\"steps\": the first step that matches, in the order written, gives the value; none → 0.",
          "\"steps\": bậc đầu tiên khớp, theo thứ tự ghi, cho giá trị; không bậc nào khớp → 0.",
        ),
        ...singleInput,
        steps: z
          .array(step)
          .min(1)
          .describe(
            doc(
              "The steps, tried in the order written; each must be able to match some figure the earlier ones do not.",
              "Các bậc, được xét theo thứ tự ghi; mỗi bậc phải khớp được một số liệu mà các bậc trước không khớp.",
            ),
          ),
      })
      .describe(doc("Thresholds: the first that matches gives the value.", "Các bậc ngưỡng: bậc đầu tiên khớp cho giá trị.")),
    z
      .strictObject({
        kind: ruleKind("count", "\"count\": points per item counted: value = min(max, v × pointsEach) ÷ max.", "\"count\": điểm theo số lượng: giá trị = min(max, v × pointsEach) ÷ max."),
        ...singleInput,
        pointsEach: z
          .number()
          .positive()
          .describe(doc("The points each item counted gives, above 0; the total is capped at the indicator's max.", "Số điểm cho mỗi đơn vị đếm được, lớn hơn 0; tổng tối đa bằng max của chỉ tiêu.")),
      })
      .describe(doc("Points per item counted, up to the indicator's max.", "Điểm theo số lượng, tối đa bằng max của chỉ tiêu.")),
    z
      .strictObject({
        kind: ruleKind(
          "relative",
          "\"relative\": v ÷ the best v among the units scored together (lower: best ÷ v); the normalised ratio, \"tỷ lệ chuẩn hóa\".",
          "\"relative\": v ÷ số liệu tốt nhất trong các đơn vị được chấm cùng lần (lower: tốt nhất ÷ v), tức \"tỷ lệ chuẩn hóa\".",
        ),
        ...singleInput,
        direction: directionRelative,
        across: acrossUnits,
      })
      .describe(doc("The figure compared with the best unit's.", "So số liệu với đơn vị tốt nhất.")),
    z
      .strictObject({
        kind: ruleKind(
          "minmax",
          "\"minmax\": (t(v) − t(min)) ÷ (t(max) − t(min)), clipped to [0, 1]; \"lower\" gives 1 − that.",
          "\"minmax\": (t(v) − t(min)) ÷ (t(max) − t(min)), giới hạn trong [0, 1]; \"lower\" cho 1 − giá trị đó.",
        ),
        ...singleInput,
        min: minmaxBound("The lower bound (goalpost)", "Cận dưới", { en: "smallest", vi: "nhỏ nhất" }),
        max: minmaxBound("The upper bound (goalpost)", "Cận trên", { en: "largest", vi: "lớn nhất" }),
        transform: z
          .enum(["none", "log"])
          .default("none")
          .meta(
            enumDoc(["none", "log"], "How figures and bounds are transformed (t) before scaling (default: \"none\").", "Cách biến đổi (t) số liệu và các cận trước khi quy đổi (mặc định: \"none\").", {
              none: ["As they are.", "Giữ nguyên."],
              log: ["Natural logarithm (as for HDI income); numeric bounds must be above 0.", "Logarit tự nhiên (như thu nhập trong HDI); các cận là số phải lớn hơn 0."],
            }),
          ),
        clip: z
          .boolean()
          .default(true)
          .describe(
            doc(
              "Clip the value to [0, 1] (default: true); with false, a figure beyond a bound gives a value beyond [0, 1].",
              "Giới hạn giá trị trong [0, 1] (mặc định: true); nếu false, số liệu vượt cận cho giá trị ngoài [0, 1].",
            ),
          ),
        direction: directionMinmax,
        across: acrossUnits,
      })
      .describe(doc("The figure scaled between two bounds (goalposts).", "Quy đổi số liệu giữa hai cận.")),
    z
      .strictObject({
        kind: ruleKind(
          "expr",
          "\"expr\": an expression over the indicator's inputs, each written [code]; the result is clipped to [0, 1].",
          "\"expr\": một biểu thức theo các số liệu của chỉ tiêu, mỗi số liệu viết [mã]; kết quả được giới hạn trong [0, 1].",
        ),
        expr: exprText.describe(
          doc(
            `The expression over the indicator's inputs, each written [code]: ${EXPR_SYNTAX.en} (e.g. "IF([k] / [n] >= 95%, 1, [k] / [n])"). The result is clipped to [0, 1].`,
            `Biểu thức theo các số liệu của chỉ tiêu, mỗi số liệu viết [mã]: ${EXPR_SYNTAX.vi} (ví dụ "IF([k] / [n] >= 95%, 1, [k] / [n])"). Kết quả được giới hạn trong [0, 1].`,
          ),
        ),
      })
      .describe(doc("An expression over the indicator's inputs.", "Một biểu thức theo các số liệu của chỉ tiêu.")),
  ])
  .describe(
    doc(
      "How the indicator's inputs become a value from 0 to 1; \"kind\" names the rule: points, fraction, boolean, choice, ratio, target, steps, count, relative, minmax or expr.",
      "Cách tính giá trị (từ 0 đến 1) của chỉ tiêu từ số liệu; \"kind\" là loại quy tắc: points, fraction, boolean, choice, ratio, target, steps, count, relative, minmax hoặc expr.",
    ),
  );
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule["kind"];

const nodeCommon = {
  code: nodeCode.describe(
    doc(
      "The node's code, unique in the whole definition: free text such as \"1\", \"1.3\", \"HDI\"; case-sensitive, spaces around it ignored.",
      "Mã của nút, không trùng trong toàn bộ chỉ số: ghi tự do, ví dụ \"1\", \"1.3\", \"HDI\"; phân biệt chữ hoa chữ thường, bỏ qua dấu cách ở hai đầu.",
    ),
  ),
  name: localizedText.describe(
    doc(
      "The node's name, shown on forms and results: a text, or { \"vi\": …, \"en\": … } with at least one of them.",
      "Tên của nút, hiển thị trên phiếu và bảng kết quả: một chuỗi, hoặc { \"vi\": …, \"en\": … } có ít nhất một ngôn ngữ.",
    ),
  ),
  description: localizedText
    .optional()
    .describe(doc("Free text shown on forms and in the task pane (optional).", "Mô tả tự do, hiển thị trên phiếu và trong ngăn tác vụ (không bắt buộc).")),
  max: z
    .number()
    .min(0)
    .finite()
    .optional()
    .describe(
      doc(
        "The node's maximum points: its points are value × max. Required of a child of a \"sum\" group; a \"sum\" group's max defaults to the sum of its children's max; max 0 shows a node that scores nothing.",
        "Điểm tối đa của nút: điểm = giá trị × max. Bắt buộc với thành phần của nhóm \"sum\"; max của nhóm \"sum\" mặc định bằng tổng max của các thành phần; max 0: hiển thị nhưng không tính điểm.",
      ),
    ),
  weight: z
    .number()
    .finite()
    .optional()
    .describe(
      doc(
        "The node's weight in a \"mean\" or \"geomean\" group, above 0 (default: 1); other groups do not weigh their children (a \"sum\" group weighs them by their max).",
        "Trọng số của nút trong nhóm \"mean\" hoặc \"geomean\", lớn hơn 0 (mặc định: 1); các nhóm khác không dùng trọng số (nhóm \"sum\" tính theo max của thành phần).",
      ),
    ),
};

/** Category ids of `appliesTo` (`of`: "group"/"nhóm", "indicator"/"chỉ tiêu"). */
const appliesTo = (of: { en: string; vi: string }, more: { en: string; vi: string }) =>
  z
    .array(z.string().trim().normalize("NFC").min(1).describe(doc("A category id from \"categories\".", "Một mã loại đơn vị trong \"categories\".")))
    .min(1)
    .optional()
    .describe(
      doc(
        `The categories of unit (their ids) the ${of.en} applies to (optional; default: every unit); to other units it is not applicable${more.en}. At least one: an empty list would apply to no unit; leave it out for every unit.`,
        `Các loại đơn vị (theo mã) mà ${of.vi} áp dụng (không bắt buộc; mặc định: mọi đơn vị); với đơn vị khác thì không áp dụng${more.vi}. Ít nhất một mã: danh sách rỗng không áp dụng cho đơn vị nào; muốn áp dụng cho mọi đơn vị thì bỏ trường này.`,
      ),
    );

export const indicatorSchema = z
  .strictObject({
    ...nodeCommon,
    inputs: z
      .array(inputSchema)
      .min(1)
      .optional()
      .describe(
        doc(
          "The figures a unit reports for this indicator (optional; default: one input whose code is the indicator's code and whose type follows from the rule).",
          "Các số liệu đơn vị báo cáo cho chỉ tiêu (không bắt buộc; mặc định: một số liệu có mã là mã chỉ tiêu, kiểu theo quy tắc).",
        ),
      ),
    rule: ruleSchema,
    evidence: z
      .enum(["required", "optional"])
      .default("optional")
      .meta(
        enumDoc(["required", "optional"], "Whether a unit must give evidence for this indicator (default: \"optional\").", "Đơn vị có phải nộp minh chứng cho chỉ tiêu này không (mặc định: \"optional\").", {
          required: ["Required: a claim with points but no evidence is reported.", "Bắt buộc: chỉ tiêu có điểm mà không có minh chứng sẽ được báo."],
          optional: ["Optional.", "Không bắt buộc."],
        }),
      ),
    appliesTo: appliesTo({ en: "indicator", vi: "chỉ tiêu" }, { en: " (within its groups' appliesTo)", vi: " (trong phạm vi appliesTo của các nhóm chứa nó)" }),
    allowNA: z
      .boolean()
      .default(false)
      .describe(
        doc(
          "Whether a unit may answer \"Không áp dụng\" / \"KAD\" / \"N/A\" (default: false, where such an answer is an error); an indicator answered so is left out of its group.",
          "Đơn vị có được trả lời \"Không áp dụng\" / \"KAD\" / \"N/A\" không (mặc định: false, khi đó câu trả lời này là lỗi); chỉ tiêu được trả lời như vậy được bỏ qua khi tính nhóm.",
        ),
      ),
  })
  .describe(doc("An indicator: a rule turns its inputs into a value from 0 to 1.", "Chỉ tiêu: một quy tắc tính giá trị từ 0 đến 1 từ các số liệu."));
export type IndicatorNode = z.infer<typeof indicatorSchema>;

export const aggregateKind = z.enum(["sum", "mean", "geomean", "min", "expr"]);
export type AggregateKind = z.infer<typeof aggregateKind>;

export interface GroupNode {
  code: string;
  name: LocalizedText;
  description?: LocalizedText | undefined;
  max?: number | undefined;
  weight?: number | undefined;
  aggregate: AggregateKind;
  expr?: string | undefined;
  rescale: boolean;
  appliesTo?: string[] | undefined;
  children: IndexNode[];
}
export type IndexNode = GroupNode | IndicatorNode;

// The group schema is recursive; its type is declared above because TypeScript cannot infer a
// recursive type. Its fields other than `children` are a plain schema whose output type is checked
// against GroupNode both ways just below, so the two cannot drift apart.
const groupFields = z.strictObject({
      ...nodeCommon,
      aggregate: aggregateKind.default("sum").meta(
        enumDoc(aggregateKind.options, "How the group's value is made from its available children's (default: \"sum\").", "Cách tính giá trị của nhóm từ các thành phần có áp dụng (mặc định: \"sum\").", {
          sum: [
            "Points = Σ points of the available children; value = points ÷ Σ their max. Children need max.",
            "Điểm = tổng điểm các thành phần có áp dụng; giá trị = điểm ÷ tổng max của chúng. Các thành phần cần có max.",
          ],
          mean: ["Weighted arithmetic mean of the children's values.", "Trung bình cộng có trọng số của giá trị các thành phần."],
          geomean: ["Weighted geometric mean of the children's values; 0 if any is 0.", "Trung bình nhân có trọng số của giá trị các thành phần; bằng 0 nếu có thành phần bằng 0."],
          min: ["The smallest child value.", "Giá trị nhỏ nhất của các thành phần."],
          expr: ["An expression over the children's values, each written [code] (see \"expr\").", "Một biểu thức theo giá trị các thành phần, mỗi thành phần viết [mã] (xem \"expr\")."],
        }),
      ),
      expr: exprText
        .optional()
        .describe(
          doc(
            `Only with "aggregate": "expr": the group's value from its children's values, each written [code]: ${EXPR_SYNTAX.en} (e.g. "([R] - [V] + 1) / 2").`,
            `Chỉ dùng với "aggregate": "expr": giá trị của nhóm tính từ giá trị các thành phần, mỗi thành phần viết [mã]: ${EXPR_SYNTAX.vi} (ví dụ "([R] - [V] + 1) / 2").`,
          ),
        ),
      rescale: z
        .boolean()
        .default(false)
        .describe(
          doc(
            "Only on a \"sum\" group: bring the children's total to the group's max when the two differ (default: false, when they must be equal).",
            "Chỉ dùng cho nhóm \"sum\": quy đổi tổng điểm các thành phần về max của nhóm khi hai số khác nhau (mặc định: false, khi đó hai số phải bằng nhau).",
          ),
        ),
      appliesTo: appliesTo({ en: "group", vi: "nhóm" }, { en: "; its nodes inherit it and may narrow it", vi: "; các nút bên trong kế thừa và có thể thu hẹp thêm" }),
});
type SameType<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const groupFieldsMatchGroupNode: SameType<z.output<typeof groupFields>, Omit<GroupNode, "children">> = true;
void groupFieldsMatchGroupNode;

export const groupSchema: z.ZodType<GroupNode, unknown> = z.lazy(() =>
  groupFields
    .extend({
      children: z
        .array(nodeSchema)
        .min(1)
        .describe(
          doc(
            "The group's children: groups (with \"children\") and indicators (with \"rule\").",
            "Các thành phần của nhóm: nhóm (có \"children\") và chỉ tiêu (có \"rule\").",
          ),
        ),
    })
    .describe(doc("A group: its value is made from its children's.", "Nhóm: giá trị tính từ các thành phần.")),
);

/** A node with `children` is a group; any other node is an indicator. */
export const nodeSchema: z.ZodType<IndexNode, unknown> = z.lazy(() => z.union([groupSchema, indicatorSchema]));

/**
 * Category ids are free text like codes (only the index's own `id` is restricted to [a-z0-9-]+),
 * trimmed and compared in NFC; checks.ts rejects two categories with the same id.
 */
export const categorySchema = z
  .strictObject({
    id: z
      .string()
      .trim()
      .normalize("NFC")
      .min(1)
      .describe(
        doc(
          "The category's id, free text: what a form's category cell (\"Nhóm\"), appliesTo and ranking.exclude name; unique, even ignoring case and diacritics.",
          "Mã loại đơn vị, ghi tự do: là giá trị ghi ở ô loại đơn vị (\"Nhóm\") trên phiếu, trong appliesTo và ranking.exclude; không được trùng, kể cả khi bỏ qua hoa thường và dấu.",
        ),
      ),
    name: localizedText.describe(doc("The category's name.", "Tên loại đơn vị.")),
  })
  .describe(doc("A category: a kind of unit.", "Một loại đơn vị."));
export type Category = z.infer<typeof categorySchema>;

export const rankingSchema = z.strictObject({
  method: z
    .enum(["competition", "dense", "ordinal"])
    .default("competition")
    .meta(
      enumDoc(["competition", "dense", "ordinal"], "How tied units are ranked (default: \"competition\").", "Cách xếp hạng các đơn vị bằng điểm (mặc định: \"competition\").", {
        competition: ["\"1224\": ties share a rank and the next rank is skipped.", "\"1224\": các đơn vị bằng điểm cùng hạng, hạng kế tiếp bị bỏ qua."],
        dense: ["\"1223\": ties share a rank and the next rank follows on.", "\"1223\": các đơn vị bằng điểm cùng hạng, hạng kế tiếp liền sau."],
        ordinal: ["\"1234\": ties are broken by unit name (Vietnamese collation).", "\"1234\": các đơn vị bằng điểm được xếp theo tên đơn vị (thứ tự chữ cái tiếng Việt)."],
      }),
    ),
  on: z
    .enum(["points", "value"])
    .optional()
    .meta(
      enumDoc(["points", "value"], "What units are ranked on (default: \"points\" when the root has a max, else \"value\").", "Xếp hạng theo gì (mặc định: \"points\" khi nút gốc có max, nếu không thì \"value\").", {
        points: ["The points (value × max); needs the root's max.", "Điểm (giá trị × max); cần nút gốc có max."],
        value: ["The value, from 0 to 1.", "Giá trị, từ 0 đến 1."],
      }),
    ),
  decimals: z
    .number()
    .int()
    .min(0)
    .max(12)
    .optional()
    .describe(
      doc(
        "Rank on the figure rounded to this many decimals, 0 to 12 (UNDP ranks HDI rounded to 3); left out, figures are compared rounded to 10 decimals.",
        "Xếp hạng theo số đã làm tròn đến chừng này chữ số thập phân, từ 0 đến 12 (UNDP xếp hạng HDI theo 3 chữ số); nếu bỏ trống, so sánh số làm tròn đến 10 chữ số thập phân.",
      ),
    ),
  within: z
    .enum(["all", "category"])
    .default("all")
    .meta(
      enumDoc(["all", "category"], "Whether units are also ranked within their category (default: \"all\").", "Có xếp hạng riêng trong từng loại đơn vị không (mặc định: \"all\").", {
        all: ["One ranking of every unit.", "Một bảng xếp hạng chung cho mọi đơn vị."],
        category: [
          "A separate rank within each category, besides the overall rank; needs \"categories\".",
          "Xếp hạng riêng trong từng loại đơn vị, cùng với hạng chung; cần khai báo \"categories\".",
        ],
      }),
    ),
  nodes: z
    .enum(["none", "top", "all"])
    .default("top")
    .meta(
      enumDoc(["none", "top", "all"], "Which groups also get ranks (default: \"top\").", "Những nhóm nào cũng được xếp hạng (mặc định: \"top\").", {
        none: ["None: only the index itself.", "Không nhóm nào: chỉ xếp hạng theo tổng."],
        top: ["The root's children.", "Các nhóm con trực tiếp của nút gốc."],
        all: ["Every group, and the indicators directly under the root.", "Mọi nhóm, và các chỉ tiêu nằm ngay dưới gốc."],
      }),
    ),
  minCoverage: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe(
      doc(
        "Units whose coverage (the share of applicable indicators with data), from 0 to 1, is below this are scored but not ranked (default: 0).",
        "Đơn vị có tỷ lệ chỉ tiêu có số liệu (trong các chỉ tiêu áp dụng, từ 0 đến 1) thấp hơn mức này vẫn được chấm điểm nhưng không xếp hạng (mặc định: 0).",
      ),
    ),
  exclude: z
    .array(z.string().trim().normalize("NFC").min(1).describe(doc("A unit code, or a category id.", "Một mã đơn vị, hoặc một mã loại đơn vị.")))
    .default([])
    .describe(
      doc(
        "Units scored but not ranked, by unit code, or whole categories by category id (default: none).",
        "Các đơn vị được chấm điểm nhưng không xếp hạng, theo mã đơn vị, hoặc cả loại đơn vị theo mã loại (mặc định: không có).",
      ),
    ),
});
export type Ranking = z.infer<typeof rankingSchema>;

export const indexDefinitionSchema = z.strictObject({
  $schema: z
    .string()
    .optional()
    .describe(
      doc(
        "The JSON Schema editors check this file against (optional; not read by the scorer): the project's schema/index-definition.schema.json, as a path relative to this file with forward slashes (\"../dti-scorer/schema/index-definition.schema.json\") or a file URI (\"file:///C:/dti-scorer/schema/index-definition.schema.json\"); not a Windows path with backslashes.",
        "Lược đồ JSON mà trình soạn thảo dùng để kiểm tra tệp này (không bắt buộc; chương trình chấm điểm không đọc): tệp schema/index-definition.schema.json của dự án, ghi đường dẫn tương đối so với tệp này bằng dấu gạch chéo xuôi (\"../dti-scorer/schema/index-definition.schema.json\") hoặc URI tệp (\"file:///C:/dti-scorer/schema/index-definition.schema.json\"); không dùng đường dẫn Windows có dấu gạch chéo ngược.",
      ),
    ),
  format: z.literal(FORMAT).describe(doc(`The format of this file: always "${FORMAT}".`, `Định dạng của tệp: luôn là "${FORMAT}".`)),
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]+$/, { message: "id-pattern" })
    .describe(
      doc(
        "The index's id, stable across versions: lower-case letters a–z, digits and hyphens (e.g. \"dti-tinh-2022\").",
        "Mã bộ chỉ số, giữ nguyên qua các phiên bản: chỉ gồm chữ thường không dấu a–z, chữ số và dấu gạch ngang (ví dụ \"dti-tinh-2022\").",
      ),
    ),
  version: z
    .string()
    .trim()
    .min(1)
    .describe(doc("The index's version, free text (e.g. \"2022\").", "Phiên bản của bộ chỉ số, ghi tự do (ví dụ \"2022\").")),
  name: localizedText.describe(
    doc(
      "The index's name: a text, or { \"vi\": …, \"en\": … } with at least one of them (the other language falls back to it).",
      "Tên bộ chỉ số: một chuỗi, hoặc { \"vi\": …, \"en\": … } có ít nhất một ngôn ngữ (ngôn ngữ còn lại dùng chung).",
    ),
  ),
  description: localizedText.optional().describe(doc("A description of the index (optional).", "Mô tả bộ chỉ số (không bắt buộc).")),
  unitLabel: localizedText
    .optional()
    .describe(
      doc(
        "What a unit is called (optional), e.g. { \"vi\": \"Tỉnh\", \"en\": \"Province\" }.",
        "Tên gọi của đơn vị được đánh giá (không bắt buộc), ví dụ { \"vi\": \"Tỉnh\", \"en\": \"Province\" }.",
      ),
    ),
  categories: z
    .array(categorySchema)
    .min(1)
    .optional()
    .describe(
      doc(
        "Kinds of unit (optional; at least one when given, else leave it out): ranked apart when ranking.within is \"category\"; appliesTo, ranking.exclude and a form's category cell (\"Nhóm\") name them by id.",
        "Các loại đơn vị (không bắt buộc; nếu ghi thì có ít nhất một, nếu không thì bỏ trường này): được xếp hạng riêng khi ranking.within là \"category\"; appliesTo, ranking.exclude và ô loại đơn vị (\"Nhóm\") trên phiếu ghi chúng theo mã.",
      ),
    ),
  missing: z
    .enum(["zero", "exclude"])
    .default("zero")
    .meta(
      enumDoc(["zero", "exclude"], "What a missing input does (default: \"zero\").", "Cách xử lý số liệu bị thiếu (mặc định: \"zero\").", {
        zero: ["A missing input scores 0 and is reported.", "Số liệu thiếu được tính 0 điểm và được báo."],
        exclude: [
          "An indicator missing all of its inputs is not available, and its group is computed without it; one missing only some scores 0 and is reported.",
          "Chỉ tiêu thiếu mọi số liệu được coi là không có, và nhóm được tính không có nó; chỉ tiêu chỉ thiếu một phần số liệu được tính 0 điểm và được báo.",
        ],
      }),
    ),
  numberLocale: z
    .enum(["vi", "en", "auto"])
    .default("auto")
    .meta(
      enumDoc(["vi", "en", "auto"], "How numbers typed as text in cells are read (default: \"auto\").", "Cách đọc số được gõ dưới dạng văn bản trong ô (mặc định: \"auto\").", {
        vi: [
          "Vietnamese: \"1.860\" is 1860 and \"0,75\" is 0.75; \"1,860\" is read as 1.86, or as 1860 and reported as ambiguous when the unit writes its other figures the English way; \"73.5\" (a number only the English way reads) is read as 73.5 and reported as ambiguous.",
          "Kiểu Việt Nam: \"1.860\" là 1860 và \"0,75\" là 0,75; \"1,860\" được đọc là 1,86, hoặc là 1860 và báo là không rõ ràng khi đơn vị viết các số liệu khác theo kiểu tiếng Anh; \"73.5\" (số chỉ đọc được theo kiểu tiếng Anh) được đọc là 73,5 và báo là không rõ ràng.",
        ],
        en: [
          "English: \"1,860\" is 1860 and \"0.75\" is 0.75; \"1.860\" is read as 1.86, or as 1860 and reported as ambiguous when the unit writes its other figures the Vietnamese way; \"73,5\" (a number only the Vietnamese way reads) is read as 73.5 and reported as ambiguous.",
          "Kiểu tiếng Anh: \"1,860\" là 1860 và \"0.75\" là 0,75; \"1.860\" được đọc là 1,86, hoặc là 1860 và báo là không rõ ràng khi đơn vị viết các số liệu khác theo kiểu Việt Nam; \"73,5\" (số chỉ đọc được theo kiểu Việt Nam) được đọc là 73,5 và báo là không rõ ràng.",
        ],
        auto: [
          "A text number read differently in vi and en (\"1.860\") is read the vi way and reported as ambiguous.",
          "Số dạng văn bản đọc khác nhau giữa vi và en (\"1.860\") được đọc theo kiểu vi và được báo là không rõ ràng.",
        ],
      }),
    ),
  ranking: rankingSchema
    .default(() => rankingSchema.parse({}))
    .describe(doc("How units are ranked (optional; every field has a default).", "Cách xếp hạng các đơn vị (không bắt buộc; trường nào cũng có giá trị mặc định).")),
  root: groupSchema.describe(doc("The root group: the index itself.", "Nhóm gốc: chính là bộ chỉ số.")),
});

/** A definition after parsing: every default filled in. */
export type IndexDefinition = z.infer<typeof indexDefinitionSchema>;
/** A definition as written in a file: defaults may be left out. */
export type IndexDefinitionInput = z.input<typeof indexDefinitionSchema>;

export function isGroup(node: IndexNode): node is GroupNode {
  return Array.isArray((node as GroupNode).children);
}
