import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Tenant')
export class TenantModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() slug!: string;
  @Field({ description: 'free, pro or enterprise' }) plan!: string;
  @Field({ description: 'active, suspended or deleted' }) status!: string;
  @Field({ description: 'The settings object as JSON text.' }) settingsJson!: string;
  @Field({ description: 'ISO-8601' }) createdAt!: string;
}

@ObjectType('Member')
export class MemberModel {
  @Field(() => ID) userId!: string;
  @Field() email!: string;
  @Field(() => String, { nullable: true }) displayName!: string | null;
  @Field({ description: 'owner, admin, developer, finance or viewer' }) role!: string;
  @Field() joinedAt!: string;
}

@ObjectType('Invitation')
export class InvitationModel {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() role!: string;
  @Field({ description: 'pending, accepted, revoked or expired' }) status!: string;
  @Field() expiresAt!: string;
  @Field() createdAt!: string;
}

@ObjectType('CreatedInvitation')
export class CreatedInvitationModel extends InvitationModel {
  @Field({ description: 'Secret for POST /v1/auth/accept-invitation; shown only in this response.' })
  token!: string;
}
