// NF-e upload (Brazil): a BR order that needs its invoice cannot ship and says so; choosing an authorised
// NF-e made from the order's data (buyer CPF, total, order id) and uploading it is accepted by the module,
// the block changes from "no invoice" to the invoice being checked, and once TikTok Shop accepts it the
// order ships.
import { nfeFor } from '../nfe.mjs';
import { check, FlowFailure, runIfMain, toastAfter, waitForText } from '../harness.mjs';

const uploadAction = (actions) => actions.find((a) => /upload/.test(a.id) && !/many/.test(a.id));

// The buyer's CPF: from the order answer when it carries one, else from the seller's own data export.
async function buyerCpf(api, order) {
  const found = JSON.stringify(order).match(/"(?:cpf|buyer_tax_id|tax_id)":"(\d{11})"/);
  if (found) return found[1];
  const r = await api.call('POST', '/exports', { format: 'json' });
  if (r.status !== 200) throw new FlowFailure(`POST /api/v1/exports answered ${r.status}: cannot read the buyer's CPF`);
  const exported = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body).orders
    .find((o) => o.shop_id === order.shop_id && o.id === order.id);
  const cpf = exported?.cpf ?? exported?.buyer_tax_id;
  if (!cpf) throw new FlowFailure(`the export has no CPF for order ${order.id}`);
  return cpf;
}

export default async function flow(t) {
  const { page, api } = t;
  const shop = t.demo.shops.br;
  await t.signIn();
  const { orders } = await api.get(`/orders?shop_id=${shop.id}&status=AWAITING_SHIPMENT&page_size=200`);
  let before = null;
  for (const o of orders) {
    const d = await api.get(`/orders/${shop.id}/${o.id}`);
    if (uploadAction(d.actions)?.enabled && !d.ship.allowed && d.order.packages.length === 1) { before = d; break; }
  }
  check(before, `no BR order awaiting shipment needs an NF-e (looked at ${orders.length})`);
  const { order } = before;
  const xml = nfeFor({ orderId: order.id, buyerCpf: await buyerCpf(api, order), total: order.payment.total });

  await page.goto(`/orders/${shop.id}/${order.id}`);
  await page.getByTestId('order-detail').waitFor();
  const blockedBefore = await waitForText(page.getByTestId('ship-blocked-reason'), /\S/, 'the reason the order cannot ship');
  check(await page.getByTestId('ship-button').isDisabled(), 'the ship button is enabled on an order without its NF-e');

  const fileInput = page.getByTestId('invoice-file');
  if (!(await fileInput.count())) await page.getByTestId(`action-${uploadAction(before.actions).id}`).click();
  await fileInput.setInputFiles({ name: `nfe-${order.id}.xml`, mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await t.screenshot('invoice-upload');
  const { text } = await toastAfter(page, () => page.getByTestId('invoice-upload').click(), 'the NF-e upload');
  t.log(`the page says: ${text}`);

  let after = null;
  for (const deadline = Date.now() + 10000; Date.now() < deadline;) {
    after = await api.get(`/orders/${shop.id}/${order.id}`);
    if (JSON.stringify(after.ship.reasons) !== JSON.stringify(before.ship.reasons) || after.ship.allowed) break;
    await page.waitForTimeout(200);
  }
  check(after.ship.allowed || JSON.stringify(after.ship.reasons) !== JSON.stringify(before.ship.reasons),
    `the ship block did not change after the upload: ${after.ship.reasons.join(' ')}`);
  if (!after.ship.allowed) {
    const blockedAfter = await waitForText(page.getByTestId('ship-blocked-reason'), (s) => s !== blockedBefore,
      'the ship block after the upload');
    t.log(`order ${order.id}: "${blockedBefore.trim()}" became "${blockedAfter.trim()}"`);
  }
  await t.screenshot('order-invoice');

  // TikTok Shop decides a few seconds later; "Refresh NF-e status" reads the decision, which lifts the
  // block, and the order ships.
  const refresh = before.actions.find((a) => a.id === 'invoice.status');
  check(refresh, `no NF-e status action among ${before.actions.map((a) => a.id).join(', ')}`);
  let accepted = null;
  for (const deadline = Date.now() + 20000; Date.now() < deadline && !accepted;) {
    await page.waitForTimeout(1000);
    await toastAfter(page, () => page.getByTestId(`action-${refresh.id}`).click(), 'refreshing the NF-e status', null);
    const now = await api.get(`/orders/${shop.id}/${order.id}`);
    if (now.ship.allowed) accepted = now;
  }
  check(accepted, 'the NF-e was not accepted within 20 s of the upload');
  await page.getByTestId('ship-button').and(page.locator(':enabled')).waitFor();
  const { text: shipped } = await toastAfter(page, () => page.getByTestId('ship-button').click(), 'shipping');
  t.log(`after acceptance: ${shipped}`);
  const final = await api.get(`/orders/${shop.id}/${order.id}`);
  check(final.order.status !== 'AWAITING_SHIPMENT' || final.order.packages.some((p) => p.tracking_number),
    `after shipping the order is still ${final.order.status} without a tracking number`);
  await waitForText(page.getByTestId('order-status'), await t.text(`order.status.${final.order.status}`),
    'the order status after shipping');
}

await runIfMain(import.meta, flow);
