## Common
error-try-again = Xin lỗi, đã có lỗi. Vui lòng thử lại sau. Mã tham chiếu: {$ref}
cancelled = Đã huỷ. Bạn có thể bắt đầu lại bất cứ lúc nào.
nothing-to-cancel = Không có việc gì đang dở để huỷ.
not-linked = Tài khoản Telegram này chưa được liên kết với hồ sơ đảng viên nào. Hãy mở đường dẫn mời mà bí thư chi bộ gửi cho bạn.
not-allowed = Bạn không có quyền làm việc này.
button-stale = Nút này đã cũ hoặc không hợp lệ.
group-not-supported = Xin hãy nhắn riêng cho bot; trong nhóm bot chỉ đăng thông báo.
fallback-linked = Tôi chưa hiểu tin nhắn này. Gõ /help để xem bạn có thể làm gì.

## Commands menu
cmd-start = Bắt đầu, tham gia bằng mã mời
cmd-help = Bạn có thể làm gì
cmd-settings = Cài đặt ngôn ngữ
cmd-cancel = Huỷ việc đang làm
cmd-requests = Yêu cầu tham gia đang chờ duyệt
cmd-members = Danh sách chi bộ

## Onboarding
start-no-code = Xin chào! Đây là bot nhắc lịch sinh hoạt chi bộ. Để tham gia, hãy mở đường dẫn mời mà bí thư chi bộ gửi cho bạn.
start-welcome-back = Chào {$name}, tài khoản của bạn đã được liên kết. Gõ /help để xem bạn có thể làm gì.
start-bad-code = Mã mời không hợp lệ. Hãy kiểm tra lại đường dẫn bí thư gửi cho bạn.
start-unknown-code = Không tìm thấy mã mời này. Hãy xin bí thư một đường dẫn mời mới.
start-expired-code = Mã mời này đã hết hạn. Hãy xin bí thư một đường dẫn mời mới.
start-used-up-code = Mã mời này đã được dùng hết số lượt. Hãy xin bí thư một đường dẫn mời mới.
start-already-linked-other = Tài khoản này đã được liên kết với hồ sơ {$name}. Nếu có nhầm lẫn, hãy báo bí thư chi bộ.
join-greeting = Xin chào {$name}! Bạn được mời tham gia {$org}.
join-ask-contact = Để xác nhận bạn có trong danh sách, hãy bấm nút «Chia sẻ số điện thoại» bên dưới. Nếu không muốn chia sẻ, bấm «Nhập họ tên» và gõ họ tên đầy đủ.
join-button-contact = 📱 Chia sẻ số điện thoại
join-button-type-name = ✍️ Nhập họ tên
join-ask-name = Hãy gõ họ và tên đầy đủ của bạn (như trong danh sách chi bộ).
join-name-invalid = Họ tên cần có từ 2 đến 100 ký tự. Hãy gõ lại họ và tên đầy đủ.
join-contact-not-own = Đây không phải số điện thoại của chính bạn. Hãy dùng nút «Chia sẻ số điện thoại» để gửi số của mình.
join-expect-contact-or-name = Tôi cần số điện thoại (bằng nút bên dưới) hoặc họ tên của bạn.
join-linked = Đã liên kết! Chào mừng {$name} đến với {$org}. Bạn sẽ nhận thông báo và nhắc lịch sinh hoạt tại đây. Gõ /help để xem bạn có thể làm gì.
join-already-linked = Tài khoản này đã được liên kết với hồ sơ {$name} rồi.
join-pending = Cảm ơn bạn. Yêu cầu tham gia {$org} đã được gửi tới bí thư để duyệt. Bạn sẽ nhận được tin nhắn khi có kết quả.
join-used-up = Mã mời này vừa hết lượt dùng. Hãy xin bí thư một đường dẫn mời mới.
join-approved = Bí thư đã duyệt: tài khoản của bạn được liên kết với hồ sơ {$name} trong {$org}. Gõ /help để xem bạn có thể làm gì.
join-rejected = Yêu cầu tham gia {$org} của bạn chưa được chấp nhận. Nếu có nhầm lẫn, hãy liên hệ bí thư chi bộ.

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
members-none = Bạn không phụ trách chi bộ nào.

## Help
help-intro = Bạn có thể dùng các lệnh sau:
help-unlinked = Bạn chưa tham gia. Hãy mở đường dẫn mời mà bí thư chi bộ gửi cho bạn.
help-member = /help – xem hướng dẫn này
    /settings – chọn ngôn ngữ
    /cancel – huỷ việc đang làm
help-secretary = /requests – duyệt yêu cầu tham gia chi bộ
    /members – xem danh sách chi bộ và ai đã liên kết
help-committee = /requests – duyệt yêu cầu tham gia tổ chức mình phụ trách
    /members – xem danh sách tổ chức mình phụ trách

## Settings
settings-language = Chọn ngôn ngữ:
settings-language-saved = Đã chuyển sang tiếng Việt.
settings-need-link = Bạn cần tham gia trước khi lưu cài đặt. Hiện tại bot dùng ngôn ngữ của Telegram của bạn.

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
cli-unknown-command = Không có lệnh «{$command}».
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

## Demo
demo-title = Bản trình diễn chibo: một tỉnh nhỏ, hai xã/phường, ba chi bộ, {$people} người.
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
demo-done = Xong. {$linked}/{$people} người đã liên kết, {$pending} yêu cầu đang chờ. Chạy `npx chibo members AB01` với DATABASE_URL={$url} để xem danh sách.
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
