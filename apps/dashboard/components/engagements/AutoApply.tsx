"use client";

import { useEffect, useRef } from "react";

/** How long typing must pause before a search is applied. */
const TYPING_PAUSE_MS = 400;

/**
 * Applies the enclosing filter form as it changes: at once for a checkbox, radio, select or
 * date, after a pause in typing for text. Without JavaScript nothing happens and the form's
 * Apply button does the same. Hand-written: a few dozen lines of DOM events, no library needed.
 */
export function AutoApply() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const form = marker.current?.closest("form");
    if (!form) return;
    let typing: ReturnType<typeof setTimeout> | undefined;
    const isText = (target: EventTarget | null) =>
      target instanceof HTMLInputElement && (target.type === "search" || target.type === "text");
    const apply = () => {
      clearTimeout(typing);
      form.requestSubmit();
    };
    const onInput = (event: Event) => {
      if (!isText(event.target)) return;
      clearTimeout(typing);
      typing = setTimeout(apply, TYPING_PAUSE_MS);
    };
    const onChange = (event: Event) => {
      // A text field's change (on leaving it) was already applied as it was typed.
      if (!isText(event.target)) apply();
    };
    form.addEventListener("input", onInput);
    form.addEventListener("change", onChange);
    // Typed or ticked while the page was still loading, before these listeners existed: apply it now.
    if (changedBeforeScripts(form)) typing = setTimeout(apply, TYPING_PAUSE_MS);
    return () => {
      clearTimeout(typing);
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onChange);
    };
  }, []);
  return <span ref={marker} hidden />;
}

/** Whether a control of the form no longer shows what the server rendered into it. */
function changedBeforeScripts(form: HTMLFormElement): boolean {
  return [...form.elements].some((element) => {
    if (element instanceof HTMLSelectElement) {
      return [...element.options].some((option) => option.selected !== option.defaultSelected);
    }
    if (!(element instanceof HTMLInputElement)) return false;
    if (element.type === "checkbox" || element.type === "radio") return element.checked !== element.defaultChecked;
    return element.value !== element.defaultValue;
  });
}
