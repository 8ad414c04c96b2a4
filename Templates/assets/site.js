// Opened from file://, a browser shows a folder listing for links that end in "/".
// Point those links at the folder's index.html instead. Served over HTTP, nothing changes.
if (location.protocol === "file:") {
  for (const link of document.querySelectorAll("a[href]")) {
    const href = link.getAttribute("href");
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#")) continue;
    const [path, fragment] = href.split("#");
    if (path.endsWith("/")) {
      link.setAttribute("href", path + "index.html" + (fragment === undefined ? "" : "#" + fragment));
    }
  }
}
