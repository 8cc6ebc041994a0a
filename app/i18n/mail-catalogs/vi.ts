import type { MailCatalog } from "./en";

export const viMail: MailCatalog = {
  invite: {
    mail: {
      subject: "{{inviter}} mời quý vị tham gia Accord",
      intro: "{{inviter}} đã mời quý vị tham gia Accord, nơi các đoàn đại biểu của một cơ chế hợp tác cùng chuẩn bị hội nghị và theo dõi việc thực hiện những nội dung đã thống nhất.",
      action: "Để thiết lập tài khoản ({{email}}), vui lòng mở đường liên kết sau và chọn mật khẩu:",
      button: "Thiết lập tài khoản",
      expires: "Đường liên kết chỉ sử dụng được một lần, đến hết ngày {{expires}}.",
      notExpected: "Nếu quý vị không chờ đợi lời mời này, xin bỏ qua email này: không có tài khoản nào được tạo nếu quý vị không thực hiện.",
      footer: "Quý vị nhận được email này vì một quản trị viên của Accord đã mời {{email}}.",
    },
  },
  notify: {
    mail: {
      stop: "Ngừng nhận loại thư này (“{{kind}}”) chỉ với một lần nhấn",
      stopDigest: "Ngừng nhận bản tổng hợp hằng ngày chỉ với một lần nhấn",
      greeting: "Kính gửi {{name}},",
      open: "Mở trong Accord",
      footer: "Bạn nhận được thư này vì bạn tham gia {{series}} trên Accord.",
      footerGeneric: "Bạn nhận được thư này vì bạn sử dụng Accord.",
      preferences: "Thay đổi những thông báo được gửi qua thư điện tử",
      digestSubject_one: "Accord: {{count}} thông báo trong bản tổng hợp hằng ngày",
      digestSubject_other: "Accord: {{count}} thông báo trong bản tổng hợp hằng ngày",
      digestIntro: "Sau đây là những việc đã diễn ra kể từ bản tổng hợp trước:",
    },
  },
};
