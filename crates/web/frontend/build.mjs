// Builds Coproduce's stylesheet and copies GOV.UK Frontend's script into the
// folder given as the first argument. Called by the web crate's build.rs.
import { compile } from "sass";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, "dist");
mkdirSync(out, { recursive: true });

const result = compile(join(here, "app.scss"), {
  loadPaths: [join(here, "node_modules")],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(out, "app.css"), result.css);
copyFileSync(
  join(here, "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js"),
  join(out, "govuk-frontend.min.js"),
);
copyFileSync(join(here, "app.js"), join(out, "app.js"));
console.log(`built ${out}`);
