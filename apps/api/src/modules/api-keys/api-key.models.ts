import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('ApiKey', { description: 'An API key; the secret itself is never readable after creation.' })
export class ApiKeyModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => [String]) scopes!: string[];
  @Field({ description: 'The first characters of the key, to recognise it.' }) start!: string;
  @Field() environment!: string;
  @Field({ description: 'active, expired or revoked' }) status!: string;
  @Field({ description: 'ISO-8601' }) createdAt!: string;
  @Field(() => String, { nullable: true }) expiresAt!: string | null;
  @Field(() => String, { nullable: true }) revokedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Updated in batches; may lag by up to a minute.' })
  lastUsedAt!: string | null;
  @Field(() => ID, { nullable: true }) rotatedFromId!: string | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => [String]) scopes!: string[];
  @Field() start!: string;
  @Field({ description: 'The secret key, shown only in this response.' }) key!: string;
  @Field() environment!: string;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) expiresAt!: string | null;
}

@ObjectType('ApiKeyPage')
export class ApiKeyPageModel {
  @Field(() => [ApiKeyModel]) items!: ApiKeyModel[];
  @Field(() => String, { nullable: true }) nextCursor!: string | null;
}

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field() name!: string;
  @Field(() => [String]) scopes!: string[];
  @Field(() => String, { nullable: true, description: 'ISO-8601, in the future' }) expiresAt?: string | null;
}
