// The one way the UI talks to the host: JSON over /api/v1 with the session cookie, the CSRF token on
// state-changing calls, and one error type for every failure.

const BASE = "/api/v1";
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let current = null; // {user, csrf_token} once signed in
let onUnauthorized = (next) => {
  window.location.assign(`/signin?next=${encodeURIComponent(next)}`);
};

// A failed API call: the HTTP status and the API's {code, message, field}.
export class ApiError extends Error {
  constructor(status, code, message, field = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

// The cached session {user, csrf_token}, or null when signed out.
export function session() {
  return current;
}

// Replaces the cached session (sign-in, sign-out, account changes).
export function setSession(value) {
  current = value;
}

// Updates the cached user after an account change ({locale: "es"}...).
export function updateSessionUser(fields) {
  if (current) current = { ...current, user: { ...current.user, ...fields } };
}

// What happens on a 401 from any call but the session's own: app.js routes to the sign-in page.
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

// Reads GET /api/v1/session into the cache; null (without leaving the page) when not signed in.
export async function loadSession() {
  try {
    current = await call("GET", "/session", undefined, { quiet401: true });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    current = null;
  }
  return current;
}

function headersFor(method, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined && !(body instanceof FormData)) headers["Content-Type"] = "application/json";
  if (STATE_CHANGING.has(method) && current && current.csrf_token) headers["X-CSRF-Token"] = current.csrf_token;
  return headers;
}

async function errorFrom(response) {
  let code = "http_" + response.status;
  let message = response.statusText || `HTTP ${response.status}`;
  let field = null;
  try {
    const body = await response.json();
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
      field = body.error.field ?? null;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, code, message, field);
}

async function send(method, path, body) {
  const init = { method, headers: headersFor(method, body), credentials: "same-origin" };
  if (body !== undefined) init.body = body instanceof FormData ? body : JSON.stringify(body);
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch {
    throw new ApiError(0, "network_error", "The server could not be reached. Check your connection and try again.");
  }
  return response;
}

function handle401(path, options) {
  if (options.quiet401 || path === "/session") return;
  current = null;
  onUnauthorized(window.location.pathname + window.location.search);
}

async function call(method, path, body, options = {}) {
  const response = await send(method, path, body);
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401) handle401(path, options);
    throw error;
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

function filenameFrom(response, fallback) {
  const disposition = response.headers.get("Content-Disposition") || "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

// Fetches a file (GET, or POST with `body`) and hands it to the browser as a download. Resolves to the
// file name.
async function download(path, body) {
  const method = body === undefined ? "GET" : "POST";
  const response = await send(method, path, body);
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401) handle401(path, {});
    throw error;
  }
  const blob = await response.blob();
  const name = filenameFrom(response, path.split("?")[0].split("/").pop() || "download");
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}

// Paths are relative to /api/v1 ("/orders?status=UNPAID"). Each resolves to the parsed JSON (null for
// 204) or rejects with ApiError.
export const api = {
  get: (path) => call("GET", path),
  post: (path, body = {}) => call("POST", path, body),
  put: (path, body = {}) => call("PUT", path, body),
  patch: (path, body = {}) => call("PATCH", path, body),
  del: (path) => call("DELETE", path),
  download,
};

// "?a=1&b=x" from an object, leaving out empty values; "" when nothing is left.
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    q.set(key, String(value));
  }
  const s = q.toString();
  return s ? "?" + s : "";
}
