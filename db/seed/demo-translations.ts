// The demo's texts in Vietnamese and Chinese, beside the English they were
// drafted in, keyed by that English text. Written as the two secretariats
// would write their own originals: the Vietnamese of a Vietnam Customs
// record, the Chinese of a GACC one; figures the local way ("4.500" and
// "4500余起"), and the joint operation named as each side names it
// (Rồng Mê Kông, 湄公龙).
//
// Every English text the demo shows must be here: the seed refuses to load a
// demo text that has no Vietnamese or Chinese (demoTranslation).

export interface DemoTranslation {
  vi: string;
  zh: string;
}

const conferenceTitle = (n: number, zhNumber: string): [string, DemoTranslation] => [
  `${n}th Vietnam–China Customs Anti-Smuggling Cooperation Conference`,
  {
    vi: `Hội nghị hợp tác chống buôn lậu giữa Hải quan Việt Nam và Hải quan Trung Quốc lần thứ ${n}`,
    zh: `第${zhNumber}次中越海关缉私合作会议`,
  },
];

const reviewSince = (n: number, zhNumber: string): [string, DemoTranslation] => [
  `Review of commitments since the ${n}th conference`,
  {
    vi: `Rà soát kết quả thực hiện các nội dung đã thống nhất từ Hội nghị lần thứ ${n}`,
    zh: `回顾第${zhNumber}次会议以来商定事项落实情况`,
  },
];

const seminarTitle = (n: number, zhNumber: string): [string, DemoTranslation] => [
  `${n}th Seminar — Two Countries, Four Agencies`,
  { vi: `Hội thảo lần thứ ${n} cơ chế hợp tác “Hai nước bốn bên”`, zh: `“两国四方”海关合作第${zhNumber}次研讨会` },
];

const seminarReview = (n: number, zhNumber: string): [string, DemoTranslation] => [
  `Review of what was done since the ${n}th seminar`,
  { vi: `Rà soát kết quả thực hiện từ Hội thảo lần thứ ${n}`, zh: `回顾第${zhNumber}次研讨会以来工作落实情况` },
];

export const demoTranslations: ReadonlyMap<string, DemoTranslation> = new Map<string, DemoTranslation>([
  // Conferences and seminars.
  conferenceTitle(14, "十四"),
  conferenceTitle(15, "十五"),
  conferenceTitle(16, "十六"),
  conferenceTitle(17, "十七"),
  conferenceTitle(18, "十八"),
  seminarTitle(7, "七"),
  seminarTitle(8, "八"),
  seminarTitle(9, "九"),

  // Agenda items of the national series.
  ["Opening remarks by the heads of delegation", { vi: "Phát biểu khai mạc của Trưởng đoàn hai bên", zh: "双方代表团团长致开幕辞" }],
  ["Closing and adoption of the record", { vi: "Bế mạc và thông qua Biên bản hội nghị", zh: "闭幕并通过会议纪要" }],
  reviewSince(14, "十四"),
  reviewSince(15, "十五"),
  reviewSince(16, "十六"),
  reviewSince(17, "十七"),
  [
    "Online, linked between the two headquarters; co-chaired by the anti-smuggling departments of both sides.",
    {
      vi: "Hội nghị tổ chức theo hình thức trực tuyến, kết nối giữa trụ sở hai cơ quan; đơn vị chống buôn lậu của hai bên đồng chủ trì.",
      zh: "会议以视频方式举行，连线双方总部，由双方缉私部门共同主持。",
    },
  ],
  [
    "Mekong Dragon joint operation against drug and wildlife trafficking",
    {
      vi: "Chiến dịch phối hợp Rồng Mê Kông đấu tranh chống buôn lậu ma túy và động vật hoang dã",
      zh: "“湄公龙”联合行动：打击毒品和野生动植物走私",
    },
  ],
  [
    "More than 800 cases across the Asia-Pacific so far.",
    { vi: "Đến nay, chiến dịch đã phát hiện, bắt giữ hơn 800 vụ việc trong khu vực châu Á – Thái Bình Dương.", zh: "截至目前，亚太地区共查获案件800余起。" },
  ],
  [
    "Both sides agree to keep exchanging information and to develop joint cooperation plans.",
    { vi: "Hai bên thống nhất tiếp tục trao đổi thông tin và xây dựng các kế hoạch hợp tác chung.", zh: "双方同意继续开展情报交流，并制定联合合作计划。" },
  ],
  ["Drug and wildlife (CITES) trafficking", { vi: "Buôn lậu ma túy và động vật, thực vật hoang dã (CITES)", zh: "毒品及濒危野生动植物（CITES）走私" }],
  ["Cigarette smuggling", { vi: "Buôn lậu thuốc lá", zh: "卷烟走私" }],
  [
    "Mekong Dragon joint operation: results and next phase",
    { vi: "Chiến dịch phối hợp Rồng Mê Kông: kết quả và giai đoạn tiếp theo", zh: "“湄公龙”联合行动：成果及下一阶段安排" },
  ],
  [
    "Mekong Dragon has led to more than 4,500 cases across the Asia-Pacific.",
    { vi: "Chiến dịch Rồng Mê Kông đã phát hiện, bắt giữ hơn 4.500 vụ việc trong khu vực châu Á – Thái Bình Dương.", zh: "“湄公龙”行动在亚太地区共查获案件4500余起。" },
  ],
  [
    "Both sides keep the campaign going and report each stage jointly to the World Customs Organization.",
    {
      vi: "Hai bên tiếp tục triển khai chiến dịch và cùng báo cáo kết quả từng giai đoạn với Tổ chức Hải quan Thế giới.",
      zh: "双方继续开展该行动，并就每一阶段成果联合向世界海关组织报告。",
    },
  ],
  ["Cigarette smuggling across the land border", { vi: "Buôn lậu thuốc lá qua biên giới đất liền", zh: "陆路边境卷烟走私" }],
  ["Digital customs control for cross-border e-commerce", { vi: "Kiểm soát hải quan số đối với thương mại điện tử xuyên biên giới", zh: "跨境电子商务数字化海关监管" }],
  ["Maritime smuggling", { vi: "Buôn lậu trên biển", zh: "海上走私" }],
  [
    "Signing of the MoU on professional exchanges between technical contact points",
    { vi: "Ký kết Bản ghi nhớ về trao đổi nghiệp vụ giữa các đầu mối kỹ thuật", zh: "签署关于技术联络点业务交流的谅解备忘录" },
  ],

  // Draft actions of the national series (the commitments they became).
  [
    "Keep exchanging information on smuggling routes and methods through the anti-smuggling hotline",
    {
      vi: "Tiếp tục trao đổi thông tin về tuyến đường, phương thức, thủ đoạn buôn lậu qua đường dây nóng chống buôn lậu",
      zh: "继续通过缉私热线交换走私路线和走私手法情报",
    },
  ],
  ["Develop a joint cooperation plan against drug trafficking", { vi: "Xây dựng kế hoạch hợp tác chung đấu tranh chống buôn lậu ma túy", zh: "制定打击毒品走私联合合作计划" }],
  [
    "Share policy changes that help detect fraud on high-risk goods",
    { vi: "Chia sẻ những thay đổi về chính sách giúp phát hiện gian lận đối với hàng hóa có rủi ro cao", zh: "通报有助于发现高风险货物瞒骗行为的政策调整情况" },
  ],
  [
    "Keep the Mekong Dragon campaign going and report each of its stages jointly to the World Customs Organization",
    {
      vi: "Tiếp tục triển khai chiến dịch Rồng Mê Kông và cùng báo cáo kết quả từng giai đoạn với Tổ chức Hải quan Thế giới",
      zh: "继续开展“湄公龙”行动，并就每一阶段成果联合向世界海关组织报告",
    },
  ],
  ["Exchange the names of CITES enforcement contacts at each border gate", { vi: "Trao đổi danh sách đầu mối thực thi CITES tại từng cửa khẩu", zh: "交换各口岸CITES执法联络人名单" }],
  ["Set up a joint working group on cigarette smuggling", { vi: "Thành lập Tổ công tác chung về đấu tranh chống buôn lậu thuốc lá", zh: "成立打击卷烟走私联合工作组" }],
  [
    "Pilot the exchange of risk profiles for cross-border e-commerce parcels",
    { vi: "Thí điểm trao đổi hồ sơ rủi ro đối với bưu kiện thương mại điện tử xuyên biên giới", zh: "试点交换跨境电商寄递包裹风险特征信息" },
  ],
  [
    "Exchange information on high-risk consignments every month through the technical contact points",
    { vi: "Hằng tháng trao đổi thông tin về các lô hàng có rủi ro cao qua các đầu mối kỹ thuật", zh: "每月通过技术联络点交换高风险货物情报" },
  ],
  [
    "Share findings on the use of AI against customs fraud",
    { vi: "Chia sẻ kết quả nghiên cứu ứng dụng trí tuệ nhân tạo trong phòng, chống gian lận hải quan", zh: "分享运用人工智能打击海关瞒骗行为的研究成果" },
  ],
  [
    "Propose extending cooperation to border localities with high smuggling risk",
    { vi: "Đề xuất mở rộng hợp tác tới các địa phương biên giới có nguy cơ buôn lậu cao", zh: "提出将合作扩大至走私风险较高的边境地区" },
  ],

  // The "two countries, four agencies" seminars.
  ["Opening", { vi: "Khai mạc", zh: "开幕" }],
  ["Smuggling risks at land border gates", { vi: "Rủi ro buôn lậu tại các cửa khẩu đường bộ", zh: "陆路口岸走私风险" }],
  seminarReview(7, "七"),
  seminarReview(8, "八"),
  ["Signing of the cooperation agreement of the four agencies", { vi: "Ký kết Thỏa thuận hợp tác của bốn đơn vị", zh: "签署四方合作协议" }],
  [
    "Hold joint patrols at the Hữu Nghị – Youyiguan border gate every quarter",
    { vi: "Hằng quý tổ chức tuần tra chung tại cặp cửa khẩu Hữu Nghị – Hữu Nghị Quan", zh: "每季度在友谊关—友谊口岸开展联合巡查" },
  ],
  [
    "Set up a joint hotline between the four agencies' duty offices",
    { vi: "Thiết lập đường dây nóng chung giữa bộ phận trực ban của bốn đơn vị", zh: "建立四方值班室联合热线" },
  ],
  ["Exchange monthly seizure statistics at land border gates", { vi: "Hằng tháng trao đổi số liệu bắt giữ tại các cửa khẩu đường bộ", zh: "按月交换陆路口岸查获统计数据" }],
  [
    "Share alerts on maritime smuggling near Móng Cái – Dongxing within 24 hours",
    { vi: "Chia sẻ cảnh báo buôn lậu trên biển khu vực Móng Cái – Đông Hưng trong vòng 24 giờ", zh: "在24小时内通报东兴—芒街附近海域走私预警信息" },
  ],

  // Agreements and their clauses.
  [
    "Memorandum of Understanding on professional exchanges between technical contact points",
    { vi: "Bản ghi nhớ về trao đổi nghiệp vụ giữa các đầu mối kỹ thuật", zh: "关于技术联络点业务交流的谅解备忘录" },
  ],
  [
    "Each Party designates technical contact points for risk management, laboratory analysis and digital customs control, and informs the other Party of any change within 30 days.",
    {
      vi: "Mỗi Bên chỉ định các đầu mối kỹ thuật về quản lý rủi ro, phân tích, giám định và kiểm soát hải quan số, và thông báo cho Bên kia mọi thay đổi trong thời hạn 30 ngày.",
      zh: "双方各自指定风险管理、实验室化验和数字化海关监管技术联络点，如有变更，应于30日内通知对方。",
    },
  ],
  [
    "The Parties exchange professional staff for study visits at least once a year.",
    { vi: "Hai Bên cử cán bộ chuyên môn đi khảo sát, trao đổi kinh nghiệm ít nhất mỗi năm một lần.", zh: "双方每年至少互派一次业务人员开展考察交流。" },
  ],
  [
    "The Parties review the implementation of this Memorandum at each conference of the series.",
    { vi: "Hai Bên rà soát việc thực hiện Bản ghi nhớ này tại mỗi kỳ Hội nghị.", zh: "双方在每次会议上回顾本备忘录的执行情况。" },
  ],
  [
    "Cooperation agreement of the four customs agencies on the land and sea border",
    { vi: "Thỏa thuận hợp tác của bốn đơn vị hải quan trên tuyến biên giới đất liền và trên biển", zh: "四方海关陆海边境合作协议" },
  ],
  [
    "The agencies meet in a seminar every year, in turn in each province and in Nanning.",
    { vi: "Các đơn vị tổ chức hội thảo hằng năm, luân phiên tại từng tỉnh và tại Nam Ninh.", zh: "四方每年举行一次研讨会，轮流在越方各省和南宁举办。" },
  ],
  [
    "The agencies share smuggling alerts at border gates within 24 hours.",
    { vi: "Các đơn vị chia sẻ cảnh báo buôn lậu tại các cửa khẩu trong vòng 24 giờ.", zh: "四方在24小时内相互通报口岸走私预警信息。" },
  ],

  // Progress notes of the delegates.
  ["Hotline in daily use.", { vi: "Đường dây nóng được sử dụng hằng ngày.", zh: "热线已投入日常使用。" }],
  ["Plan approved on our side.", { vi: "Phía Việt Nam đã phê duyệt kế hoạch.", zh: "越方已批准该计划。" }],
  ["Plan signed.", { vi: "Kế hoạch đã được ký.", zh: "计划已签署。" }],
  ["List of contacts sent for all 12 gates.", { vi: "Đã gửi danh sách đầu mối liên hệ của cả 12 cửa khẩu.", zh: "已报送全部12个口岸的联络人名单。" }],
  ["Quarterly summary.", { vi: "Số liệu tổng hợp quý.", zh: "季度汇总。" }],
  ["Stage 2 results compiled.", { vi: "Đã tổng hợp kết quả giai đoạn 2.", zh: "第二阶段成果已汇总。" }],
  [
    "Waiting for the new risk-management regulation to be published.",
    { vi: "Đang chờ ban hành quy định mới về quản lý rủi ro.", zh: "等待新的风险管理规定发布。" },
  ],
  ["Half-year figure.", { vi: "Số liệu 6 tháng.", zh: "半年数据。" }],
  ["Stage 3.", { vi: "Giai đoạn 3.", zh: "第三阶段。" }],
  ["Exchange between 2019 and July 2024.", { vi: "Số liệu trao đổi từ năm 2019 đến tháng 7/2024.", zh: "2019年至2024年7月交换情况。" }],
  ["Terms of reference drafted.", { vi: "Đã dự thảo quy chế hoạt động của Tổ công tác.", zh: "工作组职责范围已起草。" }],
  ["Stage 4.", { vi: "Giai đoạn 4.", zh: "第四阶段。" }],
  ["Mid-year figure.", { vi: "Số liệu 6 tháng đầu năm.", zh: "上半年数据。" }],
  ["Vietnam's stage report sent to the WCO.", { vi: "Phía Việt Nam đã gửi báo cáo giai đoạn tới Tổ chức Hải quan Thế giới.", zh: "越方阶段报告已提交世界海关组织。" }],
  ["First two monthly exchanges done.", { vi: "Đã thực hiện hai đợt trao đổi hằng tháng đầu tiên.", zh: "已完成前两次月度交换。" }],
  ["First joint patrol held.", { vi: "Đã tổ chức đợt tuần tra chung đầu tiên.", zh: "已开展首次联合巡查。" }],
  ["Third joint patrol.", { vi: "Đợt tuần tra chung thứ ba.", zh: "第三次联合巡查。" }],
  ["Monthly tables sent since January.", { vi: "Đã gửi bảng số liệu hằng tháng từ tháng 1.", zh: "自1月起按月报送统计表。" }],
  ["Nanning tables sent.", { vi: "Hải quan Nam Ninh đã gửi bảng số liệu.", zh: "南宁海关统计表已报送。" }],
  ["Quảng Ninh line connected.", { vi: "Đã kết nối đường dây của Hải quan Quảng Ninh.", zh: "广宁海关线路已接通。" }],
  ["Lạng Sơn line connected.", { vi: "Đã kết nối đường dây của Hải quan Lạng Sơn.", zh: "谅山海关线路已接通。" }],
  ["Nanning line connected.", { vi: "Đã kết nối đường dây của Hải quan Nam Ninh.", zh: "南宁海关线路已接通。" }],
  [
    "Vietnam's contact points notified to GACC.",
    { vi: "Phía Việt Nam đã thông báo danh sách đầu mối cho Tổng cục Hải quan Trung Quốc.", zh: "越方已向海关总署通报联络点。" },
  ],
  ["GACC contact points notified.", { vi: "Tổng cục Hải quan Trung Quốc đã thông báo danh sách đầu mối.", zh: "海关总署已通报联络点。" }],
  [
    "First study visit of Vietnamese staff to Nanning held.",
    { vi: "Đã tổ chức đợt khảo sát, trao đổi kinh nghiệm đầu tiên của cán bộ Việt Nam tại Nam Ninh.", zh: "越方业务人员首次赴南宁考察交流已完成。" },
  ],
  ["Sixth joint patrol.", { vi: "Đợt tuần tra chung thứ sáu.", zh: "第六次联合巡查。" }],
  // A commitment dropped at a review: the conference's note is the reason.
  [
    "Replaced by the monthly exchange agreed at this conference.",
    { vi: "Được thay thế bằng cơ chế trao đổi hằng tháng đã thống nhất tại Hội nghị này.", zh: "已由本次会议商定的按月交换机制取代。" },
  ],
]);

/** The Vietnamese and Chinese of a demo text; a demo text without them is a mistake in the demo. */
export function demoTranslation(english: string): DemoTranslation {
  const found = demoTranslations.get(english);
  if (!found) throw new Error(`demo data: no Vietnamese and Chinese text for "${english}"`);
  return found;
}
