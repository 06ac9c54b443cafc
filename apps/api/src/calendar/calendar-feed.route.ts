import type { PrismaClient } from "@engagement-tracker/db";
import { Router } from "express";
import fresh from "fresh";
import { openFeed } from "./calendar-feed.service.ts";

/**
 * `GET /calendar/<token>.ics`: the feed calendar programs poll. The token in the path is the only
 * credential they send. Any token that opens nothing gets the same bare 404, so the answer tells
 * nothing of which tokens exist, were revoked or belong to a disabled user.
 */
export function calendarFeedRoutes(prisma: PrismaClient): Router {
  const router = Router();
  router.get("/calendar/:file", async (request, response) => {
    const file = request.params.file;
    const feed = file.endsWith(".ics") ? await openFeed(prisma, file.slice(0, -".ics".length)) : null;
    if (!feed) {
      response.status(404).type("text/plain").send("Not found\n");
      return;
    }
    response.set({
      "Content-Type": "text/calendar; charset=utf-8",
      ETag: feed.etag,
      "Last-Modified": feed.lastModified.toUTCString(),
      // Every poll asks again (cheaply, with If-None-Match); shared caches keep nothing, as the URL is a secret.
      "Cache-Control": "private, no-cache",
      "Referrer-Policy": "no-referrer",
    });
    // Only the validators are compared: fetch() and some calendar programs add `Cache-Control: no-cache`
    // to every conditional request, which makes Express's `request.fresh` always false, though the
    // directive asks caches in between to revalidate, and this is the revalidation.
    const validators = {
      "if-none-match": request.get("if-none-match"),
      "if-modified-since": request.get("if-modified-since"),
    };
    if (fresh(validators, { etag: feed.etag, "last-modified": feed.lastModified.toUTCString() })) {
      response.status(304).end();
      return;
    }
    response.send(await feed.render());
  });
  return router;
}
