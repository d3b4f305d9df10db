// The attendance grid: each cell saves itself without reloading the page. Without this script
// the cells are submit buttons of a plain form and the page reloads after each one.
(function () {
  "use strict";

  function announce(text) {
    var status = document.getElementById("attendance-status");
    if (status) {
      status.textContent = text;
    }
  }

  function update(button, data) {
    button.value = data.cell;
    button.setAttribute("aria-pressed", data.present ? "true" : "false");
    button.querySelector("span").textContent = data.present ? "\u2713" : "";
    var hours = button.closest("tr").querySelector("[data-attendance-hours]");
    if (hours) {
      hours.textContent = data.hours;
    }
  }

  function save(form, button) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    body.append("cell", button.value);
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) {
            throw new Error(data.error || response.statusText);
          }
          update(button, data);
          announce("");
        });
      })
      .catch(function (error) {
        announce(error.message);
      })
      .finally(function () {
        button.disabled = false;
        button.focus();
      });
  }

  function move(button, key) {
    var cell = button.closest("td");
    var row = cell.parentElement;
    var target = null;
    if (key === "ArrowLeft" || key === "ArrowRight") {
      var sibling = key === "ArrowLeft" ? "previousElementSibling" : "nextElementSibling";
      for (var next = cell[sibling]; next && !target; next = next[sibling]) {
        target = next.querySelector("[data-attendance-cell]");
      }
    } else {
      var index = Array.prototype.indexOf.call(row.children, cell);
      var rowSibling = key === "ArrowUp" ? "previousElementSibling" : "nextElementSibling";
      for (var other = row[rowSibling]; other && !target; other = other[rowSibling]) {
        var candidate = other.children[index];
        target = candidate && candidate.querySelector("[data-attendance-cell]");
      }
    }
    if (target) {
      rove(button, target);
    }
  }

  // The grid is one Tab stop: the current cell has tabindex 0, the others -1; arrows move.
  function rove(from, to) {
    from.setAttribute("tabindex", "-1");
    to.setAttribute("tabindex", "0");
    to.focus();
  }

  document.querySelectorAll("[data-attendance-grid]").forEach(function (form) {
    var cells = form.querySelectorAll("[data-attendance-cell]");
    cells.forEach(function (cell, index) {
      cell.setAttribute("tabindex", index === 0 ? "0" : "-1");
    });
    form.addEventListener("focusin", function (event) {
      var button = event.target.closest("[data-attendance-cell]");
      var current = form.querySelector("[data-attendance-cell][tabindex='0']");
      if (button && current && current !== button) {
        current.setAttribute("tabindex", "-1");
        button.setAttribute("tabindex", "0");
      }
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-attendance-cell]");
      if (button) {
        event.preventDefault();
        save(form, button);
      }
    });
    form.addEventListener("keydown", function (event) {
      var button = event.target.closest("[data-attendance-cell]");
      if (button && ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"].includes(event.key)) {
        event.preventDefault();
        move(button, event.key);
      }
    });
  });
})();
