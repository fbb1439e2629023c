// Bulk work: orders selected on the orders page get their packing slips in one job; the progress panel
// follows the job to its end and the merged file downloads.
import { readFile } from 'node:fs/promises';
import { check, runIfMain, waitForText } from '../harness.mjs';

export default async function flow(t) {
  const { page, api } = t;
  const shop = t.demo.shops.us;
  await t.signIn();
  const { orders } = await api.get(`/orders?shop_id=${shop.id}&status=AWAITING_SHIPMENT&page_size=3`);
  check(orders.length >= 2, `${shop.name} has ${orders.length} orders awaiting shipment, the flow needs two`);
  const chosen = orders.slice(0, 2);

  await page.goto(`/orders?shop_id=${shop.id}&status=AWAITING_SHIPMENT`);
  for (const o of chosen) await page.getByTestId(`order-select-${o.id}`).check();
  const [started] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/jobs') && r.request().method() === 'POST'),
    page.getByTestId('bulk-packing-slips').click(),
  ]);
  check(started.status() === 202, `POST /api/v1/jobs answered ${started.status()}: ${await started.text()}`);
  const { job } = await started.json();
  check(job.total === chosen.length, `the job covers ${job.total} orders, ${chosen.length} were selected`);

  const progress = page.getByTestId('job-progress');
  await progress.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="job-progress"]')?.dataset.state !== 'running',
    null, { timeout: 30000 });
  const finished = await api.get(`/jobs/${job.id}`);
  check(finished.job.state === 'done' && finished.job.failed === 0,
    `the job ended ${finished.job.state} with ${finished.job.failed} failure(s): ${JSON.stringify(finished.job.errors)}`);
  await waitForText(progress, String(chosen.length), 'the count of done orders in the progress panel');
  await t.screenshot('orders-job');

  const [download] = await Promise.all([page.waitForEvent('download'), progress.getByRole('button').first().click()]);
  const file = await readFile(await download.path());
  check(file.length > 0, `the merged packing slips "${download.suggestedFilename()}" are empty`);
  if (/\.pdf$/i.test(download.suggestedFilename()))
    check(file.subarray(0, 5).toString() === '%PDF-', `${download.suggestedFilename()} is not a PDF`);
  t.log(`job ${job.id}: ${download.suggestedFilename()}, ${file.length} bytes, starts "${file.subarray(0, 5).toString()}"`);
}

await runIfMain(import.meta, flow);
