// The simulator's consent page: stands in for TikTok Shop's authorisation page when the deployment runs
// on the simulator. Lists the simulator's shops; the seller picks one and authorises it.

import { api, session } from "../api.js";
import { navigate } from "../app.js";
import { h, clear, toast, badge, emptyState, spinner, errorState } from "../dom.js";
import { t } from "../i18n.js";
import { errorMessage } from "./common_pages.js";

function shopOption(shop, selected, onSelect) {
  const id = `sim-shop-${shop.id}`;
  const input = h("input", {
    type: "radio",
    name: "sim-shop",
    id,
    value: shop.id,
    checked: selected,
    "data-testid": `sim-shop-${shop.id}`,
    "on:change": () => onSelect(shop.id),
  });
  return h(
    "li",
    { class: ["sim-shop", shop.connected && "sim-shop-connected"] },
    input,
    h(
      "label",
      { for: id, class: "sim-shop-label" },
      h("span", { class: "sim-shop-name" }, shop.name),
      h("span", { class: "region-tag" }, shop.region),
      h("span", { class: "muted sim-shop-id" }, t("shops.shop_id", { id: shop.id })),
      shop.connected ? badge(t("sim.already_connected"), "success") : null,
    ),
  );
}

// The consent form: what the app asks for, the simulator's shops to pick from, and "Authorize".
function consentForm(state, answer) {
  const shops = (answer && answer.shops) || [];
  const appName = (answer && answer.app_name) || "KingKung Seller Center";
  const firstFree = shops.find((s) => !s.connected);
  let chosen = firstFree ? firstFree.id : shops.length ? shops[0].id : "";
  const authorize = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "sim-authorize", disabled: !chosen }, t("sim.authorize"));
  const cancel = h("a", { href: "/shops", class: "btn" }, t("sim.cancel"));
  const form = h(
    "form",
    { class: "sim-form", "aria-describedby": "sim-scopes" },
    h("p", null, t("sim.request", { app: appName })),
    h(
      "div",
      { id: "sim-scopes", class: "sim-scopes" },
      h("p", null, t("sim.scopes_intro")),
      h("ul", null, ["shop", "orders", "fulfillment", "products", "packages", "invoices"].map((s) => h("li", null, t(`sim.scope.${s}`)))),
    ),
    shops.length
      ? h(
          "fieldset",
          { class: "sim-shops" },
          h("legend", null, t("sim.choose_shop")),
          h("ul", { class: "sim-shop-list" }, shops.map((s) => shopOption(s, s.id === chosen, (id) => {
            chosen = id;
            authorize.disabled = false;
          }))),
        )
      : emptyState(t("sim.no_shops")),
    h("div", { class: "form-actions" }, authorize, cancel),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!chosen) return;
    authorize.disabled = true;
    authorize.setAttribute("aria-busy", "true");
    try {
      const result = await api.post("/sim/authorize", { state, shop_id: chosen });
      // The callback is a server route (it completes the connect and redirects): a full navigation.
      window.location.assign(result.redirect);
    } catch (err) {
      toast(errorMessage(err), "error");
      authorize.disabled = false;
      authorize.removeAttribute("aria-busy");
    }
  });
  return form;
}

export default {
  titleKey: "sim.title",
  async render(root, { query }) {
    // This page needs a session but is listed as public so it can send the seller to sign in and back.
    if (!session()) {
      navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
      return;
    }
    const state = (query && query.state) || "";
    const panel = h("div", { class: "sim-panel" });
    root.append(
      h(
        "div",
        { class: "sim-authorize" },
        h("p", { class: "sim-banner", role: "note" }, h("strong", null, t("sim.banner")), " ", t("sim.banner_detail")),
        h("h1", null, t("sim.title")),
        panel,
      ),
    );
    if (!state) {
      panel.append(emptyState(t("sim.no_state")), h("a", { href: "/shops", class: "btn" }, t("sim.back_to_shops")));
      return;
    }
    let answer;
    panel.append(spinner());
    try {
      answer = await api.get(`/sim/authorize?state=${encodeURIComponent(state)}`);
    } catch (err) {
      if (err && err.status === 401) return;
      // An unknown or expired request cannot be retried from here: connecting starts again on Shops.
      clear(panel).append(errorState(errorMessage(err)), h("p", null, h("a", { href: "/shops", class: "btn" }, t("sim.back_to_shops"))));
      return;
    }
    clear(panel).append(consentForm(state, answer));
  },
};
