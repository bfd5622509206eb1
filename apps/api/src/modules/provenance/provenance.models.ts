import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ProvenanceEntry')
export class ProvenanceEntryModel {
  @Field() sequence!: string;
  @Field({ description: 'issued, refreshed or deleted' }) action!: string;
  @Field() subjectKind!: string;
  @Field() subjectId!: string;
  @Field({ description: 'sha256 (hex) of the evidence bundle' }) proofHash!: string;
  @Field() nodeUrl!: string;
  @Field() chainwebVersion!: string;
  @Field() serviceVersion!: string;
  @Field() buildHash!: string;
  @Field() observedAt!: string;
  @Field() recordedAt!: string;
  @Field() entryBytes!: string;
  @Field() leafHash!: string;
}

@ObjectType('ProvenanceAnchor')
export class ProvenanceAnchorModel {
  @Field() network!: string;
  @Field(() => Int) chainId!: number;
  @Field() requestKey!: string;
  @Field(() => String, { nullable: true }) blockHash!: string | null;
  @Field(() => Int, { nullable: true }) blockHeight!: number | null;
  @Field(() => String, { nullable: true }) anchoredAt!: string | null;
}

@ObjectType('ProvenanceCheckpoint')
export class ProvenanceCheckpointModel {
  @Field() logId!: string;
  @Field() treeSize!: string;
  @Field() rootHash!: string;
  @Field() signature!: string;
  @Field() signingKeyId!: string;
  @Field() createdAt!: string;
  @Field(() => ProvenanceAnchorModel, { nullable: true }) anchor!: ProvenanceAnchorModel | null;
}

@ObjectType('ProvenanceInclusion')
export class ProvenanceInclusionModel {
  @Field() sequence!: string;
  @Field({ description: 'merkle-log proof object, base64url' }) proof!: string;
}

@ObjectType('ProofProvenance')
export class ProofProvenanceModel {
  @Field() proofId!: string;
  @Field(() => [ProvenanceEntryModel]) entries!: ProvenanceEntryModel[];
  @Field(() => ProvenanceCheckpointModel, { nullable: true }) checkpoint!: ProvenanceCheckpointModel | null;
  @Field(() => [ProvenanceInclusionModel]) inclusion!: ProvenanceInclusionModel[];
  @Field(() => String, { nullable: true, description: 'The anchored checkpoint proof, as JSON text' })
  anchoredProofJson!: string | null;
}
