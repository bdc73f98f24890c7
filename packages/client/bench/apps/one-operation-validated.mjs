// The same app with that operation's response schemas switched on.
import { createAurous, getCharacter, getCharacterValidators } from "@aurous/client";

const aurous = createAurous({ apiKey: "al_live_example", validators: { getCharacter: getCharacterValidators } });
const { data, requestId } = await getCharacter(aurous, "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR");
console.log(data.name, requestId);
