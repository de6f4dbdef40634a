import { UnauthorizedError } from '../../core/errors/index.js';
import type { ChannelContext, ChannelDefinition } from '../definition.js';
import type { ChannelAdapter, ChannelBinding, OutboundReply, RawRequest } from '../types.js';
import { BASE_PATH, OPEN311_ENV, open311ConfigSchema, open311FromEnv, type Open311Config } from './definition.js';
import { parseOpen311Request } from './inbound.js';
import { acknowledgeCreate } from './outbound.js';
import { liveServices } from './services.js';
import { precheckCreate, verifyOpen311Request, type ServiceCheck } from './signature.js';

export class Open311Adapter implements ChannelAdapter {
  public readonly id = 'open311' as const;
  /** GeoReport v2 cannot reach the reporter; status is read through GET requests. */
  public readonly canReply = false;

  /** `isService` is absent when the catalogue is not available to channels (see `catalogueOf`). */
  constructor(
    public readonly config: Open311Config,
    public readonly isService?: ServiceCheck,
  ) {}

  public verify = (req: RawRequest) => verifyOpen311Request(req);
  public parse = (req: RawRequest) => parseOpen311Request(req);

  /**
   * Never called by the pipeline (canReply is false, so replies are marked SKIPPED). There is nothing
   * to push: the client polls, so the stored reply is all there is, and the delivery id is its own.
   */
  public async send(reply: OutboundReply): Promise<{ externalId: string }> {
    return { externalId: reply.messageId };
  }
}

export function open311Binding(config: Open311Config, isService?: ServiceCheck): ChannelBinding {
  const adapter = new Open311Adapter(config, isService);
  return {
    adapter,
    http: {
      // One route for both formats; a wrong suffix is a 404 (precheck).
      path: `${BASE_PATH}/requests.:format`,
      auth: 'apiKey',
      apiKeyParam: 'api_key',
      errorFormat: 'open311',
      authenticate: async (req) => {
        precheckCreate(req, config.jurisdictionId, isService);
        if (req.principal?.kind !== 'apiKey') throw new UnauthorizedError("Invalid api_key received -- can't proceed with create_request.");
        return req.principal;
      },
      acknowledge: (outcomes, req) => acknowledgeCreate(outcomes, req, config.serviceNotice),
    },
  };
}

/** A service_code is a live leaf of the category tree as it is now (admins may retire categories). */
function catalogueOf(context: Pick<ChannelContext, 'catalogue'>): ServiceCheck {
  return (code) => liveServices(context.catalogue.current()).has(code);
}

export const open311Channel: ChannelDefinition<Open311Config> = {
  id: 'open311',
  env: OPEN311_ENV,
  fromEnv: open311FromEnv,
  configSchema: open311ConfigSchema,
  create: (config, context) => open311Binding(config, catalogueOf(context)),
};
