import { Controller, Post } from '@nestjs/common';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidBody } from '../../platform/validation/valid-request.decorators';
import { ProofVerificationView, VerifyProofBody } from './dto/batch.schemas';
import { ProofVerificationService } from './proof-verification.service';

@Controller('v1/proofs')
export class ProofVerificationController {
  constructor(private readonly verification: ProofVerificationService) {}

  @Post('verify')
  @Endpoint({
    operationId: 'verifyProof',
    summary: 'Verify any proof offline: which checks passed, or why it failed',
    description:
      'An invalid proof is a 200 answer with `valid: false` and the reason; only a malformed request is a 4xx.',
    tag: 'proofs',
    access: { permission: 'proofs:read', scope: 'verify' },
    body: VerifyProofBody,
    response: ProofVerificationView,
  })
  verify(@ValidBody() body: VerifyProofBody): ProofVerificationView {
    return this.verification.verify(body);
  }
}
