// The API log: every call made to TikTok Shop on the seller's behalf (official method and path, HTTP
// status, the platform's code, latency and request id). Nothing secret is ever recorded.

import { api, query as toQuery } from "../api.js";
import { updateQuery } from "../app.js";
import { h, clear, table, badge } from "../dom.js";
import { t, intlTag, formatNumber } from "../i18n.js";
import { pageHeader, loadInto, loadShops, shopSelect, shopName, cursorPager, pagingBar } from "./common_pages.js";

// Calls are seconds apart: the time keeps its seconds.
function callTime(unix) {
  return new Intl.DateTimeFormat(intlTag(), { dateStyle: "short", timeStyle: "medium" }).format(new Date(unix * 1000));
}

function statusBadge(status) {
  const tone = status >= 200 && status < 300 ? "success" : status === 429 || status >= 500 ? "warning" : status ? "danger" : "neutral";
  return badge(status ? String(status) : t("apilog.no_answer"), tone);
}

// The platform's code: 0 is success; anything else is shown as it came.
function codeCell(code) {
  if (code === 0 || code === "0") return h("span", { class: "muted" }, "0");
  if (code === null || code === undefined || code === "") return h("span", { class: "muted" }, "—");
  return h("span", { class: "code-error" }, String(code));
}

export default {
  titleKey: "nav.api_log",
  async render(root, { query }) {
    let shopId = (query && query.shop_id) || "";
    const pager = new cursorPager();
    let shops = [];
    try {
      shops = await loadShops();
    } catch {
      shops = [];
    }
    const filter = shopSelect(shops, shopId, { id: "api-log-shop", "data-testid": "api-log-shop-filter" });
    const refresh = h("button", { type: "button", class: "btn" }, t("apilog.refresh"));
    const results = h("div", { class: "api-log-results" });
    root.append(
      pageHeader(t("nav.api_log"), { lead: t("apilog.lead") }),
      h("p", { class: "notice notice-info", role: "note" }, t("apilog.no_secrets")),
      h("div", { class: "filters" }, h("div", { class: "filter" }, h("label", { for: "api-log-shop", class: "filter-label" }, t("pages.shop")), filter), refresh),
      results,
    );

    const load = () =>
      loadInto(
        results,
        () => api.get(`/api-log${toQuery({ shop_id: shopId, page_size: 50, cursor: pager.cursor })}`),
        (answer) => {
          const calls = (answer && answer.calls) || [];
          clear(results).append(
            table({
              columns: [
                { key: "at", label: t("apilog.col.time"), className: "cell-nowrap", render: (c) => h("time", { datetime: new Date(c.at * 1000).toISOString() }, callTime(c.at)) },
                { key: "shop", label: t("pages.shop"), className: "cell-nowrap", render: (c) => shopName(shops, c.shop_id) },
                { key: "method", label: t("apilog.col.method"), render: (c) => h("span", { class: "mono method" }, c.method) },
                { key: "path", label: t("apilog.col.path"), render: (c) => h("span", { class: "mono path" }, c.path) },
                { key: "status", label: t("apilog.col.status"), render: (c) => statusBadge(c.status) },
                { key: "code", label: t("apilog.col.code"), render: (c) => codeCell(c.code) },
                { key: "latency", label: t("apilog.col.latency"), render: (c) => t("apilog.ms", { ms: formatNumber(c.latency_ms ?? 0) }), numeric: true },
                { key: "request_id", label: t("apilog.col.request_id"), render: (c) => h("span", { class: "mono request-id" }, c.request_id || "—") },
              ],
              rows: calls,
              rowTestId: () => "api-log-row",
              testid: "api-log-table",
              caption: t("nav.api_log"),
              className: "table-dense",
              empty: t("apilog.empty"),
            }),
            pagingBar({ pager, nextCursor: answer && answer.next_cursor, onChange: load, nextTestId: "api-log-next-page" }),
          );
        },
      );

    filter.addEventListener("change", () => {
      shopId = filter.value;
      pager.reset();
      updateQuery({ shop_id: shopId });
      load();
    });
    refresh.addEventListener("click", () => {
      pager.reset();
      load();
    });
    await load();
  },
};
