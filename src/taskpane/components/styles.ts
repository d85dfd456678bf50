import { makeStyles, tokens } from "@fluentui/react-components";

/**
 * A focus ring as the buttons have (2 px, the theme's focus colour, in light and dark), for the
 * fields whose own sign of focus is Fluent's thin underline: selects and text areas.
 */
const focusRing = {
  ":focus-within": { outlineWidth: tokens.strokeWidthThick, outlineStyle: "solid", outlineColor: tokens.colorStrokeFocus2, outlineOffset: "1px" },
} as const;

/** Layout shared by the steps: a column of sections that never exceeds the pane's width. */
export const useStepStyles = makeStyles({
  /** Read by screen readers, not shown: the live regions, a short header's full name. */
  srOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0, 0, 0, 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  /** Why a control beside it is unavailable: read in full (the body's own contrast), not greyed as the control is. */
  reason: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  /**
   * A native select sizes to its longest option; keep it inside the pane. Where the chosen option is
   * wider than the select (a zoomed pane), it wraps over as many lines as it needs rather than being cut.
   */
  select: {
    width: "100%",
    minWidth: 0,
    height: "auto",
    borderRadius: tokens.borderRadiusMedium,
    ...focusRing,
    "& select": {
      width: "100%",
      minWidth: 0,
      height: "auto",
      minHeight: "32px",
      whiteSpace: "normal",
      overflowWrap: "break-word",
      hyphens: "auto",
      paddingTop: "5px",
      paddingBottom: "5px",
    },
  },
  /** A field (a text area, the header's select) with the focus ring the buttons have. */
  focusRing: { borderRadius: tokens.borderRadiusMedium, ...focusRing },
  /**
   * A link's focus, as visible as a button's: a 2 px ring in the theme's focus colour (light and
   * dark), not Fluent's change of underline alone.
   */
  linkFocus: {
    ":focus-visible": { outlineWidth: tokens.strokeWidthThick, outlineStyle: "solid", outlineColor: tokens.colorStrokeFocus2, outlineOffset: "1px", borderRadius: tokens.borderRadiusSmall },
  },
  /** Text broken between words; only a word wider than the whole line is broken (hyphenated where the language allows). */
  wrap: { overflowWrap: "anywhere", wordBreak: "break-word", hyphens: "auto" },
  /** A code (an index's identifier): monospace, broken at its hyphens. */
  code: { fontFamily: tokens.fontFamilyMonospace },
});
