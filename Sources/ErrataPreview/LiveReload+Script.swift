extension LiveReload {
    /// The browser side of live reload, served at `/__errata/live.js`.
    ///
    /// It listens to `/__errata/events`: `reload` reloads the page; `diagnostics` shows
    /// the failed build's findings in an overlay, errors first, each with its source line
    /// and a caret at its column, and the warnings folded into one line; Esc folds the
    /// overlay into a badge that stays until the build succeeds; `ok` removes both. The overlay
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
        if (event.key === "Escape") dismissOverlay();
      });

      function isNewer(event) {
        try {
          return String(JSON.parse(event.data).generation) !== shownGeneration;
        } catch (error) {
          return false;
        }
      }

      // The findings on show, and whether they are folded into the badge.
      let shown = null;

      function removeOverlay() {
        const overlay = document.getElementById(overlayID);
        if (overlay) overlay.remove();
        shown = null;
      }

      // Esc or the close button: fold the overlay into a badge that stays until the
      // build succeeds; the badge opens it again.
      function dismissOverlay() {
        if (shown) showOverlay(shown, true);
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

      // Control and format characters (bidi overrides, zero-width spaces) but tabs are
      // shown as U+FFFD, as in the terminal, so a line cannot reorder itself.
      function printable(text) {
        return text.replace(/(?!\t)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "\uFFFD");
      }

      // The characters of `text` before the 1-based UTF-8 byte `column`.
      function beforeColumn(text, column) {
        let bytes = 0, prefix = "";
        for (const character of text) {
          const point = character.codePointAt(0);
          bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
          if (bytes > column - 1) break;
          prefix += character;
        }
        return prefix;
      }

      // The diagnostic's source line with a caret under its column. The caret line
      // repeats the text before the column, invisibly, so the caret lines up whatever
      // the characters' widths.
      function quote(diagnostic) {
        const source = element("pre", "source");
        const text = printable(String(diagnostic.source));
        const gutter = String(diagnostic.line) + " | ";
        source.append(element("span", "gutter", gutter), element("span", "text", text), "\n");
        const caretLine = element("span", "caret-line");
        caretLine.setAttribute("aria-hidden", "true");
        caretLine.append(element("span", "pad", gutter + beforeColumn(text, diagnostic.column)), element("span", "caret", "^"));
        source.append(caretLine);
        return source;
      }

      function card(diagnostic) {
        const severity = diagnostic.severity === "error" ? "error" : "warning";
        const item = element("li", severity);
        const where = element("div", "where");
        where.append(
          element("code", "location", diagnostic.file + ":" + diagnostic.line + ":" + diagnostic.column),
          element("span", "severity", diagnostic.severity),
          element("code", "rule", "[" + diagnostic.rule + "]"));
        item.append(where, element("p", "message", diagnostic.message));
        if (typeof diagnostic.source === "string") item.append(quote(diagnostic));
        return item;
      }

      function showOverlay(diagnostics, folded = false) {
        removeOverlay();
        shown = diagnostics;
        const host = element("div");
        host.id = overlayID;
        const root = host.attachShadow({ mode: "open" });
        const errors = diagnostics.filter((d) => d.severity === "error");
        const warnings = diagnostics.filter((d) => d.severity !== "error");
        const summary = count(errors.length, "error") + (warnings.length ? ", " + count(warnings.length, "warning") : "");
        root.append(element("style", null, overlayStyle));
        (document.body || document.documentElement).append(host);

        if (folded) {
          host.setAttribute("data-folded", "");
          const badge = element("button", "badge", "Build failing: " + summary);
          badge.type = "button";
          badge.title = "Show what to fix";
          badge.setAttribute("aria-live", "polite");
          badge.addEventListener("click", () => showOverlay(diagnostics));
          root.append(badge);
          return;
        }

        const panel = element("section", "panel");
        panel.setAttribute("role", "alertdialog");
        panel.setAttribute("aria-labelledby", "title");
        panel.setAttribute("aria-describedby", "note");

        const title = element("h2", null, "Build failed: " + summary);
        title.id = "title";
        const note = element("p", "note",
          "This is the last good build. Fix the files below and save: the page reloads when the build succeeds.");
        note.id = "note";
        const close = element("button", "close", "\u00d7");
        close.type = "button";
        close.title = "Dismiss (Esc)";
        close.setAttribute("aria-label", "Dismiss");
        close.addEventListener("click", dismissOverlay);
        const header = element("header");
        header.append(title, close);
        panel.append(header, note);

        // Errors first and in full, since they are why the build failed; the warnings
        // folded into one line that opens; each group in the server's order.
        if (errors.length) {
          const list = element("ol", "diagnostics errors");
          for (const diagnostic of errors) list.append(card(diagnostic));
          panel.append(list);
        }
        if (warnings.length) {
          const fold = element("details", "warnings");
          fold.append(element("summary", null, count(warnings.length, "warning")));
          const list = element("ol", "diagnostics");
          for (const diagnostic of warnings) list.append(card(diagnostic));
          fold.append(list);
          panel.append(fold);
        }

        const backdrop = element("div", "backdrop");
        backdrop.addEventListener("click", (event) => {
          if (event.target === backdrop) dismissOverlay();
        });
        backdrop.append(panel);
        root.append(backdrop);
        // A long line scrolls sideways: bring its caret into view.
        for (const source of root.querySelectorAll(".source")) {
          const caret = source.querySelector(".caret");
          const right = caret.getBoundingClientRect().right - source.getBoundingClientRect().left + 24;
          if (right > source.clientWidth) source.scrollLeft = right - source.clientWidth;
        }
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
        .source {
          margin: 8px 0 0;
          padding: 8px 10px;
          overflow-x: auto;
          border-radius: 4px;
          background: var(--background);
          font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
          white-space: pre;
          tab-size: 4;
        }
        .gutter { color: var(--muted); user-select: none; }
        .caret-line { user-select: none; }
        .pad { color: transparent; }
        .caret { color: var(--error); font-weight: 700; }
        li.warning .caret { color: var(--warning); }
        details.warnings { margin-top: 4px; }
        details.warnings > summary {
          padding: 6px 0;
          color: var(--warning);
          font-weight: 600;
          cursor: pointer;
        }
        details.warnings > ol { margin-top: 6px; }
        :host([data-folded]) { inset: auto 16px 16px auto; }
        .badge {
          padding: 8px 14px;
          border: 1px solid var(--error);
          border-radius: 999px;
          background: var(--background);
          color: var(--error);
          font: 600 14px/1.3 system-ui, -apple-system, "Segoe UI", sans-serif;
          box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
          cursor: pointer;
        }
        .badge:hover, .badge:focus-visible { background: var(--item); }
      `;
    })();

    """#
}
