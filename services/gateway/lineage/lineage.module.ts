/** Lineage over HTTP: where a derived event (a forecast, a health assessment) came from. */
import { Module } from '@nestjs/common';
import { IdentityGuard } from '../../common/http/identity.guard.js';
import { AccessModule } from '../access/access.module.js';
import { LineageController } from './lineage.controller.js';
import { LineageService } from './lineage.service.js';

@Module({
  imports: [AccessModule],
  controllers: [LineageController],
  providers: [LineageService, IdentityGuard],
})
export class LineageModule {}
