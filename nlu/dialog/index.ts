export { parseResolved, parseSatisfaction, parseYesNo, type Satisfaction } from './answers.js';
export { parseChoiceIndex } from './choice.js';
// Also here because a dialog turn asks both (the engine imports them from this barrel).
export { detectGreeting, isEmptyMessage } from '../safety/empty.js';
export { COMMANDS, parseCommand, stripIntentPrefix, type Command, type IntentSplit } from './command.js';
export { extractPhone } from './phone.js';
export { extractPlace, looksLikePlaceAnswer } from './place.js';
export { findTicketNumbers } from './ticket-number.js';
