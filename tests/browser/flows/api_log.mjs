// API log: the reviewer's view of the calls made to TikTok Shop lists them with the official path, status
// and request id, as the API does, and shows no secret: neither the app secret nor the session.
import { appSecret, check, runIfMain } from '../harness.mjs';

export default async function flow(t) {
  const { page, api } = t;
  await t.signIn();
  const { calls } = await api.get('/api-log?page_size=20');
  check(calls.length > 0, 'the API log is empty after the demo shops synced');
  await page.getByTestId('nav-api-log').click();
  await page.getByTestId('api-log-table').waitFor();
  await page.getByTestId('api-log-row').first().waitFor();
  const text = await page.getByTestId('api-log-table').textContent();
  const shown = calls.filter((c) => text.includes(c.request_id) && text.includes(c.path));
  check(shown.length > 0, `none of the API's ${calls.length} latest calls (request id and path) is on the page`);

  const cookies = (await t.context.cookies()).map((c) => c.value).filter((v) => v.length >= 16);
  const pageText = await page.locator('body').textContent();
  const apiAnswer = JSON.stringify(calls);
  for (const [what, secret] of [['the app secret', appSecret], ...cookies.map((c) => ['the session cookie', c])]) {
    check(!pageText.includes(secret), `the API log page shows ${what}`);
    check(!apiAnswer.includes(secret), `GET /api/v1/api-log carries ${what}`);
  }
  t.log(`${await page.getByTestId('api-log-row').count()} rows on the page, ${shown.length} of the API's latest 20 matched`);
}

await runIfMain(import.meta, flow);
