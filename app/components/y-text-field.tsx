import type * as Y from "yjs";
import { useYTextInput, useYTextValue } from "../collab/use-y-text";

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "defaultValue" | "onChange">;
type TextAreaProps = Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "defaultValue" | "onChange">;

/** A one-line input co-edited through a Y.Text. */
export function YTextInput({ ytext, ...props }: InputProps & { ytext: Y.Text }) {
  const ref = useYTextInput<HTMLInputElement>(ytext);
  return <input ref={ref} type="text" defaultValue={ytext.toString()} {...props} />;
}

/** A multi-line textarea co-edited through a Y.Text. */
export function YTextArea({ ytext, ...props }: TextAreaProps & { ytext: Y.Text }) {
  const ref = useYTextInput<HTMLTextAreaElement>(ytext);
  return <textarea ref={ref} defaultValue={ytext.toString()} {...props} />;
}

/** The live text of a Y.Text, or `fallback` when it is empty. */
export function YTextView({ ytext, fallback }: { ytext: Y.Text | null; fallback: React.ReactNode }) {
  const text = useYTextValue(ytext);
  return <>{text.trim() ? text : fallback}</>;
}
