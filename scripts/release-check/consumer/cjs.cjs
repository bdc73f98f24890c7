// A CommonJS consumer of the installed tarballs: every package is loaded with require().
"use strict";
const checks = require("./checks.cjs");

checks
  .run(
    "cjs",
    async (specifier) => require(specifier),
    (specifier) => require.resolve(specifier),
    process.env,
  )
  .then(
    (log) => console.log(log),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
