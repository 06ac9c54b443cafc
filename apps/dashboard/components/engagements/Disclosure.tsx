"use client";

import { useState, type ReactNode } from "react";

/**
 * A `<details>` that opens as `initiallyOpen` says and then stays as the user left it, though
 * the page re-renders with each applied filter (a plain `open` prop would close it under them).
 */
export function Disclosure({
  summary,
  initiallyOpen,
  className,
  children,
}: {
  summary: string;
  initiallyOpen: boolean;
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details className={className} open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
