// "Print this plan": shown only when JavaScript runs. Without it, the browser's own print works
// just as well, because the page's print styles hide everything but the document.
for (const wrapper of document.querySelectorAll("[data-tandem-print]")) {
  const button = wrapper.querySelector("button");
  button.addEventListener("click", () => window.print());
  wrapper.hidden = false;
}
