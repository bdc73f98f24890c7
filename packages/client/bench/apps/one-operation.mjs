// A small app calling one operation through the tree-shakeable functions, without validators.
import { createAurous, getCharacter } from "@aurous/client";

const aurous = createAurous({ apiKey: "al_live_example" });
const { data, requestId } = await getCharacter(aurous, "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR");
console.log(data.name, requestId);
