// Reviewer pages: the review guide, privacy and terms are reachable from the sign-in page without an
// account, and the guide gives the demo sign-in.
import { check, demo, runIfMain, waitForText } from '../harness.mjs';

export default async function flow(t) {
  const { page } = t;
  for (const [link, path] of [['link-privacy', '/privacy'], ['link-terms', '/terms'], ['link-review-guide', '/review-guide']]) {
    await page.goto('/signin');
    await page.getByTestId(link).click();
    await page.waitForURL((url) => url.pathname === path);
    await waitForText(page.locator('h1'), /\S/, `the heading of ${path}`);
    check(!(await page.getByTestId('signin-email').count()), `${path} sent a signed-out visitor to the sign-in form`);
  }
  await waitForText(page.getByTestId('demo-credentials'), demo.email, 'the demo email in the review guide');
  await waitForText(page.getByTestId('demo-credentials'), demo.password, 'the demo password in the review guide');
  await t.screenshot('review-guide');
}

await runIfMain(import.meta, flow);
