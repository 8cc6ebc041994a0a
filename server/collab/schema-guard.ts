import * as Y from "yjs";
import { DOCUMENT_LIMITS, ENTRY_ID as ENTRY_KEY, RICH_ELEMENTS, RICH_MARKS, type FieldSpec, type SchemaNode } from "../../app/collab/conference-schema";

// Checks an update a client sent against the document's schema before the
// hub applies, stores or relays any of it. Every new item is placed: its
// parent (a root, an item of this update, or one the document already has)
// gives the schema node it lands in, and that node says what may go there.
// An update is taken whole or not at all.

export type Verdict = { ok: true } | { ok: false; reason: string; unresolved?: boolean };

type Decoded = ReturnType<typeof Y.decodeUpdate>;
type Place = { node: SchemaNode } | { harmless: true };
/** Content that ends up nowhere visible (inside deleted or collected items): nothing to check. */
const HARMLESS: Place = { harmless: true };
type AnyType = Y.AbstractType<unknown>;
type ParentRef =
  | { kind: "root"; name: string; sub: string | null }
  | { kind: "fresh"; holder: Y.Item; sub: string | null }
  | { kind: "type"; type: AnyType; sub: string | null }
  | { kind: "nowhere" };
/** Longest origin chain or nesting followed before an update is refused outright. */
const MAX_CHAIN = 100_000;
type Content = Y.Item["content"];

class Refusal extends Error {
  constructor(
    reason: string,
    readonly unresolved = false,
  ) {
    super(reason);
  }
}

const key = (id: Y.ID) => `${id.client}:${id.clock}`;

/** Finds an item of the document by any id inside it (items hold runs of ids). */
function findExisting(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs || structs.length === 0) return null;
  const last = structs[structs.length - 1];
  if (id.clock >= last.id.clock + last.length) return null;
  const found = structs[Y.findIndexSS(structs, id.clock)];
  return found instanceof Y.Item || found instanceof Y.GC ? found : null;
}

function ytypeOf(type: AnyType): string {
  if (type instanceof Y.XmlElement) return "xmlElement";
  if (type instanceof Y.XmlFragment) return "xmlFragment";
  if (type instanceof Y.XmlText) return "xmlText";
  if (type instanceof Y.Text) return "text";
  if (type instanceof Y.Map) return "map";
  if (type instanceof Y.Array) return "array";
  return "other";
}

/** Counts of entries and characters a change adds, so limits count the whole document, not one update. */
class Tally {
  private readonly counts = new Map<object, number>();
  add(holder: object, n: number, existing: () => number, max: number, what: string) {
    const now = (this.counts.get(holder) ?? existing()) + n;
    if (now > max) throw new Refusal(`${what}: more than ${max}`);
    this.counts.set(holder, now);
  }
}

export class SchemaGuard {
  /** Schema nodes of types the document already has, found once. */
  private readonly known = new WeakMap<AnyType, Place>();

  constructor(private readonly roots: Record<string, SchemaNode>) {}

  check(doc: Y.Doc, decoded: Decoded): Verdict {
    try {
      new UpdateCheck(doc, decoded, this.roots, this.known).run();
      return { ok: true };
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, reason: error.message, unresolved: error.unresolved };
      throw error;
    }
  }
}

class UpdateCheck {
  private readonly fresh = new Map<string, Y.Item>();
  private readonly freshByClient = new Map<number, Y.Item[]>();
  private readonly placeOfFresh = new Map<string, Place>();
  private readonly tally = new Tally();
  private readonly rootKeys = new Map<string, object>();
  private readonly mapKeys = new Map<object, Set<string>>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly decoded: Decoded,
    private readonly roots: Record<string, SchemaNode>,
    private readonly known: WeakMap<AnyType, Place>,
  ) {}

  run() {
    for (const struct of this.decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      this.fresh.set(key(struct.id), struct);
      let list = this.freshByClient.get(struct.id.client);
      if (!list) this.freshByClient.set(struct.id.client, (list = []));
      list.push(struct);
    }
    for (const struct of this.decoded.structs) if (struct instanceof Y.Item) this.checkItem(struct);
  }

  /**
   * A root of the schema as the map it is (a root received before anyone
   * asked for it is a plain type until then, and its size would read 0).
   */
  private rootMap(name: string): AnyType | null {
    try {
      return this.doc.getMap(name) as AnyType;
    } catch {
      return null;
    }
  }

  /** One tally key per root the document does not have yet. */
  private rootKey(name: string): object {
    let found = this.rootKeys.get(name);
    if (!found) this.rootKeys.set(name, (found = { root: name }));
    return found;
  }

  /** Keys a map holds, or will once this update is applied. */
  private keysOf(holder: object, existing: AnyType | null): Set<string> {
    let keys = this.mapKeys.get(holder);
    if (!keys) this.mapKeys.set(holder, (keys = new Set(existing instanceof Y.Map ? existing.keys() : [])));
    return keys;
  }

  /** An item of this update, or of the document, holding the given id. */
  private lookup(id: Y.ID): Y.Item | Y.GC | null {
    const exact = this.fresh.get(key(id));
    if (exact) return exact;
    for (const item of this.freshByClient.get(id.client) ?? []) {
      if (id.clock >= item.id.clock && id.clock < item.id.clock + item.length) return item;
    }
    return findExisting(this.doc, id);
  }

  private isFresh(item: Y.Item): boolean {
    return this.fresh.get(key(item.id)) === item;
  }

  /**
   * Where an item of this update goes, found without recursion: a root, a
   * type of this update (held by a fresh item), a type the document has, or
   * nowhere visible. An item without parent info sits beside its origin, in
   * the same parent under the same key: the origin chain is followed.
   */
  private parentRef(item: Y.Item): ParentRef {
    let at = item;
    for (let steps = 0; ; steps++) {
      if (steps > MAX_CHAIN) throw new Refusal("origin chain too long");
      const parent = at.parent as unknown;
      if (typeof parent === "string") return { kind: "root", name: parent, sub: at.parentSub };
      if (parent instanceof Y.ID) {
        const holder = this.lookup(parent);
        if (holder === null) throw new Refusal("parent not known", true);
        if (holder instanceof Y.GC) return { kind: "nowhere" };
        if (!(holder.content instanceof Y.ContentType)) {
          if (holder.deleted) return { kind: "nowhere" };
          throw new Refusal("parent is not a type");
        }
        if (this.isFresh(holder)) return { kind: "fresh", holder, sub: at.parentSub };
        return { kind: "type", type: holder.content.type as AnyType, sub: at.parentSub };
      }
      const neighbourId = at.origin ?? at.rightOrigin;
      if (!neighbourId) throw new Refusal("item without a place");
      const neighbour = this.lookup(neighbourId);
      if (neighbour === null) throw new Refusal("neighbour not known", true);
      if (neighbour instanceof Y.GC) return { kind: "nowhere" };
      if (!this.isFresh(neighbour)) {
        const type = neighbour.parent as AnyType | null;
        return type ? { kind: "type", type, sub: neighbour.parentSub } : { kind: "nowhere" };
      }
      at = neighbour;
    }
  }

  /** The place of a type the document already has: walk up to a known place, then down again. */
  private placeOfType(type: AnyType): Place {
    const chain: AnyType[] = [];
    let at: AnyType | null = type;
    let place: Place | undefined;
    while (at && !(place = this.known.get(at))) {
      if (chain.length > MAX_CHAIN) throw new Refusal("nested too deep");
      chain.push(at);
      const item: Y.Item | null = at._item;
      if (item === null) {
        const node = Object.hasOwn(this.roots, Y.findRootTypeKey(at)) ? this.roots[Y.findRootTypeKey(at)] : undefined;
        place = node ? { node } : HARMLESS;
        this.known.set(at, place);
        chain.pop();
        break;
      }
      at = item.parent as AnyType | null;
    }
    place ??= HARMLESS;
    for (let i = chain.length - 1; i >= 0; i--) {
      const t = chain[i];
      place = "harmless" in place ? place : childPlace(place.node, t._item?.parentSub ?? null, ytypeOf(t), t);
      this.known.set(t, place);
    }
    return place;
  }

  /**
   * Checks one new item and returns the place of the type it holds (if any).
   * Fresh ancestors not placed yet are placed first, outermost first, in a
   * loop: however deep a hostile update nests, nothing recurses.
   */
  private checkItem(item: Y.Item): Place {
    const chain: Y.Item[] = [];
    for (let at: Y.Item | null = item; at && !this.placeOfFresh.has(key(at.id)); ) {
      if (chain.length > MAX_CHAIN) throw new Refusal("nested too deep");
      chain.push(at);
      const ref = this.parentRef(at);
      at = ref.kind === "fresh" ? ref.holder : null;
    }
    for (let i = chain.length - 1; i >= 0; i--) this.placeOne(chain[i]);
    return this.placeOfFresh.get(key(item.id)) ?? HARMLESS;
  }

  private placeOne(item: Y.Item) {
    const ref = this.parentRef(item);
    const content = item.content;
    let place: Place = HARMLESS;
    // No root but the schema's, not even for deleted content: a root is a name in the document for ever.
    if (ref.kind === "root" && !Object.hasOwn(this.roots, ref.name)) throw new Refusal(`unknown root "${ref.name}"`);
    if (!(content instanceof Y.ContentDeleted)) {
      if (ref.kind === "root") {
        const node = Object.hasOwn(this.roots, ref.name) ? this.roots[ref.name] : undefined;
        if (!node) throw new Refusal(`unknown root "${ref.name}"`);
        const type = this.rootMap(ref.name);
        place = this.intoNode(node, ref.sub, content, type ?? this.rootKey(ref.name), type);
      } else if (ref.kind === "type") {
        const parentPlace = this.placeOfType(ref.type);
        if (!("harmless" in parentPlace)) place = this.intoNode(parentPlace.node, ref.sub, content, ref.type, ref.type);
      } else if (ref.kind === "fresh") {
        const parentPlace = this.placeOfFresh.get(key(ref.holder.id)) ?? HARMLESS;
        if (!("harmless" in parentPlace)) place = this.intoNode(parentPlace.node, ref.sub, content, ref.holder, null);
      }
    }
    this.placeOfFresh.set(key(item.id), place);
  }

  /** What may be put into a node: checks the content and returns where nested content lands. */
  private intoNode(node: SchemaNode, sub: string | null, content: Content, holder: object, existing: AnyType | null): Place {
    const mapSize = () => (existing instanceof Y.Map ? existing.size : 0);
    switch (node.kind) {
      case "collection": {
        if (sub === null || !(node.keys ?? ENTRY_KEY).test(sub)) throw new Refusal(`${node.name}: entries need an id`);
        const created = typeCreated(content);
        const entryType = node.entryType ?? "map";
        if (!created || ytypeOf(created) !== entryType) throw new Refusal(`${node.name}: entries are of type ${entryType}`);
        this.tally.add(holder, 1, mapSize, node.maxEntries, node.name);
        return { node: node.entry };
      }
      case "record": {
        if (sub === null) throw new Refusal(`${node.name}: only named fields`);
        const field: FieldSpec | undefined = Object.hasOwn(node.fields, sub) ? node.fields[sub] : undefined;
        if (!field) throw new Refusal(`${node.name}: no field "${sub}"`);
        if (field.kind === "value") {
          const value = singleValue(content);
          if (value === NOT_A_VALUE || !field.accept(value)) throw new Refusal(`${node.name}.${sub}: value refused`);
          return { harmless: true };
        }
        const created = typeCreated(content);
        if (!created || ytypeOf(created) !== field.ytype) throw new Refusal(`${node.name}.${sub}: must be a ${field.ytype}`);
        return { node: field.node };
      }
      case "flags": {
        if (sub === null || !/^[A-Z0-9][A-Z0-9_-]{0,15}$/.test(sub)) throw new Refusal(`${node.name}: keys are party codes`);
        if (singleValue(content) !== true) throw new Refusal(`${node.name}: values are true`);
        this.tally.add(holder, 1, mapSize, node.maxEntries, node.name);
        return { harmless: true };
      }
      case "entries": {
        if (sub === null || !node.keys.test(sub)) throw new Refusal(`${node.name}: key refused`);
        const value = singleValue(content);
        if (value === NOT_A_VALUE || !node.accept(sub, value)) throw new Refusal(`${node.name}.${sub}: value refused`);
        // A key written again replaces its value: only a key the map does not hold yet counts.
        const keys = this.keysOf(holder, existing);
        if (!keys.has(sub)) {
          keys.add(sub);
          this.tally.add(holder, 1, mapSize, node.maxEntries, node.name);
        }
        return HARMLESS;
      }
      case "plainText": {
        if (sub !== null) throw new Refusal(`${node.name}: no attributes`);
        if (!(content instanceof Y.ContentString)) throw new Refusal(`${node.name}: plain characters only`);
        const length = () => (existing instanceof Y.Text ? existing.length : 0);
        this.tally.add(holder, content.str.length, length, node.maxLength * 2, node.name);
        return { harmless: true };
      }
      case "richText":
        return this.intoRich(node, sub, content, holder, existing);
      case "richRun":
        return this.intoRun(node, sub, content, holder, existing);
    }
  }

  private intoRich(node: Extract<SchemaNode, { kind: "richText" }>, sub: string | null, content: Content, holder: object, existing: AnyType | null): Place {
    if (sub !== null) {
      // An attribute of an element: only those the element has, with values it accepts.
      const attributes = node.element !== undefined && Object.hasOwn(RICH_ELEMENTS, node.element) ? RICH_ELEMENTS[node.element] : {};
      const check = Object.hasOwn(attributes, sub) ? attributes[sub] : undefined;
      const value = singleValue(content);
      if (!check || value === NOT_A_VALUE || !check(value)) throw new Refusal(`${node.name}: attribute "${sub}" refused`);
      return HARMLESS;
    }
    const created = typeCreated(content);
    if (!created) throw new Refusal(`${node.name}: holds elements and text only`);
    const childCount = () => (existing instanceof Y.XmlFragment ? existing.length : 0);
    this.tally.add(holder, 1, childCount, DOCUMENT_LIMITS.richChildren, node.name);
    if (created instanceof Y.XmlText) return { node: { kind: "richRun", name: `${node.name} text` } };
    if (created instanceof Y.XmlElement) {
      if (!Object.hasOwn(RICH_ELEMENTS, created.nodeName)) throw new Refusal(`${node.name}: element "${created.nodeName}" refused`);
      if (node.depth + 1 > DOCUMENT_LIMITS.richDepth) throw new Refusal(`${node.name}: nested too deep`);
      return { node: { kind: "richText", name: `<${created.nodeName}>`, depth: node.depth + 1, element: created.nodeName } };
    }
    throw new Refusal(`${node.name}: holds elements and text only`);
  }

  private intoRun(node: Extract<SchemaNode, { kind: "richRun" }>, sub: string | null, content: Content, holder: object, existing: AnyType | null): Place {
    if (sub !== null) throw new Refusal(`${node.name}: no attributes on text`);
    if (content instanceof Y.ContentString) {
      const length = () => (existing instanceof Y.XmlText ? existing.length : 0);
      this.tally.add(holder, content.str.length, length, DOCUMENT_LIMITS.richRunLength, node.name);
      return HARMLESS;
    }
    if (content instanceof Y.ContentFormat) {
      const check = Object.hasOwn(RICH_MARKS, content.key) ? RICH_MARKS[content.key] : undefined;
      const value = content.value as unknown;
      if (!check) throw new Refusal(`${node.name}: mark "${content.key}" refused`);
      if (value === null) return HARMLESS;
      if (typeof value !== "object" || Array.isArray(value) || !check(value as Record<string, unknown>)) {
        throw new Refusal(`${node.name}: mark "${content.key}" attributes refused`);
      }
      return HARMLESS;
    }
    throw new Refusal(`${node.name}: text holds characters and marks only`);
  }
}

/** The place of a type the document has, under its parent's node (see UpdateCheck.placeOfType). */
function childPlace(parent: SchemaNode, sub: string | null, ytype: string, type: AnyType): Place {
  switch (parent.kind) {
    case "collection":
      return ytype === (parent.entryType ?? "map") ? { node: parent.entry } : HARMLESS;
    case "record": {
      const field = sub !== null && Object.hasOwn(parent.fields, sub) ? parent.fields[sub] : undefined;
      return field?.kind === "type" && field.ytype === ytype ? { node: field.node } : { harmless: true };
    }
    case "richText":
      if (type instanceof Y.XmlText) return { node: { kind: "richRun", name: `${parent.name} text` } };
      if (type instanceof Y.XmlElement) return { node: { kind: "richText", name: `<${type.nodeName}>`, depth: parent.depth + 1, element: type.nodeName } };
      return HARMLESS;
    default:
      return { harmless: true };
  }
}

const NOT_A_VALUE = Symbol("not a value");

/** The one plain value a map entry holds (ContentAny of length 1), or NOT_A_VALUE. */
function singleValue(content: Content): unknown {
  if (content instanceof Y.ContentAny && content.arr.length === 1) return content.arr[0];
  return NOT_A_VALUE;
}

/** The type a ContentType creates, or null for any other content. */
function typeCreated(content: Content): AnyType | null {
  return content instanceof Y.ContentType ? (content.type as AnyType) : null;
}
