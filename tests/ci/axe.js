// axe-core over pages in headless Chromium (puppeteer-core drives the
// system's Chromium: no browser is downloaded). Prints each violation and
// exits 1 when there is any. Usage: NPM_DIR=… node axe.js PAGE.html…
const path = require('path');
const puppeteer = require(path.join(process.env.NPM_DIR, 'node_modules/puppeteer-core'));
const axeSource = path.join(process.env.NPM_DIR, 'node_modules/axe-core/axe.min.js');

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  let violations = 0;
  const pages = process.argv.slice(2);
  for (const file of pages) {
    const page = await browser.newPage();
    await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
    await page.addScriptTag({ path: axeSource });
    // Every rule axe runs by default (WCAG 2.x A and AA, best practices).
    const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
    for (const v of result.violations) {
      violations += 1;
      console.log(`${file}: ${v.id} (${v.impact}): ${v.help}`);
      for (const node of v.nodes.slice(0, 3)) {
        console.log(`    ${node.target.join(' ')}: ${node.failureSummary.replace(/\n/g, ' ')}`);
      }
    }
    await page.close();
  }
  await browser.close();
  console.log(`axe-core: ${pages.length} pages, ${violations} violations`);
  process.exit(violations ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
