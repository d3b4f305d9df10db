// Polls a large import's status; when it ends the page is reloaded to show the outcome.
(function () {
  "use strict";
  var box = document.getElementById("import-job");
  if (!box || box.dataset.status === "done" || box.dataset.status === "failed") { return; }
  var bar = document.getElementById("import-progress");
  var status = document.getElementById("import-status");
  var count = document.getElementById("import-count");

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.max = Math.max(data.total, 1);
        bar.value = data.done;
        status.textContent = data.status_display;
        count.textContent = data.done + " / " + data.total;
        if (data.status === "done" || data.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
}());
