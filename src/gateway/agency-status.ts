/**
 * A deactivated agency's tokens stop working at once — at the gateway too, so the population and land
 * subgraphs (which hold no directory) are closed to it as well. The documents subgraph owns the directory
 * and refuses such a caller on every operation; the gateway asks it (`{ me { active } }`, signed as that
 * agency) and keeps the answer for config.agencyStatusTtlMs, so the check costs one loopback request per
 * agency every few seconds, not one per operation. A directory mutation relayed by this gateway forgets
 * every answer at once; another gateway's, within the TTL.
 *
 * Fail closed: when the directory cannot be asked, an agency's operations get SERVICE_UNAVAILABLE
 * rather than run unchecked.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Kind, getOperationAST } from 'graphql';
import { HubError } from '../shared/errors';
import { signIdentity } from '../shared/identity';
import { callerOf } from './auth';
import { postGraphQL } from './subgraph-fetch';

/** Mutations that change who is active: relaying one forgets what this gateway knew. */
const DIRECTORY_MUTATIONS = new Set(['createAgency', 'updateAgency', 'deactivateAgency', 'mergeAgency']);

interface Answer {
  until: number;
  /** null: active. */
  refusal: Promise<HubError | null>;
}

export class AgencyStatus {
  private answers = new Map<string, Answer>();

  constructor(
    private readonly documentsUrl: string,
    private readonly gatewaySecret: string,
    private readonly ttlMs: number,
  ) {}

  /** Null when `code` is an active agency; the error to answer its operations with otherwise. */
  check(code: string, now = Date.now()): Promise<HubError | null> {
    const known = this.answers.get(code);
    if (known && known.until > now) return known.refusal;
    const refusal = this.ask(code);
    this.answers.set(code, { until: now + this.ttlMs, refusal });
    // A failed look-up is not remembered: the next operation asks again.
    void refusal.then((r) => r?.extensions.code === 'SERVICE_UNAVAILABLE' && this.answers.delete(code));
    return refusal;
  }

  forgetAll(): void {
    this.answers = new Map();
  }

  private async ask(code: string): Promise<HubError | null> {
    try {
      const signed = signIdentity(this.gatewaySecret, { sub: code, role: 'AGENCY' });
      const res = await postGraphQL(this.documentsUrl, '{ me { active } }', 5_000, signed);
      const body = (await res.json()) as { data?: { me?: { active: boolean } | null }; errors?: { message: string; extensions?: { code?: string } }[] };
      if (body.data?.me?.active) return null;
      const error = body.errors?.find((e) => e.extensions?.code === 'UNAUTHENTICATED');
      if (error) return new HubError('UNAUTHENTICATED', error.message, { http: { status: 401 } });
      throw new Error(`unexpected answer ${res.status}`);
    } catch {
      return new HubError('SERVICE_UNAVAILABLE', 'The agency directory cannot be reached to check the caller; try again shortly.', { serviceName: 'documents' });
    }
  }
}

export function useAgencyStatus(status: AgencyStatus): GatewayPlugin {
  const refuseInactive = async (context: unknown): Promise<HubError | null> => {
    const identity = callerOf(context);
    return identity?.role === 'AGENCY' ? status.check(identity.sub) : null;
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const refusal = await refuseInactive(args.contextValue);
      if (refusal) return setResultAndStopExecution({ errors: [refusal] });
      const operation = getOperationAST(args.document, args.operationName);
      const changesDirectory =
        operation?.operation === 'mutation' &&
        operation.selectionSet.selections.some((s) => s.kind === Kind.FIELD && DIRECTORY_MUTATIONS.has(s.name.value));
      return changesDirectory ? { onExecuteDone: () => status.forgetAll() } : undefined;
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = await refuseInactive(args.contextValue);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}
