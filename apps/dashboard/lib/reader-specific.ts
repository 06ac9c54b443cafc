// Which shared answers must stay with one reader (see shared-reads.ts).
import { print, type DocumentNode } from "graphql";

/**
 * What makes an answer the reader's own rather than their role's: fields about the viewer (whether
 * they watch, their notifications and views) and "mine" filters, in the document or its variables.
 */
const READER_SPECIFIC = /\b(viewerIsWatching|unreadNotificationCount|notifications|savedViews)\b|\bmine\s*:\s*true\b/;
const documentIsReaderSpecific = new WeakMap<object, boolean>();

/** Whether two readers of the same role may get different answers to `document` with these variables. */
export function answersDifferPerReader(document: DocumentNode, variablesJson: string): boolean {
  let specific = documentIsReaderSpecific.get(document);
  if (specific === undefined) {
    specific = READER_SPECIFIC.test(print(document));
    documentIsReaderSpecific.set(document, specific);
  }
  return specific || variablesJson.includes('"mine":true');
}
