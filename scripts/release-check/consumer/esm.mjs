// An ES module consumer of the installed tarballs: every package is loaded with import().
import checks from "./checks.cjs";

console.log(
  await checks.run(
    "esm",
    (specifier) => import(specifier),
    (specifier) => import.meta.resolve(specifier),
    process.env,
  ),
);
