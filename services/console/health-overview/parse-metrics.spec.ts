import { describe, expect, it } from '@jest/globals';
import { parseIngestCounters } from './parse-metrics.js';

describe("reading the gateway's ingest counters", () => {
  it('takes events per contract and refusals per code summed over contracts, and nothing else', () => {
    const text = [
      '# HELP dx_ingest_events_total Events stored, by contract.',
      '# TYPE dx_ingest_events_total counter',
      'dx_ingest_events_total{contract="scada.reactor-telemetry"} 1200',
      'dx_ingest_events_total{contract="scada.alarms"} 3',
      'dx_ingest_refusals_total{code="PAYLOAD_INVALID",contract="scada.alarms"} 5',
      'dx_ingest_refusals_total{code="PAYLOAD_INVALID",contract="(unknown)"} 2',
      'dx_ingest_refusals_total{code="NOT_OWNER",contract="scada.alarms"} 1',
      'dx_ingest_ack_seconds_bucket{le="0.005"} 1100',
      'dx_delivery_messages_total 2400',
    ].join('\n');
    expect(parseIngestCounters(text)).toEqual({
      events: { 'scada.reactor-telemetry': 1200, 'scada.alarms': 3 },
      refusals: { PAYLOAD_INVALID: 7, NOT_OWNER: 1 },
    });
  });

  it('gives empty counters for a gateway that has stored nothing yet', () => {
    expect(parseIngestCounters('# HELP dx_ingest_events_total x\n')).toEqual({ events: {}, refusals: {} });
  });
});
