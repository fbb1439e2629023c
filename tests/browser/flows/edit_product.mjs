// Products: search finds a product, its title is edited and saved to the platform (the page and the API
// show the new title after a reload), and a title the platform refuses shows the error next to the field
// without changing the product; the same for a SKU's price and stock.
import { check, runIfMain, toastAfter, waitForText } from '../harness.mjs';

export default async function flow(t) {
  const { page, api } = t;
  await t.signIn();
  const shop = t.demo.shops.mx;
  const { products } = await api.get(`/products?shop_id=${shop.id}`);
  check(products.length > 0, `no products in ${shop.name}`);
  const product = products[0];
  // A distinctive word of the title finds it.
  const word = product.title.split(/\s+/).filter((w) => w.length > 3).sort((a, b) => b.length - a.length)[0] ?? product.title;

  await page.getByTestId('nav-products').click();
  await page.getByTestId('products-search').fill(word);
  await page.getByTestId('products-search').press('Enter');
  await page.getByTestId(`product-row-${product.id}`).waitFor();
  const rows = await page.locator('[data-testid^="product-row-"]').count();
  const found = await api.get(`/products?q=${encodeURIComponent(word)}`);
  check(rows === found.products.length, `the search for "${word}" shows ${rows} rows, the API finds ${found.products.length}`);
  await t.screenshot('products');

  await page.getByTestId(`product-row-${product.id}`).click();
  await page.getByTestId('product-title').waitFor();
  check(await page.getByTestId('product-title').inputValue() === product.title, 'the title field does not hold the title');
  await page.locator('[data-testid^="sku-save-"]').first().waitFor();
  await t.screenshot('product-detail');

  const newTitle = `${product.title.slice(0, 200)} (edited in the browser test)`;
  await page.getByTestId('product-title').fill(newTitle);
  await toastAfter(page, () => page.getByTestId('product-save').click(), 'saving the title');
  check(!(await page.getByTestId('field-error-title').textContent()).trim(), 'a valid title shows a field error');
  const saved = await api.get(`/products/${shop.id}/${product.id}`);
  check(saved.product.title === newTitle, `the API has the title "${saved.product.title}", expected "${newTitle}"`);
  await page.reload();
  await page.getByTestId('product-title').waitFor();
  check(await page.getByTestId('product-title').inputValue() === newTitle, 'the new title is gone after a reload');

  // 301 characters: over the platform's title limit in every region.
  await page.getByTestId('product-title').fill('x'.repeat(301));
  await page.getByTestId('product-save').click();
  const error = await waitForText(page.getByTestId('field-error-title'), /\S/, 'the title field error');
  t.log(`the platform's refusal of a 301-character title: "${error.trim()}"`);
  const after = await api.get(`/products/${shop.id}/${product.id}`);
  check(after.product.title === newTitle, 'a refused title changed the product');

  // A SKU's price and its stock in one warehouse, saved together; a zero price is refused at the field.
  // The platform takes stock only for live products, and the edited one is in review now: another one.
  const live = products.find((p) => p.id !== product.id && p.status === 'ACTIVATE' && p.skus[0]?.inventory.length);
  check(live, `no other live product with stock in ${shop.name}`);
  await page.goto(`/products/${shop.id}/${live.id}`);
  const sku = live.skus[0];
  await page.getByTestId(`sku-save-${sku.id}`).waitFor();
  const stock = sku.inventory[0];
  const newPrice = addOneUnit(sku.price);
  const newQuantity = stock.quantity + 7;
  await page.getByTestId(`sku-price-${sku.id}`).fill(newPrice);
  await page.getByTestId(`sku-inventory-${sku.id}-${stock.warehouse_id}`).fill(String(newQuantity));
  await toastAfter(page, () => page.getByTestId(`sku-save-${sku.id}`).click(), 'saving the price and stock');
  const priced = (await api.get(`/products/${shop.id}/${live.id}`)).product.skus.find((x) => x.id === sku.id);
  check(priced.price === newPrice, `the API has the price ${priced.price}, expected ${newPrice}`);
  const level = priced.inventory.find((w) => w.warehouse_id === stock.warehouse_id);
  check(level?.quantity === newQuantity, `the API has ${level?.quantity} in stock, expected ${newQuantity}`);

  await page.getByTestId(`sku-price-${sku.id}`).fill('0');
  await page.getByTestId(`sku-save-${sku.id}`).click();
  const priceError = await waitForText(page.getByTestId('field-error-price'), /\S/, 'the price field error');
  t.log(`a zero price: "${priceError.trim()}"`);
  const unchanged = (await api.get(`/products/${shop.id}/${live.id}`)).product.skus.find((x) => x.id === sku.id);
  check(unchanged.price === newPrice, `a refused price changed the SKU to ${unchanged.price}`);
}

// "199.90" -> "200.90": decimal text, never floating point.
function addOneUnit(price) {
  const [units, fraction = ''] = price.split('.');
  return `${BigInt(units) + 1n}${fraction ? `.${fraction}` : ''}`;
}

await runIfMain(import.meta, flow);
