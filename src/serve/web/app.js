// The agents' page of `replylint serve`: checks the draft as it is typed
// (POST /api/v1/check, debounced), underlines the findings in the draft,
// lists them with their one-click fixes, and shows a chat message on a phone
// screen. No external resources; everything is built with DOM calls (never
// innerHTML), so nothing a customer or the server wrote can run as markup.
'use strict';

const TEXT = {
  en: {
    tagline: 'Check a reply before you send it.',
    context: 'The customer', customerName: "Customer's name, as they gave it", channel: 'Channel',
    email: 'Email', chat: 'Chat', social: 'Social', phone: 'Phone', customerText: 'Their message',
    reply: 'Your reply', fixAll: 'Apply all safe fixes', findings: 'Findings',
    token: 'This server needs a token', tokenSave: 'Use token',
    phoneTitle: 'On a phone screen', fold: 'screen ends here',
    none: 'Nothing to fix.', checking: 'Checking…', offline: 'The server cannot be reached.',
    fix: 'Fix: ', notAnalysed: 'Not checked: the reply is neither Russian nor English.',
    score: (s, n) => `${s}/100`, count: n => (n === 1 ? '1 finding' : `${n} findings`),
    suppressed: n => `, ${n} accepted by directives`,
  },
  ru: {
    tagline: 'Проверьте ответ до отправки.',
    context: 'Клиент', customerName: 'Имя клиента, как он его написал', channel: 'Канал',
    email: 'Почта', chat: 'Чат', social: 'Соцсети', phone: 'Телефон', customerText: 'Сообщение клиента',
    reply: 'Ваш ответ', fixAll: 'Применить все безопасные исправления', findings: 'Замечания',
    token: 'Серверу нужен токен', tokenSave: 'Использовать токен',
    phoneTitle: 'На экране телефона', fold: 'здесь кончается экран',
    none: 'Замечаний нет.', checking: 'Проверяю…', offline: 'Сервер недоступен.',
    fix: 'Исправить: ', notAnalysed: 'Не проверено: ответ не на русском и не на английском.',
    score: (s, n) => `${s}/100`,
    count: n => {
      const d = n % 10, h = n % 100;
      const w = d === 1 && h !== 11 ? 'замечание' : d >= 2 && d <= 4 && (h < 12 || h > 14) ? 'замечания' : 'замечаний';
      return `${n} ${w}`;
    },
    suppressed: n => `, скрыто директивами: ${n}`,
  },
};

const $ = id => document.getElementById(id);
let ui = (navigator.language || 'en').toLowerCase().startsWith('ru') ? 'ru' : 'en';
let timer = null;
let sequence = 0;
let current = null; // {draft, data}: the last answer and the draft it is for
// The underlines drawn: {text, spans: [{offset, length, i, severity, message}],
// answered}. Typing moves them with the text until the next answer comes.
let shown = {text: '', spans: [], answered: true};
let phone = {columns: 38, maxLines: 14};

function t(key) { return TEXT[ui][key]; }

function applyLanguage() {
  document.documentElement.lang = ui;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('ui-en').setAttribute('aria-pressed', String(ui === 'en'));
  $('ui-ru').setAttribute('aria-pressed', String(ui === 'ru'));
  if (current) render(current.draft, current.data);
}

function setStatus(text, isError) {
  $('status').textContent = text;
  $('status').classList.toggle('error', Boolean(isError));
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(check, 250);
  renderPhone();
}

async function check() {
  const draft = $('draft').value;
  const mine = ++sequence;
  if (!draft.trim()) {
    current = null;
    render(draft, null);
    return;
  }
  const body = {
    draft,
    channel: $('channel').value,
    lang: 'auto',
    customer: {name: $('customer-name').value, text: $('customer-text').value},
  };
  const headers = {'Content-Type': 'application/json'};
  const token = sessionStorage.getItem('replylint-token');
  if (token) headers.Authorization = 'Bearer ' + token;
  setStatus(t('checking'));
  let response;
  let data;
  try {
    response = await fetch('/api/v1/check', {method: 'POST', headers, body: JSON.stringify(body)});
    data = await response.json();
  } catch (e) {
    if (mine === sequence) setStatus(t('offline'), true);
    return;
  }
  if (mine !== sequence) return; // a newer check is on its way
  if (response.status === 401) {
    $('token-box').hidden = false;
    setStatus(data.error.message, true);
    return;
  }
  if (!response.ok) {
    setStatus(data.error ? data.error.message : String(response.status), true);
    return;
  }
  $('token-box').hidden = true;
  current = {draft, data};
  render(draft, data);
}

// The findings that can be underlined, in order, without overlaps.
function marks(data) {
  const out = [];
  let end = 0;
  const sorted = data.findings.map((f, i) => ({f, i})).filter(x => x.f.utf16 && x.f.utf16.length > 0)
      .sort((a, b) => a.f.utf16.offset - b.f.utf16.offset);
  for (const x of sorted) {
    if (x.f.utf16.offset < end) continue;
    out.push(x);
    end = x.f.utf16.offset + x.f.utf16.length;
  }
  return out;
}

function renderBackdrop(draft, data) {
  const spans = data ? marks(data).map(({f, i}) => ({
    offset: f.utf16.offset, length: f.utf16.length, i, severity: f.severity, message: f.message})) : [];
  shown = {text: draft, spans, answered: true};
  if ($('draft').value === draft) drawBackdrop();
  else follow(); // typed while the answer was on its way
}

function drawBackdrop() {
  const backdrop = $('backdrop');
  backdrop.replaceChildren();
  // Whether the underlines are an answer to this very text (tests wait for it).
  backdrop.dataset.answered = String(shown.answered);
  let at = 0;
  for (const span of shown.spans) {
    backdrop.append(shown.text.slice(at, span.offset));
    const mark = document.createElement('mark');
    mark.className = span.severity;
    mark.dataset.finding = String(span.i);
    mark.title = span.message;
    mark.textContent = shown.text.slice(span.offset, span.offset + span.length);
    backdrop.append(mark);
    at = span.offset + span.length;
  }
  backdrop.append(shown.text.slice(at) + '\n');
  backdrop.scrollTop = $('draft').scrollTop;
}

// The draft was edited since the underlines were drawn: the edit is what lies
// between the common beginning and the common end of the two texts.
// Underlines after it move by its length, those it touches go, until the
// answer to the new text comes.
function follow() {
  const before = shown.text;
  const after = $('draft').value;
  const common = Math.min(before.length, after.length);
  let start = 0;
  while (start < common && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < common - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const end = before.length - tail;
  const delta = after.length - before.length;
  shown.spans = shown.spans.filter(s => s.offset + s.length <= start || s.offset >= end)
      .map(s => (s.offset >= end ? {...s, offset: s.offset + delta} : s));
  shown.text = after;
  shown.answered = false;
  drawBackdrop();
}

// Selects the words of finding i in the draft, where they are now.
function select(f, i) {
  const area = $('draft');
  area.focus();
  if (area.value === current.draft) {
    area.setSelectionRange(f.utf16.offset, f.utf16.offset + f.utf16.length);
    return;
  }
  const span = shown.spans.find(s => s.i === i);
  if (span) area.setSelectionRange(span.offset, span.offset + span.length);
}

function applyFix(f) {
  const area = $('draft');
  if (!current || area.value !== current.draft) return; // typed since: the offsets are stale
  const v = area.value;
  area.value = v.slice(0, f.utf16.offset) + f.fix + v.slice(f.utf16.offset + f.utf16.length);
  area.focus();
  const caret = f.utf16.offset + f.fix.length;
  area.setSelectionRange(caret, caret);
  follow();
  check();
}

function render(draft, data) {
  renderBackdrop(draft, data);
  renderPhone();
  const list = $('findings');
  list.replaceChildren();
  $('fix-all').hidden = !(data && data.fixable > 0);
  if (!data) {
    $('score').replaceChildren();
    setStatus('');
    return;
  }
  if (!data.analysed) {
    $('score').replaceChildren();
    setStatus(t('notAnalysed'));
    return;
  }
  const stars = document.createElement('span');
  stars.className = 'stars';
  stars.textContent = '★'.repeat(data.stars) + '☆'.repeat(5 - data.stars);
  stars.setAttribute('aria-label', `${data.stars}/5`);
  $('score').replaceChildren(stars, ' ' + t('score')(data.score));
  setStatus(t('count')(data.findings.length) + (data.suppressed ? t('suppressed')(data.suppressed) : ''));
  if (data.findings.length === 0) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = t('none');
    list.append(li);
    return;
  }
  data.findings.forEach((f, i) => {
    const li = document.createElement('li');
    li.className = f.severity;
    const what = document.createElement('button');
    what.type = 'button';
    what.className = 'what';
    const rule = document.createElement('span');
    rule.className = 'rule';
    rule.textContent = f.rule;
    what.append(rule, f.message);
    if (f.utf16 && f.utf16.length > 0) {
      what.addEventListener('click', () => select(f, i));
      what.addEventListener('mouseenter', () => highlight(i, true));
      what.addEventListener('mouseleave', () => highlight(i, false));
      what.addEventListener('focus', () => highlight(i, true));
      what.addEventListener('blur', () => highlight(i, false));
    }
    li.append(what);
    if (f.suggestion && f.suggestion !== f.fix) {
      const s = document.createElement('span');
      s.className = 'suggestion-text';
      s.textContent = f.suggestion;
      li.append(s);
    }
    if (typeof f.fix === 'string' && f.utf16) {
      const fix = document.createElement('button');
      fix.type = 'button';
      fix.className = 'fix';
      fix.textContent = t('fix') + (f.fix.trim() ? f.fix.trim().split('\n')[0] : '—');
      fix.addEventListener('click', () => applyFix(f));
      li.append(fix);
    }
    list.append(li);
  });
}

function highlight(i, on) {
  const mark = $('backdrop').querySelector(`mark[data-finding="${i}"]`);
  if (mark) mark.classList.toggle('active', on);
}

function renderPhone() {
  const chat = $('channel').value === 'chat';
  $('phone-section').hidden = !chat;
  if (!chat) return;
  const text = $('phone-text');
  text.textContent = $('draft').value;
  text.style.width = phone.columns + 'ch';
  const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 22;
  const fold = $('fold');
  fold.style.top = (text.offsetTop + phone.maxLines * lineHeight) + 'px';
  $('phone').style.minHeight = (text.offsetTop + (phone.maxLines + 2) * lineHeight) + 'px';
}

async function loadPhoneSize() {
  const headers = {};
  const token = sessionStorage.getItem('replylint-token');
  if (token) headers.Authorization = 'Bearer ' + token;
  try {
    const response = await fetch('/api/v1/rules', {headers});
    if (!response.ok) return;
    const data = await response.json();
    const rule = data.rules.find(r => r.id === 'chat-length');
    if (rule) {
      phone = {columns: Number(rule.params.columns) || 38, maxLines: Number(rule.params.max_lines) || 14};
      renderPhone();
    }
  } catch (e) {
    // The page works without it: the defaults are the built-in rule's.
  }
}

document.addEventListener('DOMContentLoaded', () => {
  for (const id of ['draft', 'customer-name', 'customer-text']) $(id).addEventListener('input', schedule);
  $('draft').addEventListener('input', follow);
  $('channel').addEventListener('change', schedule);
  $('draft').addEventListener('scroll', () => { $('backdrop').scrollTop = $('draft').scrollTop; });
  $('fix-all').addEventListener('click', () => {
    if (current && current.data.fixed !== undefined && $('draft').value === current.draft) {
      $('draft').value = current.data.fixed;
      follow();
      check();
    }
  });
  $('ui-en').addEventListener('click', () => { ui = 'en'; applyLanguage(); });
  $('ui-ru').addEventListener('click', () => { ui = 'ru'; applyLanguage(); });
  $('token-save').addEventListener('click', () => {
    sessionStorage.setItem('replylint-token', $('token').value.trim());
    $('token').value = '';
    check();
    loadPhoneSize();
  });
  applyLanguage();
  loadPhoneSize();
});
