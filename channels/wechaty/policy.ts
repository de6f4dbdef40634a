/**
 * Which puppets a hotline may run. Puppets that log in as a personal WeChat account (by driving the
 * web, desktop or iPad client) get the account restricted or banned and violate the WeChat terms
 * (wechaty/wechaty#2221, wechaty/getting-started#114 and #175; DOMAIN.md §11.1): a government hotline
 * uses only the official-account or WeCom APIs. The list of allowed puppets is closed on purpose — a
 * puppet suqiu does not know may drive a personal account, so it needs the same explicit override.
 */

/** Puppets that reach an organisation account through its official API. */
export const ORGANISATION_PUPPETS: readonly string[] = ['wechaty-puppet-service', 'wechaty-puppet-official-account'];

/** The in-memory puppet of tests and local trials: it reaches nobody. */
export const TEST_PUPPETS: readonly string[] = ['wechaty-puppet-mock'];

/** Puppets known to log in as a personal account (WeChat, or QQ / WhatsApp through the same SDK). */
export const PERSONAL_PUPPETS: readonly string[] = [
  'wechaty-puppet-wechat',
  'wechaty-puppet-wechat4u',
  'wechaty-puppet-puppeteer',
  'wechaty-puppet-padlocal',
  'wechaty-puppet-padplus',
  'wechaty-puppet-padpro',
  'wechaty-puppet-padchat',
  'wechaty-puppet-ioscat',
  'wechaty-puppet-macpro',
  'wechaty-puppet-xp',
  'wechaty-puppet-oicq',
  'wechaty-puppet-whatsapp',
  '@juzibot/wechaty-puppet-donut',
];

/** An npm module name of the form Wechaty's resolver loads: `wechaty-puppet-x` or `@scope/wechaty-puppet-x`. */
const PUPPET_MODULE = /^(@[a-z0-9][a-z0-9._~-]*\/)?wechaty-puppet-[a-z0-9][a-z0-9._~-]*$/;

export type PuppetVerdict = { ok: true } | { ok: false; reason: string };

const USE_INSTEAD =
  'A government hotline must use an official account or WeCom: set WECHATY_PUPPET=wechaty-puppet-service ' +
  '(a WeCom or official-account gateway, with WECHATY_PUPPET_SERVICE_TOKEN) or wechaty-puppet-official-account.';

export function puppetPolicy(puppet: string, allowPersonal: boolean): PuppetVerdict {
  if (!PUPPET_MODULE.test(puppet)) {
    return { ok: false, reason: `"${puppet}" is not a Wechaty puppet module name (wechaty-puppet-… or @scope/wechaty-puppet-…)` };
  }
  if (ORGANISATION_PUPPETS.includes(puppet) || TEST_PUPPETS.includes(puppet) || allowPersonal) return { ok: true };
  if (PERSONAL_PUPPETS.includes(puppet)) {
    return {
      ok: false,
      reason:
        `${puppet} logs in as a personal account: WeChat restricts or bans such accounts and automating them violates its terms. ` +
        `${USE_INSTEAD} (WECHATY_ALLOW_PERSONAL_PUPPET=true overrides this for private experiments, never for a hotline.)`,
    };
  }
  return {
    ok: false,
    reason:
      `${puppet} is not a puppet suqiu knows to use an organisation account (${ORGANISATION_PUPPETS.join(', ')}); it may drive a personal account. ` +
      `${USE_INSTEAD} (WECHATY_ALLOW_PERSONAL_PUPPET=true accepts it at your own risk, never for a hotline.)`,
  };
}
