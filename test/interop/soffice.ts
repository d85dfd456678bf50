/** Running LibreOffice headless with a profile of its own, so tests never touch a user's profile. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const profile = mkdtempSync(join(tmpdir(), "dti-lo-profile-"));

/** Convert `file` with LibreOffice into `outDir`; returns the names of the files written there. */
export function convert(file: string, filter: string, outDir: string): string[] {
  const before = new Set(safeList(outDir));
  execFileSync(
    "soffice",
    [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, file],
    { stdio: "pipe", timeout: 180000, env: { ...process.env, HOME: profile } },
  );
  return safeList(outDir).filter((f) => !before.has(f));
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Every sheet as its own CSV (UTF-8, comma, full precision rather than as shown). */
export const CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
export const XLSX = "xlsx:Calc MS Excel 2007 XML";
