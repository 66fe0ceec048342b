// Start GOV.UK Frontend's components (skip link, error summary, service navigation, radios…).
// Loaded as a module from base.html; the CSP allows scripts from this site only.
import { initAll } from "./build/govuk/govuk-frontend.min.js";

initAll();
