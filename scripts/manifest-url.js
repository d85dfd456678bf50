// The production manifest: every address of the development server (https://localhost:3000/…)
// replaced by the production one (DTI_SCORER_URL). Used by webpack.config.js when it copies
// manifest.xml to dist/, and by test/manifest.test.ts.
"use strict";

const DEV_ORIGIN = "https://localhost:3000";
const DEFAULT_URL = "https://dti-scorer.example.vn/";

/**
 * The production base address the manifest points at: an https URL ending in "/" (one is added
 * when missing, so "https://host/dti" serves https://host/dti/taskpane.html), without query or
 * fragment. Throws a one-line reason for anything else: Office loads add-ins over https only.
 */
function productionBaseUrl(given) {
  const raw = (given ?? "").trim() || DEFAULT_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`DTI_SCORER_URL is not a web address: "${raw}" (expected e.g. https://dti.example.gov.vn/)`);
  }
  if (url.protocol !== "https:") throw new Error(`DTI_SCORER_URL must be an https address (Office loads add-ins over https only): "${raw}"`);
  if (url.search || url.hash) throw new Error(`DTI_SCORER_URL must not have a query or a fragment: "${raw}"`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** manifest.xml with the development server's addresses (with a path, or the bare origin of <AppDomain>) replaced by `base`'s. */
function productionManifest(xml, base) {
  const origin = new URL(base).origin;
  return xml
    .replace(/https:\/\/localhost:3000\//g, base)
    .replace(/https:\/\/localhost:3000(?![\w/.:-])/g, origin);
}

module.exports = { DEV_ORIGIN, DEFAULT_URL, productionBaseUrl, productionManifest };
