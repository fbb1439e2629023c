// Packages: the stored packages, the groups the platform offers to combine (same buyer, several orders)
// and uncombining a combined package.

import { api, query as toQuery } from "../api.js";
import { updateQuery } from "../app.js";
import { h, clear, toast, table, badge, emptyState } from "../dom.js";
import { t, formatDateTime } from "../i18n.js";
import { pageHeader, loadInto, loadShops, shopSelect, shopName, card, errorMessage, tOr } from "./common_pages.js";

const PAGE = 50; // packages shown at first, and added by "Show more"

const STATUS_TONES = {
  PROCESSING: "info",
  FULFILLING: "info",
  COMPLETED: "success",
  CANCELLED: "neutral",
};

function orderLinks(shopId, orderIds) {
  return h(
    "span",
    { class: "order-links" },
    (orderIds || []).map((id, i) => [i ? ", " : null, h("a", { href: `/orders/${encodeURIComponent(shopId)}/${encodeURIComponent(id)}` }, id)]),
  );
}

// The platform's combine offers: each is a package it would create for several orders of one buyer
// ({id, order_ids}), listed per shop. The seller picks offers of one shop and combines them in one call;
// the first offer starts selected, and clicking an offer selects it.
function combineSection(groups, shops, onCombine) {
  const offers = [];
  for (const g of groups) for (const p of g.packages || []) offers.push({ shopId: g.shop_id, id: p.id, orderIds: p.order_ids || [] });

  const submit = h("button", { type: "button", class: "btn btn-primary", "data-testid": "combine-submit" }, t("packages.combine"));
  const summary = h("p", { class: "combine-summary", "aria-live": "polite" });
  const selected = () => offers.filter((o) => o.input.checked);
  const refreshSummary = () => {
    const chosen = selected();
    submit.disabled = chosen.length === 0;
    const orders = chosen.reduce((n, o) => n + o.orderIds.length, 0);
    summary.textContent = chosen.length ? t("packages.combine_ready", { orders, n: chosen.length }) : t("packages.combine_pick");
  };
  // Offers of different shops cannot go in one request.
  const select = (offer, on) => {
    if (on) for (const o of offers) if (o.shopId !== offer.shopId) o.input.checked = false;
    offer.input.checked = on;
    refreshSummary();
  };

  const offerEls = offers.map((offer, n) => {
    offer.input = h("input", { type: "checkbox", id: `combine-offer-${n}`, "on:change": (e) => select(offer, e.target.checked) });
    const el = h(
      "div",
      { class: "combine-group", "data-testid": `combine-group-${n}`, "data-package-id": offer.id },
      h(
        "div",
        { class: "combine-item" },
        offer.input,
        h(
          "label",
          { for: offer.input.id },
          h("span", { class: "combine-group-title" }, t("packages.offer_title", { n: offer.orderIds.length, shop: shopName(shops, offer.shopId) })),
        ),
      ),
      h("p", { class: "combine-orders" }, t("packages.offer_orders"), " ", orderLinks(offer.shopId, offer.orderIds)),
      h("p", { class: "muted combine-offer-id" }, t("packages.offer_id", { id: offer.id })),
    );
    el.addEventListener("click", (e) => {
      if (e.target.closest("input, label, a, button")) return;
      select(offer, true);
    });
    return el;
  });

  submit.addEventListener("click", async () => {
    const chosen = selected();
    if (!chosen.length) return;
    submit.disabled = true;
    submit.setAttribute("aria-busy", "true");
    try {
      await onCombine(chosen[0].shopId, chosen.map((o) => o.id), chosen.reduce((n, o) => n + o.orderIds.length, 0));
    } finally {
      submit.removeAttribute("aria-busy");
      refreshSummary();
    }
  });

  if (offers.length) select(offers[0], true);
  return card(
    t("packages.combinable_title"),
    h("p", { class: "card-lead" }, t("packages.combinable_lead")),
    offers.length ? h("div", { class: "combine-groups" }, offerEls) : emptyState(t("packages.no_combinable")),
    offers.length ? h("div", { class: "combine-bar" }, summary, submit) : null,
  );
}

export default {
  titleKey: "nav.packages",
  async render(root, { query }) {
    let shopId = (query && query.shop_id) || "";
    let status = (query && query.status) || "";
    let shown = PAGE;
    let shops = [];
    try {
      shops = await loadShops();
    } catch {
      shops = [];
    }
    const filter = shopSelect(shops, shopId, { id: "packages-shop", "data-testid": "packages-shop-filter" });
    const statusFilter = h(
      "select",
      { id: "packages-status", "data-testid": "packages-status-filter" },
      h("option", { value: "" }, t("packages.all_statuses")),
      Object.keys(STATUS_TONES).map((st) => h("option", { value: st, selected: st === status }, tOr(`packages.status.${st}`, st))),
    );
    const body = h("div", { class: "packages-body" });
    root.append(
      pageHeader(t("nav.packages"), { lead: t("packages.lead") }),
      h(
        "div",
        { class: "filters" },
        h("div", { class: "filter" }, h("label", { for: "packages-shop", class: "filter-label" }, t("pages.shop")), filter),
        h("div", { class: "filter" }, h("label", { for: "packages-status", class: "filter-label" }, t("packages.col.status")), statusFilter),
      ),
      body,
    );

    const load = () =>
      loadInto(
        body,
        () => api.get(`/packages${toQuery({ shop_id: shopId, status })}`),
        (answer) => show(answer || {}),
      );

    // TikTok Shop may take part of a combine or uncombine and refuse the rest: say both.
    const announce = (answer, success) => {
      const errors = (answer && answer.errors) || [];
      if (!errors.length) return toast(success, "success");
      const reasons = errors.map((e) => (e.code ? `${e.message} (${e.code})` : e.message)).join("; ");
      toast(t("packages.partly_refused", { reasons }), "error");
    };

    const combine = async (shop, packageIds, orderCount) => {
      try {
        const answer = await api.post("/packages/combine", { shop_id: shop, package_ids: packageIds });
        announce(answer, t("packages.combined_toast", { orders: orderCount, n: packageIds.length }));
        await load();
      } catch (err) {
        toast(errorMessage(err), "error");
      }
    };

    const uncombine = async (pkg, button) => {
      const orderIds = (pkg.order_ids || []).slice(1);
      button.disabled = true;
      try {
        const answer = await api.post(`/packages/${encodeURIComponent(pkg.shop_id)}/${encodeURIComponent(pkg.id)}/uncombine`, {
          order_ids: orderIds,
        });
        announce(answer, t("packages.uncombined_toast", { id: pkg.id, orders: orderIds.join(", ") }));
        await load();
      } catch (err) {
        toast(errorMessage(err), "error");
        button.disabled = false;
      }
    };

    function show(answer) {
      const packages = answer.packages || [];
      const groups = answer.combinable || [];
      const columns = [
        { key: "id", label: t("packages.col.package"), render: (p) => h("span", { class: "mono" }, p.id) },
        { key: "shop", label: t("pages.shop"), className: "cell-nowrap", render: (p) => shopName(shops, p.shop_id) },
        {
          key: "status",
          label: t("packages.col.status"),
          render: (p) => badge(tOr(`packages.status.${p.status}`, p.status || ""), STATUS_TONES[p.status] || "neutral"),
        },
        { key: "orders", label: t("packages.col.orders"), render: (p) => orderLinks(p.shop_id, p.order_ids) },
        { key: "tracking", label: t("packages.col.tracking"), render: (p) => p.tracking_number || h("span", { class: "muted" }, "—") },
        { key: "provider", label: t("packages.col.provider"), render: (p) => p.shipping_provider || h("span", { class: "muted" }, "—") },
        { key: "updated", label: t("packages.col.updated"), render: (p) => (p.update_time ? formatDateTime(p.update_time) : "") },
        {
          key: "actions",
          label: t("pages.actions"),
          render: (p) =>
            (p.order_ids || []).length > 1
              ? h(
                  "button",
                  { type: "button", class: "btn btn-small", "data-testid": `uncombine-${p.id}`, "on:click": (e) => uncombine(p, e.currentTarget) },
                  t("packages.uncombine"),
                )
              : null,
        },
      ];
      const readErrors = answer.errors || [];
      clear(body).append(
        ...readErrors.map((e) => h("p", { class: "notice notice-warning pages-notice", role: "note" }, `${shopName(shops, e.shop_id)}: ${e.message}`)),
        combineSection(groups, shops, combine),
        card(
          t("packages.stored_title"),
          table({
            columns,
            rows: packages.slice(0, shown),
            rowTestId: (p) => `package-row-${p.id}`,
            caption: t("packages.stored_title"),
            empty: t("packages.empty"),
          }),
          packages.length > shown
            ? h(
                "div",
                { class: "paging" },
                h("span", { class: "paging-page" }, t("packages.showing", { shown, total: packages.length })),
                h(
                  "button",
                  {
                    type: "button",
                    class: "btn",
                    "data-testid": "packages-show-more",
                    "on:click": () => {
                      shown += PAGE;
                      show(answer);
                    },
                  },
                  t("packages.show_more"),
                ),
              )
            : null,
        ),
      );
    }

    const onFilter = () => {
      shopId = filter.value;
      status = statusFilter.value;
      shown = PAGE;
      updateQuery({ shop_id: shopId, status });
      load();
    };
    filter.addEventListener("change", onFilter);
    statusFilter.addEventListener("change", onFilter);
    await load();
  },
};
