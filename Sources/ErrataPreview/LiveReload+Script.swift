extension LiveReload {
    /// The browser side of live reload, served at `/__errata/live.js`.
    ///
    /// It listens to `/__errata/events`: `reload` reloads the page; `diagnostics` shows
    /// the failed build's findings in an overlay; `ok` removes the overlay. The overlay
    /// lives in a shadow root, so the site's CSS cannot restyle it, and every piece of a
    /// diagnostic goes in through `textContent`, so a message can never inject markup.
    static let script = #"""
    // Errata preview: reloads this page after each successful rebuild, and shows the
    // findings of a failed one on top of the last good page.
    (() => {
      "use strict";
      if (window.__errataLiveReload) return;
      window.__errataLiveReload = true;

      const overlayID = "__errata-diagnostics";
      // Only the server's own "Building the site" page says which build it shows, so it
      // reloads even when the first build lands before this stream opens.
      const shownGeneration = document.querySelector('meta[name="errata-generation"]')?.content;
      const events = new EventSource("/__errata/events");
      events.addEventListener("reload", () => location.reload());
      events.addEventListener("ok", (event) => {
        if (shownGeneration !== undefined && isNewer(event)) {
          location.reload();
        } else {
          removeOverlay();
        }
      });
      events.addEventListener("diagnostics", (event) => {
        let diagnostics;
        try {
          diagnostics = JSON.parse(event.data).diagnostics;
        } catch (error) {
          console.error("errata: unreadable diagnostics event", error);
          return;
        }
        if (Array.isArray(diagnostics)) showOverlay(diagnostics);
      });
      document.addEventListener("keydown", (event) => {
        if (event.key === "Escape") removeOverlay();
      });

      function isNewer(event) {
        try {
          return String(JSON.parse(event.data).generation) !== shownGeneration;
        } catch (error) {
          return false;
        }
      }

      function removeOverlay() {
        const overlay = document.getElementById(overlayID);
        if (overlay) overlay.remove();
      }

      function element(tag, className, text) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined) node.textContent = String(text);
        return node;
      }

      function count(number, noun) {
        return number + " " + noun + (number === 1 ? "" : "s");
      }

      function showOverlay(diagnostics) {
        removeOverlay();
        const host = element("div");
        host.id = overlayID;
        const root = host.attachShadow({ mode: "open" });

        const panel = element("section", "panel");
        panel.setAttribute("role", "alertdialog");
        panel.setAttribute("aria-labelledby", "title");
        panel.setAttribute("aria-describedby", "note");

        const errors = diagnostics.filter((d) => d.severity === "error").length;
        const title = element("h2", null,
          "Build failed: " + count(errors, "error") + ", " + count(diagnostics.length - errors, "warning"));
        title.id = "title";
        const note = element("p", "note",
          "This is the last good build. Fix the files below and save: the page reloads when the build succeeds.");
        note.id = "note";
        const close = element("button", "close", "\u00d7");
        close.type = "button";
        close.title = "Dismiss (Esc)";
        close.setAttribute("aria-label", "Dismiss");
        close.addEventListener("click", removeOverlay);
        const header = element("header");
        header.append(title, close);

        // Errors first, since they are why the build failed; each group in the server's order.
        const ordered = diagnostics.filter((d) => d.severity === "error")
          .concat(diagnostics.filter((d) => d.severity !== "error"));
        const list = element("ol", "diagnostics");
        for (const diagnostic of ordered) {
          const severity = diagnostic.severity === "error" ? "error" : "warning";
          const item = element("li", severity);
          const where = element("div", "where");
          where.append(
            element("code", "location", diagnostic.file + ":" + diagnostic.line + ":" + diagnostic.column),
            element("span", "severity", diagnostic.severity),
            element("code", "rule", "[" + diagnostic.rule + "]"));
          item.append(where, element("p", "message", diagnostic.message));
          list.append(item);
        }

        panel.append(header, note, list);
        const backdrop = element("div", "backdrop");
        backdrop.addEventListener("click", (event) => {
          if (event.target === backdrop) removeOverlay();
        });
        backdrop.append(panel);
        root.append(element("style", null, overlayStyle), backdrop);
        (document.body || document.documentElement).append(host);
        close.focus({ preventScroll: true });
      }

      const overlayStyle = `
        :host {
          all: initial;
          position: fixed;
          inset: 0;
          z-index: 2147483647;
          color-scheme: light dark;
          --background: #ffffff;
          --text: #1f2328;
          --muted: #59636e;
          --border: #d1d9e0;
          --item: #f6f8fa;
          --error: #cf222e;
          --warning: #9a6700;
          --shade: rgb(0 0 0 / 0.45);
        }
        @media (prefers-color-scheme: dark) {
          :host {
            --background: #151b23;
            --text: #f0f6fc;
            --muted: #9198a1;
            --border: #3d444d;
            --item: #212830;
            --error: #ff7b72;
            --warning: #d29922;
            --shade: rgb(0 0 0 / 0.65);
          }
        }
        .backdrop {
          box-sizing: border-box;
          height: 100%;
          overflow: auto;
          overscroll-behavior: contain;
          padding: 5vh 16px;
          background: var(--shade);
        }
        .panel {
          box-sizing: border-box;
          max-width: 960px;
          margin: 0 auto;
          padding: 20px 24px;
          border: 1px solid var(--border);
          border-top: 4px solid var(--error);
          border-radius: 8px;
          background: var(--background);
          color: var(--text);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
          box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
        }
        header { display: flex; align-items: flex-start; gap: 16px; }
        h2 { flex: 1; margin: 0; font-size: 20px; color: var(--error); }
        .close {
          flex: none;
          width: 32px;
          height: 32px;
          border: 1px solid var(--border);
          border-radius: 6px;
          background: transparent;
          color: var(--text);
          font: 22px/1 system-ui, sans-serif;
          cursor: pointer;
        }
        .close:hover, .close:focus-visible { background: var(--item); }
        .note { margin: 6px 0 16px; color: var(--muted); }
        ol { margin: 0; padding: 0; list-style: none; }
        li {
          margin: 0 0 10px;
          padding: 10px 14px;
          border-left: 4px solid var(--error);
          border-radius: 4px;
          background: var(--item);
        }
        li.warning { border-left-color: var(--warning); }
        .where { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
        code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .location { font-weight: 600; overflow-wrap: anywhere; }
        .severity { font-weight: 600; text-transform: uppercase; font-size: 12px; color: var(--error); }
        li.warning .severity { color: var(--warning); }
        .rule { color: var(--muted); }
        .message { margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
      `;
    })();

    """#
}
