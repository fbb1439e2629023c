// Keyboard: the sign-in form works with Tab and Enter alone: Tab moves from the email to the password
// and on to the sign-in button, and Enter on it signs in.
import { check, demo, runIfMain } from '../harness.mjs';

const focusedTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

export default async function flow(t) {
  const { page } = t;
  await page.goto('/signin');
  await page.getByTestId('signin-email').waitFor();
  await page.getByTestId('signin-email').focus();
  await page.keyboard.type(demo.email);
  await page.keyboard.press('Tab');
  check(await focusedTestId(page) === 'signin-password',
    `Tab from the email field should reach the password field, reached "${await focusedTestId(page)}"`);
  await page.keyboard.type(demo.password);
  // A show-password toggle may sit between the field and the button: at most two stops on the way.
  for (let i = 0; i < 3 && (await focusedTestId(page)) !== 'signin-submit'; ++i) await page.keyboard.press('Tab');
  check(await focusedTestId(page) === 'signin-submit',
    `Tab from the password field should reach the sign-in button, reached "${await focusedTestId(page)}"`);
  const visibleFocus = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== 'none' || s.boxShadow !== 'none';
  });
  check(visibleFocus, 'the focused sign-in button shows no focus outline');
  await page.keyboard.press('Enter');
  await page.getByTestId('nav-orders').waitFor();
  check((await t.api.call('GET', '/session')).status === 200, 'Enter on the sign-in button should have signed in');

}

await runIfMain(import.meta, flow);
