/** How ticket states read to citizens (status notices, Open311 status_notes). */
import type { TicketStatus } from './ticket-state-machine.js';

export const STATUS_LABELS: Record<TicketStatus, string> = {
  DRAFT: '草稿',
  ACCEPTED: '已受理',
  PENDING_DISPATCH: '待派单',
  DISPATCHED: '已派单',
  RETURN_REQUESTED: '申请退回',
  SIGNED: '办理中',
  EXTENSION_REQUESTED: '申请延期',
  REPLIED: '已答复',
  REVIEWED: '待回访',
  CALLBACK_DONE: '已回访',
  REOPENED: '重办',
  CLOSED: '已办结',
  CLOSED_DIRECT: '直接办结',
  REJECTED: '不予受理',
  MERGED: '已并单',
  TRANSFERRED_EMERGENCY: '已转紧急热线',
};

export const STATUS_LABELS_EN: Record<TicketStatus, string> = {
  DRAFT: 'draft',
  ACCEPTED: 'received, under review',
  PENDING_DISPATCH: 'reviewed, being assigned',
  DISPATCHED: 'assigned to a department',
  RETURN_REQUESTED: 'being reassigned',
  SIGNED: 'being handled',
  EXTENSION_REQUESTED: 'being handled (more time requested)',
  REPLIED: 'answered, under review',
  REVIEWED: 'answered, awaiting your rating',
  CALLBACK_DONE: 'rated',
  REOPENED: 'reopened',
  CLOSED: 'closed',
  CLOSED_DIRECT: 'answered and closed',
  REJECTED: 'not taken up',
  MERGED: 'merged with another report',
  TRANSFERRED_EMERGENCY: 'passed to the emergency services',
};
