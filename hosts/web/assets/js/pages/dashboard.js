// Dashboard: orders and revenue per day per shop (SVG charts) and each shop's sync health.

import { api, query as toQuery } from "../api.js";
import { updateQuery } from "../app.js";
import { barChart, lineChart, legend } from "../charts.js";
import { h, clear, spinner, errorState, emptyState, badge } from "../dom.js";
import { t, formatMoney, formatNumber, formatDay, formatDateTime, formatDuration } from "../i18n.js";

const RANGES = [7, 30, 90];

function addDecimal(a, b) {
  // Sums decimal strings exactly (as integers of the smallest unit) so totals match the platform's.
  const digits = Math.max((a.split(".")[1] || "").length, (b.split(".")[1] || "").length);
  const scale = (s) => {
    const negative = s.startsWith("-");
    const [whole, frac = ""] = s.replace("-", "").split(".");
    const v = BigInt(whole || "0") * 10n ** BigInt(digits) + BigInt((frac + "0".repeat(digits)).slice(0, digits) || "0");
    return negative ? -v : v;
  };
  const sum = scale(a) + scale(b);
  const negative = sum < 0n;
  const abs = (negative ? -sum : sum).toString().padStart(digits + 1, "0");
  const out = digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  return negative ? "-" + out : out;
}

function stateTone(state) {
  return { connected: "success", needs_reauthorization: "warning", disconnected: "neutral" }[state] || "info";
}

function healthCard(shop) {
  const hlt = shop.health || {};
  const lag = hlt.lag_seconds;
  const lagTone = lag === null || lag === undefined ? "neutral" : lag > 3600 ? "danger" : lag > 900 ? "warning" : "success";
  return h(
    "section",
    { class: "card health-card", "data-testid": `shop-health-${shop.id}`, "aria-labelledby": `health-${shop.id}` },
    h(
      "h3",
      { id: `health-${shop.id}` },
      h("span", null, shop.name, " ", h("span", { class: "muted" }, shop.region)),
      badge(t(`shop_state.${shop.state}`), stateTone(shop.state)),
    ),
    h(
      "dl",
      { class: "health-list" },
      h("dt", null, t("dashboard.health.last_sync")),
      h("dd", null, hlt.last_success_at ? formatDateTime(hlt.last_success_at) : t("dashboard.health.never")),
      h("dt", null, t("dashboard.health.lag")),
      h("dd", null, lag === null || lag === undefined ? "—" : badge(formatDuration(lag), lagTone)),
      h("dt", null, t("dashboard.health.orders")),
      h("dd", null, formatNumber(hlt.orders ?? 0)),
      h("dt", null, t("dashboard.health.pending")),
      h("dd", null, formatNumber(hlt.pending_write_backs ?? 0)),
    ),
    hlt.last_error ? h("p", { class: "health-error" }, t("dashboard.health.last_error", { error: hlt.last_error })) : null,
  );
}

function chartCard(title, chart, series) {
  const card = h("section", { class: "card" }, h("h2", null, title), chart, legend(series));
  if (chart.fallbackTable) card.append(chart.fallbackTable);
  return card;
}

function render(root, data, days) {
  const shops = data.shops || [];
  const byId = new Map(shops.map((s) => [s.id, s]));
  const rows = data.days || [];
  const dates = [...new Set(rows.map((r) => r.date))].sort();
  const shopIds = [...new Set([...shops.map((s) => s.id), ...rows.map((r) => r.shop_id)])];
  const cell = new Map(rows.map((r) => [`${r.date}|${r.shop_id}`, r]));
  const currencyOf = (id) => rows.find((r) => r.shop_id === id)?.currency || "";
  const nameOf = (id) => (byId.get(id) ? byId.get(id).name : id);

  const orderSeries = shopIds.map((id) => ({ name: nameOf(id), values: dates.map((d) => cell.get(`${d}|${id}`)?.orders ?? 0) }));
  const revenueSeries = shopIds.map((id) => ({
    name: `${nameOf(id)} (${currencyOf(id)})`,
    values: dates.map((d) => Number(cell.get(`${d}|${id}`)?.revenue ?? 0)),
  }));
  const labels = dates.map(formatDay);

  let orders = 0;
  const revenue = new Map();
  for (const r of rows) {
    orders += r.orders || 0;
    revenue.set(r.currency, addDecimal(revenue.get(r.currency) || "0", String(r.revenue ?? "0")));
  }

  root.append(
    h(
      "div",
      { class: "kpis" },
      h("div", { class: "card" }, h("p", { class: "kpi-label" }, t("dashboard.kpi.orders", { days })), h("p", { class: "kpi-value" }, formatNumber(orders))),
      [...revenue.entries()].map(([currency, amount]) =>
        h("div", { class: "card" }, h("p", { class: "kpi-label" }, t("dashboard.kpi.revenue", { currency })), h("p", { class: "kpi-value" }, formatMoney(amount, currency))),
      ),
      h(
        "div",
        { class: "card" },
        h("p", { class: "kpi-label" }, t("dashboard.kpi.shops")),
        h("p", { class: "kpi-value" }, formatNumber(shops.filter((s) => s.state === "connected").length)),
      ),
    ),
  );

  if (!dates.length) {
    root.append(h("section", { class: "card" }, emptyState(t("dashboard.no_orders", { days }))));
  } else {
    root.append(
      h(
        "div",
        { class: "grid grid-2" },
        chartCard(
          t("dashboard.chart.orders"),
          barChart({ series: orderSeries, labels, title: t("dashboard.chart.orders_title", { days }), testid: "chart-orders", format: (v) => formatNumber(v) }),
          orderSeries,
        ),
        chartCard(
          t("dashboard.chart.revenue"),
          lineChart({ series: revenueSeries, labels, title: t("dashboard.chart.revenue_title", { days }), testid: "chart-revenue", format: (v) => formatNumber(v) }),
          revenueSeries,
        ),
      ),
    );
  }

  root.append(
    h("h2", { class: "section-title" }, t("dashboard.health.title")),
    shops.length ? h("div", { class: "grid grid-3" }, shops.map(healthCard)) : emptyState(t("dashboard.no_shops"), h("a", { href: "/shops", class: "btn btn-primary" }, t("dashboard.connect_shop"))),
  );
}

export default {
  titleKey: "nav.dashboard",
  async render(root, { query }) {
    const days = RANGES.includes(Number(query.days)) ? Number(query.days) : 30;
    const range = h(
      "select",
      {
        id: "dashboard-days",
        "on:change": (e) => {
          updateQuery({ days: e.target.value });
          load(Number(e.target.value));
        },
      },
      RANGES.map((d) => h("option", { value: d, selected: d === days }, t("dashboard.range", { days: d }))),
    );
    const body = h("div", { class: "stack" });
    root.append(
      h(
        "div",
        { class: "page-header" },
        h("h1", null, t("nav.dashboard")),
        h("div", { class: "row" }, h("label", { for: "dashboard-days", class: "sr-only" }, t("dashboard.range_label")), range),
      ),
      body,
    );

    let token = 0;
    async function load(n) {
      const mine = ++token;
      clear(body).append(spinner());
      try {
        const data = await api.get("/dashboard" + toQuery({ days: n }));
        if (mine !== token) return;
        clear(body);
        render(body, data, n);
      } catch (err) {
        if (mine !== token) return;
        clear(body).append(errorState(err.message, () => load(n)));
      }
    }
    await load(days);
  },
};
