// The upload flow and everything that can go wrong in it: init, the signed PUT, classify.

import { specLimits } from "../../spec/limits.js";
import { png } from "../png.js";
import { req, UNKNOWN_UPLOAD } from "../requests.js";
import { body, must, type World } from "../world.js";

interface Ticket {
  upload_id: string;
  upload_url: string;
}

export async function uploadScenarios(w: World): Promise<void> {
  const { rec, main } = w;
  const init = "initCharacterUpload";
  const put = "uploadCharacterImage";
  const classify = "classifyCharacterUpload";

  // init: success and its validation codes.
  const minted = await rec.expect(init, 201, null, req.init(main), "strict", "mint a PNG ticket");
  const ticket = must(body<Ticket>(minted.exchange), "a ticket");
  await rec.expect(
    init,
    400,
    "missing_field",
    req.init(main, { extension: "png", content_type: "image/png" }),
    "observe",
    "no filename",
  );
  await rec.expect(
    init,
    400,
    "invalid_format",
    req.init(main, { filename: "a.gif", extension: "gif", content_type: "image/png" }),
    "observe",
    "extension outside the enum",
  );
  await rec.expect(
    init,
    400,
    "value_out_of_range",
    req.init(main, { filename: `${"f".repeat(121)}.png`, extension: "png", content_type: "image/png" }),
    "observe",
    "filename of 125 characters",
  );
  await rec.expect(
    init,
    400,
    "parameter_invalid_combination",
    req.init(main, { filename: "a.jpg", extension: "jpg", content_type: "image/png" }),
    "observe",
    "jpg extension with image/png",
  );

  // The signed PUT. Every failure below leaves the ticket usable, so the success comes last.
  const bytes = png(64, 128); // tall: the sandbox labels it `front`
  const url = new URL(ticket.upload_url);
  const tampered = new URL(url);
  tampered.searchParams.set(
    "signature",
    (url.searchParams.get("signature") ?? "").replace(/^./, (c) => (c === "0" ? "1" : "0")),
  );
  await rec.expect(
    put,
    401,
    "signature_invalid",
    req.put(tampered.toString(), "image/png", bytes),
    "strict",
    "one hex digit of the signature changed",
  );
  await rec.expect(
    put,
    400,
    "content_type_mismatch",
    req.put(ticket.upload_url, "image/jpeg", bytes),
    "strict",
    "image/jpeg bytes header on an image/png ticket",
  );
  await rec.expect(
    put,
    400,
    "upload_content_invalid",
    req.put(ticket.upload_url, "image/png", new TextEncoder().encode("definitely not a PNG image, just text")),
    "strict",
    "text declared as image/png",
  );
  // Prism 5.16's proxy re-encodes binary request bodies as UTF-8 text (a PNG arrives corrupted)
  // and answers bodies over 10 MB itself, outside the envelope. The two PUTs whose bytes matter
  // therefore go straight to the server, judged by the same response checks without Prism.
  const huge = new Uint8Array(specLimits().upload_bytes + 1);
  huge.set(bytes);
  await rec.expect(
    put,
    413,
    "upload_too_large",
    req.put(ticket.upload_url, "image/png", huge),
    "direct",
    "the documented upload limit + 1 byte (direct: Prism caps bodies at 10 MB)",
  );
  await rec.expect(
    put,
    204,
    null,
    req.put(ticket.upload_url, "image/png", bytes),
    "direct",
    "real PNG bytes (direct: Prism corrupts binary bodies)",
  );

  // classify: success, validation, unknown upload, another team's upload.
  await rec.expect(
    classify,
    200,
    null,
    req.classify(main, { upload_id: ticket.upload_id }),
    "strict",
    "classify an uploaded PNG",
  );
  await rec.expect(classify, 400, "missing_field", req.classify(main, {}), "observe", "empty body");
  await rec.expect(
    classify,
    400,
    "invalid_format",
    req.classify(main, { upload_id: 42 as unknown as string }),
    "observe",
    "an upload id that is not a string",
  );
  // The classify seed's own curl example: an id of another shape is simply unknown.
  await rec.expect(
    classify,
    400,
    "upload_invalid",
    req.classify(main, { upload_id: "upl_01HXMQ7Z3K8Y2ABCDEFGHJKM" }),
    "strict",
    "the seed's example id (another shape)",
  );
  await rec.expect(
    classify,
    400,
    "upload_invalid",
    req.classify(main, { upload_id: UNKNOWN_UPLOAD }),
    "strict",
    "upload nobody minted",
  );
  const theirs = await rec.send(init, req.init(w.second));
  await rec.expect(
    classify,
    404,
    "resource_not_found",
    req.classify(main, { upload_id: body<Ticket>(theirs).upload_id }),
    "strict",
    "another team's upload",
  );

  // Consume the ticket (upload flow); afterwards PUT and classify answer upload_invalid.
  const created = await rec.expect(
    "createCharacter",
    201,
    null,
    req.create(main, { name: "Contract Upload Flow", upload_ids: [ticket.upload_id], client_reference_id: "ct-1" }),
    "strict",
    "upload-flow create",
  );
  w.readyId = body<{ id: string }>(created.exchange).id;
  await rec.expect(
    put,
    400,
    "upload_invalid",
    req.put(ticket.upload_url, "image/png", bytes),
    "strict",
    "PUT to a consumed ticket",
  );
  await rec.expect(
    classify,
    400,
    "upload_invalid",
    req.classify(main, { upload_id: ticket.upload_id }),
    "strict",
    "classify a consumed upload",
  );

  // The URL expires after 15 minutes: only a server whose clock we can move shows it quickly.
  // Last, since moving the clock expires every URL minted so far.
  if (rec.target.hooks?.advanceClock) {
    const late = await rec.send(init, req.init(main));
    const lateTicket = body<Ticket>(late);
    await rec.target.hooks.advanceClock(16 * 60 * 1000);
    await rec.expect(
      put,
      401,
      "upload_url_expired",
      req.put(lateTicket.upload_url, "image/png", bytes),
      "strict",
      "PUT 16 minutes after minting",
    );
  }
}
