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
