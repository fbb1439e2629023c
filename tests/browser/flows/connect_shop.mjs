// Connect: "Connect a shop" leads to the simulator's authorisation page, which lists the simulator's shops;
// authorising the extra shop comes back to the Shops page with that shop connected.
import { check, runIfMain, toastAfter, waitForText } from '../harness.mjs';

export default async function flow(t) {
  const { page, api } = t;
  const extra = t.demo.extraShop;
  await t.signIn();
  const before = await api.get('/shops');
  check(!before.shops.some((s) => s.id === extra.id && s.state === 'connected'), `${extra.name} is connected before the flow`);

  await page.getByTestId('nav-shops').click();
  await page.getByTestId('connect-shop').click();
  await page.waitForURL(/\/sim\/authorize\?state=/);
  const choice = page.getByTestId(`sim-shop-${extra.id}`);
  await choice.waitFor();
  for (const shop of Object.values(t.demo.shops)) await page.getByTestId(`sim-shop-${shop.id}`).waitFor();
  await t.screenshot('sim-authorize');
  await choice.check();
  const { text } = await toastAfter(page, async () => {
    await page.getByTestId('sim-authorize').click();
    await page.waitForURL(/\/shops/);
  }, 'the return from the authorisation page');
  check(text.includes(extra.name), `the message after connecting does not name ${extra.name}: "${text}"`);
  await page.getByTestId(`shop-row-${extra.id}`).waitFor();
  await waitForText(page.getByTestId(`shop-state-${extra.id}`), await t.text('shops.state.connected'), `${extra.name}'s state`);
  const after = await api.get('/shops');
  const connected = after.shops.find((s) => s.id === extra.id);
  check(connected?.state === 'connected', `GET /shops has ${extra.name} as ${connected?.state ?? 'missing'}`);
  await t.screenshot('shops');
}

await runIfMain(import.meta, flow);
