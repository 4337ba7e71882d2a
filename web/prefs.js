// Runs before the first paint, as a small blocking script in <head> (no inline script: the
// page's Content Security Policy forbids them):
// - applies the reader's saved theme, so a reload never flashes the wrong theme (the viewer
//   itself reads the same storage key when it starts);
// - on a published site's collection page (<html data-av-page="collection">, written by the
//   publish step), sends a ?article=ID link (the viewer's older form) on to the article's own
//   page, filters kept, before anything is drawn; with other parameters (a filtered list) it
//   marks the page so that the prerendered, unfiltered list is not shown.
(() => {
  try {
    const saved = localStorage.getItem("article-viewer:prefs") || "";
    const theme = /(?:^|;)theme=([a-z]+)/.exec(saved);
    if (theme) document.documentElement.setAttribute("data-av-theme", theme[1]);
  } catch {
    // Storage can be unavailable (private modes, blocked cookies); the defaults apply.
  }
  if (document.documentElement.getAttribute("data-av-page") === "collection") {
    const params = new URLSearchParams(location.search);
    const id = params.get("article");
    // Ids use only these characters (docs/format.md); anything else is left to the viewer.
    if (id && /^[A-Za-z0-9._~-]+$/.test(id) && !/^\.+$/.test(id)) {
      params.delete("article");
      const rest = params.toString();
      location.replace(`articles/${id}/${rest ? `?${rest}` : ""}${location.hash}`);
    } else if (params.size > 0) {
      // The prerendered list is the unfiltered one: not shown for a filtered address (page.css),
      // so the reader never sees the wrong list before the viewer draws the right one.
      document.documentElement.setAttribute("data-av-query", "");
    }
  }
})();
