import { makeStyles, tokens } from "@fluentui/react-components";

/** Layout shared by the steps: a column of sections that never exceeds the pane's width. */
export const useStepStyles = makeStyles({
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  /** A native select sizes to its longest option; keep it inside the pane. */
  select: { width: "100%", minWidth: 0, "& select": { width: "100%", minWidth: 0, textOverflow: "ellipsis" } },
  wrap: { overflowWrap: "anywhere", wordBreak: "break-word" },
});
