import type { SeriesRole } from "../schema/index";

// The demo tells the story of DOMAIN.md: a national anti-smuggling series
// between the two customs administrations, and the regional
// "two countries, four agencies" mechanism along the border.

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
  },
  {
    slug: "two-countries-four-agencies",
    name: "Two Countries, Four Agencies — Border Customs Cooperation",
    description:
      "Regional mechanism of Lang Son, Cao Bang and Quang Ninh customs with China's Nanning Customs: seminars on smuggling risks along the land and sea border.",
    partyCodes: ["LSC", "CBC", "QNC", "NNC"],
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
  actions: { text: string; owners: string[]; due: string | null }[];
}

export const demoConferences: DemoConference[] = [
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
      { title: "Opening remarks by the heads of delegation", kind: "opening", lead: "VNC", start: "09:00", minutes: 20 },
      { title: "Review of commitments since the 16th conference", kind: "review", lead: "GACC", start: "09:20", minutes: 40 },
      {
        title: "Mekong Dragon joint operation: results and next phase",
        kind: "thematic",
        lead: "GACC",
        start: "10:00",
        minutes: 45,
        notes: "Mekong Dragon has led to more than 4,500 cases across the Asia-Pacific.\nBoth sides propose to keep the campaign going and report each stage jointly to the World Customs Organization.",
      },
      { title: "Cigarette smuggling across the land border", kind: "thematic", lead: "VNC", start: "11:00", minutes: 40 },
      { title: "Digital customs control for cross-border e-commerce", kind: "thematic", lead: "GACC", start: "13:30", minutes: 45 },
      { title: "Maritime smuggling", kind: "thematic", lead: "VNC", start: "14:15", minutes: 40 },
      { title: "Signing of the MoU on professional exchanges between technical contact points", kind: "signing", start: "15:30", minutes: 20 },
      { title: "Closing and adoption of the record", kind: "closing", start: "16:00", minutes: 20 },
    ],
    actions: [
      { text: "Exchange information on high-risk consignments every month through the technical contact points", owners: ["VNC", "GACC"], due: "next" },
      { text: "Report each stage of Mekong Dragon jointly to the World Customs Organization", owners: ["VNC", "GACC"], due: "2026-06-30" },
      { text: "Share findings on the use of AI against customs fraud", owners: ["GACC"], due: "next" },
      { text: "Propose extending cooperation to border localities with high smuggling risk", owners: ["VNC"], due: "2026-03-31" },
    ],
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
    agenda: [
      { title: "Opening remarks by the heads of delegation", kind: "opening", lead: "GACC", start: "09:00", minutes: 20 },
      { title: "Review of commitments since the 17th conference", kind: "review", lead: "VNC", start: "09:20", minutes: 60 },
      { title: "Drug and wildlife (CITES) trafficking", kind: "thematic", lead: "GACC", start: "10:30", minutes: 45 },
      { title: "Closing and adoption of the record", kind: "closing", start: "16:00", minutes: 20 },
    ],
    actions: [],
  },
  {
    series: "two-countries-four-agencies",
    number: 8,
    title: "8th Seminar — Two Countries, Four Agencies",
    startsOn: "2025-11-18",
    endsOn: "2025-11-18",
    venue: "",
    format: "online",
    host: "NNC",
    status: "concluded",
    agenda: [
      { title: "Opening", kind: "opening", lead: "NNC", start: "09:00", minutes: 15 },
      { title: "Review of what was done since the 7th seminar", kind: "review", lead: "LSC", start: "09:15", minutes: 45 },
      { title: "Smuggling risks at land border gates", kind: "thematic", lead: "CBC", start: "10:00", minutes: 40 },
      { title: "Signing of the cooperation agreement of the four agencies", kind: "signing", start: "11:00", minutes: 20 },
    ],
    actions: [
      { text: "Set up a joint hotline between the four agencies' duty offices", owners: ["LSC", "CBC", "QNC", "NNC"], due: "next" },
      { text: "Exchange monthly seizure statistics at land border gates", owners: ["LSC", "NNC"], due: "next" },
    ],
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
