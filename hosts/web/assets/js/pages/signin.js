// Sign-in: email and password, the demo hint and the public pages a reviewer needs first.

import { api, setSession } from "../api.js";
import { navigate, safeNext } from "../app.js";
import { h } from "../dom.js";
import { initI18n, t } from "../i18n.js";

export default {
  titleKey: "signin.title",
  async render(root, { query }) {
    const email = h("input", {
      id: "signin-email",
      type: "email",
      name: "email",
      autocomplete: "username",
      required: true,
      "data-testid": "signin-email",
    });
    const password = h("input", {
      id: "signin-password",
      type: "password",
      name: "password",
      autocomplete: "current-password",
      required: true,
      "data-testid": "signin-password",
    });
    const error = h("p", { class: "signin-error", role: "alert", "data-testid": "signin-error", hidden: true });
    const submit = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "signin-submit" }, t("signin.submit"));

    const form = h(
      "form",
      { novalidate: true, "aria-describedby": "signin-lead" },
      error,
      h("div", { class: "field" }, h("label", { for: "signin-email", class: "field-label" }, t("signin.email")), email),
      h("div", { class: "field" }, h("label", { for: "signin-password", class: "field-label" }, t("signin.password")), password),
      submit,
    );

    const showError = (message) => {
      error.textContent = message;
      error.hidden = !message;
    };

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      showError("");
      if (!email.value.trim() || !password.value) {
        showError(t("signin.missing"));
        (email.value.trim() ? password : email).focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = t("signin.signing_in");
      try {
        const answer = await api.post("/session", { email: email.value.trim(), password: password.value });
        setSession(answer);
        await initI18n();
        await navigate(safeNext(query.next), { replace: true });
      } catch (err) {
        // The API's message is English; the common cases have their own text in every language.
        const known = { invalid_credentials: "signin.invalid", too_many_attempts: "signin.too_many" }[err.code];
        showError(known ? t(known) : err.message);
        submit.disabled = false;
        submit.textContent = t("signin.submit");
        password.select();
        password.focus();
      }
    });

    root.append(
      h(
        "section",
        { class: "card signin-card", "aria-labelledby": "signin-heading" },
        h("h1", { id: "signin-heading" }, t("signin.heading")),
        h("p", { id: "signin-lead", class: "signin-lead" }, t("signin.lead")),
        query.reason === "expired" ? h("p", { class: "notice notice-info" }, t("signin.expired")) : null,
        form,
        h(
          "div",
          { class: "signin-demo" },
          h("p", null, t("signin.demo_hint"), " ", h("a", { href: "/review-guide" }, t("signin.demo_link"))),
          h(
            "p",
            { class: "signin-links muted" },
            h("a", { href: "/privacy" }, t("footer.privacy")),
            h("a", { href: "/terms" }, t("footer.terms")),
          ),
        ),
      ),
    );
    email.focus();
  },
};
