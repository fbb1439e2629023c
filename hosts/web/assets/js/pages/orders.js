// Orders: status tabs with counts, search, shop and date filters, sort, cursor paging, and bulk work
// (ship, labels, packing slips as background jobs with progress; CSV export of the filtered list).

import { api, query as toQuery } from "../api.js";
import { updateQuery } from "../app.js";
import { h, clear, spinner, errorState, emptyState, badge, toast } from "../dom.js";
import { t, formatMoney, formatDate, formatDateTime, formatNumber } from "../i18n.js";

export const STATUSES = [
  "UNPAID",
  "ON_HOLD",
  "AWAITING_SHIPMENT",
  "PARTIALLY_SHIPPING",
  "AWAITING_COLLECTION",
  "IN_TRANSIT",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
];
const SORTS = ["create_time_desc", "create_time_asc", "update_time_desc", "total_desc"];
const TONES = {
  UNPAID: "neutral",
  ON_HOLD: "warning",
  AWAITING_SHIPMENT: "warning",
  PARTIALLY_SHIPPING: "info",
  AWAITING_COLLECTION: "info",
  IN_TRANSIT: "info",
  DELIVERED: "success",
  COMPLETED: "success",
  CANCELLED: "danger",
};
const PAGE_SIZE = 50;
const POLL_MS = 1000;

// The order status as a coloured pill in the current language.
export function statusBadge(status, attrs = {}) {
  return badge(t(`order.status.${status}`), TONES[status] || "neutral", attrs);
}

// "2026-11-28" (a date input) -> Unix seconds at 00:00 UTC; the day after for an exclusive upper bound.
function dayToUnix(value, nextDay = false) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value || "")) return undefined;
  const [y, m, d] = value.split("-").map(Number);
  return Date.UTC(y, m - 1, d + (nextDay ? 1 : 0)) / 1000;
}

function filtersFrom(query) {
  return {
    status: STATUSES.includes(query.status) ? query.status : "",
    q: query.q || "",
    shop_id: query.shop_id || "",
    from: query.from || "",
    to: query.to || "",
    sort: SORTS.includes(query.sort) ? query.sort : "create_time_desc",
  };
}

// The API's filters for the page's state (without status when `withStatus` is false: the export and
// counts cover the tab's list only when asked).
function apiParams(f, withStatus = true) {
  return {
    status: withStatus ? f.status : "",
    q: f.q.trim(),
    shop_id: f.shop_id,
    from: dayToUnix(f.from),
    to: dayToUnix(f.to, true),
    sort: f.sort === "create_time_desc" ? "" : f.sort,
  };
}

function itemCell(o) {
  const first = o.first_item || {};
  const img = first.image_url && /^(\/|data:)/.test(first.image_url) ? h("img", { class: "thumb", src: first.image_url, alt: "" }) : h("span", { class: "thumb", "aria-hidden": "true" });
  return h(
    "div",
    { class: "order-item" },
    img,
    h(
      "div",
      { class: "order-item-text" },
      h("span", { class: "order-item-name", title: first.product_name || "" }, first.product_name || "—"),
      h(
        "span",
        { class: "sub" },
        [first.seller_sku || first.sku_id, o.items > 1 ? t("orders.more_items", { count: o.items - 1 }) : null].filter(Boolean).join(" · "),
      ),
    ),
  );
}

export default {
  titleKey: "nav.orders",
  async render(root, { query }) {
    const f = filtersFrom(query);
    const selected = new Map(); // order id -> {shop_id, order_id}
    let cursors = [""]; // the cursor of each page seen; the last is the current page's
    let pollTimer = null;
    let debounce = null;
    let loadToken = 0;

    // Filters
    const search = h("input", {
      id: "orders-search",
      type: "search",
      value: f.q,
      placeholder: t("orders.search_placeholder"),
      "data-testid": "orders-search",
      autocomplete: "off",
    });
    const shopFilter = h("select", { id: "orders-shop-filter", "data-testid": "orders-shop-filter" }, h("option", { value: "" }, t("orders.all_shops")));
    const from = h("input", { id: "orders-from", type: "date", value: f.from, "data-testid": "orders-from" });
    const to = h("input", { id: "orders-to", type: "date", value: f.to, "data-testid": "orders-to" });
    const sort = h(
      "select",
      { id: "orders-sort", "data-testid": "orders-sort" },
      SORTS.map((s) => h("option", { value: s, selected: s === f.sort }, t(`orders.sort.${s}`))),
    );
    const labelled = (input, key, cls) => h("div", { class: ["field", cls] }, h("label", { for: input.id, class: "field-label" }, t(key)), input);
    const filters = h(
      "form",
      { class: "filters", role: "search", "on:submit": (e) => (e.preventDefault(), changed()) },
      labelled(search, "orders.search", "field-search"),
      labelled(shopFilter, "orders.shop"),
      labelled(from, "orders.from"),
      labelled(to, "orders.to"),
      labelled(sort, "orders.sort_label"),
    );

    // Tabs, bulk bar, job progress, list, pager
    const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": t("orders.tabs_label") });
    const count = h("span", { class: "bulk-count", "aria-live": "polite" });
    const bulkButtons = {
      ship: h("button", { type: "button", class: "btn", "data-testid": "bulk-ship", "on:click": () => startJob("ship") }, t("orders.bulk.ship")),
      labels: h("button", { type: "button", class: "btn", "data-testid": "bulk-labels", "on:click": () => startJob("labels") }, t("orders.bulk.labels")),
      packing_slips: h(
        "button",
        { type: "button", class: "btn", "data-testid": "bulk-packing-slips", "on:click": () => startJob("packing_slips") },
        t("orders.bulk.packing_slips"),
      ),
    };
    const exportButton = h("button", { type: "button", class: "btn", "data-testid": "bulk-export-csv", "on:click": exportCsv }, t("orders.bulk.export_csv"));
    const bulk = h("div", { class: "bulk-bar", role: "toolbar", "aria-label": t("orders.bulk.label") }, count, Object.values(bulkButtons), h("span", { class: "spacer" }), exportButton);
    const progress = h("div", { class: "card job-progress", "data-testid": "job-progress", role: "status", "aria-live": "polite", hidden: true });
    const list = h("div", { class: "orders-list" });
    const prev = h("button", { type: "button", class: "btn", "on:click": () => page(-1) }, t("orders.previous_page"));
    const next = h("button", { type: "button", class: "btn", "data-testid": "orders-next-page", "on:click": () => page(1) }, t("orders.next_page"));
    const pageInfo = h("span", { class: "muted" });
    const pager = h("nav", { class: "pager", "aria-label": t("orders.paging") }, pageInfo, prev, next);

    root.append(h("div", { class: "page-header" }, h("h1", null, t("nav.orders"))), filters, tabs, bulk, progress, list, pager);

    function updateBulk() {
      const n = selected.size;
      count.textContent = n ? t("orders.selected", { count: formatNumber(n) }) : t("orders.none_selected");
      for (const b of Object.values(bulkButtons)) b.disabled = n === 0 || !progress.hidden && progress.dataset.state === "running";
    }

    function renderTabs(counts = {}) {
      const hadFocus = tabsHaveFocus || tabs.contains(document.activeElement);
      clear(tabs);
      const entries = [["all", ""], ...STATUSES.map((s) => [s, s])];
      entries.forEach(([key, value]) => {
        const active = f.status === value;
        const n = counts[key];
        const tab = h(
          "button",
          {
            type: "button",
            role: "tab",
            class: "tab",
            "aria-selected": String(active),
            tabindex: active ? "0" : "-1",
            "data-testid": `status-tab-${key}`,
            "data-status": value,
            "on:click": () => {
              f.status = value;
              changed();
            },
          },
          key === "all" ? t("orders.tab.all") : t(`order.status.${key}`),
          n !== undefined ? h("span", { class: "tab-count" }, formatNumber(n)) : null,
        );
        tabs.append(tab);
      });
      // Redrawing removed the focused tab: give the focus to the selected one so arrow keys go on from it.
      const lost = !document.activeElement || document.activeElement === document.body;
      if (hadFocus && lost) tabs.querySelector('[aria-selected="true"]')?.focus();
    }
    // True while the focus is on the tabs; a tab removed by a redraw leaves focusout without a new target.
    let tabsHaveFocus = false;
    tabs.addEventListener("focusin", () => {
      tabsHaveFocus = true;
    });
    tabs.addEventListener("focusout", (e) => {
      if (e.relatedTarget) tabsHaveFocus = tabs.contains(e.relatedTarget);
    });
    tabs.addEventListener("keydown", (e) => {
      const all = [...tabs.querySelectorAll("[role=tab]")];
      const i = all.indexOf(document.activeElement);
      if (i < 0) return;
      let j = null;
      if (e.key === "ArrowRight") j = (i + 1) % all.length;
      else if (e.key === "ArrowLeft") j = (i - 1 + all.length) % all.length;
      else if (e.key === "Home") j = 0;
      else if (e.key === "End") j = all.length - 1;
      if (j === null) return;
      e.preventDefault();
      all[j].focus();
      all[j].click();
    });

    function renderTable(orders) {
      clear(list);
      if (!orders.length) {
        list.append(h("div", { class: "card" }, emptyState(f.q || f.shop_id || f.from || f.to || f.status ? t("orders.empty_filtered") : t("orders.empty"))));
        return;
      }
      const allBox = h("input", {
        type: "checkbox",
        id: "orders-select-all",
        "aria-label": t("orders.select_all"),
        "on:change": (e) => {
          for (const o of orders) {
            if (e.target.checked) selected.set(o.id, { shop_id: o.shop_id, order_id: o.id });
            else selected.delete(o.id);
          }
          for (const box of list.querySelectorAll("tbody input[type=checkbox]")) box.checked = e.target.checked;
          updateBulk();
        },
      });
      allBox.checked = orders.every((o) => selected.has(o.id));
      const headers = [
        h("th", { scope: "col", class: "check" }, allBox),
        h("th", { scope: "col" }, t("orders.col.order")),
        h("th", { scope: "col" }, t("orders.col.items")),
        h("th", { scope: "col" }, t("orders.col.buyer")),
        h("th", { scope: "col", class: "num" }, t("orders.col.total")),
        h("th", { scope: "col" }, t("orders.col.status")),
        h("th", { scope: "col" }, t("orders.col.created")),
        h("th", { scope: "col" }, t("orders.col.ship_by")),
        h("th", { scope: "col" }, t("orders.col.tracking")),
      ];
      const body = h(
        "tbody",
        null,
        orders.map((o) => {
          const box = h("input", {
            type: "checkbox",
            checked: selected.has(o.id),
            "data-testid": `order-select-${o.id}`,
            "aria-label": t("orders.select_one", { id: o.id }),
            "on:change": (e) => {
              if (e.target.checked) selected.set(o.id, { shop_id: o.shop_id, order_id: o.id });
              else selected.delete(o.id);
              allBox.checked = orders.every((x) => selected.has(x.id));
              updateBulk();
            },
          });
          const href = `/orders/${encodeURIComponent(o.shop_id)}/${encodeURIComponent(o.id)}`;
          return h(
            "tr",
            { "data-testid": `orders-row-${o.id}`, "data-status": o.status },
            h("td", { class: "check" }, box),
            h("td", null, h("a", { href, class: "mono" }, o.id), h("div", { class: "sub" }, `${o.shop_name || o.shop_id} · ${o.region || ""}`)),
            h("td", null, itemCell(o)),
            h("td", { class: "buyer", title: (o.buyer && o.buyer.name) || "" }, (o.buyer && (o.buyer.name || o.buyer.user_id)) || "—"),
            h("td", { class: "num" }, formatMoney(o.total, o.currency)),
            h("td", null, statusBadge(o.status), o.is_on_hold ? h("div", { class: "sub" }, t("orders.on_hold")) : null),
            h("td", null, formatDateTime(o.create_time)),
            h("td", null, o.shipping_due_time ? formatDate(o.shipping_due_time) : "—"),
            h("td", { class: "mono" }, o.tracking_number || "—"),
          );
        }),
      );
      list.append(
        h(
          "div",
          { class: "table-wrap" },
          h("table", { class: "table orders-table" }, h("caption", { class: "sr-only" }, t("orders.caption")), h("thead", null, h("tr", null, headers)), body),
        ),
      );
    }

    async function load() {
      const mine = ++loadToken;
      list.setAttribute("aria-busy", "true");
      if (!list.firstChild) list.append(spinner());
      const cursor = cursors[cursors.length - 1];
      try {
        const answer = await api.get("/orders" + toQuery({ ...apiParams(f), page_size: PAGE_SIZE, cursor }));
        if (mine !== loadToken) return;
        renderTabs(answer.counts || {});
        renderTable(answer.orders || []);
        next.disabled = !answer.next_cursor;
        next.dataset.cursor = answer.next_cursor || "";
        prev.disabled = cursors.length <= 1;
        pageInfo.textContent = t("orders.page_n", { n: cursors.length });
        pager.hidden = !answer.next_cursor && cursors.length <= 1;
      } catch (err) {
        if (mine !== loadToken) return;
        clear(list).append(errorState(err.message, load));
      } finally {
        if (mine === loadToken) list.removeAttribute("aria-busy");
      }
      updateBulk();
    }

    function page(direction) {
      if (direction > 0 && next.dataset.cursor) cursors.push(next.dataset.cursor);
      else if (direction < 0 && cursors.length > 1) cursors.pop();
      load();
      list.scrollIntoView({ block: "start" });
    }

    function changed() {
      f.q = search.value;
      f.shop_id = shopFilter.value;
      f.from = from.value;
      f.to = to.value;
      f.sort = sort.value;
      cursors = [""];
      updateQuery({ status: f.status, q: f.q.trim(), shop_id: f.shop_id, from: f.from, to: f.to, sort: f.sort === "create_time_desc" ? "" : f.sort });
      load();
    }

    search.addEventListener("input", () => {
      clearTimeout(debounce);
      debounce = setTimeout(changed, 350);
    });
    for (const input of [shopFilter, from, to, sort]) input.addEventListener("change", changed);

    async function exportCsv() {
      exportButton.disabled = true;
      try {
        const name = await api.download("/orders/export.csv" + toQuery(apiParams(f)));
        toast(t("orders.exported", { name }), "success");
      } catch (err) {
        toast(err.message, "error");
      } finally {
        exportButton.disabled = false;
      }
    }

    function showJob(job) {
      progress.hidden = false;
      progress.dataset.state = job.state;
      // `done` counts every order processed, failed ones included.
      const finished = job.done || 0;
      const succeeded = Math.max(0, finished - (job.failed || 0));
      const bar = h("progress", { max: job.total || 1, value: finished, "aria-label": t(`orders.job.${job.kind}`) });
      const text =
        job.state === "running"
          ? t("orders.job.running", { kind: t(`orders.job.${job.kind}`), done: formatNumber(finished), total: formatNumber(job.total) })
          : t(job.failed ? "orders.job.finished_with_errors" : "orders.job.finished", {
              kind: t(`orders.job.${job.kind}`),
              done: formatNumber(succeeded),
              failed: formatNumber(job.failed || 0),
              total: formatNumber(job.total),
            });
      clear(progress).append(h("p", { class: "job-text" }, text), bar);
      if (job.errors && job.errors.length) {
        progress.append(h("ul", { class: "job-errors" }, job.errors.map((e) => h("li", null, h("span", { class: "mono" }, e.order_id), ": ", e.message))));
      }
      if (job.state !== "running" && job.download_url) {
        progress.append(
          h("p", null, h("button", { type: "button", class: "btn btn-primary", "on:click": () => downloadJob(job) }, t("orders.job.download"))),
        );
      }
      if (job.state !== "running") {
        progress.append(h("button", { type: "button", class: "btn btn-ghost btn-small", "on:click": () => (progress.hidden = true, updateBulk()) }, t("common.close")));
      }
      updateBulk();
    }

    async function downloadJob(job) {
      const path = job.download_url.startsWith("/api/v1") ? job.download_url.slice("/api/v1".length) : `/jobs/${encodeURIComponent(job.id)}/file`;
      try {
        await api.download(path);
      } catch (err) {
        toast(err.message, "error");
      }
    }

    async function poll(id) {
      try {
        const { job } = await api.get(`/jobs/${encodeURIComponent(id)}`);
        showJob(job);
        if (job.state === "running") {
          pollTimer = setTimeout(() => poll(id), POLL_MS);
          return;
        }
        pollTimer = null;
        if (job.state === "done" && !job.failed) toast(t("orders.job.toast_done", { kind: t(`orders.job.${job.kind}`) }), "success");
        else toast(t("orders.job.toast_failed", { kind: t(`orders.job.${job.kind}`), failed: job.failed || 0 }), "error");
        if (job.download_url) downloadJob(job);
        if (job.kind === "ship") {
          selected.clear();
          load();
        }
      } catch (err) {
        pollTimer = null;
        progress.dataset.state = "failed";
        toast(err.message, "error");
        updateBulk();
      }
    }

    async function startJob(kind) {
      if (!selected.size) return;
      const orders = [...selected.values()];
      try {
        const { job } = await api.post("/jobs", { kind, orders });
        showJob(job);
        poll(job.id);
      } catch (err) {
        toast(err.message, "error");
      }
    }

    renderTabs();
    updateBulk();
    // The shop filter lists the seller's shops; the list still works if the shops cannot be read.
    api
      .get("/shops")
      .then(({ shops }) => {
        for (const s of shops || []) shopFilter.append(h("option", { value: s.id, selected: s.id === f.shop_id }, `${s.name} (${s.region})`));
      })
      .catch(() => {
        if (f.shop_id) shopFilter.append(h("option", { value: f.shop_id, selected: true }, f.shop_id));
      });
    await load();

    return () => {
      clearTimeout(pollTimer);
      clearTimeout(debounce);
      loadToken++;
    };
  },
};
