// One order: lines, payment, recipient, packages, timeline, the market modules' actions (each saying why
// it cannot run when it cannot), the ship button gated by the modules, the split dialog (MX) and the
// NF-e upload (BR).

import { api } from "../api.js";
import { h, clear, spinner, errorState, badge, toast, dialog } from "../dom.js";
import { t, formatMoney, formatDateTime } from "../i18n.js";
import { statusBadge } from "./orders.js";

const SHIPPABLE = new Set(["AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"]);
const MAX_INVOICE_BYTES = 2 * 1024 * 1024;

function orderPath(order) {
  return `/orders/${encodeURIComponent(order.shop_id)}/${encodeURIComponent(order.id)}`;
}

function actionPath(order, id) {
  return `${orderPath(order)}/actions/${encodeURIComponent(id)}`;
}

// The module's structured result, wherever the answer carries it ({"result": {...}} or a JSON text).
function resultOf(answer) {
  let r = answer && answer.result !== undefined ? answer.result : answer;
  if (typeof r === "string") {
    try {
      r = JSON.parse(r);
    } catch {
      return { message: r };
    }
  }
  return r || {};
}

function messageOf(answer, fallback) {
  const r = resultOf(answer);
  return (answer && answer.message) || r.message || fallback;
}

function section(title, testid, ...content) {
  return h("section", { class: "card", "data-testid": testid, "aria-label": title }, h("h2", null, title), ...content);
}

function kv(pairs) {
  return h(
    "dl",
    { class: "kv" },
    pairs.filter(Boolean).map(([label, value, cls]) => [h("dt", { class: cls }, label), h("dd", { class: cls }, value)]),
  );
}

function linesSection(order) {
  const rows = (order.lines || []).map((l) =>
    h(
      "tr",
      { "data-line-id": l.id },
      h(
        "td",
        null,
        h(
          "div",
          { class: "order-item" },
          l.image_url && /^(\/|data:)/.test(l.image_url) ? h("img", { class: "thumb", src: l.image_url, alt: "" }) : h("span", { class: "thumb", "aria-hidden": "true" }),
          h("div", { class: "order-item-text" }, h("span", null, l.product_name), h("span", { class: "sub" }, [l.sku_name, l.seller_sku || l.sku_id].filter(Boolean).join(" · "))),
        ),
      ),
      h("td", { class: "num" }, String(l.quantity ?? 1)),
      h(
        "td",
        { class: "num" },
        formatMoney(l.sale_price, order.currency),
        l.original_price && l.original_price !== l.sale_price ? h("div", { class: "sub" }, h("s", null, formatMoney(l.original_price, order.currency))) : null,
      ),
      h("td", { class: "mono" }, l.package_id || "—"),
      h("td", null, l.status ? statusBadge(l.status) : ""),
    ),
  );
  return section(
    t("order.lines"),
    "order-lines",
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "table" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h("th", { scope: "col" }, t("order.line.product")),
            h("th", { scope: "col", class: "num" }, t("order.line.quantity")),
            h("th", { scope: "col", class: "num" }, t("order.line.price")),
            h("th", { scope: "col" }, t("order.line.package")),
            h("th", { scope: "col" }, t("order.line.status")),
          ),
        ),
        h("tbody", null, rows),
      ),
    ),
  );
}

function paymentSection(order) {
  const p = order.payment || {};
  const c = p.currency || order.currency;
  const money = (v) => formatMoney(v, c);
  const discount = (v) => (v && Number(v) !== 0 ? "−" + money(String(v).replace(/^-/, "")) : money(v || "0"));
  return section(
    t("order.payment"),
    "order-payment",
    kv([
      [t("order.payment.sub_total"), money(p.sub_total)],
      [t("order.payment.shipping_fee"), money(p.shipping_fee)],
      [t("order.payment.seller_discount"), discount(p.seller_discount)],
      [t("order.payment.platform_discount"), discount(p.platform_discount)],
      p.tax !== undefined && p.tax !== null ? [t("order.payment.tax"), money(p.tax)] : null,
      [t("order.payment.total"), money(p.total ?? order.total), "total"],
    ]),
  );
}

function recipientSection(order) {
  const r = order.recipient || {};
  return section(
    t("order.recipient"),
    "order-recipient",
    kv([
      [t("order.recipient.name"), r.name || "—"],
      [t("order.recipient.phone"), r.phone_masked || "—"],
      [t("order.recipient.address"), r.address || "—"],
      [t("order.recipient.region"), r.region_code || order.region || "—"],
    ]),
    order.buyer_message ? h("p", null, h("strong", null, t("order.buyer_message")), " ", order.buyer_message) : null,
    order.seller_note ? h("p", null, h("strong", null, t("order.seller_note")), " ", order.seller_note) : null,
  );
}

function packagesSection(order) {
  const packages = order.packages || [];
  return section(
    t("order.packages"),
    "order-packages",
    packages.length
      ? h(
          "ul",
          { class: "plain-list" },
          packages.map((p) =>
            h(
              "li",
              { "data-package-id": p.id },
              h("span", { class: "mono" }, p.id),
              " ",
              p.status ? badge(p.status, "neutral") : null,
              h("div", { class: "sub" }, [p.shipping_provider, p.tracking_number].filter(Boolean).join(" · ") || t("order.no_tracking")),
            ),
          ),
        )
      : h("p", { class: "muted" }, t("order.no_packages")),
  );
}

function timelineSection(order) {
  const events = [...(order.timeline || [])].sort((a, b) => a.at - b.at);
  return section(
    t("order.timeline"),
    "order-timeline",
    events.length
      ? h(
          "ol",
          { class: "timeline" },
          events.map((e) => h("li", null, statusBadge(e.status), " ", h("time", { class: "sub", datetime: new Date(e.at * 1000).toISOString() }, formatDateTime(e.at)))),
        )
      : h("p", { class: "muted" }, t("order.no_timeline")),
  );
}

export default {
  titleKey: "order.title",
  async render(root, { params }) {
    const path = `/orders/${encodeURIComponent(params.shop_id)}/${encodeURIComponent(params.order_id)}`;
    let detail = null;

    async function reload() {
      clear(root).append(spinner());
      try {
        detail = await api.get(path);
        draw();
      } catch (err) {
        clear(root).append(
          h("p", null, h("a", { href: "/orders" }, "← ", t("order.back"))),
          err.status === 404 ? h("div", { class: "card" }, h("h1", null, t("order.not_found")), h("p", null, err.message)) : errorState(err.message, reload),
        );
      }
    }

    async function runAction(id, body, successMessage) {
      const answer = await api.post(actionPath(detail.order, id), body);
      toast(messageOf(answer, successMessage || t("order.action_done")), "success");
      return answer;
    }

    function shipCard() {
      const { order } = detail;
      const ship = detail.ship || { allowed: false, reasons: [] };
      const reasons = [...(ship.reasons || [])];
      if (!SHIPPABLE.has(order.status)) reasons.unshift(t("order.ship.not_shippable", { status: t(`order.status.${order.status}`) }));
      const allowed = ship.allowed && SHIPPABLE.has(order.status);
      const button = h(
        "button",
        {
          type: "button",
          class: "btn btn-primary",
          "data-testid": "ship-button",
          disabled: !allowed,
          "aria-describedby": allowed ? undefined : "ship-blocked-reason",
          "on:click": async (e) => {
            e.currentTarget.disabled = true;
            try {
              const answer = await api.post(`${path}/ship`, {});
              toast(answer && answer.result === "queued" ? t("order.ship.queued") : t("order.ship.shipped"), "success");
              await reload();
            } catch (err) {
              toast(err.message, "error");
              await reload();
            }
          },
        },
        t("order.ship.button"),
      );
      return h(
        "section",
        { class: "card", "aria-labelledby": "ship-title" },
        h("h2", { id: "ship-title" }, t("order.ship.title")),
        button,
        allowed ? null : h("div", { id: "ship-blocked-reason", class: "ship-reason", "data-testid": "ship-blocked-reason" }, reasons.map((r) => h("p", null, r))),
      );
    }

    function openSplitDialog(plan) {
      const lines = new Map((detail.order.lines || []).map((l) => [l.id, l]));
      const packages = (plan.packages || []).map((p) => [...(p.line_item_ids || (p.items || []).map((i) => i.id || i.line_item_id))]);
      const original = JSON.stringify(packages);
      const choices = new Map(); // line item id -> <select>
      const body = h(
        "div",
        null,
        h("p", null, t("order.split.lead", { count: packages.length })),
        plan.minimal === false && plan.lower_bound ? h("p", { class: "muted" }, t("order.split.not_minimal", { bound: plan.lower_bound })) : null,
        (plan.limits || []).length
          ? h("ul", { class: "sub" }, plan.limits.map((l) => h("li", null, t("order.split.limit", { max: l.max_count, what: l.category_name || l.category_id || t("order.split.items") }))))
          : null,
        packages.map((ids, k) =>
          h(
            "div",
            { class: "split-group", "data-testid": `split-package-${k + 1}` },
            h("h3", null, t("order.split.package", { n: k + 1 })),
            h(
              "ul",
              null,
              ids.map((id) => {
                const line = lines.get(id) || {};
                const select = h(
                  "select",
                  { "aria-label": t("order.split.move", { item: line.product_name || id }) },
                  packages.map((_, j) => h("option", { value: j, selected: j === k }, t("order.split.package", { n: j + 1 }))),
                );
                choices.set(id, select);
                return h("li", { class: "row" }, h("span", null, line.product_name || id, " ", h("span", { class: "sub mono" }, id)), select);
              }),
            ),
          ),
        ),
      );
      let confirmed = false;
      dialog({
        title: t("order.split.title"),
        body,
        testid: "split-dialog",
        confirmLabel: t("order.split.confirm"),
        // The plan is stored even when the seller closes the dialog: show "Split order" as ready.
        onClose: () => {
          if (!confirmed) reload();
        },
        onConfirm: async () => {
          const groups = packages.map(() => []);
          for (const [id, select] of choices) groups[Number(select.value)].push(id);
          const chosen = groups.filter((g) => g.length);
          if (JSON.stringify(chosen) !== original) await api.post(actionPath(detail.order, "split.adjust"), { plan: chosen });
          await runAction("split.confirm", {}, t("order.split.done"));
          confirmed = true;
          await reload();
        },
      });
    }

    async function previewSplit(action) {
      const answer = await api.post(actionPath(detail.order, action.id), {});
      const r = resultOf(answer);
      const plan = [r, r.detail, r.plan, r.result].find((x) => x && Array.isArray(x.packages)) || {};
      if (!plan.packages || !plan.packages.length) {
        toast(messageOf(answer, t("order.split.no_plan")), "info");
        await reload();
        return;
      }
      openSplitDialog(plan);
    }

    function invoiceBlock(action) {
      const packages = detail.order.packages || [];
      const file = h("input", { type: "file", id: "invoice-file", accept: ".xml,text/xml,application/xml", "data-testid": "invoice-file" });
      const pkg =
        packages.length > 1
          ? h("select", { id: "invoice-package" }, packages.map((p) => h("option", { value: p.id }, p.id)))
          : null;
      const error = h("p", { class: "action-error", role: "alert", "data-testid": "invoice-error", hidden: true });
      const upload = h(
        "button",
        {
          type: "button",
          class: "btn btn-primary",
          "data-testid": "invoice-upload",
          disabled: !action.enabled,
          "on:click": async () => {
            const chosen = file.files && file.files[0];
            if (!chosen) {
              toast(t("order.invoice.pick_file"), "error");
              file.focus();
              return;
            }
            if (chosen.size > MAX_INVOICE_BYTES) {
              toast(t("order.invoice.too_large"), "error");
              return;
            }
            upload.disabled = true;
            error.hidden = true;
            try {
              // The body's keys are the action's declared fields: the document goes in its file field.
              const fileField = (action.fields || []).find((fd) => fd.type === "file");
              const body = { [fileField ? fileField.name : "file"]: await chosen.text() };
              if (pkg) body.package_id = pkg.value;
              await runAction(action.id, body, t("order.invoice.uploaded"));
              await reload();
            } catch (err) {
              // The module lists every problem of the file; keep them on the page, not only in the toast.
              toast(t("order.invoice.failed"), "error");
              error.textContent = err.message;
              error.hidden = false;
              upload.disabled = !action.enabled;
            }
          },
        },
        action.label || t("order.invoice.upload"),
      );
      return h(
        "div",
        { class: "action invoice-upload" },
        h("div", { class: "field" }, h("label", { for: "invoice-file", class: "field-label" }, t("order.invoice.file")), file),
        pkg ? h("div", { class: "field" }, h("label", { for: "invoice-package", class: "field-label" }, t("order.invoice.package")), pkg) : null,
        upload,
        error,
        action.reason ? h("p", { class: "action-reason", "data-testid": `action-reason-${action.id}` }, action.reason) : null,
      );
    }

    function genericInputs(action) {
      const inputs = new Map();
      const body = h(
        "div",
        null,
        action.description ? h("p", null, action.description) : null,
        (action.fields || []).map((fd) => {
          const id = `action-field-${fd.name}`;
          const input =
            fd.type === "json" ? h("textarea", { id, name: fd.name, required: fd.required }) : h("input", { id, name: fd.name, type: fd.type === "file" ? "file" : "text", required: fd.required });
          inputs.set(fd, input);
          return h("div", { class: "field" }, h("label", { for: id, class: "field-label" }, fd.label || fd.name), input);
        }),
      );
      return { body, inputs };
    }

    async function runGeneric(action) {
      if (!(action.fields || []).length) {
        await runAction(action.id, {}, action.label);
        await reload();
        return;
      }
      const { body, inputs } = genericInputs(action);
      dialog({
        title: action.label || action.id,
        body,
        testid: `action-dialog-${action.id}`,
        confirmTestid: `action-confirm-${action.id}`,
        confirmLabel: action.label || t("common.confirm"),
        onConfirm: async () => {
          const values = {};
          for (const [fd, input] of inputs) {
            if (input.type === "file") values[fd.name] = input.files[0] ? await input.files[0].text() : "";
            else values[fd.name] = input.value;
          }
          await runAction(action.id, values, action.label);
          await reload();
        },
      });
    }

    function actionsCard() {
      // Moving items is part of the split dialog, so it gets no button of its own there.
      const ids = new Set((detail.actions || []).map((a) => a.id));
      // Bulk actions that take a list of documents work over many orders: they belong to bulk work, not
      // to one order's page.
      const takesList = (a) => a.bulk && (a.fields || []).some((fd) => fd.type === "json" && fd.required);
      const actions = (detail.actions || []).filter((a) => !takesList(a) && !(a.id === "split.adjust" && ids.has("split.preview")));
      const items = actions.map((a) => {
        if (/invoice[._]?upload$|^upload_invoice$/.test(a.id) && !/many/.test(a.id)) return invoiceBlock(a);
        const isPreview = a.id === "split.preview" || a.id === "split";
        const button = h(
          "button",
          {
            type: "button",
            class: ["btn", isPreview ? "btn-primary" : null],
            "data-testid": `action-${a.id}`,
            disabled: !a.enabled,
            "aria-describedby": a.reason ? `reason-${a.id}` : undefined,
            "on:click": async (e) => {
              const b = e.currentTarget;
              b.disabled = true;
              try {
                if (isPreview) await previewSplit(a);
                else await runGeneric(a);
              } catch (err) {
                toast(err.message, "error");
              } finally {
                if (b.isConnected) b.disabled = !a.enabled;
              }
            },
          },
          a.label || a.id,
        );
        return h(
          "div",
          { class: "action" },
          button,
          a.reason ? h("p", { id: `reason-${a.id}`, class: "action-reason", "data-testid": `action-reason-${a.id}` }, a.reason) : null,
        );
      });
      return h(
        "section",
        { class: "card", "aria-labelledby": "actions-title" },
        h("h2", { id: "actions-title" }, t("order.actions")),
        items.length ? h("div", { class: "actions-list" }, items) : h("p", { class: "muted" }, t("order.no_actions")),
      );
    }

    function draw() {
      const { order } = detail;
      document.title = `${t("order.title_id", { id: order.id })} · KingKung Seller Center`;
      clear(root).append(
        h("p", null, h("a", { href: "/orders" }, "← ", t("order.back"))),
        h(
          "div",
          { class: "page-header", "data-testid": "order-detail", "data-order-id": order.id },
          h(
            "div",
            null,
            h("h1", null, t("order.title_id", { id: order.id })),
            h(
              "p",
              { class: "muted" },
              [order.shop_name || order.shop_id, order.region, t("order.created", { at: formatDateTime(order.create_time) })].filter(Boolean).join(" · "),
            ),
          ),
          h(
            "div",
            { class: "row" },
            statusBadge(order.status, { "data-testid": "order-status", "data-status": order.status }),
            order.is_on_hold ? badge(t("orders.on_hold"), "warning") : null,
            h("strong", null, formatMoney(order.total, order.currency)),
          ),
        ),
        h(
          "div",
          { class: "detail-grid" },
          h("div", { class: "stack" }, linesSection(order), packagesSection(order), timelineSection(order)),
          h("div", { class: "stack" }, shipCard(), actionsCard(), paymentSection(order), recipientSection(order)),
        ),
      );
    }

    await reload();
  },
};
