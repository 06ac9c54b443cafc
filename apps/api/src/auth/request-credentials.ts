import { parseCookie, stringifySetCookie } from "cookie";
import type { Response } from "express";
import type { IncomingHttpHeaders } from "node:http";

export const SESSION_COOKIE = "et_session";

/** Sets or clears the session cookie on the response, for browsers that talk to the API directly. */
export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** The bearer token of the Authorization header, else the session cookie. */
export function credentialOf(request: { headers: IncomingHttpHeaders }): string | null {
  const authorization = request.headers.authorization;
  if (authorization) {
    const [scheme, token] = authorization.split(" ");
    return scheme?.toLowerCase() === "bearer" && token ? token.trim() : null;
  }
  return parseCookie(request.headers.cookie ?? "")[SESSION_COOKIE] ?? null;
}

export function sessionCookieOn(response: Response, secure: boolean): SessionCookie {
  const attributes = { httpOnly: true, sameSite: "lax", secure, path: "/" } as const;
  return {
    set: (token, expiresAt) =>
      response.append(
        "Set-Cookie",
        stringifySetCookie({ name: SESSION_COOKIE, value: token, ...attributes, expires: expiresAt }),
      ),
    clear: () =>
      response.append("Set-Cookie", stringifySetCookie({ name: SESSION_COOKIE, value: "", ...attributes, maxAge: 0 })),
  };
}
