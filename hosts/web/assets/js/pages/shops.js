// Shops: each connected shop with its state, sync health and notices; connect (through TikTok Shop's
// authorisation page, or the simulator's), re-authorise, sync now and disconnect (owner only).

import { api } from "../api.js";
import { updateQuery } from "../app.js";
import { h, clear, toast, dialog, field, badge, emptyState } from "../dom.js";
import { t, formatDate, formatDateTime, formatDuration, formatNumber } from "../i18n.js";
import { pageHeader, loadInto, isOwner, shopStateBadge, timeAgo, errorMessage, tOr } from "./common_pages.js";

// Starts the OAuth connect and leaves for the authorisation page.
async function startConnect(button) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    const answer = await api.post("/shops/connect", { return_to: "/shops" });
    window.location.assign(answer.authorize_url);
  } catch (err) {
    toast(errorMessage(err), "error");
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

// The codes the OAuth callback puts in ?connect_error=.
const CONNECT_ERRORS = ["state_invalid", "other_account", "declined", "platform_error", "unavailable"];

// The result of a connect that came back through the OAuth callback (?connected= / ?connect_error=).
function announceConnectResult(query, shops) {
  if (query.connected) {
    const ids = query.connected.split(",").filter(Boolean);
    const names = ids.map((id) => (shops.find((s) => s.id === id) || { name: id }).name);
    toast(t("shops.connected_toast", { shops: names.join(", ") }), "success");
  } else if (query.connect_error) {
    const code = query.connect_error;
    const text = CONNECT_ERRORS.includes(code) ? t(`shops.connect_error.${code}`) : t("shops.connect_error.other", { code });
    toast(text, "error");
  }
  if (query.connected || query.connect_error) updateQuery({});
}

function healthList(shop) {
  const health = shop.health || {};
  const lag = health.lag_seconds;
  const rows = [
    [t("shops.health.last_sync"), timeAgo(health.last_success_at || null)],
    [t("shops.health.lag"), lag === null || lag === undefined || lag < 0 ? "—" : formatDuration(lag)],
    [t("shops.health.orders"), formatNumber(health.orders ?? 0)],
    [t("shops.health.pending_write_backs"), formatNumber(health.pending_write_backs ?? 0)],
  ];
  if (health.failed_write_backs > 0) rows.push([t("shops.health.failed_write_backs"), formatNumber(health.failed_write_backs)]);
  if (health.unknown_write_backs > 0) rows.push([t("shops.health.unknown_write_backs"), formatNumber(health.unknown_write_backs)]);
  return h(
    "dl",
    { class: "health-list" },
    rows.map(([label, value]) => h("div", { class: "health-item" }, h("dt", null, label), h("dd", null, value))),
    health.last_error
      ? h("div", { class: "health-item health-error" }, h("dt", null, t("shops.health.last_error")), h("dd", null, health.last_error))
      : null,
  );
}

function noticeList(shop, onReconnect) {
  const notices = shop.notices || [];
  if (!notices.length) return null;
  return h(
    "ul",
    { class: "notice-list" },
    notices.map((n) => {
      const reauth = n.kind === "needs_reauthorization";
      const text = reauth
        ? t("shops.notice.needs_reauthorization")
        : n.due_at
          ? t("shops.notice.expiring", { date: formatDate(n.due_at) })
          : t("shops.notice.expiring_soon");
      return h(
        "li",
        { class: ["notice", reauth ? "notice-danger" : "notice-warning"], role: "note" },
        h("strong", null, text),
        n.detail ? h("span", { class: "notice-detail" }, n.detail) : null,
        // A shop that needs authorisation has the button among its actions already.
        reauth ? null : h("button", { type: "button", class: "btn btn-small", "on:click": (e) => onReconnect(e.currentTarget) }, t("shops.reconnect")),
      );
    }),
  );
}

// The confirmation: what is deleted and when (from the preview), and the typed shop name.
async function confirmDisconnect(shop, reload) {
  let preview;
  try {
    preview = await api.get(`/shops/${encodeURIComponent(shop.id)}/disconnect-preview`);
  } catch (err) {
    toast(errorMessage(err), "error");
    return;
  }
  const input = h("input", { type: "text", name: "confirm", autocomplete: "off", spellcheck: "false", "data-testid": "disconnect-confirm-input" });
  const deletes = preview.deletes || [];
  const body = h(
    "div",
    { class: "disconnect-body" },
    h("p", null, t("shops.disconnect.stops", { shop: shop.name })),
    h("p", null, t("shops.disconnect.tokens_now")),
    h(
      "p",
      null,
      t("shops.disconnect.data_at", {
        date: preview.data_deleted_at ? formatDateTime(preview.data_deleted_at) : "",
        days: preview.retention_days ?? 30,
      }),
    ),
    deletes.length
      ? h(
          "ul",
          { class: "disconnect-deletes" },
          deletes.map((d) => h("li", null, tOr(`shops.deletes.${d}`, d))),
        )
      : null,
    (preview.kept || []).length
      ? h("p", { class: "muted" }, t("shops.disconnect.kept", { kept: preview.kept.map((k) => tOr(`shops.kept.${k}`, k)).join(", ") }))
      : null,
    h("p", null, t("shops.disconnect.reconnect_note")),
    field({ label: t("shops.disconnect.type_name", { shop: shop.name }), input, name: "confirm" }),
  );
  const d = dialog({
    title: t("shops.disconnect.title", { shop: shop.name }),
    body,
    confirmLabel: t("shops.disconnect.confirm"),
    testid: "disconnect-dialog",
    danger: true,
    onConfirm: async () => {
      if (input.value.trim() !== shop.name) throw new Error(t("shops.disconnect.name_mismatch", { shop: shop.name }));
      await api.post(`/shops/${encodeURIComponent(shop.id)}/disconnect`, { confirm: input.value.trim() });
      toast(t("shops.disconnected_toast", { shop: shop.name }), "success");
      reload();
    },
  });
  const sync = () => {
    d.confirmButton.disabled = input.value.trim() !== shop.name;
  };
  input.addEventListener("input", sync);
  sync();
  input.focus();
}

async function syncNow(shop, button) {
  button.disabled = true;
  try {
    await api.post(`/shops/${encodeURIComponent(shop.id)}/sync`, {});
    toast(t("shops.sync_started", { shop: shop.name }), "success");
  } catch (err) {
    toast(errorMessage(err), "error");
  } finally {
    button.disabled = false;
  }
}

function shopCard(shop, reload) {
  const owner = isOwner();
  const disconnected = shop.state === "disconnected";
  const actions = [];
  if (shop.state === "needs_reauthorization" || disconnected)
    actions.push(h("button", { type: "button", class: "btn btn-primary", "on:click": (e) => startConnect(e.currentTarget) }, disconnected ? t("shops.connect_again") : t("shops.reconnect")));
  if (shop.state === "connected")
    actions.push(h("button", { type: "button", class: "btn", "on:click": (e) => syncNow(shop, e.currentTarget) }, t("shops.sync_now")));
  if (owner && !disconnected)
    actions.push(
      h(
        "button",
        { type: "button", class: "btn btn-danger-outline", "data-testid": `disconnect-${shop.id}`, "on:click": () => confirmDisconnect(shop, reload) },
        t("shops.disconnect.button"),
      ),
    );
  const modules = shop.modules || [];
  const scopes = shop.granted_scopes || [];
  return h(
    "article",
    { class: ["shop-card", `shop-${shop.state}`], "data-testid": `shop-row-${shop.id}`, "aria-labelledby": `shop-${shop.id}-name` },
    h(
      "header",
      { class: "shop-card-head" },
      h(
        "div",
        null,
        h("h2", { id: `shop-${shop.id}-name`, class: "shop-name" }, shop.name),
        h(
          "p",
          { class: "shop-meta" },
          h("span", { class: "region-tag" }, shop.region),
          " ",
          tOr(`shops.seller_type.${shop.seller_type}`, shop.seller_type || ""),
          " · ",
          h("span", { class: "muted" }, t("shops.shop_id", { id: shop.id })),
        ),
      ),
      h(
        "div",
        { class: "shop-badges" },
        shopStateBadge(shop.state, { "data-testid": `shop-state-${shop.id}` }),
        shop.demo || shop.transport === "tiktok-sim" ? badge(t("shops.simulator"), "info") : null,
      ),
    ),
    disconnected
      ? h(
          "p",
          { class: "shop-disconnected-note" },
          shop.data_deleted_at
            ? t("shops.data_deleted_on", { date: formatDate(shop.data_deleted_at) })
            : t("shops.disconnected_note"),
        )
      : healthList(shop),
    modules.length
      ? h("p", { class: "shop-modules" }, t("shops.modules"), " ", modules.map((m) => badge(m, "neutral")))
      : null,
    scopes.length && !disconnected
      ? h(
          "details",
          { class: "shop-scopes" },
          h("summary", null, t("shops.scopes", { n: scopes.length })),
          h("ul", null, scopes.map((s) => h("li", null, h("code", null, s)))),
        )
      : null,
    disconnected && shop.disconnected_at
      ? h("p", { class: "shop-connected-at muted" }, t("shops.disconnected_on", { date: formatDate(shop.disconnected_at) }))
      : shop.connected_at
        ? h("p", { class: "shop-connected-at muted" }, t("shops.connected_since", { date: formatDate(shop.connected_at) }))
        : null,
    disconnected ? null : noticeList(shop, startConnect),
    actions.length ? h("div", { class: "shop-actions" }, actions) : null,
  );
}

export default {
  titleKey: "nav.shops",
  async render(root, { query }) {
    const connect = h("button", { type: "button", class: "btn btn-primary", "data-testid": "connect-shop", "on:click": (e) => startConnect(e.currentTarget) }, t("shops.connect"));
    const list = h("div", { class: "shop-list" });
    root.append(pageHeader(t("nav.shops"), { lead: t("shops.lead"), actions: [connect] }), list);
    let first = true;
    const reload = () =>
      loadInto(
        list,
        () => api.get("/shops"),
        (answer) => {
          const shops = (answer && answer.shops) || [];
          if (first) {
            first = false;
            announceConnectResult(query || {}, shops);
          }
          clear(list);
          if (!shops.length) {
            list.append(emptyState(t("shops.empty")));
            return;
          }
          list.append(...shops.map((s) => shopCard(s, reload)));
        },
      );
    await reload();
  },
};
