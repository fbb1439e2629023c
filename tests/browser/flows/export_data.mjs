// Data export: the owner's JSON export downloads as a file holding every order the seller sees, and the
// CSV export downloads one row per order line.
import { readFile } from 'node:fs/promises';
import { check, runIfMain, toastAfter } from '../harness.mjs';

// Every order of the seller through the API's pages.
async function allOrderIds(api) {
  const ids = [];
  let cursor = null;
  do {
    const page = await api.get(`/orders?page_size=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    ids.push(...page.orders.map((o) => `${o.shop_id}/${o.id}`));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

// The number of records of an RFC 4180 text (quoted fields may hold line breaks).
function csvRecords(text) {
  let records = 0;
  let quoted = false;
  let empty = true;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    if (!quoted && c === '\n') {
      if (!empty) ++records;
      empty = true;
    } else if (c !== '\r') {
      empty = false;
    }
  }
  return records + (empty ? 0 : 1);
}

// The paths of keys in `value` whose names look like secrets.
function secretKeys(value, at = '') {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretKeys(v, `${at}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    (/password|token|secret|cipher/i.test(k) ? [`${at}.${k}`] : []).concat(secretKeys(v, `${at}.${k}`)));
}

export default async function flow(t) {
  const { page, api } = t;
  await t.signIn();
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('export-json').waitFor();
  await t.screenshot('settings');

  const { result: [download], text } = await toastAfter(page,
    () => Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]), 'the JSON export');
  check(text.includes(download.suggestedFilename()), `the message after the export does not name the file: "${text}"`);
  check(/\.json$/i.test(download.suggestedFilename()), `the JSON export is named "${download.suggestedFilename()}"`);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  check(Array.isArray(file.orders) && file.orders.length > 0, 'the JSON export holds no orders');
  const exported = new Set(file.orders.map((o) => `${o.shop_id}/${o.id}`));
  const listed = await allOrderIds(api);
  const missing = listed.filter((id) => !exported.has(id));
  check(missing.length === 0, `the export lacks ${missing.length} of the ${listed.length} orders, e.g. ${missing[0]}`);
  const secrets = secretKeys(file);
  check(secrets.length === 0, `the export carries secret-looking fields: ${secrets.slice(0, 5).join(', ')}`);
  t.log(`JSON export ${download.suggestedFilename()}: ${file.orders.length} orders (the API lists ${listed.length})`);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csvText = await readFile(await csv.path(), 'utf8');
  const records = csvRecords(csvText.replace(/^\uFEFF/, ''));
  const lines = file.orders.reduce((n, o) => n + (o.lines?.length ?? 0), 0);
  check(records === lines + 1, `the CSV export has ${records - 1} rows after its header, the JSON ${lines} order lines`);
}

await runIfMain(import.meta, flow);
