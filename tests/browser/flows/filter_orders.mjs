// Orders: a status tab, a shop filter, a sort and a search each give the table exactly the orders the API
// answers for the same filters, and the tab counts are the API's counts.
import { check, runIfMain, waitForText } from '../harness.mjs';

// The order ids of the rows on screen, in order.
async function rowIds(page) {
  return page.locator('[data-testid^="orders-row-"]').evaluateAll(
    (rows) => rows.map((r) => r.getAttribute('data-testid').slice('orders-row-'.length)));
}

// Waits until the table shows exactly `expected` (order ids, in order).
async function waitForRows(page, expected, what) {
  const want = JSON.stringify(expected);
  let seen = '';
  for (const deadline = Date.now() + 10000; Date.now() < deadline;) {
    seen = JSON.stringify(await rowIds(page));
    if (seen === want) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`${what}: the table shows ${seen}, the API answers ${want}`);
}

export default async function flow(t) {
  const { page, api } = t;
  await t.signIn();
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('status-tab-all').waitFor();

  const all = await api.get('/orders');
  check(all.orders.length > 0, 'the demo seller has no orders');
  await waitForRows(page, all.orders.map((o) => o.id), 'all orders');
  await t.screenshot('orders');

  // The tab with the most orders that is not everything: awaiting shipment in the demo data.
  const status = 'AWAITING_SHIPMENT';
  const byStatus = await api.get(`/orders?status=${status}`);
  check(byStatus.orders.length > 0 && byStatus.orders.length < all.counts.all,
    `expected some but not all orders ${status}; the API counts ${JSON.stringify(all.counts)}`);
  await waitForText(page.getByTestId(`status-tab-${status}`), String(all.counts[status]), `the ${status} tab's count`);
  await page.getByTestId(`status-tab-${status}`).click();
  await waitForRows(page, byStatus.orders.map((o) => o.id), `the ${status} tab`);
  check(byStatus.orders.every((o) => o.status === status), `the API answered orders of other statuses for ${status}`);
  check(/status=AWAITING_SHIPMENT/.test(page.url()), `the filter is not kept in the address: ${page.url()}`);

  // A shop filter narrows the tab to that shop's orders, and a sort orders them as the API does.
  const shop = t.demo.shops.br;
  await page.getByTestId('orders-shop-filter').selectOption(shop.id);
  const byShop = await api.get(`/orders?status=${status}&shop_id=${shop.id}`);
  await waitForRows(page, byShop.orders.map((o) => o.id), `the ${shop.name} filter`);
  check(byShop.orders.every((o) => o.shop_id === shop.id), 'the shop filter answered orders of other shops');
  await page.getByTestId('orders-sort').selectOption('total_desc');
  const byTotal = await api.get(`/orders?status=${status}&shop_id=${shop.id}&sort=total_desc`);
  await waitForRows(page, byTotal.orders.map((o) => o.id), 'the sort by total');
  const totals = byTotal.orders.map((o) => Number(o.total.replace('.', '')));
  check(totals.every((x, i) => i === 0 || totals[i - 1] >= x), `sort=total_desc is not by falling total: ${totals}`);

  // Searching for one order's id, in all shops and statuses, finds that order.
  await page.getByTestId('orders-shop-filter').selectOption('');
  await page.getByTestId('status-tab-all').click();
  const target = byStatus.orders[byStatus.orders.length - 1];
  await page.getByTestId('orders-search').fill(target.id);
  await page.getByTestId('orders-search').press('Enter');
  const searched = await api.get(`/orders?sort=total_desc&q=${encodeURIComponent(target.id)}`);
  check(searched.orders.some((o) => o.id === target.id), `the API does not find order ${target.id} by its id`);
  await waitForRows(page, searched.orders.map((o) => o.id), `search for ${target.id}`);
  t.log(`${all.counts.all} orders, ${byStatus.orders.length} ${status}, ${byShop.orders.length} of them in ` +
    `${shop.name}, ${searched.orders.length} found by id`);
}

await runIfMain(import.meta, flow);
