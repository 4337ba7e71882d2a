// For host pages that embed the viewer in an <iframe> (full isolation): resizes each viewer
// frame to its content. This script introduces itself to each frame ("article-viewer:host",
// sent to the frame's own origin); the viewer inside then posts its height to this page's
// origin only (web/boot.js), and this script applies it to the frame that sent it.
//
//   <iframe class="article-viewer-frame" src="/viewer/index.html?region=Asia" title="News archive"></iframe>
//   <script src="/viewer/frame-host.js"></script>
window.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "article-viewer:height" || typeof data.height !== "number") return;
  for (const frame of document.querySelectorAll("iframe")) {
    if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(data.height)}px`;
  }
});

// The introduction, on every load of every frame (a frame that navigates loads again), and once
// now for frames that have already loaded.
function introduce(frame) {
  try {
    const origin = new URL(frame.src, location.href).origin;
    frame.contentWindow?.postMessage({ type: "article-viewer:host" }, origin);
  } catch { /* a frame without a usable src */ }
}
for (const frame of document.querySelectorAll("iframe")) {
  frame.addEventListener("load", () => introduce(frame));
  introduce(frame);
}
