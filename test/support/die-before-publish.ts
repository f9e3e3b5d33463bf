/**
 * Loaded into a gateway process with `node --import` by the tests of a gateway that dies between its
 * commit and its publish: the first delivery of an event of the key DX_TEST_DIE_ON_KEY (after its commit,
 * before the producer's answer and any publish) kills the process outright, as a crash or an OOM kill
 * would at that moment. Test support only: no service reads this variable.
 */
import { DeliveryService } from '../../services/gateway/delivery/delivery.service.js';

const key = process.env.DX_TEST_DIE_ON_KEY;
const deliver = DeliveryService.prototype.deliver;
DeliveryService.prototype.deliver = function (this: DeliveryService, contract, events) {
  if (events.some((event) => event.key === key)) process.kill(process.pid, 'SIGKILL');
  return deliver.call(this, contract, events);
};
