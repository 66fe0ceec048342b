// The copies progress page updates itself while copies are being made: it fetches the page
// again every few seconds and swaps in the new table. Without JavaScript, reloading does the same.
const EVERY_MS = 3000;

async function refresh() {
  const here = document.getElementById("copies-progress");
  if (!here || here.dataset.waiting !== "true") return;
  try {
    const response = await fetch(window.location.href, { credentials: "same-origin" });
    if (response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("copies-progress");
      if (fresh) {
        here.innerHTML = fresh.innerHTML;
        here.dataset.waiting = fresh.dataset.waiting;
      }
    }
  } catch {
    // Offline for a moment: try again at the next tick.
  }
  if (here.dataset.waiting === "true") window.setTimeout(refresh, EVERY_MS);
}

window.setTimeout(refresh, EVERY_MS);
