## Common
error-try-again = Sorry, something went wrong. Please try again later. Reference: {$ref}
cancelled = Cancelled. You can start again at any time.
nothing-to-cancel = There is nothing in progress to cancel.
not-linked = This Telegram account is not linked to a member record yet. Open the invite link your cell secretary sent you.
not-allowed = You are not allowed to do this.
button-stale = This button is out of date or not valid.
group-not-supported = Please message the bot privately; in groups it only posts notices.
fallback-linked = I did not understand that message. Send /help to see what you can do.

## Commands menu
cmd-start = Start, join with an invite code
cmd-help = What you can do
cmd-settings = Language settings
cmd-cancel = Cancel what you are doing
cmd-requests = Join requests waiting for you
cmd-members = Your cell's roster

## Onboarding
start-no-code = Hello! This bot keeps your party cell's meetings on schedule. To join, open the invite link your cell secretary sent you.
start-welcome-back = Hello {$name}, your account is linked. Send /help to see what you can do.
start-bad-code = This invite code is not valid. Check the link your secretary sent you.
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
    /settings – choose the language
    /cancel – cancel what you are doing
help-secretary = /requests – approve requests to join your cell
    /members – your cell's roster and who is linked
help-committee = /requests – approve requests to join the organisations you oversee
    /members – the roster of the organisations you oversee

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
cli-unknown-command = There is no command «{$command}».
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

## Demo
demo-title = chibo demo: a small province, two communes, three cells, {$people} people.
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
demo-done = Done. {$linked}/{$people} people linked, {$pending} requests waiting. Run `npx chibo members AB01` with DATABASE_URL={$url} to see the roster.
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
