import { createRoot } from "react-dom/client";
import { App } from "./App";
import { detectEnvironment } from "./state/environment";
import { openExcelWorkbench } from "./state/excel";

async function main(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) return;
  const env = await detectEnvironment(window as Parameters<typeof detectEnvironment>[0]);
  const excel = env.mode === "excel" ? openExcelWorkbench() : undefined;
  createRoot(container).render(<App env={env} {...(excel ? { excel } : {})} />);
}

void main();
