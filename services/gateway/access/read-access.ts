/**
 * The gateway's check, on every replay page and latest value, that the caller may read the contract
 * (see mayRead). Over NATS the caller is the identity in the request's subject, which the broker lets
 * only that NATS user publish on; over HTTP it is the bearer token's.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DxError } from '../../common/errors/dx-error.js';
import { IDENTITY_DIRECTORY } from '../../common/http/identity.guard.js';
import type { IdentityDirectory } from '../../common/identity/identity-directory.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { ContractCatalog } from '../catalog/contract-catalog.js';
import { mayRead, readsEverything } from './may-read.js';

@Injectable()
export class ReadAccess {
  constructor(
    private readonly catalog: ContractCatalog,
    @Inject(IDENTITY_DIRECTORY) private readonly identities: IdentityDirectory,
  ) {}

  /**
   * The reader a NATS subject names. One the identities file does not list is an ordinary subsystem:
   * it reads what the registry says its id may, and has no role to claim more.
   */
  reader(id: string): Identity {
    return this.identities.find(id) ?? { id, role: 'subsystem' };
  }

  /** Resolves when `reader` may read `contractId`; READ_FORBIDDEN (or CONTRACT_NOT_FOUND) otherwise. */
  async check(reader: Identity, contractId: string): Promise<void> {
    if (readsEverything(reader)) return;
    let contract = this.catalog.contract(contractId);
    // A contract created or a consumer registered a moment ago: look again.
    if ((!contract || !mayRead(reader, contract)) && (await this.catalog.refreshAfterMiss()))
      contract = this.catalog.contract(contractId);
    if (!contract)
      throw new DxError('CONTRACT_NOT_FOUND', `there is no contract ${contractId}`, { contract: contractId });
    if (mayRead(reader, contract)) return;
    const owner = contract.descriptor.owner;
    throw new DxError(
      'READ_FORBIDDEN',
      `${reader.id} may not read ${contractId}: only its owner (${owner}), its registered consumers, ` +
        `architects and the hub may; register ${reader.id} as a consumer ` +
        `(dx contracts consumers ${contractId} --register ${reader.id} --majors <list>)`,
      { identity: reader.id, contract: contractId, owner, rule: 'owner-or-consumer' },
    );
  }
}
