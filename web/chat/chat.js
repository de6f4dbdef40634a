// The citizen's web chat: one session per browser (kept in localStorage), messages sent with a
// client-generated id so a retry after a network error is stored once, replies over an event stream.
// The latest bot message may offer quick replies as buttons; the bot's text names them too, so they
// are a shortcut, gone once the citizen answers (by button or by typing).
import { api, listen } from '/shared/api.js';

const STORE = 'suqiu.webchat';
const strings = {
  zh: {
    title: '12345 政务服务便民热线',
    subtitle: '在线反映 · 我们会转交有关部门办理',
    photo: '＋ 添加照片',
    send: '发送',
    placeholder: '请描述您遇到的问题：发生了什么、在哪里……',
    privacy: '请勿在此反映火警、治安、急救、交通事故等紧急情况，请直接拨打 119 / 110 / 120 / 122。',
    greeting: '您好，这里是 12345 政务服务便民热线。请描述您遇到的问题（发生了什么、在哪里），也可以附上照片。',
    sending: '发送中…',
    sent: '已送达',
    failed: '发送失败，点击重试',
    ticket: '工单号',
    tooBig: '照片太大（最大 5 MB）',
    choices: '快捷回复',
  },
  en: {
    title: '12345 Citizen Service Hotline',
    subtitle: 'Online · we pass your request to the responsible department',
    photo: '+ Add photo',
    send: 'Send',
    placeholder: 'Describe the problem: what happened, and where…',
    privacy: 'For fire, crime, medical emergencies or traffic accidents call 119 / 110 / 120 / 122 directly.',
    greeting:
      'Hello, this is the 12345 citizen service hotline. Please describe your problem (what happened, where); you can attach a photo.',
    sending: 'Sending…',
    sent: 'Delivered',
    failed: 'Not sent — tap to retry',
    ticket: 'Ticket',
    tooBig: 'The photo is too large (max 5 MB)',
    choices: 'Quick replies',
  },
};

const $ = (id) => document.getElementById(id);
const log = $('log');
const shown = new Set();
// Bubbles this page drew before the server knew their id, by client message id.
const local = new Map();
let lang = localStorage.getItem('suqiu.lang') ?? (navigator.language?.startsWith('zh') ? 'zh' : 'en');
let photo;
// The bot message whose buttons are on screen, and the bot messages the citizen already answered.
let choicesFor;
const answered = new Set();

function t(key) {
  return strings[lang][key];
}

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  $('text').placeholder = t('placeholder');
  $('lang').textContent = lang === 'zh' ? 'EN' : '中文';
  for (const group of document.querySelectorAll('.choices')) group.setAttribute('aria-label', t('choices'));
}

async function session() {
  const saved = JSON.parse(localStorage.getItem(STORE) ?? 'null');
  const soon = Date.now() + 60 * 60 * 1000;
  if (saved && new Date(saved.expiresAt).getTime() > soon) return saved;
  const renewed = await api('/api/v1/webchat/sessions', {
    method: 'POST',
    body: { locale: lang },
    token: saved && new Date(saved.expiresAt) > new Date() ? saved.token : undefined,
  });
  localStorage.setItem(STORE, JSON.stringify(renewed));
  return renewed;
}

function bubble(kind, text, { id, imageUrl } = {}) {
  const item = document.createElement('li');
  item.className = kind;
  if (id) item.dataset.id = id;
  item.textContent = text ?? '';
  if (imageUrl) {
    const img = document.createElement('img');
    img.src = imageUrl;
    img.alt = '';
    item.append(img);
  }
  log.append(item);
  log.scrollTop = log.scrollHeight;
  return item;
}

function showReply(message) {
  if (shown.has(message.id)) return;
  shown.add(message.id);
  const item = bubble('bot', message.text, { id: message.id });
  item.dataset.testid = 'bot-message';
  const number = message.ticket?.number ?? /\d{8}-\d{6}/.exec(message.text ?? '')?.[0];
  if (number) {
    const badge = document.createElement('span');
    badge.className = 'ticket';
    badge.dataset.testid = 'ticket-number';
    badge.textContent = `${t('ticket')} ${number}`;
    item.append(document.createElement('br'), badge);
  }
}

function offerChoices(message) {
  if (choicesFor === message.id) return;
  clearChoices();
  const item = [...log.querySelectorAll('li.bot')].find((li) => li.dataset.id === message.id);
  if (!item) return;
  const group = document.createElement('div');
  group.className = 'choices';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', t('choices'));
  group.dataset.testid = 'chat-choices';
  for (const choice of message.choices) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'choice';
    button.dataset.testid = 'chat-choice';
    button.textContent = choice.label;
    button.addEventListener('click', () => choose(message.id, choice));
    group.append(button);
  }
  item.append(group);
  choicesFor = message.id;
  log.scrollTop = log.scrollHeight;
}

function clearChoices() {
  for (const group of log.querySelectorAll('.choices')) group.remove();
  choicesFor = undefined;
}

/** The citizen answered the latest question: its buttons go, and stay gone when the history is read again. */
function dismissChoices() {
  if (choicesFor) answered.add(choicesFor);
  clearChoices();
}

function choose(messageId, choice) {
  answered.add(messageId);
  clearChoices();
  const pending = { clientMessageId: crypto.randomUUID(), choice: { value: choice.value, label: choice.label } };
  const item = bubble('me', choice.label);
  local.set(pending.clientMessageId, item);
  // The pressed button is gone: keyboard users continue in the composer.
  $('text').focus();
  void deliver(item, pending);
}

function setState(item, key) {
  let state = item.querySelector('.state');
  if (!state) {
    state = document.createElement('span');
    item.append(state);
  }
  state.className = `state ${key}`;
  state.textContent = t(key);
}

async function deliver(item, pending) {
  setState(item, 'sending');
  try {
    const { token } = await session();
    if (pending.photo && !pending.attachmentId) {
      pending.attachmentId = (await api('/api/v1/webchat/attachments', { method: 'POST', body: pending.photo, token })).id;
    }
    const stored = await api('/api/v1/webchat/messages', {
      method: 'POST',
      token,
      body: {
        clientMessageId: pending.clientMessageId,
        text: pending.text || undefined,
        attachmentIds: pending.attachmentId ? [pending.attachmentId] : undefined,
        choice: pending.choice,
      },
    });
    shown.add(stored.id);
    item.dataset.id = stored.id;
    setState(item, 'sent');
    item.onclick = null;
    pollAfterSend();
  } catch (error) {
    setState(item, 'failed');
    item.querySelector('.state').title = error.message;
    item.onclick = () => deliver(item, pending);
  }
}

async function history() {
  const { token } = await session();
  const { items } = await api('/api/v1/webchat/messages', { token });
  for (const message of items) {
    if (message.direction === 'OUTBOUND') showReply(message);
    else if (!shown.has(message.id)) {
      shown.add(message.id);
      if (local.has(message.clientMessageId)) continue;
      const item = bubble('me', message.text ?? '[照片 · photo]', { id: message.id });
      setState(item, 'sent');
    }
  }
  // Buttons belong to the latest message only, and only while it is unanswered.
  const latest = items.at(-1);
  if (latest?.direction === 'OUTBOUND' && latest.choices?.length && !answered.has(latest.id)) offerChoices(latest);
  else clearChoices();
}

// The event stream is the fast path; a few polls after each message cover a proxy that buffers it.
let polls = 0;
function pollAfterSend() {
  polls = 10;
  const tick = async () => {
    if (polls-- <= 0) return;
    await history().catch(() => undefined);
    setTimeout(tick, 2000);
  };
  setTimeout(tick, 1500);
}

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text && !photo) return;
  const pending = { clientMessageId: crypto.randomUUID(), text, photo };
  const item = bubble('me', text, { imageUrl: photo ? URL.createObjectURL(photo) : undefined });
  local.set(pending.clientMessageId, item);
  dismissChoices();
  $('text').value = '';
  clearPhoto();
  void deliver(item, pending);
});

$('text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
});

$('photo').addEventListener('change', () => {
  const file = $('photo').files?.[0];
  if (!file) return;
  if (file.size > 5 * 1024 * 1024) {
    bubble('bot', t('tooBig'));
    $('photo').value = '';
    return;
  }
  photo = file;
  $('preview-img').src = URL.createObjectURL(file);
  $('preview').classList.remove('hidden');
  $('text').required = false;
});

function clearPhoto() {
  photo = undefined;
  $('photo').value = '';
  $('preview').classList.add('hidden');
  $('text').required = true;
}
$('remove-photo').addEventListener('click', clearPhoto);

$('lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('suqiu.lang', lang);
  applyLanguage();
});

applyLanguage();
bubble('bot', t('greeting'));
await history().catch(() => undefined);
await session();
const currentToken = () => JSON.parse(localStorage.getItem(STORE) ?? 'null')?.token;
listen('/api/v1/webchat/events', {
  token: currentToken,
  onEvent: (name) => name === 'message' && void history().catch(() => undefined),
});
