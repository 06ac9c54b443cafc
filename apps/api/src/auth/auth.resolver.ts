import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { toPayload } from "../common/payload.ts";
import type { Context } from "../context.ts";
import { User } from "../users/user.type.ts";
import { CurrentViewer } from "./current-viewer.ts";
import { requireSession, type Viewer } from "./viewer.ts";
import { createApiToken, findViewerUser, listApiTokens, revokeApiToken, signIn, signOut } from "./auth.service.ts";
import {
  ApiToken,
  CreateApiTokenInput,
  CreateApiTokenPayload,
  RevokeApiTokenInput,
  RevokeApiTokenPayload,
  SignInInput,
  SignInPayload,
  SignOutPayload,
} from "./auth.types.ts";

@Resolver()
export class AuthResolver {
  @Query(() => User, { nullable: true, description: "Who is signed in; null without valid credentials." })
  viewer(@Ctx() { prisma, viewer }: Context): Promise<User | null> | null {
    return viewer && findViewerUser(prisma, viewer);
  }

  @Mutation(() => SignInPayload, {
    description: "Starts a session: returns a token for `Authorization: Bearer` and sets the session cookie.",
  })
  signIn(
    @Ctx() { prisma, sessionCookie, signInLimits }: Context,
    @Arg("input", () => SignInInput) input: SignInInput,
  ): Promise<SignInPayload> {
    if (!signInLimits) throw new Error("Signing in needs the HTTP endpoint");
    return toPayload(SignInPayload, async () => {
      const session = await signIn(prisma, input, signInLimits);
      sessionCookie.set(session.token, session.expiresAt);
      return session;
    });
  }

  @Authorized()
  @Mutation(() => SignOutPayload, {
    description: "Ends the session the request was made with. An API token is refused (FORBIDDEN): revoke it instead.",
  })
  signOut(@Ctx() { prisma, credential, sessionCookie, viewerCache }: Context): Promise<SignOutPayload> {
    requireSession(credential, "Signing out");
    return toPayload(SignOutPayload, async () => {
      await signOut(prisma, credential);
      viewerCache.forgetAll();
      sessionCookie.clear();
      return {};
    });
  }

  @Authorized()
  @Query(() => [ApiToken], { description: "Your personal API tokens, newest first (an admin sees everyone's)." })
  apiTokens(@Ctx() { prisma }: Context, @CurrentViewer() viewer: Viewer): Promise<ApiToken[]> {
    return listApiTokens(prisma, viewer);
  }

  @Authorized()
  @Mutation(() => CreateApiTokenPayload, {
    description:
      "Creates a personal API token acting with your role. Only from a signed-in session: an API token is refused (FORBIDDEN).",
  })
  createApiToken(
    @Ctx() { prisma, credential }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => CreateApiTokenInput) input: CreateApiTokenInput,
  ): Promise<CreateApiTokenPayload> {
    requireSession(credential, "Creating an API token");
    return toPayload(CreateApiTokenPayload, () => createApiToken(prisma, viewer, input));
  }

  @Authorized()
  @Mutation(() => RevokeApiTokenPayload, {
    description: "Revokes a personal API token: it stops working at once (within 5 s on other API instances).",
  })
  revokeApiToken(
    @Ctx() { prisma, viewerCache }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => RevokeApiTokenInput) input: RevokeApiTokenInput,
  ): Promise<RevokeApiTokenPayload> {
    return toPayload(RevokeApiTokenPayload, async () => {
      const apiToken = await revokeApiToken(prisma, viewer, input.id);
      viewerCache.forgetAll();
      return { apiToken };
    });
  }
}
