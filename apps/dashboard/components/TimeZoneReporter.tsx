"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "../lib/time-zone-cookie";

/**
 * The server cannot know the reader's time zone, so it shows instants in UTC until the
 * browser reports its zone in a cookie; then the page re-renders in local time.
 */
export function TimeZoneReporter({ known }: { known: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}`;
    // Already reported (the server may not know the zone): refreshing again would loop.
    if (!zone || zone === known || document.cookie.split("; ").includes(cookie)) return;
    document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [known, router]);
  return null;
}
