// Translations and locale-aware formatting. Catalogs are flat JSON files per locale and part
// (/assets/i18n/es/core.json); a key missing from the current locale falls back to English, then to the
// key itself so a gap is visible instead of blank.

import { api, session, updateSessionUser } from "./api.js";

export const LOCALES = ["en", "es", "pt"];
const PARTS = ["core", "pages"];
const STORAGE_KEY = "kingkung.locale";
// The regional formats of the sellers each language serves.
const INTL_TAGS = { en: "en-US", es: "es-MX", pt: "pt-BR" };

let current = "en";
let messages = {};
let fallback = {};
const listeners = new Set();

async function fetchCatalog(l) {
  const parts = await Promise.all(
    PARTS.map(async (part) => {
      try {
        const r = await fetch(`/assets/i18n/${l}/${part}.json`, { credentials: "same-origin" });
        return r.ok ? await r.json() : {};
      } catch {
        return {};
      }
    }),
  );
  return Object.assign({}, ...parts);
}

function supported(l) {
  return LOCALES.includes(l) ? l : null;
}

function fromBrowser() {
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const l = supported(String(tag).slice(0, 2).toLowerCase());
    if (l) return l;
  }
  return null;
}

function stored() {
  try {
    return supported(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

// Loads the catalogs for the first locale: the account's, else the last one chosen in this browser, else
// the browser's languages, else English.
export async function initI18n() {
  const s = session();
  const l = supported(s && s.user && s.user.locale) || stored() || fromBrowser() || "en";
  await use(l);
  return current;
}

async function use(l) {
  if (!Object.keys(fallback).length) fallback = await fetchCatalog("en");
  messages = l === "en" ? fallback : await fetchCatalog(l);
  current = l;
  document.documentElement.lang = INTL_TAGS[l];
}

// The current locale: "en", "es" or "pt".
export function locale() {
  return current;
}

// The BCP 47 tag used for formatting ("es-MX").
export function intlTag() {
  return INTL_TAGS[current];
}

// The message for `key` with {name} placeholders replaced from `params`.
export function t(key, params) {
  const text = messages[key] ?? fallback[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// Switches the language: loads it, remembers it in this browser and on the account (when signed in), and
// tells the listeners (app.js re-renders the page).
export async function setLocale(l) {
  if (!supported(l)) throw new Error(`unsupported locale ${l}`);
  await use(l);
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // private mode: the account still keeps it
  }
  const s = session();
  if (s && s.user && s.user.locale !== l) {
    try {
      await api.patch("/account", { locale: l });
      updateSessionUser({ locale: l });
    } catch {
      // the change still applies here; the account keeps its old choice
    }
  }
  for (const listener of listeners) listener(l);
}

// Calls `listener(locale)` after every switch; returns a function that removes it.
export function onLocaleChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function fractionDigits(amount) {
  const dot = String(amount).indexOf(".");
  return dot < 0 ? 0 : String(amount).length - dot - 1;
}

// "199.90" + "MXN" -> "$199.90" (es-MX), "R$ 199,90" (pt-BR). The amount stays a decimal string: the
// platform's digits are kept exactly.
export function formatMoney(amount, currency) {
  if (amount === null || amount === undefined || amount === "") return "";
  const digits = fractionDigits(amount);
  try {
    return new Intl.NumberFormat(intlTag(), {
      style: "currency",
      currency: currency || "USD",
      minimumFractionDigits: digits,
      maximumFractionDigits: Math.max(digits, 0),
    }).format(String(amount));
  } catch {
    return `${amount} ${currency || ""}`.trim();
  }
}

export function formatNumber(n) {
  return new Intl.NumberFormat(intlTag()).format(n);
}

export function formatDate(unix) {
  if (unix === null || unix === undefined) return "";
  return new Intl.DateTimeFormat(intlTag(), { dateStyle: "medium" }).format(new Date(unix * 1000));
}

export function formatDateTime(unix) {
  if (unix === null || unix === undefined) return "";
  return new Intl.DateTimeFormat(intlTag(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(unix * 1000));
}

// A short date for chart axes from "2026-11-28" (no time zone shift).
export function formatDay(isoDate) {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat(intlTag(), { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

// "5 min", "2 h" for a number of seconds.
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) return "";
  const units = [
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
    ["second", 1],
  ];
  for (const [unit, size] of units) {
    if (seconds >= size || unit === "second") {
      return new Intl.NumberFormat(intlTag(), { style: "unit", unit, unitDisplay: "short" }).format(
        Math.floor(seconds / size),
      );
    }
  }
  return String(seconds);
}
