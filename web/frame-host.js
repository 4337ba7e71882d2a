// For host pages that embed the viewer in an <iframe> (full isolation): resizes each viewer
// frame to its content. The viewer inside the frame posts its height (web/boot.js); this
// script, loaded once by the host page, applies it to the frame that sent it.
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
