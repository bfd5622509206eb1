import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditLogEntry')
export class AuditLogEntryModel {
  @Field(() => ID) id!: string;
  @Field() action!: string;
  @Field({ description: 'user, api_key or system' }) actorType!: string;
  @Field(() => String, { nullable: true }) actorId!: string | null;
  @Field(() => String, { nullable: true }) targetType!: string | null;
  @Field(() => String, { nullable: true }) targetId!: string | null;
  @Field(() => String, { nullable: true }) ip!: string | null;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field({ description: 'Action details as JSON text.' }) metadataJson!: string;
  @Field() createdAt!: string;
}

@ObjectType('AuditLogPage')
export class AuditLogPageModel {
  @Field(() => [AuditLogEntryModel]) items!: AuditLogEntryModel[];
  @Field(() => String, { nullable: true }) nextCursor!: string | null;
}
