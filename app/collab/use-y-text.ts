import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { diffText, transformPosition, type TextDelta } from "./text-diff";

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/**
 * Binds an uncontrolled <input> or <textarea> to a Y.Text: each local input is
 * applied to the Y.Text as the smallest splice, and remote edits update the
 * control while the caret and selection stay on the same characters.
 */
export function useYTextInput<T extends TextControl>(ytext: Y.Text) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const control = ref.current;
    if (!control) return;
    const origin = { binding: control };
    if (control.value !== ytext.toString()) control.value = ytext.toString();

    const onInput = () => {
      const change = diffText(ytext.toString(), control.value, control.selectionEnd ?? control.value.length);
      if (!change) return;
      const apply = () => {
        if (change.remove > 0) ytext.delete(change.index, change.remove);
        if (change.insert) ytext.insert(change.index, change.insert);
      };
      if (ytext.doc) ytext.doc.transact(apply, origin);
      else apply();
    };

    const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === origin) return;
      const next = ytext.toString();
      if (control.value === next) return;
      const focused = control.ownerDocument.activeElement === control;
      const { selectionStart, selectionEnd, selectionDirection } = control;
      control.value = next;
      if (focused && selectionStart !== null && selectionEnd !== null) {
        const delta = event.delta as TextDelta;
        control.setSelectionRange(
          transformPosition(selectionStart, delta),
          transformPosition(selectionEnd, delta),
          selectionDirection ?? undefined,
        );
      }
    };

    control.addEventListener("input", onInput);
    ytext.observe(onRemote);
    return () => {
      control.removeEventListener("input", onInput);
      ytext.unobserve(onRemote);
    };
  }, [ytext]);
  return ref;
}

/** The live value of a Y.Text, for read-only display. */
export function useYTextValue(ytext: Y.Text | null): string {
  const subscribe = useCallback(
    (notify: () => void) => {
      if (!ytext) return () => undefined;
      ytext.observe(notify);
      return () => ytext.unobserve(notify);
    },
    [ytext],
  );
  return useSyncExternalStore(
    subscribe,
    () => ytext?.toString() ?? "",
    () => ytext?.toString() ?? "",
  );
}
