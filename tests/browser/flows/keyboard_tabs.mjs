// Keyboard: the orders page's status tabs follow the arrow keys: each press selects the next tab, and the
// focus stays on the selected tab so the next press goes on from there.
import { check, FlowFailure, runIfMain } from '../harness.mjs';

const focusedTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

export default async function flow(t) {
  const { page } = t;
  await t.signIn();
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('status-tab-all').focus();
  const tabs = await page.locator('[role=tab]').evaluateAll((all) => all.map((e) => e.getAttribute('data-testid')));
  check(tabs.length > 2, `the orders page has ${tabs.length} status tabs`);
  for (const next of tabs.slice(1, 3)) {
    await page.keyboard.press('ArrowRight');
    const status = next.slice('status-tab-'.length);
    await page.waitForURL((url) => url.searchParams.get('status') === status);
    await page.getByTestId(next).and(page.locator('[aria-selected=true]')).waitFor();
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, next, { timeout: 3000 })
      .catch(async () => {
        throw new FlowFailure(`after ArrowRight the focus is on "${await focusedTestId(page)}", not on the selected tab ${next}`);
      });
  }
}

await runIfMain(import.meta, flow);
