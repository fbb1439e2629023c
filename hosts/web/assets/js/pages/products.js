// Products: search the catalogue of every shop (title, SKU), filter by shop and status, page through.

import { api, query as toQuery } from "../api.js";
import { updateQuery, navigate } from "../app.js";
import { h, clear, table, badge } from "../dom.js";
import { t, formatMoney, formatNumber, formatDate } from "../i18n.js";
import { pageHeader, loadInto, loadShops, shopSelect, shopName, cursorPager, pagingBar, tOr } from "./common_pages.js";

export const PRODUCT_STATUSES = ["ACTIVATE", "DRAFT", "PENDING", "FAILED", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FREEZE", "DELETED"];

const STATUS_TONES = {
  ACTIVATE: "success",
  DRAFT: "neutral",
  PENDING: "info",
  FAILED: "danger",
  SELLER_DEACTIVATED: "warning",
  PLATFORM_DEACTIVATED: "danger",
  FREEZE: "warning",
  DELETED: "neutral",
};

export function productStatusBadge(status) {
  return badge(tOr(`products.status.${status}`, status || ""), STATUS_TONES[status] || "neutral");
}

// "R$ 49,99" or "R$ 49,99 – R$ 59,99" over the SKUs; prices are decimal strings, compared as numbers only
// to order them.
function priceRange(skus) {
  const priced = (skus || []).filter((s) => s.price !== undefined && s.price !== null && s.price !== "");
  if (!priced.length) return "";
  const sorted = [...priced].sort((a, b) => Number(a.price) - Number(b.price));
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  const lowText = formatMoney(low.price, low.currency);
  return low.price === high.price ? lowText : `${lowText} – ${formatMoney(high.price, high.currency)}`;
}

function totalStock(skus) {
  let total = 0;
  for (const s of skus || []) for (const w of s.inventory || []) total += Number(w.quantity) || 0;
  return total;
}

export default {
  titleKey: "nav.products",
  async render(root, { query }) {
    const q0 = query || {};
    const state = { q: q0.q || "", shop_id: q0.shop_id || "", status: q0.status || "" };
    const pager = new cursorPager();
    let shops = [];
    try {
      shops = await loadShops();
    } catch {
      shops = [];
    }

    const search = h("input", {
      type: "search",
      id: "products-search",
      "data-testid": "products-search",
      value: state.q,
      placeholder: t("products.search_placeholder"),
      autocomplete: "off",
    });
    const shopFilter = shopSelect(shops, state.shop_id, { id: "products-shop", "data-testid": "products-shop-filter" });
    const statusFilter = h(
      "select",
      { id: "products-status", "data-testid": "products-status-filter" },
      h("option", { value: "" }, t("products.all_statuses")),
      PRODUCT_STATUSES.map((s) => h("option", { value: s, selected: s === state.status }, tOr(`products.status.${s}`, s))),
    );
    const form = h(
      "form",
      { class: "filters", role: "search" },
      h("div", { class: "filter" }, h("label", { for: "products-search", class: "filter-label" }, t("products.search_label")), search),
      h("div", { class: "filter" }, h("label", { for: "products-shop", class: "filter-label" }, t("pages.shop")), shopFilter),
      h("div", { class: "filter" }, h("label", { for: "products-status", class: "filter-label" }, t("products.status_label")), statusFilter),
      h("button", { type: "submit", class: "btn" }, t("products.search_button")),
    );
    const results = h("div", { class: "products-results", "aria-live": "polite" });
    root.append(pageHeader(t("nav.products"), { lead: t("products.lead") }), form, results);

    const load = () =>
      loadInto(
        results,
        () => api.get(`/products${toQuery({ ...state, page_size: 50, cursor: pager.cursor })}`),
        (answer) => {
          const products = (answer && answer.products) || [];
          const columns = [
            {
              key: "title",
              label: t("products.col.title"),
              render: (p) =>
                h(
                  "a",
                  { href: `/products/${encodeURIComponent(p.shop_id)}/${encodeURIComponent(p.id)}`, class: "product-link" },
                  p.title || t("products.untitled"),
                ),
            },
            { key: "shop", label: t("pages.shop"), className: "cell-nowrap", render: (p) => shopName(shops, p.shop_id) },
            { key: "status", label: t("products.col.status"), render: (p) => productStatusBadge(p.status) },
            {
              key: "skus",
              label: t("products.col.skus"),
              render: (p) => h("span", { title: (p.skus || []).map((s) => s.seller_sku || s.id).join(", ") }, formatNumber((p.skus || []).length)),
              numeric: true,
            },
            { key: "price", label: t("products.col.price"), render: (p) => priceRange(p.skus), numeric: true },
            { key: "stock", label: t("products.col.stock"), render: (p) => formatNumber(totalStock(p.skus)), numeric: true },
            { key: "updated", label: t("products.col.updated"), render: (p) => (p.update_time ? formatDate(p.update_time) : "") },
          ];
          clear(results).append(
            table({
              columns,
              rows: products,
              rowTestId: (p) => `product-row-${p.id}`,
              caption: t("nav.products"),
              empty: state.q || state.shop_id || state.status ? t("products.no_match") : t("products.empty"),
              onRowClick: (p) => navigate(`/products/${encodeURIComponent(p.shop_id)}/${encodeURIComponent(p.id)}`),
            }),
            pagingBar({ pager, nextCursor: answer && answer.next_cursor, onChange: load, nextTestId: "products-next-page" }),
          );
        },
      );

    const apply = () => {
      state.q = search.value.trim();
      state.shop_id = shopFilter.value;
      state.status = statusFilter.value;
      pager.reset();
      updateQuery({ q: state.q, shop_id: state.shop_id, status: state.status });
      load();
    };
    let timer = null;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      clearTimeout(timer);
      apply();
    });
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(apply, 300);
    });
    shopFilter.addEventListener("change", apply);
    statusFilter.addEventListener("change", apply);
    await load();
    return () => clearTimeout(timer);
  },
};
