import {
  classifyCharacterUploadOperation,
  initCharacterUploadOperation,
  uploadCharacterImageOperation,
} from '../generated/meta.js';
import * as sdk from '../generated/sdk.gen.js';
import type { Classification, UploadInitRequest, UploadTicket } from '../generated/types.gen.js';
import type { AurousCore } from '../core/core.js';
import { invoke } from '../core/invoke.js';
import type { CallOptions } from '../core/options.js';
import type { ApiResult } from '../core/result.js';

/** Bytes of an image, in any form a fetch body takes without streaming (so retries can resend it). */
export type ImageBytes = Blob | ArrayBuffer | ArrayBufferView;

/** `POST /v1/characters/uploads/init` — mints an upload ticket and its signed PUT URL. */
export function initUpload(
  core: AurousCore,
  body: UploadInitRequest,
  options?: CallOptions,
): Promise<ApiResult<UploadTicket>> {
  return invoke(core, initCharacterUploadOperation, (o) => sdk.initCharacterUpload({ ...o, body }), options);
}

/**
 * `PUT {upload_url}` — sends the bytes to the storage host with the ticket's `upload_headers`. The
 * URL is used as given (its signature is the only credential): no API key and no version header.
 */
export function putUpload(
  core: AurousCore,
  ticket: Pick<UploadTicket, 'upload_url' | 'upload_headers'>,
  bytes: ImageBytes,
  options?: CallOptions,
): Promise<ApiResult<void>> {
  const url = new URL(ticket.upload_url);
  const body = bytes instanceof Blob ? bytes : new Blob([bytes as ArrayBuffer]);
  return invoke(
    core,
    uploadCharacterImageOperation,
    // The generated client joins baseUrl and a path, so the opaque URL is split at its origin.
    // No `security` is passed, so no credential is added.
    ({ client, headers, signal }) =>
      client.put({
        baseUrl: url.origin,
        url: url.href.slice(url.origin.length),
        body,
        bodySerializer: null,
        headers: { ...ticket.upload_headers, ...headers },
        signal,
      }),
    options,
  );
}

/** `POST /v1/characters/uploads/classify` — detects the pose of uploaded bytes. */
export function classifyUpload(
  core: AurousCore,
  uploadId: string,
  options?: CallOptions,
): Promise<ApiResult<Classification>> {
  return invoke(
    core,
    classifyCharacterUploadOperation,
    (o) => sdk.classifyCharacterUpload({ ...o, body: { upload_id: uploadId } }),
    options,
  );
}
