import type * as Y from "yjs";
import { useYTextInput, useYTextValue } from "../collab/use-y-text";

type TextAreaProps = Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "defaultValue" | "onChange">;

/**
 * A textarea co-edited through a Y.Text. With `singleLine` it holds one line
 * that wraps (titles on a phone): Enter does nothing and pasted breaks become spaces.
 */
export function YTextArea({
  ytext,
  singleLine = false,
  onKeyDown,
  ...props
}: TextAreaProps & { ytext: Y.Text; singleLine?: boolean }) {
  const ref = useYTextInput<HTMLTextAreaElement>(ytext, { singleLine });
  return (
    <textarea
      ref={ref}
      defaultValue={ytext.toString()}
      onKeyDown={(event) => {
        if (singleLine && event.key === "Enter") event.preventDefault();
        onKeyDown?.(event);
      }}
      {...props}
    />
  );
}

/** The live text of a Y.Text, or `fallback` when it is empty. */
export function YTextView({ ytext, fallback }: { ytext: Y.Text | null; fallback: React.ReactNode }) {
  const text = useYTextValue(ytext);
  return <>{text.trim() ? text : fallback}</>;
}
