// Progressive enhancement only: every page works without this script.
// Marks the page as able to run GOV.UK Frontend's scripts, then starts them.
import { initAll } from "/assets/govuk-frontend.min.js";

document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
initAll();
