import { describe, expect, it } from '@jest/globals';
import { natsServerOptions } from './nats-url.js';

describe('NATS_URL', () => {
  it('passes a URL without credentials on as it is', () => {
    expect(natsServerOptions('nats://127.0.0.1:4222')).toEqual({ servers: 'nats://127.0.0.1:4222' });
    expect(natsServerOptions('127.0.0.1:4222')).toEqual({ servers: '127.0.0.1:4222' });
  });

  it('takes the user and the password out of the URL, decoding what was escaped', () => {
    expect(natsServerOptions('nats://hub:p%40ss%2Fword@nats.plant:4222')).toEqual({
      servers: 'nats://nats.plant:4222',
      user: 'hub',
      pass: 'p@ss/word',
      inboxPrefix: '_INBOX.hub',
    });
  });
});
