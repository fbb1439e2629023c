// Packages: a group the platform offers to combine is combined from the Packages page (one package then
// carries the group's orders, on the page and in the API) and uncombined again.
import { check, runIfMain, toastAfter, waitForText } from '../harness.mjs';

export default async function flow(t) {
  const { page, api } = t;
  const shop = t.demo.shops.us;  // not used by the split and invoice flows
  await t.signIn();
  const before = await api.get(`/packages?shop_id=${shop.id}`);
  // Each offer of the platform is a package that would carry several orders (same buyer).
  const group = before.combinable.find((g) => g.shop_id === shop.id && g.packages.length > 0);
  check(group, `${shop.name} has no packages to combine: ${JSON.stringify(before.combinable).slice(0, 300)}`);
  const orderIds = group.packages.flatMap((p) => p.order_ids);
  check(orderIds.length > 1, `the offer to combine carries ${orderIds.length} order(s)`);

  await page.goto(`/packages?shop_id=${shop.id}`);
  // The group on the page that lists this offer.
  const groups = page.locator('[data-testid^="combine-group-"]');
  await groups.first().waitFor();
  let groupIndex = -1;
  for (let i = 0; i < await groups.count(); ++i) {
    const text = await groups.nth(i).textContent();
    if (group.packages.every((p) => text.includes(p.id))) groupIndex = i;
  }
  check(groupIndex >= 0, `no combine group on the page lists the offer ${group.packages.map((p) => p.id).join(', ')}`);
  // Exactly this offer ticked (the page starts with the first one ticked).
  for (let i = 0; i < await groups.count(); ++i)
    await groups.nth(i).locator('input[type=checkbox]').setChecked(i === groupIndex);
  await t.screenshot('packages');
  check(await page.getByTestId('combine-submit').isEnabled(), 'the combine button stays disabled with the offer selected');
  await toastAfter(page, () => page.getByTestId('combine-submit').click(), 'combining');

  const after = await api.get(`/packages?shop_id=${shop.id}`);
  const combined = after.packages.find((p) => orderIds.every((id) => p.order_ids.includes(id)));
  check(combined, `no package carries orders ${orderIds.join(', ')} after combining`);
  const row = page.getByTestId(`package-row-${combined.id}`);
  for (const id of orderIds) await waitForText(row, id, `order ${id} in the combined package's row`);
  t.log(`combined orders ${orderIds.join(', ')} into package ${combined.id}`);

  await toastAfter(page, () => page.getByTestId(`uncombine-${combined.id}`).click(), 'uncombining');
  let split = null;
  for (const deadline = Date.now() + 10000; Date.now() < deadline && !split;) {
    const now = await api.get(`/packages?shop_id=${shop.id}`);
    if (!now.packages.some((p) => orderIds.every((id) => p.order_ids.includes(id)))) split = now;
    else await page.waitForTimeout(200);
  }
  check(split, `package ${combined.id} still carries orders ${orderIds.join(', ')} after uncombining`);
}

await runIfMain(import.meta, flow);
