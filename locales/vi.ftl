## Common
error-try-again = Xin lỗi, đã có lỗi. Vui lòng thử lại sau. Mã tham chiếu: {$ref}
cancelled = Đã huỷ. Đồng chí có thể bắt đầu lại bất cứ lúc nào.
nothing-to-cancel = Không có việc gì đang dở để huỷ.
conversation-conflict = Câu trả lời này đến cùng lúc với một câu trả lời khác nên chưa được lưu; câu trả lời kia đã được ghi nhận. Xin xem lại câu hỏi đang chờ và trả lời lại nếu cần.
not-linked = Tài khoản Telegram này chưa được liên kết với hồ sơ đảng viên nào. Hãy mở đường dẫn mời mà bí thư chi bộ đã gửi.
not-allowed = Đồng chí không có quyền làm việc này.
button-stale = Nút này đã cũ hoặc không hợp lệ.
group-not-supported = Xin hãy nhắn riêng cho bot; trong nhóm bot chỉ đăng thông báo.
fallback-linked = Tôi chưa hiểu tin nhắn này. Gõ /help để xem đồng chí có thể làm gì.

## Commands menu
cmd-start = Bắt đầu, tham gia bằng mã mời
cmd-help = Các việc có thể làm
cmd-schedule = Lên lịch họp (bí thư)
cmd-settings = Cài đặt ngôn ngữ
cmd-cancel = Huỷ việc đang làm
cmd-requests = Yêu cầu tham gia đang chờ duyệt
cmd-members = Danh sách chi bộ
cmd-calendar = Đường dẫn lịch họp của chi bộ

## Onboarding
start-no-code = Xin chào! Đây là bot nhắc lịch sinh hoạt chi bộ. Để tham gia, hãy mở đường dẫn mời mà bí thư chi bộ đã gửi.
start-welcome-back = Chào {$name}, tài khoản của đồng chí đã được liên kết. Gõ /help để xem đồng chí có thể làm gì.
start-bad-code = Mã mời không hợp lệ. Hãy kiểm tra lại đường dẫn bí thư đã gửi.
start-wrong-bot = Lời mời này là của { $org }, chi bộ nhận tin qua bot của tỉnh mình. Hãy mở đường dẫn này để tham gia qua đúng bot:
    { $link }
start-unknown-code = Không tìm thấy mã mời này. Hãy xin bí thư một đường dẫn mời mới.
start-expired-code = Mã mời này đã hết hạn. Hãy xin bí thư một đường dẫn mời mới.
start-used-up-code = Mã mời này đã được dùng hết số lượt. Hãy xin bí thư một đường dẫn mời mới.
start-already-linked-other = Tài khoản này đã được liên kết với hồ sơ {$name}. Nếu có nhầm lẫn, hãy báo bí thư chi bộ.
join-greeting = Xin chào {$name}! Đồng chí được mời tham gia {$org}.
join-ask-contact = Để xác nhận đồng chí có trong danh sách, hãy bấm nút «Chia sẻ số điện thoại» bên dưới. Nếu không muốn chia sẻ, bấm «Nhập họ tên» và gõ họ tên đầy đủ.
join-button-contact = 📱 Chia sẻ số điện thoại
join-button-type-name = ✍️ Nhập họ tên
join-ask-name = Hãy gõ họ và tên đầy đủ của đồng chí (như trong danh sách chi bộ).
join-name-invalid = Họ tên cần có từ 2 đến 100 ký tự. Hãy gõ lại họ và tên đầy đủ.
join-contact-not-own = Đây không phải số điện thoại của chính đồng chí. Hãy dùng nút «Chia sẻ số điện thoại» để gửi số của mình.
join-expect-contact-or-name = Tôi cần số điện thoại (bằng nút bên dưới) hoặc họ tên của đồng chí.
join-linked = Đã liên kết! Chào mừng {$name} đến với {$org}. Đồng chí sẽ nhận thông báo và nhắc lịch sinh hoạt tại đây. Gõ /help để xem đồng chí có thể làm gì.
join-already-linked = Tài khoản này đã được liên kết với hồ sơ {$name} rồi.
join-pending = Cảm ơn đồng chí. Yêu cầu tham gia {$org} đã được gửi tới bí thư để duyệt. Đồng chí sẽ nhận được tin nhắn khi có kết quả.
join-used-up = Mã mời này vừa hết lượt dùng. Hãy xin bí thư một đường dẫn mời mới.
join-approved = Bí thư đã duyệt: tài khoản của đồng chí được liên kết với hồ sơ {$name} trong {$org}. Gõ /help để xem đồng chí có thể làm gì.
join-rejected = Yêu cầu tham gia {$org} chưa được chấp nhận. Nếu có nhầm lẫn, hãy liên hệ bí thư chi bộ.

## Join requests (secretary side)
request-new = Yêu cầu tham gia {$org} từ {$telegram}:
request-reason-typed_name = Gõ họ tên: «{$typed}».
request-reason-typed_phone = Gõ số điện thoại: {$phone}.
request-reason-no_match = Chia sẻ số {$phone}, không có trong danh sách.
request-reason-phone_linked_elsewhere = Số {$phone} đã được liên kết với một tài khoản Telegram khác. Duyệt sẽ chuyển liên kết sang tài khoản mới.
request-candidate = Khớp với hồ sơ: {$name}.
request-no-candidate = Không khớp hồ sơ nào: hãy thêm người này vào danh sách (nhập lại tệp CSV) rồi mời lại, hoặc từ chối.
request-approve = ✅ Duyệt
request-reject = ❌ Từ chối
request-approved-by = ✅ Đã duyệt: liên kết với {$name}.
request-rejected-by = ❌ Đã từ chối.
request-already-decided = Yêu cầu này đã được xử lý rồi.
request-not-found = Không tìm thấy yêu cầu này.
request-cannot-approve = Không thể duyệt vì không khớp hồ sơ nào trong danh sách.
requests-none = Không có yêu cầu tham gia nào đang chờ.
requests-header = { $count ->
   *[other] Có {$count} yêu cầu tham gia đang chờ duyệt:
}

## Members list in chat
members-header = {$org}: {$count} đảng viên, {$linked} đã liên kết Telegram.
members-line = {$mark} {$name} ({$role}, {$status})
members-none = Đồng chí không phụ trách chi bộ nào.

## Help
help-intro = Đồng chí có thể dùng các lệnh sau:
help-unlinked = Tài khoản này chưa được liên kết. Hãy mở đường dẫn mời mà bí thư chi bộ đã gửi.
help-member = /help – xem hướng dẫn này
    /me (/toi) – kết quả sinh hoạt của tôi trong năm và nhiệm vụ chưa xong
    /calendar – đường dẫn lịch họp của chi bộ
    /settings – chọn ngôn ngữ
    /cancel – huỷ việc đang làm
help-secretary = /schedule (/laplich) – lên lịch, dời, huỷ cuộc họp; đặt lịch thường kỳ
    /attendance (/diemdanh) – điểm danh, kiểm tra quy định, chấm điểm, biên bản
    /resolution (/nghiquyet) – ghi kết luận, biểu quyết, giao nhiệm vụ; dời hạn, rút nhiệm vụ
    /dangphi – đánh dấu tháng chưa đóng đảng phí
    /export – xuất sổ theo dõi sinh hoạt (Excel)
    /linkgroup – (gõ trong nhóm Telegram của chi bộ) đăng thông báo họp vào nhóm
    /requests – duyệt yêu cầu tham gia chi bộ
    /members – xem danh sách chi bộ và ai đã liên kết
help-committee = /export – xuất sổ theo dõi sinh hoạt của các chi bộ mình phụ trách
    /requests – duyệt yêu cầu tham gia tổ chức mình phụ trách
    /members – xem danh sách tổ chức mình phụ trách
    /report – báo cáo tình hình sinh hoạt, xem xuống từng đơn vị
    /assign – phân công cấp uỷ viên theo dõi một chi bộ; /following – các chi bộ đang theo dõi
    /broadcast – gửi thông báo, tài liệu hoặc định hướng chuyên đề xuống các chi bộ; /broadcasts – số đã gửi, đã đọc

## Settings
settings-language = Chọn ngôn ngữ:
settings-language-saved = Đã chuyển sang tiếng Việt.
settings-need-link = Chỉ lưu được cài đặt sau khi tham gia. Hiện tại bot dùng ngôn ngữ của ứng dụng Telegram.

## Labels
role-member = đảng viên
role-secretary = bí thư
role-deputy = phó bí thư
role-committee = cấp uỷ viên
status-official = chính thức
status-probationary = dự bị
status-exempt = miễn sinh hoạt
status-transferred = sinh hoạt tạm thời nơi khác

## Operator CLI
cli-usage = Cách dùng: chibo <lệnh>
    start                                   chạy bot (long polling; cần BOT_TOKEN)
    demo                                    chạy bản trình diễn trên máy chủ Telegram giả lập
    import <orgs.csv> <members.csv> [--dry-run]
                                            nạp cây tổ chức và danh sách đảng viên
    invite <MÃ_TỔ_CHỨC> [--person <số điện thoại>] [--expires 14d] [--max-uses N]
                                            tạo đường dẫn mời
    members <MÃ_TỔ_CHỨC> [--json]           danh sách đảng viên và trạng thái liên kết
    member add|move|attach|status|end|history ...
                                            ghi một thay đổi sinh hoạt của một người, hoặc xem lịch sử (chibo member help)
    schedule <MÃ_CHI_BỘ> --at <thời điểm ISO> --kind regular|thematic|combined --place ... [--topic ...] [--minutes 90] [--document "Tên | https://..."]
                                            lên lịch một cuộc họp và gửi thông báo
    meetings <MÃ_TỔ_CHỨC> [--json]          các cuộc họp và số người trả lời
    tick [--at <thời điểm ISO>]             làm mọi việc đến hạn lúc đó (nhắc lịch, tóm tắt...) và gửi hết hàng đợi
    settings <MÃ_TỔ_CHỨC> [khoá=giá_trị ...]  xem và đặt cài đặt (giờ nghỉ, nhắc lịch, định hướng chuyên đề...), kế thừa xuống cây
    attendance <MÃ_CUỘC_HỌP> --present <số,...> --excused <số,...> --unexcused <số,...> [--late <số,...>] [--start ISO] [--end ISO]
                                            ghi nhận điểm danh
    export attendance <MÃ_TỔ_CHỨC> --year 2026 --out tep.xlsx|tep.csv
                                            xuất sổ theo dõi sinh hoạt, mỗi chi bộ một trang
    dues <MÃ_CHI_BỘ> <số điện thoại> <YYYY-MM>  đánh dấu tháng chưa đóng đảng phí
    digest <MÃ_TỔ_CHỨC> [--at <thời điểm ISO>] [--json]
                                            báo cáo tuần của cấp uỷ cho cả cây bên dưới
    resolutions <MÃ_TỔ_CHỨC> [--json]       nhiệm vụ theo nghị quyết của từng đơn vị trực thuộc: đúng hạn, trễ hạn, đang làm; chi bộ họp không ghi kết luận
    assign <MÃ_CHI_BỘ> <số điện thoại> [--remove]
                                            phân công (hoặc thôi) theo dõi chi bộ
    follows <MÃ_TỔ_CHỨC> [--json]           ai đang theo dõi chi bộ nào
    broadcast <MÃ_TỔ_CHỨC> --kind notice|document|orientation --audience secretaries|members ...
                                            gửi xuống mọi chi bộ bên dưới
    broadcasts <MÃ_TỔ_CHỨC> [--json]        các lần gửi, số đã gửi và đã đọc
    person export <số điện thoại> [--out tep.json]
                                            mọi dữ liệu về một người, dạng JSON
    person forget <số điện thoại> [--yes]   xoá dữ liệu cá nhân của một người, giữ số liệu ẩn danh
    outbox [--since 24h|7d|<giờ ISO>] [--json]
                                            tin đã gửi, tin lỗi và lý do, tin còn chờ
    calendar <MÃ_CHI_BỘ> [--revoke]        đường dẫn lịch riêng của chi bộ; --revoke thu hồi đường dẫn cũ và cấp đường dẫn mới
    doctor                                  kiểm tra cấu hình, cơ sở dữ liệu, migration, token và webhook
    Mọi lệnh (trừ start, demo, doctor) nhận --now <thời điểm ISO có múi giờ, vd. 2026-12-05T19:30+07:00> để chạy như ở thời điểm đó.
cli-unknown-command = Không có lệnh «{$command}».
cli-failed = Không làm được: {$detail}
cli-file-error = Không ghi/đọc được {$path}: {$reason}.
cli-file-EISDIR = đó là một thư mục, hãy ghi tên tệp
cli-file-ENOENT = thư mục chứa nó không tồn tại
cli-file-ENOTDIR = một phần của đường dẫn không phải là thư mục
cli-file-EACCES = không có quyền
cli-file-EPERM = không có quyền
cli-file-EROFS = ổ đĩa chỉ cho đọc
cli-file-ENOSPC = ổ đĩa đã đầy
cli-file-other = lỗi {$code}
cli-database-missing = Chưa có cơ sở dữ liệu {$file}. Nạp danh sách trước bằng `npx chibo import orgs.csv members.csv` (lệnh này tạo nó), hoặc kiểm tra lại DATABASE_URL.
cli-database-unusable = Không mở được cơ sở dữ liệu {$url}: {$detail}. Kiểm tra DATABASE_URL, máy chủ PostgreSQL, hoặc quyền trên tệp.
cli-polling-conflict = Bot này đang chạy ở một nơi khác (Telegram báo 409: chỉ một tiến trình được nhận tin bằng long polling). Dừng tiến trình kia, hoặc chạy nhiều tiến trình ở chế độ webhook (BOT_MODE=webhook).
cli-calendar-off = Lịch dùng chung chưa được bật: cần PUBLIC_URL và CHIBO_SECRET.
cli-calendar-revoked = Đã thu hồi đường dẫn lịch cũ của {$org}: mọi đường dẫn trước đây không còn dùng được. Đường dẫn mới (đảng viên lấy lại bằng /calendar):
cli-bad-arguments = Tham số không đúng: {$detail}
cli-config-invalid = Cấu hình không hợp lệ:
cli-missing-token = Chưa có BOT_TOKEN. Hãy tạo bot với @BotFather, rồi chạy: BOT_TOKEN=<token> npx chibo start (hoặc chạy thử không cần token: npm run demo).
cli-token-rejected = Telegram từ chối BOT_TOKEN ({$detail}). Hãy kiểm tra lại token từ @BotFather.
cli-api-unreachable = Không kết nối được tới máy chủ Bot API {$root} ({$detail}). Kiểm tra mạng hoặc TELEGRAM_API_ROOT.
cli-token-other = Không kiểm tra được BOT_TOKEN: {$detail}
cli-started = Bot @{$username} đang chạy (long polling). Nhấn Ctrl+C để dừng.
cli-stopping = Đang dừng...
cli-org-not-found = Không có tổ chức mã {$code}.
cli-person-not-found = Không có người có số {$phone} trong {$code}.
cli-phone-invalid = «{$phone}» không phải là số điện thoại.
cli-duration-invalid = Thời hạn «{$value}» không hợp lệ (ví dụ: 14d, 36h, 90m).
cli-need-username = Cần tên bot để tạo đường dẫn: đặt BOT_TOKEN (bot sẽ tự hỏi Telegram) hoặc BOT_USERNAME.
cli-bots-org-missing = TELEGRAM_BOTS_FILE: không có tổ chức mã { $code } trong cơ sở dữ liệu (chưa nhập, hay gõ nhầm?). Bot của nó chưa nói thay cho ai.
cli-invite-created = Đường dẫn mời vào {$org}{$person}, hiệu lực đến {$expires} ({$zone}) (tối đa {$uses} lượt):
cli-invite-person = {" "}dành riêng cho {$name}
cli-invite-code = Mã (nếu không bấm được đường dẫn, gửi cho bot: /start {$code})
cli-import-problems = { $count ->
   *[other] Có {$count} lỗi; không có gì được ghi:
}
cli-import-problem = {$file}:{$line}: {$reason}
cli-import-dry-run = Chạy thử (--dry-run): không có gì được ghi.
cli-import-summary = {$what}: tạo mới {$created}, cập nhật {$updated}, không đổi {$unchanged}
cli-import-orgs = Tổ chức
cli-import-people = Người
cli-import-memberships = Tư cách đảng viên
cli-progress-validated = … đã kiểm tra {$done}/{$total} dòng
cli-progress-people = … đã ghi {$done}/{$total} người
cli-progress-memberships = … đã ghi {$done}/{$total} tư cách đảng viên
cli-members-header = {$org} ({$code}): {$count} người, {$linked} đã liên kết
cli-members-line = {$linked} {$name}  {$phone}  {$role}  {$status}
cli-members-linked = [đã liên kết]
cli-members-unlinked = [chưa liên kết]

## Doctor
# `chibo doctor` and webhook mode. Each check prints one line after ✅, ⚠️ or ❌.
doctor-started-webhook = Bot @{$username} đang chạy (webhook {$url}). Gửi SIGTERM hoặc nhấn Ctrl+C để dừng.
doctor-title = Kiểm tra cấu hình, cơ sở dữ liệu và kết nối Telegram của chibo:
doctor-config-ok = Cấu hình hợp lệ (chế độ nhận tin: {$mode}).
doctor-config-bad = Cấu hình không hợp lệ; hãy sửa các biến môi trường sau rồi chạy lại:
doctor-sqlite-missing = Chưa có tệp cơ sở dữ liệu {$file}: lệnh `npx chibo import orgs.csv members.csv` sẽ tạo nó (các lệnh khác thì không).
doctor-database-ok = Kết nối được cơ sở dữ liệu ({$provider}).
doctor-database-bad = Không kết nối được cơ sở dữ liệu ({$provider}): {$detail}. Hãy kiểm tra DATABASE_URL và máy chủ cơ sở dữ liệu.
doctor-migrations-ok = Cấu trúc cơ sở dữ liệu đã cập nhật ({$count} migration đã áp dụng).
doctor-migrations-pending = Còn {$count} migration chưa áp dụng ({$names}). `chibo start` sẽ áp dụng chúng khi khởi động; hãy sao lưu cơ sở dữ liệu trước.
doctor-token-missing = Chưa có BOT_TOKEN: bot không nhận được tin Telegram. Hãy tạo bot với @BotFather và đặt BOT_TOKEN.
doctor-token-ok = BOT_TOKEN hợp lệ: bot @{$username}.
doctor-webhook-unknown = Không hỏi được Telegram về webhook: {$detail}
doctor-polling-ok = Không có webhook nào: long polling sẽ nhận được tin.
doctor-polling-webhook-set = Telegram đang gửi tin tới webhook {$url} trong khi BOT_MODE=polling. `chibo start` sẽ xoá webhook đó; nếu một máy khác đang chạy bằng webhook, máy đó sẽ không nhận được tin nữa.
doctor-webhook-ok = Webhook đã đăng ký đúng địa chỉ {$url}; {$pending} tin đang chờ gửi tới.
doctor-webhook-not-set = Telegram chưa có webhook; `chibo start` sẽ đăng ký {$url}.
doctor-webhook-other-url = Telegram đang gửi tin tới {$actual}, không phải WEBHOOK_URL ({$url}): tin đang đi nơi khác. Chạy `chibo start` để đăng ký lại, hoặc sửa WEBHOOK_URL.
doctor-webhook-last-error = Lần gần nhất Telegram gửi tới webhook bị lỗi ({$when}): {$error}. Hãy kiểm tra reverse proxy, chứng chỉ TLS và WEBHOOK_SECRET.
doctor-all-good = Mọi thứ đều ổn.
doctor-problems = { $count ->
    [one] Có 1 vấn đề cần sửa.
   *[other] Có {$count} vấn đề cần sửa.
}

## Demo
demo-title = Bản trình diễn chibo: một tỉnh nhỏ, hai xã/phường, ba chi bộ, {$people} người.
demo-refuses-file = {$url} đã có dữ liệu không phải của bản trình diễn: bản trình diễn không ghi đè lên nó. Hãy chọn một tệp khác với --database (hoặc tự xoá tệp này nếu chắc chắn không cần).
demo-refuses-postgres = Bản trình diễn chỉ chạy trên một cơ sở dữ liệu PostgreSQL trống, và {$url} đã có bảng: nó không ghi đè lên đó. Hãy tạo một cơ sở dữ liệu trống cho bản trình diễn.
demo-database = Cơ sở dữ liệu của bản trình diễn: {$url} (tạo mới mỗi lần chạy).
demo-server = Máy chủ Telegram giả lập: {$url}
demo-imported = Đã nạp {$orgs} tổ chức và {$people} người từ {$files}.
demo-step = ── {$text}
demo-user-says = 👤 {$name}: {$text}
demo-user-contact = 👤 {$name}: [chia sẻ số điện thoại {$phone}]
demo-user-taps = 👤 {$name}: [bấm «{$button}»]
demo-bot-says = 🤖 → {$name}: {$text}
demo-bot-edits = 🤖 ✎ {$name} (tin nhắn được sửa): {$text}
demo-bot-buttons = {"   "}[{$buttons}]
demo-bot-keyboard = {"   "}bàn phím: [{$buttons}]
demo-done = Xong: {$meetings} cuộc họp, {$sent} tin đã gửi qua hàng đợi. Chạy `npx chibo meetings TSH` hoặc `npx chibo members AB01` với DATABASE_URL={$url} để xem.
demo-joined = {$linked}/{$people} người đã liên kết, {$pending} yêu cầu đang chờ.
demo-clock = 🕒 {$when} (giờ Việt Nam)
demo-s-schedule = Bí thư lên lịch họp tháng 12 (gõ nhầm ngày 31/11 và thời lượng 60 phút, bot nhắc lại).
demo-s-answers = Đảng viên trả lời: tham dự, vắng có lý do, đề xuất nội dung; một người im lặng.
demo-s-reminders = Những ngày sau: nhắc lịch người chưa trả lời, tóm tắt tối hôm trước cho bí thư, nhắc lần cuối cho mọi người.
demo-s-secretary = Bí thư chi bộ thôn Đông mở đường dẫn mời riêng mà văn phòng gửi.
demo-s-member-contact = Một đảng viên mở đường dẫn mời của chi bộ và chia sẻ số điện thoại.
demo-s-member-english = Một đảng viên dùng Telegram tiếng Anh tham gia.
demo-s-member-typed = Một đảng viên không muốn chia sẻ số, gõ họ tên; bí thư duyệt.
demo-s-wrong-contact = Một đảng viên gửi nhầm số của người khác, rồi gửi số của mình.
demo-s-stranger = Một người lạ có đường dẫn nhưng không có trong danh sách; bí thư từ chối.
demo-s-bad-codes = Mã mời sai và mã đã hết hạn.
demo-s-help = Mỗi người xem /help theo vai trò của mình; bí thư xem /members.
demo-s-settings = Đảng viên đổi ngôn ngữ bằng /settings.
demo-s-secretary-2 = Bí thư hai chi bộ còn lại và cấp uỷ xã tham gia bằng đường dẫn riêng.

## Guided questions (shared)
ask-type-answer = Xin hãy gõ câu trả lời (hoặc /cancel để dừng).
ask-use-buttons = Xin hãy chọn một nút bên dưới (hoặc /cancel để dừng).

## Meetings: how a meeting reads
weekday-0 = Chủ nhật
weekday-1 = Thứ Hai
weekday-2 = Thứ Ba
weekday-3 = Thứ Tư
weekday-4 = Thứ Năm
weekday-5 = Thứ Sáu
weekday-6 = Thứ Bảy
meeting-when = {$time}, {$weekday} {$date}
meeting-kind-regular = Sinh hoạt thường kỳ tháng {$month}
meeting-kind-thematic = Sinh hoạt chuyên đề
meeting-kind-combined = Sinh hoạt thường kỳ tháng {$month} kết hợp chuyên đề
meeting-line-what = Nội dung: {$what}
meeting-line-when = Thời gian: {$when} ({$minutes} phút)
meeting-line-where = Địa điểm: {$place}
meeting-line-topic = Chuyên đề: {$topic}
meeting-line-agenda = Chương trình: {$agenda}
meeting-line-documents = Tài liệu:
meeting-line-no-documents = Tài liệu: chưa có.

## Meetings: notices and answers
notice-title = 📅 THÔNG BÁO SINH HOẠT CHI BỘ
notice-ask = Xin đồng chí xác nhận có tham dự hay không bằng một trong các lựa chọn dưới đây.
notice-attend = ✅ Tham dự
notice-absent = ❌ Vắng (có lý do)
notice-read = 📖 Đã đọc nội dung
notice-propose = 💡 Đề xuất nội dung
notice-calendar = 📅 Thêm vào lịch
calendar-caption = Mở tệp này để thêm cuộc họp vào lịch của đồng chí.
answer-attend-recorded = ✅ Đã ghi nhận: đồng chí tham dự.
answer-absent-recorded = Đã ghi nhận: đồng chí vắng ({$reason}). Bí thư sẽ được báo.
answer-read-recorded = 📖 Đã ghi nhận: đồng chí đã đọc nội dung.
absence-ask-reason = Lý do vắng mặt?
absence-reason-work = Công tác
absence-reason-illness = Ốm đau
absence-reason-travel = Đi xa
absence-reason-family = Việc gia đình
absence-reason-other = Lý do khác
absence-ask-note = Đồng chí có muốn ghi thêm vài chữ không? Gõ vào đây, hoặc bấm «Bỏ qua».
absence-to-secretary = {$name} báo vắng cuộc họp {$when}: {$reason}{ $hasNote ->
    [yes] {" "}– «{$note}»
   *[no] {""}
}.
meeting-not-member = Đồng chí không thuộc chi bộ của cuộc họp này.
meeting-closed-cancelled = Cuộc họp này đã bị huỷ.
meeting-closed-started = Cuộc họp này đã bắt đầu hoặc đã kết thúc; không ghi nhận gì thêm.
meeting-closed-moved = Cuộc họp này đã đổi lịch; xin dùng thông báo mới nhất.
meeting-closed-not_found = Không tìm thấy cuộc họp này.

## Meetings: agenda proposals
agenda-proposal-ask = Đồng chí đề xuất nội dung gì? Gõ trong một câu.
agenda-proposal-sent = Đã gửi đề xuất tới bí thư. Đồng chí sẽ nhận được phản hồi.
agenda-proposal-new = 💡 {$name} đề xuất nội dung cho cuộc họp {$when}: «{$text}»
agenda-proposal-accept = ✅ Đưa vào chương trình
agenda-proposal-decline = ❌ Không đưa vào
agenda-proposal-accepted = Bí thư đã đưa đề xuất «{$text}» của đồng chí vào chương trình họp.
agenda-proposal-declined = Bí thư chưa đưa đề xuất «{$text}» của đồng chí vào chương trình họp lần này.
agenda-proposal-accepted-by = ✅ Đã đưa vào chương trình.
agenda-proposal-declined-by = ❌ Không đưa vào chương trình.

## Meetings: reminders, summary, warnings
reminder-title = ⏰ NHẮC LỊCH: họp chi bộ lúc {$when}. Đồng chí chưa xác nhận tham dự.
reminder-title-answered = ⏰ NHẮC LỊCH: họp chi bộ lúc {$when}.
summary-title = 📋 Tóm tắt trước cuộc họp {$when}
summary-coming = Tham dự ({$count}): {$names}
summary-absent = Vắng có lý do ({$count}): {$names}
summary-silent = Chưa trả lời ({$count}): {$names}
summary-target-met = Dự kiến {$coming}/{$expected} đảng viên tham dự ({$percent}%): đạt mức trên {$target}%.
summary-target-missed = Dự kiến {$coming}/{$expected} đảng viên tham dự ({$percent}%): CHƯA đạt mức trên {$target}%.
docs-warning = ⚠️ Cuộc họp sắp tới chưa có tài liệu. Tài liệu cần đến tay đảng viên ít nhất 1 ngày trước khi họp.
moved-title = 🔁 CUỘC HỌP ĐÃ ĐỔI LỊCH (lý do: {$reason})
moved-reconfirm = Câu trả lời trước của đồng chí không tự chuyển sang lịch mới: xin xác nhận lại.
moved-keep-attend = ✅ Vẫn tham dự theo lịch mới
cancelled-title = ✖️ CUỘC HỌP ĐÃ HUỶ: {$org}, {$when}. Lý do: {$reason}

## Meetings: proposed from the usual schedule
proposed-title = 🗓 Đề xuất lịch họp tháng này theo lịch thường kỳ:
proposed-ask = Bí thư xác nhận để gửi thông báo, hoặc bấm «Thay đổi».
proposed-confirm = ✅ Xác nhận và gửi thông báo
proposed-change = ✏️ Thay đổi
proposed-already = Đề xuất này đã được xử lý.

## Meetings: the secretary's guided scheduling
schedule-not-secretary = Chỉ bí thư hoặc phó bí thư chi bộ mới lên lịch họp được.
schedule-pick-cell = Lên lịch cho chi bộ nào?
schedule-menu = Lịch họp của {$org}: đồng chí muốn làm gì?
schedule-menu-new = ➕ Lên lịch một cuộc họp
schedule-menu-usual = 🗓 Đặt lịch thường kỳ
schedule-menu-move = ⏩ Dời cuộc họp
schedule-menu-cancel = ✖️ Huỷ cuộc họp
schedule-ask-kind = Loại cuộc họp?
schedule-kind-regular = Thường kỳ
schedule-kind-thematic = Chuyên đề
schedule-kind-combined = Thường kỳ kết hợp chuyên đề
schedule-ask-date = Ngày họp? (ví dụ 05/12 hoặc 05/12/2026)
schedule-date-format = Tôi không đọc được ngày này.
schedule-date-no_such_date = Ngày này không có trong lịch.
schedule-date-past = Ngày này đã qua.
schedule-ask-time = Giờ bắt đầu? (ví dụ 19:30)
schedule-time-invalid = Tôi không đọc được giờ này (ví dụ đúng: 19:30).
schedule-ask-minutes = Cuộc họp kéo dài bao nhiêu phút? (thường {$minutes})
schedule-use-minutes = {$minutes} phút
schedule-minutes-invalid = Thời lượng là số phút từ 15 đến 600.
schedule-error-past = Thời điểm này đã qua.
schedule-error-quiet_hours = Giờ này rơi vào giờ nghỉ đêm; xin chọn giờ khác.
schedule-error-same_evening = Chi bộ đã có một cuộc họp trong ngày này.
schedule-error-too_long = Cuộc họp dài quá 10 giờ.
schedule-warning-too_short = Hướng dẫn yêu cầu sinh hoạt ít nhất {$minimum} phút.
schedule-warning-too_short_combined = Khi kết hợp thường kỳ và chuyên đề, cần ít nhất {$minimum} phút.
schedule-keep-length = Vẫn giữ thời lượng này
schedule-change-length = Sửa thời lượng
schedule-ask-place = Địa điểm họp?
schedule-text-empty = Câu trả lời đang trống.
schedule-text-too-long = Câu trả lời quá dài: tối đa {$max} ký tự (đồng chí gõ {$length}).
schedule-ask-agenda = Chương trình, nội dung chính? (hoặc bấm «Bỏ qua»)
schedule-skip = Bỏ qua
schedule-ask-topic = Chủ đề chuyên đề?
schedule-ask-documents = Tài liệu: gửi mỗi dòng «Tên tài liệu | đường dẫn». Xong thì bấm «Xong».
schedule-documents-done = Xong
schedule-documents-invalid = Mỗi dòng cần tên và một đường dẫn http(s), ví dụ: Nghị quyết 12 | https://example.org/nq12
schedule-documents-no-files = Chi bộ chỉ gửi đường dẫn tài liệu, không gửi tệp vào trò chuyện. Xin gửi «Tên | đường dẫn».
schedule-documents-added = Đã thêm, tổng cộng {$count} tài liệu. Gửi tiếp hoặc bấm «Xong».
schedule-preview = Xin kiểm tra lại:
schedule-confirm = ✅ Xác nhận và gửi thông báo
schedule-abandon = ✖️ Thôi
schedule-done = Đã xác nhận. Thông báo đang được gửi tới {$count} người.
schedule-none-upcoming = Chi bộ chưa có cuộc họp nào sắp tới.
schedule-pick-meeting = Cuộc họp nào?
schedule-ask-move-reason = Lý do dời lịch?
schedule-ask-cancel-reason = Lý do huỷ?
schedule-confirm-move = Dời cuộc họp sang {$when} và báo cho mọi người?
schedule-confirm-cancel = Huỷ cuộc họp và báo cho mọi người?
schedule-confirm-yes = ✅ Đồng ý
schedule-moved = Đã dời lịch. Đang báo cho {$count} người; mỗi người sẽ xác nhận lại.
schedule-cancelled = Đã huỷ. Đang báo cho {$count} người.
usual-ask-day = Họp thường kỳ vào ngày mấy hằng tháng? (1–31; tháng ít ngày hơn sẽ họp ngày cuối tháng)
usual-day-invalid = Ngày là một số từ 1 đến 31.
usual-saved = Đã lưu lịch thường kỳ: ngày {$day} hằng tháng, {$time}, tại {$place}, {$minutes} phút. Mỗi tháng, {$lead} ngày trước, bot sẽ đề xuất để bí thư xác nhận.

## Group chat
group-linked = Nhóm này đã được liên kết với {$org}. Thông báo họp sẽ được đăng ở đây.
group-link-not-secretary = Chỉ bí thư hoặc phó bí thư chi bộ mới liên kết được nhóm.
group-link-which = Đồng chí phụ trách nhiều chi bộ: gõ /linkgroup <mã chi bộ>.
group-notice-title = 📅 THÔNG BÁO SINH HOẠT CHI BỘ
group-tally = Tham dự: {$attend} · Vắng: {$absent} · Chưa trả lời: {$noAnswer}
group-tally-cancelled = ✖️ Cuộc họp này đã bị huỷ.
group-answer-privately = Mỗi đồng chí trả lời trong tin nhắn riêng với bot.
unreachable-to-secretary = ⚠️ Bot không gửi được tin cho {$name} ({$org}): có thể đồng chí ấy đã chặn bot hoặc xoá tài khoản Telegram. Xin liên hệ trực tiếp.
cli-not-a-cell = {$code} không phải là chi bộ (kind = cell).
cli-warning = Lưu ý: {$text}
cli-scheduled = Đã lên lịch cuộc họp #{$id} của {$org} lúc {$when}; {$queued} thông báo đang chờ gửi.
cli-meetings-none = {$org} chưa có cuộc họp nào.
cli-meetings-line = #{$id} {$cell} {$localTime} {$kind} [{$status}] dự {$attend} · vắng {$absent} · chưa trả lời {$noAnswer} / {$expected}
cli-tick = Lúc {$at}: đề xuất {$proposed}, nhắc lịch {$reminders}, tóm tắt {$summaries}, cảnh báo tài liệu {$documentWarnings}, bỏ qua vì quá hạn {$superseded}, mời điểm danh {$recordOffers}, nhắc điểm danh {$recordNudges}, báo cáo tuần {$digests}, nhắc chi bộ chưa lên lịch {$nudges}, báo cáo cuối tháng {$monthEndReports}.
cli-tick-no-token = Không có BOT_TOKEN: {$count} tin đang chờ, bot đang chạy sẽ gửi chúng.
cli-tick-sent = Đã gửi {$sent}, thử lại {$retried}, thất bại {$failed}, bỏ {$dropped}.
calendar-feed-off = Lịch dùng chung chưa được bật trên máy chủ này (cần HTTP_PORT, PUBLIC_URL, CHIBO_SECRET).
calendar-feed-none = Đồng chí chưa thuộc chi bộ nào.
calendar-feed-intro = Đường dẫn lịch riêng của chi bộ (thêm vào ứng dụng lịch; đừng chia sẻ công khai):
cli-http-listening = Máy chủ HTTP đang nghe ở cổng {$port}.
settings-notices-on = 🔔 Nhận thông báo họp của {$org}
settings-notices-off = 🔕 Thôi nhận thông báo họp của {$org}
settings-notices-saved-on = Đồng chí sẽ nhận thông báo họp (không bắt buộc tham dự vì đang được miễn sinh hoạt).
settings-notices-saved-off = Đồng chí sẽ không nhận thông báo họp nữa.
summary-not-on-bot = (chưa dùng bot)
cli-setting-invalid = Cài đặt {$key} không hợp lệ: {$error}
schedule-ask-topic-from-list = Chọn chủ đề chuyên đề theo định hướng của cấp trên:
schedule-topic-other = Chủ đề khác…
meeting-line-attached = • {$title} (tệp gửi kèm trong tin nhắn)
schedule-document-untitled = Tài liệu
schedule-ask-documents-or-files = Tài liệu: gửi mỗi dòng «Tên tài liệu | đường dẫn», hoặc gửi tệp (chi bộ cho phép). Xong thì bấm «Xong».

## Minutes
minutes-party = ĐẢNG CỘNG SẢN VIỆT NAM
minutes-place-date = {$place}, ngày {$day} tháng {$month} năm {$year}
minutes-title = BIÊN BẢN SINH HOẠT CHI BỘ
minutes-section-time-place = I. THỜI GIAN, ĐỊA ĐIỂM
minutes-started-label = Bắt đầu lúc:
minutes-planned = (theo kế hoạch: {$time})
minutes-ended-label = Kết thúc lúc:
minutes-duration = ({$minutes} phút)
minutes-place-label = Địa điểm:
minutes-section-people = II. THÀNH PHẦN
minutes-chair-label = Chủ trì:
minutes-note-taker-label = Thư ký (ghi biên bản):
minutes-guests-label = Khách mời:
minutes-none = không có
minutes-section-members = III. TÌNH HÌNH ĐẢNG VIÊN
minutes-counts-total = Tổng số đảng viên của chi bộ: {$total} đồng chí, trong đó chính thức: {$official}, dự bị: {$probationary}.
minutes-counts-excluded = Miễn công tác và sinh hoạt đảng: {$exempt}; sinh hoạt đảng tạm thời nơi khác: {$transferred}; nơi khác đến sinh hoạt tạm thời: {$attached}; số đảng viên phải dự: {$expected}.
minutes-counts-present = Có mặt: {$present}/{$expected} đồng chí phải dự ({$percent}%).
minutes-absent-total = Vắng mặt: {$count} đồng chí.
minutes-absent-with-reason = Vắng có lý do ({$count}):
minutes-absent-without-reason = Vắng không có lý do ({$count}):
minutes-section-content = IV. NỘI DUNG
minutes-agenda-label = Chương trình:
minutes-topic-label = Chuyên đề:
minutes-proposals-label = Ý kiến, đề xuất của đảng viên gửi trước cuộc họp ({$count}):
minutes-proposal-accepted = (đã tiếp thu)
minutes-proposal-rejected = (không tiếp thu)
minutes-proposal-pending = (chưa xem xét)
minutes-section-discussion = V. DIỄN BIẾN, Ý KIẾN PHÁT BIỂU
minutes-section-conclusion = VI. KẾT LUẬN CỦA CHỦ TRÌ
minutes-closing = Cuộc họp kết thúc lúc {$time}. Biên bản đã được đọc lại trước chi bộ và được thông qua.
minutes-sign-note-taker = THƯ KÝ
minutes-sign-chair = CHỦ TRÌ
minutes-sign-hint = (Ký, ghi rõ họ tên)
minutes-sign-for-cell = T/M CHI BỘ
minutes-not-held = Cuộc sinh hoạt chi bộ ({$kind}) dự kiến lúc {$time} tại {$place} đã không diễn ra.
minutes-not-held-reason = Lý do:
minutes-summary-title = 📝 Biên bản: {$org} — {$kind}
minutes-summary-time = Thời gian: {$start} – {$end}
minutes-summary-time-planned = Thời gian dự kiến: {$start}
minutes-summary-length = Thời lượng: {$minutes} phút
minutes-summary-length-unknown = Thời lượng: chưa rõ
minutes-summary-present = Có mặt: {$present}/{$expected} đồng chí phải dự
minutes-summary-absent-with = Vắng có lý do ({$count}): {$names}
minutes-summary-absent-without = Vắng không lý do ({$count}): {$names}
minutes-summary-not-held = Không diễn ra. Lý do: {$reason}

## Attendance export
export-col-name = Họ và tên
export-col-phone = Điện thoại
export-col-status = Tình trạng
export-col-present = Có mặt
export-col-late = Đi muộn
export-col-excused = Vắng có lý do
export-col-unexcused = Vắng không lý do
export-col-flag = Cảnh báo
export-mark-present = x
export-mark-late = M
export-mark-excused = P
export-mark-unexcused = K
export-legend = Ký hiệu: {$marks}
export-legend-blank = để trống = không phải dự hoặc chưa ghi nhận
export-cell-heading = {$name} ({$code})
export-empty = Không có chi bộ nào để xuất.

## After the meeting: attendance, checks, score, records
cmd-me = Kết quả sinh hoạt của tôi trong năm
cmd-attendance = Điểm danh cuộc họp (bí thư)
attendance-not-secretary = Chỉ bí thư hoặc phó bí thư chi bộ mới điểm danh được.
attendance-not-started = Cuộc họp chưa bắt đầu: chỉ điểm danh được khi cuộc họp đã bắt đầu.
attendance-no-meeting = Chi bộ chưa có cuộc họp nào để điểm danh.
attendance-correcting = Cuộc họp này đã được điểm danh; đồng chí đang sửa lại (mọi thay đổi được ghi nhật ký).
attendance-title = Điểm danh: {$what}, {$when}
attendance-counts = Có mặt {$present} · Đi muộn {$late} · Vắng có lý do {$excused} · Vắng không lý do {$unexcused}
attendance-legend = Bấm tên để đổi: ✅ có mặt → ⏰ muộn → 🟡 vắng có lý do → ❌ vắng không lý do. Đồng chí miễn sinh hoạt không bắt buộc dự nên không có ❌.
attendance-page = Trang {$page}/{$pages}
attendance-all-present = Tất cả có mặt
attendance-not-held = Cuộc họp không diễn ra
attendance-submit = ✔️ Xong, ghi nhận
attendance-exempt-not-unexcused = {$name} được miễn sinh hoạt, không bắt buộc dự: chỉ ghi có mặt, đi muộn hoặc vắng (--excused), không ghi vắng không lý do.
attendance-list-closed = Danh sách này đã được ghi nhận hoặc đã cũ; gõ /diemdanh để mở lại.
record-ask-start = Cuộc họp thực tế bắt đầu lúc mấy giờ?
record-ask-end = Kết thúc lúc mấy giờ?
record-times-end_before_start = Giờ kết thúc phải sau giờ bắt đầu.
record-times-too_long = Cuộc họp không thể dài quá 10 giờ.
record-times-start_far_from_schedule = Giờ bắt đầu cách lịch quá xa; xin nhập lại.
record-ask-guests = Khách mời dự họp? Gõ tên (cách nhau dấu phẩy) hoặc bấm nút.
record-no-guests = Không có khách mời
record-ask-note-taker = Ai ghi biên bản? (hoặc bấm «Bỏ qua»)
record-ask-not-held = Vì sao cuộc họp không diễn ra?
record-not-held-saved = Đã ghi nhận: cuộc họp không diễn ra. Cấp trên sẽ thấy trong báo cáo.
checks-title = 📊 Kiểm tra theo quy định:
checks-attendance-ok = ✅ Tham dự {$present}/{$expected} ({$percent}%), đạt mức trên {$target}%.
checks-attendance-low = ⚠️ Tham dự {$present}/{$expected} ({$percent}%), chưa đạt mức trên {$target}%.
checks-unexcused-none = ✅ Không có đảng viên vắng không lý do.
checks-unexcused = ⚠️ {$count} đảng viên vắng không lý do.
checks-length-ok = ✅ Thời lượng {$minutes} phút (tối thiểu {$minimum}).
checks-length-short = ⚠️ Thời lượng {$minutes} phút, dưới mức tối thiểu {$minimum} phút.
checks-length-unknown = Chưa rõ thời lượng.
checks-quorum-ok = ✅ Đủ điều kiện biểu quyết nghị quyết: {$present}/{$counted} đảng viên chính thức có mặt.
checks-quorum-no = ⚠️ Chưa đủ điều kiện biểu quyết nghị quyết: {$present}/{$counted} đảng viên chính thức có mặt.
score-ask-item = Chấm điểm «{$label}» (0–{$max})?
score-out-of-range = Điểm phải là số nguyên trong khung cho phép.
score-not-saved = Chưa lưu được điểm.
score-result = Tổng điểm: {$total}/{$max} – xếp loại {$grade}.
grade-good = Tốt
grade-fair = Khá
grade-average = Trung bình
grade-poor = Kém
minutes-caption = Dự thảo biên bản (Word): bổ sung diễn biến và kết luận, rồi đọc thông qua trước khi bế mạc.
me-title = {$name}: sinh hoạt chi bộ năm {$year}
me-counts = {$meetings} cuộc họp: có mặt {$present} (muộn {$late}), vắng có lý do {$excused}, vắng không lý do {$unexcused}.
me-unexcused-months = Các tháng vắng không lý do hoặc chưa đóng đảng phí: {$months}.
me-all-good = Không có tháng nào vắng không lý do.
flag-warning = ⚠️ Lưu ý riêng: {$name} ({$org}) đã có {$count} tháng vắng sinh hoạt không lý do hoặc chưa đóng đảng phí trong năm ({$months}; ngày vắng: {$dates}).
flag-removal = 🚩 {$name} ({$org}) đã có {$count} tháng trong năm vắng sinh hoạt không lý do hoặc không đóng đảng phí ({$months}; ngày vắng: {$dates}). Trường hợp này cần được xem xét theo quy định xoá tên; bot chỉ báo, không tự xoá tên ai.
attendance-open = 📝 Điểm danh
record-offer = Cuộc họp lúc {$when} đã kết thúc. Mời đồng chí điểm danh và ghi nhận kết quả (nên xong trong 2 ngày).
record-nudge = ⏳ Cuộc họp lúc {$when} đã qua {$days} ngày mà chưa được điểm danh. Mời đồng chí ghi nhận kết quả.
export-flag-warning = Lưu ý: 2 tháng vắng không lý do/chưa đóng đảng phí ({$months})
export-flag-removal_rule = Xem xét theo quy định xoá tên: {$months}
cli-meeting-not-found = Không có cuộc họp #{$id}.
cli-phone-not-in-meeting = {$phone} không có trong danh sách cuộc họp này.
cli-attendance-recorded = Đã ghi nhận cuộc họp #{$id}: có mặt {$present}/{$expected} ({$percent}%), vắng không lý do {$unexcused}, {$minutes} phút, đủ điều kiện biểu quyết: {$quorum}.
cli-yes = có
cli-no = không
cli-exported = Đã ghi {$file}: {$cells} chi bộ, {$members} đảng viên.
cli-dues-marked = Đã đánh dấu {$name} chưa đóng đảng phí tháng {$month}.
export-title = Sổ theo dõi sinh hoạt chi bộ năm {$year} – {$org}
export-caption = Sổ theo dõi sinh hoạt năm {$year} – {$org}.
dues-usage = Cách dùng: /dangphi <số điện thoại> <tháng/năm>, ví dụ /dangphi 0912 345 678 11/2026 (đánh dấu tháng chưa đóng đảng phí).
dues-not-in-cell = Số này không có trong chi bộ đồng chí phụ trách.
dues-marked = Đã ghi: {$name} chưa đóng đảng phí tháng {$month}.
score-confirm-ask = Đồng chí đã dự cuộc họp của {$org} lúc {$when}. Bí thư chấm {$total}/{$max} điểm: xin xác nhận.
score-confirm = ✅ Xác nhận điểm
score-confirmed = ✅ Đã xác nhận.
cmd-export = Xuất sổ theo dõi sinh hoạt (Excel)
demo-s-backfill = Văn phòng nhập bù kết quả họp tháng 10 và 11 (Bùi Thị Hạnh vắng không lý do cả hai lần).
demo-s-record = Họp xong: bot mời bí thư điểm danh; bí thư ghi Hạnh vắng không lý do (tháng thứ ba), nhập giờ, chấm điểm và nhận biên bản.
demo-s-digests = Thứ Hai tuần sau, 07:30: Tỉnh uỷ và Đảng uỷ phường tham gia; mỗi cấp uỷ nhận báo cáo tuần của mình, kèm biểu đồ.
demo-s-report = Đồng chí Hưng (Tỉnh uỷ) xem /baocao, đi xuống một xã, một chi bộ, rồi quay lên.
demo-minutes-written = Dự thảo biên bản đã được ghi ra {$file}.
minutes-link = Dự thảo biên bản (Word), tải trong 7 ngày: {$link}
score-adjust = ✏️ Điều chỉnh
score-adjust-ask = Tổng điểm đồng chí đề nghị (0–{$max})?
score-adjusted = Đã điều chỉnh: {$total}/{$max} – xếp loại {$grade}. Bí thư sẽ được báo.
score-adjusted-to-secretary = {$name} (cấp uỷ cấp trên dự họp) đã điều chỉnh điểm cuộc họp từ {$from} thành {$to} – xếp loại {$grade}.

## Follow assignments
cmd-assign = Phân công cấp uỷ viên theo dõi chi bộ
cmd-following = Các chi bộ đang theo dõi
follow-not-overseer = Chỉ cấp uỷ viên, bí thư hoặc phó bí thư của cấp uỷ cấp trên mới phân công theo dõi chi bộ được.
follow-ask-cell = Phân công theo dõi chi bộ nào? Gõ mã chi bộ (ví dụ AB01).
follow-cell-unknown = Không có chi bộ mã «{$code}».
follow-cell-not_cell = {$code} không phải là chi bộ; hãy gõ mã của một chi bộ.
follow-cell-outside = Chi bộ {$code} không thuộc tổ chức đồng chí phụ trách.
follow-pick-colleague = Chọn đồng chí theo dõi {$cell}. Dấu ✓ là đang theo dõi; bấm vào đó để kết thúc.
follow-more-colleagues = … và {$count} đồng chí nữa không hiện ở đây (văn phòng có thể phân công bằng lệnh chibo assign).
follow-no-colleagues = Chưa có cấp uỷ viên nào đã liên kết Telegram để phân công theo dõi {$cell}.
follow-added = ✅ Đã phân công {$name} theo dõi {$cell}. Đồng chí ấy và bí thư chi bộ đã được báo.
follow-already = {$name} đã theo dõi {$cell} rồi.
follow-confirm-end = {$name} đang theo dõi {$cell}. Kết thúc phân công này?
follow-end-yes = ⏹ Kết thúc theo dõi
follow-end-no = Giữ nguyên
follow-ended = Đã kết thúc: {$name} không còn theo dõi {$cell}. Đồng chí ấy và bí thư chi bộ đã được báo.
follow-kept = Giữ nguyên: {$name} vẫn theo dõi {$cell}.
follow-not-following = {$name} hiện không theo dõi {$cell}.
follow-by-operator = Văn phòng cấp uỷ
follow-added-to-colleague = 🔭 {$by} đã phân công đồng chí theo dõi {$cell}. Từ nay đồng chí sẽ:
    • nhận thông báo và nhắc lịch họp của chi bộ;
    • trả lời tham dự hoặc vắng như đảng viên của chi bộ;
    • được ghi là khách mời khi dự họp;
    • xác nhận điểm chất lượng buổi họp bí thư chấm.
    Gõ /following để xem các chi bộ đồng chí theo dõi.
follow-ended-to-colleague = {$by} đã kết thúc việc đồng chí theo dõi {$cell}. Đồng chí sẽ không nhận thông báo họp của chi bộ này nữa.
follow-added-to-leader = 🔭 {$by} đã phân công đồng chí {$who} theo dõi {$cell}. Đồng chí ấy sẽ nhận thông báo họp, dự họp với tư cách khách mời và xác nhận điểm chất lượng buổi họp.
follow-ended-to-leader = {$name} không còn theo dõi {$cell} ({$by} đã kết thúc phân công).
following-none = Đồng chí chưa theo dõi chi bộ nào.
following-mine-header = Chi bộ đồng chí theo dõi ({$count}):
following-mine-line = • {$cell} ({$code}), từ {$since}
following-subtree-none = Chưa có phân công theo dõi nào trong tổ chức đồng chí phụ trách.
following-subtree-header = Phân công theo dõi trong tổ chức đồng chí phụ trách ({$count}):
following-subtree-line = • {$cell} ({$code}): {$name}, từ {$since}
following-more = … và {$count} phân công nữa.
following-assign-hint = Phân công hoặc kết thúc: /assign <mã chi bộ>
cli-assign-added = Đã phân công {$name} ({$phone}) theo dõi {$cell} ({$code}).
cli-assign-unlinked = Lưu ý: {$name} chưa liên kết Telegram nên chưa nhận được tin nhắn nào.
cli-assign-already = {$name} đã theo dõi {$cell} rồi; không có gì thay đổi.
cli-assign-removed = Đã kết thúc: {$name} không còn theo dõi {$cell} ({$code}).
cli-assign-not-following = {$name} không theo dõi {$cell}; không có gì thay đổi.
cli-assign-not-committee = {$name} không là cấp uỷ viên, bí thư hay phó bí thư của tổ chức nào phía trên {$code}; chỉ những đồng chí này mới được phân công theo dõi chi bộ.
cli-assign-person-unknown = Không có ai có số {$phone}.
cli-follows-header = {$org} ({$code}): {$count} phân công theo dõi
cli-follows-line = {$cell} ({$cellCode})  {$name}  {$phone}  {$linked}  từ {$since}

## Digest
digest-title = 📊 BÁO CÁO TUẦN – {$org} ({$date})
digest-counts = đã họp {$held}, đã lên lịch {$scheduled}, chưa lên lịch {$notScheduled} / {$cells} chi bộ ({$percent}% đã họp)
digest-this-month = Tháng {$month} (đến nay): {$counts}
digest-last-month = Tháng {$month}: {$counts}
digest-children = Theo đơn vị trực thuộc (% chi bộ đạt tháng trước → tháng này):
digest-child = • {$name}: {$last}% → {$now}% ({$cells} chi bộ)
digest-more = … và {$count} mục nữa (xem tệp đính kèm)
digest-never = chưa có
digest-missed = Chi bộ không sinh hoạt thường kỳ tháng trước ({$count}):
digest-missed-line = {$name} – bí thư {$secretary}, họp lần cuối {$last}
digest-no-thematic = Chi bộ chưa sinh hoạt chuyên đề quý này ({$count}):
digest-low-attendance = Cuộc họp chưa đạt trên 85% đảng viên tham dự ({$count}):
digest-meeting-percent = {$name}, {$date}: {$percent}%
digest-short = Cuộc họp ngắn hơn quy định ({$count}):
digest-meeting-minutes = {$name}, {$date}: {$minutes} phút
digest-overdue = Cuộc họp chưa ghi nhận kết quả quá 5 ngày ({$count}):
digest-meeting-days = {$name}, {$date}: {$days} ngày
digest-flagged = Đảng viên cần xem xét theo quy định xoá tên ({$count}):
digest-flagged-line = {$member} ({$name}): {$months}
digest-no-secretary = Chi bộ chưa có bí thư dùng bot ({$count}):
digest-unreachable = Đảng viên bot không liên lạc được ({$count}):
digest-next-week = Cuộc họp tuần tới ({$count}):
digest-next-week-line = {$name}, {$when} – cấp uỷ dự: {$followers}
score-changed = Điểm đã thay đổi từ khi tin này được gửi; xin xem tin mới nhất.
checks-regular-done = ✅ Chi bộ đã sinh hoạt thường kỳ tháng {$month}.
checks-regular-missing = ⚠️ Chi bộ chưa có buổi sinh hoạt thường kỳ tính cho tháng {$month}.
checks-thematic-done = ✅ Chi bộ đã sinh hoạt chuyên đề quý {$q}/{$year}.
checks-thematic-missing = ⚠️ Chi bộ chưa sinh hoạt chuyên đề quý {$q}/{$year}.

## Digest delivery and escalation
digest-empty = Tổ chức này chưa có chi bộ nào trong hệ thống.
digest-photo-caption = 📊 Tỷ lệ chi bộ sinh hoạt đúng quy định – {$org}
digest-attachment-caption = 📎 Danh sách đầy đủ (tệp Excel)
escalation-nudge = ⏰ Đã đến ngày {$day} mà {$cell} chưa có lịch sinh hoạt thường kỳ tháng {$month}. Đồng chí vui lòng lên lịch bằng lệnh /schedule để kịp gửi thông báo cho đảng viên.
escalation-month-end = ⚠️ {$org}: {$count} chi bộ trực thuộc chưa có buổi sinh hoạt thường kỳ được ghi nhận cho tháng {$month}:
escalation-month-end-line = {$cell} – bí thư {$secretary}: không có cuộc họp
escalation-month-end-pending = {$cell} – bí thư {$secretary}: đã họp nhưng chưa nộp kết quả
escalation-month-end-more = … và {$count} chi bộ nữa (xem báo cáo tuần hoặc /report).

## Digest chart and workbook
digest-chart-title = Tỷ lệ chi bộ sinh hoạt đúng quy định – {$org}
digest-chart-legend-last = Tháng {$month}: đã họp
digest-chart-legend-this = Tháng {$month}: đã họp hoặc đã lên lịch
digest-chart-axis = % chi bộ đạt
digest-sheet-summary = Tổng hợp
digest-sheet-missed = Không họp tháng trước
digest-sheet-not-scheduled = Chưa lên lịch tháng này
digest-title-not-scheduled = Chi bộ chưa lên lịch sinh hoạt thường kỳ tháng này ({$count})
digest-sheet-no-thematic = Chưa họp chuyên đề
digest-sheet-low-attendance = Dự họp chưa trên 85%
digest-sheet-short = Họp ngắn
digest-sheet-overdue = Chưa ghi kết quả
digest-sheet-flagged = Xem xét xoá tên
digest-sheet-no-secretary = Bí thư chưa dùng bot
digest-sheet-unreachable = Không liên lạc được
digest-sheet-next-week = Họp tuần tới
digest-summary-total = Toàn bộ – {$org}
digest-col-org = Tổ chức
digest-col-code = Mã
digest-col-cell = Chi bộ
digest-col-cells = Số chi bộ
digest-col-held = Tháng {$month}: đã họp
digest-col-scheduled = Tháng {$month}: đã lên lịch
digest-col-not-scheduled = Tháng {$month}: chưa lên lịch
digest-col-compliant = Tháng {$month}: % đạt
digest-col-secretary = Bí thư
digest-col-last-meeting = Họp lần cuối
digest-col-date = Ngày giờ họp
digest-col-attendance = Tỷ lệ dự họp
digest-col-minutes = Số phút
digest-col-scheduled-for = Ngày giờ theo lịch
digest-col-days = Số ngày quá hạn
digest-col-member = Đảng viên
digest-col-months = Các tháng
digest-col-followers = Cấp uỷ dự

## Report (drill-down)
cmd-report = Báo cáo tình hình sinh hoạt của tổ chức
report-none = Lệnh /report dành cho bí thư chi bộ và cấp uỷ cấp trên. Đồng chí xem hồ sơ của mình bằng /me.
report-not-allowed = Đồng chí không có quyền xem báo cáo của tổ chức này.
report-unknown-org = Không có tổ chức nào mang mã {$code}.
report-choose = Đồng chí muốn xem báo cáo của tổ chức nào?
report-up = ⬆ Lên {$org}
report-chart = 📊 Biểu đồ
report-file = 📎 Danh sách đầy đủ
report-dashboard = 📊 Mở bảng theo dõi
report-truncated = … (còn nữa: bấm «Danh sách đầy đủ» để nhận tệp Excel)

## Dashboard
# The dashboard page (features/digest/dashboard/web): texts go to the page unrendered, {$name} filled there.
dashboard-title = Bảng theo dõi sinh hoạt
dashboard-switch-language = English
dashboard-back = ← Quay lại
dashboard-up = ⬆ Lên {$org}
dashboard-as-of = Số liệu đến {$date}
dashboard-this-month = Tháng {$month} (đến nay)
dashboard-last-month = Tháng {$month}
dashboard-held = đã họp
dashboard-scheduled = đã lên lịch
dashboard-not-scheduled = chưa lên lịch
dashboard-cells = chi bộ
dashboard-cells-count = {$count} chi bộ
dashboard-held-percent = {$percent}% đã họp
dashboard-empty = Tổ chức này chưa có chi bộ nào trong hệ thống.
dashboard-children = Theo đơn vị trực thuộc
dashboard-children-note = % chi bộ đạt: tháng trước → tháng này
dashboard-child-line = {$last}% → {$now}% · {$cells} chi bộ
dashboard-heatmap = 12 tháng qua
dashboard-heatmap-note = Màu ô: số chi bộ đã sinh hoạt thường kỳ trong tháng; số trong ô: tỷ lệ dự họp (%). Bấm một dòng để xem chi tiết.
dashboard-heatmap-unit = Đơn vị
dashboard-heatmap-cell = {$name}, tháng {$month}: thường kỳ {$regular}/{$cells} chi bộ, chuyên đề {$thematic}, dự họp {$attendance}, biên bản quá hạn {$overdue}
dashboard-legend-full = đủ
dashboard-legend-partial = một phần
dashboard-legend-none = không họp
dashboard-legend-empty = chưa có chi bộ
dashboard-legend-thematic = có chuyên đề
dashboard-legend-overdue = biên bản quá hạn
dashboard-to-act = Việc cần xử lý
dashboard-nothing = Không có việc gì cần xử lý.
dashboard-never = chưa có
dashboard-no-secretary-name = Chưa có bí thư
dashboard-missed = Không sinh hoạt thường kỳ tháng {$month} ({$count})
dashboard-last-met = họp lần cuối: {$last}
dashboard-not-scheduled-list = Chưa lên lịch thường kỳ tháng {$month} ({$count})
dashboard-secretary-line = Bí thư: {$secretary}
dashboard-no-thematic = Chưa sinh hoạt chuyên đề quý {$quarter} ({$count})
dashboard-low-attendance = Dự họp chưa trên 85% ({$count})
dashboard-short = Họp ngắn hơn quy định ({$count})
dashboard-minutes = {$minutes} phút
dashboard-overdue = Chưa ghi nhận kết quả quá 5 ngày ({$count})
dashboard-days = {$days} ngày
dashboard-flagged = Cần xem xét theo quy định xoá tên ({$count})
dashboard-probation = Quá hạn dự bị chưa xét ({$count})
dashboard-probation-line = Kết nạp {$admitted} · hết hạn {$ends} · quá {$days} ngày
dashboard-no-secretary = Bí thư chưa dùng bot ({$count})
dashboard-unreachable = Đảng viên bot không liên lạc được ({$count})
dashboard-next-week = Họp tuần tới ({$count})
dashboard-tasks = Nhiệm vụ theo nghị quyết
dashboard-tasks-line = đúng hạn {$onTime} · trễ hạn {$late} · chưa đến hạn {$open}
dashboard-no-conclusion = Cuộc họp chưa ghi kết luận ({$count})
dashboard-cell-meetings = Các cuộc họp 12 tháng qua ({$count})
dashboard-no-meetings = Chưa có cuộc họp nào trong 12 tháng qua.
dashboard-kind-regular = Thường kỳ
dashboard-kind-thematic = Chuyên đề
dashboard-kind-combined = Thường kỳ và chuyên đề
dashboard-meeting-held = đã họp · dự họp {$percent}%
dashboard-meeting-held-plain = đã họp
dashboard-meeting-not-held = không họp
dashboard-meeting-cancelled = đã huỷ
dashboard-meeting-proposed = đề xuất, chưa xác nhận
dashboard-meeting-scheduled = đã lên lịch, chưa ghi kết quả
dashboard-meeting-overdue = biên bản quá hạn
dashboard-members = Đảng viên qua các buổi họp ({$count})
dashboard-members-note = ✓ có mặt · ◔ đến muộn · P vắng có lý do · ✗ vắng không lý do · – không trong danh sách
dashboard-member = Đảng viên
dashboard-status-official = chính thức
dashboard-status-probationary = dự bị
dashboard-status-exempt = miễn sinh hoạt
dashboard-status-transferred = đã chuyển đi
dashboard-role-secretary = bí thư
dashboard-role-deputy = phó bí thư
dashboard-role-committee = cấp uỷ viên
dashboard-role-member = đảng viên
dashboard-error-unauthorized = Không xác nhận được đồng chí là ai, hoặc đường dẫn đã hết hạn. Xin mở lại bảng theo dõi bằng nút «Mở bảng theo dõi» dưới lệnh /report.
dashboard-error-forbidden = Đồng chí không có quyền xem tổ chức này.
dashboard-error-not-found = Không có tổ chức này.
dashboard-error-other = Chưa tải được số liệu. Xin thử lại sau ít phút.
dashboard-retry = Thử lại

## Broadcasts
cmd-broadcast = Gửi thông báo xuống các chi bộ (cấp uỷ)
broadcast-not-committee = Chỉ cấp uỷ viên, bí thư hoặc phó bí thư của tổ chức cấp trên chi bộ mới gửi thông báo xuống các chi bộ được.
broadcast-pick-org = Gửi thay mặt tổ chức nào?
broadcast-ask-kind = Gửi gì tới các chi bộ thuộc {$org}?
broadcast-kind-notice = 📢 Thông báo
broadcast-kind-document = 📄 Tài liệu (đường dẫn)
broadcast-kind-orientation = 🧭 Định hướng sinh hoạt chuyên đề
broadcast-ask-audience = Gửi tới ai?
broadcast-audience-secretaries = Bí thư, phó bí thư các chi bộ
broadcast-audience-members = Tất cả đảng viên các chi bộ
broadcast-ask-text = Hãy gõ nội dung thông báo (tối đa 3000 ký tự).
broadcast-ask-title = Tên tài liệu?
broadcast-ask-url = Đường dẫn tới tài liệu (dạng https://...)?
broadcast-ask-topics = Hãy gõ các chủ đề sinh hoạt chuyên đề trong năm, mỗi dòng một chủ đề (tối đa 50 chủ đề).
broadcast-ask-note = Thêm lời nhắn kèm theo? Gõ lời nhắn hoặc bấm «Bỏ qua».
broadcast-skip = Bỏ qua
broadcast-text-empty = Nội dung đang trống.
broadcast-text-too-long = Nội dung dài quá 3000 ký tự; xin rút gọn.
broadcast-note-too-long = Lời nhắn dài quá 1000 ký tự; xin rút gọn.
broadcast-title-empty = Tên tài liệu đang trống.
broadcast-title-too-long = Tên tài liệu dài quá 200 ký tự; xin rút gọn.
broadcast-url-invalid = Đây không phải đường dẫn hợp lệ; cần dạng https://... (tối đa 500 ký tự).
broadcast-topics-empty = Chưa có chủ đề nào.
broadcast-topics-too-many = Nhiều hơn 50 chủ đề; xin bớt lại.
broadcast-topic-too-long = Có chủ đề dài quá 300 ký tự; xin rút gọn.
broadcast-topics-too-long = Danh sách chủ đề dài quá 3000 ký tự; xin rút gọn.
broadcast-kind-invalid = Loại thông báo không hợp lệ.
broadcast-nobody = Không có ai để gửi: các chi bộ trực thuộc chưa có ai phù hợp trong danh sách.
broadcast-preview = Xem trước. Gửi tới: {$audience} – {$total} người, {$reachable} người đã liên kết Telegram.
broadcast-confirm = ✅ Gửi
broadcast-abandon = ✖️ Không gửi
broadcast-sent = Đã gửi thông báo #{$id}: {$queued} tin đang được chuyển đi; {$unreachable} người chưa liên kết Telegram. Xem kết quả bằng /broadcasts.
broadcast-sent-orientation = Đã gửi định hướng #{$id}: {$queued} tin đang được chuyển đi; {$unreachable} người chưa liên kết Telegram. Các chủ đề đã được lưu để bí thư chọn khi lên lịch sinh hoạt chuyên đề. Xem kết quả bằng /broadcasts.
broadcast-header-notice = 📢 THÔNG BÁO CỦA {$org}
broadcast-header-document = 📄 TÀI LIỆU TỪ {$org}
broadcast-header-orientation = 🧭 ĐỊNH HƯỚNG SINH HOẠT CHUYÊN ĐỀ CỦA {$org}
broadcast-document-line = {$title}: {$url}
broadcast-orientation-footer = Khi lên lịch sinh hoạt chuyên đề (/schedule), bí thư chọn chủ đề từ danh sách này.
broadcast-read = 👁 Đã đọc
broadcast-read-done = ✅ Đã xác nhận đọc
broadcast-read-recorded = Đã ghi nhận đồng chí đã đọc. Cảm ơn đồng chí.
broadcast-read-already = Đồng chí đã xác nhận đọc rồi.
broadcast-not-for-you = Thông báo này không gửi cho đồng chí.
broadcast-status-header = Thông báo đã gửi gần đây ({$count}):
broadcast-status-none = Chưa có thông báo nào được gửi.
broadcast-status-line = #{$id} {$when} – {$org}: {$kind} tới {$audience} – «{$gist}»
    {$recipients} người nhận: đã gửi {$sent}, lỗi {$failed}, đang chờ {$pending}, chưa liên kết {$unreachable}; đã đọc {$read}.
broadcast-gist-topics = {$count} chủ đề
broadcast-cli-not-sender = {$phone} không phải cấp uỷ viên, bí thư hay phó bí thư của {$org}: không thể gửi thay mặt tổ chức này.
broadcast-cli-from-cell = {$code} là một chi bộ: chỉ tổ chức cấp trên mới gửi thông báo xuống các chi bộ.
broadcast-cli-sent = Đã ghi thông báo #{$id} của {$org} tới {$recipients} người; {$queued} tin đang chờ gửi, {$unreachable} người chưa liên kết Telegram.

## Bad input
bad-input-invite-too-many = Đã có quá nhiều lần thử mã mời không đúng. Để giữ an toàn, xin thử lại sau {$minutes} phút.
bad-input-dues-not-secretary = Chỉ bí thư hoặc phó bí thư chi bộ mới ghi đảng phí được.
bad-input-shortened = (… còn nữa: quá dài để gửi trong một tin nhắn)
bad-input-document-url-too-long = Đường dẫn dài quá 500 ký tự; xin dùng một đường dẫn ngắn hơn.

## Privacy
privacy-forgotten-name = Đảng viên đã xoá #{$id}
privacy-erased-text = (đã xoá)
privacy-person-unknown = Không có ai có số {$phone} trong cơ sở dữ liệu.
privacy-exported = Đã ghi mọi dữ liệu về {$name} vào {$file}. Tệp chứa dữ liệu cá nhân: hãy giữ kín và xoá khi không cần nữa.
privacy-forget-header = {$name} ({$phone}), người #{$id}, thuộc: {$orgs}
privacy-forget-will = Sẽ xoá hoặc thay thế:
privacy-forget-done = Đã xoá hoặc thay thế:
privacy-forget-lines =
    • họ tên, số điện thoại, tài khoản Telegram hoặc Zalo và ngôn ngữ (thay bằng «{$placeholder}»)
    • {$notes} ghi chú lý do vắng, {$proposals} đề xuất nội dung
    • {$dropped} tin chưa gửi tới người này (huỷ), {$cleared} tin đã gửi (xoá nội dung)
    • {$follows} phân công theo dõi, {$invites} lời mời, {$requests} yêu cầu tham gia, {$conversations} hội thoại dở dang
    • họ tên và số điện thoại trong {$mentions} bản ghi khác (chủ trì, thư ký, khách mời, tin nhắn, nhật ký)
    • nội dung {$attachments} tệp báo cáo đã gửi cho cấp uỷ cấp trên
privacy-forget-kept = Giữ lại ẩn danh để số liệu không đổi: {$attendance} lượt điểm danh, {$answers} câu trả lời, {$dues} tháng chưa đóng đảng phí; {$memberships} tư cách đảng viên chuyển sang «sinh hoạt tạm thời nơi khác», không nhận tin nữa.
privacy-forget-hint = Chưa xoá gì. Để xoá, chạy lại với --yes: npx chibo person forget {$phone} --yes
privacy-forgotten = Đã xoá dữ liệu cá nhân: người #{$id} nay là «{$name}». Số {$phone} có thể được nạp lại như một người mới.

## Zalo
# Zalo has no buttons: options are numbered and answered by number.
zalo-choose-hint = (Trả lời bằng số thứ tự của lựa chọn, ví dụ: 1)
zalo-not-an-option = Câu trả lời không khớp lựa chọn nào. Hãy trả lời bằng một số từ 1 đến {$count}:
zalo-file-unavailable = Chưa gửi được tệp «{$name}» qua Zalo vì máy chủ của bot chưa có địa chỉ công khai. Hãy báo người quản trị bot.
zalo-file-link-days = Đường dẫn tải có hiệu lực {$days} ngày.
zalo-settings-notices-on = Nhận thông báo qua {$channel}
zalo-settings-notices-now = Thông báo đang gửi qua {$channel}.
zalo-settings-notices-saved = Từ nay thông báo và nhắc lịch sẽ gửi qua {$channel}.
# The Zalo wording of keys that name Telegram's buttons or links (zalo--<key>).
zalo--not-linked = Tài khoản Zalo này chưa được liên kết với hồ sơ đảng viên nào. Hãy gõ /start và mã mời mà bí thư chi bộ đã gửi (ví dụ: /start AbC123xyz).
zalo--start-no-code = Xin chào! Đây là bot nhắc lịch sinh hoạt chi bộ. Để tham gia, hãy gõ /start và mã mời mà bí thư chi bộ đã gửi (ví dụ: /start AbC123xyz).
zalo--start-bad-code = Mã mời không hợp lệ. Hãy kiểm tra lại mã bí thư đã gửi và gõ: /start <mã mời>.
zalo--start-unknown-code = Không tìm thấy mã mời này. Hãy kiểm tra lại từng chữ (phân biệt chữ hoa, chữ thường) hoặc xin bí thư một mã mời mới.
zalo--start-expired-code = Mã mời này đã hết hạn. Hãy xin bí thư một mã mời mới.
zalo--start-used-up-code = Mã mời này đã được dùng hết số lượt. Hãy xin bí thư một mã mời mới.
zalo--join-used-up = Mã mời này vừa hết lượt dùng. Hãy xin bí thư một mã mời mới.
zalo--help-unlinked = Tài khoản này chưa được liên kết. Hãy gõ /start và mã mời mà bí thư chi bộ đã gửi.
zalo--settings-need-link = Chỉ lưu được cài đặt sau khi tham gia. Hiện tại bot dùng tiếng Việt.
zalo--join-ask-contact = Zalo không chia sẻ số điện thoại cho bot, nên hãy gõ số điện thoại hoặc họ tên đầy đủ của đồng chí (như trong danh sách chi bộ). Bí thư sẽ xác nhận rồi bot báo lại cho đồng chí.
zalo--join-expect-contact-or-name = Hãy gõ số điện thoại hoặc họ tên đầy đủ của đồng chí.
zalo--ask-use-buttons = Xin hãy trả lời bằng số thứ tự của một lựa chọn dưới đây (hoặc /cancel để dừng).
zalo--button-stale = Lựa chọn này đã cũ hoặc không hợp lệ.
zalo--absence-ask-note = Đồng chí có muốn ghi thêm vài chữ không? Gõ vào đây, hoặc chọn «Bỏ qua» dưới đây.
zalo--schedule-ask-agenda = Chương trình, nội dung chính? (hoặc chọn «Bỏ qua» dưới đây)
zalo--schedule-ask-documents = Tài liệu: gửi mỗi dòng «Tên tài liệu | đường dẫn». Xong thì chọn «Xong» dưới đây.
zalo--schedule-ask-documents-or-files = Tài liệu: gửi mỗi dòng «Tên tài liệu | đường dẫn» (Zalo không chuyển tệp cho bot). Xong thì chọn «Xong» dưới đây.
zalo--schedule-documents-added = Đã thêm, tổng cộng {$count} tài liệu. Gửi tiếp hoặc chọn «Xong».
zalo--attendance-legend = Trả lời số thứ tự của một tên để đổi: ✅ có mặt → ⏰ muộn → 🟡 vắng có lý do → ❌ vắng không lý do. Đồng chí miễn sinh hoạt không bắt buộc dự nên không có ❌.
zalo--record-ask-guests = Khách mời dự họp? Gõ tên (cách nhau dấu phẩy) hoặc chọn dưới đây.
zalo--record-ask-note-taker = Ai ghi biên bản? (hoặc chọn «Bỏ qua» dưới đây)
zalo--follow-pick-colleague = Chọn đồng chí theo dõi {$cell}. Dấu ✓ là đang theo dõi; chọn lại người đó để kết thúc.
zalo--report-truncated = … (còn nữa: chọn «Danh sách đầy đủ» để nhận đường dẫn tải tệp Excel)
zalo--broadcast-ask-note = Thêm lời nhắn kèm theo? Gõ lời nhắn hoặc chọn «Bỏ qua» dưới đây.
# Operator CLI
zalo-cli-missing-token = Chưa có BOT_TOKEN (Telegram) hay ZALO_BOT_TOKEN (Zalo). Đặt một trong hai (hoặc cả hai), rồi chạy: npx chibo start (hoặc chạy thử không cần token: npm run demo).
zalo-cli-token-rejected = Zalo từ chối ZALO_BOT_TOKEN ({$detail}). Hãy kiểm tra lại token trong Zalo Bot Creator.
zalo-cli-unreachable = Không kết nối được tới Zalo Bot API {$root} ({$detail}). Kiểm tra mạng hoặc ZALO_API_ROOT.
zalo-cli-started-polling = Bot Zalo {$name} đang chạy (long polling).
zalo-cli-started-webhook = Bot Zalo {$name} đang chạy (webhook {$url}).
zalo-cli-no-files = Lưu ý: chưa đặt HTTP_PORT, PUBLIC_URL và CHIBO_SECRET nên tệp (biên bản, sổ theo dõi, biểu đồ) không gửi được qua Zalo; người nhận sẽ được báo.
zalo-cli-invite = Gửi cho người được mời qua Zalo: mở {$link} (bot Zalo «{$name}») rồi gõ tin nhắn dưới đây. Zalo không chia sẻ số điện thoại: mã chung cho cả chi bộ cần bí thư duyệt từng người, mã riêng cho một người thì liên kết ngay.
zalo-cli-invite-need-token = Để in đường dẫn Zalo cần ZALO_BOT_TOKEN (hoặc ZALO_BOT_LINK).
# Demo on Zalo (npm run demo -- --zalo)
zalo-demo-title = Bản trình diễn chibo trên Zalo: một chi bộ, một tháng, {$people} người trong danh sách.
zalo-demo-server = Máy chủ Zalo Bot API giả lập: {$url}
zalo-demo-files = Máy chủ HTTP của bot (đường dẫn tải tệp): {$url}
zalo-demo-s-join = Tham gia: bí thư và một đảng viên dùng mã riêng (liên kết ngay); hai người dùng mã chung và gõ số điện thoại hoặc họ tên (bí thư duyệt bằng số); một người lạ.
zalo-demo-s-schedule = Bí thư lên lịch họp bằng cách trả lời số thứ tự (gõ nhầm ngày 31/11, bot nhắc lại).
zalo-demo-s-answers = Đảng viên trả lời thông báo bằng số hoặc bằng chữ của lựa chọn; câu không khớp được hỏi lại; tệp lịch gửi thành đường dẫn.
zalo-demo-s-reminders = Những ngày sau: nhắc lịch người chưa trả lời, tóm tắt tối hôm trước cho bí thư.
zalo-demo-s-record = Họp xong: bí thư điểm danh, nhập giờ, chấm điểm và nhận đường dẫn tải biên bản; đảng viên xem /toi.
zalo-demo-done = Xong: {$sent} tin đã gửi qua hàng đợi tới Zalo. Cơ sở dữ liệu: {$url}.

## Outbox summary (chibo outbox)
cli-outbox-title = Tin đưa vào hàng đợi từ {$since} ({$zone}): {$total}
cli-outbox-status-sent = đã gửi
cli-outbox-status-failed = thất bại
cli-outbox-status-dropped = bỏ
cli-outbox-status-pending = đang chờ
cli-outbox-status-sending = đang gửi
cli-outbox-delivered-all = Không có tin nào thất bại hay bị bỏ.
cli-outbox-not-delivered = Chưa đến tay người nhận, theo lý do:
cli-outbox-reason-blocked = người nhận đã chặn bot (403)
cli-outbox-reason-deactivated = tài khoản đã bị xoá (403)
cli-outbox-reason-kicked = bot đã bị mời ra khỏi nhóm (403)
cli-outbox-reason-forbidden = Telegram từ chối chuyển tin (403)
cli-outbox-reason-unreachable-earlier = không gửi: người nhận đã từ chối một tin trước đó (403)
cli-outbox-reason-chat-not-found = không tìm thấy cuộc trò chuyện (400): người nhận chưa mở bot, hoặc mã cuộc trò chuyện sai
cli-outbox-reason-too-long = tin quá dài (400)
cli-outbox-reason-bad-request = bị từ chối vì sai định dạng (400)
cli-outbox-reason-gave-up-server = đã thôi thử sau nhiều lần máy chủ báo lỗi (5xx)
cli-outbox-reason-gave-up-network = đã thôi thử sau nhiều lần lỗi mạng hoặc quá thời gian chờ
cli-outbox-reason-gave-up-setup = đã thôi thử: token hoặc TELEGRAM_API_ROOT sai (401/404)
cli-outbox-reason-expired = hết hạn trước khi gửi được (cuộc họp đã bắt đầu)
cli-outbox-reason-meeting-changed = bỏ vì cuộc họp đã dời hoặc huỷ
cli-outbox-reason-follow-ended = bỏ vì việc theo dõi chi bộ đã kết thúc
cli-outbox-reason-bad-payload = không đọc được nội dung tin đã lưu
cli-outbox-reason-other = lỗi khác
cli-outbox-unreachable = Người không liên lạc được: {$count}
cli-outbox-unreachable-line = {$name} ({$orgs}), từ {$when}
cli-outbox-waiting-none = Không có tin đến hạn nào đang chờ gửi.
cli-outbox-waiting = Đến hạn mà chưa gửi: {$count}; tin chờ lâu nhất đã chờ {$age}.
cli-outbox-waiting-line = #{$id} {$kind} tới {$chat} ({$channel}): {$state}
cli-outbox-state-due = đến hạn từ {$since}
cli-outbox-state-retrying = {$attempts} lần thử lỗi ({$error}); thử lại lúc {$next}
cli-outbox-state-sending = đang gửi (giữ đến {$until})
cli-outbox-waiting-more = … và {$count} tin nữa (--json liệt kê tối đa 200)
cli-outbox-later = Còn {$count} tin hẹn gửi sau (giờ nghỉ đêm hoặc giờ đã đặt).
cli-outbox-paid-allowed = Phát tin trả phí (allow_paid_broadcast): cho phép thêm tới {$rate} tin/giây, ngân sách {$budget} Stars/tháng; tháng {$month} (UTC) đã dùng {$stars} Stars.
cli-outbox-paid-off = Phát tin trả phí: đang tắt.
cli-outbox-paid-spent = {$month}, bot {$bot}: {$messages} tin trả phí = {$stars} Stars
cli-outbox-age-minutes = {$count} phút
cli-outbox-age-hours = {$count} giờ
cli-outbox-age-days = {$count} ngày
doctor-outbox-failures = {$count} tin trong 24 giờ qua chưa đến tay người nhận. Chạy `chibo outbox` để xem lý do.

# roster: import moves
cli-import-progress-checked = … đã kiểm tra {$done} dòng
cli-import-moves = Chuyển sinh hoạt sang chi bộ khác: {$count}
cli-import-moves-dry = Sẽ chuyển sinh hoạt sang chi bộ khác: {$count}
cli-import-move = {$name}: {$from} → {$to} ({$phone})
cli-import-left = Không còn trong danh sách, đã kết thúc (--sync): {$count}
cli-import-left-dry = Không còn trong danh sách, sẽ kết thúc (--sync): {$count}
cli-import-left-line = {$name}: rời {$org} ({$phone})
cli-import-unlisted-kept = Không còn trong danh sách nhưng vẫn giữ (thêm --sync để kết thúc): {$count}
cli-import-unlisted-line = {$name}: vẫn ở {$org} ({$phone})

# roster: member CLI
cli-member-usage = Cách dùng: chibo member <việc> ... (ngày viết DD/MM/YYYY theo giờ của chi bộ; không có --on là hôm nay; ngày trong tương lai bị từ chối)
    member add <MÃ_CHI_BỘ> --name "Họ và tên" --phone <số điện thoại> --status probationary|official|exempt [--admitted DD/MM/YYYY] [--on DD/MM/YYYY] [--note ...]
                                            thêm đảng viên vào chi bộ (người mới, hoặc người chưa thuộc chi bộ nào); --admitted: ngày kết nạp
    member move <số điện thoại> <MÃ_CHI_BỘ_MỚI> [--on DD/MM/YYYY] [--note ...]
                                            chuyển sinh hoạt sang chi bộ khác (văn phòng ghi thẳng, không chờ chi bộ nhận)
    member attach <số điện thoại> <MÃ_CHI_BỘ> [--on DD/MM/YYYY] [--until DD/MM/YYYY] [--note ...]
                                            sinh hoạt tạm thời ở chi bộ khác, vẫn thuộc chi bộ của mình
    member attach <số điện thoại> --end [--on DD/MM/YYYY]
                                            kết thúc sinh hoạt tạm thời, trở về chi bộ của mình
    member status <số điện thoại> official|probationary|exempt [--cell <MÃ_CHI_BỘ>] [--on DD/MM/YYYY] [--note <lý do>]
                                            công nhận chính thức, miễn sinh hoạt, hoặc thôi miễn
    member end <số điện thoại> <MÃ_TỔ_CHỨC> --reason left|died|removed|expelled [--on DD/MM/YYYY] [--note ...]
                                            ghi rời chi bộ, từ trần, xoá tên hoặc khai trừ (theo quyết định của cấp có thẩm quyền)
    member history <số điện thoại> [--json]  mọi giai đoạn sinh hoạt: chi bộ, loại, trạng thái, chức vụ, từ ngày, đến ngày, lý do
    Mọi việc nhận --json (kết quả dạng JSON) và --now. Mã thoát: 0 đã ghi, 1 bị từ chối hoặc không tìm thấy, 2 sai tham số.
cli-member-unknown = Không có việc «{$command}» của chibo member.
cli-member-person-unknown = Không có ai có số {$phone}.
cli-member-bad-day = {$option}: «{$text}» {$reason}.
cli-member-bad-day-format = không phải là ngày (viết DD/MM/YYYY, ví dụ 05/12/2026)
cli-member-bad-day-no_such_date = không có ngày này
cli-member-bad-day-too_old = trước năm 1930
cli-member-until-before = --until {$until} phải sau ngày bắt đầu {$day}.
cli-member-name-kept = Lưu ý: số {$phone} đã có tên «{$name}» nên giữ tên này, không đổi thành «{$given}».
cli-member-added = Đã thêm {$name} ({$phone}) vào {$cell} ({$code}), đảng viên {$status}, từ ngày {$day}.
cli-member-added-again = Đã thêm {$name} ({$phone}, đã có trong danh sách) vào {$cell} ({$code}), đảng viên {$status}, từ ngày {$day}.
cli-member-moved = Đã chuyển sinh hoạt của {$name} ({$phone}) từ {$from} sang {$cell} ({$code}) từ ngày {$day}.
cli-member-moved-in = Đã đưa {$name} ({$phone}) vào {$cell} ({$code}) từ ngày {$day}.
cli-member-attached = Từ ngày {$day}, {$name} ({$phone}) sinh hoạt tạm thời ở {$cell} ({$code}), vẫn thuộc chi bộ {$home}.
cli-member-attached-until = Dự kiến đến ngày {$until}.
cli-member-detached = Từ ngày {$day}, {$name} ({$phone}) thôi sinh hoạt tạm thời ở {$cell} ({$code}) và trở lại sinh hoạt ở chi bộ {$home}.
cli-member-status-changed = {$name} ({$phone}) ở {$cell} ({$code}): từ {$from} thành {$to}, từ ngày {$day}.
cli-member-ended = Đã ghi {$name} ({$phone}) rời {$cell} ({$code}) từ ngày {$day}: {$reason}. Số giai đoạn đã kết thúc: {$count}.
cli-member-reason-moved = chuyển sinh hoạt sang chi bộ khác
cli-member-reason-left = ra khỏi danh sách
cli-member-reason-died = từ trần
cli-member-reason-removed = xoá tên
cli-member-reason-expelled = khai trừ
cli-member-reason-status = đổi trạng thái
cli-member-reason-role = đổi chức vụ
cli-member-reason-attached = đi sinh hoạt tạm thời nơi khác
cli-member-reason-attachment_over = hết sinh hoạt tạm thời
cli-member-reason-forgotten = xoá dữ liệu cá nhân theo yêu cầu
cli-member-kind-home = chi bộ của mình
cli-member-kind-attached = sinh hoạt tạm thời
cli-member-history-header = Quá trình sinh hoạt của {$name} ({$phone}): {$count} giai đoạn.
cli-member-history-admitted = Ngày kết nạp: {$day}
cli-member-history-official = Ngày công nhận chính thức: {$day}
cli-member-history-none = Chưa có giai đoạn sinh hoạt nào.
cli-member-history-line = {$from} → {$to}: {$org} ({$code}) · {$kind} · {$status} · {$role}
cli-member-history-from-start = từ trước khi có lịch sử
cli-member-history-to-now = nay
cli-member-history-until = dự kiến đến {$day}
cli-member-history-ended = kết thúc vì {$reason}
cli-member-history-note = ghi chú: {$note}
cli-member-refused-future_date = Ngày {$day} chưa tới (hôm nay là {$today}): chỉ ghi được việc đã xảy ra.
cli-member-refused-before_start = Ngày {$day} ở trước ngày giai đoạn hiện tại của {$name} bắt đầu ({$since}): hãy chọn một ngày từ {$since} trở đi.
cli-member-refused-not_a_cell = {$code} không phải là chi bộ (kind = cell).
cli-member-refused-not_member = {$name} ({$phone}) hiện không phải là đảng viên của {$cell} ({$code}).
cli-member-refused-no_home = {$name} ({$phone}) hiện không thuộc chi bộ nào: thêm vào bằng chibo member add hoặc chibo member move.
cli-member-refused-not_attached = {$name} ({$phone}) không đang sinh hoạt tạm thời ở chi bộ nào.
cli-member-refused-already_member = {$name} ({$phone}) đã là đảng viên của {$cell} ({$code}).
cli-member-refused-home_elsewhere = {$name} ({$phone}) đang thuộc {$orgName} ({$orgCode}): để chuyển sang {$code}, dùng chibo member move.
cli-member-refused-same_cell = {$name} ({$phone}) đã thuộc {$cell} ({$code}).
cli-member-refused-attach_home = {$cell} ({$code}) là chi bộ của chính {$name}: sinh hoạt tạm thời phải ở một chi bộ khác.
cli-member-refused-same_status = {$name} ({$phone}) đã là đảng viên {$status} ở {$cell} ({$code}).
cli-member-refused-attached_elsewhere = {$name} ({$phone}) đang sinh hoạt tạm thời ở {$orgName} ({$orgCode}): kết thúc việc đó trước (chibo member attach <số điện thoại> --end).
cli-member-refused-status_attached = {$name} ({$phone}) đang sinh hoạt tạm thời ở {$orgName} ({$orgCode}): trạng thái được ghi ở đó (--cell {$orgCode}).
cli-member-refused-phone_taken = Số {$phone} đã là của {$fullName}.

# roster: members in chat
member-action-add = ➕ Thêm đảng viên
member-action-off = 🎖 Công nhận chính thức
member-action-ex = 🛌 Miễn sinh hoạt
member-action-unex = ↩️ Thôi miễn sinh hoạt
member-action-att = 📥 Nhận sinh hoạt tạm thời
member-action-out = 📤 Chuyển sinh hoạt đi
member-action-dep = 🕯 Từ trần, xoá tên, khai trừ
member-confirm-yes = ✅ Xác nhận
member-confirm-no = ✖️ Huỷ
member-skip = Bỏ qua
member-date-today = Hôm nay ({$today})
member-date-format = Xin gõ ngày theo dạng ngày/tháng/năm, ví dụ {$today}.
member-date-no_such_date = Ngày này không có trên lịch.
member-date-future = Ngày này chưa đến (hôm nay là {$today}): chỉ ghi những việc đã xảy ra.
member-date-too_old = Năm này quá xa; xin kiểm tra lại.
member-until-past = Ngày kết thúc phải từ hôm nay trở đi (hôm nay là {$today}).
member-phone-invalid = Đây không phải là số điện thoại; ví dụ: 0912 345 678.
member-name-invalid = Họ tên cần từ 2 đến 100 ký tự.
member-note-invalid = Xin gõ vài chữ (tối đa 300 ký tự).
member-refused-future_date = Ngày này chưa đến: chỉ ghi những việc đã xảy ra.
member-refused-before_start = Ngày này trước {$since}, ngày bắt đầu của tình trạng hiện tại; xin gõ ngày từ {$since} trở đi.
member-refused-not_a_cell = Chỉ chi bộ mới có đảng viên sinh hoạt.
member-refused-not_member = Đồng chí này không còn trong danh sách chi bộ.
member-refused-already_member = Số điện thoại này đã là đảng viên của chi bộ.
member-refused-home_elsewhere = Số điện thoại này là của đảng viên đang sinh hoạt ở {$org}: bí thư nơi đó cần chuyển sinh hoạt sang đây.
member-refused-same_cell = Đồng chí này đã sinh hoạt ở chi bộ này rồi.
member-refused-same_status = Đồng chí này đã ở tình trạng đó.
member-refused-attached_elsewhere = Đồng chí này đang sinh hoạt tạm thời ở {$org}; việc này ghi ở đó hoặc sau khi kết thúc.
member-refused-phone_taken = Số điện thoại này đã thuộc về {$name}.
member-refused-pending_exists = Đồng chí này đã có một đề nghị chuyển sinh hoạt đang chờ.
member-refused-pending_exists-to = {$name} đã có đề nghị chuyển sinh hoạt sang {$org} đang chờ chi bộ đó nhận.
member-refused-not_pending = Đề nghị này đã được xử lý.
member-ask-name = Thêm đảng viên vào {$org}. Họ và tên của đồng chí ấy?
member-ask-phone = Số điện thoại của đồng chí ấy?
member-ask-status = Đảng viên chính thức hay dự bị?
member-ask-admitted = Ngày kết nạp (ngày/tháng/năm, ví dụ 15/03/2026)?
member-added = ✅ Đã thêm {$name} ({$phone}) vào {$org}: đảng viên {$status}, kết nạp ngày {$admitted}.
member-added-known = ✅ {$name} ({$phone}) đã có trong hệ thống và được ghi vào {$org}: đảng viên {$status}, kết nạp ngày {$admitted}.
member-none-for-official = {$org} không có đảng viên dự bị nào.
member-none-for-exempt = {$org} không có đảng viên nào để miễn sinh hoạt.
member-none-for-back = {$org} không có đảng viên nào đang được miễn sinh hoạt.
member-none-for-out = {$org} chưa có đảng viên nào.
member-pick-for-official = Công nhận đảng viên chính thức cho đồng chí nào?
member-pick-for-exempt = Miễn sinh hoạt cho đồng chí nào?
member-pick-for-back = Đồng chí nào thôi miễn sinh hoạt?
member-pick-for-out = Chuyển sinh hoạt đồng chí nào?
member-pick-for-departure = Đồng chí nào?
member-ask-exempt-reason = Lý do miễn sinh hoạt cho {$name} (ví dụ: tuổi cao, sức yếu)?
member-ask-on-official = {$name} được công nhận chính thức từ ngày nào (ngày/tháng/năm)?
member-ask-on-exempt = Miễn sinh hoạt từ ngày nào (ngày/tháng/năm)?
member-ask-on-back = {$name} sinh hoạt trở lại từ ngày nào (ngày/tháng/năm)?
member-done-official = ✅ {$name} là đảng viên chính thức từ ngày {$on}.
member-done-exempt = ✅ {$name} được miễn sinh hoạt từ ngày {$on}. Lý do: {$reason}
member-done-back = ✅ {$name} sinh hoạt trở lại từ ngày {$on} (đảng viên {$status}).
member-ask-attach-phone = Nhận sinh hoạt tạm thời ở {$org}. Số điện thoại của đảng viên ấy?
member-attach-unknown = Không có đảng viên nào với số {$phone}. Xin kiểm tra lại.
member-attach-no-home = {$name} hiện không sinh hoạt ở chi bộ nào; hãy dùng «Thêm đảng viên».
member-attach-other-tree = {$name} thuộc một đảng bộ khác, không nhận sinh hoạt tạm thời qua đây được.
member-ask-attach-until = {$name} đang sinh hoạt ở {$home}. Sinh hoạt tạm thời đến ngày nào (ngày/tháng/năm)?
member-attach-no-end = Chưa rõ ngày kết thúc
member-ask-attach-on = Bắt đầu sinh hoạt tạm thời từ ngày nào (ngày/tháng/năm)?
member-attached = ✅ {$name} ({$home}) sinh hoạt tạm thời ở {$org} từ ngày {$on}.
member-attached-until = ✅ {$name} ({$home}) sinh hoạt tạm thời ở {$org} từ ngày {$on} đến ngày {$until}.
member-ask-out-where = Chuyển {$name} đi đâu?
member-out-to-cell = Sang một chi bộ khác trong đảng bộ
member-out-away = Ra ngoài đảng bộ (không còn trong danh sách)
member-ask-destination = Chọn chi bộ nhận, hoặc gõ mã chi bộ (ví dụ AB01).
member-ask-destination-code = Gõ mã chi bộ nhận (ví dụ AB01).
member-destination-format = Mã chi bộ chỉ gồm chữ, số và các dấu _ . -
member-destination-unknown = Không có chi bộ mã «{$code}».
member-destination-not-cell = {$code} không phải là chi bộ; hãy gõ mã của một chi bộ.
member-destination-other-tree = Chi bộ {$code} thuộc một đảng bộ khác.
member-ask-on-move = {$name} chuyển sang {$org} từ ngày nào (ngày/tháng/năm)?
member-transfer-sent = 📨 Đã gửi đề nghị chuyển {$name} sang {$org}. Đến khi chi bộ đó nhận, đồng chí ấy vẫn sinh hoạt ở {$from}; đồng chí sẽ được báo kết quả.
member-transfer-sent-nobody = 📨 Đã ghi đề nghị chuyển {$name} sang {$org}, nhưng chi bộ đó chưa có bí thư hay phó bí thư nào liên kết để nhận tin. Đến khi chi bộ đó nhận, đồng chí ấy vẫn sinh hoạt ở {$from}.
member-ask-on-left = {$name} ra khỏi danh sách từ ngày nào (ngày/tháng/năm)?
member-confirm-left = Ghi {$name} ra khỏi danh sách {$org} từ ngày {$on}?
member-done-left = ✅ {$name} ra khỏi danh sách {$org} từ ngày {$on}.
member-departure-committee-only = Từ trần, xoá tên, khai trừ do cấp uỷ cấp trên ghi nhận theo quyết định của cấp có thẩm quyền; chi bộ không tự ghi được. Xin báo cấp uỷ cấp trên.
member-ask-departure = Ghi nhận việc gì cho một đảng viên của {$org}?
member-departure-died = Từ trần
member-departure-removed = Xoá tên
member-departure-expelled = Khai trừ
member-ask-decision = Số và ngày của quyết định (nếu có)?
member-ask-on-departure = Từ ngày nào (ngày/tháng/năm)?
member-confirm-departure = Ghi nhận {$name}: {$reason}, từ ngày {$on}? Việc này kết thúc mọi tư cách của đồng chí ấy.
member-done-departure = ✅ Đã ghi nhận {$name}: {$reason}, từ ngày {$on}.
member-transfer-request = 📨 Đề nghị chuyển sinh hoạt đảng: {$name} ({$phone}) từ {$from} sang {$to}, từ ngày {$on}. Chi bộ có nhận không?
member-transfer-accept = ✅ Nhận
member-transfer-decline = ✖️ Không nhận
member-transfer-accepted-by = ✅ Đã nhận: {$name} sinh hoạt ở {$org}.
member-transfer-declined-by = ✖️ Đã từ chối.
member-transfer-accepted-note = ✅ {$to} đã nhận {$name}: đồng chí ấy chuyển sinh hoạt sang đó.
member-transfer-declined-note = ✖️ {$to} không nhận {$name}: đồng chí ấy vẫn sinh hoạt ở chi bộ mình.
member-transfer-already-decided = Đề nghị này đã được xử lý.
member-transfer-cancelled = Đề nghị đã bị huỷ vì danh sách đã thay đổi.

# roster: probation and digest
probation-reminder = 🎓 Đồng chí {$member} ({$org}) được kết nạp ngày {$admitted}; thời gian dự bị { $passed ->
    [yes] đã kết thúc ngày {$ends}. Chi bộ cần sớm xem xét, biểu quyết công nhận đảng viên chính thức cho đồng chí.
   *[no] kết thúc ngày {$ends}. Sau ngày này, chi bộ cần kịp thời xem xét, biểu quyết công nhận đảng viên chính thức cho đồng chí.
}
digest-roster = 👥 Biến động đảng viên từ {$from}: kết nạp, bổ sung {$admitted}; chuyển đến {$movedIn}; chuyển đi {$movedOut}; giảm {$departed}. Hết dự bị chưa xét chính thức: {$overdue}
digest-roster-child = • {$name}: +{$admitted} kết nạp, +{$movedIn} đến, −{$movedOut} đi, −{$departed} giảm; {$overdue} hết dự bị chưa xét
digest-probation-overdue = Đảng viên dự bị đã hết 12 tháng mà chưa được xét chính thức ({$count}):
digest-probation-overdue-line = {$member} ({$name}): kết nạp {$admitted}, hết dự bị {$ends}, đã quá {$days} ngày
digest-roster-admitted = Kết nạp, bổ sung ({$count}):
digest-roster-moved-in = Chuyển sinh hoạt đến ({$count}):
digest-roster-moved-out = Chuyển sinh hoạt đi ({$count}):
digest-roster-departed = Đảng viên giảm ({$count}):
digest-roster-line = {$member} ({$name}), {$date}
digest-roster-departed-line = {$member} ({$name}), {$date}: {$reason}
digest-roster-reason-moved = chuyển sinh hoạt đi
digest-roster-reason-left = ra khỏi danh sách chi bộ
digest-roster-reason-died = từ trần
digest-roster-reason-removed = xoá tên
digest-roster-reason-expelled = khai trừ
digest-sheet-roster = Biến động đảng viên
digest-roster-sheet-title = Biến động đảng viên từ {$from} đến nay
digest-col-admitted = Kết nạp, bổ sung
digest-col-moved-in = Chuyển đến
digest-col-moved-out = Chuyển đi
digest-col-departed = Giảm
digest-col-probation-overdue = Hết dự bị chưa xét
digest-sheet-probation-overdue = Hết dự bị chưa xét
digest-sheet-roster-movements = Danh sách biến động
digest-title-roster-movements = Biến động đảng viên ({$count})
digest-col-admitted-on = Ngày kết nạp
digest-col-probation-ends = Hết dự bị
digest-col-on = Ngày
digest-col-movement = Biến động
digest-col-reason = Lý do
digest-movement-admitted = Kết nạp, bổ sung
digest-movement-moved-in = Chuyển đến
digest-movement-moved-out = Chuyển đi
digest-movement-departed = Giảm

## resolutions: recording the outcome and answering tasks
cmd-resolution = Ghi kết luận, biểu quyết và nhiệm vụ (bí thư)
resolution-not-secretary = Chỉ bí thư hoặc phó bí thư chi bộ ghi kết luận và nhiệm vụ của cuộc họp.
resolution-no-meeting = Chưa có cuộc họp nào đã điểm danh trong bốn tháng qua. Hãy điểm danh (/diemdanh) trước.
resolution-pick-meeting = Ghi kết luận cho cuộc họp nào?
resolution-not-recorded = Cuộc họp này chưa được điểm danh (hoặc ghi là không họp): chưa thể ghi kết luận.
resolution-title = 📝 Kết luận và nhiệm vụ: {$what}, {$org}, {$when}
resolution-finished = Đã lưu. Các đồng chí được giao việc sẽ nhận được nhiệm vụ (ngoài giờ yên lặng).
resolution-minutes-button = 📄 Biên bản đã cập nhật
resolution-ask-change = Đồng chí muốn làm gì?
resolution-change-conclusion = ✏️ Ghi lại kết luận, biểu quyết
resolution-change-add = ➕ Thêm nhiệm vụ
resolution-change-move = 📅 Dời hạn một nhiệm vụ
resolution-change-withdraw = 🗑 Rút một nhiệm vụ
resolution-change-finish = ✅ Xong
resolution-current-conclusion = Kết luận: {$text}
resolution-no-conclusion = Chưa ghi kết luận.
resolution-current-tasks = Nhiệm vụ ({$count}):
resolution-no-tasks = Chưa có nhiệm vụ nào.
resolution-vote-passed = Biểu quyết: {$for} tán thành, {$against} không tán thành, {$abstain} không biểu quyết. Nghị quyết được thông qua (quá nửa của {$counted} đảng viên chính thức được tính).
resolution-vote-failed = Biểu quyết: {$for} tán thành, {$against} không tán thành, {$abstain} không biểu quyết. Nghị quyết KHÔNG được thông qua (cần quá nửa của {$counted} đảng viên chính thức được tính).
resolution-text-too-long = Nội dung dài quá {$max} ký tự, xin gửi ngắn gọn hơn.
resolution-ask-conclusion = Gửi kết luận của chủ trì cuộc họp (nội dung nghị quyết):
resolution-ask-voted = Kết luận có được biểu quyết thành nghị quyết không?
resolution-voted-yes = Có biểu quyết
resolution-voted-no = Không biểu quyết
resolution-ask-votes = Gửi số phiếu theo thứ tự: tán thành, không tán thành, không biểu quyết (ví dụ: 12 0 1). Có {$voters} đảng viên chính thức dự họp được biểu quyết; nghị quyết cần quá nửa của {$counted}.
resolution-votes-invalid = Cần ba số, theo thứ tự tán thành, không tán thành, không biểu quyết (ví dụ: 12 0 1).
resolution-votes-too-many = Tổng số phiếu nhiều hơn {$voters} đảng viên chính thức dự họp được biểu quyết. Xin kiểm tra lại.
resolution-conclusion-saved = ✅ Đã lưu kết luận.
resolution-ask-add-task = Giao nhiệm vụ thực hiện kết luận?
resolution-add-task = ➕ Thêm nhiệm vụ
resolution-no-more-tasks = Không thêm nữa
resolution-ask-task-text = Nhiệm vụ là gì? (gửi nội dung)
resolution-assignee-whole-cell = 0. Cả chi bộ
resolution-ask-assignees = Ai thực hiện? Gửi số thứ tự, cách nhau bởi dấu phẩy (ví dụ: 1, 3), hoặc 0 cho cả chi bộ:
    {$list}
resolution-assignees-invalid = Xin gửi các số từ 1 đến {$count}, cách nhau bởi dấu phẩy, hoặc 0 cho cả chi bộ.
resolution-ask-due = Hạn hoàn thành (ngày/tháng/năm, ví dụ 20/01/2027):
resolution-due-format = Xin gửi ngày theo dạng ngày/tháng/năm, ví dụ 20/01/2027.
resolution-due-no_such_date = Không có ngày này trong lịch.
resolution-due-past = Hạn hoàn thành không thể là ngày đã qua.
resolution-due-too_far = Hạn hoàn thành không quá hai năm kể từ hôm nay.
resolution-task-saved = ✅ Đã lưu nhiệm vụ.
resolution-task-not-saved = Không lưu được: cuộc họp hoặc nhiệm vụ đã thay đổi. Xin thử lại với /nghiquyet.
resolution-ask-task-number = Nhiệm vụ số mấy? (1 đến {$count})
resolution-task-number-invalid = Xin gửi một số từ 1 đến {$count}.
resolution-task-withdrawn = Đã rút nhiệm vụ; người đang thực hiện được báo.
resolution-task-moved = Đã dời hạn; người chưa xong được báo hạn mới.
task-whole-cell = cả chi bộ
task-line = {$n}. {$text} — {$who}, hạn {$due}: {$status}
task-button-done = ✅ Đã xong
task-button-note = 📝 Báo tiến độ
task-assigned = 📌 Nhiệm vụ từ {$meeting} của {$org}:
    {$text}
    Hạn hoàn thành: {$due}.
    Khi xong, bấm "Đã xong"; có thể báo tiến độ bất cứ lúc nào.
task-moved = 📅 Hạn của nhiệm vụ "{$text}" ({$org}) đổi sang {$due}.
task-reminder = ⏳ Nhắc việc: nhiệm vụ "{$text}" ({$org}) đến hạn ngày {$due}.
task-withdrawn = Nhiệm vụ "{$text}" ({$org}) đã được chi bộ rút lại; đồng chí không cần thực hiện nữa.
task-overdue = ⚠️ Nhiệm vụ quá hạn ({$org}, {$meeting}): "{$text}", hạn {$due}. Chưa xong: {$waiting}.
task-done-all = ✅ Đã ghi nhận: nhiệm vụ "{$text}" đã hoàn thành.
task-done-you = ✅ Đã ghi nhận phần của đồng chí trong nhiệm vụ "{$text}".
task-noted = 📝 Đã ghi tiến độ cho nhiệm vụ "{$text}".
task-already-done = Đồng chí đã báo xong nhiệm vụ "{$text}" rồi.
task-refused-not_assignee = Nhiệm vụ này không giao cho đồng chí.
task-refused-left_cell = Đồng chí không còn sinh hoạt ở chi bộ giao nhiệm vụ này.
task-refused-withdrawn = Nhiệm vụ này đã được rút lại.
task-ask-note = Gửi ghi chú tiến độ (việc đã làm, vướng mắc):

## resolutions: minutes and review
minutes-conclusion-vote = Biểu quyết: {$for} đồng chí tán thành, {$against} không tán thành, {$abstain} không biểu quyết (số đảng viên chính thức được tính: {$counted}).
minutes-conclusion-passed = Kết quả: nghị quyết được thông qua (quá nửa số đảng viên chính thức tán thành).
minutes-conclusion-not-passed = Kết quả: nghị quyết không được thông qua (chưa quá nửa số đảng viên chính thức tán thành).
minutes-conclusion-summary = Kết luận: {$text}
minutes-conclusion-summary-passed = Biểu quyết: {$for} tán thành, {$against} không tán thành, {$abstain} không biểu quyết — thông qua
minutes-conclusion-summary-not-passed = Biểu quyết: {$for} tán thành, {$against} không tán thành, {$abstain} không biểu quyết — không thông qua
minutes-task-heading = Nhiệm vụ được giao ({$count}):
minutes-task-col-number = TT
minutes-task-col-task = Nhiệm vụ
minutes-task-col-who = Người thực hiện
minutes-task-col-due = Thời hạn
minutes-task-whole-cell = Toàn chi bộ
minutes-task-summary = Nhiệm vụ được giao: {$count}
minutes-review-heading = Kiểm điểm việc thực hiện nghị quyết kỳ trước:
minutes-review-title = Kiểm điểm việc thực hiện nghị quyết kỳ trước ({$kind}):
minutes-review-conclusion = Kết luận kỳ trước: {$text}
minutes-review-no-tasks = Kỳ trước không giao nhiệm vụ.
minutes-review-tally = {$total} nhiệm vụ: {$onTime} xong đúng hạn, {$late} muộn hoặc quá hạn, {$open} đang làm.
minutes-review-line = • {$task} (hạn {$due}): {$status}
minutes-review-line-notes = {$line} — Ghi chú: {$notes}
minutes-review-col-status = Kết quả
minutes-review-col-notes = Ghi chú
task-status-done = Đã xong
task-status-done_late = Xong muộn
task-status-overdue = Quá hạn
task-status-open = Đang làm
record-offer-resolution = Tiếp theo: ghi kết luận (nghị quyết, biểu quyết) và giao nhiệm vụ; biên bản sẽ được cập nhật. Có thể ghi sau bằng /nghiquyet.
record-offer-resolution-button = 📝 Ghi kết luận, nhiệm vụ
record-vote-now-passes = Sau khi sửa điểm danh, số đảng viên chính thức được tính là {$counted}: nghị quyết đã biểu quyết nay ĐƯỢC thông qua.
record-vote-now-fails = Sau khi sửa điểm danh, số đảng viên chính thức được tính là {$counted}: nghị quyết đã biểu quyết nay KHÔNG đủ quá nửa, không được thông qua.
me-open-tasks = Nhiệm vụ chưa xong ({$count}):
me-task = • {$text} (hạn {$due})
me-task-overdue = • ⚠️ {$text} (quá hạn {$due})

## resolutions: committees
digest-tasks-summary = 📌 Nhiệm vụ theo nghị quyết (cuộc họp từ {$from}, cùng mọi nhiệm vụ chưa xong): {$onTime} xong đúng hạn, {$late} trễ hạn, {$open} đang làm; {$cells} chi bộ họp mà không ghi kết luận
digest-tasks-child = • {$name}: {$onTime} đúng hạn, {$late} trễ hạn, {$open} đang làm; {$cells} chi bộ không ghi kết luận
digest-tasks-no-conclusion = Cuộc họp không ghi kết luận ({$count}):
digest-tasks-no-conclusion-line = {$name}, {$date}
digest-tasks-sheet = Nhiệm vụ
digest-tasks-sheet-no-conclusion = Không ghi kết luận
digest-tasks-sheet-title = Nhiệm vụ theo nghị quyết (cuộc họp từ {$from}, cùng mọi nhiệm vụ chưa xong)
digest-tasks-col-on-time = Xong đúng hạn
digest-tasks-col-late = Trễ hạn (xong muộn hoặc quá hạn)
digest-tasks-col-open = Đang làm (chưa đến hạn)
digest-tasks-col-no-conclusion = Chi bộ họp không ghi kết luận
export-tasks-sheet = Nhiệm vụ
export-tasks-heading = Nhiệm vụ theo nghị quyết các cuộc họp trong năm (trạng thái tại thời điểm xuất tệp)
export-tasks-col-code = Mã
export-tasks-col-cell = Chi bộ
export-tasks-col-month = Tháng họp
export-tasks-col-task = Nhiệm vụ
export-tasks-col-assignees = Người thực hiện
export-tasks-col-due = Hạn
export-tasks-col-status = Trạng thái
export-tasks-col-done-at = Hoàn thành lúc
export-tasks-col-notes = Ghi chú tiến độ
export-tasks-whole-cell = Cả chi bộ
export-tasks-none = Chưa có nhiệm vụ nào được giao trong năm.
cli-resolutions-title = Nghị quyết và nhiệm vụ – {$org} ({$code}): cuộc họp từ {$from}, cùng mọi nhiệm vụ chưa xong
cli-resolutions-col-org = Đơn vị
cli-resolutions-col-code = Mã
cli-resolutions-col-on-time = Đúng hạn
cli-resolutions-col-late = Trễ hạn
cli-resolutions-col-open = Đang làm
cli-resolutions-col-no-conclusion = CB không kết luận
cli-resolutions-total = Tổng cộng
cli-resolutions-no-conclusion = Cuộc họp không ghi kết luận ({$count}):
cli-resolutions-no-conclusion-line = • {$name} ({$code}), {$date}
demo-s-resolution = Kết luận và nhiệm vụ: bí thư ghi kết luận, biểu quyết (kiểm tra quá nửa), giao một nhiệm vụ cho Dung và Cường (21:05, chưa đến giờ yên lặng: họ nhận ngay); sáng hôm sau Dung báo tiến độ.
