import { Field, ID, ObjectType } from "type-graphql";
import { Payload } from "../common/payload.ts";
import { SavedView } from "./saved-view.type.ts";

@ObjectType()
export class SaveViewPayload extends Payload {
  @Field(() => SavedView, { nullable: true })
  savedView: SavedView | null = null;
}

@ObjectType()
export class DeleteViewPayload extends Payload {
  @Field(() => ID, { nullable: true, description: "The ID of the view deleted." })
  deletedId: string | null = null;
}
