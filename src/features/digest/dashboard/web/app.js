// The dashboard page: plain ES2020, no framework, no build step, nothing loaded from
// elsewhere. It reads Telegram's launch data from location.hash (tgWebAppData,
// tgWebAppThemeParams) or chibo's signed link from location.search (s), sends that
// proof with each request to api/view, and draws what comes back: the subtree's
// figures, the year as a heatmap, the lists to act on and, for a cell, its meetings and
// members' year. Every word shown comes from the answer's `texts` (locales/*.ftl,
// `dashboard-*`), placeholders `{$name}` filled here.
"use strict";
(() => {
  const launch = new URLSearchParams(location.hash.slice(1));
  const query = new URLSearchParams(location.search);
  const initData = remembered("chibo-init-data", launch.get("tgWebAppData"));
  const signedLink = remembered("chibo-link", query.get("s"));
  const inTelegram = Boolean(initData);
  const bar = document.getElementById("bar");
  const main = document.getElementById("main");

  const state = {
    /** The language asked for with the switch; null: the viewer's own. */
    lang: query.get("lang") === "en" || query.get("lang") === "vi" ? query.get("lang") : null,
    /** Organisations left behind on the way down or up, for "back". */
    stack: [],
    /** The organisation shown (its id), or null before the first answer. */
    current: null,
    /** The last good answer: { locale, texts, canGoUp, view }. */
    data: null,
    texts: null,
    locale: null,
    /** Bumped per request, so a slow old answer never replaces a newer one. */
    request: 0,
  };

  /** Telegram drops the hash when the page reloads: the launch data is kept for the tab. */
  function remembered(key, value) {
    try {
      if (value) sessionStorage.setItem(key, value);
      return value || sessionStorage.getItem(key);
    } catch {
      return value;
    }
  }

  // ---- Telegram, without its script: events both ways, and the theme -----------------

  function postEvent(eventType, eventData) {
    if (!inTelegram) return;
    const data = eventData || {};
    try {
      if (window.TelegramWebviewProxy) window.TelegramWebviewProxy.postEvent(eventType, JSON.stringify(data));
      else if (window.parent !== window) window.parent.postMessage(JSON.stringify({ eventType, eventData: data }), "*");
    } catch {
      // Outside a Telegram client there is nobody to tell.
    }
  }

  function receiveEvent(eventType, eventData) {
    if (eventType === "back_button_pressed") goBack();
    else if (eventType === "theme_changed" && eventData && eventData.theme_params) applyTheme(eventData.theme_params);
  }
  window.Telegram = window.Telegram || {};
  window.Telegram.WebView = window.Telegram.WebView || {};
  window.Telegram.WebView.receiveEvent = receiveEvent;
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || typeof event.data !== "string") return;
    try {
      const message = JSON.parse(event.data);
      if (message && message.eventType) receiveEvent(message.eventType, message.eventData);
    } catch {
      // Not Telegram's.
    }
  });

  function applyTheme(params) {
    const style = document.documentElement.style;
    for (const [key, value] of Object.entries(params || {})) {
      if (typeof value === "string" && /^#[0-9a-f]{3,8}$/i.test(value)) style.setProperty(`--tg-${key.replace(/_/g, "-")}`, value);
    }
    const bg = /^#([0-9a-f]{6})$/i.exec(params && params.bg_color);
    if (bg) {
      const n = parseInt(bg[1], 16);
      const luma = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
      document.documentElement.classList.toggle("dark", luma < 128);
      document.documentElement.classList.toggle("light", luma >= 128);
    }
  }
  try {
    applyTheme(JSON.parse(launch.get("tgWebAppThemeParams") || "{}"));
  } catch {
    // No theme: the page's own colours.
  }

  // ---- Texts and formats ---------------------------------------------------------------

  /** The text of `key` with its placeholders filled (strings and numbers). */
  function t(key, vars) {
    const text = (state.texts && state.texts[key]) || key;
    return text.replace(/\{\$([\w-]+)\}/g, (whole, name) => (vars && vars[name] !== undefined && vars[name] !== null ? String(vars[name]) : whole));
  }

  /** The text of `key` as nodes: a placeholder given a node (a figure) keeps it. */
  function tNodes(key, vars) {
    const text = (state.texts && state.texts[key]) || key;
    const nodes = [];
    let last = 0;
    for (const match of text.matchAll(/\{\$([\w-]+)\}/g)) {
      if (match.index > last) nodes.push(text.slice(last, match.index));
      const value = vars && vars[match[1]];
      nodes.push(value instanceof Node ? value : value === undefined || value === null ? match[0] : String(value));
      last = match.index + match[0].length;
    }
    if (last < text.length) nodes.push(text.slice(last));
    return nodes;
  }

  function zone() {
    return (state.data && state.data.view.org.timeZone) || "Asia/Ho_Chi_Minh";
  }
  function intlLocale() {
    return state.locale === "en" ? "en-GB" : "vi-VN";
  }
  const formats = new Map();
  function format(iso, options) {
    const key = `${intlLocale()}|${zone()}|${JSON.stringify(options)}`;
    if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(intlLocale(), { timeZone: zone(), ...options }));
    return formats.get(key).format(new Date(iso));
  }
  const day = (iso) => format(iso, { day: "2-digit", month: "2-digit", year: "numeric" });
  const dayTime = (iso) => `${day(iso)} ${format(iso, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })}`;
  /** "dd/mm": both languages write the day as dd/mm/yyyy (Intl writes day and month alone as dd-mm in vi). */
  const dayMonth = (iso) => day(iso).slice(0, 5);
  /** "2026-11" → "11/2026" (vi) or "Nov 2026" (en). */
  function month(key) {
    const [year, number] = key.split("-").map(Number);
    if (state.locale !== "en") return `${number}/${year}`;
    return new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, number - 1, 1)));
  }
  /** "2026-Q4" → "4/2026" (vi) or "Q4 2026" (en). */
  function quarter(key) {
    const [year, q] = key.split("-Q");
    return state.locale === "en" ? `Q${q} ${year}` : `${q}/${year}`;
  }

  // ---- Elements ------------------------------------------------------------------------

  /** h("tag.class", { attributes, on: { click } }, ...children) */
  function h(spec, attrs, ...children) {
    const [tag, ...classes] = spec.split(".");
    const el = document.createElement(tag || "div");
    if (classes.length) el.className = classes.join(" ");
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "on") for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
      else if (name === "class") el.className += ` ${value}`;
      else el.setAttribute(name, value === true ? "" : String(value));
    }
    append(el, children);
    return el;
  }
  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }
  function figure(key, value) {
    return h("b.fig", { "data-k": key }, value);
  }

  // ---- Loading and moving around ---------------------------------------------------------

  function proof() {
    if (initData) return { "X-Telegram-Init-Data": initData };
    if (signedLink) return { "X-Chibo-Link": signedLink };
    return {};
  }

  async function load(orgId) {
    const request = ++state.request;
    main.setAttribute("aria-busy", "true");
    const params = new URLSearchParams();
    if (orgId !== null && orgId !== undefined) params.set("org", String(orgId));
    if (state.lang) params.set("lang", state.lang);
    let response;
    let body;
    try {
      response = await fetch(`api/view?${params}`, { headers: proof(), cache: "no-store" });
      body = response.ok ? await response.json() : null;
    } catch {
      response = null;
    }
    if (request !== state.request) return;
    if (!response || !body) {
      const status = response ? response.status : 0;
      const problem = status === 401 ? "unauthorized" : status === 403 ? "forbidden" : status === 404 ? "not-found" : "other";
      await showProblem(problem, orgId);
      return;
    }
    state.data = body;
    state.texts = body.texts;
    state.locale = body.locale;
    state.current = body.view.org.id;
    render();
  }

  /** The language to explain a refusal in: the one chosen, the one shown, or Telegram's. */
  function refusalLocale() {
    if (state.lang) return state.lang;
    if (state.locale) return state.locale;
    try {
      const user = JSON.parse(new URLSearchParams(initData || "").get("user") || "{}");
      return String(user.language_code || "").toLowerCase().startsWith("en") ? "en" : "vi";
    } catch {
      return "vi";
    }
  }

  async function showProblem(problem, orgId) {
    const locale = refusalLocale();
    if (!state.texts || state.locale !== locale) {
      try {
        const response = await fetch(`api/texts?lang=${locale}`, { cache: "no-store" });
        if (response.ok) {
          const body = await response.json();
          state.texts = body.texts;
          state.locale = body.locale;
        }
      } catch {
        // Then the keys themselves, and the retry button, are all there is.
      }
    }
    document.documentElement.lang = state.locale || "vi";
    bar.replaceChildren(...barContent(null));
    const retry = problem === "other" ? h("button.button", { type: "button", on: { click: () => load(orgId) } }, t("dashboard-retry")) : null;
    main.replaceChildren(h("div.problem", { role: "alert", "data-problem": problem }, h("p", null, t(`dashboard-error-${problem}`)), retry));
    main.removeAttribute("aria-busy");
    telegramBackButton();
  }

  /** Down to a child, or up to the parent: the way back is kept. */
  function open(orgId) {
    if (state.current !== null && orgId !== state.current) {
      state.stack.push(state.current);
      history.pushState({ depth: state.stack.length }, "");
    }
    load(orgId);
    window.scrollTo(0, 0);
  }
  function goBack() {
    if (state.stack.length > 0) history.back();
  }
  window.addEventListener("popstate", () => {
    if (state.stack.length === 0) return;
    load(state.stack.pop());
    window.scrollTo(0, 0);
  });
  function switchLanguage() {
    state.lang = state.locale === "en" ? "vi" : "en";
    load(state.current);
  }
  function telegramBackButton() {
    postEvent("web_app_setup_back_button", { is_visible: state.stack.length > 0 });
  }

  /** A row that opens an organisation when tapped (or with Enter). */
  function opener(orgId) {
    return {
      "data-org": orgId,
      tabindex: 0,
      role: "link",
      on: {
        click: () => open(orgId),
        keydown: (event) => {
          if (event.key === "Enter") open(orgId);
        },
      },
    };
  }

  // ---- Drawing -----------------------------------------------------------------------------

  function barContent(view) {
    const back = state.stack.length > 0 ? h("button.back", { type: "button", "data-action": "back", on: { click: goBack } }, t("dashboard-back")) : null;
    const title = view
      ? h("div.title", null, h("h1", null, view.org.name), h("div.sub", null, `${view.org.code} · `, t("dashboard-as-of", { date: dayTime(view.digest.at) })))
      : h("div.title", null, h("h1", null, t("dashboard-title")));
    const lang = state.texts ? h("button.lang", { type: "button", "data-action": "lang", on: { click: switchLanguage } }, t("dashboard-switch-language")) : null;
    return [back, title, lang].filter(Boolean);
  }

  function render() {
    const { view, canGoUp } = state.data;
    const digest = view.digest;
    document.documentElement.lang = state.locale;
    document.title = `${view.org.name} – ${t("dashboard-title")}`;
    bar.replaceChildren(...barContent(view));
    const up =
      canGoUp && view.parent
        ? h("button.up", { type: "button", "data-action": "up", on: { click: () => open(view.parent.id) } }, t("dashboard-up", { org: view.parent.name }))
        : null;
    const empty = digest.totals.thisMonth.cells === 0;
    main.replaceChildren(
      ...[
        up,
        totals(digest),
        empty ? h("p.note", { "data-empty": true }, t("dashboard-empty")) : null,
        empty ? null : heatmap(view.heatmap),
        view.cell ? cellMeetings(view.cell) : null,
        view.cell ? membersYear(view.cell) : null,
        empty ? null : toAct(digest),
        view.org.isCell || digest.children.length === 0 ? null : children(digest),
      ].filter(Boolean),
    );
    main.removeAttribute("aria-busy");
    telegramBackButton();
  }

  function totals(digest) {
    const card = (which, title) => {
      const counts = digest.totals[which];
      const share = (n) => (counts.cells > 0 ? `${(100 * n) / counts.cells}%` : "0");
      return h(
        "div.card",
        { "data-month": which },
        h("h2", null, title),
        h("div.big", null, tNodes("dashboard-held-percent", { percent: figure(`${which}.heldPercent`, counts.heldPercent) })),
        h(
          "div.stack",
          { "aria-hidden": "true" },
          h("span.s-held", { style: `width:${share(counts.held)}` }),
          h("span.s-scheduled", { style: `width:${share(counts.scheduled)}` }),
          h("span.s-not", { style: `width:${share(counts.notScheduled)}` }),
        ),
        h(
          "div.stats",
          null,
          stat(`${which}.held`, counts.held, "dashboard-held", "k-held"),
          stat(`${which}.scheduled`, counts.scheduled, "dashboard-scheduled", "k-scheduled"),
          stat(`${which}.notScheduled`, counts.notScheduled, "dashboard-not-scheduled", "k-not"),
          stat(`${which}.cells`, counts.cells, "dashboard-cells", "k-cells"),
        ),
      );
    };
    return h(
      "section.totals",
      null,
      card("thisMonth", t("dashboard-this-month", { month: month(digest.thisMonth) })),
      card("lastMonth", t("dashboard-last-month", { month: month(digest.lastMonth) })),
    );
  }
  function stat(key, value, label, kind) {
    return h(`div.stat.${kind}`, null, figure(key, value), h("span", null, t(label)));
  }

  function heatClass(cell, cells) {
    if (cells === 0) return "empty";
    if (cell.regular >= cells) return "full";
    if (cell.regular === 0) return "none";
    return "part";
  }

  function heatmap(map) {
    const years = [];
    for (const key of map.months) {
      const year = key.slice(0, 4);
      if (years.length && years[years.length - 1].year === year) years[years.length - 1].span++;
      else years.push({ year, span: 1 });
    }
    const last = map.months.length - 1;
    const head = h(
      "thead",
      null,
      h("tr.years", null, h("th.unit", { rowspan: 2 }, t("dashboard-heatmap-unit")), years.map((y) => h("th", { colspan: y.span }, y.span < 3 ? `’${y.year.slice(2)}` : y.year))),
      h("tr", null, map.months.map((key, i) => h("th", { "data-month": key, class: i === last ? "now" : null }, String(Number(key.slice(5)))))),
    );
    const body = h(
      "tbody",
      null,
      map.rows.map((row) =>
        h(
          "tr",
          row.isCell && state.data.view.org.isCell ? { "data-org": row.orgId } : opener(row.orgId),
          h("th", null, h("span.name", null, row.name), row.isCell ? null : h("small", null, t("dashboard-cells-count", { count: row.cells }))),
          row.months.map((cell, i) => {
            const attendance = cell.attendance === null ? "–" : `${cell.attendance}%`;
            const title = t("dashboard-heatmap-cell", {
              name: row.name,
              month: month(map.months[i]),
              regular: cell.regular,
              cells: row.cells,
              thematic: cell.thematic,
              attendance,
              overdue: cell.overdue,
            });
            const classes = [heatClass(cell, row.cells), cell.thematic > 0 ? "thematic" : "", cell.overdue > 0 ? "overdue" : "", i === last ? "now" : ""];
            return h(
              "td",
              { class: classes.filter(Boolean).join(" "), title, "data-regular": cell.regular, "data-thematic": cell.thematic, "data-overdue": cell.overdue },
              cell.attendance === null ? "" : String(cell.attendance),
            );
          }),
        ),
      ),
    );
    const swatch = (kind, key) => h("span.legend-item", null, h(`i.sw.${kind}`), t(key));
    return h(
      "section.heat",
      null,
      h("h2", null, t("dashboard-heatmap")),
      h("div.hm-wrap", null, h("table.hm", null, head, body)),
      h(
        "div.legend",
        null,
        swatch("full", "dashboard-legend-full"),
        swatch("part", "dashboard-legend-partial"),
        swatch("none", "dashboard-legend-none"),
        swatch("empty", "dashboard-legend-empty"),
        swatch("thematic", "dashboard-legend-thematic"),
        swatch("overdue", "dashboard-legend-overdue"),
      ),
      h("p.note", null, t("dashboard-heatmap-note")),
    );
  }

  function children(digest) {
    return h(
      "section.children",
      null,
      h("h2", null, t("dashboard-children")),
      h("p.note", null, t("dashboard-children-note")),
      h(
        "ul.rows",
        { "data-list": "children" },
        digest.children.map((child) =>
          h(
            "li",
            opener(child.org.id),
            h("span.name", null, child.org.name),
            h("span.meta", null, t("dashboard-child-line", { last: child.compliantLastMonthPercent, now: child.compliantThisMonthPercent, cells: child.thisMonth.cells })),
          ),
        ),
      ),
    );
  }

  /** One list to act on: a title with its count, and every row (the API sends them all). */
  function list(name, titleKey, titleVars, items, row) {
    if (!items || items.length === 0) return null;
    return h(
      "details.list",
      { open: true, "data-list": name },
      h("summary", null, t(titleKey, { count: items.length, ...titleVars })),
      h("ul.rows", null, items.map(row)),
    );
  }
  /** A row naming a cell (or a member of one) that opens that cell. */
  function cellRow(cellId, name, meta) {
    const here = cellId === state.current;
    return h("li", here ? { "data-org": cellId } : opener(cellId), h("span.name", null, name), meta ? h("span.meta", null, meta) : null);
  }

  function toAct(digest) {
    const secretary = (name) => (name ? t("dashboard-secretary-line", { secretary: name }) : t("dashboard-no-secretary-name"));
    const resolutions = digest.resolutions;
    const lists = [
      list("missed", "dashboard-missed", { month: month(digest.lastMonth) }, digest.missedLastMonth, (c) =>
        cellRow(c.cellId, c.name, `${secretary(c.secretary)} · ${t("dashboard-last-met", { last: c.lastMeeting ? day(c.lastMeeting) : t("dashboard-never") })}`),
      ),
      list("not-scheduled", "dashboard-not-scheduled-list", { month: month(digest.thisMonth) }, digest.notScheduledThisMonth, (c) =>
        cellRow(c.cellId, c.name, secretary(c.secretary)),
      ),
      list("no-thematic", "dashboard-no-thematic", { quarter: quarter(digest.quarter) }, digest.noThematicThisQuarter, (c) => cellRow(c.cellId, c.name, null)),
      list("low-attendance", "dashboard-low-attendance", null, digest.lowAttendance, (m) => cellRow(m.cellId, m.name, `${day(m.date)} · ${m.percent}%`)),
      list("short", "dashboard-short", null, digest.shortMeetings, (m) => cellRow(m.cellId, m.name, `${day(m.date)} · ${t("dashboard-minutes", { minutes: m.minutes })}`)),
      list("overdue", "dashboard-overdue", null, digest.overdueRecords, (m) => cellRow(m.cellId, m.name, `${day(m.date)} · ${t("dashboard-days", { days: m.days })}`)),
      list("flagged", "dashboard-flagged", null, digest.flagged, (f) => cellRow(f.cellId, f.member, `${f.name} · ${f.months.map(month).join(", ")}`)),
      digest.roster
        ? list("probation", "dashboard-probation", null, digest.roster.overdueProbation, (p) =>
            cellRow(p.cellId, p.member, `${p.name} · ${t("dashboard-probation-line", { admitted: day(p.admitted), ends: day(p.ends), days: p.days })}`),
          )
        : null,
      resolutions && resolutions.totals.onTime + resolutions.totals.late + resolutions.totals.open > 0
        ? h(
            "details.list",
            { open: true, "data-list": "tasks" },
            h("summary", null, t("dashboard-tasks"), " · ", t("dashboard-tasks-line", resolutions.totals)),
            h(
              "ul.rows",
              null,
              resolutions.children
                .filter((c) => c.counts.onTime + c.counts.late + c.counts.open > 0)
                .map((c) => cellRow(c.org.id, c.org.name, t("dashboard-tasks-line", c.counts))),
            ),
          )
        : null,
      resolutions ? list("no-conclusion", "dashboard-no-conclusion", null, resolutions.noConclusion, (m) => cellRow(m.cellId, m.name, day(m.date))) : null,
      list("no-secretary", "dashboard-no-secretary", null, digest.noLinkedSecretary, (c) => cellRow(c.cellId, c.name, null)),
      list("unreachable", "dashboard-unreachable", null, digest.unreachable, (u) => cellRow(u.cellId, u.member, u.name)),
      list("next-week", "dashboard-next-week", null, digest.nextWeek, (m) =>
        cellRow(m.cellId, m.name, [dayTime(m.startsAt), ...m.followers].join(" · ")),
      ),
    ].filter(Boolean);
    return h("section.act", null, h("h2", null, t("dashboard-to-act")), lists.length ? lists : h("p.note", { "data-nothing": true }, t("dashboard-nothing")));
  }

  const MARKS = { present: "✓", late: "◔", excused: "P", unexcused: "✗" };

  function cellMeetings(cell) {
    const status = (m) => {
      if (m.status === "cancelled") return ["cancelled", t("dashboard-meeting-cancelled")];
      if (m.held === true) return ["held", m.attendance === null ? t("dashboard-meeting-held-plain") : t("dashboard-meeting-held", { percent: m.attendance })];
      if (m.held === false) return ["not-held", t("dashboard-meeting-not-held")];
      if (m.overdue) return ["overdue", t("dashboard-meeting-overdue")];
      if (m.status === "proposed") return ["proposed", t("dashboard-meeting-proposed")];
      return ["scheduled", t("dashboard-meeting-scheduled")];
    };
    return h(
      "section.meetings",
      null,
      h("h2", null, t("dashboard-cell-meetings", { count: cell.meetings.length })),
      cell.meetings.length === 0
        ? h("p.note", null, t("dashboard-no-meetings"))
        : h(
            "ul.rows.static",
            { "data-list": "meetings" },
            cell.meetings.map((m) => {
              const [kind, text] = status(m);
              return h(
                "li",
                { "data-meeting": m.id, "data-state": kind },
                h("span.name", null, dayTime(m.startsAt), " · ", t(`dashboard-kind-${m.kind}`)),
                h(`span.meta.st-${kind}`, null, text),
              );
            }),
          ),
    );
  }

  function membersYear(cell) {
    const head = h(
      "thead",
      null,
      h("tr", null, h("th.unit", null, t("dashboard-member")), cell.held.map((m) => h("th", { "data-meeting": m.id, title: dayTime(m.startsAt) }, dayMonth(m.startsAt)))),
    );
    const body = h(
      "tbody",
      null,
      cell.members.map((member) =>
        h(
          "tr",
          { "data-member": member.name },
          h(
            "th",
            null,
            h("span.name", null, member.name),
            h("small", null, [t(`dashboard-status-${member.status}`), member.role === "member" ? null : t(`dashboard-role-${member.role}`)].filter(Boolean).join(" · ")),
          ),
          member.marks.map((mark) => h("td", { class: `mk ${mark || "none"}`, "data-mark": mark || "" }, mark ? MARKS[mark] || "?" : "–")),
        ),
      ),
    );
    return h(
      "section.members",
      null,
      h("h2", null, t("dashboard-members", { count: cell.members.length })),
      h("div.hm-wrap", null, h("table.marks", null, head, body)),
      h("p.note", null, t("dashboard-members-note")),
    );
  }

  postEvent("web_app_ready");
  postEvent("web_app_expand");
  const firstOrg = query.get("org");
  load(firstOrg && /^\d+$/.test(firstOrg) ? Number(firstOrg) : null);
})();
