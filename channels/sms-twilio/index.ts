import type { ChannelDefinition } from '../definition.js';
import type { ChannelAdapter, ChannelBinding, MediaRef, OutboundReply, RawRequest } from '../types.js';
import { TwilioClient } from './client.js';
import { TWILIO_ENV, TWILIO_WEBHOOK_PATH, twilioConfigSchema, twilioFromEnv, type TwilioConfig } from './definition.js';
import { parseTwilioRequest } from './inbound.js';
import { sendTwilioReply } from './outbound.js';
import { verifyTwilioRequest } from './signature.js';

/** TwiML that answers nothing: replies go through the REST API once the ticket exists. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export class TwilioSmsAdapter implements ChannelAdapter {
  public readonly id = 'sms_twilio' as const;
  public readonly canReply: boolean;
  private readonly client: TwilioClient;

  constructor(
    private readonly config: TwilioConfig,
    fetchImpl: typeof fetch,
  ) {
    this.canReply = Boolean(config.from || config.messagingServiceSid);
    this.client = new TwilioClient({ ...config, fetch: fetchImpl });
  }

  public verify = (req: RawRequest) => verifyTwilioRequest(req, this.config);
  public parse = (req: RawRequest) => parseTwilioRequest(req);
  public send = (reply: OutboundReply) => sendTwilioReply(this.client, this.config, reply);

  public async fetchMedia(ref: MediaRef) {
    if (!ref.url) throw new Error('sms_twilio: a media reference without URL');
    return this.client.fetchMedia(ref.url);
  }
}

export function twilioBinding(config: TwilioConfig, fetchImpl: typeof fetch): ChannelBinding {
  return {
    adapter: new TwilioSmsAdapter(config, fetchImpl),
    http: {
      path: TWILIO_WEBHOOK_PATH,
      auth: 'none',
      // The same answer for a first delivery and a retry; within Twilio's 15 s, as nothing waits on the worker.
      acknowledge: () => ({ status: 200, body: EMPTY_TWIML, contentType: 'text/xml' }),
    },
  };
}

export const twilioChannel: ChannelDefinition<TwilioConfig> = {
  id: 'sms_twilio',
  env: TWILIO_ENV,
  fromEnv: twilioFromEnv,
  configSchema: twilioConfigSchema,
  create: (config, context) => twilioBinding(config, context.fetch),
};
