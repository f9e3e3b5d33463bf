/**
 * The registry's AsyncAPI 3.0 document, as a page people read: the NATS server, then each channel
 * (its subject, who sends and receives, its messages) with every message's payload as field docs.
 */
import { Link } from 'wouter';
import type { JsonSchema } from '../api/types';
import { ErrorNote } from '../components/error-note';
import { SchemaFields } from '../components/schema-fields';
import { useHubData } from '../components/use-hub-data';
import { useSession } from '../session/session-context';

interface Channel {
  /** null for a reply channel: the answer goes to the requester's inbox. */
  address: string | null;
  title?: string;
  description?: string;
  messages?: Record<string, { $ref: string }>;
}
interface Message {
  title?: string;
  summary?: string;
  payload?: { schema?: JsonSchema };
}

export function AsyncApiPage() {
  const { client } = useSession();
  const doc = useHubData(() => client.asyncApi(), [client]);
  const d = doc.data as
    | {
        info?: { title?: string; version?: string; description?: string };
        servers?: Record<string, { host: string; protocol: string; description?: string }>;
        channels?: Record<string, Channel>;
        components?: { messages?: Record<string, Message> };
      }
    | undefined;
  const messageOf = (ref: string) => d?.components?.messages?.[ref.split('/').pop() ?? ''];
  return (
    <>
      <p className="breadcrumb">
        <Link href="/registry">Registry</Link> / <span>AsyncAPI</span>
      </p>
      <div className="page-head">
        <div>
          <h1>{d?.info?.title ?? 'AsyncAPI'} channels</h1>
          <p className="muted">
            {d?.info?.description} The machine-readable document:{' '}
            <a href="/console/api/registry/asyncapi.json">asyncapi.json</a> (AsyncAPI 3.0).
          </p>
        </div>
      </div>
      <ErrorNote error={doc.error} />
      {d?.servers && (
        <dl className="facts">
          {Object.entries(d.servers).map(([name, s]) => (
            <div key={name}>
              <dt>Server {name}</dt>
              <dd>
                {s.protocol}://{s.host} {s.description && <span className="muted">({s.description})</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <nav aria-label="Channels" className="toc">
        <ul>
          {Object.keys(d?.channels ?? {}).map((name) => (
            <li key={name}>
              <a href={`#channel-${name}`}>{channelName(name, d!.channels![name]!)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {Object.entries(d?.channels ?? {}).map(([name, channel]) => (
        <section key={name} id={`channel-${name}`} className="card" aria-labelledby={`channel-${name}-title`}>
          <h2 id={`channel-${name}-title`}>
            <code>{channelName(name, channel)}</code>
          </h2>
          {channel.title && <p className="strong">{channel.title}</p>}
          {channel.description && <p className="pre-line">{channel.description}</p>}
          {Object.entries(channel.messages ?? {}).map(([key, ref]) => {
            const message = messageOf(ref.$ref);
            const schema = message?.payload?.schema;
            return (
              <details key={key} className="message">
                <summary>
                  {message?.title ?? key} <span className="muted">{message?.summary}</span>
                </summary>
                {schema && <SchemaFields schema={schema} />}
              </details>
            );
          })}
        </section>
      ))}
    </>
  );
}

/** A channel's subject, or for a reply channel (no address of its own) what it answers. */
function channelName(name: string, channel: Channel): string {
  return channel.address ?? `${name} (replies, to the requester's inbox)`;
}
