// Split (Mexico cross-border): an order that must split shows why it cannot ship; splitting it from the
// order page through the split dialog gives it several packages, on the page and in the API, and lifts
// the split's block on shipping.
import { check, runIfMain, toastAfter, waitForText } from '../harness.mjs';

// The action that plans the split and opens the dialog (mx-split's "Plan split").
const splitAction = (actions) => actions.find((a) => a.id === 'split.preview' || a.id === 'split');

// An MX order awaiting shipment that the module says must split (its ship button is blocked for it).
async function orderThatMustSplit(api, shopId) {
  const { orders } = await api.get(`/orders?shop_id=${shopId}&status=AWAITING_SHIPMENT&page_size=200`);
  for (const o of orders.filter((x) => x.items > 1)) {
    const detail = await api.get(`/orders/${shopId}/${o.id}`);
    if (splitAction(detail.actions)?.enabled && !detail.ship.allowed && detail.order.packages.length === 1) return detail;
  }
  throw new Error(`no order of ${shopId} awaiting shipment must split (looked at ${orders.length} orders)`);
}

export default async function flow(t) {
  const { page, api } = t;
  const shop = t.demo.shops.mx;
  await t.signIn();
  const before = await orderThatMustSplit(api, shop.id);
  const id = before.order.id;
  t.log(`order ${id}: ${before.order.lines.length} lines, blocked: ${before.ship.reasons.join(' ')}`);

  await page.goto(`/orders/${shop.id}/${id}`);
  await page.getByTestId('order-detail').waitFor();
  await waitForText(page.getByTestId('ship-blocked-reason'), /\S/, 'the reason the order cannot ship');
  check(await page.getByTestId('ship-button').isDisabled(), 'the ship button is enabled on an order that must split');

  // Planning opens the dialog with the planner's proposal; confirming splits.
  const action = splitAction(before.actions);
  await page.getByTestId(`action-${action.id}`).click();
  await page.getByTestId('split-dialog').waitFor();
  await t.screenshot('split-dialog');
  const { text } = await toastAfter(page, () => page.getByTestId('split-confirm').click(), 'the split');
  await page.getByTestId('split-dialog').waitFor({ state: 'hidden' });
  t.log(`the page says: ${text}`);

  let after = null;
  for (const deadline = Date.now() + 10000; Date.now() < deadline;) {
    after = await api.get(`/orders/${shop.id}/${id}`);
    if (after.order.packages.length > 1) break;
    await page.waitForTimeout(200);
  }
  check(after.order.packages.length > 1, `after the split the API shows ${after.order.packages.length} package(s)`);
  for (const p of after.order.packages) await waitForText(page.getByTestId('order-packages'), p.id, `new package ${p.id}`);
  const splitReasons = after.ship.reasons.filter((r) => /split/i.test(r));
  check(splitReasons.length === 0, `shipping is still blocked by the split: ${splitReasons.join(' ')}`);
  t.log(`split into ${after.order.packages.length} packages: ${after.order.packages.map((p) => p.id).join(', ')}`);
  await t.screenshot('order-split');
}

await runIfMain(import.meta, flow);
