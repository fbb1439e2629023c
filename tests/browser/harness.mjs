// The browser test harness: a kingkung-web of its own over the simulator's demo shops, headless Chromium
// driven by playwright-core, a fresh page per flow, screenshots, and clean-up that always runs.
//
// A flow file exports `default async function flow(t)` and ends with `await runIfMain(import.meta, flow)`,
// so `node tests/browser/flows/<flow>.mjs` runs it alone; run.mjs (ctest's browser.flows) runs them all
// in order on one server. `t` holds:
//   page, context, baseURL          the page of a fresh browser context at 1280x800
//   api                              the JSON API as the signed-in browser sends it (see apiClient)
//   signIn()                         the demo account's session of this run, on the dashboard
//   signInWithForm(email?, pw?)      sign in through the form (a fresh session)
//   screenshot(name)                 save <output>/<name>.png (the page scrolled to the top)
//   text(key, locale?)               the UI's catalog text for a key (to assert without hard-coding it)
//   server                           {url, dir, database, config} of this run's kingkung-web
//   log(msg)                         progress lines, shown with the flow's result
//
// Environment (ctest sets all of them; the defaults suit a debug build):
//   KINGKUNG_WEB_BIN        the built kingkung-web              (build/debug/bin/kingkung-web)
//   KINGKUNG_PLUGIN_DIR     the built plugins                   (build/debug/plugins)
//   KINGKUNG_BROWSER_OUTPUT where screenshots go                (build/debug/browser-screenshots)
//   KINGKUNG_CHROMIUM       the Chromium to drive               (/usr/bin/chromium)
//   KINGKUNG_BROWSER_TIMEOUT_S  the watchdog for the whole run  (240)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const sourceDir = process.env.KINGKUNG_SOURCE_DIR ||
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const buildDir = path.join(sourceDir, 'build', 'debug');
const webBin = process.env.KINGKUNG_WEB_BIN || path.join(buildDir, 'bin', 'kingkung-web');
const pluginDir = process.env.KINGKUNG_PLUGIN_DIR || path.join(buildDir, 'plugins');
export const outputDir = process.env.KINGKUNG_BROWSER_OUTPUT || path.join(buildDir, 'browser-screenshots');
const chromiumPath = process.env.KINGKUNG_CHROMIUM || '/usr/bin/chromium';
const watchdogSeconds = Number(process.env.KINGKUNG_BROWSER_TIMEOUT_S || 240);

// The demo data every flow can rely on: the demo config's shops plus a simulator shop that is not connected.
export const demo = {
  email: 'demo@kingkung.example',
  password: 'kingkung-demo',
  shops: {
    mx: { id: '7495610013482590221', name: 'KingKung Demo MX', region: 'MX' },
    br: { id: '7496002287415330818', name: 'KingKung Demo BR', region: 'BR' },
    us: { id: '7494883102967740417', name: 'KingKung Demo US', region: 'US' },
  },
  extraShop: { key: 'extra-mx', id: '7497100045521830662', name: 'KingKung Second MX', region: 'MX' },
};

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

// The app secret this run's host and simulator sign with (a file in the run's temporary folder).
export const appSecret = 'browser-test-app-secret';

export class FlowFailure extends Error {}

// Fails with what to install when a prerequisite is missing: never a silent pass.
async function loadPlaywright() {
  const problems = [];
  if (!existsSync(chromiumPath))
    problems.push(`Chromium not found at ${chromiumPath}: install it with \`apt-get install chromium\` ` +
      '(scripts/test does this) or point KINGKUNG_CHROMIUM at one');
  if (!existsSync(webBin))
    problems.push(`kingkung-web not found at ${webBin}: build it (cmake --build <build> --target kingkung_browser_tests)`);
  let playwright = null;
  try {
    playwright = await import('playwright-core');
  } catch {
    problems.push(`playwright-core is not installed: run \`npm ci\` in ${sourceDir} (scripts/test does this)`);
  }
  if (problems.length) throw new FlowFailure('cannot run the browser tests:\n  ' + problems.join('\n  '));
  return playwright;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// config/kingkung.toml with this run's port, a temporary folder for the database, key and secret, the built
// plugins, and the extra simulator shop. The port is chosen here rather than 0 because public_url must name
// it: the connect flow's authorisation and callback URLs are built from it. Every rewrite must find its key, so a changed demo config fails here
// with the key's name instead of running against something else.
export function testConfig(dir, port) {
  let toml = readFileSync(path.join(sourceDir, 'config', 'kingkung.toml'), 'utf8');
  const rewrite = (pattern, replacement, what) => {
    if (!pattern.test(toml)) throw new FlowFailure(`config/kingkung.toml: expected ${what}, found none`);
    toml = toml.replace(pattern, replacement);
  };
  const q = (p) => JSON.stringify(p);
  rewrite(/^port = \d+.*$/m, `port = ${port}`, '[server] port');
  rewrite(/^public_url = .*$/m, `public_url = "http://127.0.0.1:${port}"`, '[server] public_url');
  rewrite(/^threads = .*$/m, 'threads = 2', '[server] threads');
  rewrite(/^url = "sqlite3:.*$/m, `url = ${q('sqlite3:' + path.join(dir, 'kingkung.db'))}`, '[database] url');
  rewrite(/^key_file = .*$/m, `key_file = ${q(path.join(dir, 'master.key'))}`, '[vault] key_file');
  rewrite(/^app_secret_file = .*$/gm, `app_secret_file = ${q(path.join(dir, 'app-secret'))}`, 'app_secret_file');
  rewrite(/^(# )?dir = .*$/m, `dir = ${q(pluginDir)}`, '[plugins] dir');
  rewrite(/^load = .*$/m, 'load = ["tiktok-sim", "mx-split", "br-invoice"]', '[plugins] load');
  rewrite(/^level = .*$/m, 'level = "warn"', '[log] level');
  // The extra shop exists on the simulator only (no [[shops]] entry), so it starts not connected. Newer demo
  // configs carry it; older ones get it here.
  if (!toml.includes(`[plugins.config.tiktok-sim.shop.${demo.extraShop.key}]`)) {
    rewrite(/^shops = \[(.*)\](.*)$/m, `shops = [$1, "${demo.extraShop.key}"]$2`, '[plugins.config.tiktok-sim] shops');
    const extra = `[plugins.config.tiktok-sim.shop.${demo.extraShop.key}]\nid = "${demo.extraShop.id}"\n` +
      `name = "${demo.extraShop.name}"\nregion = "${demo.extraShop.region}"\nseller_type = "CROSS_BORDER"\n\n`;
    rewrite(/^(\[markets\.)/m, extra + '$1', 'a [markets.*] table after the simulator shops');
  }
  const extraId = toml.match(new RegExp(`\\[plugins\\.config\\.tiktok-sim\\.shop\\.${demo.extraShop.key}\\]\\s*\\nid = "(\\d+)"`));
  if (!extraId || extraId[1] !== demo.extraShop.id)
    throw new FlowFailure(`config/kingkung.toml: expected the ${demo.extraShop.key} simulator shop with id ` +
      `${demo.extraShop.id}, found ${extraId ? extraId[1] : 'none'}`);
  return toml;
}

// Starts kingkung-web on a free port in a fresh temporary folder; resolves once /healthz answers 200. Its
// output is kept for failures. A server that does not start is killed and its folder removed.
async function startServer() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kk-browser-'));
  const started = { current: null };
  try {
    return await startServerIn(dir, started);
  } catch (e) {
    if (started.current && !started.current.exited) started.current.process.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

async function startServerIn(dir, started) {
  writeFileSync(path.join(dir, 'app-secret'), `${appSecret}\n`);
  chmodSync(path.join(dir, 'app-secret'), 0o600);
  let lastError = null;
  for (let attempt = 0; attempt < 3; ++attempt) {
    const port = await freePort();
    const config = path.join(dir, 'kingkung.toml');
    writeFileSync(config, testConfig(dir, port));
    const server = { dir, config, database: path.join(dir, 'kingkung.db'), port, stdout: '', stderr: '',
      process: null, url: null, exited: null };
    // The files above are this run's secrets: none from the environment.
    const env = { ...process.env };
    delete env.KINGKUNG_MASTER_KEY;
    delete env.KINGKUNG_TIKTOK_APP_SECRET;
    server.process = spawn(webBin, ['--config', config], { stdio: ['ignore', 'pipe', 'pipe'], env });
    started.current = server;
    server.process.stderr.on('data', (d) => { server.stderr += d; });
    const exited = new Promise((resolve) => server.process.once('exit', (code, signal) => {
      server.exited = { code, signal };
      resolve();
    }));
    const firstLine = new Promise((resolve) => {
      server.process.stdout.on('data', (d) => {
        server.stdout += d;
        const nl = server.stdout.indexOf('\n');
        if (nl >= 0) resolve(server.stdout.slice(0, nl));
      });
    });
    const line = await Promise.race([firstLine, exited.then(() => null),
      new Promise((resolve) => setTimeout(() => resolve(undefined), 30000).unref())]);
    if (typeof line === 'string') {
      const m = line.match(/(https?:\/\/\S+)/);
      if (!m) throw new FlowFailure(`kingkung-web's first line names no URL: "${line}"`);
      server.url = m[1].replace(/\/$/, '');
      await waitForHealth(server);
      return server;
    }
    if (line === undefined) {
      server.process.kill('SIGKILL');
      throw new FlowFailure(`kingkung-web printed no URL within 30 s; its stderr:\n${server.stderr}`);
    }
    lastError = `kingkung-web exited (${JSON.stringify(server.exited)}) before listening; its stderr:\n${server.stderr}`;
    if (!/address.*in use|bind/i.test(server.stderr)) break;  // only a lost port race is worth another try
  }
  throw new FlowFailure(lastError);
}

async function waitForHealth(server) {
  let last = '';
  for (let i = 0; i < 200; ++i) {
    if (server.exited) break;
    try {
      const r = await fetch(server.url + '/healthz');
      if (r.status === 200) return;
      last = `${r.status} ${await r.text()}`;
    } catch (e) {
      last = String(e.cause?.code || e.message);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new FlowFailure(`kingkung-web at ${server.url} is not healthy (last answer: ${last}); its stderr:\n${server.stderr}`);
}

async function stopServer(server) {
  if (!server?.process || server.exited) return;
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  const killer = setTimeout(() => server.process.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}

// The JSON API the way the UI calls it: the browser context's cookies, the page's Origin and the CSRF
// token of the current session. Resolves to {status, body}; `ok()` throws unless 2xx.
export function apiClient(context, baseURL) {
  let csrf = null;
  const call = async (method, apiPath, body) => {
    const headers = { Origin: baseURL, Accept: 'application/json' };
    if (method !== 'GET') {
      if (!csrf) {
        const s = await context.request.get(baseURL + '/api/v1/session');
        if (s.status() === 200) csrf = (await s.json()).csrf_token;
      }
      if (csrf) headers['X-CSRF-Token'] = csrf;
    }
    const options = { method, headers, failOnStatusCode: false };
    if (body !== undefined) options.data = body;
    const r = await context.request.fetch(baseURL + '/api/v1' + apiPath, options);
    const text = await r.text();
    let parsed = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the text */ }
    return { status: r.status(), body: parsed, headers: r.headers() };
  };
  const ok = async (method, apiPath, body) => {
    const r = await call(method, apiPath, body);
    if (r.status < 200 || r.status > 299)
      throw new FlowFailure(`${method} /api/v1${apiPath} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return {
    call,
    get: (p) => ok('GET', p),
    post: (p, b) => ok('POST', p, b ?? {}),
    put: (p, b) => ok('PUT', p, b),
    patch: (p, b) => ok('PATCH', p, b),
    del: (p) => ok('DELETE', p),
  };
}

// The UI's text for `key` in `locale`, from the catalogs the host serves (core and pages parts).
export async function uiText(baseURL, locale, key) {
  for (const part of ['core', 'pages']) {
    const r = await fetch(`${baseURL}/assets/i18n/${locale}/${part}.json`).catch(() => null);
    if (r?.status !== 200) continue;
    const catalog = await r.json();
    if (typeof catalog[key] === 'string') return catalog[key];
  }
  throw new FlowFailure(`no text for "${key}" in the ${locale} catalogs under /assets/i18n/${locale}/`);
}

export function check(condition, message) {
  if (!condition) throw new FlowFailure(message);
}

// Waits until the locator's text matches `expected`: a RegExp, a string it must contain, or a predicate.
export async function waitForText(locator, expected, what, timeout = 10000) {
  const matches = (text) => (expected instanceof RegExp ? expected.test(text)
    : typeof expected === 'function' ? expected(text) : text.includes(expected));
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.first().textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => '')) ?? '';
    if (matches(text)) return text;
    await locator.page().waitForTimeout(100);
  }
  throw new FlowFailure(`${what}: expected text ${expected}, found "${text.trim().slice(0, 300)}"`);
}

// Runs `action` and waits for the toast it brings (older toasts are removed first, so a stale one never
// counts); fails when the toast's kind is not `kind` ("success", "info", "error"; null takes any), with
// its text. Resolves to {text, result} with what `action` resolved to.
export async function toastAfter(page, action, what, kind = 'success') {
  await page.evaluate(() => document.querySelectorAll('[data-testid="toast"]').forEach((e) => e.remove()));
  const result = await action();
  const toast = page.getByTestId('toast');
  await toast.waitFor({ timeout: 15000 }).catch(() => {
    throw new FlowFailure(`${what}: no message appeared within 15 s`);
  });
  const shown = await toast.getAttribute('data-kind');
  const text = await toast.evaluate((el) => (el.querySelector('.toast-text') ?? el).textContent);
  if (kind && shown !== kind) throw new FlowFailure(`${what}: expected a ${kind} message, the page says (${shown}) "${text.trim()}"`);
  return { text: text.trim(), result };
}

// Signs in through the form and waits for the signed-in shell (its navigation).
export async function signIn(page, email = demo.email, password = demo.password) {
  await page.goto('/signin');
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('nav-orders').waitFor({ timeout: 15000 });
}

// Signs the demo account in through the API once per run; flows that are not about signing in reuse this
// session (a password check costs seconds in a debug build). Resolves to the cookies, or null with why.
async function apiSession(server) {
  const r = await fetch(server.url + '/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({ email: demo.email, password: demo.password }),
  }).catch((e) => ({ status: e.message }));
  if (r.status !== 200) return { cookies: null, why: `POST /api/v1/session answered ${r.status}` };
  const setCookie = r.headers.getSetCookie?.() ?? (r.headers.get('set-cookie') ? [r.headers.get('set-cookie')] : []);
  const cookies = setCookie.map((c) => {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
  });
  return { cookies, why: null };
}

// Waits until every demo shop's orders and products are in the database (the host syncs them in the
// background at start). Without a sign-in or an orders API yet, there is nothing to wait for.
async function waitForDemoData(server, timeout = 30000) {
  if (!server.session.cookies) return `${server.session.why}: not waiting for the demo data`;
  const cookie = server.session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const started = Date.now();
  for (const shop of Object.values(demo.shops)) {
    for (const kind of ['orders', 'products']) {
      for (;;) {
        const r = await fetch(`${server.url}/api/v1/${kind}?shop_id=${shop.id}&page_size=1`, { headers: { Cookie: cookie } });
        if (r.status === 404 || r.status === 501) return `${kind} API not ready (${r.status}): not waiting for the demo data`;
        if (r.status === 200 && (await r.json())[kind]?.length) break;
        if (Date.now() - started > timeout)
          throw new FlowFailure(`no ${kind} of ${shop.name} ${timeout / 1000} s after start; last answer ${r.status}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
  return `demo orders and products synced in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

// Runs flows in order on one kingkung-web and one Chromium, each flow in a fresh browser context (no
// cookies, no storage). Flows that change data pick data no later flow relies on. Returns the failures.
export async function runFlows(flows) {
  mkdirSync(outputDir, { recursive: true });
  let server = null;
  let browser = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    browser = null;
    await stopServer(server).catch(() => {});
    if (server?.dir) rmSync(server.dir, { recursive: true, force: true });
    server = null;
  };
  const watchdog = setTimeout(async () => {
    console.log(`FAIL the watchdog stopped the run after ${watchdogSeconds} s`);
    if (server?.stderr) console.log(`  kingkung-web stderr:\n${server.stderr.replace(/^/gm, '    ')}`);
    await cleanup();
    process.exit(1);
  }, watchdogSeconds * 1000);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.once(sig, async () => { await cleanup(); process.exit(1); });

  let passed = 0;
  let failed = 0;
  const runStarted = Date.now();
  try {
    const { chromium } = await loadPlaywright();
    server = await startServer();
    const serverReady = Date.now();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    const browserReady = Date.now();
    server.session = await apiSession(server);
    const synced = await waitForDemoData(server);
    console.log(`kingkung-web ready at ${server.url} in ${((serverReady - runStarted) / 1000).toFixed(1)} s, ` +
      `Chromium ${((browserReady - serverReady) / 1000).toFixed(1)} s, ${synced}`);
    for (const { name, flow } of flows) {
      const started = Date.now();
      const notes = [];
      const stderrBefore = server.stderr.length;
      let context = null;
      let page = null;
      try {
        if (server.exited) throw new FlowFailure(`kingkung-web is no longer running (${JSON.stringify(server.exited)})`);
        context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 },
          acceptDownloads: true, locale: 'en-US' });
        context.setDefaultTimeout(10000);
        page = await context.newPage();
        // Uncaught exceptions and CSP refusals fail the flow: they are bugs of the UI.
        const pageErrors = [];
        page.on('pageerror', (e) => pageErrors.push(`uncaught: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(`CSP: ${m.text()}`);
        });
        const t = {
          page, context, baseURL: server.url, server, demo,
          api: apiClient(context, server.url),
          text: (key, locale = 'en') => uiText(server.url, locale, key),
          signIn: async () => {
            if (!server.session.cookies) return signIn(page);
            await context.addCookies(server.session.cookies.map((c) => ({ ...c, url: server.url })));
            await page.goto('/dashboard');
            await page.getByTestId('nav-orders').waitFor({ timeout: 15000 });
          },
          signInWithForm: (email, password) => signIn(page, email, password),
          screenshot: async (shot, options = {}) => {
            await page.evaluate(() => window.scrollTo(0, 0));
            await page.screenshot({ path: path.join(outputDir, `${shot}.png`), ...options });
          },
          log: (msg) => notes.push(msg),
        };
        await flow(t);
        check(pageErrors.length === 0, `the page reported errors:\n  ${pageErrors.join('\n  ')}`);
        ++passed;
        console.log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        for (const n of notes) console.log(`  ${n}`);
      } catch (e) {
        ++failed;
        console.log(`FAIL ${name} (${((Date.now() - started) / 1000).toFixed(1)} s): ` +
          (e instanceof FlowFailure ? e.message : e.stack));
        for (const n of notes) console.log(`  ${n}`);
        if (page) {
          console.log(`  page at failure: ${page.url()} (screenshot ${name}-failure.png)`);
          await page.screenshot({ path: path.join(outputDir, `${name}-failure.png`) }).catch(() => {});
        }
        const stderr = server?.stderr.slice(stderrBefore) ?? '';
        if (stderr) console.log(`  kingkung-web stderr during the flow:\n${stderr.replace(/^/gm, '    ')}`);
      } finally {
        await context?.close().catch(() => {});
      }
    }
  } catch (e) {
    ++failed;
    console.log(`FAIL ${e instanceof FlowFailure ? e.message : e.stack}`);
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
  console.log(`browser flows: ${((Date.now() - runStarted) / 1000).toFixed(1)} s, screenshots in ${outputDir}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}

// `node flows/<name>.mjs` runs that flow alone; importing the file (run.mjs) does not.
export async function runIfMain(meta, flow) {
  if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(meta.url)) {
    const name = path.basename(fileURLToPath(meta.url), '.mjs');
    process.exitCode = (await runFlows([{ name, flow }])) ? 1 : 0;
  }
}
