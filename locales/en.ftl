## Common
error-try-again = Sorry, something went wrong. Please try again later. Reference: {$ref}
cancelled = Cancelled. You can start again at any time.
nothing-to-cancel = There is nothing in progress to cancel.
conversation-conflict = This answer arrived at the same moment as another one and was not saved; the other one was recorded. Please check the question now waiting and answer again if needed.
not-linked = This Telegram account is not linked to a member record yet. Open the invite link your cell secretary sent you.
not-allowed = You are not allowed to do this.
button-stale = This button is out of date or not valid.
group-not-supported = Please message the bot privately; in groups it only posts notices.
fallback-linked = I did not understand that message. Send /help to see what you can do.

## Commands menu
cmd-start = Start, join with an invite code
cmd-help = What you can do
cmd-schedule = Schedule a meeting (secretary)
cmd-settings = Language settings
cmd-cancel = Cancel what you are doing
cmd-requests = Join requests waiting for you
cmd-members = Your cell's roster
cmd-calendar = Your cell's meeting calendar link

## Onboarding
start-no-code = Hello! This bot keeps your party cell's meetings on schedule. To join, open the invite link your cell secretary sent you.
start-welcome-back = Hello {$name}, your account is linked. Send /help to see what you can do.
start-bad-code = This invite code is not valid. Check the link your secretary sent you.
start-wrong-bot = This invitation is for { $org }, whose messages come from its province's bot. Open this link to join through that bot:
    { $link }
start-unknown-code = This invite code was not found. Ask your secretary for a new invite link.
start-expired-code = This invite code has expired. Ask your secretary for a new invite link.
start-used-up-code = This invite code has no uses left. Ask your secretary for a new invite link.
start-already-linked-other = This account is already linked to the record of {$name}. If that is a mistake, tell your cell secretary.
join-greeting = Hello {$name}! You are invited to join {$org}.
join-ask-contact = To confirm you are on the roster, tap «Share my phone number» below. If you prefer not to, tap «Type my name» and type your full name.
join-button-contact = 📱 Share my phone number
join-button-type-name = ✍️ Type my name
join-ask-name = Please type your full name (as on the cell's roster).
join-name-invalid = A full name has 2 to 100 characters. Please type your full name again.
join-contact-not-own = That is not your own phone number. Use the «Share my phone number» button to send yours.
join-expect-contact-or-name = I need your phone number (with the button below) or your full name.
join-linked = Linked! Welcome {$name} to {$org}. You will get meeting notices and reminders here. Send /help to see what you can do.
join-already-linked = This account is already linked to the record of {$name}.
join-pending = Thank you. Your request to join {$org} was sent to the secretary for approval. You will get a message with the answer.
join-used-up = This invite code has just run out of uses. Ask your secretary for a new invite link.
join-approved = The secretary approved: your account is linked to the record of {$name} in {$org}. Send /help to see what you can do.
join-rejected = Your request to join {$org} was not accepted. If that is a mistake, contact your cell secretary.

## Join requests (secretary side)
request-new = Request to join {$org} from {$telegram}:
request-reason-typed_name = Typed the name «{$typed}».
request-reason-typed_phone = Typed the phone number {$phone}.
request-reason-no_match = Shared {$phone}, which is not on the roster.
request-reason-phone_linked_elsewhere = {$phone} is already linked to another Telegram account. Approving moves the link to the new account.
request-candidate = Matches the record of {$name}.
request-no-candidate = Matches no record: add this person to the roster (re-import the CSV) and invite them again, or reject.
request-approve = ✅ Approve
request-reject = ❌ Reject
request-approved-by = ✅ Approved: linked to {$name}.
request-rejected-by = ❌ Rejected.
request-already-decided = This request has already been decided.
request-not-found = This request was not found.
request-cannot-approve = Cannot approve: it matches no record on the roster.
requests-none = No join requests are waiting.
requests-header = { $count ->
    [one] One join request is waiting:
   *[other] {$count} join requests are waiting:
}

## Members list in chat
members-header = {$org}: {$count} members, {$linked} linked on Telegram.
members-line = {$mark} {$name} ({$role}, {$status})
members-none = You do not lead any cell.

## Help
help-intro = You can use these commands:
help-unlinked = You have not joined yet. Open the invite link your cell secretary sent you.
help-member = /help – this help
    /me – my meetings this year and my open tasks
    /calendar – your cell's meeting calendar link
    /settings – choose the language
    /cancel – cancel what you are doing
help-secretary = /schedule – schedule, move or cancel a meeting; set the usual schedule
    /attendance – record attendance, rule checks, score, minutes
    /resolution – record the conclusion and vote, assign tasks; move or withdraw a task
    /dues – mark a month of party dues unpaid
    /export – export the attendance register (Excel)
    /linkgroup – (sent in the cell's Telegram group) post meeting notices there
    /requests – approve requests to join your cell
    /members – your cell's roster and who is linked
help-committee = /export – export the attendance register of the cells you oversee
    /requests – approve requests to join the organisations you oversee
    /members – the roster of the organisations you oversee
    /report – meeting report, with drill-down to each organisation below
    /assign – assign a committee member to follow a cell; /following – the cells followed
    /broadcast – send a notice, a document or the thematic orientation to the cells below; /broadcasts – sent and read counts

## Settings
settings-language = Choose the language:
settings-language-saved = Switched to English.
settings-need-link = You need to join before settings can be saved. For now the bot follows your Telegram language.

## Labels
role-member = member
role-secretary = secretary
role-deputy = deputy secretary
role-committee = committee member
status-official = official
status-probationary = probationary
status-exempt = exempt
status-transferred = transferred

## Operator CLI
cli-usage = Usage: chibo <command>
    start                                   run the bot (long polling; needs BOT_TOKEN)
    demo                                    run the demo against a local Telegram test server
    import <orgs.csv> <members.csv> [--dry-run]
                                            load the organisation tree and the rosters
    invite <ORG_CODE> [--person <phone>] [--expires 14d] [--max-uses N]
                                            make an invite link
    members <ORG_CODE> [--json]             the roster with link status
    member add|move|attach|status|end|history ...
                                            record one person's membership change, or read their history (chibo member help)
    schedule <CELL_CODE> --at <ISO time> --kind regular|thematic|combined --place ... [--topic ...] [--minutes 90] [--document "Title | https://..."]
                                            schedule a meeting and send its notices
    meetings <ORG_CODE> [--json]            meetings with answer counts
    tick [--at <ISO time>]                  do everything due at that moment (reminders, summaries...) and drain the queue
    settings <ORG_CODE> [key=value ...]     show and set settings (quiet hours, reminders, thematic topics...), inherited down the tree
    attendance <MEETING_ID> --present <phones> --excused <phones> --unexcused <phones> [--late <phones>] [--start ISO] [--end ISO]
                                            record attendance
    export attendance <ORG_CODE> --year 2026 --out file.xlsx|file.csv
                                            the year's attendance register, one sheet per cell
    dues <CELL_CODE> <phone> <YYYY-MM>      mark a month of party dues unpaid
    digest <ORG_CODE> [--at <ISO time>] [--json]
                                            the committee's weekly report for its whole subtree
    resolutions <ORG_CODE> [--json]         tasks from resolutions per child organisation: on time, late, open; cells that met without a conclusion
    assign <CELL_CODE> <phone> [--remove]   assign (or end) following a cell
    follows <ORG_CODE> [--json]             who follows which cell
    broadcast <ORG_CODE> --kind notice|document|orientation --audience secretaries|members ...
                                            send to every cell below
    broadcasts <ORG_CODE> [--json]          broadcasts with sent and read counts
    person export <phone> [--out file.json] everything stored about a person, as JSON
    person forget <phone> [--yes]           remove a person's personal data, keeping anonymous figures
    outbox [--since 24h|7d|<ISO time>] [--json]
                                            what was sent, what failed and why, what is still waiting
    calendar <CELL_CODE> [--revoke]         the cell's private calendar link; --revoke retires the old links and makes a new one
    doctor                                  check configuration, database, migrations, token and webhook
    Every command but start, demo and doctor takes --now <ISO time with its offset, e.g. 2026-12-05T19:30+07:00> to act as at that moment.
cli-unknown-command = There is no command «{$command}».
cli-failed = Could not do it: {$detail}
cli-file-error = Cannot write or read {$path}: {$reason}.
cli-file-EISDIR = it is a folder; give a file name
cli-file-ENOENT = the folder holding it does not exist
cli-file-ENOTDIR = part of the path is not a folder
cli-file-EACCES = no permission
cli-file-EPERM = no permission
cli-file-EROFS = read-only file system
cli-file-ENOSPC = the disk is full
cli-file-other = error {$code}
cli-database-missing = There is no database {$file} yet. Load the rosters first with `npx chibo import orgs.csv members.csv` (which creates it), or check DATABASE_URL.
cli-database-unusable = Cannot open the database {$url}: {$detail}. Check DATABASE_URL, the PostgreSQL server, or the file's permissions.
cli-polling-conflict = This bot is already running somewhere else (Telegram answered 409: only one process may receive updates by long polling). Stop the other one, or run several in webhook mode (BOT_MODE=webhook).
cli-calendar-off = Calendar feeds are off: they need PUBLIC_URL and CHIBO_SECRET.
cli-calendar-revoked = The old calendar links of {$org} are revoked: none of them works any more. The new link (members get it again with /calendar):
cli-bad-arguments = Wrong arguments: {$detail}
cli-config-invalid = The configuration is not valid:
cli-missing-token = BOT_TOKEN is not set. Create a bot with @BotFather, then run: BOT_TOKEN=<token> npx chibo start (or try it without a token: npm run demo).
cli-token-rejected = Telegram refused BOT_TOKEN ({$detail}). Check the token from @BotFather.
cli-api-unreachable = Cannot reach the Bot API server {$root} ({$detail}). Check the network or TELEGRAM_API_ROOT.
cli-token-other = Could not check BOT_TOKEN: {$detail}
cli-started = Bot @{$username} is running (long polling). Press Ctrl+C to stop.
cli-stopping = Stopping...
cli-org-not-found = There is no organisation with code {$code}.
cli-person-not-found = Nobody with phone {$phone} is in {$code}.
cli-phone-invalid = «{$phone}» is not a phone number.
cli-duration-invalid = The duration «{$value}» is not valid (examples: 14d, 36h, 90m).
cli-need-username = The link needs the bot's username: set BOT_TOKEN (the bot asks Telegram) or BOT_USERNAME.
cli-bots-org-missing = TELEGRAM_BOTS_FILE: no organisation has the code { $code } (not imported yet, or a typo?). Its bot speaks for nobody yet.
cli-invite-created = Invite link to {$org}{$person}, valid until {$expires} ({$zone}) (at most {$uses} uses):
cli-invite-person = {" "}for {$name} only
cli-invite-code = Code (if the link cannot be opened, send the bot: /start {$code})
cli-import-problems = { $count ->
    [one] There is one problem; nothing was written:
   *[other] There are {$count} problems; nothing was written:
}
cli-import-problem = {$file}:{$line}: {$reason}
cli-import-dry-run = Dry run (--dry-run): nothing was written.
cli-import-summary = {$what}: created {$created}, updated {$updated}, unchanged {$unchanged}
cli-import-orgs = Organisations
cli-import-people = People
cli-import-memberships = Memberships
cli-progress-validated = … checked {$done}/{$total} rows
cli-progress-people = … wrote {$done}/{$total} people
cli-progress-memberships = … wrote {$done}/{$total} memberships
cli-members-header = {$org} ({$code}): {$count} people, {$linked} linked
cli-members-line = {$linked} {$name}  {$phone}  {$role}  {$status}
cli-members-linked = [linked]
cli-members-unlinked = [not linked]

## Doctor
# `chibo doctor` and webhook mode. Each check prints one line after ✅, ⚠️ or ❌.
doctor-started-webhook = Bot @{$username} is running (webhook {$url}). Send SIGTERM or press Ctrl+C to stop.
doctor-title = Checking chibo's configuration, database and Telegram connection:
doctor-config-ok = The configuration is valid (updates by {$mode}).
doctor-config-bad = The configuration is not valid; fix these environment variables and run again:
doctor-sqlite-missing = The database file {$file} does not exist yet: `npx chibo import orgs.csv members.csv` creates it (no other command does).
doctor-database-ok = The database answers ({$provider}).
doctor-database-bad = Cannot reach the database ({$provider}): {$detail}. Check DATABASE_URL and the database server.
doctor-migrations-ok = The database schema is up to date ({$count} migrations applied).
doctor-migrations-pending = {$count} migrations not applied ({$names}). `chibo start` applies them when it starts; back up the database first.
doctor-token-missing = BOT_TOKEN is not set: the bot gets nothing from Telegram. Create a bot with @BotFather and set BOT_TOKEN.
doctor-token-ok = BOT_TOKEN is valid: bot @{$username}.
doctor-webhook-unknown = Could not ask Telegram about the webhook: {$detail}
doctor-polling-ok = No webhook is set: long polling will get the updates.
doctor-polling-webhook-set = Telegram posts updates to the webhook {$url} while BOT_MODE=polling. `chibo start` will delete that webhook; if another machine runs in webhook mode, it will stop getting updates.
doctor-webhook-ok = The webhook is registered at {$url}; {$pending} updates waiting to be delivered.
doctor-webhook-not-set = Telegram has no webhook yet; `chibo start` will register {$url}.
doctor-webhook-other-url = Telegram posts updates to {$actual}, not to WEBHOOK_URL ({$url}): they go somewhere else. Run `chibo start` to register again, or fix WEBHOOK_URL.
doctor-webhook-last-error = Telegram's last delivery to the webhook failed ({$when}): {$error}. Check the reverse proxy, the TLS certificate and WEBHOOK_SECRET.
doctor-all-good = Everything is fine.
doctor-problems = { $count ->
    [one] 1 problem to fix.
   *[other] {$count} problems to fix.
}

## Demo
demo-title = chibo demo: a small province, two communes, three cells, {$people} people.
demo-refuses-file = {$url} holds data that is not the demo's: the demo will not overwrite it. Choose another file with --database (or delete this one yourself if you are sure it is not needed).
demo-refuses-postgres = The demo plays only on an empty PostgreSQL database, and {$url} has tables: it will not overwrite them. Create an empty database for the demo.
demo-database = Demo database: {$url} (made afresh on every run).
demo-server = Local Telegram test server: {$url}
demo-imported = Imported {$orgs} organisations and {$people} people from {$files}.
demo-step = ── {$text}
demo-user-says = 👤 {$name}: {$text}
demo-user-contact = 👤 {$name}: [shares the phone number {$phone}]
demo-user-taps = 👤 {$name}: [taps «{$button}»]
demo-bot-says = 🤖 → {$name}: {$text}
demo-bot-edits = 🤖 ✎ {$name} (message edited): {$text}
demo-bot-buttons = {"   "}[{$buttons}]
demo-bot-keyboard = {"   "}keyboard: [{$buttons}]
demo-done = Done: {$meetings} meeting(s), {$sent} messages sent through the outbox. Run `npx chibo meetings TSH` or `npx chibo members AB01` with DATABASE_URL={$url} to look.
demo-joined = {$linked}/{$people} people linked, {$pending} requests waiting.
demo-clock = 🕒 {$when} (Vietnam time)
demo-s-schedule = The secretary schedules December's meeting (types 31/11 and 60 minutes by mistake; the bot asks again).
demo-s-answers = Members answer: attending, absent with a reason, proposing an item; one stays silent.
demo-s-reminders = The following days: reminders to those who have not answered, the evening-before summary for the secretary, a last reminder to everyone.
demo-s-secretary = The secretary of the Đông village cell opens the personal invite link the office sent.
demo-s-member-contact = A member opens the cell's invite link and shares their phone number.
demo-s-member-english = A member whose Telegram is in English joins.
demo-s-member-typed = A member who prefers not to share their number types their name; the secretary approves.
demo-s-wrong-contact = A member shares someone else's number by mistake, then their own.
demo-s-stranger = A stranger with the link who is not on the roster; the secretary rejects.
demo-s-bad-codes = A wrong invite code and an expired one.
demo-s-help = Each person sees /help for their roles; the secretary looks at /members.
demo-s-settings = A member switches the language with /settings.
demo-s-secretary-2 = The secretaries of the two other cells and the commune committee member join with personal links.

## Guided questions (shared)
ask-type-answer = Please type your answer (or /cancel to stop).
ask-use-buttons = Please choose one of the buttons below (or /cancel to stop).

## Meetings: how a meeting reads
weekday-0 = Sunday
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
meeting-when = {$time}, {$weekday} {$date}
meeting-kind-regular = Regular meeting for {$month}
meeting-kind-thematic = Thematic meeting
meeting-kind-combined = Regular meeting for {$month} combined with a thematic one
meeting-line-what = What: {$what}
meeting-line-when = When: {$when} ({$minutes} minutes)
meeting-line-where = Where: {$place}
meeting-line-topic = Topic: {$topic}
meeting-line-agenda = Agenda: {$agenda}
meeting-line-documents = Documents:
meeting-line-no-documents = Documents: none yet.

## Meetings: notices and answers
notice-title = 📅 PARTY CELL MEETING NOTICE
notice-ask = Please confirm whether you will attend by choosing one of the options below.
notice-attend = ✅ I will attend
notice-absent = ❌ Absent (with a reason)
notice-read = 📖 I have read the agenda
notice-propose = 💡 Propose an item
notice-calendar = 📅 Add to calendar
calendar-caption = Open this file to add the meeting to your calendar.
answer-attend-recorded = ✅ Recorded: you will attend.
answer-absent-recorded = Recorded: you will be absent ({$reason}). The secretary will be told.
answer-read-recorded = 📖 Recorded: you have read the agenda.
absence-ask-reason = Why will you be absent?
absence-reason-work = Work
absence-reason-illness = Illness
absence-reason-travel = Travelling
absence-reason-family = Family matters
absence-reason-other = Other reason
absence-ask-note = Would you like to add a few words? Type them here, or tap «Skip».
absence-to-secretary = {$name} will be absent from the meeting at {$when}: {$reason}{ $hasNote ->
    [yes] {" "}– «{$note}»
   *[no] {""}
}.
meeting-not-member = You are not in this meeting's cell.
meeting-closed-cancelled = This meeting was cancelled.
meeting-closed-started = This meeting has started or is over; nothing more is recorded.
meeting-closed-moved = This meeting was moved; please use the newest notice.
meeting-closed-not_found = This meeting was not found.

## Meetings: agenda proposals
agenda-proposal-ask = What would you like to propose? One sentence, please.
agenda-proposal-sent = Your proposal was sent to the secretary. You will hear back.
agenda-proposal-new = 💡 {$name} proposes an item for the meeting at {$when}: «{$text}»
agenda-proposal-accept = ✅ Add to the agenda
agenda-proposal-decline = ❌ Do not add
agenda-proposal-accepted = The secretary added your proposal «{$text}» to the agenda.
agenda-proposal-declined = The secretary did not add your proposal «{$text}» to this meeting's agenda.
agenda-proposal-accepted-by = ✅ Added to the agenda.
agenda-proposal-declined-by = ❌ Not added to the agenda.

## Meetings: reminders, summary, warnings
reminder-title = ⏰ REMINDER: cell meeting at {$when}. You have not confirmed yet.
reminder-title-answered = ⏰ REMINDER: cell meeting at {$when}.
summary-title = 📋 Summary before the meeting at {$when}
summary-coming = Attending ({$count}): {$names}
summary-absent = Absent with a reason ({$count}): {$names}
summary-silent = No answer yet ({$count}): {$names}
summary-target-met = Expected {$coming}/{$expected} members ({$percent}%): above the {$target}% target.
summary-target-missed = Expected {$coming}/{$expected} members ({$percent}%): NOT above the {$target}% target.
docs-warning = ⚠️ The coming meeting has no documents yet. Documents must reach members at least 1 day before the meeting.
moved-title = 🔁 THE MEETING WAS MOVED (reason: {$reason})
moved-reconfirm = Your earlier answer does not carry over by itself: please confirm again.
moved-keep-attend = ✅ Still attending at the new time
cancelled-title = ✖️ MEETING CANCELLED: {$org}, {$when}. Reason: {$reason}

## Meetings: proposed from the usual schedule
proposed-title = 🗓 This month's meeting, proposed from the usual schedule:
proposed-ask = Confirm to send the notices, or tap «Change».
proposed-confirm = ✅ Confirm and send notices
proposed-change = ✏️ Change
proposed-already = This proposal has already been handled.

## Meetings: the secretary's guided scheduling
schedule-not-secretary = Only the cell's secretary or deputy can schedule meetings.
schedule-pick-cell = Schedule for which cell?
schedule-menu = Meetings of {$org}: what would you like to do?
schedule-menu-new = ➕ Schedule a meeting
schedule-menu-usual = 🗓 Set the usual schedule
schedule-menu-move = ⏩ Move a meeting
schedule-menu-cancel = ✖️ Cancel a meeting
schedule-ask-kind = Which kind of meeting?
schedule-kind-regular = Regular
schedule-kind-thematic = Thematic
schedule-kind-combined = Regular combined with thematic
schedule-ask-date = Date of the meeting? (for example 05/12 or 05/12/2026)
schedule-date-format = I cannot read that date.
schedule-date-no_such_date = That date does not exist.
schedule-date-past = That date has passed.
schedule-ask-time = Start time? (for example 19:30)
schedule-time-invalid = I cannot read that time (a good example: 19:30).
schedule-ask-minutes = How many minutes will it last? (usually {$minutes})
schedule-use-minutes = {$minutes} minutes
schedule-minutes-invalid = The length is a number of minutes from 15 to 600.
schedule-error-past = That moment has passed.
schedule-error-quiet_hours = That time falls in the night-time quiet hours; please choose another.
schedule-error-same_evening = The cell already has a meeting on that day.
schedule-error-too_long = The meeting would last over 10 hours.
schedule-warning-too_short = The guidance asks for at least {$minimum} minutes.
schedule-warning-too_short_combined = A regular meeting combined with a thematic one needs at least {$minimum} minutes.
schedule-keep-length = Keep this length
schedule-change-length = Change the length
schedule-ask-place = Where?
schedule-text-empty = The answer is empty.
schedule-text-too-long = The answer is too long: at most {$max} characters (this one has {$length}).
schedule-ask-agenda = Agenda, main points? (or tap «Skip»)
schedule-skip = Skip
schedule-ask-topic = Thematic topic?
schedule-ask-documents = Documents: send one per line as «Title | link». Tap «Done» when finished.
schedule-documents-done = Done
schedule-documents-invalid = Each line needs a title and an http(s) link, for example: Resolution 12 | https://example.org/r12
schedule-documents-no-files = This cell sends links to documents, not files, in the chat. Please send «Title | link».
schedule-documents-added = Added, {$count} document(s) in all. Send more or tap «Done».
schedule-preview = Please check:
schedule-confirm = ✅ Confirm and send notices
schedule-abandon = ✖️ Never mind
schedule-done = Confirmed. Notices are going out to {$count} people.
schedule-none-upcoming = The cell has no upcoming meeting.
schedule-pick-meeting = Which meeting?
schedule-ask-move-reason = Why is it moved?
schedule-ask-cancel-reason = Why is it cancelled?
schedule-confirm-move = Move the meeting to {$when} and tell everyone?
schedule-confirm-cancel = Cancel the meeting and tell everyone?
schedule-confirm-yes = ✅ Yes
schedule-moved = Moved. Telling {$count} people; each will confirm again.
schedule-cancelled = Cancelled. Telling {$count} people.
usual-ask-day = Which day of each month is the usual meeting? (1–31; shorter months meet on their last day)
usual-day-invalid = The day is a number from 1 to 31.
usual-saved = Usual schedule saved: day {$day} of each month, {$time}, at {$place}, {$minutes} minutes. Each month, {$lead} days ahead, the bot will propose it for the secretary to confirm.

## Group chat
group-linked = This group is now linked to {$org}. Meeting notices will be posted here.
group-link-not-secretary = Only the cell's secretary or deputy can link a group.
group-link-which = You lead several cells: send /linkgroup <cell code>.
group-notice-title = 📅 PARTY CELL MEETING NOTICE
group-tally = Attending: {$attend} · Absent: {$absent} · No answer: {$noAnswer}
group-tally-cancelled = ✖️ This meeting was cancelled.
group-answer-privately = Each member answers in a private chat with the bot.
unreachable-to-secretary = ⚠️ The bot cannot reach {$name} ({$org}): they may have blocked the bot or deleted their Telegram account. Please contact them directly.
cli-not-a-cell = {$code} is not a cell (kind = cell).
cli-warning = Note: {$text}
cli-scheduled = Scheduled meeting #{$id} of {$org} at {$when}; {$queued} notices are queued.
cli-meetings-none = {$org} has no meetings yet.
cli-meetings-line = #{$id} {$cell} {$localTime} {$kind} [{$status}] attend {$attend} · absent {$absent} · no answer {$noAnswer} / {$expected}
cli-tick = At {$at}: proposed {$proposed}, reminders {$reminders}, summaries {$summaries}, document warnings {$documentWarnings}, skipped as too late {$superseded}, attendance offers {$recordOffers}, attendance nudges {$recordNudges}, weekly digests {$digests}, nudges to unscheduled cells {$nudges}, month-end reports {$monthEndReports}.
cli-tick-no-token = No BOT_TOKEN: {$count} messages are waiting; the running bot will send them.
cli-tick-sent = Sent {$sent}, retried {$retried}, failed {$failed}, dropped {$dropped}.
calendar-feed-off = Calendar feeds are not enabled on this server (they need HTTP_PORT, PUBLIC_URL, CHIBO_SECRET).
calendar-feed-none = You are not in any cell.
calendar-feed-intro = Your cell's private calendar link (add it to a calendar app; do not share it publicly):
cli-http-listening = The HTTP server is listening on port {$port}.
settings-notices-on = 🔔 Get meeting notices of {$org}
settings-notices-off = 🔕 Stop meeting notices of {$org}
settings-notices-saved-on = You will get meeting notices (attending stays optional while you are exempt).
settings-notices-saved-off = You will no longer get meeting notices.
summary-not-on-bot = (not on the bot)
cli-setting-invalid = The setting {$key} is not valid: {$error}
schedule-ask-topic-from-list = Choose the thematic topic from the upper committee's orientation:
schedule-topic-other = Another topic…
meeting-line-attached = • {$title} (file sent with the notice)
schedule-document-untitled = Document
schedule-ask-documents-or-files = Documents: send one per line as «Title | link», or send files (your cell allows it). Tap «Done» when finished.

## Minutes
minutes-party = COMMUNIST PARTY OF VIETNAM
minutes-place-date = {$place}, {$date}
minutes-title = MINUTES OF THE PARTY CELL MEETING
minutes-section-time-place = I. TIME AND PLACE
minutes-started-label = Started at:
minutes-planned = (planned: {$time})
minutes-ended-label = Ended at:
minutes-duration = ({$minutes} minutes)
minutes-place-label = Place:
minutes-section-people = II. PARTICIPANTS
minutes-chair-label = Chair:
minutes-note-taker-label = Secretary (minutes):
minutes-guests-label = Guests:
minutes-none = none
minutes-section-members = III. MEMBERS
minutes-counts-total = Members of the cell: {$total}, of whom official: {$official}, probationary: {$probationary}.
minutes-counts-excluded = Exempted from party work and meetings: {$exempt}; temporarily attending another cell: {$transferred}; attached here from another cell: {$attached}; members expected: {$expected}.
minutes-counts-present = Present: {$present} of {$expected} expected ({$percent}%).
minutes-absent-total = Absent: {$count}.
minutes-absent-with-reason = Absent with reason ({$count}):
minutes-absent-without-reason = Absent without reason ({$count}):
minutes-section-content = IV. CONTENT
minutes-agenda-label = Agenda:
minutes-topic-label = Thematic topic:
minutes-proposals-label = Proposals sent by members before the meeting ({$count}):
minutes-proposal-accepted = (taken up)
minutes-proposal-rejected = (not taken up)
minutes-proposal-pending = (not yet considered)
minutes-section-discussion = V. PROCEEDINGS AND CONTRIBUTIONS
minutes-section-conclusion = VI. THE CHAIR'S CONCLUSION
minutes-closing = The meeting ended at {$time}. The minutes were read back to the cell and approved.
minutes-sign-note-taker = SECRETARY
minutes-sign-chair = CHAIR
minutes-sign-hint = (Signature and full name)
minutes-sign-for-cell = FOR THE PARTY CELL
minutes-not-held = The cell meeting ({$kind}) planned for {$time} at {$place} did not take place.
minutes-not-held-reason = Reason:
minutes-summary-title = 📝 Minutes: {$org} — {$kind}
minutes-summary-time = Time: {$start} – {$end}
minutes-summary-time-planned = Planned time: {$start}
minutes-summary-length = Length: {$minutes} minutes
minutes-summary-length-unknown = Length: unknown
minutes-summary-present = Present: {$present} of {$expected} expected
minutes-summary-absent-with = Absent with reason ({$count}): {$names}
minutes-summary-absent-without = Absent without reason ({$count}): {$names}
minutes-summary-not-held = Did not take place. Reason: {$reason}

## Attendance export
export-col-name = Full name
export-col-phone = Phone
export-col-status = Status
export-col-present = Present
export-col-late = Late
export-col-excused = Absent with reason
export-col-unexcused = Absent without reason
export-col-flag = Warning
export-mark-present = x
export-mark-late = L
export-mark-excused = E
export-mark-unexcused = U
export-legend = Legend: {$marks}
export-legend-blank = blank = not expected or not recorded
export-cell-heading = {$name} ({$code})
export-empty = There is no cell to export.

## After the meeting: attendance, checks, score, records
cmd-me = My meetings this year
cmd-attendance = Record attendance (secretary)
attendance-not-secretary = Only the cell's secretary or deputy can record attendance.
attendance-not-started = The meeting has not started: attendance can be recorded once it has.
attendance-no-meeting = The cell has no meeting to record yet.
attendance-correcting = This meeting was recorded already; you are correcting it (every change is logged).
attendance-title = Attendance: {$what}, {$when}
attendance-counts = Present {$present} · Late {$late} · Excused {$excused} · Unexcused {$unexcused}
attendance-legend = Tap a name to change: ✅ present → ⏰ late → 🟡 absent with a reason → ❌ absent without a reason. Exempt members need not attend: no ❌ for them.
attendance-page = Page {$page}/{$pages}
attendance-all-present = Everyone present
attendance-not-held = The meeting did not take place
attendance-submit = ✔️ Done, record it
attendance-exempt-not-unexcused = {$name} is exempt and need not attend: record them present, late or absent (--excused), never absent without a reason.
attendance-list-closed = This list was recorded already or is out of date; send /attendance to open it again.
record-ask-start = When did the meeting actually start?
record-ask-end = When did it end?
record-times-end_before_start = The end must be after the start.
record-times-too_long = A meeting cannot last over 10 hours.
record-times-start_far_from_schedule = That start is too far from the schedule; please type it again.
record-ask-guests = Guests at the meeting? Type their names (separated by commas) or tap a button.
record-no-guests = No guests
record-ask-note-taker = Who took the minutes? (or tap «Skip»)
record-ask-not-held = Why did the meeting not take place?
record-not-held-saved = Recorded: the meeting did not take place. The upper committee will see it in its reports.
checks-title = 📊 Checks against the rules:
checks-attendance-ok = ✅ Attendance {$present}/{$expected} ({$percent}%), above the {$target}% target.
checks-attendance-low = ⚠️ Attendance {$present}/{$expected} ({$percent}%), not above the {$target}% target.
checks-unexcused-none = ✅ No member was absent without a reason.
checks-unexcused = ⚠️ {$count} member(s) absent without a reason.
checks-length-ok = ✅ Length {$minutes} minutes (minimum {$minimum}).
checks-length-short = ⚠️ Length {$minutes} minutes, under the {$minimum}-minute minimum.
checks-length-unknown = The length is unknown.
checks-quorum-ok = ✅ A resolution could pass: {$present}/{$counted} counted official members present.
checks-quorum-no = ⚠️ A resolution could not pass: {$present}/{$counted} counted official members present.
score-ask-item = Score «{$label}» (0–{$max})?
score-out-of-range = The score must be a whole number within the range.
score-not-saved = The score could not be saved.
score-result = Total: {$total}/{$max} – grade {$grade}.
grade-good = Good (Tốt)
grade-fair = Fair (Khá)
grade-average = Average (Trung bình)
grade-poor = Poor (Kém)
minutes-caption = Draft minutes (Word): add the discussion and the conclusion, then read them back for approval before closing.
me-title = {$name}: cell meetings in {$year}
me-counts = {$meetings} meetings: present {$present} (late {$late}), absent with a reason {$excused}, absent without a reason {$unexcused}.
me-unexcused-months = Months with an unexcused absence or unpaid dues: {$months}.
me-all-good = No month with an unexcused absence.
flag-warning = ⚠️ For you only: {$name} ({$org}) has {$count} months this year with an unexcused absence or unpaid dues ({$months}; absences: {$dates}).
flag-removal = 🚩 {$name} ({$org}) has {$count} months this year with an unexcused absence or unpaid dues ({$months}; absences: {$dates}). The case is to be considered under the removal rule; the bot only reports it and never removes anyone.
attendance-open = 📝 Record attendance
record-offer = The meeting at {$when} has ended. Please record attendance and the results (best within 2 days).
record-nudge = ⏳ The meeting at {$when} ended {$days} days ago and attendance is not recorded yet. Please record it.
export-flag-warning = Note: 2 months with unexcused absence/unpaid dues ({$months})
export-flag-removal_rule = To be considered under the removal rule: {$months}
cli-meeting-not-found = There is no meeting #{$id}.
cli-phone-not-in-meeting = {$phone} is not on this meeting's list.
cli-attendance-recorded = Recorded meeting #{$id}: present {$present}/{$expected} ({$percent}%), unexcused {$unexcused}, {$minutes} minutes, a resolution could pass: {$quorum}.
cli-yes = yes
cli-no = no
cli-exported = Wrote {$file}: {$cells} cells, {$members} members.
cli-dues-marked = Marked {$name}'s party dues for {$month} as unpaid.
export-title = Attendance register {$year} – {$org}
export-caption = Attendance register {$year} – {$org}.
dues-usage = Usage: /dues <phone> <month/year>, for example /dues 0912 345 678 11/2026 (marks that month's dues unpaid).
dues-not-in-cell = That number is not in a cell you lead.
dues-marked = Recorded: {$name} has not paid party dues for {$month}.
score-confirm-ask = You attended the meeting of {$org} at {$when}. The secretary scored it {$total}/{$max}: please confirm.
score-confirm = ✅ Confirm the score
score-confirmed = ✅ Confirmed.
cmd-export = Export the attendance register (Excel)
demo-s-backfill = The office back-fills October's and November's results (Bùi Thị Hạnh absent without a reason both times).
demo-s-record = After the meeting: the bot offers the secretary the list; he marks Hạnh absent without a reason (her third month), enters the times, scores it and gets the minutes.
demo-s-digests = The next Monday, 07:30: the province and the ward committees join; each committee gets its weekly digest with a chart.
demo-s-report = Hưng (province) opens /report, goes down to a commune and a cell, and back up.
demo-minutes-written = The draft minutes were written to {$file}.
minutes-link = Draft minutes (Word), to download within 7 days: {$link}
score-adjust = ✏️ Adjust
score-adjust-ask = Your total for the meeting (0–{$max})?
score-adjusted = Adjusted: {$total}/{$max} – grade {$grade}. The secretary will be told.
score-adjusted-to-secretary = {$name} (the upper-committee member who attended) adjusted the meeting's score from {$from} to {$to} – grade {$grade}.

## Follow assignments
cmd-assign = Assign a committee member to follow a cell
cmd-following = Cells you follow
follow-not-overseer = Only a committee member, secretary or deputy of an upper committee can assign someone to follow a cell.
follow-ask-cell = Which cell should be followed? Type the cell's code (for example AB01).
follow-cell-unknown = There is no cell with code «{$code}».
follow-cell-not_cell = {$code} is not a cell; please type a cell's code.
follow-cell-outside = Cell {$code} is not in an organisation you oversee.
follow-pick-colleague = Choose who should follow {$cell}. ✓ marks someone already following; tap them to end it.
follow-more-colleagues = … and {$count} more not shown here (the office can assign them with chibo assign).
follow-no-colleagues = No committee member has linked Telegram yet, so nobody can be assigned to follow {$cell}.
follow-added = ✅ {$name} now follows {$cell}. They and the cell's secretary have been told.
follow-already = {$name} already follows {$cell}.
follow-confirm-end = {$name} follows {$cell}. End this assignment?
follow-end-yes = ⏹ End following
follow-end-no = Keep it
follow-ended = Ended: {$name} no longer follows {$cell}. They and the cell's secretary have been told.
follow-kept = Kept: {$name} still follows {$cell}.
follow-not-following = {$name} does not follow {$cell}.
follow-by-operator = The committee office
follow-added-to-colleague = 🔭 {$by} assigned you to follow {$cell}. From now on you will:
    • get the cell's meeting notices and reminders;
    • answer attend or absent like a member of the cell;
    • be recorded as a guest when you attend;
    • confirm the quality score the secretary gives the meeting.
    Send /following to see the cells you follow.
follow-ended-to-colleague = {$by} ended your assignment to follow {$cell}. You will no longer get this cell's meeting notices.
follow-added-to-leader = 🔭 {$by} assigned {$who} to follow {$cell}. They will get the meeting notices, attend as a guest and confirm the meeting's quality score.
follow-ended-to-leader = {$name} no longer follows {$cell} ({$by} ended the assignment).
following-none = You do not follow any cell.
following-mine-header = Cells you follow ({$count}):
following-mine-line = • {$cell} ({$code}), since {$since}
following-subtree-none = Nobody is assigned to follow a cell in the organisations you oversee.
following-subtree-header = Follow assignments in the organisations you oversee ({$count}):
following-subtree-line = • {$cell} ({$code}): {$name}, since {$since}
following-more = … and {$count} more.
following-assign-hint = To assign or end one: /assign <cell code>
cli-assign-added = {$name} ({$phone}) now follows {$cell} ({$code}).
cli-assign-unlinked = Note: {$name} has not linked Telegram, so no message reaches them yet.
cli-assign-already = {$name} already follows {$cell}; nothing changed.
cli-assign-removed = Ended: {$name} no longer follows {$cell} ({$code}).
cli-assign-not-following = {$name} does not follow {$cell}; nothing changed.
cli-assign-not-committee = {$name} is not a committee member, secretary or deputy of any organisation above {$code}; only they can be assigned to follow a cell.
cli-assign-person-unknown = Nobody has phone number {$phone}.
cli-follows-header = {$org} ({$code}): {$count} follow assignments
cli-follows-line = {$cell} ({$cellCode})  {$name}  {$phone}  {$linked}  since {$since}

## Digest
digest-title = 📊 WEEKLY REPORT – {$org} ({$date})
digest-counts = held {$held}, scheduled {$scheduled}, not scheduled {$notScheduled} / {$cells} cells ({$percent}% held)
digest-this-month = {$month} (so far): {$counts}
digest-last-month = {$month}: {$counts}
digest-children = By organisation below (% of cells compliant last month → this month):
digest-child = • {$name}: {$last}% → {$now}% ({$cells} cells)
digest-more = … and {$count} more (see the attached file)
digest-never = never
digest-missed = Cells that missed last month's regular meeting ({$count}):
digest-missed-line = {$name} – secretary {$secretary}, last met {$last}
digest-no-thematic = Cells with no thematic meeting this quarter ({$count}):
digest-low-attendance = Meetings not above 85% attendance ({$count}):
digest-meeting-percent = {$name}, {$date}: {$percent}%
digest-short = Meetings shorter than the rule ({$count}):
digest-meeting-minutes = {$name}, {$date}: {$minutes} minutes
digest-overdue = Meetings not recorded 5 days after ({$count}):
digest-meeting-days = {$name}, {$date}: {$days} days
digest-flagged = Members to be considered under the removal rule ({$count}):
digest-flagged-line = {$member} ({$name}): {$months}
digest-no-secretary = Cells whose secretary is not on the bot ({$count}):
digest-unreachable = Members the bot cannot reach ({$count}):
digest-next-week = Meetings next week ({$count}):
digest-next-week-line = {$name}, {$when} – committee attending: {$followers}
score-changed = The score changed since this message was sent; please use the newest one.
checks-regular-done = ✅ The cell has held its regular meeting for {$month}.
checks-regular-missing = ⚠️ The cell has no regular meeting counted for {$month} yet.
checks-thematic-done = ✅ The cell has held a thematic meeting in Q{$q} {$year}.
checks-thematic-missing = ⚠️ The cell has not held a thematic meeting in Q{$q} {$year} yet.

## Digest delivery and escalation
digest-empty = This organisation has no cells in the system yet.
digest-photo-caption = 📊 Share of cells meeting as required – {$org}
digest-attachment-caption = 📎 Full lists (Excel file)
escalation-nudge = ⏰ It is day {$day} of the month and {$cell} has no regular meeting scheduled for {$month}. Please schedule it with /schedule so members get their notice in time.
escalation-month-end = ⚠️ {$org}: {$count} cells below you have no regular meeting recorded for {$month}:
escalation-month-end-line = {$cell} – secretary {$secretary}: no meeting
escalation-month-end-pending = {$cell} – secretary {$secretary}: met, but the record is not submitted yet
escalation-month-end-more = … and {$count} more cells (see the weekly digest or /report).

## Digest chart and workbook
digest-chart-title = Share of cells meeting as required – {$org}
digest-chart-legend-last = {$month}: held
digest-chart-legend-this = {$month}: held or scheduled
digest-chart-axis = % of cells compliant
digest-sheet-summary = Summary
digest-sheet-missed = Missed last month
digest-sheet-not-scheduled = Not scheduled this month
digest-title-not-scheduled = Cells with this month's regular meeting not scheduled ({$count})
digest-sheet-no-thematic = No thematic meeting
digest-sheet-low-attendance = Not above 85% attendance
digest-sheet-short = Short meetings
digest-sheet-overdue = Records overdue
digest-sheet-flagged = Removal rule
digest-sheet-no-secretary = Secretary not on the bot
digest-sheet-unreachable = Unreachable members
digest-sheet-next-week = Next week
digest-summary-total = All – {$org}
digest-col-org = Organisation
digest-col-code = Code
digest-col-cell = Cell
digest-col-cells = Cells
digest-col-held = {$month}: held
digest-col-scheduled = {$month}: scheduled
digest-col-not-scheduled = {$month}: not scheduled
digest-col-compliant = {$month}: % compliant
digest-col-secretary = Secretary
digest-col-last-meeting = Last met
digest-col-date = Held on
digest-col-attendance = Attendance
digest-col-minutes = Minutes
digest-col-scheduled-for = Scheduled for
digest-col-days = Days overdue
digest-col-member = Member
digest-col-months = Months
digest-col-followers = Committee attending

## Report (drill-down)
cmd-report = Meeting report for your organisation
report-none = /report is for cell secretaries and upper committees. See your own record with /me.
report-not-allowed = You may not see the report of this organisation.
report-unknown-org = There is no organisation with code {$code}.
report-choose = Which organisation's report would you like to see?
report-up = ⬆ Up to {$org}
report-chart = 📊 Chart
report-file = 📎 Full lists
report-dashboard = 📊 Open the dashboard
report-truncated = … (more: tap «Full lists» for the Excel file)

## Dashboard
# The dashboard page (features/digest/dashboard/web): texts go to the page unrendered, {$name} filled there.
dashboard-title = Meetings dashboard
dashboard-switch-language = Tiếng Việt
dashboard-back = ← Back
dashboard-up = ⬆ Up to {$org}
dashboard-as-of = Figures as of {$date}
dashboard-this-month = {$month} (so far)
dashboard-last-month = {$month}
dashboard-held = held
dashboard-scheduled = scheduled
dashboard-not-scheduled = not scheduled
dashboard-cells = cells
dashboard-cells-count = cells: {$count}
dashboard-held-percent = {$percent}% held
dashboard-empty = This organisation has no cells in the system yet.
dashboard-children = By unit below
dashboard-children-note = % of cells on track: last month → this month
dashboard-child-line = {$last}% → {$now}% · {$cells} cells
dashboard-heatmap = The last 12 months
dashboard-heatmap-note = Colour: how many cells held the month's regular meeting; number: attendance (%). Tap a row for details.
dashboard-heatmap-unit = Unit
dashboard-heatmap-cell = {$name}, {$month}: regular {$regular}/{$cells} cells, thematic {$thematic}, attendance {$attendance}, overdue records {$overdue}
dashboard-legend-full = all
dashboard-legend-partial = some
dashboard-legend-none = none
dashboard-legend-empty = no cells
dashboard-legend-thematic = thematic held
dashboard-legend-overdue = record overdue
dashboard-to-act = To act on
dashboard-nothing = Nothing to act on.
dashboard-never = never
dashboard-no-secretary-name = No secretary
dashboard-missed = No regular meeting in {$month} ({$count})
dashboard-last-met = last met: {$last}
dashboard-not-scheduled-list = Regular meeting of {$month} not scheduled ({$count})
dashboard-secretary-line = Secretary: {$secretary}
dashboard-no-thematic = No thematic meeting in quarter {$quarter} ({$count})
dashboard-low-attendance = Attendance not above 85% ({$count})
dashboard-short = Meetings shorter than required ({$count})
dashboard-minutes = {$minutes} minutes
dashboard-overdue = Outcome not recorded after 5 days ({$count})
dashboard-days = {$days} days
dashboard-flagged = To review under the removal rule ({$count})
dashboard-probation = Probation over, no decision ({$count})
dashboard-probation-line = Admitted {$admitted} · ended {$ends} · {$days} days over
dashboard-no-secretary = Secretary not using the bot ({$count})
dashboard-unreachable = Members the bot cannot reach ({$count})
dashboard-next-week = Meetings next week ({$count})
dashboard-tasks = Resolution tasks
dashboard-tasks-line = on time {$onTime} · late {$late} · not yet due {$open}
dashboard-no-conclusion = Meetings with no conclusion recorded ({$count})
dashboard-cell-meetings = Meetings of the last 12 months ({$count})
dashboard-no-meetings = No meetings in the last 12 months.
dashboard-kind-regular = Regular
dashboard-kind-thematic = Thematic
dashboard-kind-combined = Regular and thematic
dashboard-meeting-held = held · attendance {$percent}%
dashboard-meeting-held-plain = held
dashboard-meeting-not-held = did not take place
dashboard-meeting-cancelled = cancelled
dashboard-meeting-proposed = proposed, not confirmed
dashboard-meeting-scheduled = scheduled, outcome not recorded
dashboard-meeting-overdue = record overdue
dashboard-members = Members across the meetings ({$count})
dashboard-members-note = ✓ present · ◔ late · P excused · ✗ unexcused · – not on the list
dashboard-member = Member
dashboard-status-official = official
dashboard-status-probationary = probationary
dashboard-status-exempt = exempt
dashboard-status-transferred = transferred
dashboard-role-secretary = secretary
dashboard-role-deputy = deputy secretary
dashboard-role-committee = committee member
dashboard-role-member = member
dashboard-error-unauthorized = We could not confirm who you are, or the link has expired. Please open the dashboard again with the «Open the dashboard» button under /report.
dashboard-error-forbidden = You may not see this organisation.
dashboard-error-not-found = There is no such organisation.
dashboard-error-other = The figures could not be loaded. Please try again in a few minutes.
dashboard-retry = Try again

## Broadcasts
cmd-broadcast = Send a notice down to the cells (committees)
broadcast-not-committee = Only a committee member, secretary or deputy of an organisation above the cells can send notices down to them.
broadcast-pick-org = On behalf of which organisation?
broadcast-ask-kind = What do you want to send to the cells under {$org}?
broadcast-kind-notice = 📢 Notice
broadcast-kind-document = 📄 Document (link)
broadcast-kind-orientation = 🧭 Thematic orientation
broadcast-ask-audience = Send it to whom?
broadcast-audience-secretaries = Secretaries and deputies of the cells
broadcast-audience-members = All members of the cells
broadcast-ask-text = Type the notice (3000 characters at most).
broadcast-ask-title = Title of the document?
broadcast-ask-url = Link to the document (https://...)?
broadcast-ask-topics = Type the year's thematic topics, one per line (50 at most).
broadcast-ask-note = Add a note? Type it, or tap «Skip».
broadcast-skip = Skip
broadcast-text-empty = The text is empty.
broadcast-text-too-long = The text is longer than 3000 characters; please shorten it.
broadcast-note-too-long = The note is longer than 1000 characters; please shorten it.
broadcast-title-empty = The title is empty.
broadcast-title-too-long = The title is longer than 200 characters; please shorten it.
broadcast-url-invalid = That is not a valid link; it should look like https://... (500 characters at most).
broadcast-topics-empty = There are no topics.
broadcast-topics-too-many = More than 50 topics; please keep fewer.
broadcast-topic-too-long = A topic is longer than 300 characters; please shorten it.
broadcast-topics-too-long = The topics together are longer than 3000 characters; please shorten them.
broadcast-kind-invalid = Unknown kind of broadcast.
broadcast-nobody = Nobody to send to: the cells below have nobody on their rosters who fits.
broadcast-preview = Preview. To: {$audience} – {$total} people, {$reachable} of them on Telegram.
broadcast-confirm = ✅ Send
broadcast-abandon = ✖️ Do not send
broadcast-sent = Notice #{$id} sent: {$queued} messages on their way; not on Telegram: {$unreachable}. See how it went with /broadcasts.
broadcast-sent-orientation = Orientation #{$id} sent: {$queued} messages on their way; not on Telegram: {$unreachable}. The topics are saved for secretaries to choose from when they schedule a thematic meeting. See how it went with /broadcasts.
broadcast-header-notice = 📢 NOTICE FROM {$org}
broadcast-header-document = 📄 DOCUMENT FROM {$org}
broadcast-header-orientation = 🧭 THEMATIC ORIENTATION FROM {$org}
broadcast-document-line = {$title}: {$url}
broadcast-orientation-footer = When scheduling a thematic meeting (/schedule), secretaries choose a topic from this list.
broadcast-read = 👁 Read
broadcast-read-done = ✅ Marked as read
broadcast-read-recorded = Noted that you have read it. Thank you.
broadcast-read-already = You have already marked it as read.
broadcast-not-for-you = This notice was not sent to you.
broadcast-status-header = Recent broadcasts ({$count}):
broadcast-status-none = Nothing has been sent yet.
broadcast-status-line = #{$id} {$when} – {$org}: {$kind} to {$audience} – «{$gist}»
    {$recipients} recipients: sent {$sent}, failed {$failed}, waiting {$pending}, not on Telegram {$unreachable}; read {$read}.
broadcast-gist-topics = { $count ->
    [one] one topic
   *[other] {$count} topics
}
broadcast-cli-not-sender = {$phone} is not a committee member, secretary or deputy of {$org}: cannot send on its behalf.
broadcast-cli-from-cell = {$code} is a cell: only organisations above the cells send notices down to them.
broadcast-cli-sent = Broadcast #{$id} of {$org} recorded for {$recipients} people; {$queued} messages waiting to be sent, not on Telegram: {$unreachable}.

## Bad input
bad-input-invite-too-many = Too many tries with invite codes that do not exist. To keep things safe, please try again in {$minutes} minutes.
bad-input-dues-not-secretary = Only a cell's secretary or deputy secretary can record party dues.
bad-input-shortened = (… more: too long for one message)
bad-input-document-url-too-long = That link is longer than 500 characters; please use a shorter one.

## Privacy
privacy-forgotten-name = Deleted member #{$id}
privacy-erased-text = (erased)
privacy-person-unknown = Nobody has the number {$phone} in the database.
privacy-exported = Wrote everything stored about {$name} to {$file}. The file holds personal data: keep it private and delete it when no longer needed.
privacy-forget-header = {$name} ({$phone}), person #{$id}, in: {$orgs}
privacy-forget-will = Would remove or replace:
privacy-forget-done = Removed or replaced:
privacy-forget-lines =
    • name, phone number, Telegram or Zalo account and language (replaced by «{$placeholder}»)
    • {$notes} absence notes, {$proposals} agenda proposals
    • {$dropped} unsent messages to this person (dropped), {$cleared} sent ones (text cleared)
    • {$follows} follow assignments, {$invites} invites, {$requests} join requests, {$conversations} unfinished conversations
    • the name and number in {$mentions} other records (chair, note-taker, guests, messages, audit log)
    • the files of {$attachments} reports already sent to the committees above
privacy-forget-kept = Kept, anonymous, so the figures do not change: {$attendance} attendance entries, {$answers} answers, {$dues} months of unpaid dues; {$memberships} memberships become «transferred» and get no more messages.
privacy-forget-hint = Nothing was removed. To remove, run again with --yes: npx chibo person forget {$phone} --yes
privacy-forgotten = Personal data removed: person #{$id} is now «{$name}». The number {$phone} can be imported again as a new person.

## Zalo
# Zalo has no buttons: options are numbered and answered by number.
zalo-choose-hint = (Reply with the number of your choice, e.g. 1)
zalo-not-an-option = That answer matches none of the options. Please reply with a number from 1 to {$count}:
zalo-file-unavailable = The file «{$name}» cannot be sent on Zalo yet: the bot's server has no public address. Please tell the bot's administrator.
zalo-file-link-days = The download link works for {$days} days.
zalo-settings-notices-on = Notices on {$channel}
zalo-settings-notices-now = Notices go to {$channel} now.
zalo-settings-notices-saved = From now on, notices and reminders go to {$channel}.
# The Zalo wording of keys that name Telegram's buttons or links (zalo--<key>).
zalo--not-linked = This Zalo account is not linked to a member record yet. Type /start and the invite code your cell secretary sent you (for example: /start AbC123xyz).
zalo--start-no-code = Hello! This bot keeps your party cell's meetings on schedule. To join, type /start and the invite code your cell secretary sent you (for example: /start AbC123xyz).
zalo--start-bad-code = This invite code is not valid. Check the code your secretary sent you and type: /start <code>.
zalo--start-unknown-code = This invite code was not found. Check every letter (upper and lower case differ) or ask your secretary for a new code.
zalo--start-expired-code = This invite code has expired. Ask your secretary for a new code.
zalo--start-used-up-code = This invite code has no uses left. Ask your secretary for a new code.
zalo--join-used-up = This invite code has just run out of uses. Ask your secretary for a new code.
zalo--help-unlinked = You have not joined yet. Type /start and the invite code your cell secretary sent you.
zalo--settings-need-link = You need to join before settings can be saved. For now the bot speaks Vietnamese.
zalo--join-ask-contact = Zalo does not share phone numbers with bots, so please type your phone number or your full name (as on the cell's roster). The secretary will confirm, and the bot will let you know.
zalo--join-expect-contact-or-name = Please type your phone number or your full name.
zalo--ask-use-buttons = Please reply with the number of one of the options below (or /cancel to stop).
zalo--button-stale = This option is out of date or not valid.
zalo--absence-ask-note = Would you like to add a few words? Type them here, or choose «Skip» below.
zalo--schedule-ask-agenda = Agenda, main points? (or choose «Skip» below)
zalo--schedule-ask-documents = Documents: send one per line as «Title | link». Choose «Done» below when finished.
zalo--schedule-ask-documents-or-files = Documents: send one per line as «Title | link» (Zalo does not pass files to bots). Choose «Done» below when finished.
zalo--schedule-documents-added = Added, {$count} document(s) in all. Send more or choose «Done».
zalo--attendance-legend = Reply with a name's number to change it: ✅ present → ⏰ late → 🟡 absent with a reason → ❌ absent without a reason. Exempt members need not attend: no ❌ for them.
zalo--record-ask-guests = Guests at the meeting? Type their names (separated by commas) or choose below.
zalo--record-ask-note-taker = Who took the minutes? (or choose «Skip» below)
zalo--follow-pick-colleague = Choose who should follow {$cell}. ✓ marks someone already following; choose them again to end it.
zalo--report-truncated = … (more: choose «Full lists» for a link to the Excel file)
zalo--broadcast-ask-note = Add a note? Type it, or choose «Skip» below.
# Operator CLI
zalo-cli-missing-token = Neither BOT_TOKEN (Telegram) nor ZALO_BOT_TOKEN (Zalo) is set. Set one of them (or both), then run: npx chibo start (or try it without a token: npm run demo).
zalo-cli-token-rejected = Zalo refused ZALO_BOT_TOKEN ({$detail}). Check the token in Zalo Bot Creator.
zalo-cli-unreachable = Cannot reach the Zalo Bot API at {$root} ({$detail}). Check the network or ZALO_API_ROOT.
zalo-cli-started-polling = Zalo bot {$name} is running (long polling).
zalo-cli-started-webhook = Zalo bot {$name} is running (webhook {$url}).
zalo-cli-no-files = Note: HTTP_PORT, PUBLIC_URL and CHIBO_SECRET are not set, so files (minutes, registers, charts) cannot be sent on Zalo; recipients are told so.
zalo-cli-invite = Send this to the person you invite on Zalo: open {$link} (the Zalo bot «{$name}») and type the message below. Zalo does not share phone numbers: a code for the whole cell needs the secretary's approval for each person, a personal code links at once.
zalo-cli-invite-need-token = Printing the Zalo link needs ZALO_BOT_TOKEN (or ZALO_BOT_LINK).
# Demo on Zalo (npm run demo -- --zalo)
zalo-demo-title = chibo demo on Zalo: one cell, one month, {$people} people on the roster.
zalo-demo-server = Local Zalo Bot API stand-in: {$url}
zalo-demo-files = The bot's HTTP server (file download links): {$url}
zalo-demo-s-join = Joining: the secretary and a member use personal codes (linked at once); two use the cell's code and type a phone number or a name (the secretary approves by number); a stranger.
zalo-demo-s-schedule = The secretary schedules by replying with option numbers (a mistyped 31/11 gets a re-prompt).
zalo-demo-s-answers = Members answer the notice by number or by the option's words; what fits no option is asked again; the calendar file comes as a link.
zalo-demo-s-reminders = The following days: reminders to those who have not answered, the evening-before summary for the secretary.
zalo-demo-s-record = After the meeting: the secretary records attendance, times and score and gets a link to the minutes; a member checks /toi.
zalo-demo-done = Done: {$sent} messages sent to Zalo through the queue. Database: {$url}.

## Outbox summary (chibo outbox)
cli-outbox-title = Messages queued since {$since} ({$zone}): {$total}
cli-outbox-status-sent = sent
cli-outbox-status-failed = failed
cli-outbox-status-dropped = dropped
cli-outbox-status-pending = waiting
cli-outbox-status-sending = being sent
cli-outbox-delivered-all = Nothing failed or was dropped.
cli-outbox-not-delivered = Not delivered, by reason:
cli-outbox-reason-blocked = the person blocked the bot (403)
cli-outbox-reason-deactivated = the account was deleted (403)
cli-outbox-reason-kicked = the bot was removed from the group (403)
cli-outbox-reason-forbidden = Telegram refused to deliver (403)
cli-outbox-reason-unreachable-earlier = not tried: the person refused an earlier message (403)
cli-outbox-reason-chat-not-found = chat not found (400): the person never opened the bot, or the chat id is wrong
cli-outbox-reason-too-long = the message was too long (400)
cli-outbox-reason-bad-request = refused as malformed (400)
cli-outbox-reason-gave-up-server = given up after repeated server errors (5xx)
cli-outbox-reason-gave-up-network = given up after repeated network errors or timeouts
cli-outbox-reason-gave-up-setup = given up: the token or TELEGRAM_API_ROOT is wrong (401/404)
cli-outbox-reason-expired = expired before it could be sent (the meeting had begun)
cli-outbox-reason-meeting-changed = dropped because the meeting was moved or cancelled
cli-outbox-reason-follow-ended = dropped because the follow assignment ended
cli-outbox-reason-bad-payload = the stored message could not be read
cli-outbox-reason-other = other error
cli-outbox-unreachable = People marked unreachable: {$count}
cli-outbox-unreachable-line = {$name} ({$orgs}), since {$when}
cli-outbox-waiting-none = Nothing due is waiting to be sent.
cli-outbox-waiting = Due and not sent yet: {$count}; the oldest has waited {$age}.
cli-outbox-waiting-line = #{$id} {$kind} to {$chat} ({$channel}): {$state}
cli-outbox-state-due = due since {$since}
cli-outbox-state-retrying = { $attempts ->
    [one] 1 attempt failed
   *[other] {$attempts} attempts failed
} ({$error}); next attempt {$next}
cli-outbox-state-sending = being sent (held until {$until})
cli-outbox-waiting-more = … and {$count} more (--json lists up to 200)
cli-outbox-later = { $count ->
    [one] 1 more is queued for later (quiet hours or a set time).
   *[other] {$count} more are queued for later (quiet hours or a set time).
}
cli-outbox-paid-allowed = Paid broadcasts (allow_paid_broadcast): up to {$rate} more messages a second, a budget of {$budget} Stars a month; {$month} (UTC) so far: {$stars} Stars.
cli-outbox-paid-off = Paid broadcasts: off.
cli-outbox-paid-spent = {$month}, bot {$bot}: {$messages} paid messages = {$stars} Stars
cli-outbox-age-minutes = {$count} min
cli-outbox-age-hours = {$count} h
cli-outbox-age-days = {$count} days
doctor-outbox-failures = {$count} messages of the last 24 hours were not delivered. Run `chibo outbox` to see why.

# roster: import moves
cli-import-progress-checked = … checked {$done} rows
cli-import-moves = Moved to another cell: {$count}
cli-import-moves-dry = Would move to another cell: {$count}
cli-import-move = {$name}: {$from} → {$to} ({$phone})
cli-import-left = No longer listed, ended (--sync): {$count}
cli-import-left-dry = No longer listed, would end (--sync): {$count}
cli-import-left-line = {$name}: left {$org} ({$phone})
cli-import-unlisted-kept = No longer listed but kept (add --sync to end them): {$count}
cli-import-unlisted-line = {$name}: still in {$org} ({$phone})

# roster: member CLI
cli-member-usage = Usage: chibo member <action> ... (days as DD/MM/YYYY in the cell's time zone; without --on, today; a future day is refused)
    member add <CELL_CODE> --name "Full Name" --phone <phone> --status probationary|official|exempt [--admitted DD/MM/YYYY] [--on DD/MM/YYYY] [--note ...]
                                            add a member to a cell (a new person, or one with no cell now); --admitted: the admission day
    member move <phone> <NEW_CELL_CODE> [--on DD/MM/YYYY] [--note ...]
                                            move to another home cell (the office records it directly, no acceptance needed)
    member attach <phone> <CELL_CODE> [--on DD/MM/YYYY] [--until DD/MM/YYYY] [--note ...]
                                            attend another cell temporarily, keeping the home cell
    member attach <phone> --end [--on DD/MM/YYYY]
                                            end the temporary attachment: back to the home cell
    member status <phone> official|probationary|exempt [--cell <CELL_CODE>] [--on DD/MM/YYYY] [--note <reason>]
                                            recognise as official, exempt, or end an exemption
    member end <phone> <ORG_CODE> --reason left|died|removed|expelled [--on DD/MM/YYYY] [--note ...]
                                            record leaving, death, removal or expulsion (as decided by the competent committee)
    member history <phone> [--json]         every period: cell, kind, status, role, from, to, reason
    Every action takes --json (the result as JSON) and --now. Exit codes: 0 recorded, 1 refused or not found, 2 wrong arguments.
cli-member-unknown = chibo member has no action «{$command}».
cli-member-person-unknown = Nobody has phone number {$phone}.
cli-member-bad-day = {$option}: «{$text}» {$reason}.
cli-member-bad-day-format = is not a day (write DD/MM/YYYY, e.g. 05/12/2026)
cli-member-bad-day-no_such_date = is no such day
cli-member-bad-day-too_old = is before 1930
cli-member-until-before = --until {$until} must come after the first day, {$day}.
cli-member-name-kept = Note: number {$phone} already belongs to «{$name}»; that name is kept, not changed to «{$given}».
cli-member-added = Added {$name} ({$phone}) to {$cell} ({$code}) as {$status} member from {$day}.
cli-member-added-again = Added {$name} ({$phone}, already known) to {$cell} ({$code}) as {$status} member from {$day}.
cli-member-moved = Moved {$name} ({$phone}) from {$from} to {$cell} ({$code}) from {$day}.
cli-member-moved-in = Added {$name} ({$phone}) to {$cell} ({$code}) from {$day}.
cli-member-attached = From {$day}, {$name} ({$phone}) attends {$cell} ({$code}) temporarily and stays a member of {$home}.
cli-member-attached-until = Planned until {$until}.
cli-member-detached = From {$day}, {$name} ({$phone}) no longer attends {$cell} ({$code}) and is back at {$home}.
cli-member-status-changed = {$name} ({$phone}) in {$cell} ({$code}): {$from} → {$to} from {$day}.
cli-member-ended = Recorded that {$name} ({$phone}) left {$cell} ({$code}) on {$day}: {$reason}. Periods ended: {$count}.
cli-member-reason-moved = moved to another cell
cli-member-reason-left = left the list
cli-member-reason-died = died
cli-member-reason-removed = removed from the list
cli-member-reason-expelled = expelled
cli-member-reason-status = status changed
cli-member-reason-role = role changed
cli-member-reason-attached = attending another cell temporarily
cli-member-reason-attachment_over = temporary attachment over
cli-member-reason-forgotten = personal data erased on request
cli-member-kind-home = home cell
cli-member-kind-attached = attached temporarily
cli-member-history-header = Membership history of {$name} ({$phone}): { $count ->
        [one] one period.
       *[other] {$count} periods.
    }
cli-member-history-admitted = Admitted: {$day}
cli-member-history-official = Official since: {$day}
cli-member-history-none = No membership periods.
cli-member-history-line = {$from} → {$to}: {$org} ({$code}) · {$kind} · {$status} · {$role}
cli-member-history-from-start = since before history was kept
cli-member-history-to-now = now
cli-member-history-until = planned until {$day}
cli-member-history-ended = ended: {$reason}
cli-member-history-note = note: {$note}
cli-member-refused-future_date = {$day} has not come yet (today is {$today}): only what has happened can be recorded.
cli-member-refused-before_start = {$day} is before {$name}'s current period began ({$since}): choose {$since} or later.
cli-member-refused-not_a_cell = {$code} is not a cell (kind = cell).
cli-member-refused-not_member = {$name} ({$phone}) is not a member of {$cell} ({$code}) now.
cli-member-refused-no_home = {$name} ({$phone}) belongs to no cell now: add them with chibo member add or chibo member move.
cli-member-refused-not_attached = {$name} ({$phone}) is not attending another cell temporarily.
cli-member-refused-already_member = {$name} ({$phone}) is already a member of {$cell} ({$code}).
cli-member-refused-home_elsewhere = {$name} ({$phone}) belongs to {$orgName} ({$orgCode}): to move them to {$code}, use chibo member move.
cli-member-refused-same_cell = {$name} ({$phone}) already belongs to {$cell} ({$code}).
cli-member-refused-attach_home = {$cell} ({$code}) is {$name}'s own cell: a temporary attachment is to another cell.
cli-member-refused-same_status = {$name} ({$phone}) is already {$status} in {$cell} ({$code}).
cli-member-refused-attached_elsewhere = {$name} ({$phone}) is attending {$orgName} ({$orgCode}) temporarily: end that first (chibo member attach <phone> --end).
cli-member-refused-status_attached = {$name} ({$phone}) is attending {$orgName} ({$orgCode}) temporarily: the status is kept there (--cell {$orgCode}).
cli-member-refused-phone_taken = Number {$phone} already belongs to {$fullName}.

# roster: members in chat
member-action-add = ➕ Add a member
member-action-off = 🎖 Make official
member-action-ex = 🛌 Exempt
member-action-unex = ↩️ End an exemption
member-action-att = 📥 Attach temporarily
member-action-out = 📤 Transfer out
member-action-dep = 🕯 Death, removal, expulsion
member-confirm-yes = ✅ Confirm
member-confirm-no = ✖️ Cancel
member-skip = Skip
member-date-today = Today ({$today})
member-date-format = Please type the date as day/month/year, for example {$today}.
member-date-no_such_date = That day is not on the calendar.
member-date-future = That day has not come yet (today is {$today}): only what has happened is recorded.
member-date-too_old = That year is too far back; please check it.
member-until-past = The end date must be today or later (today is {$today}).
member-phone-invalid = That is not a phone number; for example: 0912 345 678.
member-name-invalid = A full name needs 2 to 100 characters.
member-note-invalid = Please type a few words (at most 300 characters).
member-refused-future_date = That day has not come yet: only what has happened is recorded.
member-refused-before_start = That day is before {$since}, when the current standing began; please type {$since} or later.
member-refused-not_a_cell = Only a cell has members attending.
member-refused-not_member = This person is no longer on the cell's roster.
member-refused-already_member = This phone number is already a member of the cell.
member-refused-home_elsewhere = This phone number belongs to a member of {$org}: that cell's secretary needs to transfer them here.
member-refused-same_cell = This person already belongs to this cell.
member-refused-same_status = This person already has that standing.
member-refused-attached_elsewhere = This person is attending {$org} temporarily; record this there or after it ends.
member-refused-phone_taken = This phone number belongs to {$name}.
member-refused-pending_exists = This person already has a transfer waiting.
member-refused-pending_exists-to = {$name} already has a transfer to {$org} waiting for that cell to accept.
member-refused-not_pending = This request has already been handled.
member-ask-name = Adding a member to {$org}. Their full name?
member-ask-phone = Their phone number?
member-ask-status = Official or probationary member?
member-ask-admitted = Admission date (day/month/year, for example 15/03/2026)?
member-added = ✅ Added {$name} ({$phone}) to {$org}: {$status} member, admitted {$admitted}.
member-added-known = ✅ {$name} ({$phone}) was already known and is now on {$org}'s roster: {$status} member, admitted {$admitted}.
member-none-for-official = {$org} has no probationary members.
member-none-for-exempt = {$org} has no member who could be exempted.
member-none-for-back = {$org} has no exempt members.
member-none-for-out = {$org} has no members yet.
member-pick-for-official = Who becomes an official member?
member-pick-for-exempt = Who is exempted?
member-pick-for-back = Whose exemption ends?
member-pick-for-out = Who is transferred?
member-pick-for-departure = Who?
member-ask-exempt-reason = Why is {$name} exempted (for example: old age, poor health)?
member-ask-on-official = Since when is {$name} official (day/month/year)?
member-ask-on-exempt = Exempted since when (day/month/year)?
member-ask-on-back = Since when does {$name} attend again (day/month/year)?
member-done-official = ✅ {$name} is an official member since {$on}.
member-done-exempt = ✅ {$name} is exempt since {$on}. Reason: {$reason}
member-done-back = ✅ {$name} attends again since {$on} ({$status} member).
member-ask-attach-phone = Temporary attendance at {$org}. The member's phone number?
member-attach-unknown = No member has the number {$phone}. Please check it.
member-attach-no-home = {$name} belongs to no cell now; use «Add a member».
member-attach-other-tree = {$name} belongs to another organisation; they cannot be attached from here.
member-ask-attach-until = {$name} belongs to {$home}. Attending here until when (day/month/year)?
member-attach-no-end = No end date yet
member-ask-attach-on = Attending here since when (day/month/year)?
member-attached = ✅ {$name} ({$home}) attends {$org} temporarily since {$on}.
member-attached-until = ✅ {$name} ({$home}) attends {$org} temporarily from {$on} until {$until}.
member-ask-out-where = Where is {$name} going?
member-out-to-cell = To another cell of the organisation
member-out-away = Out of the organisation (off the roster)
member-ask-destination = Choose the receiving cell, or type its code (for example AB01).
member-ask-destination-code = Type the receiving cell's code (for example AB01).
member-destination-format = A cell's code has only letters, digits and _ . -
member-destination-unknown = There is no cell with the code «{$code}».
member-destination-not-cell = {$code} is not a cell; please type a cell's code.
member-destination-other-tree = Cell {$code} belongs to another organisation.
member-ask-on-move = Since when does {$name} move to {$org} (day/month/year)?
member-transfer-sent = 📨 Asked {$org} to take {$name}. Until that cell accepts, they stay in {$from}; you will hear the answer.
member-transfer-sent-nobody = 📨 Recorded the transfer of {$name} to {$org}, but that cell has no linked secretary or deputy to hear of it. Until that cell accepts, they stay in {$from}.
member-ask-on-left = Off the roster since when (day/month/year)?
member-confirm-left = Take {$name} off {$org}'s roster from {$on}?
member-done-left = ✅ {$name} is off {$org}'s roster since {$on}.
member-departure-committee-only = Death, removal and expulsion are recorded by the committee above, on the competent committee's decision; a cell cannot record them itself. Please tell the committee above.
member-ask-departure = What is to be recorded for a member of {$org}?
member-departure-died = Died
member-departure-removed = Removed from the list
member-departure-expelled = Expelled
member-ask-decision = The decision's number and date (if any)?
member-ask-on-departure = Since when (day/month/year)?
member-confirm-departure = Record for {$name}: {$reason}, since {$on}? This ends every membership they hold.
member-done-departure = ✅ Recorded for {$name}: {$reason}, since {$on}.
member-transfer-request = 📨 Transfer request: {$name} ({$phone}) from {$from} to {$to}, from {$on}. Does the cell accept?
member-transfer-accept = ✅ Accept
member-transfer-decline = ✖️ Decline
member-transfer-accepted-by = ✅ Accepted: {$name} now belongs to {$org}.
member-transfer-declined-by = ✖️ Declined.
member-transfer-accepted-note = ✅ {$to} accepted {$name}: they now belong there.
member-transfer-declined-note = ✖️ {$to} declined {$name}: they stay in your cell.
member-transfer-already-decided = This request has already been handled.
member-transfer-cancelled = The request was cancelled: the roster changed meanwhile.

# roster: probation and digest
probation-reminder = 🎓 {$member} ({$org}) was admitted on {$admitted}; their probation { $passed ->
    [yes] ended on {$ends}. The cell should consider their recognition as an official member without delay.
   *[no] ends on {$ends}. After that day the cell must promptly consider their recognition as an official member.
}
digest-roster = 👥 Roster changes since {$from}: admitted or added {$admitted}; transferred in {$movedIn}; transferred out {$movedOut}; departed {$departed}. Probation over, no decision: {$overdue}
digest-roster-child = • {$name}: +{$admitted} admitted, +{$movedIn} in, −{$movedOut} out, −{$departed} departed; {$overdue} probation over
digest-probation-overdue = Probationary members past their 12 months with no decision ({$count}):
digest-probation-overdue-line = {$member} ({$name}): admitted {$admitted}, probation ended {$ends}, {$days} days ago
digest-roster-admitted = Admitted or added ({$count}):
digest-roster-moved-in = Transferred in ({$count}):
digest-roster-moved-out = Transferred out ({$count}):
digest-roster-departed = Departed ({$count}):
digest-roster-line = {$member} ({$name}), {$date}
digest-roster-departed-line = {$member} ({$name}), {$date}: {$reason}
digest-roster-reason-moved = transferred out
digest-roster-reason-left = left the cell's list
digest-roster-reason-died = died
digest-roster-reason-removed = removed from the list (xoá tên)
digest-roster-reason-expelled = expelled (khai trừ)
digest-sheet-roster = Roster changes
digest-roster-sheet-title = Roster changes since {$from}
digest-col-admitted = Admitted or added
digest-col-moved-in = Transferred in
digest-col-moved-out = Transferred out
digest-col-departed = Departed
digest-col-probation-overdue = Probation over, no decision
digest-sheet-probation-overdue = Probation over
digest-sheet-roster-movements = Roster movements
digest-title-roster-movements = Roster movements ({$count})
digest-col-admitted-on = Admitted on
digest-col-probation-ends = Probation ended
digest-col-on = Date
digest-col-movement = Movement
digest-col-reason = Reason
digest-movement-admitted = Admitted or added
digest-movement-moved-in = Transferred in
digest-movement-moved-out = Transferred out
digest-movement-departed = Departed

## resolutions: recording the outcome and answering tasks
cmd-resolution = Record the conclusion, vote and tasks (secretary)
resolution-not-secretary = Only the cell's secretary or deputy records a meeting's conclusion and tasks.
resolution-no-meeting = No meeting has had its attendance recorded in the last four months. Record attendance (/attendance) first.
resolution-pick-meeting = Record the conclusion of which meeting?
resolution-not-recorded = This meeting's attendance is not recorded (or it was recorded as not held): its conclusion cannot be recorded yet.
resolution-title = 📝 Conclusion and tasks: {$what}, {$org}, {$when}
resolution-finished = Saved. The members given tasks will receive them (outside quiet hours).
resolution-minutes-button = 📄 Updated minutes
resolution-ask-change = What would you like to do?
resolution-change-conclusion = ✏️ Record the conclusion and vote again
resolution-change-add = ➕ Add a task
resolution-change-move = 📅 Move a task's due date
resolution-change-withdraw = 🗑 Withdraw a task
resolution-change-finish = ✅ Done
resolution-current-conclusion = Conclusion: {$text}
resolution-no-conclusion = No conclusion recorded yet.
resolution-current-tasks = Tasks ({$count}):
resolution-no-tasks = No tasks yet.
resolution-vote-passed = Vote: {$for} for, {$against} against, {$abstain} abstaining. The resolution passed (more than half of the {$counted} counted official members).
resolution-vote-failed = Vote: {$for} for, {$against} against, {$abstain} abstaining. The resolution did NOT pass (it needs more than half of the {$counted} counted official members).
resolution-text-too-long = That is longer than {$max} characters; please send it shorter.
resolution-ask-conclusion = Send the chair's conclusion (the resolution's text):
resolution-ask-voted = Was the conclusion put to a vote as a resolution?
resolution-voted-yes = Voted
resolution-voted-no = Not voted
resolution-ask-votes = Send the votes in this order: for, against, abstaining (for example: 12 0 1). {$voters} official members present may vote; the resolution needs more than half of {$counted}.
resolution-votes-invalid = Three numbers are needed, in the order for, against, abstaining (for example: 12 0 1).
resolution-votes-too-many = That is more votes than the {$voters} official members present who may vote. Please check.
resolution-conclusion-saved = ✅ Conclusion saved.
resolution-ask-add-task = Assign a task to carry out the conclusion?
resolution-add-task = ➕ Add a task
resolution-no-more-tasks = No more
resolution-ask-task-text = What is the task? (send its text)
resolution-assignee-whole-cell = 0. The whole cell
resolution-ask-assignees = Who does it? Send their numbers separated by commas (for example: 1, 3), or 0 for the whole cell:
    {$list}
resolution-assignees-invalid = Please send numbers from 1 to {$count} separated by commas, or 0 for the whole cell.
resolution-ask-due = Due date (day/month/year, for example 20/01/2027):
resolution-due-format = Please send the date as day/month/year, for example 20/01/2027.
resolution-due-no_such_date = There is no such date in the calendar.
resolution-due-past = A due date cannot be a day that has passed.
resolution-due-too_far = A due date is at most two years from today.
resolution-task-saved = ✅ Task saved.
resolution-task-not-saved = Not saved: the meeting or the task changed. Please try again with /resolution.
resolution-ask-task-number = Which task? (1 to {$count})
resolution-task-number-invalid = Please send a number from 1 to {$count}.
resolution-task-withdrawn = Task withdrawn; those working on it are told.
resolution-task-moved = Due date moved; those not done are told the new date.
task-whole-cell = the whole cell
task-line = {$n}. {$text} — {$who}, due {$due}: {$status}
task-button-done = ✅ Done
task-button-note = 📝 Progress note
task-assigned = 📌 A task from the {$meeting} of {$org}:
    {$text}
    Due: {$due}.
    When it is done, tap "Done"; you can send a progress note at any time.
task-moved = 📅 The task "{$text}" ({$org}) is now due on {$due}.
task-reminder = ⏳ Reminder: the task "{$text}" ({$org}) is due on {$due}.
task-withdrawn = The task "{$text}" ({$org}) was withdrawn by the cell; you need not do it any more.
task-overdue = ⚠️ Overdue task ({$org}, {$meeting}): "{$text}", due {$due}. Not done by: {$waiting}.
task-done-all = ✅ Noted: the task "{$text}" is complete.
task-done-you = ✅ Noted: your part of the task "{$text}" is done.
task-noted = 📝 Progress noted for the task "{$text}".
task-already-done = You have already said the task "{$text}" is done.
task-refused-not_assignee = This task is not assigned to you.
task-refused-left_cell = You no longer attend the cell that gave this task.
task-refused-withdrawn = This task was withdrawn.
task-ask-note = Send a progress note (what is done, what is in the way):

## resolutions: minutes and review
minutes-conclusion-vote = Vote: {$for} for, {$against} against, {$abstain} abstaining (counted official members: {$counted}).
minutes-conclusion-passed = Result: the resolution passed (more than half of the counted official members voted for it).
minutes-conclusion-not-passed = Result: the resolution did not pass (no more than half of the counted official members voted for it).
minutes-conclusion-summary = Conclusion: {$text}
minutes-conclusion-summary-passed = Vote: {$for} for, {$against} against, {$abstain} abstaining — passed
minutes-conclusion-summary-not-passed = Vote: {$for} for, {$against} against, {$abstain} abstaining — not passed
minutes-task-heading = Tasks assigned ({$count}):
minutes-task-col-number = No.
minutes-task-col-task = Task
minutes-task-col-who = Who
minutes-task-col-due = Due
minutes-task-whole-cell = The whole cell
minutes-task-summary = Tasks assigned: {$count}
minutes-review-heading = Review of the previous resolution:
minutes-review-title = Review of the previous resolution ({$kind}):
minutes-review-conclusion = Previous conclusion: {$text}
minutes-review-no-tasks = No tasks were assigned last time.
minutes-review-tally = { $total ->
    [one] One task
   *[other] {$total} tasks
  }: {$onTime} done on time, {$late} late or overdue, {$open} open.
minutes-review-line = • {$task} (due {$due}): {$status}
minutes-review-line-notes = {$line} — Notes: {$notes}
minutes-review-col-status = Status
minutes-review-col-notes = Notes
task-status-done = Done
task-status-done_late = Done late
task-status-overdue = Overdue
task-status-open = Open
record-offer-resolution = Next: record the conclusion (resolution, vote) and assign tasks; the minutes are updated. You can do it later with /resolution.
record-offer-resolution-button = 📝 Record conclusion, tasks
record-vote-now-passes = After the correction, {$counted} official members are counted: the recorded resolution now PASSES.
record-vote-now-fails = After the correction, {$counted} official members are counted: the recorded resolution no longer has more than half and did NOT pass.
me-open-tasks = Tasks not done ({$count}):
me-task = • {$text} (due {$due})
me-task-overdue = • ⚠️ {$text} (overdue since {$due})

## resolutions: committees
digest-tasks-summary = 📌 Tasks from resolutions (meetings since {$from}, and every task not yet done): {$onTime} done on time, {$late} late, {$open} open; { $cells ->
    [one] 1 cell
   *[other] {$cells} cells
} met without recording a conclusion
digest-tasks-child = • {$name}: {$onTime} on time, {$late} late, {$open} open; { $cells ->
    [one] 1 cell
   *[other] {$cells} cells
} without a conclusion
digest-tasks-no-conclusion = Meetings with no conclusion recorded ({$count}):
digest-tasks-no-conclusion-line = {$name}, {$date}
digest-tasks-sheet = Tasks
digest-tasks-sheet-no-conclusion = No conclusion
digest-tasks-sheet-title = Tasks from resolutions (meetings since {$from}, and every task not yet done)
digest-tasks-col-on-time = Done on time
digest-tasks-col-late = Late (done late or overdue)
digest-tasks-col-open = Open (not yet due)
digest-tasks-col-no-conclusion = Cells that met without a conclusion
export-tasks-sheet = Tasks
export-tasks-heading = Tasks the year's meetings assigned (status as of when the file was made)
export-tasks-col-code = Code
export-tasks-col-cell = Cell
export-tasks-col-month = Meeting month
export-tasks-col-task = Task
export-tasks-col-assignees = Assigned to
export-tasks-col-due = Due
export-tasks-col-status = Status
export-tasks-col-done-at = Done at
export-tasks-col-notes = Progress notes
export-tasks-whole-cell = The whole cell
export-tasks-none = No task was assigned this year.
cli-resolutions-title = Resolutions and tasks – {$org} ({$code}): meetings since {$from}, and every task not yet done
cli-resolutions-col-org = Organisation
cli-resolutions-col-code = Code
cli-resolutions-col-on-time = On time
cli-resolutions-col-late = Late
cli-resolutions-col-open = Open
cli-resolutions-col-no-conclusion = Cells w/o conclusion
cli-resolutions-total = Total
cli-resolutions-no-conclusion = Meetings with no conclusion recorded ({$count}):
cli-resolutions-no-conclusion-line = • {$name} ({$code}), {$date}
demo-s-resolution = Conclusion and tasks: the secretary records the conclusion and the vote (checked for more than half) and gives Dung and Cường a task (21:05, before quiet hours: they get it at once); the next morning Dung sends a progress note.
