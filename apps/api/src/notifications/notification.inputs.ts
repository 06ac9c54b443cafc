import { ArrayMaxSize, IsOptional } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Marks the viewer's notifications read: those named, or all of them." })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100, { message: "Mark at most 100 at once, or all." })
  ids?: string[] | null;

  @Field(() => Boolean, { defaultValue: false, description: "Every unread notification of the viewer." })
  all: boolean;
}

@InputType()
export class WatchEngagementInput {
  @Field(() => ID)
  engagementId: string;

  @Field(() => Boolean, { description: "true to watch, false to stop (automatic watching then leaves you alone)." })
  watching: boolean;
}
