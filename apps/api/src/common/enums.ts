import { EngagementKind, EngagementStatus, ParticipationRole, Role } from "@engagement-tracker/db";
import { registerEnumType } from "type-graphql";

registerEnumType(EngagementStatus, {
  name: "EngagementStatus",
  description: "Where an engagement is in its lifecycle. COMPLETED and CANCELLED are final.",
});
registerEnumType(EngagementKind, { name: "EngagementKind", description: "What sort of engagement this is." });
registerEnumType(ParticipationRole, {
  name: "ParticipationRole",
  description: "The part an organization plays in an engagement.",
});
registerEnumType(Role, { name: "Role", description: "What a user may do." });

export { EngagementKind, EngagementStatus, ParticipationRole, Role };
