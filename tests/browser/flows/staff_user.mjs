// Users and roles: the owner adds a staff user from Settings; that user signs in and can work with orders
// but is offered neither the data export nor disconnecting a shop, and the API refuses both with 403.
import { check, runIfMain, signIn, toastAfter, waitForText } from '../harness.mjs';

export default async function flow(t) {
  const { page, api } = t;
  const email = 'staff.browser@kingkung.example';
  const password = 'staff-browser-password-2026';
  await t.signIn();
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('user-add-email').fill(email);
  await page.getByTestId('user-add-password').fill(password);
  await page.getByTestId('user-add-role').selectOption('staff');
  await toastAfter(page, () => page.getByTestId('user-add-submit').click(), 'adding a staff user');
  await waitForText(page.getByTestId('users-list'), email, 'the new user in the users list');
  const { users } = await api.get('/users');
  check(users.some((u) => u.email === email && u.role === 'staff'), `GET /users has no staff user ${email}`);

  // The staff user in a browser of their own.
  const staffContext = await t.context.browser().newContext({ baseURL: t.baseURL, viewport: { width: 1280, height: 800 } });
  try {
    const staff = await staffContext.newPage();
    await signIn(staff, email, password);
    await staff.getByTestId('nav-orders').click();
    await staff.locator('[data-testid^="orders-row-"]').first().waitFor();
    await staff.getByTestId('nav-settings').click();
    // The staff variant of the page says what only the owner can do, in place of the export.
    await waitForText(staff.locator('main'), await t.text('settings.owner_only'), 'the owner-only notice for staff');
    check(!(await staff.getByTestId('export-json').count()), 'a staff user is offered the data export');
    await staff.getByTestId('nav-shops').click();
    // Every shop card is rendered with its actions: the sync button is there, the disconnect is not.
    await staff.getByTestId(`shop-row-${t.demo.shops.mx.id}`).waitFor();
    await waitForText(staff.getByTestId(`shop-row-${t.demo.shops.mx.id}`), await t.text('shops.sync_now'), 'the sync button for staff');
    check(!(await staff.locator('[data-testid^="disconnect-"]').count()), 'a staff user is offered to disconnect a shop');

    const session = await staffContext.request.get(`${t.baseURL}/api/v1/session`);
    const csrf = (await session.json()).csrf_token;
    const headers = { Origin: t.baseURL, 'X-CSRF-Token': csrf };
    const exported = await staffContext.request.post(`${t.baseURL}/api/v1/exports`, { headers, data: { format: 'json' } });
    check(exported.status() === 403, `a staff user's POST /api/v1/exports answered ${exported.status()}`);
    const disconnect = await staffContext.request.post(`${t.baseURL}/api/v1/shops/${t.demo.shops.mx.id}/disconnect`,
      { headers, data: { confirm: t.demo.shops.mx.name } });
    check(disconnect.status() === 403, `a staff user's disconnect answered ${disconnect.status()}`);
  } finally {
    await staffContext.close();
  }
}

await runIfMain(import.meta, flow);
