import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { CurrentViewer } from "../auth/current-viewer.ts";
import type { Viewer } from "../auth/viewer.ts";
import { toPayload } from "../common/payload.ts";
import type { Context } from "../context.ts";
import { DeleteViewInput, PinViewInput, SaveViewInput } from "./saved-view.inputs.ts";
import { DeleteViewPayload, SaveViewPayload } from "./saved-view.payloads.ts";
import { deleteView, listSavedViews, pinView, saveView } from "./saved-view.service.ts";
import { SavedView } from "./saved-view.type.ts";

@Resolver()
export class SavedViewResolver {
  @Authorized()
  @Query(() => [SavedView], { description: "The built-in views, then yours and those shared with everyone, by name." })
  savedViews(@Ctx() { prisma }: Context, @CurrentViewer() viewer: Viewer): Promise<SavedView[]> {
    return listSavedViews(prisma, viewer);
  }

  @Authorized()
  @Mutation(() => SaveViewPayload, {
    description: "Saves a new view, or renames or changes one of yours. Sharing needs EDITOR (FORBIDDEN else).",
  })
  saveView(
    @Ctx() { prisma }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => SaveViewInput) input: SaveViewInput,
  ): Promise<SaveViewPayload> {
    return toPayload(SaveViewPayload, async () => ({ savedView: await saveView(prisma, viewer, input) }));
  }

  @Authorized()
  @Mutation(() => SaveViewPayload, {
    description: "Puts a view (yours or a shared one) in your navigation, or takes it out.",
  })
  pinView(
    @Ctx() { prisma }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => PinViewInput) input: PinViewInput,
  ): Promise<SaveViewPayload> {
    return toPayload(SaveViewPayload, async () => ({ savedView: await pinView(prisma, viewer, input) }));
  }

  @Authorized()
  @Mutation(() => DeleteViewPayload, {
    description: "Deletes one of your views (an admin may delete a shared one), with its pins and calendar feeds.",
  })
  deleteView(
    @Ctx() { prisma }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => DeleteViewInput) input: DeleteViewInput,
  ): Promise<DeleteViewPayload> {
    return toPayload(DeleteViewPayload, async () => ({ deletedId: await deleteView(prisma, viewer, input.id) }));
  }
}
