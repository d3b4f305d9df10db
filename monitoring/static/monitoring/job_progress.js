// Polls a background job's status (a large import or export); when it ends the page is reloaded
// to show the outcome or offer the download. Without scripts the page's link does the same.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || (box.dataset.status !== "queued" && box.dataset.status !== "running")) { return; }
  var bar = document.getElementById("job-progress");
  var status = document.getElementById("job-status");
  var count = document.getElementById("job-count");

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
