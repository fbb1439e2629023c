// Order detail: the order's link in its row opens the order with its status, every line item, the payment
// breakdown, its packages and its timeline, as the API describes it.
import { check, runIfMain, waitForText } from '../harness.mjs';

export default async function flow(t) {
  const { page, api } = t;
  await t.signIn();
  // An MX order awaiting shipment with several lines: the richest page in the demo data.
  const list = await api.get(`/orders?shop_id=${t.demo.shops.mx.id}&status=AWAITING_SHIPMENT`);
  check(list.orders.length > 0, 'no MX order awaiting shipment in the demo data');
  const summary = list.orders.find((o) => o.items > 1) ?? list.orders[0];
  const { order, actions } = await api.get(`/orders/${summary.shop_id}/${summary.id}`);

  await page.goto(`/orders?shop_id=${summary.shop_id}&status=AWAITING_SHIPMENT`);
  await page.getByTestId(`orders-row-${summary.id}`).getByRole('link', { name: summary.id }).click();
  await page.getByTestId('order-detail').waitFor();
  check(page.url().endsWith(`/orders/${summary.shop_id}/${summary.id}`), `the row opened ${page.url()}`);

  await waitForText(page.getByTestId('order-detail'), summary.id, 'the order id on the detail page');
  check((await page.getByTestId('order-status').textContent()).trim().length > 0, 'the order status is empty');
  const lines = page.getByTestId('order-lines');
  for (const line of order.lines) await waitForText(lines, line.product_name, `line ${line.id}`);
  // The total in the payment box, whatever the locale's format: its digits are the API's.
  const digits = (s) => s.replace(/\D/g, '');
  const payment = await page.getByTestId('order-payment').textContent();
  check(digits(payment).includes(digits(order.payment.total)),
    `the payment box does not show the total ${order.payment.total}: "${payment.trim()}"`);
  for (const p of order.packages) await waitForText(page.getByTestId('order-packages'), p.id, `package ${p.id}`);
  const timeline = page.getByTestId('order-timeline');
  await timeline.waitFor();
  check(order.timeline.length === 0 || (await timeline.locator('li, tr').count()) >= order.timeline.length,
    `the timeline shows fewer entries than the API's ${order.timeline.length}`);
  // Each action has its button; an NF-e upload has its file input and upload button instead, and moving
  // items between packages happens inside the split dialog.
  const control = (id) => (/upload/.test(id) && !/many/.test(id) ? 'invoice-upload' : `action-${id}`);
  for (const action of actions.filter((a) => a.id !== 'split.adjust')) await page.getByTestId(control(action.id)).waitFor();
  await page.getByTestId('ship-button').waitFor();
  t.log(`order ${summary.id}: ${order.lines.length} lines, ${order.packages.length} packages, actions ${actions.map((a) => a.id).join(', ') || 'none'}`);
  await t.screenshot('order-detail');
}

await runIfMain(import.meta, flow);
