import { describe, expect, it } from "vitest";
import { replyNotice } from "../../../../app/components/form-replies";

// What the line at the top of a page says about an action's answer.
const fieldError = { form: "followUp", status: "error", error: { note: ["commitment.noteRequired"] } };
const formError = { form: "followUp", status: "error", error: { "": ["errors.forbidden"], note: ["commitment.noteRequired"] } };

describe("replyNotice", () => {
  it.each([
    ["a success with its message", { form: "text", status: "success", message: "saved" }, [], { tone: "success", key: "saved" }],
    ["a success without a message", { form: "text", status: "success" }, [], null],
    ["a field's error, when no field shows it", fieldError, [], { tone: "error", key: "commitment.noteRequired" }],
    ["nothing, when the form's fields show their own errors", fieldError, ["followUp"], null],
    ["the form's own error first", formError, [], { tone: "error", key: "errors.forbidden" }],
    ["the form's own error even when its fields show theirs", formError, ["followUp"], { tone: "error", key: "errors.forbidden" }],
    ["a field's error of another form than those listed", fieldError, ["text"], { tone: "error", key: "commitment.noteRequired" }],
    ["nothing for an answer that is not a form's", { ok: true }, [], null],
  ])("says %s", (_name, reply, fieldsShown, expected) => {
    expect(replyNotice(reply, fieldsShown)).toEqual(expected);
  });
});
