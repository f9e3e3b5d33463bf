/** The schema of a contract version from the gateway's catalog: what the history projection reads fields from. */
import type { SchemaLookup } from '../../common/history/samples-of.js';
import type { ContractCatalog } from '../catalog/contract-catalog.js';

export function schemaLookupOf(catalog: ContractCatalog): SchemaLookup {
  return (contractId, version) =>
    catalog.contract(contractId)?.versions.find((v) => v.version === version)?.schema;
}
