import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('Event', { description: 'An event submitted for anchoring.' })
export class EventModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'received, batched, submitted, anchored, proof_ready or failed' }) status!: string;
  @Field(() => ID, { nullable: true }) batchId!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO-8601: when the proof is expected to be ready' })
  eta!: string | null;
  @Field() namespace!: string;
  @Field() digestAlgorithm!: string;
  @Field({ description: 'hex' }) digest!: string;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) anchoredAt!: string | null;
}

@ObjectType('AcceptedEvent')
export class AcceptedEventModel {
  @Field(() => ID) id!: string;
  @Field() status!: string;
}

@InputType('EventSignatureInput', { description: 'ed25519 over digest ‖ u64be(timestamp) ‖ nonce' })
export class EventSignatureInputModel {
  @Field(() => ID) keyId!: string;
  @Field(() => Float, { description: 'Milliseconds since the epoch' }) timestamp!: number;
  @Field() nonce!: string;
  @Field({ description: '64 bytes of hex' }) value!: string;
}

@InputType('EventSubmissionInput', { description: 'Give exactly one of digest (hex) or data.' })
export class EventSubmissionInputModel {
  @Field(() => String, { nullable: true }) digest?: string | null;
  @Field(() => String, { nullable: true }) data?: string | null;
  @Field(() => String, { nullable: true }) namespace?: string | null;
  @Field(() => String, { nullable: true }) routingKey?: string | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
  @Field(() => String, { nullable: true, description: 'A JSON object, as text' }) metadataJson?:
    string | null;
  @Field(() => EventSignatureInputModel, { nullable: true }) signature?: EventSignatureInputModel | null;
}
