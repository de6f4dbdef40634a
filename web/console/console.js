// The agent console: the review queue (live over server-sent events), a ticket with its messages and
// the model's suggestion, and a one-click confirmation — or a corrected category, unit, type, urgency,
// a rejection, a direct answer to a consultation, or a merge into the open ticket it repeats (并单).
// A second list shows what the system routed without review, so agents can check it. Agents also talk
// with citizens the bot handed over.
import { api, ApiError, listen } from '/shared/api.js';

const REQUEST_TYPES = { CONSULT: '咨询', HELP: '求助', COMPLAINT: '投诉', REPORT: '举报', SUGGEST: '建议', PRAISE: '表扬', OTHER: '其他' };
const URGENCIES = { EXTRA_URGENT: '特急', URGENT: '紧急', PRIORITY: '较急', NORMAL: '一般', COMPLEX: '复杂疑难' };
const REJECT_REASONS = {
  LEGAL_ROUTE: '属诉讼/仲裁/复议等法定途径',
  OUT_OF_JURISDICTION: '不属本市管辖',
  NOT_GOV_DUTY: '非政府职责',
  REPEAT_NO_NEW_FACTS: '重复诉求，无新情况',
  SECRET_PRIVACY: '涉密或个人隐私',
  INVALID: '无实质内容',
  MALICIOUS: '恶意骚扰',
};
const BANDS = { AUTO: '高置信 · confident', SUGGEST: '建议 · suggestion', ABSTAIN: '低置信，请人工判断 · unsure' };
const STATUS = { ACCEPTED: '待审核', PENDING_DISPATCH: '待派单', REJECTED: '不予受理', CLOSED_DIRECT: '直接办结', MERGED: '已并单' };
const FLAGS = {
  'emergency:FIRE': '紧急·119 火警 · fire',
  'emergency:CRIME': '紧急·110 警情 · police',
  'emergency:MEDICAL': '紧急·120 急救 · medical',
  'emergency:TRAFFIC': '紧急·122 交通事故 · traffic',
  handoff: '转人工 · wants a person',
  'auto-routed': '自动分派 · auto-routed',
  checked: '已核对 · checked',
};
const SATISFACTION = {
  SATISFIED: '满意 · satisfied',
  BASICALLY_SATISFIED: '基本满意 · basically satisfied',
  UNSATISFIED: '不满意 · unsatisfied',
  UNREACHABLE: '未能联系 · unreachable',
};
const SENDERS = { citizen: '市民 · citizen', agent: '坐席 · agent', bot: '12345 自动回复 · bot' };
const DELIVERY = { PENDING: '发送中 · sending', SENT: '已发送 · sent', DELIVERED: '已送达 · delivered', FAILED: '发送失败 · failed' };
const CHANNELS = {
  api: '电话/系统',
  web: '网页',
  wechat: '微信',
  sms_twilio: '短信',
  sms_aliyun: '短信',
  telegram: 'Telegram',
  botframework: 'Teams',
  open311: 'Open311',
};

const $ = (selector, root = document) => root.querySelector(selector);
const state = { categories: [], departments: [], queue: [], selected: undefined, stopStream: undefined, view: 'review' };

/** The two lists: the tickets waiting for a decision, and those the system confirmed itself that no agent has checked. */
const VIEWS = {
  review: '/api/v1/review/queue?limit=200',
  'auto-routed': '/api/v1/tickets?status=PENDING_DISPATCH&flag=auto-routed&withoutFlag=checked&limit=200',
};
/** The form's fields an agent checking a routing before dispatch may change. */
const ROUTING_FIELDS = ['categoryCode', 'departmentCode', 'requestType', 'urgency', 'note'];
/** States a ticket can still be merged from (T5, T8), and states a ticket can take duplicates in. */
const MERGEABLE = ['ACCEPTED', 'PENDING_DISPATCH'];
const ENDED = ['CLOSED', 'CLOSED_DIRECT', 'REJECTED', 'MERGED', 'TRANSFERRED_EMERGENCY', 'DRAFT'];

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') element.className = value;
    else if (key.startsWith('data-')) element.setAttribute(key, value);
    else element[key] = value;
  }
  element.append(...children.filter((child) => child !== undefined && child !== null));
  return element;
}

const percent = (score) => (score >= 0.995 ? '>99%' : `${Math.round(score * 100)}%`);

function ago(iso) {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  if (minutes < 60) return `${minutes} 分钟前`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} 小时前`;
  return `${Math.round(minutes / 1440)} 天前`;
}

function toast(text) {
  const box = $('#toast');
  box.textContent = text;
  box.classList.remove('hidden');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.add('hidden'), 3000);
}

async function start() {
  try {
    const { user } = await api('/api/v1/auth/me');
    await enter(user);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) showLogin();
    else throw error;
  }
}

function showLogin() {
  state.stopStream?.();
  $('#app').classList.add('hidden');
  $('#login').classList.remove('hidden');
  $('#login-form [name=username]').focus();
}

$('#login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const { user } = await api('/api/v1/auth/login', {
      method: 'POST',
      body: { username: form.get('username'), password: form.get('password') },
    });
    $('#login-error').textContent = '';
    await enter(user);
  } catch (error) {
    $('#login-error').textContent = error.message;
  }
});

$('#view').addEventListener('change', (event) => {
  state.view = event.target.value;
  state.selected = undefined;
  void refreshQueue().catch((error) => toast(error.message));
});

$('#logout').addEventListener('click', async () => {
  await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
  showLogin();
});

async function enter(user) {
  $('#login').classList.add('hidden');
  $('#app').classList.remove('hidden');
  $('#whoami').textContent = `${user.displayName ?? user.username} (${user.role === 'ADMIN' ? '管理员' : '坐席'})`;
  const [categories, departments] = await Promise.all([api('/api/v1/categories'), api('/api/v1/departments')]);
  state.categories = categories.items;
  state.departments = departments.items;
  await refreshQueue();
  window.addEventListener('hashchange', () => void openFromHash());
  await openFromHash();
  state.stopStream = listen('/api/v1/review/events', {
    onOpen: () => $('#live').classList.add('on'),
    onEvent: (_name, data) => {
      scheduleRefresh();
      // A citizen wrote again on a ticket (a handed-off conversation): the agent sees it without reopening.
      if (data?.message && data.ticketId === state.selected) void refreshConversation(data.ticketId).catch(() => undefined);
    },
  });
  // A slow safety net for proxies that buffer event streams.
  setInterval(() => void refreshQueue().catch(() => undefined), 30000);
}

// `/console/#<ticket id>` opens that ticket, also one that has left the queue (to read its callback).
async function openFromHash() {
  const id = location.hash.slice(1);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) || id === state.selected) return;
  await select(id).catch((error) => toast(error.message));
}

let refreshTimer;
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshQueue().catch(() => undefined), 250);
}

async function refreshQueue() {
  const { items, total } = await api(VIEWS[state.view]);
  state.queue = items;
  $('#queue-count').textContent = String(total);
  const list = $('#queue');
  list.replaceChildren(...items.map(queueItem));
  if (!state.selected && items.length > 0) await select(items[0].id);
}

function queueItem(ticket) {
  const top = ticket.suggestion?.categories?.[0];
  const urgent = ['EXTRA_URGENT', 'URGENT'].includes(ticket.urgency);
  const item = el(
    'li',
    { 'data-testid': 'queue-item', 'data-id': ticket.id, class: ticket.id === state.selected ? 'selected' : '' },
    el(
      'div',
      { class: 'row' },
      el('strong', {}, ticket.number),
      el('span', { class: 'muted' }, `${CHANNELS[ticket.channel] ?? ticket.channel} · ${ago(ticket.acceptedAt ?? ticket.createdAt)}`),
    ),
    el('p', { class: 'excerpt' }, ticket.excerpt),
    flagBadges(ticket.flags),
    el(
      'div',
      { class: 'row' },
      el(
        'span',
        {},
        top
          ? el('span', { class: `pill band-${ticket.suggestion.band}` }, `${top.path.map(categoryName).join(' › ')} ${percent(top.score)}`)
          : el('span', { class: 'pill band-ABSTAIN' }, '无建议'),
      ),
      el('span', { class: `pill ${urgent ? 'urgent' : ''}` }, URGENCIES[ticket.urgency] ?? ticket.urgency),
    ),
  );
  item.addEventListener('click', () => void select(ticket.id));
  return item;
}

function flagBadges(flags = []) {
  if (flags.length === 0) return undefined;
  return el(
    'div',
    { class: 'flags' },
    ...flags.map((flag) =>
      el(
        'span',
        { class: `flag ${flag.startsWith('emergency:') ? 'emergency' : flag}`, 'data-testid': 'ticket-flag', 'data-flag': flag },
        FLAGS[flag] ?? flag,
      ),
    ),
  );
}

function categoryName(code) {
  return state.categories.find((category) => category.code === code)?.name ?? code;
}

async function select(id) {
  state.selected = id;
  history.replaceState(null, '', `#${id}`);
  for (const item of document.querySelectorAll('#queue li')) item.classList.toggle('selected', item.dataset.id === id);
  const ticket = await api(`/api/v1/tickets/${id}`);
  if (state.selected !== id) return;
  renderDetail(ticket);
  // Similar tickets come second: the decision form is usable before they arrive.
  const similar = await api(`/api/v1/tickets/${id}/similar?k=5`).catch(() => undefined);
  if (state.selected === id && similar) renderSimilar(similar.items, ticket);
}

const VERDICTS = { duplicate: '疑似重复 · likely duplicate', related: '相关 · related' };

function renderSimilar(items, ticket) {
  const section = $('#detail .similar');
  if (!section || items.length === 0) return;
  const list = $('.similar-list', section);
  const canMerge = MERGEABLE.includes(ticket.status);
  list.replaceChildren(
    ...items.map((item) =>
      el(
        'li',
        { class: `verdict-${item.verdict.kind}`, 'data-number': item.number },
        el('a', { href: `#${item.id}`, 'data-id': item.id }, item.number),
        ` ${VERDICTS[item.verdict.kind] ?? item.verdict.kind} · ${percent(item.score)} · `,
        el('span', { class: 'muted' }, item.verdict.reasons.map((reason) => reason.detail).join('；')),
        canMerge && !ENDED.includes(item.status) ? mergeButton(ticket, item) : undefined,
      ),
    ),
  );
  for (const link of list.querySelectorAll('a')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      void select(link.dataset.id);
    });
  }
  section.classList.remove('hidden');
}

/** 并单: this ticket is closed into the open one it repeats; the agent's note goes with it. */
function mergeButton(ticket, item) {
  const button = el('button', { type: 'button', class: 'merge', 'data-testid': 'merge-into' }, '并入此单 · merge into');
  button.addEventListener('click', () => {
    const form = $('#detail .decision');
    void decide(ticket, form, 'merge', { action: 'merge', duplicateOf: item.id, note: form.note.value || undefined });
  });
  return button;
}

function renderDetail(ticket) {
  const view = $('#detail-template').content.cloneNode(true);
  $('.number', view).textContent = ticket.number;
  $('.status', view).textContent = STATUS[ticket.status] ?? ticket.status;
  $('.meta', view).textContent = [
    CHANNELS[ticket.channel] ?? ticket.channel,
    ticket.citizen?.displayName,
    ticket.citizen?.phone,
    ticket.locationText,
  ]
    .filter(Boolean)
    .join(' · ');
  renderConversation(view, ticket);
  renderAutoRoute(view, ticket);
  renderSuggestion(view, ticket);
  const form = $('.decision', view);
  fillDecision(form, ticket);
  // Before dispatch the routing can still be checked: corrected, or confirmed as right (a training example either way).
  const checking = ticket.status === 'PENDING_DISPATCH';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void decide(ticket, form, checking ? 'check' : 'confirm');
  });
  $('.reject', form).addEventListener('click', () => void decide(ticket, form, 'reject'));
  $('.answer-submit', form).addEventListener('click', () => void decide(ticket, form, 'answer'));
  if (checking) $('button[type=submit]', form).textContent = '核对 · Check routing';
  enableDecision(form, ticket);
  const talk = $('.conversation', view);
  talk.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendToCitizen(ticket.id, talk);
  });
  // A changed text is a new message; an unchanged one resent after a failure keeps its id, so it arrives once.
  talk.text.addEventListener('input', () => delete talk.dataset.clientMessageId);
  $('.handoff-end', talk).addEventListener('click', () => void endHandoff(ticket.id, talk));
  $('#detail').replaceChildren(view);
}

/** The parts of the detail that change while the agent works on it; the agent's unsent input stays. */
function renderConversation(root, ticket) {
  const agentMessages = new Set(ticket.events.filter((event) => event.event === 'agentMessage').map((event) => event.after?.messageId));
  $('.flags', root).replaceChildren(...(flagBadges(ticket.flags)?.childNodes ?? []));
  $('.consents', root).textContent = [
    ticket.consentContact ? '同意联系 · may be contacted' : '不便联系 · no contact',
    ticket.consentPublish ? '同意公开 · may be published' : '不公开 · not published',
  ].join('　');
  $('.messages', root).replaceChildren(...ticket.messages.map((message) => messageView(message, agentMessages)));
  renderCallback(root, ticket);
  const ended = ticket.events.some((event) => event.event === 'handoffEnded');
  const handoff = ticket.flags.includes('handoff');
  $('.handoff-end', root).classList.toggle('hidden', !handoff || ended);
  $('.handoff-state', root).textContent = handoff && ended ? '人工服务已结束 · hand-off ended' : '';
}

/** Why the system confirmed the ticket without review: the model's score against its category's threshold. */
function renderAutoRoute(root, ticket) {
  const routed = ticket.events.findLast((event) => event.event === 'confirm' && event.after?.autoRoute)?.after.autoRoute;
  if (!routed) return;
  const threshold = typeof routed.threshold === 'number' ? ` ≥ 阈值 threshold ${percent(routed.threshold)}` : '';
  $('.auto-route', root).textContent =
    `系统自动分派，未经人工审核 · routed without review：${categoryName(routed.categoryCode)} ${percent(routed.score)}${threshold} · ${routed.modelVersion}`;
}

function renderCallback(root, ticket) {
  const section = $('.callback', root);
  const comment = ticket.events.findLast((event) => event.event === 'callbackComment')?.reason;
  const verdict = [
    ticket.resolved === true ? '已解决 · resolved' : ticket.resolved === false ? '未解决 · not resolved' : undefined,
    SATISFACTION[ticket.satisfaction] ?? ticket.satisfaction,
    comment ? `意见 · comment：${comment}` : undefined,
  ].filter(Boolean);
  $('.answer-given', section).textContent = ticket.answer ? `答复 · answer：${ticket.answer}` : '';
  $('.verdict', section).textContent =
    verdict.length > 0 ? `回访 · callback：${verdict.join('，')}` : '回访 · callback：尚未回复 · no answer yet';
  $('.verdict', section).dataset.resolved = String(ticket.resolved ?? '');
  $('.verdict', section).dataset.satisfaction = ticket.satisfaction ?? '';
  section.classList.toggle('hidden', !ticket.answer && ticket.resolved == null && !ticket.satisfaction);
}

async function refreshConversation(id) {
  const ticket = await api(`/api/v1/tickets/${id}`);
  const detail = $('#detail');
  if (state.selected !== id || $('.number', detail)?.textContent !== ticket.number) return;
  renderConversation(detail, ticket);
}

function senderOf(message, agentMessages) {
  if (message.direction === 'INBOUND') return 'citizen';
  return agentMessages.has(message.id) ? 'agent' : 'bot';
}

function messageView(message, agentMessages) {
  const sender = senderOf(message, agentMessages);
  const box = el('div', {
    class: `message ${message.direction} from-${sender}`,
    'data-testid': 'ticket-message',
    'data-sender': sender,
  });
  const delivery = message.direction === 'OUTBOUND' ? DELIVERY[message.status] : undefined;
  box.append(
    el(
      'span',
      { class: 'meta' },
      [SENDERS[sender], new Date(message.createdAt).toLocaleString('zh-CN'), delivery].filter(Boolean).join(' · '),
    ),
  );
  box.append(message.text ?? '');
  if (message.locationText || message.lat)
    box.append(
      el(
        'span',
        { class: 'meta' },
        `位置 · ${message.locationText ?? ''} ${message.lat ? `(${message.lat.toFixed(5)}, ${message.lng.toFixed(5)} ${message.datum})` : ''}`,
      ),
    );
  for (const attachment of message.attachments ?? []) {
    if (attachment.mime.startsWith('image/') && !attachment.sourceUrl)
      box.append(el('img', { src: attachment.url, alt: attachment.fileName ?? '' }));
    else
      box.append(el('a', { href: attachment.url, target: '_blank', rel: 'noopener noreferrer' }, attachment.fileName ?? attachment.mime));
  }
  return box;
}

function renderSuggestion(view, ticket) {
  const suggestion = ticket.suggestion;
  if (!suggestion || suggestion.categories.length === 0) {
    $('.scores', view).append(el('li', {}, '模型未给出建议，请人工选择。'));
    return;
  }
  $('.model', view).textContent = `${BANDS[suggestion.band] ?? suggestion.band} · ${suggestion.modelVersion}`;
  for (const category of suggestion.categories.slice(0, 5)) {
    const fill = el('span');
    fill.style.width = `${Math.round(category.score * 100)}%`; // CSSOM, allowed by the page's content security policy
    const row = el(
      'li',
      { 'data-testid': 'suggested-category', 'data-code': category.code, title: '点击选用 · use this' },
      el('span', {}, category.path.map(categoryName).join(' › ')),
      el('span', { class: 'bar' }, fill),
      el('span', {}, percent(category.score)),
    );
    row.addEventListener('click', () => {
      const form = $('#detail .decision');
      form.categoryCode.value = category.code;
      form.categoryCode.dispatchEvent(new Event('change'));
    });
    $('.scores', view).append(row);
  }
  const department = suggestion.departments[0];
  if (department) $('.dept', view).textContent = `建议承办单位：${department.name} (${percent(department.score)})`;
}

function fillDecision(form, ticket) {
  const suggestion = ticket.suggestion;
  const byParent = new Map();
  for (const category of state.categories) {
    const key = category.parentCode ?? category.code;
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(category);
  }
  const categorySelect = form.categoryCode;
  categorySelect.append(el('option', { value: '' }, '— 请选择 —'));
  for (const root of state.categories.filter((category) => category.level === 1)) {
    const group = el('optgroup', { label: root.name });
    for (const category of byParent.get(root.code) ?? [])
      group.append(el('option', { value: category.code }, category.level === 1 ? `${category.name}（大类）` : category.name));
    categorySelect.append(group);
  }
  form.departmentCode.append(
    el('option', { value: '' }, '— 按分类默认 —'),
    ...state.departments.map((d) => el('option', { value: d.code }, d.name)),
  );
  form.requestType.append(...Object.entries(REQUEST_TYPES).map(([value, label]) => el('option', { value }, label)));
  form.urgency.append(...Object.entries(URGENCIES).map(([value, label]) => el('option', { value }, label)));
  form.reasonCode.append(...Object.entries(REJECT_REASONS).map(([value, label]) => el('option', { value }, label)));

  categorySelect.value = ticket.category?.code ?? suggestion?.categories[0]?.code ?? '';
  form.departmentCode.value = ticket.leadDepartment?.code ?? suggestion?.departments[0]?.code ?? '';
  form.requestType.value = ticket.requestType ?? suggestion?.requestType[0]?.value ?? 'OTHER';
  form.urgency.value = ticket.urgency;
  form.dataset.suggestedCategory = suggestion?.categories[0]?.code ?? '';
  // The unit as it stands (suggested, or routed before dispatch) goes with its category.
  form.dataset.suggestedDepartment = ticket.leadDepartment?.code ?? suggestion?.departments[0]?.code ?? '';
  // A different category usually means a different unit: fall back to that category's default.
  categorySelect.addEventListener('change', () => {
    if (form.departmentCode.value === form.dataset.suggestedDepartment) form.departmentCode.value = '';
  });
}

async function decide(ticket, form, action, body = decisionBody(form, action)) {
  const error = $('.error', form);
  error.textContent = '';
  for (const control of form.elements) control.disabled = true;
  try {
    const updated = await api(`/api/v1/tickets/${ticket.id}/review`, { method: 'POST', body });
    toast(`工单 ${updated.number} ${DECIDED[action]}`);
    const next = state.queue.find((item) => item.id !== ticket.id);
    state.selected = undefined;
    await refreshQueue();
    if (next && state.queue.some((item) => item.id === next.id)) await select(next.id);
    else if (state.queue.length === 0) {
      history.replaceState(null, '', location.pathname);
      $('#detail').replaceChildren(el('p', { class: 'muted empty' }, '队列已清空 · The queue is empty'));
    }
  } catch (failure) {
    error.textContent = failure.message;
    toast(failure.message);
    enableDecision(form, ticket);
  }
}

/** An accepted ticket's whole form; a ticket waiting for dispatch only its routing (check); any other none of it. */
function enableDecision(form, ticket) {
  for (const control of form.elements) {
    control.disabled =
      ticket.status !== 'ACCEPTED' &&
      !(ticket.status === 'PENDING_DISPATCH' && (ROUTING_FIELDS.includes(control.name) || control.type === 'submit'));
  }
}

const DECIDED = {
  check: '已核对 · checked',
  confirm: '已确认 · confirmed',
  reject: '不予受理 · rejected',
  answer: '已答复并办结 · answered',
  merge: '已并单 · merged',
};

function decisionBody(form, action) {
  const note = form.note.value || undefined;
  if (action === 'reject') return { action, reasonCode: form.reasonCode.value, note };
  if (action === 'answer') {
    // An empty object keeps the citizen's own question with the answer; unticked, nothing is kept.
    return { action, answer: form.answer.value, saveToKnowledge: form.saveToKnowledge.checked ? {} : undefined, note };
  }
  return {
    action,
    categoryCode: form.categoryCode.value || undefined,
    departmentCode: form.departmentCode.value || undefined,
    requestType: form.requestType.value,
    urgency: form.urgency.value,
    note,
  };
}

/** Writes to the citizen on their channel; a channel that cannot carry it answers 409, shown as it is. */
async function sendToCitizen(ticketId, form) {
  const text = form.text.value.trim();
  if (!text) return;
  form.dataset.clientMessageId ||= newUuid();
  await talkAction(form, async () => {
    await api(`/api/v1/tickets/${ticketId}/messages`, {
      method: 'POST',
      body: { text, clientMessageId: form.dataset.clientMessageId },
    });
    form.text.value = '';
    delete form.dataset.clientMessageId;
    toast('消息已发出 · message sent');
    await refreshConversation(ticketId);
  });
}

async function endHandoff(ticketId, form) {
  await talkAction(form, async () => {
    await api(`/api/v1/tickets/${ticketId}/handoff/end`, { method: 'POST' });
    toast('人工服务已结束 · hand-off ended');
    await refreshConversation(ticketId);
  });
}

async function talkAction(form, run) {
  const error = $('.error', form);
  error.textContent = '';
  for (const control of form.elements) control.disabled = true;
  try {
    await run();
  } catch (failure) {
    error.textContent = failure.message;
    toast(failure.message);
  } finally {
    for (const control of form.elements) control.disabled = false;
  }
}

// crypto.randomUUID exists only on secure origins; a console opened over plain HTTP on the LAN still works.
function newUuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

void start();
