import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Batch', { description: 'A Merkle tree of event digests anchored in one Chainweb transaction.' })
export class BatchModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'open, sealed, submitted, confirmed, failed or superseded' }) status!: string;
  @Field() namespace!: string;
  @Field(() => String, { nullable: true, description: 'unpadded base64url' }) root!: string | null;
  @Field(() => Int) leafCount!: number;
  @Field() digestAlgorithm!: string;
  @Field() network!: string;
  @Field(() => Int) chainId!: number;
  @Field(() => String, { nullable: true }) requestKey!: string | null;
  @Field(() => String, { nullable: true }) blockHash!: string | null;
  @Field(() => Int, { nullable: true }) height!: number | null;
  @Field(() => Int) attempts!: number;
  @Field(() => ID, { nullable: true }) supersededById!: string | null;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) sealedAt!: string | null;
  @Field(() => String, { nullable: true }) submittedAt!: string | null;
  @Field(() => String, { nullable: true }) confirmedAt!: string | null;
}

@ObjectType('BatchPage')
export class BatchPageModel {
  @Field(() => [BatchModel]) items!: BatchModel[];
  @Field(() => String, { nullable: true }) nextCursor!: string | null;
}

@ObjectType('ProofVerification')
export class ProofVerificationModel {
  @Field() valid!: boolean;
  @Field(() => String, { nullable: true }) kind!: string | null;
  @Field(() => String, { nullable: true }) form!: string | null;
  @Field(() => Int, { nullable: true }) chain!: number | null;
  @Field(() => String, { nullable: true }) root!: string | null;
  @Field(() => [String]) checksPassed!: string[];
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => String, { nullable: true }) requestKey!: string | null;
}
