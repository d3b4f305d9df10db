// Polls the batch's status until it is done, then shows the download link (no inline script: CSP).
(function () {
  "use strict";
  var box = document.getElementById("batch");
  if (!box) { return; }
  var bar = document.getElementById("batch-progress");
  var status = document.getElementById("batch-status");
  var count = document.getElementById("batch-count");
  var link = document.getElementById("batch-download");

  function update(data) {
    bar.max = Math.max(data.total, 1);
    bar.value = data.done;
    bar.textContent = Math.round(100 * data.done / Math.max(data.total, 1)) + "%";
    status.textContent = data.status_display;
    count.textContent = data.done + " / " + data.total;
    if (data.download) {
      link.href = data.download;
      link.classList.remove("d-none");
    }
    if (data.status === "failed" && box.dataset.status !== "failed") {
      window.location.reload();  // the page explains the failure and offers to run it again
    }
    return data.status === "done" || data.status === "failed";
  }

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (!update(data)) { window.setTimeout(poll, 1000); } })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  if (!link.classList.contains("d-none") || box.dataset.status === "failed") { return; }
  poll();
}());
