/** The project's version, stamped into scored workbooks (bundled from package.json). */
import pkg from "../../package.json";

export const PROJECT_VERSION: string = (pkg as { version: string }).version;
