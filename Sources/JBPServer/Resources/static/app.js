// jbp: the only script. Keeps a dashboard's figures fresh without reloading the page.
(function () {
  "use strict";
  var live = document.querySelector("[data-live]");
  if (!live) return;
  var url = live.getAttribute("data-live");
  function refresh() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) live.innerHTML = html; })
      .catch(function () { /* offline for a moment: try again at the next tick */ })
      .then(function () { setTimeout(refresh, 3000); });
  }
  setTimeout(refresh, 3000);
})();
