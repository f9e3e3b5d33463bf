/**
 * Compatibility cases: contentEncoding and contentMediaType, which say how to read a string: added
 * narrows, removed widens, changed breaks both ways, as Apicurio Registry rules (Confluent's library
 * ignores them); and `$id`, which names a schema without constraining it: never breaking (Confluent:
 * ID_CHANGED, compatible).
 */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { reading } from './plant-schemas.js';

const snapshot = (keywords: Record<string, unknown>) =>
  reading('snapshot', { type: 'string', description: 'Camera snapshot of the sight glass.', ...keywords });

export const CONTENT_AND_ID_CASES: CompatibilityCase[] = [
  {
    name: 'contentEncoding added to a string changes how it must be read: a new reader of old data breaks',
    old: snapshot({}),
    new: snapshot({ contentEncoding: 'base64' }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['CONTENT_ENCODING_ADDED'],
  },
  {
    name: 'contentEncoding removed is fine for a new reader',
    old: snapshot({ contentEncoding: 'base64' }),
    new: snapshot({}),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['CONTENT_ENCODING_REMOVED'],
  },
  {
    name: 'contentEncoding changed from base64 to base32 breaks both ways',
    old: snapshot({ contentEncoding: 'base64' }),
    new: snapshot({ contentEncoding: 'base32' }),
    mode: 'FULL',
    compatible: false,
    changes: ['CONTENT_ENCODING_CHANGED'],
  },
  {
    name: 'contentMediaType added is fine for an old reader',
    old: snapshot({ contentEncoding: 'base64' }),
    new: snapshot({ contentEncoding: 'base64', contentMediaType: 'image/png' }),
    mode: 'FORWARD',
    compatible: true,
    changes: ['CONTENT_MEDIA_TYPE_ADDED'],
  },
  {
    name: 'contentMediaType removed breaks an old reader that decodes PNG',
    old: snapshot({ contentEncoding: 'base64', contentMediaType: 'image/png' }),
    new: snapshot({ contentEncoding: 'base64' }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['CONTENT_MEDIA_TYPE_REMOVED'],
  },
  {
    name: 'contentMediaType changed from PNG to JPEG breaks both ways',
    old: snapshot({ contentEncoding: 'base64', contentMediaType: 'image/png' }),
    new: snapshot({ contentEncoding: 'base64', contentMediaType: 'image/jpeg' }),
    mode: 'FULL',
    compatible: false,
    changes: ['CONTENT_MEDIA_TYPE_CHANGED'],
  },
  {
    name: 'a changed $id of the schema is an annotation, fine both ways',
    old: { ...snapshot({}), $id: 'urn:dx:contract:vr.scene-state:1.0.0' },
    new: { ...snapshot({}), $id: 'urn:dx:contract:vr.scene-state:1.1.0' },
    mode: 'FULL',
    compatible: true,
    changes: ['ANNOTATION_CHANGED'],
  },
];
