// The review guide: how a TikTok Shop Partner reviewer tries the app on the demo shops in a few
// minutes: the demo sign-in, the demo shops and each flow step by step.

import { session } from "../api.js";
import { h } from "../dom.js";
import { t, formatMoney } from "../i18n.js";
import { contentPage } from "./common_pages.js";

// The demo configuration's sign-in (config/kingkung.toml [demo]).
const DEMO_EMAIL = "demo@kingkung.example";
const DEMO_PASSWORD = "kingkung-demo";

// The demo BR order the sample NF-e was issued for: its buyer CPF and total are inside the file.
const SAMPLE_ORDER = { shop_id: "7496002287415330818", id: "576417382633663572", buyer: "Maria Eduarda Carvalho Santos", total: "94.99", currency: "BRL" };

const SECTIONS = [
  { id: "start", paras: 1 },
  { id: "shops", paras: 1, items: 4 },
  { id: "dashboard", paras: 1, items: 4, ordered: true },
  { id: "split", paras: 1, items: 5, ordered: true },
  { id: "invoice", paras: 1, items: 6, ordered: true },
  { id: "combine", paras: 1, items: 3, ordered: true },
  { id: "product", paras: 1, items: 4, ordered: true },
  { id: "connect", paras: 1, items: 4, ordered: true },
  { id: "export", paras: 1, items: 3, ordered: true },
  { id: "disconnect", paras: 1, items: 4, ordered: true },
  { id: "apilog", paras: 1, items: 3, ordered: true },
  { id: "environment", paras: 2 },
];

function credentials() {
  return h(
    "div",
    { class: "demo-credentials", "data-testid": "demo-credentials" },
    h(
      "dl",
      null,
      h("div", null, h("dt", null, t("guide.email")), h("dd", null, h("code", null, DEMO_EMAIL))),
      h("div", null, h("dt", null, t("guide.password")), h("dd", null, h("code", null, DEMO_PASSWORD))),
    ),
    session() ? null : h("a", { href: "/signin", class: "btn btn-primary" }, t("guide.go_signin")),
  );
}

function sample() {
  const orderPath = `/orders/${SAMPLE_ORDER.shop_id}/${SAMPLE_ORDER.id}`;
  return h(
    "div",
    { class: "sample-box" },
    h(
      "p",
      null,
      t("guide.sample_for", {
        order: SAMPLE_ORDER.id,
        buyer: SAMPLE_ORDER.buyer,
        total: formatMoney(SAMPLE_ORDER.total, SAMPLE_ORDER.currency),
      }),
    ),
    h(
      "p",
      { class: "sample-links" },
      h("a", { href: "/assets/samples/nfe-sample.xml", download: "nfe-sample.xml", class: "btn", "data-testid": "nfe-sample-download" }, t("guide.sample_download")),
      " ",
      h("a", { href: orderPath, class: "btn btn-ghost" }, t("guide.sample_open_order")),
    ),
    h("p", { class: "field-hint" }, t("guide.sample_other_orders")),
  );
}

export default {
  titleKey: "guide.title",
  async render(root) {
    contentPage(root, {
      prefix: "guide",
      sections: SECTIONS,
      extra: { start: credentials, invoice: sample },
    });
  },
};
