import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('RetentionPolicy')
export class RetentionPolicyModel {
  @Field(() => Int) hotTtlDays!: number;
  @Field(() => Int) archiveYears!: number;
  @Field() legalHold!: boolean;
  @Field(() => String, { nullable: true }) legalHoldReason!: string | null;
  @Field(() => String, { nullable: true }) legalHoldSetAt!: string | null;
  @Field(() => [Int]) hotTtlDayChoices!: number[];
  @Field(() => Int, {
    nullable: true,
    description: 'Days after issue at which proofs are deleted; null under legal hold',
  })
  deleteAfterDays!: number | null;
}

@InputType('RetentionPolicyInput')
export class RetentionPolicyInputModel {
  @Field(() => Int, { nullable: true }) hotTtlDays?: number | null;
  @Field(() => Int, { nullable: true }) archiveYears?: number | null;
  @Field(() => Boolean, { nullable: true }) legalHold?: boolean | null;
  @Field(() => String, { nullable: true }) legalHoldReason?: string | null;
}
