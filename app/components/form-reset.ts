// After a successful save, a form posted with JavaScript stays mounted and
// keeps what was typed (the add-user form kept the last person's password).
// Giving the form a new React key per successful answer mounts it afresh,
// empty; an answer with errors keeps the key, so what was typed stays to be
// corrected. Each answer is a new object, so two saves in a row get two keys.
const keys = new WeakMap<object, string>();
let saves = 0;

export function formKeyAfter(result: { ok: boolean; intent?: string } | undefined, intent?: string): string {
  if (!result?.ok || (intent !== undefined && result.intent !== intent)) return "editing";
  let key = keys.get(result);
  if (!key) {
    saves += 1;
    key = `saved-${saves}`;
    keys.set(result, key);
  }
  return key;
}
