// Language: switching to Spanish and to Portuguese changes the navigation's text to that catalog's, sets
// the document language, and is remembered for the account; English comes back the same way.
import { check, runIfMain, waitForText } from '../harness.mjs';

export default async function flow(t) {
  const { page, api } = t;
  await t.signIn();
  const nav = page.getByTestId('nav-orders');
  await waitForText(nav, await t.text('nav.orders', 'en'), 'the English navigation');
  for (const locale of ['es', 'pt', 'en']) {
    const expected = await t.text('nav.products', locale);
    await page.getByTestId('locale-select').selectOption(locale);
    await waitForText(page.getByTestId('nav-products'), expected, `the ${locale} navigation`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    check(lang.split('-')[0] === locale, `<html lang> is "${lang}" after choosing ${locale}`);
    if (locale !== 'en') await t.screenshot(`dashboard-${locale}`);
    const session = await api.get('/session');
    check(session.user.locale === locale, `the account's locale is ${session.user.locale} after choosing ${locale}`);
    if (locale === 'pt') {
      await page.reload();
      await waitForText(page.getByTestId('nav-products'), expected, 'the Portuguese navigation after a reload');
    }
  }
  check(await t.text('nav.products', 'es') !== await t.text('nav.products', 'pt'), 'Spanish and Portuguese read the same');
}

await runIfMain(import.meta, flow);
