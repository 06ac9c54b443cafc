import { LinkifyIt } from "linkify-it";

const linkify = new LinkifyIt();

/** A run of a comment's text: plain, or a web link (its text as written, its target normalised). */
export type CommentPiece = { text: string } | { text: string; href: string };

/**
 * A comment's lines, each split into text and links. Only http(s) links become links (never
 * `javascript:` or the like); everything is rendered as text by React, so markup stays text.
 */
export function commentLines(body: string): CommentPiece[][] {
  return body.split(/\r?\n/).map((line) => {
    const pieces: CommentPiece[] = [];
    let at = 0;
    for (const match of linkify.match(line) ?? []) {
      if (!/^https?:/i.test(match.url)) continue;
      if (match.index > at) pieces.push({ text: line.slice(at, match.index) });
      pieces.push({ text: match.raw, href: match.url });
      at = match.lastIndex;
    }
    if (at < line.length || pieces.length === 0) pieces.push({ text: line.slice(at) });
    return pieces;
  });
}
