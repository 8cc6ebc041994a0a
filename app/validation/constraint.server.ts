import { getZodConstraint } from "@conform-to/zod/v4";
import type { z } from "zod";

type Constraint = ReturnType<typeof getZodConstraint>[string];

type Def = { type: string; checks?: { _zod: { def: Record<string, unknown> } }[]; shape?: Record<string, Schema>; in?: Schema; out?: Schema; innerType?: Schema; element?: Schema; options?: Schema[] };
type Schema = { _zod: { def: Def } };

/** Lengths and bounds from a schema's checks (this zod keeps them in `def.checks`, not where Conform reads them). */
function limitsOf(schema: Schema, into: Constraint): void {
  const def = schema._zod.def;
  if (def.type === "pipe") return limitsOf(def.out!._zod.def.type === "transform" ? def.in! : def.out!, into);
  if (def.type === "optional" || def.type === "default" || def.type === "nullable") return limitsOf(def.innerType!, into);
  let rewritten = false;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === "overwrite") rewritten = true;
    if (c.check === "max_length" && def.type === "string") into.maxLength = c.maximum as number;
    if (c.check === "min_length" && def.type === "string") into.minLength = c.minimum as number;
    if (c.check === "greater_than" && c.inclusive) into.min = c.value as number;
    if (c.check === "less_than" && c.inclusive) into.max = c.value as number;
    // A pattern checked after trimming or changing case would refuse, in the browser, what the server accepts.
    if (c.check === "string_format" && c.format === "regex" && !rewritten) into.pattern = String(c.pattern).slice(1, -1).replace(/^\^|\$$/g, "");
  }
}

/**
 * What a form's inputs may hold, derived from the zod schema its action parses:
 * sent to the page as plain data, so the browser checks `required`, lengths and
 * bounds without zod in its bundle (decision 0041).
 */
export function constraintOf(schema: z.ZodType): Record<string, Constraint> {
  const known = cache.get(schema);
  if (known) return known;
  // A schema refined or reshaped as a whole (statusSchema, followUpSchema) constrains its fields through its input object.
  let object = schema as unknown as Schema;
  while (object._zod.def.type === "pipe") object = object._zod.def.in!;
  const constraint = getZodConstraint(object as unknown as z.ZodType);
  for (const [name, field] of Object.entries(object._zod.def.shape ?? {})) {
    // Conform's enum pattern ("a|b") only ever lands on a select, where browsers ignore it.
    const limits = (constraint[name] ??= { required: false });
    limitsOf(field, limits);
    // An empty field reaches the schema as nothing at all: if the schema takes that
    // (a default, "no host"), the browser must not ask for a value either.
    if (limits.required && (field as unknown as z.ZodType).safeParse(undefined).success) limits.required = false;
  }
  cache.set(schema, constraint);
  return constraint;
}

const cache = new WeakMap<object, Record<string, Constraint>>();

/** The constraints of several forms on one page, by the form's name. */
export function constraintsOf<T extends Record<string, z.ZodType>>(schemas: T): { [K in keyof T]: Record<string, Constraint> } {
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, constraintOf(schema)])) as { [K in keyof T]: Record<string, Constraint> };
}
