import { Module } from '@nestjs/common';
import { ProofsModule } from '../proofs/proofs.module';
import { WatchesController } from './watches.controller';
import { WatchesResolver } from './watches.resolver';
import { WatchesService } from './watches.service';

/** Request-key watches: precomputed proofs, REST and GraphQL. */
@Module({
  imports: [ProofsModule],
  controllers: [WatchesController],
  providers: [WatchesService, WatchesResolver],
})
export class WatchesModule {}
