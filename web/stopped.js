// When the WebAssembly module traps (a bug, or memory running out), nothing in it can run again:
// the page would stay frozen on what it last showed. This replaces each viewer's content with a
// plain panel that says so and offers a reload, written with DOM calls only (no HTML strings).
const viewers = new Set();

/** Registers `container` (a stand-alone root, or an embedded viewer's box in its shadow root). */
export function watch(container) {
  viewers.add(container);
}

function panel() {
  // The viewer's own root classes, so the panel keeps the viewer's look.
  const root = document.createElement("div");
  root.className = "av-root";
  const main = document.createElement("div");
  main.className = "av-main";
  const section = document.createElement("section");
  section.className = "av-panel av-panel--error av-stopped";
  section.setAttribute("role", "alert");
  const title = document.createElement("h1");
  title.className = "av-panel__title";
  title.textContent = "The viewer stopped";
  const text = document.createElement("p");
  text.textContent = "Something went wrong inside the viewer and it cannot go on. Reload the page to start it again.";
  const reload = document.createElement("button");
  reload.type = "button";
  reload.className = "av-button";
  reload.textContent = "Reload";
  reload.addEventListener("click", () => location.reload());
  section.append(title, text, reload);
  main.append(section);
  root.append(main);
  return root;
}

function stopped(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return;
  for (const container of viewers) {
    if (!container.querySelector(".av-stopped")) container.replaceChildren(panel());
  }
}

window.addEventListener("error", (event) => stopped(event.error));
window.addEventListener("unhandledrejection", (event) => stopped(event.reason));
