import { Injectable } from '@nestjs/common';

/** The wall clock, injected so services can be tested at fixed instants. */
@Injectable()
export class ClockRepository {
  now(): Date {
    return new Date();
  }
}
