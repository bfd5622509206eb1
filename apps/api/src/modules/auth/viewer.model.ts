import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Viewer', { description: 'The caller: a user session or an API key.' })
export class ViewerModel {
  @Field({ description: 'user or api_key' }) kind!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => ID, { nullable: true }) userId!: string | null;
  @Field(() => String, { nullable: true }) role!: string | null;
  @Field(() => ID, { nullable: true }) apiKeyId!: string | null;
  @Field(() => [String], { nullable: true }) scopes!: string[] | null;
  @Field() plan!: string;
}
