import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Watch', { description: 'A request key followed until its proof is precomputed.' })
export class WatchModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'active, fired, expired or cancelled' }) status!: string;
  @Field() network!: string;
  @Field(() => Int) chainId!: number;
  @Field() requestKey!: string;
  @Field(() => Int) targetChainId!: number;
  @Field() kind!: string;
  @Field(() => ID, { nullable: true }) proofId!: string | null;
  @Field(() => String, { nullable: true }) proofStatus!: string | null;
  @Field(() => String, { nullable: true }) firedAt!: string | null;
  @Field(() => String, { nullable: true }) expiresAt!: string | null;
  @Field() createdAt!: string;
}

@InputType('WatchInput')
export class WatchInputModel {
  @Field(() => String, { nullable: true }) network?: string | null;
  @Field(() => Int) chainId!: number;
  @Field() requestKey!: string;
  @Field(() => Int, { nullable: true }) targetChainId?: number | null;
  @Field(() => String, { nullable: true }) kind?: string | null;
}
