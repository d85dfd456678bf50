/**
 * Where the pane runs: inside Excel (office.js loaded and Office.onReady reports Excel) or in
 * a plain browser (office.js failed to load, or loaded outside Office). Also the language and
 * theme to start with.
 */
import type { Lang } from "../../core/i18n/text";
import { langFromDisplayLanguage } from "../i18n";

export type PaneMode = "excel" | "file";

export interface Environment {
  mode: PaneMode;
  lang: Lang;
  dark: boolean;
}

interface OfficeTheme {
  bodyBackgroundColor?: string;
}

interface OfficeLike {
  onReady?: () => Promise<{ host: unknown; platform?: unknown }>;
  HostType?: { Excel?: unknown };
  EventType?: { OfficeThemeChanged?: unknown };
  AsyncResultStatus?: { Failed?: unknown };
  context?: {
    displayLanguage?: string;
    officeTheme?: OfficeTheme;
    document?: {
      addHandlerAsync?: (type: unknown, handler: (args: { officeTheme?: OfficeTheme }) => void, callback?: (result: { status?: unknown }) => void) => void;
      removeHandlerAsync?: (type: unknown, options: { handler: (args: { officeTheme?: OfficeTheme }) => void }, callback?: (result: unknown) => void) => void;
    };
  };
}

/** True when a CSS colour #rrggbb (or #rgb) is dark (relative luminance under 0.5). */
export function isDarkColor(color: string | undefined): boolean {
  if (!color) return false;
  let hex = color.trim().replace(/^#/, "");
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join("");
  if (!/^[0-9a-f]{6}$/i.test(hex)) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** Where the pane keeps the language chosen, for the next time it opens (in Excel too: its webview has local storage). */
export const LANG_STORAGE_KEY = "dti-scorer.lang";

type LangStorage = Pick<Storage, "getItem" | "setItem">;

/** The page's local storage, or undefined where there is none or it is refused (a sandboxed frame, private mode). */
function localStorageOf(win: { localStorage?: Storage } | undefined): LangStorage | undefined {
  try {
    return win?.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** The language chosen the last time the pane was open, when one was. */
export function savedLang(storage: LangStorage | undefined = localStorageOf(globalThis as { localStorage?: Storage })): Lang | undefined {
  try {
    const v = storage?.getItem(LANG_STORAGE_KEY);
    return v === "vi" || v === "en" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the language chosen for the next time the pane opens; nothing when storage is refused. */
export function saveLang(lang: Lang, storage: LangStorage | undefined = localStorageOf(globalThis as { localStorage?: Storage })): void {
  try {
    storage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Storage full or refused: the choice holds for this opening only.
  }
}

function browserEnvironment(win: Window): Environment {
  const dark = typeof win.matchMedia === "function" && win.matchMedia("(prefers-color-scheme: dark)").matches;
  return { mode: "file", lang: savedLang(localStorageOf(win)) ?? langFromDisplayLanguage(win.navigator.language), dark };
}

/**
 * Detects the environment. Never rejects: any failure of office.js means the browser mode.
 * `readyTimeoutMs` bounds the wait for Office.onReady (it never settles on some broken pages).
 */
export async function detectEnvironment(win: Window & { Office?: OfficeLike; __officeJsFailed?: boolean }, readyTimeoutMs = 8000): Promise<Environment> {
  const office = win.Office;
  // The flag only says the CDN script failed; an Office already present (a host that injects it) still counts.
  if (!office || typeof office.onReady !== "function") return browserEnvironment(win);
  try {
    const info = await Promise.race([
      office.onReady(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), readyTimeoutMs)),
    ]);
    const excel = office.HostType?.Excel ?? "Excel";
    if (!info || info.host !== excel) return browserEnvironment(win);
    const ctx = office.context ?? {};
    return {
      mode: "excel",
      // The language chosen before wins; with none, Office's own.
      lang: savedLang(localStorageOf(win)) ?? langFromDisplayLanguage(ctx.displayLanguage),
      dark: isDarkColor(ctx.officeTheme?.bodyBackgroundColor),
    };
  } catch {
    return browserEnvironment(win);
  }
}

type ThemeWindow = Pick<Window, "matchMedia"> & { Office?: OfficeLike };

/**
 * Calls `onDark` with the new theme whenever it changes while the pane is open; returns what stops
 * listening. Outside Excel: the system's light or dark scheme (prefers-color-scheme). In Excel:
 * Office's theme, where this Office raises OfficeThemeChanged on the document (@types/office-js
 * documents the event for Outlook's mailbox only, so it is asked for and a refusal is taken as
 * "not offered": the pane keeps the theme it opened with).
 */
export function watchTheme(win: ThemeWindow, mode: PaneMode, onDark: (dark: boolean) => void): () => void {
  if (mode === "excel") {
    const office = win.Office;
    const doc = office?.context?.document;
    const type = office?.EventType?.OfficeThemeChanged;
    if (!office || !doc || typeof doc.addHandlerAsync !== "function" || type === undefined) return () => undefined;
    let added = false;
    const handler = (args: { officeTheme?: OfficeTheme }) => {
      onDark(isDarkColor((args?.officeTheme ?? office.context?.officeTheme)?.bodyBackgroundColor));
    };
    try {
      doc.addHandlerAsync(type, handler, (result) => {
        added = result?.status !== (office.AsyncResultStatus?.Failed ?? "failed");
      });
    } catch {
      return () => undefined;
    }
    return () => {
      if (!added || typeof doc.removeHandlerAsync !== "function") return;
      try {
        doc.removeHandlerAsync(type, { handler });
      } catch {
        // Nothing to take back.
      }
    };
  }
  if (typeof win.matchMedia !== "function") return () => undefined;
  const query = win.matchMedia("(prefers-color-scheme: dark)") as MediaQueryList | undefined;
  if (!query) return () => undefined;
  const listener = (e: { matches: boolean }) => onDark(e.matches);
  if (typeof query.addEventListener === "function") {
    query.addEventListener("change", listener);
    return () => query.removeEventListener("change", listener);
  }
  // Safari before 14 (Excel on an older Mac) has only the older pair.
  if (typeof query.addListener === "function") {
    query.addListener(listener);
    return () => query.removeListener(listener);
  }
  return () => undefined;
}

/** Lets the browser paint and handle input between steps of long work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
