import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "./lib/session-cookie";

/**
 * Every page gets a Content-Security-Policy with a fresh nonce: Next reads it from the
 * request's header and puts it on the inline scripts it renders, so no other script runs
 * ('strict-dynamic' lets those scripts load Next's chunks). Style attributes (the chart's
 * bars) need 'unsafe-inline' for styles; React escapes them, and CSS cannot run script.
 * `next dev` alone needs 'unsafe-eval' for its error overlay and reloading.
 */
function contentSecurityPolicy(nonce: string): string {
  const devOnly = process.env.NODE_ENV === "production" ? "" : " 'unsafe-eval'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devOnly}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Refuses posts from other sites; sends a reader without a session straight to sign-in, remembering where they were going,
 * and sets the Content-Security-Policy on everything else.
 * (A session the API no longer accepts is caught when a page queries it; see lib/api.ts.)
 */
/**
 * A form post from another site. Next refuses such a server action itself (its CSRF check
 * compares the Origin with the host, as here) but answers 500, as if it were our fault.
 */
function crossSitePost(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (request.method !== "POST" || origin === null) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return URL.parse(origin)?.host !== host;
}

export function proxy(request: NextRequest) {
  if (crossSitePost(request)) {
    return new NextResponse("Refused: this form was posted from another site.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  // The live-updates stream answers 401 itself: an EventSource cannot follow a redirect to a page.
  // Calendar feeds carry their own secret (the API checks it): calendar programs have no session.
  const { pathname } = request.nextUrl;
  const answersSignedOutItself = pathname === "/sign-in" || pathname === "/live" || pathname.startsWith("/calendar/");
  if (!request.cookies.has(SESSION_COOKIE) && !answersSignedOutItself) {
    const signIn = new URL("/sign-in", request.url);
    const returnTo = request.nextUrl.pathname + request.nextUrl.search;
    if (returnTo !== "/") signIn.searchParams.set("next", returnTo);
    return NextResponse.redirect(signIn);
  }
  const policy = contentSecurityPolicy(btoa(crypto.randomUUID()));
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Everything except Next's static files and icons.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
