/** Who may read what: the check every catch-up page and latest value goes through. */
import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ReadAccess } from './read-access.js';

@Module({ imports: [CatalogModule], providers: [ReadAccess], exports: [ReadAccess] })
export class AccessModule {}
