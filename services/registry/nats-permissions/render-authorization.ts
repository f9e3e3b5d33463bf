/** Writes users and their permissions as a nats-server `authorization` block (nats-server config syntax). */
import { DxError } from '../../common/errors/dx-error.js';
import type { NatsUserEntry, SubjectPermissions } from './nats-permissions.types.js';

/**
 * Every value is written in double quotes, where nats-server neither expands `$variables` (bcrypt
 * hashes start with `$`) nor ends a value early. Anything that could break out of the quotes is
 * refused, so an odd name in the identities file cannot add rules of its own to the server's config.
 */
const SAFE_VALUE = /^[A-Za-z0-9_.\-$/*>]+$/;

export function renderAuthorization(users: NatsUserEntry[], header: string[]): string {
  const lines = [...header.map((h) => `# ${h}`), 'authorization {', '  users = ['];
  users.forEach((user, i) => {
    lines.push(
      `    # ${user.comment}`,
      '    {',
      `      user: ${quote(user.user)}`,
      `      password: ${quote(user.passwordBcrypt)}`,
      ...renderPermissions(user.permissions).map((line) => `      ${line}`),
      i < users.length - 1 ? '    },' : '    }',
    );
  });
  lines.push('  ]', '}');
  return `${lines.join('\n')}\n`;
}

function renderPermissions(permissions: SubjectPermissions): string[] {
  return [
    'permissions: {',
    '  publish: {',
    ...list('allow', permissions.publish.allow),
    ...(permissions.publish.deny.length > 0 ? list('deny', permissions.publish.deny) : []),
    '  }',
    '  subscribe: {',
    ...list('allow', permissions.subscribe.allow),
    '  }',
    ...(permissions.allowResponses ? ['  allow_responses: true'] : []),
    '}',
  ];
}

function list(name: string, subjects: string[]): string[] {
  return [
    `    ${name}: [`,
    ...subjects.map((s, i) => `      ${quote(s)}${i < subjects.length - 1 ? ',' : ''}`),
    '    ]',
  ];
}

function quote(value: string): string {
  if (!SAFE_VALUE.test(value)) {
    throw new DxError(
      'BAD_ARGUMENT',
      `${JSON.stringify(value)} cannot be written into a nats-server config: only letters, digits and _ . - $ / * > are allowed`,
      { value, rule: 'pattern', expected: SAFE_VALUE.source },
    );
  }
  return `"${value}"`;
}
