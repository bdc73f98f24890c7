// One valid call per operation through the public client, keyed by operationId: the tests that
// need "call operation X" (Prism's matrix, the docs-examples corpus) share it. The return type
// makes a new operation in the spec a compile error here.
import type { ApiResult, Aurous, CallOptions, OperationId } from '../../src/index.js';
import { CHARACTER_ID, UPLOAD_ID } from './fixtures.js';

export type OperationCall = (options: CallOptions) => Promise<ApiResult<unknown>>;

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/** `baseUrl` is the server the signed upload URL points at (the upload PUT goes there, not to the API). */
export function operationCalls(client: Aurous, baseUrl: string): Record<OperationId, OperationCall> {
  return {
    initCharacterUpload: (o) => client.uploads.init({ filename: 'front.jpg', extension: 'jpg', content_type: 'image/jpeg' }, o),
    uploadCharacterImage: (o) =>
      client.uploads.put(`${baseUrl}/storage/uploads/${UPLOAD_ID}?expires=1778235300&signature=${'9b'.repeat(32)}`, jpeg, {
        ...o,
        headers: { 'Content-Type': 'image/jpeg', ...o.headers },
      }),
    classifyCharacterUpload: (o) => client.uploads.classify({ upload_id: UPLOAD_ID }, o),
    createCharacter: (o) => client.characters.create({ name: 'Aurora', upload_ids: [UPLOAD_ID] }, o),
    listCharacters: (o) => client.characters.list({ limit: 2, status: 'ready' }, o),
    getCharacter: (o) => client.characters.get(CHARACTER_ID, o),
    updateCharacter: (o) => client.characters.update(CHARACTER_ID, { name: 'Aurora the Bold' }, o),
    deleteCharacter: (o) => client.characters.delete(CHARACTER_ID, o),
    saveCharacter: (o) => client.characters.save(CHARACTER_ID, o),
    regenerateCharacterRef: (o) => client.characters.regenerateRef(CHARACTER_ID, { pose: 'front' }, o),
    resynthesizeCharacter: (o) => client.characters.resynthesize(CHARACTER_ID, { force_all: true }, o),
  };
}
