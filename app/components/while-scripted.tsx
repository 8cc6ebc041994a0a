/**
 * A text that holds only while the page's script runs ("connecting", "opening"),
 * and what the page says instead without it: the first is hidden by the
 * stylesheet loaded inside <noscript> in the root (.needs-script).
 */
export function WhileScripted({ text, withoutScript }: { text: string; withoutScript: string }) {
  return (
    <>
      <span className="needs-script">{text}</span>
      {/* An element, not text: with script on, a browser keeps <noscript>'s content as raw text, which React would compare. */}
      <noscript>
        <span>{withoutScript}</span>
      </noscript>
    </>
  );
}
