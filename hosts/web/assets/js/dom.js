// Building the page without HTML strings: every text from data becomes a text node, so nothing the
// platform or a buyer sends can turn into markup.

import { t } from "./i18n.js";

const SVG_NS = "http://www.w3.org/2000/svg";
// Set as properties: the attribute would only set the initial state.
const PROPERTIES = new Set(["value", "checked", "indeterminate", "selected", "multiple"]);

function apply(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on:")) {
      el.addEventListener(key.slice(3), value);
    } else if (key === "class") {
      el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    } else if (key === "style" && typeof value === "object") {
      Object.assign(el.style, value);
    } else if (key === "ref" && typeof value === "function") {
      value(el);
    } else if (PROPERTIES.has(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.append(child);
    else el.append(document.createTextNode(String(child)));
  }
}

// h("button", {class: "btn", "data-testid": "ship-button", "on:click": fn}, "Ship"). Attributes: `class`
// (string or array), `on:<event>` listeners, `style` as an object (CSSOM, allowed by the CSP), `ref`
// (called with the element), value/checked as properties, true for boolean attributes, null/false to
// leave out. Children: nodes, strings and numbers (as text), arrays, null (skipped).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

// The same for SVG elements (charts, icons).
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let toastTimer = null;

// Shows one message at a time (data-testid="toast", role=status); kind: "info" | "success" | "error".
export function toast(message, kind = "info") {
  let region = document.getElementById("toast-region");
  if (!region) {
    region = h("div", { id: "toast-region", class: "toast-region" });
    document.body.append(region);
  }
  clear(region);
  const close = h("button", { class: "toast-close", type: "button", "aria-label": t("common.close") }, "×");
  const el = h(
    "div",
    {
      class: ["toast", `toast-${kind}`],
      "data-testid": "toast",
      "data-kind": kind,
      role: kind === "error" ? "alert" : "status",
      "aria-live": kind === "error" ? "assertive" : "polite",
    },
    h("span", { class: "toast-text" }, message),
    close,
  );
  close.addEventListener("click", () => el.remove());
  region.append(el);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.remove(), kind === "error" ? 12000 : 6000);
  return el;
}

let dialogCount = 0;

// A modal dialog (native <dialog>: the page behind is inert, Tab stays inside, Escape closes).
// onConfirm may be async; throwing (an ApiError, say) shows the message in the dialog and keeps it open,
// returning false keeps it open silently. The confirm button's data-testid is `confirmTestid`, by default
// the dialog's testid with "-dialog" replaced by "-confirm" ("split-dialog" -> "split-confirm").
// Returns {element, confirmButton, close, setError}.
export function dialog({ title, body, confirmLabel, cancelLabel, onConfirm, testid, confirmTestid, danger = false, onClose }) {
  const id = `dialog-${++dialogCount}`;
  const previous = document.activeElement;
  const error = h("p", { class: "dialog-error", role: "alert", hidden: true });
  const confirmButton = h(
    "button",
    {
      type: "submit",
      class: ["btn", danger ? "btn-danger" : "btn-primary"],
      "data-testid": confirmTestid || (testid ? testid.replace(/-dialog$/, "") + "-confirm" : undefined),
    },
    confirmLabel || t("common.confirm"),
  );
  const cancelButton = h("button", { type: "button", class: "btn" }, cancelLabel || t("common.cancel"));
  const form = h(
    "form",
    { method: "dialog", class: "dialog-form" },
    h("h2", { id: `${id}-title`, class: "dialog-title" }, title),
    h("div", { class: "dialog-body" }, body),
    error,
    h("div", { class: "dialog-actions" }, cancelButton, onConfirm ? confirmButton : null),
  );
  const el = h("dialog", { class: "dialog", "aria-labelledby": `${id}-title`, "data-testid": testid }, form);

  const setError = (message) => {
    error.textContent = message || "";
    error.hidden = !message;
  };
  const close = () => {
    if (!el.isConnected) return;
    if (el.open) el.close();
    el.remove();
    if (onClose) onClose();
    if (previous && previous.focus) previous.focus();
  };

  cancelButton.addEventListener("click", close);
  el.addEventListener("cancel", (e) => {
    e.preventDefault();
    close();
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!onConfirm) return close();
    setError("");
    confirmButton.disabled = true;
    confirmButton.setAttribute("aria-busy", "true");
    try {
      const keep = await onConfirm();
      if (keep !== false) close();
    } catch (err) {
      setError(err && err.message ? err.message : String(err));
    } finally {
      confirmButton.disabled = false;
      confirmButton.removeAttribute("aria-busy");
    }
  });

  document.body.append(el);
  el.showModal();
  const first = form.querySelector("input, select, textarea, button:not([disabled])");
  if (first) first.focus();
  return { element: el, confirmButton, close, setError };
}

// A table: columns [{key, label, render?(row) -> node or text, className?, numeric?}], rows (objects),
// rowTestId(row) -> the row's data-testid. Options: caption (for screen readers), testid (on <table>),
// empty (text when there are no rows), onRowClick(row, event). Returns a horizontally scrollable wrapper
// holding the table.
export function table({ columns, rows, rowTestId, caption, testid, empty, onRowClick, className }) {
  const head = h(
    "thead",
    null,
    h(
      "tr",
      null,
      columns.map((c) => h("th", { scope: "col", class: [c.className, c.numeric && "num"] }, c.label)),
    ),
  );
  const body = h("tbody");
  for (const row of rows) {
    const tr = h(
      "tr",
      { "data-testid": rowTestId ? rowTestId(row) : undefined, class: onRowClick ? "clickable" : undefined },
      columns.map((c) =>
        h("td", { class: [c.className, c.numeric && "num"] }, c.render ? c.render(row) : (row[c.key] ?? "")),
      ),
    );
    if (onRowClick) {
      tr.addEventListener("click", (e) => {
        if (e.target.closest("a, button, input, select, label, textarea")) return;
        onRowClick(row, e);
      });
    }
    body.append(tr);
  }
  const el = h(
    "table",
    { class: ["table", className], "data-testid": testid },
    caption ? h("caption", { class: "sr-only" }, caption) : null,
    head,
    body,
  );
  const wrap = h("div", { class: "table-wrap" }, el);
  if (!rows.length && empty) wrap.append(emptyState(empty));
  return wrap;
}

let fieldCount = 0;

// A labelled input with its error text: `name` (or input.name) gives the error's
// data-testid="field-error-<name>"; `testid` is set on the input when given. The error element is
// always there (hidden when empty) so setFieldError can fill it later.
export function field({ label, input, error, testid, name, hint }) {
  const key = name || input.name || testid || `field-${++fieldCount}`;
  if (!input.id) input.id = `f-${key.replace(/[^\w-]/g, "_")}-${++fieldCount}`;
  if (testid) input.setAttribute("data-testid", testid);
  const errorEl = h("p", { class: "field-error", id: `${input.id}-error`, "data-testid": `field-error-${key}` });
  const hintEl = hint ? h("p", { class: "field-hint", id: `${input.id}-hint` }, hint) : null;
  input.setAttribute("aria-describedby", [hintEl && hintEl.id, errorEl.id].filter(Boolean).join(" "));
  const wrap = h(
    "div",
    { class: "field", "data-field": key },
    h("label", { for: input.id, class: "field-label" }, label),
    input,
    hintEl,
    errorEl,
  );
  setFieldError(wrap, key, error);
  return wrap;
}

// Shows (or clears, with an empty message) the error of field `name` inside `container`.
export function setFieldError(container, name, message) {
  const el = container.querySelector(`[data-testid="field-error-${CSS.escape(name)}"]`);
  if (!el) return false;
  el.textContent = message || "";
  el.hidden = !message;
  const wrap = el.closest(".field");
  const input = wrap && wrap.querySelector("input, select, textarea");
  if (input) {
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
  return true;
}

export function clearFieldErrors(container) {
  for (const el of container.querySelectorAll("[data-testid^='field-error-']")) {
    setFieldError(container, el.getAttribute("data-testid").slice("field-error-".length), "");
  }
}

// An API error where the user will see it: next to its field when `container` has that field, else
// as an error toast.
export function showError(err, container) {
  const message = err && err.message ? err.message : String(err);
  if (container && err && err.field && setFieldError(container, err.field, message)) return;
  toast(message, "error");
}

export function spinner(label) {
  return h(
    "div",
    { class: "spinner-wrap", role: "status", "aria-live": "polite" },
    h("span", { class: "spinner", "aria-hidden": "true" }),
    h("span", { class: "sr-only" }, label || t("common.loading")),
  );
}

export function emptyState(text, action) {
  return h("div", { class: "empty-state" }, h("p", null, text), action || null);
}

// An error panel for a page that could not load, with a retry button when `retry` is given.
export function errorState(message, retry) {
  return h(
    "div",
    { class: "error-state", role: "alert" },
    h("p", null, message),
    retry ? h("button", { type: "button", class: "btn", "on:click": retry }, t("common.retry")) : null,
  );
}

// A coloured status pill; tone: "neutral" | "info" | "success" | "warning" | "danger".
export function badge(text, tone = "neutral", attrs = {}) {
  return h("span", { ...attrs, class: ["badge", `badge-${tone}`, attrs.class] }, text);
}
