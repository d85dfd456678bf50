import { Button, Divider, Field, Link, Text, Textarea, makeStyles, mergeClasses } from "@fluentui/react-components";
import { localize } from "../../core/i18n/text";
import { type StringKey, t } from "../i18n";
import * as pipeline from "../state/pipeline";
import type { IndexModel } from "../../core/definition/model";
import { resolveCategory } from "../../core/read/read";
import { type UnitLine, ignoredCategoriesMessage, parseUnitList } from "../state/units";
import type { PaneActions, PaneState } from "../state/usePane";
import { rerunMark } from "../focus";
import { FileButton } from "./FileButton";
import { IndexNeeded, unusable } from "./IndexNeeded";
import { useStepStyles } from "./styles";

const useStyles = makeStyles({
  // Every line as read, however long the list: scrolled within a bounded height, so that a misread far down shows.
  preview: { margin: 0, paddingInlineStart: "2.5em", display: "flex", flexDirection: "column", gap: "2px", maxHeight: "12em", overflowY: "auto" },
  // As wide as the pane, never wider: a textarea is otherwise as wide as its 20 columns of text,
  // which a zoomed pane (200% in a 350 px pane leaves 175 CSS px) cannot hold.
  formats: { minWidth: 0 },
  formatsSummary: { cursor: "pointer", width: "fit-content", maxWidth: "100%", marginBottom: "2px" },
  units: { width: "100%", minWidth: 0, maxWidth: "100%", boxSizing: "border-box", "& textarea": { width: "100%", minWidth: 0 } },
});

/** How the list was read, unit by unit: its code, name and category (by the index's name for it), so that a line read otherwise than meant shows. */
function UnitsPreview({ units, lang, model }: { units: UnitLine[]; lang: PaneState["lang"]; model: IndexModel | undefined }) {
  const st = useStepStyles();
  const s = useStyles();
  // A category column only for an index that has them (a category it lacks shows as typed: said when forms are made), or,
  // no index chosen yet, for a line that names one. An index without categories ignores them, and says so under the lines.
  const withCategory = model ? (model.definition.categories ?? []).length > 0 : units.some((u) => u.category !== undefined);
  const ignored = model ? ignoredCategoriesMessage(model, units) : undefined;
  const categoryName = (c: string): string => {
    const id = model ? resolveCategory(model, c) : undefined;
    const known = id !== undefined ? model?.definition.categories?.find((x) => x.id === id) : undefined;
    return known ? localize(known.name, lang) : c;
  };
  return (
    <div data-testid="units-preview">
      <Text className={st.hint} id="units-preview-label">
        {t(lang, withCategory ? "unitsPreview" : "unitsPreviewNoCategories")}
      </Text>
      {/* A scrolled region is reached by the keyboard too. */}
      <ol className={mergeClasses(s.preview, st.hint, st.wrap, st.focusRing)} tabIndex={0} aria-labelledby="units-preview-label">
        {units.map((u) => (
          <li key={u.line}>{[u.code || "—", u.name, ...(withCategory ? [u.category !== undefined ? categoryName(u.category) : "—"] : [])].join(" · ")}</li>
        ))}
      </ol>
      {ignored && (
        <Text block className={mergeClasses(st.reason, st.wrap)} data-testid="units-categories-ignored">
          {ignored[lang]}
        </Text>
      )}
    </div>
  );
}

/**
 * The list's example line, of the kind of unit the index ranks (its `unitLabel`, in either
 * language): a department, a district, a province or a country; a unit of no kind known otherwise.
 */
export function unitsExampleKey(model: IndexModel | undefined): StringKey {
  const label = model?.definition.unitLabel;
  if (label === undefined) return "unitsExample";
  const text = `${localize(label, "en")} ${localize(label, "vi")}`.toLowerCase();
  // A whole word (Vietnamese letters are letters too).
  const has = (...words: string[]) => words.some((w) => new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, "u").test(text));
  if (has("district", "huyện", "quận")) return "unitsExampleDistrict";
  if (has("province", "tỉnh")) return "unitsExampleProvince";
  if (has("country", "nation", "quốc gia")) return "unitsExampleCountry";
  if (has("department", "agency", "sở", "ngành")) return "unitsExample";
  return "unitsExampleOther";
}

export function CollectStep({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  const s = useStyles();
  const { lang } = state;
  // Kept in the pane's state, so that the list stays when the user goes to another step and back;
  // what was said about a CSV file is in both languages, so that it follows a change of language.
  const units = state.unitsText;
  const csvProblem = state.unitsCsvProblem;
  // Read as the forms will be made: the index's categories tell a category from a piece of a name.
  const read = parseUnitList(units, state.index.model);
  const count = read.length;
  // While work runs, buttons keep the keyboard focus (disabledFocusable) and do nothing.
  const busy = Boolean(state.busy);
  const disabled = !state.index.model;
  // An Excel below ExcelApi 1.13 cannot bring sheets in from other files.
  const lacking = pipeline.importUnavailable(state);
  // The example line and the hint use the chosen index's own unit categories, by their names (a
  // name is read as well as a code, and says more).
  const categories = (state.index.model?.definition.categories ?? []).map((c) => localize(c.name, lang));
  const hasCategories = categories.length > 0;
  return (
    <div className={st.step}>
      <section className={st.section} aria-labelledby="collect-templates">
        <h2 id="collect-templates" className={st.heading}>
          {t(lang, "templatesTitle")}
        </h2>
        {/* An index without unit categories: the help, the formats and the preview say nothing of them. */}
        <Text className={st.hint}>{t(lang, hasCategories ? "templatesHelp" : "templatesHelpNoCategories")}</Text>
        {categories.length > 0 && <Text className={mergeClasses(st.hint, st.wrap)}>{t(lang, "unitsCategories", { list: categories.map((c) => `"${c}"`).join(", ") })}</Text>}
        {/* The rules of how a line is read, for whoever needs them (a name with a comma, lines pasted from Excel):
            closed at first, so that the list's field is in sight; still the field's description for screen readers. */}
        <details className={s.formats} data-testid="units-formats-more">
          <summary className={mergeClasses(st.hint, st.linkFocus, s.formatsSummary)}>{t(lang, "unitsFormatsTitle")}</summary>
          <Text block className={mergeClasses(st.hint, st.wrap)} id="units-formats">
            {t(lang, hasCategories ? "unitsFormats" : "unitsFormatsNoCategories")}
          </Text>
        </details>
        <Field label={t(lang, "unitsLabel")} hint={t(lang, "unitsCount", { count })} validationMessage={csvProblem?.text[lang]} {...(csvProblem ? { validationState: csvProblem.state } : {})}>
          <Textarea className={mergeClasses(s.units, st.focusRing)} value={units} resize="vertical" rows={5} onChange={(_, d) => actions.setUnitsText(d.value)} placeholder={[t(lang, unitsExampleKey(state.index.model)), ...categories.slice(0, 1)].join("; ")} aria-describedby="units-formats" />
        </Field>
        {count > 0 && <UnitsPreview units={read} lang={lang} model={state.index.model} />}
        <div className={st.row}>
          <FileButton
            label={t(lang, "unitsCsv")}
            accept=".csv,.txt,text/csv,text/plain"
            testId="units-csv"
            onFiles={(f) => {
              const file = f[0];
              if (file) actions.openUnitsCsv(file);
            }}
          />
          <Button appearance="primary" {...unusable(state, { index: true, other: { holds: count === 0 && !disabled, id: "templates-need-units" } })} data-step-main {...rerunMark("makeTemplates")} onClick={() => void actions.makeTemplates(units)}>
            {t(lang, "makeTemplates")}
          </Button>
        </div>
        {/* Why "Tạo phiếu" cannot run yet, beside it and in its description. */}
        {count === 0 && !disabled && (
          <Text className={st.hint} id="templates-need-units">
            {t(lang, "templatesNeedUnits")}
          </Text>
        )}
        <IndexNeeded state={state} actions={actions} />
        {state.templates?.url && (
          <Link className={st.linkFocus} href={state.templates.url} download={pipeline.templateFileName(state)} disabledFocusable={Boolean(state.busy)}>
            {t(lang, "downloadTemplates")}
          </Link>
        )}
      </section>
      <Divider />
      <section className={st.section} aria-labelledby="collect-import">
        <h2 id="collect-import" className={st.heading}>
          {t(lang, "importTitle")}
        </h2>
        <Text className={st.hint}>{t(lang, "importHelp")}</Text>
        <div className={st.row}>
          <FileButton
            label={t(lang, "importFiles")}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple
            disabled={!state.workbench || lacking !== undefined}
            disabledFocusable={busy}
            testId="import-files"
            rerun="importFiles"
            onFiles={(f) => void actions.importWorkbooks(f)}
          />
        </div>
        {!state.workbench && <Text className={st.hint}>{t(lang, "needWorkbook")}</Text>}
        {/* Said, not only greyed: why the button cannot be used, and what can. */}
        {lacking && (
          <Text className={mergeClasses(st.reason, st.wrap)} data-testid="import-unavailable">
            {lacking.onIpad ? t(lang, "importNeedsDesktop") : t(lang, "importNeedsRequirement", { requirement: lacking.requirement })}
          </Text>
        )}
      </section>
    </div>
  );
}
