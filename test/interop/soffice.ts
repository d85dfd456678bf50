/** Running LibreOffice headless with a profile of its own, so tests never touch a user's profile. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
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

/**
 * A LibreOffice profile that recalculates every formula of an .xlsx file on loading (Tools >
 * Options > Calc > Formula > Recalculation on file load: Always), as it does as soon as a cell is
 * typed into: what a user sees after changing a figure in LibreOffice or Excel.
 */
const recalculating = mkdtempSync(join(tmpdir(), "dti-lo-recalc-"));
mkdirSync(join(recalculating, "user"), { recursive: true });
writeFileSync(
  join(recalculating, "user", "registrymodifications.xcu"),
  `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
);

/** `file` converted by LibreOffice, every formula calculated; the names of the files written in `outDir`. */
export function convertCalculated(file: string, filter: string, outDir: string): string[] {
  const before = new Set(safeList(outDir));
  execFileSync("soffice", [`-env:UserInstallation=${pathToFileURL(recalculating).href}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, file], {
    stdio: "pipe",
    timeout: 180000,
    env: { ...process.env, HOME: recalculating },
  });
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
