import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "./lib/session-cookie";

/**
 * Sends a reader without a session straight to sign-in, remembering where they were going.
 * (A session the API no longer accepts is caught when a page queries it; see lib/api.ts.)
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  const returnTo = request.nextUrl.pathname + request.nextUrl.search;
  if (returnTo !== "/") signIn.searchParams.set("next", returnTo);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything except sign-in itself and Next's static files and icons.
  matcher: ["/((?!sign-in|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
