/**
 * The account's access_token. WeChat invalidates the previous token (after about 5 minutes) on
 * every fetch, so all processes share one through the token store (one central refresher, DOMAIN.md
 * §11.1), refreshed 5 minutes before it expires and dropped when WeChat calls it invalid or expired.
 */
import type { TokenStore } from '../../core/tokens/token-store.js';
import { readAnswer, WeChatApiError, type Http } from './http.js';
import { tokenAnswerSchema } from './schemas.js';

export const REFRESH_BEFORE_MS = 5 * 60_000;

/** `40001` invalid credential, `40014` invalid access_token, `42001` access_token expired. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

export class AccessTokens {
  public readonly key: string;

  constructor(
    private readonly http: Http,
    private readonly store: TokenStore,
    private readonly credentials: { appId: string; appSecret: string },
  ) {
    this.key = `wechat:${credentials.appId}`;
  }

  public get(): Promise<string> {
    return this.store.get(this.key, () => this.fetchToken(), REFRESH_BEFORE_MS);
  }

  public invalidate(token: string): Promise<void> {
    return this.store.invalidate(this.key, token);
  }

  /** Runs `call` with the token; once more with a fresh token when WeChat says the token is no good. */
  public async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof WeChatApiError) || !TOKEN_ERRCODES.has(error.errcode)) throw error;
      await this.invalidate(token);
      return call(await this.get());
    }
  }

  /** `GET /cgi-bin/token` — its URL carries the secret, so it never appears in an error message. */
  private async fetchToken(): Promise<{ value: string; expiresInSeconds: number }> {
    const query = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.credentials.appId,
      secret: this.credentials.appSecret,
    });
    const response = await this.http.request('get access_token', `/cgi-bin/token?${query}`, { method: 'GET' });
    const answer = await readAnswer('get access_token', response, tokenAnswerSchema);
    return { value: answer.access_token, expiresInSeconds: answer.expires_in };
  }
}
