import { toPayload } from "../common/payload.ts";
import type { Context } from "../context.ts";
import { withEngagement, type EngagementPayload } from "./engagement.payloads.ts";
import type { Engagement } from "./engagement.type.ts";
import type { WriteResult } from "./versioned-write.ts";

/**
 * Runs a write to an engagement as a mutation: the command; once it committed, the announcement
 * that tells other API instances (and their subscribers) of it; then the payload. A refusal
 * comes back as `errors`, with the engagement as it stands when there is one.
 */
export function engagementMutation<P extends EngagementPayload, Extra>(
  context: Context,
  PayloadClass: new () => P,
  command: () => Promise<WriteResult<Extra>>,
  fieldsOf: (result: WriteResult<Extra>) => Partial<P> = ({ engagement }) => withEngagement(engagement) as Partial<P>,
): Promise<P> {
  return toPayload(
    PayloadClass,
    async () => {
      const result = await command();
      if (result.sequence !== null) context.changeHub?.announce(result.sequence);
      return fieldsOf(result);
    },
    (engagement: Engagement) => withEngagement(engagement) as Partial<P>,
  );
}
