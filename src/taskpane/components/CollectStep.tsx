import { Button, Divider, Field, Link, Text, Textarea, mergeClasses } from "@fluentui/react-components";
import { useState } from "react";
import { type Message, localize } from "../../core/i18n/text";
import { t, tBoth } from "../i18n";
import * as pipeline from "../state/pipeline";
import { parseUnitList, unitListFromCsv } from "../state/units";
import { notUtf8Message } from "../../core/read/messages";
import type { PaneActions, PaneState } from "../state/usePane";
import { FileButton } from "./FileButton";
import { useStepStyles } from "./styles";

export function CollectStep({ state, actions }: { state: PaneState; actions: PaneActions }) {
  const st = useStepStyles();
  const { lang } = state;
  const [units, setUnits] = useState("");
  // Kept in both languages, so that it follows a change of language.
  const [csvProblem, setCsvProblem] = useState<{ text: Message; state: "error" | "warning" } | undefined>();
  const count = parseUnitList(units).length;
  // While work runs, buttons keep the keyboard focus (disabledFocusable) and do nothing.
  const busy = Boolean(state.busy);
  const disabled = !state.index.model;
  // The example line and the hint use the chosen index's own unit categories, by their names (a
  // name is read as well as a code, and says more).
  const categories = (state.index.model?.definition.categories ?? []).map((c) => localize(c.name, lang));
  return (
    <div className={st.step}>
      <section className={st.section} aria-labelledby="collect-templates">
        <h2 id="collect-templates" className={st.heading}>
          {t(lang, "templatesTitle")}
        </h2>
        <Text className={st.hint}>{t(lang, "templatesHelp")}</Text>
        {categories.length > 0 && <Text className={mergeClasses(st.hint, st.wrap)}>{t(lang, "unitsCategories", { list: categories.map((c) => `"${c}"`).join(", ") })}</Text>}
        <Field label={t(lang, "unitsLabel")} hint={t(lang, "unitsCount", { count })} validationMessage={csvProblem?.text[lang]} {...(csvProblem ? { validationState: csvProblem.state } : {})}>
          <Textarea value={units} resize="vertical" rows={5} onChange={(_, d) => {
              setUnits(d.value);
              // The list is now the user's own: what was said about the CSV file no longer applies.
              setCsvProblem(undefined);
            }} placeholder={`01; Sở Nội vụ${categories[0] ? `; ${categories[0]}` : ""}`} />
        </Field>
        <div className={st.row}>
          <FileButton
            label={t(lang, "unitsCsv")}
            accept=".csv,.txt,text/csv,text/plain"
            testId="units-csv"
            onFiles={(f) => {
              const file = f[0];
              if (!file) return;
              const read = unitListFromCsv(file.data, file.name);
              if (read === undefined) setCsvProblem({ text: tBoth("unitsCsvNoName", { name: file.name }), state: "error" });
              // Nothing taken from a file whose lines would be read shifted: the first such line, and how many.
              else if (read.wide.length > 0) {
                const first = read.wide[0]!;
                const more = read.wide.length - 1;
                setCsvProblem({ text: more > 0 ? { vi: `${first.vi} ${t("vi", "unitsCsvMoreWide", { count: more })}`, en: `${first.en} ${t("en", "unitsCsvMoreWide", { count: more })}` } : first, state: "error" });
              } else {
                // A file saved as "CSV (Comma delimited)" on Vietnamese Windows: read, with a word to check the diacritics.
                setCsvProblem(read.encoding === "windows-1258" ? { text: notUtf8Message(file.name), state: "warning" } : undefined);
                setUnits(read.text);
              }
            }}
          />
          <Button appearance="primary" disabled={disabled || count === 0} disabledFocusable={busy} data-step-main onClick={() => void actions.makeTemplates(units)}>
            {t(lang, "makeTemplates")}
          </Button>
        </div>
        {state.templates?.url && (
          <Link href={state.templates.url} download={pipeline.templateFileName(state)}>
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
            disabled={!state.workbench}
            disabledFocusable={busy}
            testId="import-files"
            onFiles={(f) => void actions.importWorkbooks(f)}
          />
        </div>
        {!state.workbench && <Text className={st.hint}>{t(lang, "needWorkbook")}</Text>}
      </section>
    </div>
  );
}
