"use client";

import { useEffect, useRef, type RefObject } from "react";

const QUESTION = "Leave this page? Your changes are not saved.";

/**
 * Warns before an edited form is left: on closing or reloading the tab (the browser's own
 * question) and on following a link within the dashboard (which never unloads the page).
 * Submitting the form is not leaving it; `refusal` is the answer to a submission that saved
 * nothing (a new object each time), after which the form holds unsaved changes again.
 */
export function useUnsavedChangesWarning(form: RefObject<HTMLFormElement | null>, refusal: object | null): void {
  const edited = useRef(false);
  useEffect(() => {
    if (refusal) edited.current = true;
  }, [refusal]);
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const markEdited = () => (edited.current = true);
    const markSubmitted = () => (edited.current = false);
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (edited.current) event.preventDefault();
    };
    // Capturing on window runs before Next's <Link> handler, which skips a prevented click.
    const linkClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!edited.current || !link || element.contains(link) || window.confirm(QUESTION)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    element.addEventListener("input", markEdited);
    element.addEventListener("submit", markSubmitted);
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("click", linkClick, true);
    return () => {
      element.removeEventListener("input", markEdited);
      element.removeEventListener("submit", markSubmitted);
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("click", linkClick, true);
    };
  }, [form]);
}
