import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { CurrentViewer } from "../auth/current-viewer.ts";
import type { Viewer } from "../auth/viewer.ts";
import { toPayload } from "../common/payload.ts";
import type { Context } from "../context.ts";
import { readAlertPreferences, updateAlertPreferences } from "./alert-preferences.ts";
import {
  AlertPreferences,
  UpdateAlertPreferencesInput,
  UpdateAlertPreferencesPayload,
} from "./alert-preferences.types.ts";

@Resolver()
export class AlertResolver {
  @Authorized()
  @Query(() => AlertPreferences, {
    description: "The viewer's alert settings, or (admins) another user's. Defaults until saved.",
  })
  alertPreferences(
    @Ctx() { prisma }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("userId", () => ID, { nullable: true }) userId?: string | null,
  ): Promise<AlertPreferences> {
    return readAlertPreferences(prisma, viewer, userId);
  }

  @Authorized()
  @Mutation(() => UpdateAlertPreferencesPayload, {
    description: "Changes the viewer's alert settings (any role); admins may change another user's.",
  })
  updateAlertPreferences(
    @Ctx() { prisma }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => UpdateAlertPreferencesInput) input: UpdateAlertPreferencesInput,
  ): Promise<UpdateAlertPreferencesPayload> {
    return toPayload(UpdateAlertPreferencesPayload, async () => ({
      preferences: await updateAlertPreferences(prisma, viewer, input),
    }));
  }
}
