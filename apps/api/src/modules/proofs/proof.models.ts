import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SpvProofPayload')
export class ProofPayloadModel {
  @Field({ description: 'base64url of the proof JSON (the /pact/spv answer)' }) encoded!: string;
  @Field({ description: 'The proof JSON, as text' }) json!: string;
  @Field({ description: 'sha256 (hex) of the evidence bundle' }) bundleHash!: string;
}

@ObjectType('ProofError')
export class ProofErrorModel {
  @Field() code!: string;
  @Field() message!: string;
}

@ObjectType('Proof', { description: 'A transaction SPV proof asked for by the tenant.' })
export class ProofModel {
  @Field(() => ID) id!: string;
  @Field({
    description: 'waiting_inclusion, waiting_reachability, ready, expiring, refreshed, expired or failed',
  })
  status!: string;
  @Field(() => String, { nullable: true }) eta!: string | null;
  @Field() network!: string;
  @Field(() => Int) chainId!: number;
  @Field() requestKey!: string;
  @Field(() => Int) targetChainId!: number;
  @Field() kind!: string;
  @Field() mode!: string;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) completedAt!: string | null;
  @Field(() => String, { nullable: true }) expiresAt!: string | null;
  @Field(() => ProofErrorModel, { nullable: true }) error!: ProofErrorModel | null;
  @Field(() => ProofPayloadModel, { nullable: true }) proof!: ProofPayloadModel | null;
}

@InputType('ProofRequestInput')
export class ProofRequestInputModel {
  @Field(() => String, { nullable: true }) network?: string | null;
  @Field(() => Int) chainId!: number;
  @Field() requestKey!: string;
  @Field(() => Int) targetChainId!: number;
  @Field(() => String, { nullable: true, description: 'TXOUT (default) or TX' }) kind?: string | null;
  @Field(() => String, { nullable: true, description: 'on_demand (default) or precompute' }) mode?:
    string | null;
}
