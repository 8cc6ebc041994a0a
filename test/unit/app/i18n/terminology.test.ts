import { describe, expect, it } from "vitest";
import { en } from "../../../../app/i18n/catalogs/en";
import { vi } from "../../../../app/i18n/catalogs/vi";
import { zh } from "../../../../app/i18n/catalogs/zh";

type Tree = { [key: string]: string | Tree };

function texts(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : texts(value, `${prefix}${key}.`)));
}

const all = { en: texts(en as unknown as Tree), vi: texts(vi as unknown as Tree), zh: texts(zh as unknown as Tree) };
const containing = (lang: keyof typeof all, pattern: RegExp) => all[lang].filter(([, text]) => pattern.test(text)).map(([key]) => key);

// One term per idea: a leader who sees "Chuyển kỳ" on a badge must find the same word on the tile and in the review.
describe("one term per idea", () => {
  it("calls carrying over “chuyển kỳ” in Vietnamese and “顺延” in Chinese, everywhere", () => {
    expect(containing("vi", /chuyển tiếp|chuyển sang kỳ sau/i)).toEqual([]);
    expect(containing("zh", /结转/)).toEqual([]);
    for (const key of ["commitment.outcomes.carried", "commitment.carried", "leader.carriedTitle", "leader.tiles.carried", "briefing.carried", "exports.columns.carriedOver"]) {
      expect(all.vi.find(([k]) => k === key)?.[1], key).toMatch(/chuyển kỳ/i);
      expect(all.zh.find(([k]) => k === key)?.[1], key).toMatch(/顺延/);
    }
  });

  it("names draft actions “hành động dự kiến”, never “dự thảo hành động”", () => {
    expect(containing("vi", /dự thảo hành động|hoạt động dự thảo/i)).toEqual([]);
    expect(vi.workspace.actions.heading).toBe("Hành động dự kiến");
  });

  it("keeps a commitment's owners apart from an agenda item's lead party", () => {
    expect(vi.commitment.owners).toBe(vi.workspace.actions.owners);
    expect(vi.commitment.owners).not.toBe(vi.workspace.agenda.leadParty);
    expect(zh.commitment.owners).toBe(zh.workspace.actions.owners);
  });

  it("never puts an article before a conference's own title (“For the Conference No. 2”)", () => {
    const title = en.conference.defaultTitle.replace("{{number}}", "2");
    expect(en.briefing.forConference.replace("{{title}}", title)).not.toMatch(/the Conference/);
    expect(en.briefing.doneSince.replace("{{title}}", title)).not.toMatch(/the Conference/);
    expect(containing("en", /the \{\{title\}\}/)).toEqual([]);
  });
});
