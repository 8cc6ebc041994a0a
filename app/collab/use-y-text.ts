import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { diffText, transformPosition, type TextDelta } from "./text-diff";

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/**
 * Binds an uncontrolled <input> or <textarea> to a Y.Text: each local input is
 * applied to the Y.Text as the smallest splice, and remote edits update the
 * control while the caret and selection stay on the same characters.
 * `singleLine` turns typed or pasted line breaks into spaces (a title that
 * wraps on a phone is still one line).
 */
export function useYTextInput<T extends TextControl>(ytext: Y.Text, { singleLine = false } = {}) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const control = ref.current;
    if (!control) return;
    const origin = { binding: control };
    if (control.value !== ytext.toString()) control.value = ytext.toString();

    // A textarea that grows with its content (field-sizing) can keep a stale
    // scroll offset from the moment before it grew: the first line then hides.
    const unscroll = () => {
      if (control.scrollTop > 0 && control.scrollHeight <= control.clientHeight) control.scrollTop = 0;
    };

    const onInput = () => {
      if (singleLine && /[\r\n]/.test(control.value)) {
        const { selectionStart, selectionEnd } = control;
        // Same length, so the caret stays where it was.
        control.value = control.value.replace(/[\r\n]/g, " ");
        if (selectionStart !== null && selectionEnd !== null) control.setSelectionRange(selectionStart, selectionEnd);
      }
      const change = diffText(ytext.toString(), control.value, control.selectionEnd ?? control.value.length);
      if (!change) return;
      const apply = () => {
        if (change.remove > 0) ytext.delete(change.index, change.remove);
        if (change.insert) ytext.insert(change.index, change.insert);
      };
      if (ytext.doc) ytext.doc.transact(apply, origin);
      else apply();
      unscroll();
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
      unscroll();
    };

    control.addEventListener("input", onInput);
    control.addEventListener("blur", unscroll);
    ytext.observe(onRemote);
    return () => {
      control.removeEventListener("input", onInput);
      control.removeEventListener("blur", unscroll);
      ytext.unobserve(onRemote);
    };
  }, [ytext, singleLine]);
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
