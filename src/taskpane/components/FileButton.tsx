import { Button, type ButtonProps } from "@fluentui/react-components";
import { useRef } from "react";
import { rerunMark } from "../focus";
import type { StringKey } from "../i18n";

export interface PickedFile {
  name: string;
  data: Uint8Array;
}

interface Props {
  label: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Work is running: the button stays in the tab order (and keeps the focus) but does nothing. */
  disabledFocusable?: boolean;
  appearance?: ButtonProps["appearance"];
  icon?: ButtonProps["icon"];
  /** For tests and automation: the hidden input's test id. */
  testId: string;
  /** The step's main control: the focus goes back to it when what had it goes away. */
  main?: boolean;
  /** The key of its label, for a button a notice may ask to press again (the focus then goes to it). */
  rerun?: StringKey;
  onFiles: (files: PickedFile[]) => void;
}

/** A real button (reachable by keyboard, labelled) that opens the browser's file chooser. */
export function FileButton({ label, accept, multiple, disabled, disabledFocusable, appearance, icon, testId, main, rerun, onFiles }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button appearance={appearance ?? "secondary"} icon={icon} disabled={disabled} disabledFocusable={disabledFocusable} {...(main ? { "data-step-main": "" } : {})} {...(rerun !== undefined ? rerunMark(rerun) : {})} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        hidden
        aria-label={label}
        data-testid={testId}
        onChange={async (e) => {
          const list = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = "";
          if (list.length === 0) return;
          const files = await Promise.all(list.map(async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) })));
          onFiles(files);
        }}
      />
    </>
  );
}
