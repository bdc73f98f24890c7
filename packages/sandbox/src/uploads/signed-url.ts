// Upload URLs: PUT {origin}/storage/uploads/{upload_id}?expires=<unix s>&signature=<hex>, where the
// signature is HMAC-SHA256 over the upload id, `expires` and the ticket's content type. The URL is
// the PUT's only credential, so everything that matters about it is signed.
import { hexEquals, hmacHex } from "../crypto.js";

export class UploadUrlSigner {
  constructor(private readonly secret: Buffer) {}

  sign(uploadId: string, expiresSec: number, contentType: string): string {
    return hmacHex(this.secret, "upload", uploadId, String(expiresSec), contentType);
  }

  url(origin: string, uploadId: string, expiresSec: number, contentType: string): string {
    const query = new URLSearchParams({
      expires: String(expiresSec),
      signature: this.sign(uploadId, expiresSec, contentType),
    });
    return `${origin}/storage/uploads/${uploadId}?${query.toString()}`;
  }

  verify(uploadId: string, expiresSec: number, contentType: string, signature: string): boolean {
    return hexEquals(this.sign(uploadId, expiresSec, contentType), signature);
  }
}
