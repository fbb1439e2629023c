// One product: edit its title and description, each SKU's price and its stock per warehouse. Edits go
// to TikTok Shop at once; the platform's validation errors appear next to the field they are about.

import { api } from "../api.js";
import { h, clear, toast, field, setFieldError, clearFieldErrors, showError, badge } from "../dom.js";
import { t, formatMoney, formatDateTime } from "../i18n.js";
import { pageHeader, loadInto, card } from "./common_pages.js";
import { productStatusBadge } from "./products.js";

function productPath(shopId, productId) {
  return `/products/${encodeURIComponent(shopId)}/${encodeURIComponent(productId)}`;
}

// Title and description, saved with one PATCH of the fields that changed.
function detailsForm(product, shopId, onSaved) {
  const title = h("input", { type: "text", name: "title", value: product.title || "", maxlength: 500, autocomplete: "off" });
  const description = h("textarea", { name: "description", rows: 10 });
  description.value = product.description || "";
  const save = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "product-save" }, t("products.save"));
  const form = h(
    "form",
    { class: "product-form", novalidate: true },
    field({ label: t("products.field.title"), input: title, name: "title", testid: "product-title", hint: t("products.field.title_hint") }),
    field({
      label: t("products.field.description"),
      input: description,
      name: "description",
      testid: "product-description",
      hint: t("products.field.description_hint"),
    }),
    h("div", { class: "form-actions" }, save),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const changes = {};
    if (title.value !== (product.title || "")) changes.title = title.value;
    if (description.value !== (product.description || "")) changes.description = description.value;
    if (!Object.keys(changes).length) {
      toast(t("products.nothing_changed"), "info");
      return;
    }
    save.disabled = true;
    save.setAttribute("aria-busy", "true");
    try {
      const answer = await api.patch(productPath(shopId, product.id), changes);
      const updated = (answer && answer.product) || { ...product, ...changes };
      Object.assign(product, updated);
      toast(t("products.saved_toast"), "success");
      onSaved(product);
    } catch (err) {
      showError(err, form);
      if (err && err.field) {
        const input = form.querySelector(`[name="${CSS.escape(err.field)}"]`);
        if (input) input.focus();
      }
    } finally {
      save.disabled = false;
      save.removeAttribute("aria-busy");
    }
  });
  return form;
}

// The warehouse's name when the API gives one, else its place among the SKU's warehouses.
function warehouseName(product, warehouseId, index) {
  const list = product.warehouses || [];
  const found = list.find((w) => w.id === warehouseId);
  return found && found.name ? found.name : t("products.warehouse_n", { n: index + 1 });
}

// One SKU: price and stock per warehouse; saves only what changed (price, then inventory).
function skuEditor(sku, product, shopId) {
  const currency = sku.currency || product.currency || "";
  const price = h("input", { type: "text", inputmode: "decimal", name: "price", value: sku.price ?? "", autocomplete: "off", class: "input-money" });
  const inventory = (sku.inventory || []).map((w, i) => ({
    warehouse_id: w.warehouse_id,
    original: String(w.quantity ?? 0),
    input: h("input", { type: "number", min: 0, step: 1, inputmode: "numeric", name: `inventory[${i}].quantity`, value: String(w.quantity ?? 0), class: "input-qty" }),
  }));
  const save = h("button", { type: "submit", class: "btn", "data-testid": `sku-save-${sku.id}` }, t("products.save_sku"));
  const form = h(
    "form",
    { class: "sku-editor", "data-sku": sku.id, novalidate: true, "aria-labelledby": `sku-${sku.id}-h` },
    h(
      "div",
      { class: "sku-head" },
      h("h3", { id: `sku-${sku.id}-h`, class: "sku-title" }, sku.name || sku.sku_name || sku.seller_sku || sku.id),
      h("p", { class: "muted sku-ids" }, t("products.sku_ids", { seller_sku: sku.seller_sku || "—", id: sku.id })),
    ),
    h(
      "div",
      { class: "sku-fields" },
      field({ label: t("products.field.price", { currency }), input: price, name: "price", testid: `sku-price-${sku.id}` }),
      inventory.map((w, i) =>
        field({
          label: t("products.field.stock_in", { warehouse: warehouseName(product, w.warehouse_id, i) }),
          hint: t("products.warehouse_id", { id: w.warehouse_id }),
          input: w.input,
          name: `inventory[${i}].quantity`,
          testid: `sku-inventory-${sku.id}-${w.warehouse_id}`,
        }),
      ),
    ),
    // Errors about the SKU's stock as a whole (field "inventory"), not one warehouse.
    h("p", { class: "field-error", "data-testid": "field-error-inventory", role: "alert" }),
    h("div", { class: "form-actions" }, save),
  );

  // The platform's error next to its field: the exact one ("inventory[1].quantity"), else the field it
  // belongs to ("inventory"), else a toast.
  const showSkuError = (err) => {
    const name = err && err.field ? String(err.field) : "";
    const base = name.split(/[[.]/)[0];
    if (name && (setFieldError(form, name, err.message) || setFieldError(form, base, err.message))) return;
    showError(err, form);
  };

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const priceText = price.value.trim();
    const priceChanged = priceText !== String(sku.price ?? "");
    const inventoryChanged = inventory.some((w) => w.input.value.trim() !== w.original);
    if (priceChanged && !/^\d+(\.\d+)?$/.test(priceText)) {
      setFieldError(form, "price", t("products.price_invalid"));
      price.focus();
      return;
    }
    let bad = null;
    inventory.forEach((w, i) => {
      if (!/^\d+$/.test(w.input.value.trim())) {
        setFieldError(form, `inventory[${i}].quantity`, t("products.quantity_invalid"));
        bad = bad || w.input;
      }
    });
    if (bad) {
      bad.focus();
      return;
    }
    if (!priceChanged && !inventoryChanged) {
      toast(t("products.nothing_changed"), "info");
      return;
    }
    save.disabled = true;
    save.setAttribute("aria-busy", "true");
    const base = `${productPath(shopId, product.id)}/skus/${encodeURIComponent(sku.id)}`;
    try {
      if (priceChanged) {
        await api.put(`${base}/price`, { price: priceText });
        sku.price = priceText;
      }
      if (inventoryChanged) {
        const body = { inventory: inventory.map((w) => ({ warehouse_id: w.warehouse_id, quantity: Number(w.input.value.trim()) })) };
        await api.put(`${base}/inventory`, body);
        for (const w of inventory) w.original = w.input.value.trim();
      }
      toast(t("products.sku_saved_toast", { sku: sku.seller_sku || sku.id, price: formatMoney(sku.price, currency) }), "success");
    } catch (err) {
      showSkuError(err);
    } finally {
      save.disabled = false;
      save.removeAttribute("aria-busy");
    }
  });
  return form;
}

export default {
  titleKey: "products.detail_title",
  async render(root, { params }) {
    const { shop_id: shopId, product_id: productId } = params;
    const back = h("a", { href: "/products", class: "back-link" }, t("products.back"));
    const body = h("div", { class: "product-detail", "data-testid": "product-detail" });
    root.append(back, body);
    await loadInto(
      body,
      () => api.get(productPath(shopId, productId)),
      (answer) => {
        const product = answer.product;
        if (product.title) document.title = `${product.title} · KingKung Seller Center`;
        const heading = h("span", null, product.title || t("products.untitled"));
        const reasons = product.audit_failed_reasons || [];
        const parts = [
          pageHeader(heading, {
            lead: [t("products.product_id", { id: product.id }), product.update_time ? t("products.updated_at", { date: formatDateTime(product.update_time) }) : null]
              .filter(Boolean)
              .join(" · "),
            actions: [productStatusBadge(product.status), product.shop_name ? badge(product.shop_name, "neutral") : null].filter(Boolean),
          }),
          reasons.length
            ? h(
                "div",
                { class: "notice notice-danger", role: "note" },
                h("strong", null, t("products.audit_failed")),
                h("ul", null, reasons.map((r) => h("li", null, r))),
              )
            : null,
          card(t("products.details_title"), detailsForm(product, shopId, (p) => {
            heading.textContent = p.title;
            document.title = `${p.title} · KingKung Seller Center`;
          })),
          card(
            t("products.skus_title"),
            h("p", { class: "card-lead" }, t("products.skus_lead")),
            (product.skus || []).map((s) => skuEditor(s, product, shopId)),
          ),
        ];
        clear(body).append(...parts.filter(Boolean));
      },
    );
  },
};
