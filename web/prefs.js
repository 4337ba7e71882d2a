// Applies the reader's saved theme before the first paint, so a reload never flashes the wrong
// theme. Loaded as a small blocking script in <head> (no inline script: the page's Content
// Security Policy forbids them). The viewer itself reads the same storage key when it starts.
(() => {
  try {
    const saved = localStorage.getItem("article-viewer:prefs") || "";
    const theme = /(?:^|;)theme=([a-z]+)/.exec(saved);
    if (theme) document.documentElement.setAttribute("data-av-theme", theme[1]);
  } catch {
    // Storage can be unavailable (private modes, blocked cookies); the defaults apply.
  }
})();
