// Renders media/sugar.svg (the activity-bar glyph) into media/icon.png, the 128x128 marketplace
// icon: the glyph in white on a rounded red square. Uses Debian's chromium through playwright-core.
// Run: node scripts/render-icon.js   (needs /usr/bin/chromium, see scripts/install-host.sh)
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

async function main() {
  const root = path.join(__dirname, '..');
  const svg = fs.readFileSync(path.join(root, 'media', 'sugar.svg'), 'utf8').replace(/currentColor/g, '#ffffff');
  const out = path.join(root, 'media', 'icon.png');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-icon-'));
  const browser = await chromium.launch({
    executablePath: process.env.SUGAR_HOST_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
  });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">
      <div style="width:128px;height:128px;border-radius:24px;background:linear-gradient(135deg,#e8483f,#b3241c);display:flex;align-items:center;justify-content:center">
        <div style="width:100px;height:100px">${svg.replace('width="24" height="24"', 'width="100" height="100"')}</div>
      </div></body></html>`);
    await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  } finally {
    await browser.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
  console.log(`${path.relative(root, out)}: 128x128, ${fs.statSync(out).size} bytes`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
