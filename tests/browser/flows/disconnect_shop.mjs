// Disconnect: the confirmation says what is deleted and when, Escape leaves without disconnecting, and
// only the shop's exact name enables the button; confirming shows the shop as disconnected, here and in
// the API.
import { check, runIfMain, toastAfter, waitForText } from '../harness.mjs';

export default async function flow(t) {
  const { page, api } = t;
  const shop = t.demo.shops.us;
  await t.signIn();
  const preview = await api.get(`/shops/${shop.id}/disconnect-preview`);
  check(preview.deletes.length > 0, 'the disconnect preview lists nothing to delete');

  await page.getByTestId('nav-shops').click();
  const dialog = page.getByTestId('disconnect-dialog');
  // Escape closes the dialog without disconnecting.
  await page.getByTestId(`disconnect-${shop.id}`).click();
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  check((await api.get('/shops')).shops.find((s) => s.id === shop.id)?.state === 'connected',
    'Escape on the confirmation disconnected the shop');

  await page.getByTestId(`disconnect-${shop.id}`).click();
  await dialog.waitFor();
  // The dialog says when the data goes: the retention period in days.
  await waitForText(dialog, String(preview.retention_days), 'the retention period in the dialog');
  const confirm = page.getByTestId('disconnect-confirm');
  await page.getByTestId('disconnect-confirm-input').fill(shop.name.slice(0, -1));
  check(await confirm.isDisabled(), 'the disconnect button is enabled before the full shop name is typed');
  await page.getByTestId('disconnect-confirm-input').fill(shop.name);
  check(await confirm.isEnabled(), 'the disconnect button stays disabled after the shop name is typed');
  await t.screenshot('disconnect-dialog');
  await toastAfter(page, () => confirm.click(), 'disconnecting');

  await waitForText(page.getByTestId(`shop-state-${shop.id}`), await t.text('shops.state.disconnected'), `${shop.name}'s state`);
  const after = await api.get('/shops');
  const state = after.shops.find((s) => s.id === shop.id)?.state;
  check(state === 'disconnected', `GET /shops has ${shop.name} as ${state}`);
  check(!(await page.getByTestId(`disconnect-${shop.id}`).count()), 'a disconnected shop still offers to disconnect');
}

await runIfMain(import.meta, flow);
