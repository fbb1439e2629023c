// The single-page app: the route table, the shell (header, navigation, footer) and navigation without
// page reloads. Each page is a module under pages/ loaded when first visited.

import { api, loadSession, session, setSession, setUnauthorizedHandler } from "./api.js";
import { h, clear, spinner, errorState, toast } from "./dom.js";
import { initI18n, locale, setLocale, onLocaleChange, t, LOCALES } from "./i18n.js";

// [pattern, page module, needs no session]. Both UI engineers' pages are listed here.
const ROUTES = [
  ["/signin", "signin", true],
  ["/", "dashboard", false],
  ["/dashboard", "dashboard", false],
  ["/orders", "orders", false],
  ["/orders/:shop_id/:order_id", "order_detail", false],
  ["/packages", "packages", false],
  ["/products", "products", false],
  ["/products/:shop_id/:product_id", "product_detail", false],
  ["/shops", "shops", false],
  ["/sim/authorize", "sim_authorize", true],
  ["/settings", "settings", false],
  ["/api-log", "api_log", false],
  ["/privacy", "privacy", true],
  ["/terms", "terms", true],
  ["/review-guide", "review_guide", true],
];

const NAV = [
  ["/dashboard", "nav.dashboard", "nav-dashboard", ["dashboard"]],
  ["/orders", "nav.orders", "nav-orders", ["orders", "order_detail"]],
  ["/packages", "nav.packages", "nav-packages", ["packages"]],
  ["/products", "nav.products", "nav-products", ["products", "product_detail"]],
  ["/shops", "nav.shops", "nav-shops", ["shops", "sim_authorize"]],
  ["/settings", "nav.settings", "nav-settings", ["settings"]],
  ["/api-log", "nav.api_log", "nav-api-log", ["api_log"]],
];

const FOOTER = [
  ["/privacy", "footer.privacy", "link-privacy"],
  ["/terms", "footer.terms", "link-terms"],
  ["/review-guide", "footer.review_guide", "link-review-guide"],
];

const LOCALE_NAMES = { en: "English", es: "Español", pt: "Português" };

// The route for a path: {page, params, isPublic}, or null.
export function matchRoute(pathname) {
  const parts = pathname.replace(/\/+$/, "").split("/").filter(Boolean);
  for (const [pattern, page, isPublic] of ROUTES) {
    const want = pattern.split("/").filter(Boolean);
    if (want.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      if (want[i].startsWith(":")) {
        try {
          params[want[i].slice(1)] = decodeURIComponent(parts[i]);
        } catch {
          ok = false;
        }
      } else if (want[i] !== parts[i]) ok = false;
    }
    if (ok) return { page, params, isPublic };
  }
  return null;
}

let app = null; // the #app element
let cleanup = null;
let renderToken = 0;

// Goes to `to` ("/orders?status=UNPAID") inside the app; `replace` keeps the history length.
export function navigate(to, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  return render({ focus: true });
}

// Changes the address bar's query without rendering again (a page keeping its filters in the URL).
export function updateQuery(params, { push = false } = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  const url = location.pathname + (s ? "?" + s : "");
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

// Renders the current page again (after a locale switch, say).
export function refresh() {
  return render({ focus: false });
}

function localeSelect() {
  const select = h(
    "select",
    {
      id: "locale-select",
      class: "locale-select",
      "data-testid": "locale-select",
      "on:change": async (e) => {
        try {
          await setLocale(e.target.value);
        } catch (err) {
          toast(err.message, "error");
        }
      },
    },
    LOCALES.map((l) => h("option", { value: l, selected: l === locale() }, LOCALE_NAMES[l])),
  );
  return h("div", { class: "locale" }, h("label", { for: "locale-select", class: "sr-only" }, t("shell.language")), select);
}

function brand() {
  return h(
    "a",
    { href: session() ? "/dashboard" : "/signin", class: "brand" },
    h("img", { src: "/assets/img/logo.svg", alt: "", width: 28, height: 28 }),
    h("span", { class: "brand-name" }, "KingKung"),
    h("span", { class: "brand-sub" }, t("shell.seller_center")),
  );
}

async function signOut() {
  try {
    await api.del("/session");
  } catch (err) {
    if (err.status !== 401) {
      toast(err.message, "error");
      return;
    }
  }
  setSession(null);
  navigate("/signin");
}

function header(activePage) {
  const s = session();
  if (!s) return h("header", { class: "app-header" }, h("div", { class: "header-inner" }, brand(), h("div", { class: "header-tools" }, localeSelect())));

  const nav = h(
    "nav",
    { id: "main-nav", class: "main-nav", "aria-label": t("shell.main_navigation") },
    h(
      "ul",
      null,
      NAV.map(([href, key, testid, pages]) =>
        h(
          "li",
          null,
          h(
            "a",
            { href, "data-testid": testid, class: "nav-link", "aria-current": pages.includes(activePage) ? "page" : undefined },
            t(key),
          ),
        ),
      ),
    ),
  );
  const menu = h(
    "button",
    {
      type: "button",
      class: "menu-button",
      "aria-controls": "main-nav",
      "aria-expanded": "false",
      "on:click": (e) => {
        const open = e.currentTarget.getAttribute("aria-expanded") !== "true";
        e.currentTarget.setAttribute("aria-expanded", String(open));
        nav.classList.toggle("open", open);
      },
    },
    h("span", { class: "menu-icon", "aria-hidden": "true" }),
    h("span", { class: "sr-only" }, t("shell.menu")),
  );
  const user = h(
    "div",
    { class: "user-menu" },
    h(
      "span",
      { class: "user-who" },
      h("span", { class: "user-seller" }, s.user.seller_name || ""),
      h("span", { class: "user-email" }, `${s.user.email} · ${t(`role.${s.user.role}`)}`),
    ),
    h("button", { type: "button", class: "btn btn-ghost", "data-testid": "signout", "on:click": signOut }, t("shell.sign_out")),
  );
  return h(
    "header",
    { class: "app-header" },
    h("div", { class: "header-inner" }, brand(), menu, nav, h("div", { class: "header-tools" }, localeSelect(), user)),
  );
}

function footer() {
  return h(
    "footer",
    { class: "app-footer" },
    h(
      "nav",
      { "aria-label": t("shell.footer_navigation") },
      FOOTER.map(([href, key, testid]) => h("a", { href, "data-testid": testid }, t(key))),
    ),
    h("p", { class: "footer-note" }, t("shell.footer_note")),
  );
}

function notFound(main) {
  main.append(
    h("h1", null, t("shell.not_found_title")),
    h("p", null, t("shell.not_found_text")),
    h("a", { href: session() ? "/dashboard" : "/signin", class: "btn" }, t("shell.go_home")),
  );
}

async function render({ focus } = {}) {
  const token = ++renderToken;
  const route = matchRoute(location.pathname);
  const here = location.pathname + location.search;

  if (route && !route.isPublic && !session()) {
    history.replaceState(null, "", `/signin?next=${encodeURIComponent(here)}`);
    return render({ focus });
  }
  if (route && route.page === "signin" && session()) {
    const next = new URLSearchParams(location.search).get("next");
    history.replaceState(null, "", safeNext(next));
    return render({ focus });
  }

  if (cleanup) {
    try {
      cleanup();
    } catch {
      // a page's cleanup failing must not block the next page
    }
    cleanup = null;
  }
  const main = h("main", { id: "main", class: route ? `page page-${route.page}` : "page", tabindex: "-1" });
  clear(app).append(
    h("a", { href: "#main", class: "skip-link", "on:click": (e) => (e.preventDefault(), main.focus()) }, t("shell.skip_to_content")),
    header(route && route.page),
    main,
    footer(),
  );

  if (!route) {
    document.title = `${t("shell.not_found_title")} · KingKung`;
    notFound(main);
    return;
  }
  main.append(spinner());
  try {
    const module = await import(`./pages/${route.page}.js`);
    if (token !== renderToken) return;
    const page = module.default;
    document.title = `${t(page.titleKey)} · KingKung Seller Center`;
    clear(main);
    const query = Object.fromEntries(new URLSearchParams(location.search));
    const result = await page.render(main, { params: route.params, query });
    if (token !== renderToken) {
      if (typeof result === "function") result();
      return;
    }
    if (typeof result === "function") cleanup = result;
  } catch (err) {
    if (token !== renderToken) return;
    if (err && err.status === 401) return; // api.js is already taking the user to sign in
    clear(main).append(errorState(err && err.message ? err.message : String(err), () => refresh()));
  }
  // The new page takes the focus unless the user has already put it somewhere on the page while it loaded.
  if (focus && token === renderToken && !main.contains(document.activeElement)) main.focus({ preventScroll: false });
}

// Where to go after sign-in: only paths of this app, never another origin ("//evil", "https://...").
export function safeNext(next) {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/dashboard";
  const route = matchRoute(next.split("?")[0]);
  return route && route.page !== "signin" ? next : "/dashboard";
}

function interceptLinks(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest("a[href]");
  if (!a || a.target || a.hasAttribute("download") || a.origin !== location.origin) return;
  if (!matchRoute(a.pathname)) return;
  e.preventDefault();
  if (a.pathname + a.search === location.pathname + location.search) return;
  navigate(a.pathname + a.search);
}

async function start() {
  app = document.getElementById("app");
  setUnauthorizedHandler((next) => {
    if (matchRoute(location.pathname)?.isPublic) return;
    history.replaceState(null, "", `/signin?next=${encodeURIComponent(next)}`);
    render({ focus: true });
  });
  try {
    await loadSession();
  } catch {
    setSession(null);
  }
  await initI18n();
  document.addEventListener("click", interceptLinks);
  window.addEventListener("popstate", () => render({ focus: true }));
  onLocaleChange(() => refresh());
  await render({ focus: false });
}

start();
