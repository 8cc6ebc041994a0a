import type { MailCatalog } from "./en";

export const zhMail: MailCatalog = {
  invite: {
    mail: {
      subject: "{{inviter}}邀请您使用 Accord",
      intro: "{{inviter}}邀请您使用 Accord。各合作机制的代表团在此共同筹备会议，并跟踪已商定事项的落实情况。",
      action: "请打开以下链接并设置密码，以开通您的账户（{{email}}）：",
      button: "开通账户",
      expires: "该链接仅可使用一次，有效期至{{expires}}。",
      notExpected: "如您并未期待此邀请，请忽略本邮件：未经您本人操作，不会开通任何账户。",
      footer: "您收到本邮件，是因为 Accord 的管理员邀请了 {{email}}。",
    },
  },
  notify: {
    mail: {
      stop: "一键停止接收此类邮件（“{{kind}}”）",
      stopDigest: "一键停止接收每日汇总",
      greeting: "{{name}}，您好：",
      open: "在Accord中查看",
      footer: "您收到此邮件，是因为您参与了Accord中的{{series}}。",
      footerGeneric: "您收到此邮件，是因为您使用Accord。",
      preferences: "更改通过电子邮件接收的通知",
      digestSubject_one: "Accord：每日汇总中有{{count}}条通知",
      digestSubject_other: "Accord：每日汇总中有{{count}}条通知",
      digestIntro: "自上次汇总以来的最新情况如下：",
    },
  },
};
