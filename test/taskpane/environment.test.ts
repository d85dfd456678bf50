/**
 * The language the pane opens in (src/taskpane/state/environment.ts): the one the user chose the
 * last time when there is one, else Vietnamese when Office's (or the browser's) language is.
 */
import { LANG_STORAGE_KEY, detectEnvironment, saveLang, savedLang, watchTheme } from "../../src/taskpane/state/environment";

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

/** A browser page (no Office) in `language`, with `storage` as its local storage. */
function browser(language: string, storage?: Storage) {
  return {
    navigator: { language },
    matchMedia: () => ({ matches: false }),
    ...(storage ? { localStorage: storage } : {}),
  } as unknown as Window;
}

/** Excel (office.js ready) in `displayLanguage`, with `storage` as the webview's local storage. */
function excel(displayLanguage: string, storage?: Storage) {
  return {
    ...browser("en-US", storage),
    Office: { onReady: async () => ({ host: "Excel" }), HostType: { Excel: "Excel" }, context: { displayLanguage } },
  } as unknown as Window;
}

describe("the language the pane opens in", () => {
  test("with nothing saved: Vietnamese for a Vietnamese Office or browser, English otherwise", async () => {
    expect((await detectEnvironment(browser("vi-VN", memoryStorage()))).lang).toBe("vi");
    expect((await detectEnvironment(browser("en-US", memoryStorage()))).lang).toBe("en");
    expect((await detectEnvironment(excel("vi-VN", memoryStorage()))).lang).toBe("vi");
    expect((await detectEnvironment(excel("en-GB"))).lang).toBe("en");
  });

  test("the language chosen is kept and the pane opens in it next time, in a browser and in Excel", async () => {
    const storage = memoryStorage();
    saveLang("en", storage);
    expect(storage.getItem(LANG_STORAGE_KEY)).toBe("en");
    expect((await detectEnvironment(browser("vi-VN", storage))).lang).toBe("en");
    const env = await detectEnvironment(excel("vi-VN", storage));
    expect([env.mode, env.lang]).toEqual(["excel", "en"]);
    saveLang("vi", storage);
    expect((await detectEnvironment(excel("en-US", storage))).lang).toBe("vi");
  });

  test("storage refused or holding something else: today's rule, and choosing still works", async () => {
    const refusing = { getItem: () => { throw new Error("SecurityError"); }, setItem: () => { throw new Error("QuotaExceeded"); } } as unknown as Storage;
    expect(savedLang(refusing)).toBeUndefined();
    expect(() => saveLang("en", refusing)).not.toThrow();
    expect((await detectEnvironment(browser("vi-VN", refusing))).lang).toBe("vi");
    const odd = memoryStorage();
    odd.setItem(LANG_STORAGE_KEY, "fr");
    expect((await detectEnvironment(browser("vi-VN", odd))).lang).toBe("vi");
  });
});

describe("the theme follows a change while the pane is open", () => {
  /** A page whose system scheme is switched by `set`, as a user switching the system to dark would. */
  function systemScheme(dark: boolean) {
    const listeners = new Set<(e: { matches: boolean }) => void>();
    const query = {
      matches: dark,
      addEventListener: (_: string, l: (e: { matches: boolean }) => void) => void listeners.add(l),
      removeEventListener: (_: string, l: (e: { matches: boolean }) => void) => void listeners.delete(l),
    };
    return {
      win: { matchMedia: () => query } as unknown as Window,
      set: (d: boolean) => {
        query.matches = d;
        for (const l of [...listeners]) l({ matches: d });
      },
      listening: () => listeners.size,
    };
  }

  test("outside Excel: the system's light or dark scheme, until the pane stops listening", () => {
    const page = systemScheme(false);
    const seen: boolean[] = [];
    const stop = watchTheme(page.win, "file", (dark) => seen.push(dark));
    page.set(true);
    page.set(false);
    expect(seen).toEqual([true, false]);
    stop();
    expect(page.listening()).toBe(0);
    page.set(true);
    expect(seen).toEqual([true, false]);
  });

  test("in Excel: Office's theme where Office raises its change, and nothing (no error) where it does not", () => {
    type Handler = (args: { officeTheme?: { bodyBackgroundColor?: string } }) => void;
    let handler: Handler | undefined;
    const office = (offers: boolean) => ({
      EventType: { OfficeThemeChanged: "officeThemeChanged" },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      context: {
        officeTheme: { bodyBackgroundColor: "#ffffff" },
        document: {
          addHandlerAsync: (type: string, h: Handler, done: (r: { status: string }) => void) => {
            if (offers && type === "officeThemeChanged") handler = h;
            done({ status: offers ? "succeeded" : "failed" });
          },
          removeHandlerAsync: () => {
            handler = undefined;
          },
        },
      },
    });
    const seen: boolean[] = [];
    const stop = watchTheme({ Office: office(true) } as unknown as Window, "excel", (dark) => seen.push(dark));
    handler!({ officeTheme: { bodyBackgroundColor: "#262626" } });
    handler!({ officeTheme: { bodyBackgroundColor: "#f3f3f3" } });
    expect(seen).toEqual([true, false]);
    stop();
    expect(handler).toBeUndefined();

    expect(() => watchTheme({ Office: office(false) } as unknown as Window, "excel", (dark) => seen.push(dark))()).not.toThrow();
    // An Office without documents' events (an older Excel): the pane keeps the theme it opened with.
    expect(() => watchTheme({ Office: { context: {} } } as unknown as Window, "excel", (dark) => seen.push(dark))()).not.toThrow();
    expect(seen).toEqual([true, false]);
  });
});
