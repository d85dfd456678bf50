import { Badge, Select, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Lang } from "../../core/i18n/text";
import { t } from "../i18n";
import type { PaneMode } from "../state/environment";
import { useStepStyles } from "./styles";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalSNudge,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: "wrap",
  },
  // Title, mode and language on one row down to Office's narrowest pane (320 px): the mode goes
  // under the title when the two do not fit beside the language. A zoomed pane (200%: 160 CSS px)
  // puts the title, then the language, on rows of their own.
  titleBlock: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalSNudge,
    rowGap: "2px",
    flexGrow: 1,
    flexBasis: "8em",
  },
  title: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, whiteSpace: "nowrap" },
  // As wide as its longer option; on a row of its own (a zoomed pane), at the right as on the first.
  lang: { flexShrink: 0, marginInlineStart: "auto", "& select": { width: "auto" } },
  logo: { width: "20px", height: "20px" },
});

interface Props {
  lang: Lang;
  mode: PaneMode;
  onLang: (lang: Lang) => void;
}

export function Header({ lang, mode, onLang }: Props) {
  const s = useStyles();
  const st = useStepStyles();
  return (
    <header className={s.root}>
      <img className={s.logo} src="assets/icon-32.png" alt="" />
      <div className={s.titleBlock}>
        <Text as="h1" className={s.title}>
          {t(lang, "appTitle")}
        </Text>
        <Badge appearance="tint" size="small" color={mode === "excel" ? "success" : "informative"}>
          {t(lang, mode === "excel" ? "modeExcel" : "modeFile")}
        </Badge>
      </div>
      <Select
        className={mergeClasses(s.lang, st.focusRing)}
        size="small"
        aria-label={t(lang, "language")}
        value={lang}
        onChange={(_, d) => onLang(d.value === "en" ? "en" : "vi")}
      >
        <option value="vi" lang="vi">{t(lang, "languageVi")}</option>
        <option value="en" lang="en">{t(lang, "languageEn")}</option>
      </Select>
    </header>
  );
}
