import { FluentProvider, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { StartLoadFailed } from "./components/StepLoad";
import { detectEnvironment } from "./state/environment";
import { isChunkLoadError } from "./state/usePane";
import type { Workbench } from "./state/workbench";

async function main(): Promise<void> {
  const container = document.getElementById("container");
  // taskpane.html found this browser lacking what the pane needs and said so in the container.
  if (!container || (window as { __dtiTooOld?: boolean }).__dtiTooOld) return;
  const env = await detectEnvironment(window as Parameters<typeof detectEnvironment>[0]);
  const root = createRoot(container);
  // The Excel host is loaded only inside Excel, as the xlsx host is only outside it (file-workbench).
  let excel: Workbench | undefined;
  if (env.mode === "excel") {
    try {
      excel = (await import(/* webpackChunkName: "excel-host" */ "./state/excel")).openExcelWorkbench();
    } catch (e) {
      if (!isChunkLoadError(e)) throw e;
      // The connection dropped as the pane opened: said, with a button that opens the pane anew.
      root.render(
        <FluentProvider theme={env.dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 }}>
          <StartLoadFailed lang={env.lang} onRetry={() => window.location.reload()} />
        </FluentProvider>,
      );
      return;
    }
  }
  root.render(<App env={env} {...(excel ? { excel } : {})} />);
}

void main();
