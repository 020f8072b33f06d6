// The HTML audit report in a real browser: a history written by `audit
// --db` is reported with trends by week (`report --period week`), and the
// page shows what a QA lead opens it for — the inputs and the dates covered,
// the trend charts of everyone, each team and each agent with enough replies
// (an agent with one reply is in no chart and no goal row), and a drill-down
// per agent that opens on a click to their replies with the findings marked.
// Any JavaScript error or Content-Security-Policy violation fails the test.
//   usage: node report_test.mjs REPLYLINT_BINARY ARTEFACT_DIR FIXTURE
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const [bin, artefacts, fixture] = process.argv.slice(2);
const failures = [];
const check = (ok, what) => { if (!ok) { failures.push(what); console.error('FAIL:', what); } };

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'replylint-report-'));
const db = path.join(work, 'qa.sqlite');
const html = path.join(work, 'report.html');
const run = args => {
  try {
    execFileSync(bin, args, {stdio: ['ignore', 'ignore', 'pipe']});
  } catch (e) {
    if (e.status !== 1) throw e;  // 1: replies with findings, as expected
  }
};
run(['audit', fixture, '--db', db, '--format', 'jsonl', '-o', path.join(work, 'out.jsonl')]);
run(['report', db, '--format', 'html', '--period', 'week', '--min-replies', '3', '--goal', 'score=90', '-o', html]);

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({width: 1400, height: 900});
  const errors = [];
  page.on('pageerror', e => errors.push('page error: ' + e.message));
  page.on('console', m => errors.push('console: ' + m.text()));
  await page.goto('file://' + html, {waitUntil: 'load'});
  check(await page.$eval('html', e => e.getAttribute('data-js')) === 'ok', "the page's script ran");

  check((await page.$eval('#inputs', e => e.textContent)).includes('trends.jsonl'), 'the header names what the audit read');
  const period = await page.$eval('#period', e => e.textContent);
  check(period.includes('2026-12-28') && period.includes('2027-01-13') && period.includes('week'),
        'the header gives the dates covered and the period: ' + period);

  const series = await page.$$eval('#trends svg.trend g.series', gs => gs.map(g => g.getAttribute('data-series')));
  for (const name of ['all', 'team Desk-A', 'team Desk-B', 'nora', 'oleg', 'rita'])
    check(series.includes(name), `the trends draw ${name}: ${JSON.stringify(series)}`);
  check(!series.includes('pia'), 'an agent with one reply draws no trend');
  const weeks = await page.$$eval('#trends svg.trend text', ts => ts.map(t => t.textContent));
  check(weeks.includes('2026-W53') && weeks.includes('2027-W02'), 'the axis names ISO weeks: ' + weeks.join(' '));
  const points = await page.$$eval('#trends g.series[data-series="all"] circle', cs => cs.length);
  check(points === 3, 'everyone has one point a week: ' + points);

  const charted = await page.$$eval('#agents svg text', ts => ts.map(t => t.textContent));
  check(charted.includes('nora') && !charted.includes('pia'), 'the agents chart leaves out the one-reply agent');
  const tabled = await page.$$eval('#agents table td', ts => ts.map(t => t.textContent));
  check(tabled.includes('pia'), 'the agents table still lists the one-reply agent');
  const goals = await page.$eval('#goal', e => e.textContent);
  check(goals.includes('agent nora') && !goals.includes('agent pia'), 'the goal table leaves out the one-reply agent');

  // The drill-down: closed, opened by a click, the finding marked in the text.
  const nora = 'details.agent[data-agent="nora"]';
  check(await page.$eval(nora, d => !d.open), "an agent's replies start closed");
  check(await page.$eval(nora, d => !d.querySelector('mark').checkVisibility()), 'a closed drill-down shows nothing');
  await page.click(nora + ' summary');
  check(await page.$eval(nora, d => d.open), 'a click opens the drill-down');
  const marks = await page.$$eval(nora + ' mark', ms => ms.map(m => ({text: m.textContent, title: m.title,
                                                                      seen: m.checkVisibility()})));
  check(marks.some(m => m.text === '{{first_name}}' && m.title.includes('placeholder') && m.seen),
        'the opened drill-down shows the placeholder marked: ' + JSON.stringify(marks.slice(0, 3)));
  await page.screenshot({path: path.join(artefacts, 'report-page.png'), fullPage: true});
  check(errors.length === 0, 'no JavaScript errors: ' + errors.join('; '));
} finally {
  await browser.close();
  fs.rmSync(work, {recursive: true, force: true});
}
if (failures.length) {
  console.error(`${failures.length} failure(s)`);
  process.exit(1);
}
console.log('report page: all checks passed; screenshot in ' + artefacts);
