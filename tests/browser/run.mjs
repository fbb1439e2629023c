// Runs the browser flows in order on one kingkung-web and one headless Chromium (ctest's browser.flows).
// `node tests/browser/run.mjs [flow ...]` runs only the named flows. Prints one PASS or FAIL line per flow
// and ends with "N passed, N failed"; exits non-zero when any flow failed.
import { runFlows } from './harness.mjs';

// The order matters only for flows that change data: each changes data no later flow relies on (the
// language switch comes last since the locale is saved to the account).
const order = [
  'sign_in', 'keyboard_sign_in', 'keyboard_tabs', 'review_guide', 'filter_orders', 'open_order', 'edit_product',
  'split_mx_order', 'upload_br_invoice', 'bulk_packing_slips', 'combine_packages', 'connect_shop',
  'export_data', 'staff_user', 'api_log', 'accessibility', 'disconnect_shop', 'switch_language',
];
// Runnable by name but not in the default run (none at the moment).
const pending = [];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !order.includes(name) && !pending.includes(name));
if (unknown.length) {
  console.error(`unknown flow(s): ${unknown.join(', ')}; the flows are: ${order.concat(pending).join(', ')}`);
  process.exit(2);
}
const flows = [];
for (const name of wanted.length ? wanted : order)
  flows.push({ name, flow: (await import(`./flows/${name}.mjs`)).default });
process.exitCode = (await runFlows(flows)) ? 1 : 0;
