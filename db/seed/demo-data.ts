import type { SeriesRole } from "../schema/index";

// The demo tells the story of DOMAIN.md: a national anti-smuggling series
// between the two customs administrations, and the regional
// "two countries, four agencies" mechanism along the border. Both work in
// Vietnamese, Chinese and English, the Vietnamese and Chinese texts being
// equally authentic. The texts below are the English the demo was drafted in;
// their Vietnamese and Chinese are in demo-translations.ts.

export const DEMO_PASSWORD = "accord-demo-2026";

export const demoAgencies = [
  { code: "VNC", name: "Cục Hải quan Việt Nam — Anti-Smuggling and Investigation Department", country: "VN" },
  { code: "GACC", name: "海关总署缉私局 — GACC Anti-Smuggling Bureau", country: "CN" },
  { code: "LSC", name: "Hải quan Lạng Sơn", country: "VN" },
  { code: "CBC", name: "Hải quan Cao Bằng", country: "VN" },
  { code: "QNC", name: "Hải quan Quảng Ninh", country: "VN" },
  { code: "NNC", name: "南宁海关 — Nanning Customs", country: "CN" },
] as const;

export const demoSeries = [
  {
    slug: "vn-cn-anti-smuggling",
    name: "Vietnam–China Customs Anti-Smuggling Cooperation Conference",
    description:
      "Annual conference of the anti-smuggling departments of Vietnam Customs and the General Administration of Customs of China: joint operations such as Mekong Dragon, information exchange and MoUs.",
    partyCodes: ["VNC", "GACC"],
    languages: ["vi", "zh", "en"],
    authenticLanguages: ["vi", "zh"],
    // The name each side uses for the mechanism (series-names.server.ts); English readers read the name above.
    texts: {
      vi: {
        name: "Hội nghị hợp tác chống buôn lậu giữa Hải quan Việt Nam và Hải quan Trung Quốc",
        description:
          "Hội nghị thường niên giữa Cục Điều tra chống buôn lậu (Tổng cục Hải quan Việt Nam) và Cục Điều tra chống buôn lậu (Tổng cục Hải quan Trung Quốc): các chuyên án phối hợp như Rồng Mê Kông, trao đổi thông tin và các bản ghi nhớ hợp tác.",
      },
      zh: {
        name: "中越海关缉私合作会议",
        description: "越南海关与中国海关总署缉私部门的年度会议：“湄公龙”等联合行动、情报交流及合作备忘录。",
      },
    },
  },
  {
    slug: "two-countries-four-agencies",
    name: "Two Countries, Four Agencies — Border Customs Cooperation",
    description:
      "Regional mechanism of Lang Son, Cao Bang and Quang Ninh customs with China's Nanning Customs: seminars on smuggling risks along the land and sea border.",
    partyCodes: ["LSC", "CBC", "QNC", "NNC"],
    languages: ["vi", "zh", "en"],
    authenticLanguages: ["vi", "zh"],
    texts: {
      vi: {
        name: "Cơ chế “Hai nước bốn bên” — Hợp tác hải quan biên giới",
        description:
          "Cơ chế hợp tác khu vực giữa Hải quan Lạng Sơn, Cao Bằng, Quảng Ninh và Hải quan Nam Ninh (Trung Quốc): các hội thảo về rủi ro buôn lậu trên tuyến biên giới đất liền và trên biển.",
      },
      zh: {
        name: "“两国四方”边境海关合作机制",
        description: "越南谅山、高平、广宁海关与中国南宁海关的区域合作机制：就陆地和海上边境走私风险举行研讨会。",
      },
    },
  },
] as const;

export interface DemoUser {
  email: string;
  name: string;
  agency: string | null;
  isAdmin?: boolean;
  locale?: "en" | "vi" | "zh";
  roles: { series: string; agency: string; role: SeriesRole }[];
}

export const demoUsers: DemoUser[] = [
  { email: "admin@accord.test", name: "Accord Administrator", agency: null, isAdmin: true, roles: [] },
  {
    email: "lan.nguyen@vnc.test",
    name: "Nguyễn Thị Lan",
    agency: "VNC",
    locale: "vi",
    roles: [{ series: "vn-cn-anti-smuggling", agency: "VNC", role: "secretariat" }],
  },
  {
    email: "zhang.wei@gacc.test",
    name: "张伟",
    agency: "GACC",
    locale: "zh",
    roles: [{ series: "vn-cn-anti-smuggling", agency: "GACC", role: "secretariat" }],
  },
  {
    email: "minh.tran@vnc.test",
    name: "Trần Văn Minh",
    agency: "VNC",
    roles: [{ series: "vn-cn-anti-smuggling", agency: "VNC", role: "delegate" }],
  },
  {
    email: "li.na@gacc.test",
    name: "李娜",
    agency: "GACC",
    roles: [{ series: "vn-cn-anti-smuggling", agency: "GACC", role: "delegate" }],
  },
  {
    email: "hung.pham@vnc.test",
    name: "Phạm Quốc Hùng",
    agency: "VNC",
    roles: [{ series: "vn-cn-anti-smuggling", agency: "VNC", role: "observer" }],
  },
  {
    email: "mai.hoang@langson.test",
    name: "Hoàng Thị Mai",
    agency: "LSC",
    roles: [{ series: "two-countries-four-agencies", agency: "LSC", role: "secretariat" }],
  },
  {
    email: "huang.hai@nanning.test",
    name: "黄海",
    agency: "NNC",
    roles: [{ series: "two-countries-four-agencies", agency: "NNC", role: "secretariat" }],
  },
  {
    email: "thang.vu@quangninh.test",
    name: "Vũ Đức Thắng",
    agency: "QNC",
    roles: [{ series: "two-countries-four-agencies", agency: "QNC", role: "delegate" }],
  },
  {
    email: "binh.nong@caobang.test",
    name: "Nông Văn Bình",
    agency: "CBC",
    roles: [{ series: "two-countries-four-agencies", agency: "CBC", role: "delegate" }],
  },
];

export interface DemoAgendaItem {
  title: string;
  kind: "opening" | "review" | "thematic" | "signing" | "closing" | "other";
  lead?: string;
  start?: string;
  minutes?: number;
  notes?: string;
  outcome?: string;
}

/** A draft action agreed at a conference; `key` names the commitment it becomes. */
export interface DemoAction {
  key: string;
  text: string;
  owners: string[];
  due: string | null;
}

export interface DemoConference {
  series: string;
  number: number;
  title: string;
  startsOn: string;
  endsOn: string;
  venue: string;
  format: "in_person" | "online" | "hybrid";
  host: string | null;
  status: "planned" | "in_session" | "concluded";
  agenda: DemoAgendaItem[];
  actions: DemoAction[];
  /** Review outcomes recorded at this conference for commitments carried to it. */
  reviews?: Record<string, { outcome: "carried" | "completed" | "dropped" | "revised"; note: string }>;
}

/** Progress between conferences, in date order: status changes and follow-ups. */
export interface DemoProgress {
  key: string;
  at: string;
  by: string;
  status?: "open" | "in_progress" | "done" | "blocked" | "dropped";
  /** For "done" on a joint commitment: whose share is confirmed. */
  share?: string;
  note: string;
  figure?: { label: string; value: number; unit: string };
}

const opening = (lead: string, start = "09:00"): DemoAgendaItem => ({ title: "Opening remarks by the heads of delegation", kind: "opening", lead, start, minutes: 20 });
const closing = (start = "16:00"): DemoAgendaItem => ({ title: "Closing and adoption of the record", kind: "closing", start, minutes: 20 });
const review = (since: string, lead: string): DemoAgendaItem => ({ title: `Review of commitments since the ${since}`, kind: "review", lead, start: "09:20", minutes: 40 });

const INFO = "items of information exchanged";
const CASES = "cases under Mekong Dragon";
const PATROLS = "joint patrols held";

/** What each side calls the figures its progress notes report (figure-names.server.ts). */
export const demoFigureNames = [
  {
    series: "vn-cn-anti-smuggling",
    label: INFO,
    unit: "items",
    vi: { label: "tin, tài liệu đã trao đổi", unit: "tin" },
    zh: { label: "交换情报信息", unit: "条" },
  },
  {
    series: "vn-cn-anti-smuggling",
    label: CASES,
    unit: "cases",
    vi: { label: "vụ việc phát hiện trong chuyên án Rồng Mê Kông", unit: "vụ" },
    zh: { label: "“湄公龙”行动查获案件", unit: "起" },
  },
  {
    series: "vn-cn-anti-smuggling",
    label: "staff exchanged",
    unit: "officers",
    vi: { label: "cán bộ được cử sang trao đổi", unit: "cán bộ" },
    zh: { label: "互派交流人员", unit: "名" },
  },
  {
    series: "two-countries-four-agencies",
    label: PATROLS,
    unit: "patrols",
    vi: { label: "đợt tuần tra liên hợp đã tổ chức", unit: "đợt" },
    zh: { label: "已开展联合巡逻", unit: "次" },
  },
] as const;

export const demoConferences: DemoConference[] = [
  {
    series: "vn-cn-anti-smuggling",
    number: 14,
    title: "14th Vietnam–China Customs Anti-Smuggling Cooperation Conference",
    startsOn: "2021-12-28",
    endsOn: "2021-12-28",
    venue: "",
    format: "online",
    host: "VNC",
    status: "concluded",
    agenda: [
      { ...opening("VNC"), notes: "Online, linked between the two headquarters; co-chaired by the anti-smuggling departments of both sides." },
      {
        title: "Mekong Dragon joint operation against drug and wildlife trafficking",
        kind: "thematic",
        lead: "GACC",
        start: "09:30",
        minutes: 60,
        notes: "More than 800 cases across the Asia-Pacific so far.",
        outcome: "Both sides agree to keep exchanging information and to develop joint cooperation plans.",
      },
      closing("11:00"),
    ],
    actions: [
      { key: "hotline", text: "Keep exchanging information on smuggling routes and methods through the anti-smuggling hotline", owners: ["VNC", "GACC"], due: "next" },
      { key: "drugPlan", text: "Develop a joint cooperation plan against drug trafficking", owners: ["VNC", "GACC"], due: "2022-06-30" },
      { key: "policy", text: "Share policy changes that help detect fraud on high-risk goods", owners: ["GACC"], due: "next" },
    ],
  },
  {
    series: "vn-cn-anti-smuggling",
    number: 15,
    title: "15th Vietnam–China Customs Anti-Smuggling Cooperation Conference",
    startsOn: "2022-11-23",
    endsOn: "2022-11-23",
    venue: "Hanoi",
    format: "in_person",
    host: "VNC",
    status: "concluded",
    agenda: [
      opening("VNC"),
      review("14th conference", "GACC"),
      { title: "Drug and wildlife (CITES) trafficking", kind: "thematic", lead: "VNC", start: "10:00", minutes: 60 },
      closing(),
    ],
    actions: [
      { key: "wco", text: "Keep the Mekong Dragon campaign going and report each of its stages jointly to the World Customs Organization", owners: ["VNC", "GACC"], due: "next" },
      { key: "cites", text: "Exchange the names of CITES enforcement contacts at each border gate", owners: ["VNC"], due: "2023-03-31" },
    ],
    reviews: {
      hotline: { outcome: "carried", note: "Exchange works well; keep it as a standing action." },
      policy: { outcome: "carried", note: "" },
    },
  },
  {
    series: "vn-cn-anti-smuggling",
    number: 16,
    title: "16th Vietnam–China Customs Anti-Smuggling Cooperation Conference",
    startsOn: "2024-06-18",
    endsOn: "2024-06-19",
    venue: "Kunming, Yunnan",
    format: "in_person",
    host: "GACC",
    status: "concluded",
    agenda: [opening("GACC"), review("15th conference", "VNC"), { title: "Cigarette smuggling", kind: "thematic", lead: "VNC", start: "10:30", minutes: 45 }, closing()],
    actions: [
      { key: "cigarettes", text: "Set up a joint working group on cigarette smuggling", owners: ["VNC", "GACC"], due: "2024-12-31" },
      { key: "parcels", text: "Pilot the exchange of risk profiles for cross-border e-commerce parcels", owners: ["GACC"], due: "next" },
    ],
    reviews: {
      hotline: { outcome: "carried", note: "" },
      policy: { outcome: "carried", note: "Waiting for the new risk-management regulation." },
      wco: { outcome: "carried", note: "Stage 3 report drafted." },
    },
  },
  {
    series: "vn-cn-anti-smuggling",
    number: 17,
    title: "17th Vietnam–China Customs Anti-Smuggling Cooperation Conference",
    startsOn: "2025-08-12",
    endsOn: "2025-08-14",
    venue: "Ho Chi Minh City",
    format: "in_person",
    host: "VNC",
    status: "concluded",
    agenda: [
      opening("VNC"),
      review("16th conference", "GACC"),
      {
        title: "Mekong Dragon joint operation: results and next phase",
        kind: "thematic",
        lead: "GACC",
        start: "10:00",
        minutes: 45,
        notes: "Mekong Dragon has led to more than 4,500 cases across the Asia-Pacific.",
        outcome: "Both sides keep the campaign going and report each stage jointly to the World Customs Organization.",
      },
      { title: "Cigarette smuggling across the land border", kind: "thematic", lead: "VNC", start: "11:00", minutes: 40 },
      { title: "Digital customs control for cross-border e-commerce", kind: "thematic", lead: "GACC", start: "13:30", minutes: 45 },
      { title: "Maritime smuggling", kind: "thematic", lead: "VNC", start: "14:15", minutes: 40 },
      { title: "Signing of the MoU on professional exchanges between technical contact points", kind: "signing", start: "15:30", minutes: 20 },
      closing(),
    ],
    actions: [
      { key: "monthly", text: "Exchange information on high-risk consignments every month through the technical contact points", owners: ["VNC", "GACC"], due: "next" },
      { key: "ai", text: "Share findings on the use of AI against customs fraud", owners: ["GACC"], due: "next" },
      { key: "localities", text: "Propose extending cooperation to border localities with high smuggling risk", owners: ["VNC"], due: "2026-03-31" },
    ],
    reviews: {
      hotline: { outcome: "carried", note: "" },
      policy: { outcome: "carried", note: "" },
      wco: { outcome: "carried", note: "Vietnam's part is sent; China's part pending." },
      cigarettes: { outcome: "dropped", note: "Replaced by the monthly exchange agreed at this conference." },
      parcels: { outcome: "carried", note: "" },
    },
  },
  {
    series: "vn-cn-anti-smuggling",
    number: 18,
    title: "18th Vietnam–China Customs Anti-Smuggling Cooperation Conference",
    startsOn: "2026-12-15",
    endsOn: "2026-12-16",
    venue: "Nanning, Guangxi",
    format: "in_person",
    host: "GACC",
    status: "planned",
    agenda: [opening("GACC"), review("17th conference", "VNC"), { title: "Drug and wildlife (CITES) trafficking", kind: "thematic", lead: "GACC", start: "10:30", minutes: 45 }, closing()],
    actions: [],
  },
  {
    series: "two-countries-four-agencies",
    number: 7,
    title: "7th Seminar — Two Countries, Four Agencies",
    startsOn: "2024-11-20",
    endsOn: "2024-11-20",
    venue: "Nanning, Guangxi",
    format: "in_person",
    host: "NNC",
    status: "concluded",
    agenda: [
      { title: "Opening", kind: "opening", lead: "NNC", start: "09:00", minutes: 15 },
      { title: "Smuggling risks at land border gates", kind: "thematic", lead: "LSC", start: "09:15", minutes: 60 },
      closing("11:00"),
    ],
    actions: [
      { key: "patrols", text: "Hold joint patrols at the Hữu Nghị – Youyiguan border gate every quarter", owners: ["LSC", "NNC"], due: "next" },
      { key: "duty", text: "Set up a joint hotline between the four agencies' duty offices", owners: ["LSC", "CBC", "QNC", "NNC"], due: "next" },
      { key: "stats", text: "Exchange monthly seizure statistics at land border gates", owners: ["CBC", "NNC"], due: "2025-06-30" },
    ],
  },
  {
    series: "two-countries-four-agencies",
    number: 8,
    title: "8th Seminar — Two Countries, Four Agencies",
    startsOn: "2025-11-18",
    endsOn: "2025-11-18",
    venue: "",
    format: "online",
    host: "LSC",
    status: "concluded",
    agenda: [
      { title: "Opening", kind: "opening", lead: "LSC", start: "09:00", minutes: 15 },
      { title: "Review of what was done since the 7th seminar", kind: "review", lead: "NNC", start: "09:15", minutes: 45 },
      { title: "Signing of the cooperation agreement of the four agencies", kind: "signing", start: "11:00", minutes: 20 },
    ],
    actions: [{ key: "maritime", text: "Share alerts on maritime smuggling near Móng Cái – Dongxing within 24 hours", owners: ["QNC", "NNC"], due: "next" }],
    reviews: {
      patrols: { outcome: "carried", note: "Three patrols held; continue." },
      duty: { outcome: "carried", note: "Cao Bằng line not yet connected." },
    },
  },
  {
    series: "two-countries-four-agencies",
    number: 9,
    title: "9th Seminar — Two Countries, Four Agencies",
    startsOn: "2026-12-10",
    endsOn: "2026-12-10",
    venue: "Lạng Sơn",
    format: "hybrid",
    host: "LSC",
    status: "planned",
    agenda: [
      { title: "Opening", kind: "opening", lead: "LSC", start: "08:30", minutes: 15 },
      { title: "Review of what was done since the 8th seminar", kind: "review", lead: "NNC", start: "08:45", minutes: 45 },
    ],
    actions: [],
  },
];

export const demoProgress: DemoProgress[] = [
  { key: "hotline", at: "2022-06-30", by: "minh.tran@vnc.test", status: "in_progress", note: "Hotline in daily use.", figure: { label: INFO, value: 800, unit: "items" } },
  { key: "drugPlan", at: "2022-06-20", by: "minh.tran@vnc.test", status: "done", share: "VNC", note: "Plan approved on our side." },
  { key: "drugPlan", at: "2022-06-24", by: "li.na@gacc.test", status: "done", share: "GACC", note: "Plan signed." },
  { key: "cites", at: "2023-02-15", by: "minh.tran@vnc.test", status: "done", share: "VNC", note: "List of contacts sent for all 12 gates." },
  { key: "hotline", at: "2023-03-31", by: "li.na@gacc.test", note: "Quarterly summary.", figure: { label: INFO, value: 1500, unit: "items" } },
  { key: "wco", at: "2023-05-10", by: "li.na@gacc.test", status: "in_progress", note: "Stage 2 results compiled.", figure: { label: CASES, value: 1900, unit: "cases" } },
  { key: "policy", at: "2023-09-01", by: "li.na@gacc.test", status: "blocked", note: "Waiting for the new risk-management regulation to be published." },
  { key: "hotline", at: "2024-02-28", by: "minh.tran@vnc.test", note: "Half-year figure.", figure: { label: INFO, value: 2100, unit: "items" } },
  { key: "wco", at: "2024-03-15", by: "minh.tran@vnc.test", note: "Stage 3.", figure: { label: CASES, value: 3200, unit: "cases" } },
  { key: "hotline", at: "2024-07-31", by: "minh.tran@vnc.test", note: "Exchange between 2019 and July 2024.", figure: { label: INFO, value: 2600, unit: "items" } },
  { key: "cigarettes", at: "2024-09-10", by: "minh.tran@vnc.test", status: "in_progress", note: "Terms of reference drafted." },
  { key: "wco", at: "2025-06-30", by: "li.na@gacc.test", note: "Stage 4.", figure: { label: CASES, value: 4500, unit: "cases" } },
  { key: "hotline", at: "2025-06-30", by: "li.na@gacc.test", note: "Mid-year figure.", figure: { label: INFO, value: 3100, unit: "items" } },
  { key: "wco", at: "2025-10-20", by: "minh.tran@vnc.test", status: "done", share: "VNC", note: "Vietnam's stage report sent to the WCO." },
  { key: "monthly", at: "2025-10-01", by: "minh.tran@vnc.test", status: "in_progress", note: "First two monthly exchanges done.", figure: { label: INFO, value: 3400, unit: "items" } },
  { key: "hotline", at: "2026-06-30", by: "minh.tran@vnc.test", note: "Mid-year figure.", figure: { label: INFO, value: 3900, unit: "items" } },
  { key: "patrols", at: "2025-03-15", by: "mai.hoang@langson.test", status: "in_progress", note: "First joint patrol held.", figure: { label: PATROLS, value: 1, unit: "patrols" } },
  { key: "patrols", at: "2025-09-30", by: "mai.hoang@langson.test", note: "Third joint patrol.", figure: { label: PATROLS, value: 3, unit: "patrols" } },
  { key: "stats", at: "2025-05-31", by: "binh.nong@caobang.test", status: "done", share: "CBC", note: "Monthly tables sent since January." },
  { key: "stats", at: "2025-06-20", by: "huang.hai@nanning.test", status: "done", share: "NNC", note: "Nanning tables sent." },
  { key: "duty", at: "2025-04-10", by: "thang.vu@quangninh.test", status: "done", share: "QNC", note: "Quảng Ninh line connected." },
  { key: "duty", at: "2025-04-12", by: "mai.hoang@langson.test", status: "done", share: "LSC", note: "Lạng Sơn line connected." },
  { key: "duty", at: "2025-05-02", by: "huang.hai@nanning.test", status: "done", share: "NNC", note: "Nanning line connected." },
  { key: "clause:1", at: "2025-09-20", by: "minh.tran@vnc.test", status: "done", share: "VNC", note: "Vietnam's contact points notified to GACC." },
  { key: "clause:1", at: "2025-10-15", by: "li.na@gacc.test", status: "done", share: "GACC", note: "GACC contact points notified." },
  { key: "clause:2", at: "2026-05-12", by: "li.na@gacc.test", status: "in_progress", note: "First study visit of Vietnamese staff to Nanning held.", figure: { label: "staff exchanged", value: 8, unit: "officers" } },
  { key: "patrols", at: "2026-06-30", by: "huang.hai@nanning.test", note: "Sixth joint patrol.", figure: { label: PATROLS, value: 6, unit: "patrols" } },
];

/** The MoU signed at the 17th conference; its first two clauses became commitments. */
export const demoAgreements = [
  {
    series: "vn-cn-anti-smuggling",
    conference: 17,
    title: "Memorandum of Understanding on professional exchanges between technical contact points",
    status: "in_force" as const,
    signedOn: "2025-08-14",
    signedAt: "Ho Chi Minh City",
    validFrom: "2025-08-14",
    validUntil: "2030-08-13",
    parties: ["VNC", "GACC"],
    signatories: [
      { name: "Nguyễn Văn Hùng", title: "Director, Anti-Smuggling and Investigation Department", agency: "VNC" },
      { name: "王建国", title: "Director-General, Anti-Smuggling Bureau", agency: "GACC" },
    ],
    clauses: [
      { label: "1", text: "Each Party designates technical contact points for risk management, laboratory analysis and digital customs control, and informs the other Party of any change within 30 days.", commitment: { owners: ["VNC", "GACC"], due: "2025-10-31" } },
      { label: "2", text: "The Parties exchange professional staff for study visits at least once a year.", commitment: { owners: ["VNC", "GACC"], due: "next" } },
      { label: "3", text: "The Parties review the implementation of this Memorandum at each conference of the series.", commitment: null },
    ],
  },
  {
    series: "two-countries-four-agencies",
    conference: 8,
    title: "Cooperation agreement of the four customs agencies on the land and sea border",
    status: "signed" as const,
    signedOn: "2025-11-18",
    signedAt: "Online (Lạng Sơn – Cao Bằng – Quảng Ninh – Nanning)",
    validFrom: null,
    validUntil: null,
    parties: ["LSC", "CBC", "QNC", "NNC"],
    signatories: [
      { name: "Hoàng Văn Nam", title: "Director, Lạng Sơn Customs", agency: "LSC" },
      { name: "Lục Thị Hoa", title: "Director, Cao Bằng Customs", agency: "CBC" },
      { name: "Đỗ Minh Tuấn", title: "Director, Quảng Ninh Customs", agency: "QNC" },
      { name: "李强", title: "Director-General, Nanning Customs", agency: "NNC" },
    ],
    clauses: [
      { label: "1", text: "The agencies meet in a seminar every year, in turn in each province and in Nanning.", commitment: null },
      { label: "2", text: "The agencies share smuggling alerts at border gates within 24 hours.", commitment: { owners: ["LSC", "CBC", "QNC", "NNC"], due: "next" } },
    ],
  },
];
