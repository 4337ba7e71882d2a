// The example host talks to its viewer: it listens for the viewer's events and sets filters
// through element.articleViewer (see docs/embedding.md).
const viewer = document.getElementById("archive");
viewer.addEventListener("article-viewer:open", (event) => {
  document.getElementById("last-opened").textContent = event.detail.title;
});
document.getElementById("show-ukraine").addEventListener("click", () => {
  viewer.articleViewer?.setFilters({ regions: ["Europe/Ukraine"], from: "2025-04-01", to: "2025-04-30" });
});
