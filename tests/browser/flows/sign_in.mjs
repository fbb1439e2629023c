// Sign in: a wrong password shows the error on the form and keeps the seller out; the demo account lands
// on the dashboard with its charts and each shop's health; signing out leads back to the form.
import { check, demo, runIfMain, waitForText } from '../harness.mjs';

export default async function flow(t) {
  const { page } = t;
  await page.goto('/orders');
  await page.waitForURL(/\/signin/);
  await page.getByTestId('signin-email').waitFor();
  await t.screenshot('signin');

  await page.getByTestId('signin-email').fill(demo.email);
  await page.getByTestId('signin-password').fill('not-the-password');
  await page.getByTestId('signin-submit').click();
  await waitForText(page.getByTestId('signin-error'), /\S/, 'the sign-in error');
  check((await t.api.call('GET', '/session')).status === 401, 'a wrong password must not open a session');

  await page.getByTestId('signin-password').fill(demo.password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('nav-orders').waitFor();
  // The sign-in came from /orders: the seller is taken back there.
  await page.waitForURL(/\/orders/);
  const session = await t.api.get('/session');
  check(session.user.email === demo.email, `GET /session names ${session.user.email}, expected ${demo.email}`);

  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('chart-orders').waitFor();
  await page.getByTestId('chart-revenue').waitFor();
  for (const shop of Object.values(demo.shops)) await page.getByTestId(`shop-health-${shop.id}`).waitFor();
  await t.screenshot('dashboard');

  await page.getByTestId('signout').click();
  await page.getByTestId('signin-email').waitFor();
  check((await t.api.call('GET', '/session')).status === 401, 'the session must be closed after signing out');
}

await runIfMain(import.meta, flow);
