import { Field, ID, InterfaceType } from "type-graphql";

export type NodeTypeName =
  | "Engagement"
  | "Series"
  | "Organization"
  | "Milestone"
  | "Comment"
  | "Notification"
  | "StatusChange"
  | "User"
  | "ApiToken"
  | "CalendarFeed"
  | "SavedView"
  | "WebhookEndpoint"
  | "WebhookDelivery";

// Relay's global ID format ("Type:rowId" in base64), written with Buffer: graphql-relay's own
// base64 is portable JavaScript, and encoding every ID of a page with it showed in profiles.
const toGlobalId = (type: NodeTypeName, rowId: string) => Buffer.from(`${type}:${rowId}`).toString("base64");

function fromGlobalId(globalId: string): { type: string; id: string } {
  const decoded = Buffer.from(globalId, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return { type: decoded.substring(0, colon), id: decoded.substring(colon + 1) };
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (text: string) => UUID_PATTERN.test(text);

@InterfaceType({ description: "An object with a globally unique ID, fetchable with `node(id:)`." })
export abstract class Node {
  @Field(() => ID, { description: "Globally unique, opaque ID." })
  id: string;
}

/** Base of every object type backed by a database row: exposes the row's UUID as a global ID. */
export abstract class NodeObject implements Node {
  protected abstract readonly typename: NodeTypeName;
  /** The row's primary key. */
  rowId: string;

  get id(): string {
    return toGlobalId(this.typename, this.rowId);
  }
}

/** Builds an object type instance from a row, keeping the row's `id` as `rowId`. */
export function fromRow<T extends NodeObject, R extends { id: string }>(Type: new () => T, row: R): T & Omit<R, "id"> {
  const { id, ...fields } = row;
  return Object.assign(new Type(), fields, { rowId: id });
}

export interface DecodedId {
  type: NodeTypeName;
  rowId: string;
}

/** Decodes a global ID; null when it is malformed (so callers answer "not found"). */
export function decodeGlobalId(globalId: string): DecodedId | null {
  const decoded = fromGlobalId(globalId);
  if (!isUuid(decoded.id)) return null;
  return { type: decoded.type as NodeTypeName, rowId: decoded.id };
}

/** The row ID inside a global ID of the given type, or null. */
export function rowIdOf(type: NodeTypeName, globalId: string): string | null {
  const decoded = decodeGlobalId(globalId);
  return decoded?.type === type ? decoded.rowId : null;
}

export function globalIdOf(type: NodeTypeName, rowId: string): string {
  return toGlobalId(type, rowId);
}
