import { describe, expect, it } from '@jest/globals';
import { consoleUrl } from './home.controller.js';

describe("the gateway's front door", () => {
  it('leads to the console on its port of the host the browser asked for', () => {
    expect(consoleUrl({ hostname: 'plant.example', protocol: 'http' }, {})).toBe(
      'http://plant.example:8083/console/',
    );
    expect(consoleUrl({ hostname: '127.0.0.1', protocol: 'http' }, { CONSOLE_PORT: '9100' })).toBe(
      'http://127.0.0.1:9100/console/',
    );
  });

  it('leads to DX_CONSOLE_URL when the console is published elsewhere', () => {
    expect(
      consoleUrl(
        { hostname: 'gw', protocol: 'http' },
        { DX_CONSOLE_URL: 'https://console.example/console/' },
      ),
    ).toBe('https://console.example/console/');
  });
});
