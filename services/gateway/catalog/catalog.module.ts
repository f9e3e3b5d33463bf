/** The gateway's view of the contract registry. */
import { Module } from '@nestjs/common';
import { ContractCatalog } from './contract-catalog.js';

@Module({ providers: [ContractCatalog], exports: [ContractCatalog] })
export class CatalogModule {}
