// Helpers shared by the packages, products, shops, settings, API log and content pages.

import { api, session } from "../api.js";
import { h, clear, spinner, errorState, badge } from "../dom.js";
import { t, formatDateTime, formatDuration } from "../i18n.js";

// True when the signed-in user is the seller's owner (owner-only actions are hidden from staff).
export function isOwner() {
  const s = session();
  return Boolean(s && s.user && s.user.role === "owner");
}

// The page heading with an optional lead paragraph and actions on the right.
export function pageHeader(title, { lead, actions } = {}) {
  return h(
    "div",
    { class: "page-header" },
    h("div", { class: "page-heading" }, h("h1", null, title), lead ? h("p", { class: "page-lead" }, lead) : null),
    actions && actions.length ? h("div", { class: "page-actions" }, actions) : null,
  );
}

const latestLoad = new WeakMap(); // container -> the load whose answer it shows

// Shows a spinner in `container` while `load()` runs, then hands its result to `show`; a failure shows
// the API's message with a retry button. When loads overlap (a filter changed again), only the last
// one's answer is shown.
export async function loadInto(container, load, show) {
  const mine = {};
  latestLoad.set(container, mine);
  clear(container).append(spinner());
  try {
    const data = await load();
    if (latestLoad.get(container) !== mine) return;
    clear(container);
    show(data);
  } catch (err) {
    if (latestLoad.get(container) !== mine || (err && err.status === 401)) return;
    clear(container).append(errorState(errorMessage(err), () => loadInto(container, load, show)));
  }
}

export function errorMessage(err) {
  return err && err.message ? err.message : String(err);
}

// The shops of the seller for filter selects: [{id, name, region, state}]. Loaded once per page view.
export async function loadShops() {
  const answer = await api.get("/shops");
  return (answer && answer.shops) || [];
}

// A <select> of shops with "All shops" first.
export function shopSelect(shops, value, attrs = {}) {
  return h(
    "select",
    attrs,
    h("option", { value: "", selected: !value }, t("pages.all_shops")),
    shops.map((s) => h("option", { value: s.id, selected: s.id === value }, `${s.name} (${s.region})`)),
  );
}

// The shop's name from a list, or its id when unknown.
export function shopName(shops, id) {
  const shop = shops.find((s) => s.id === id);
  return shop ? shop.name : id;
}

const STATE_TONES = {
  connected: "success",
  needs_reauthorization: "warning",
  disconnected: "neutral",
};

// The translation of `key`, or `fallback` when the catalogs do not have it (a value the API added later).
export function tOr(key, fallback, params) {
  const text = t(key, params);
  return text === key ? fallback : text;
}

// A badge for a shop state (connected, needs_reauthorization, disconnected).
export function shopStateBadge(state, attrs = {}) {
  return badge(tOr(`shops.state.${state}`, state || ""), STATE_TONES[state] || "neutral", attrs);
}

// "3 minutes ago"-style relative text for a past Unix time, with the full time as a tooltip.
export function timeAgo(unix) {
  if (unix === null || unix === undefined) return h("span", { class: "muted" }, t("pages.never"));
  const seconds = Math.max(0, Math.floor(Date.now() / 1000) - unix);
  return h("time", { datetime: new Date(unix * 1000).toISOString(), title: formatDateTime(unix) }, t("pages.ago", { duration: formatDuration(seconds) }));
}

// Next/previous paging over opaque cursors: keeps the cursors seen so "Previous" works.
export class cursorPager {
  constructor() {
    this.stack = [];
    this.cursor = "";
  }
  reset() {
    this.stack = [];
    this.cursor = "";
  }
  next(nextCursor) {
    this.stack.push(this.cursor);
    this.cursor = nextCursor;
  }
  previous() {
    this.cursor = this.stack.pop() || "";
  }
  get hasPrevious() {
    return this.stack.length > 0;
  }
  get pageNumber() {
    return this.stack.length + 1;
  }
}

// The paging bar: previous/next buttons and the page number.
export function pagingBar({ pager, nextCursor, onChange, nextTestId, prevTestId }) {
  const prev = h(
    "button",
    {
      type: "button",
      class: "btn",
      disabled: !pager.hasPrevious,
      "data-testid": prevTestId,
      "on:click": () => {
        pager.previous();
        onChange();
      },
    },
    t("pages.previous"),
  );
  const next = h(
    "button",
    {
      type: "button",
      class: "btn",
      disabled: !nextCursor,
      "data-testid": nextTestId,
      "on:click": () => {
        pager.next(nextCursor);
        onChange();
      },
    },
    t("pages.next"),
  );
  return h(
    "nav",
    { class: "paging", "aria-label": t("pages.paging") },
    prev,
    h("span", { class: "paging-page" }, t("pages.page_n", { n: pager.pageNumber })),
    next,
  );
}

// A section card with a heading.
export function card(title, ...children) {
  return h("section", { class: "card pages-card" }, title ? h("h2", { class: "card-title" }, title) : null, children);
}

// Content pages (privacy, terms, review guide): sections of paragraphs and lists from the catalog.
// `sections` is [{id, paras: n, items: n}]; keys are `<prefix>.<id>.title`, `<prefix>.<id>.p1`...,
// `<prefix>.<id>.li1`...
export function contentSections(prefix, sections, extra = {}) {
  return sections.map((s) =>
    h(
      "section",
      { class: "content-section", id: `${prefix.replace(/\./g, "-")}-${s.id}`, "aria-labelledby": `${prefix}-${s.id}-h` },
      h("h2", { id: `${prefix}-${s.id}-h` }, t(`${prefix}.${s.id}.title`)),
      range(s.paras || 0).map((n) => h("p", null, t(`${prefix}.${s.id}.p${n}`))),
      s.items ? h(s.ordered ? "ol" : "ul", null, range(s.items).map((n) => h("li", null, t(`${prefix}.${s.id}.li${n}`)))) : null,
      extra[s.id] ? extra[s.id]() : null,
    ),
  );
}

// A content page: title, "last updated" and the sections, with a link back.
export function contentPage(root, { prefix, sections, extra, before }) {
  root.append(
    h(
      "article",
      { class: "content-page" },
      h("h1", null, t(`${prefix}.title`)),
      h("p", { class: "content-updated" }, t(`${prefix}.updated`)),
      h("p", { class: "content-intro" }, t(`${prefix}.intro`)),
      before ? before() : null,
      contentSections(prefix, sections, extra),
      h("p", { class: "content-back" }, h("a", { href: session() ? "/dashboard" : "/signin" }, session() ? t("pages.back_to_app") : t("pages.back_to_signin"))),
    ),
  );
}

function range(n) {
  return Array.from({ length: n }, (_, i) => i + 1);
}

