// Served by scripts/dev.ts at /_atlas/dev-progress.js and imported by every
// page under `npm run dev` (never in a build): while the pipeline computes the
// study, a banner says what it is computing and roughly how long is left,
// from /_atlas/dev-progress.json. The charts appear as the pipeline finishes.
/* global document, fetch, setTimeout */
const banner = document.createElement("div");
banner.className = "atlas-dev-progress";
banner.setAttribute("role", "status");
banner.hidden = true;
document.body.prepend(banner);

const time = (s) => (s >= 90 ? `${Math.round(s / 60)} min` : `${s} s`);

async function poll() {
  let p;
  try {
    p = await (await fetch("/_atlas/dev-progress.json", {cache: "no-store"})).json();
  } catch {
    return setTimeout(poll, 2000); // the server restarting
  }
  if (p.state === "running") {
    banner.hidden = false;
    const left = p.leftS === null ? "estimating the time left" : `about ${time(p.leftS)} left`;
    banner.textContent = `Computing the study: ${p.step} (${time(p.elapsedS)} so far, ${left}). The charts appear when it is done.`;
    setTimeout(poll, 500);
  } else if (p.state === "failed") {
    banner.hidden = false;
    banner.textContent = "The pipeline stopped with an error: the terminal running npm run dev and the page's cells say why.";
  } else banner.hidden = true;
}
poll();
