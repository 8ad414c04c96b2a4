// The error reference's only script: the search box, the copy buttons on JSON samples and
// code links, the page's address in print, and links that work from file://. Without it every page still reads in full, and the overview
// lists every code. It talks to no server: the search index is a script beside this one.
"use strict";

(function () {
  const root = document.documentElement.dataset.root || "";

  // Opened from file://, a browser shows a folder listing for links that end in "/".
  // Point those links at the folder's index.html instead. Served over HTTP, nothing changes.
  function localHref(href) {
    if (location.protocol !== "file:") return href;
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#")) return href;
    const hash = href.indexOf("#");
    const path = hash < 0 ? href : href.slice(0, hash);
    const fragment = hash < 0 ? "" : href.slice(hash);
    return path.endsWith("/") ? path + "index.html" + fragment : href;
  }

  if (location.protocol === "file:") {
    for (const link of document.querySelectorAll("a[href]")) {
      const href = link.getAttribute("href");
      const local = localHref(href);
      if (local !== href) link.setAttribute("href", local);
    }
  }

  // One polite live region for everything the script announces.
  const announcer = document.createElement("div");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  document.body.append(announcer);
  let announceTimer = 0;
  function announce(text, delay = 50) {
    announcer.textContent = "";
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => { announcer.textContent = text; }, delay);
  }

  setUpCopyButtons();
  setUpCopyLinks();
  setUpSearch();

  // Printed, a page says where it is; with --base-url the template has written the address.
  const printAddress = document.querySelector(".print-address");
  if (printAddress && !printAddress.textContent) printAddress.textContent = location.href.split("#")[0];

  // A code with a <wbr> after each underscore, so it breaks only between its words.
  function appendBreakable(parent, text) {
    const pieces = text.split("_");
    pieces.forEach((piece, index) => {
      if (index < pieces.length - 1) {
        parent.append(piece + "_", document.createElement("wbr"));
      } else if (piece) {
        parent.append(piece);
      }
    });
  }

  // MARK: Copy links

  // Next to each code's self-link, a button that copies the code's short address
  // (docs/errors/CODE/), absolute: from the base URL when the build had one, else from
  // the page's own address.
  function setUpCopyLinks() {
    const base = document.documentElement.dataset.baseUrl;
    for (const link of document.querySelectorAll(".self-link[data-short-route]")) {
      const route = link.dataset.shortRoute;
      const url = base ? base + route : new URL(root + route, location.href).href;
      const section = link.closest(".error-code");
      const title = section && section.querySelector(".code-title code");
      const name = title ? title.textContent : "";

      const button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.dataset.url = url;
      const label = document.createElement("span");
      label.textContent = "Copy link";
      const context = document.createElement("span");
      context.className = "visually-hidden";
      context.textContent = name ? " to " + name : "";
      button.append(label, context);
      let resetTimer = 0;
      button.addEventListener("click", async () => {
        if (await copyText(url)) {
          label.textContent = "Copied";
          announce("Copied the link to " + (name || "this code") + ": " + url);
        } else {
          announce("Could not copy. The link is " + url);
          window.prompt("Copy the link to " + (name || "this code"), url);
        }
        clearTimeout(resetTimer);
        resetTimer = setTimeout(() => { label.textContent = "Copy link"; }, 2000);
      });
      link.after(button);
    }
  }

  // MARK: Copy buttons

  function setUpCopyButtons() {
    for (const figure of document.querySelectorAll("figure.sample")) {
      const caption = figure.querySelector("figcaption");
      const code = figure.querySelector("pre code");
      if (!caption || !code) continue;
      const section = figure.closest(".error-code");
      const title = section && section.querySelector(".code-title code");
      const name = title ? title.textContent : "";

      const button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      const label = document.createElement("span");
      label.textContent = "Copy";
      button.append(label);
      if (name) {
        const context = document.createElement("span");
        context.className = "visually-hidden";
        context.textContent = " the JSON sample of " + name;
        button.append(context);
      }
      let resetTimer = 0;
      button.addEventListener("click", async () => {
        const copied = await copyText(code.textContent);
        if (copied) {
          label.textContent = "Copied";
          announce("Copied" + (name ? " the JSON sample of " + name : ""));
        } else {
          selectContents(code);
          announce("Could not copy. The sample is selected: press Control C, or Command C on a Mac, to copy it.");
        }
        clearTimeout(resetTimer);
        resetTimer = setTimeout(() => { label.textContent = "Copy"; }, 2000);
      });
      caption.append(button);
    }
  }

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (error) {
        // Denied or unavailable: try the older way below.
      }
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.append(area);
    const focused = document.activeElement;
    area.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    if (focused && focused.focus) focused.focus();
    return copied;
  }

  function selectContents(element) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // MARK: Search

  function setUpSearch() {
    const form = document.querySelector("form.search");
    const index = window.errataSearchIndex;
    if (!form || !Array.isArray(index) || index.length === 0) return;

    const input = form.querySelector("input");
    const list = form.querySelector("[role=listbox]");
    const panel = form.querySelector(".search-panel");
    const note = form.querySelector(".search-note");
    const entries = index.map(prepare);
    const limit = 12;
    let results = [];
    let active = -1;

    form.hidden = false;
    document.documentElement.classList.add("has-search");

    // On a small screen the header holds a button that opens the search over the page.
    const toggle = document.querySelector(".search-toggle");
    const closeButton = form.querySelector(".search-close");
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", () => openFullScreen());
    }
    if (closeButton) closeButton.addEventListener("click", () => closeFullScreen(true));
    function openFullScreen() {
      document.documentElement.classList.add("search-open");
      if (toggle) toggle.setAttribute("aria-expanded", "true");
      input.focus();
      if (input.value.trim()) update();
    }
    function closeFullScreen(returnFocus) {
      if (!document.documentElement.classList.contains("search-open")) return;
      document.documentElement.classList.remove("search-open");
      if (toggle) toggle.setAttribute("aria-expanded", "false");
      close();
      if (returnFocus && toggle) toggle.focus();
    }

    input.addEventListener("input", () => update());
    input.addEventListener("focus", () => { if (input.value.trim()) update(); });
    input.addEventListener("keydown", (event) => {
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (panel.hidden) update();
          move(1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (panel.hidden) update();
          move(-1);
          break;
        case "Escape":
          // The first Escape closes the results, the next one clears the box.
          if (!panel.hidden) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
          } else {
            closeFullScreen(true);
          }
          break;
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (panel.hidden && input.value.trim()) update();
      const chosen = results[active >= 0 ? active : 0];
      if (chosen) go(chosen.entry);
    });
    // Keep the focus in the box while a result is picked with the pointer.
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) go(results[Number(option.dataset.index)].entry);
    });
    form.addEventListener("focusout", (event) => {
      if (!form.contains(event.relatedTarget)) {
        close();
        if (event.relatedTarget) closeFullScreen(false);
      }
    });

    // "/" jumps to the search box, unless the reader is typing somewhere.
    document.addEventListener("keydown", (event) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target;
      if (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName)) return;
      event.preventDefault();
      if (toggle && getComputedStyle(toggle).display !== "none") openFullScreen();
      input.focus();
      input.select();
    });

    // A link such as docs/errors/?q=INVALID_ACCESS_TOKEN (the not-found page makes them)
    // opens the code itself when it is one, else the search with its results.
    const query = new URLSearchParams(location.search).get("q");
    if (query) {
      const exact = entries.find((entry) => entry.code === codeForm(query));
      if (exact) {
        go(exact, true);
      } else {
        input.value = query;
        input.focus();
        update();
      }
    }

    function update() {
      const query = input.value.trim();
      results = query ? search(query) : [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.replaceChildren(...results.slice(0, limit).map(render));
      list.hidden = results.length === 0;
      note.replaceChildren();
      note.hidden = true;
      note.classList.remove("search-note-first");
      if (results.length > 0 && results[0].rank === 5) {
        note.textContent = "No code matches “" + query + "” exactly. The closest:";
        note.classList.add("search-note-first");
        note.hidden = false;
        announce(results.length === 1 ? "No exact match, 1 close result" : "No exact match, " + results.length + " close results", 500);
      } else if (results.length === 0 && query) {
        note.append("No code matches “" + query + "”. ");
        // A status the API does not use ("not found"): say which ones it does.
        const statuses = [...new Set(entries.filter((entry) => entry.status)
          .map((entry) => "HTTP " + entry.status + (entry.statusText ? " " + entry.statusText : "")))].sort();
        if (statuses.length > 0 && statuses.length <= 3) {
          note.append((statuses.length === 1 && entries.every((entry) => entry.status) ? "Every code is returned with " : "Codes are returned with ")
            + statuses.join(", ") + ". ");
        }
        const link = document.createElement("a");
        link.href = document.querySelector(".brand").href;
        link.textContent = "See all error codes";
        note.append(link);
        note.hidden = false;
        announce("No results", 500);
      } else if (results.length > limit) {
        note.textContent = "Showing " + limit + " of " + results.length + " matches: type more to narrow them.";
        note.hidden = false;
        announce(results.length + " results, showing the first " + limit, 500);
      } else if (results.length > 0) {
        announce(results.length === 1 ? "1 result" : results.length + " results", 500);
      }
      panel.hidden = list.hidden && note.hidden;
      input.setAttribute("aria-expanded", String(!list.hidden));
    }

    function close() {
      panel.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function move(step) {
      const options = list.querySelectorAll("[role=option]");
      if (options.length === 0) return;
      if (active >= 0) options[active].setAttribute("aria-selected", "false");
      active = active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length;
      const option = options[active];
      option.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    function go(entry, replace) {
      close();
      closeFullScreen(false);
      const href = localHref(root + entry.url);
      const target = new URL(href, location.href);
      const samePage = target.pathname === location.pathname && target.search === location.search;
      if (replace) {
        location.replace(target.href);
      } else {
        location.href = target.href;
      }
      if (samePage) focusSection(decodeURIComponent(target.hash.slice(1)));
    }

    function focusSection(id) {
      const section = id && document.getElementById(id);
      if (!section) return;
      if (!section.hasAttribute("tabindex")) section.setAttribute("tabindex", "-1");
      section.focus({ preventScroll: true });
    }

    function render(result, position) {
      const { entry, rank, start, length } = result;
      const option = document.createElement("li");
      option.id = "site-search-option-" + position;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.index = String(position);

      const code = document.createElement("span");
      code.className = "result-code";
      if (rank <= 2) {
        const mark = document.createElement("mark");
        appendBreakable(mark, entry.code.slice(start, start + length));
        appendBreakable(code, entry.code.slice(0, start));
        code.append(mark);
        appendBreakable(code, entry.code.slice(start + length));
      } else {
        appendBreakable(code, entry.code);
      }
      option.append(code);

      const meta = document.createElement("span");
      meta.className = "result-meta";
      meta.append(" " + (entry.typeTitle || entry.type));
      if (entry.status) {
        const status = document.createElement("span");
        status.className = "result-status";
        status.textContent = "HTTP " + entry.status + (entry.statusText ? " " + entry.statusText : "");
        meta.append(" ", status);
      }
      option.append(meta);

      if (entry.summary) {
        const summary = document.createElement("span");
        summary.className = "result-summary";
        summary.textContent = entry.summary;
        option.append(summary);
      }

      if (rank === 4 && entry.message && start !== undefined) {
        // The words around the match, which may be far into a long message.
        const message = document.createElement("span");
        message.className = "result-message";
        const from = start > 24 ? entry.message.lastIndexOf(" ", start - 12) + 1 : 0;
        const mark = document.createElement("mark");
        mark.textContent = entry.message.slice(start, start + length);
        message.append(" " + (from > 0 ? "…" : "") + entry.message.slice(from, start), mark, entry.message.slice(start + length));
        option.append(message);
      }
      return option;
    }

    function search(query) {
      const code = codeForm(query);
      const lower = query.toLowerCase();
      const words = lower.split(/\s+/).filter(Boolean);
      const found = [];
      for (const entry of entries) {
        const result = match(entry, query, code, lower, words);
        if (result) found.push(result);
      }
      if (found.length === 0) found.push(...closest(code));
      found.sort((a, b) =>
        a.rank - b.rank || a.order - b.order || (a.entry.code < b.entry.code ? -1 : a.entry.code > b.entry.code ? 1 : 0));
      return found;
    }

    // Ranks: 0 the code itself, 1 a code that starts with the query, 2 a code that contains
    // it (where a word of the code starts first), 3 the type or the HTTP status ("400",
    // "HTTP 401", "bad request"), 4 the message or the description (earliest in the message
    // first). Equal ones go alphabetically.
    function match(entry, query, code, lower, words) {
      if (code) {
        if (entry.code === code) return { entry, rank: 0, order: 0, start: 0, length: code.length };
        if (entry.code.startsWith(code)) return { entry, rank: 1, order: 0, start: 0, length: code.length };
        const at = entry.code.indexOf(code);
        if (at > 0) {
          const order = entry.code[at - 1] === "_" ? 0 : 1;
          return { entry, rank: 2, order, start: at, length: code.length };
        }
      }
      if (entry.typeLower.includes(lower) || (code && entry.type.includes(code)) || entry.status === query
          || (lower.length >= 3 && entry.statusLower.includes(lower))) {
        return { entry, rank: 3, order: 0 };
      }
      if (words.length && words.every((word) => entry.messageLower.includes(word))) {
        const at = entry.messageLower.indexOf(words[0]);
        return { entry, rank: 4, order: at, start: at, length: words[0].length };
      }
      if (words.length && words.every((word) => entry.summaryLower.includes(word))) {
        return { entry, rank: 4, order: 10000 + entry.summaryLower.indexOf(words[0]) };
      }
      return null;
    }

    // Rank 5, only when nothing else matches: codes that share most of the words of a
    // mistyped query, a word counting as shared when it is at most one edit from a word of
    // the code (two for words of 6 letters or more): "acess" finds the ACCESS codes and
    // INVALID_ACESS_TOKEN finds INVALID_ACCESS_TOKEN. The most shared words first, then the
    // fewest edits.
    function closest(code) {
      // Short words ("not", "api") say little on their own in a query of several.
      const parts = code.split("_").filter(Boolean);
      const words = parts.filter((word) => word.length >= (parts.length > 1 ? 4 : 3));
      if (words.length === 0) return [];
      const needed = Math.ceil(words.length / 2);
      const found = [];
      for (const entry of entries) {
        let shared = 0;
        let edits = 0;
        for (const word of words) {
          const allowed = word.length >= 6 ? 2 : 1;
          let best = allowed + 1;
          for (const other of entry.words) {
            if (Math.abs(other.length - word.length) <= allowed) best = Math.min(best, editDistance(word, other));
          }
          if (best <= allowed) {
            shared += 1;
            edits += best;
          }
        }
        if (shared >= needed) {
          found.push({ entry, rank: 5, order: (words.length - shared) * 10000 + edits * 100 + editDistance(code, entry.code) });
        }
      }
      return found;
    }

    function editDistance(a, b) {
      let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
      for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
          current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
      }
      return previous[b.length];
    }

    function prepare(raw) {
      const code = String(raw.code || "");
      const type = String(raw.type || "");
      const typeTitle = String(raw.typeTitle || "");
      const message = raw.message == null ? "" : String(raw.message);
      return {
        code,
        type,
        typeTitle,
        status: raw.status == null ? "" : String(raw.status),
        statusText: String(raw.statusText || ""),
        summary: String(raw.summary || ""),
        message,
        url: String(raw.url || ""),
        words: code.split("_"),
        typeLower: typeTitle.toLowerCase(),
        messageLower: message.toLowerCase(),
        summaryLower: String(raw.summary || "").toLowerCase(),
        statusLower: raw.status == null ? "" : ("http " + raw.status + " " + String(raw.statusText || "")).toLowerCase(),
      };
    }
  }

  // Codes are upper case with underscores; readers type "access not" or "access-not".
  function codeForm(text) {
    return text.trim().toUpperCase().replace(/[\s-]+/g, "_").replace(/[^A-Z0-9_]/g, "");
  }
})();
