import { Badge, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Lang } from "../../core/i18n/text";
import { t } from "../i18n";
import type { PaneMode } from "../state/environment";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalSNudge,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: "wrap",
  },
  // Title, mode and language on one row at the pane's 360 px.
  title: { flexGrow: 1, margin: 0, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, whiteSpace: "nowrap" },
  lang: { width: "100px" },
  logo: { width: "20px", height: "20px" },
});

interface Props {
  lang: Lang;
  mode: PaneMode;
  onLang: (lang: Lang) => void;
}

export function Header({ lang, mode, onLang }: Props) {
  const s = useStyles();
  return (
    <header className={s.root}>
      <img className={s.logo} src="assets/icon-32.png" alt="" />
      <Text as="h1" className={s.title}>
        {t(lang, "appTitle")}
      </Text>
      <Badge appearance="tint" size="small" color={mode === "excel" ? "success" : "informative"}>
        {t(lang, mode === "excel" ? "modeExcel" : "modeFile")}
      </Badge>
      <Select
        className={s.lang}
        size="small"
        aria-label={t(lang, "language")}
        value={lang}
        onChange={(_, d) => onLang(d.value === "en" ? "en" : "vi")}
      >
        <option value="vi">{t(lang, "languageVi")}</option>
        <option value="en">{t(lang, "languageEn")}</option>
      </Select>
    </header>
  );
}
