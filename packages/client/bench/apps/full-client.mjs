// The same call through `new Aurous()`: every operation, the helpers and every validator come along.
import { Aurous } from "@aurous/client";

const aurous = new Aurous({ apiKey: "al_live_example" });
const { data, requestId } = await aurous.characters.get("char_01HXMQ7Z3K8Y2NABCDEFGHJKMR");
console.log(data.name, requestId);
