"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { engagementHref } from "../lib/routes";

/**
 * A link to an engagement's page that prefetches it only when the reader shows intent (pointer
 * over it, focus, touch). Lists show dozens of these, and a live refresh re-renders the list: had
 * each link prefetched on sight, every change would render every linked engagement for every
 * open page.
 */
export function EngagementLink({ id, className, children }: { id: string; className?: string; children: ReactNode }) {
  const [intended, setIntended] = useState(false);
  const intend = () => setIntended(true);
  return (
    <Link
      href={engagementHref(id)}
      className={className}
      prefetch={intended ? null : false}
      onMouseEnter={intend}
      onFocus={intend}
      onTouchStart={intend}
    >
      {children}
    </Link>
  );
}
