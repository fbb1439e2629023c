// Accessibility smoke check of every page: each form control has a label, each image an alt text, each
// button a name, and the page one h1; the orders page fits a 375 px wide phone. Saves a screenshot of
// each page.
import { check, runIfMain } from '../harness.mjs';

// What the page gets wrong, as text; empty when nothing.
function problemsOnPage() {
  const problems = [];
  const name = (el) => (el.getAttribute('aria-label') || '').trim() ||
    (el.getAttribute('aria-labelledby') || '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join('').trim() ||
    [...(el.labels ?? [])].map((l) => l.textContent).join('').trim() || (el.getAttribute('title') || '').trim();
  const describe = (el) => el.outerHTML.slice(0, 120);
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea'))
    if (!name(el)) problems.push(`form control without a label: ${describe(el)}`);
  for (const el of document.querySelectorAll('img'))
    if (!el.hasAttribute('alt')) problems.push(`image without alt: ${describe(el)}`);
  for (const el of document.querySelectorAll('button'))
    if (!el.textContent.trim() && !name(el)) problems.push(`button without a name: ${describe(el)}`);
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`${h1} h1 elements, expected one`);
  if (!document.querySelector('main')) problems.push('no <main> landmark');
  if (!document.documentElement.lang) problems.push('no lang on <html>');
  return problems;
}

// Waits until the page has loaded its data: no request running and no spinner shown.
async function settle(page) {
  // A page that polls (job progress, health) never goes idle: then the spinner check below decides.
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
  await page.locator('.spinner, [aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
  await page.locator('h1').first().waitFor();
}

export default async function flow(t) {
  const { page, api } = t;
  const failures = [];
  const visit = async (path, shot) => {
    await page.goto(path);
    await settle(page);
    for (const p of await page.evaluate(problemsOnPage)) failures.push(`${path}: ${p}`);
    await t.screenshot(`page-${shot}`);
  };
  await visit('/signin', 'signin');
  await t.signIn();
  const pages = [['/dashboard', 'dashboard'], ['/orders', 'orders'], ['/packages', 'packages'], ['/products', 'products'],
    ['/shops', 'shops'], ['/settings', 'settings'], ['/api-log', 'api-log'], ['/privacy', 'privacy'],
    ['/terms', 'terms'], ['/review-guide', 'review-guide']];
  // The detail pages of the first order and product.
  for (const [list, key, shot] of [['/orders?page_size=1', 'orders', 'order-detail'], ['/products?page_size=1', 'products', 'product-detail']]) {
    const r = await api.call('GET', list);
    const first = r.status === 200 ? r.body[key][0] : null;
    if (first) pages.push([`/${key}/${first.shop_id}/${first.id}`, shot]);
    else failures.push(`GET /api/v1${list} answered ${r.status} with no ${key}: its detail page is not checked`);
  }
  for (const [path, shot] of pages) await visit(path, shot);

  // A phone: nothing wider than the screen, and the navigation behind a menu button.
  await page.setViewportSize({ width: 375, height: 800 });
  await visit('/orders', 'orders-375');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) failures.push(`/orders at 375 px: the page is ${overflow} px wider than the screen`);
  if (await page.getByTestId('nav-orders').isVisible())
    failures.push('/orders at 375 px: the navigation is not collapsed behind a menu button');
  check(failures.length === 0, `accessibility problems:\n    ${failures.join('\n    ')}`);
  t.log(`${pages.length + 2} pages checked`);
}

await runIfMain(import.meta, flow);
