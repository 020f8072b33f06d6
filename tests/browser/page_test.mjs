// The agents' page in a real browser: a Russian draft that calls Саша
// «Александр» is underlined as it is typed, the underline moves with its word
// when the agent types before it, the message is shown, the one-click fix
// puts «Саша» back, and the chat preview shows where the phone
// screen ends. Any JavaScript error, failed request or Content-Security-Policy
// violation fails the test. Screenshots go to the artefact folder.
//   usage: node page_test.mjs REPLYLINT_BINARY ARTEFACT_DIR
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const [bin, artefacts] = process.argv.slice(2);
const failures = [];
const check = (ok, what) => { if (!ok) { failures.push(what); console.error('FAIL:', what); } };

const server = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--quiet'], {stdio: ['ignore', 'ignore', 'pipe']});
let banner = '';
server.stderr.setEncoding('utf8');
while (!/listening on http:\/\/127\.0\.0\.1:\d+/.test(banner)) {
  const [chunk] = await Promise.race([once(server.stderr, 'data'), once(server, 'exit').then(() => {
    throw new Error('serve exited: ' + banner);
  })]);
  banner += chunk;
}
const port = Number(banner.match(/127\.0\.0\.1:(\d+)/)[1]);
const base = `http://127.0.0.1:${port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--lang=ru-RU'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({width: 1400, height: 900});
  const errors = [];
  page.on('pageerror', e => errors.push('page error: ' + e.message));
  page.on('console', m => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  page.on('requestfailed', r => errors.push('request failed: ' + r.url()));
  page.on('response', r => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });

  // An agent whose browser is set to Russian.
  await page.evaluateOnNewDocument(() => Object.defineProperty(navigator, 'language', {get: () => 'ru-RU'}));
  const response = await page.goto(base + '/', {waitUntil: 'networkidle0'});
  check(response.status() === 200, 'the page loads');
  check((response.headers()['content-security-policy'] || '').includes("default-src 'none'"), 'the page has a CSP');
  check(await page.$eval('html', e => e.lang) === 'ru', 'a Russian browser gets the Russian interface');

  // Keyboard only: Tab reaches the customer's name field, typing fills it.
  await page.focus('#customer-name');
  await page.keyboard.type('Саша');
  await page.focus('#customer-text');
  await page.keyboard.type('Здравствуйте! Меня зовут Саша. Когда придёт мой заказ?');
  // The agent pauses after the greeting: that part is checked on its own,
  // then the whole draft. The backdrop says when its underlines are the
  // answer to the text as it stands.
  const answered = () => document.querySelector('#backdrop').dataset.answered === 'true' &&
      document.querySelector('#backdrop').textContent === document.querySelector('#draft').value + '\n';
  await page.focus('#draft');
  await page.keyboard.type('Добрый день, Алекс');
  await page.waitForFunction(answered, {timeout: 15000});
  await page.keyboard.type('андр!\n\nВаш заказ придёт завтра до 18:00.\n\nС уважением,\nИрина Петрова');
  await page.waitForFunction(answered, {timeout: 15000});
  const marked = await page.$$eval('#backdrop mark', ms => ms.map(m => m.textContent));
  check(marked.includes('Александр'), 'the wrong name is underlined: ' + JSON.stringify(marked));
  const items = await page.$$eval('#findings li', lis => lis.map(li => li.textContent));
  check(items.some(t => t.includes('name-form') && t.includes('Саша')), 'the finding and its message are listed');
  check(/\d+\/100/.test(await page.$eval('#score', e => e.textContent)), 'the score is shown');

  // Typing before an underline moves it with its word at once, before any
  // answer: the backdrop holds the draft as typed and the mark its word.
  await page.keyboard.down('Control');
  await page.keyboard.press('Home');
  await page.keyboard.up('Control');
  await page.keyboard.type('Ой. ');
  const moved = await page.$eval('#backdrop', (b, draft) => ({
    aligned: b.textContent === draft.value + '\n',
    marked: [...b.querySelectorAll('mark')].map(m => m.textContent),
  }), await page.$('#draft'));
  check(moved.aligned && moved.marked.includes('Александр'),
        'the underline follows the typing: ' + JSON.stringify(moved));
  for (let k = 0; k < 'Ой. '.length; k++) await page.keyboard.press('Backspace');
  await page.waitForFunction(answered, {timeout: 15000});
  await page.screenshot({path: path.join(artefacts, 'serve-page-finding.png'), fullPage: true});

  // The fix, by keyboard: focus the button and press Enter.
  const fixButton = await page.$('#findings li .fix');
  check(fixButton !== null, 'a one-click fix is offered');
  if (fixButton) {
    await fixButton.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#draft').value.startsWith('Добрый день, Саша!'),
                               {timeout: 15000});
    await page.waitForFunction(() => ![...document.querySelectorAll('#findings li')]
        .some(li => li.textContent.includes('name-form')), {timeout: 15000});
  }
  const draft = await page.$eval('#draft', e => e.value);
  check(draft.startsWith('Добрый день, Саша!'), 'the fix is applied: ' + draft.split('\n')[0]);
  check((await page.$$('#backdrop mark')).length === 0, 'nothing is underlined after the fix');

  // Chat: the phone preview and its fold line.
  await page.select('#channel', 'chat');
  await page.waitForFunction(() => !document.querySelector('#phone-section').hidden, {timeout: 5000});
  const fold = await page.$eval('#fold', e => parseFloat(e.style.top));
  check(fold > 100, 'the fold is drawn where the phone screen ends: ' + fold);
  // The interface switches to English.
  await page.click('#ui-en');
  check(await page.$eval('#reply-title', e => e.textContent) === 'Your reply', 'the interface switches to English');
  await page.screenshot({path: path.join(artefacts, 'serve-page-fixed.png'), fullPage: true});

  check(errors.length === 0, 'no JavaScript or network errors: ' + errors.join('; '));
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
if (failures.length) {
  console.error(`${failures.length} failure(s)`);
  process.exit(1);
}
console.log('browser: all checks passed; screenshots in ' + artefacts);
