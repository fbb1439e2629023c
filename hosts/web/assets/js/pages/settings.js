// Settings: the account (language, password), the seller's users (owner), data export (owner) and a
// way to disconnect a shop.

import { api, session, updateSessionUser } from "../api.js";
import { h, clear, toast, field, setFieldError, clearFieldErrors, showError, table, badge, dialog } from "../dom.js";
import { t, locale, setLocale, formatDate, LOCALES } from "../i18n.js";
import { pageHeader, card, isOwner, loadInto, errorMessage } from "./common_pages.js";

const LOCALE_NAMES = { en: "English", es: "Español", pt: "Português" };

function accountSection() {
  const s = session();
  const user = (s && s.user) || {};
  const language = h(
    "select",
    { name: "locale" },
    LOCALES.map((l) => h("option", { value: l, selected: l === locale() }, LOCALE_NAMES[l])),
  );
  language.addEventListener("change", async () => {
    try {
      await setLocale(language.value); // saves it on the account and renders the page again
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  });

  const current = h("input", { type: "password", name: "current_password", autocomplete: "current-password" });
  const next = h("input", { type: "password", name: "new_password", autocomplete: "new-password", minlength: 12 });
  const again = h("input", { type: "password", name: "new_password_again", autocomplete: "new-password" });
  const change = h("button", { type: "submit", class: "btn btn-primary" }, t("settings.password.change"));
  const passwordForm = h(
    "form",
    { class: "settings-form", novalidate: true, "aria-labelledby": "settings-password-h" },
    h("h3", { id: "settings-password-h" }, t("settings.password.title")),
    field({ label: t("settings.password.current"), input: current, name: "current_password" }),
    field({ label: t("settings.password.new"), input: next, name: "new_password", hint: t("settings.password.hint") }),
    field({ label: t("settings.password.again"), input: again, name: "new_password_again" }),
    h("div", { class: "form-actions" }, change),
  );
  passwordForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(passwordForm);
    if (!current.value) return setFieldError(passwordForm, "current_password", t("settings.password.current_required"));
    if (!next.value) return setFieldError(passwordForm, "new_password", t("settings.password.new_required"));
    if (next.value !== again.value) return setFieldError(passwordForm, "new_password_again", t("settings.password.mismatch"));
    change.disabled = true;
    try {
      const answer = await api.patch("/account", { current_password: current.value, new_password: next.value });
      if (answer && answer.user) updateSessionUser(answer.user);
      passwordForm.reset();
      toast(t("settings.password.changed"), "success");
    } catch (err) {
      showError(err, passwordForm);
    } finally {
      change.disabled = false;
    }
  });

  return card(
    t("settings.account.title"),
    h(
      "dl",
      { class: "facts" },
      h("div", null, h("dt", null, t("settings.account.email")), h("dd", null, user.email || "")),
      h("div", null, h("dt", null, t("settings.account.role")), h("dd", null, t(`role.${user.role}`))),
      h("div", null, h("dt", null, t("settings.account.seller")), h("dd", null, user.seller_name || "")),
    ),
    h("div", { class: "settings-form" }, field({ label: t("settings.account.language"), input: language, name: "locale", hint: t("settings.account.language_hint") })),
    passwordForm,
  );
}

function usersSection() {
  const me = (session() && session().user) || {};
  const list = h("div", { "data-testid": "users-list", class: "users-list" });
  const reload = () =>
    loadInto(
      list,
      () => api.get("/users"),
      (answer) => {
        const users = (answer && answer.users) || [];
        list.append(
          table({
            columns: [
              { key: "email", label: t("settings.users.email"), render: (u) => [u.email, String(u.id) === String(me.id) ? h("span", { class: "muted" }, ` (${t("settings.users.you")})`) : null] },
              { key: "role", label: t("settings.users.role"), render: (u) => badge(t(`role.${u.role}`), u.role === "owner" ? "info" : "neutral") },
              { key: "locale", label: t("settings.users.language"), render: (u) => LOCALE_NAMES[u.locale] || u.locale || "" },
              { key: "created", label: t("settings.users.added"), render: (u) => (u.created_at ? formatDate(u.created_at) : "") },
              {
                key: "actions",
                label: t("pages.actions"),
                render: (u) =>
                  String(u.id) === String(me.id)
                    ? null
                    : h("button", { type: "button", class: "btn btn-small btn-danger-outline", "data-testid": `user-remove-${u.id}`, "on:click": () => removeUser(u) }, t("settings.users.remove")),
              },
            ],
            rows: users,
            rowTestId: (u) => `user-row-${u.id}`,
            caption: t("settings.users.title"),
            empty: t("settings.users.empty"),
          }),
        );
      },
    );

  const removeUser = (u) =>
    dialog({
      title: t("settings.users.remove_title", { email: u.email }),
      body: h("p", null, t("settings.users.remove_text", { email: u.email })),
      confirmLabel: t("settings.users.remove"),
      testid: "user-remove-dialog",
      danger: true,
      onConfirm: async () => {
        await api.del(`/users/${encodeURIComponent(u.id)}`);
        toast(t("settings.users.removed", { email: u.email }), "success");
        reload();
      },
    });

  const email = h("input", { type: "email", name: "email", autocomplete: "off" });
  const password = h("input", { type: "password", name: "password", autocomplete: "new-password" });
  const role = h(
    "select",
    { name: "role" },
    h("option", { value: "staff", selected: true }, t("role.staff")),
    h("option", { value: "owner" }, t("role.owner")),
  );
  const submit = h("button", { type: "submit", class: "btn btn-primary", "data-testid": "user-add-submit" }, t("settings.users.add"));
  const form = h(
    "form",
    { class: "settings-form user-add", novalidate: true, "aria-labelledby": "settings-user-add-h" },
    h("h3", { id: "settings-user-add-h" }, t("settings.users.add_title")),
    h(
      "div",
      { class: "form-row" },
      field({ label: t("settings.users.email"), input: email, name: "email", testid: "user-add-email" }),
      field({ label: t("settings.users.password"), input: password, name: "password", testid: "user-add-password", hint: t("settings.password.hint") }),
      field({ label: t("settings.users.role"), input: role, name: "role", testid: "user-add-role" }),
    ),
    h("p", { class: "field-hint" }, t("settings.users.roles_hint")),
    h("div", { class: "form-actions" }, submit),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    if (!email.value.trim()) return setFieldError(form, "email", t("settings.users.email_required"));
    if (!password.value) return setFieldError(form, "password", t("settings.users.password_required"));
    submit.disabled = true;
    try {
      await api.post("/users", { email: email.value.trim(), password: password.value, role: role.value });
      toast(t("settings.users.added_toast", { email: email.value.trim() }), "success");
      form.reset();
      reload();
    } catch (err) {
      showError(err, form);
    } finally {
      submit.disabled = false;
    }
  });

  reload();
  return card(t("settings.users.title"), h("p", { class: "card-lead" }, t("settings.users.lead")), list, form);
}

function exportSection() {
  const run = async (format, button) => {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      const name = await api.download("/exports", { format });
      toast(t("settings.export.done", { file: name }), "success");
    } catch (err) {
      toast(errorMessage(err), "error");
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  };
  return card(
    t("settings.export.title"),
    h("p", { class: "card-lead" }, t("settings.export.lead")),
    h(
      "ul",
      { class: "export-list" },
      h("li", null, h("strong", null, "JSON"), " — ", t("settings.export.json_text")),
      h("li", null, h("strong", null, "CSV"), " — ", t("settings.export.csv_text")),
    ),
    h("p", { class: "field-hint" }, t("settings.export.warning")),
    h(
      "div",
      { class: "form-actions" },
      h("button", { type: "button", class: "btn btn-primary", "data-testid": "export-json", "on:click": (e) => run("json", e.currentTarget) }, t("settings.export.json")),
      h("button", { type: "button", class: "btn", "data-testid": "export-csv", "on:click": (e) => run("csv", e.currentTarget) }, t("settings.export.csv")),
    ),
  );
}

function ownerOnly(title) {
  return card(title, h("p", { class: "muted" }, t("settings.owner_only")));
}

function disconnectSection() {
  return card(
    t("settings.disconnect.title"),
    h("p", { class: "card-lead" }, t("settings.disconnect.lead")),
    h("a", { href: "/shops", class: "btn", "data-testid": "settings-disconnect-link" }, t("settings.disconnect.go")),
  );
}

export default {
  titleKey: "nav.settings",
  async render(root) {
    const owner = isOwner();
    const body = h("div", { class: "settings-grid" });
    root.append(pageHeader(t("nav.settings"), { lead: t("settings.lead") }), body);
    clear(body).append(
      accountSection(),
      owner ? usersSection() : ownerOnly(t("settings.users.title")),
      owner ? exportSection() : ownerOnly(t("settings.export.title")),
      owner ? disconnectSection() : ownerOnly(t("settings.disconnect.title")),
    );
  },
};
