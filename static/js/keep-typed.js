// Nothing typed is lost (issue 12, point 8). Three things every page does when JavaScript runs;
// without it the page works as before (plain posts and reloads).
//  1. A warning a few minutes before the session ends, with a button that extends it.
//  2. The text size (A / A+ / A++) changes in place, without reloading the page.
//  3. Before the language switch reloads the page, what was typed is kept in this tab's
//     sessionStorage and put back after the reload (then removed).
(function () {
  "use strict";

  var SESSION_END_KEY = "aktywizacja.sessionEndsAt";
  var TYPED_KEY = "aktywizacja.typed";

  function csrfToken(scope) {
    var input = scope.querySelector("[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function announce(text) {
    var status = document.getElementById("session-status");
    if (status) {
      status.textContent = text;
    }
  }

  // 1. The warning before the session ends.
  function sessionWarning(dialog) {
    var warnBefore = Number(dialog.dataset.warnSeconds) * 1000;
    var endsAt = 0;
    var timers = [];
    var returnFocus = null;

    function show(state) {
      dialog.querySelectorAll("[data-session-state]").forEach(function (part) {
        part.hidden = part.dataset.sessionState !== state;
      });
      dialog.querySelector("[data-session-extend]").hidden = state === "ended";
    }

    function open(state) {
      show(state);
      if (!dialog.open) {
        returnFocus = document.activeElement;
        dialog.showModal();
      }
      var extend = dialog.querySelector("[data-session-extend]");
      (extend.hidden ? dialog.querySelector("[data-session-close]") : extend).focus();
    }

    function close() {
      if (dialog.open) {
        dialog.close();
      }
    }

    function schedule(end) {
      endsAt = end;
      timers.forEach(clearTimeout);
      var left = endsAt - Date.now();
      var clock = new Date(endsAt);
      dialog.querySelector("[data-session-end]").textContent =
        String(clock.getHours()).padStart(2, "0") + ":" + String(clock.getMinutes()).padStart(2, "0");
      timers = [
        setTimeout(function () { open("warning"); }, Math.max(0, left - warnBefore)),
        setTimeout(function () { open("ended"); }, Math.max(0, left)),
      ];
    }

    function remember(end) {
      try {
        localStorage.setItem(SESSION_END_KEY, String(end));
      } catch (error) {
        // Storage refused (private mode): each tab keeps its own count.
      }
    }

    function extend() {
      fetch(dialog.dataset.extendUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken(dialog), "X-Requested-With": "fetch" },
        credentials: "same-origin",
        redirect: "manual",
      }).then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      }).then(function (answer) {
        var end = Date.now() + answer.seconds_left * 1000;
        remember(end);
        schedule(end);
        close();
        announce(dialog.dataset.extendedMessage || "");
      }).catch(function () {
        open(Date.now() >= endsAt ? "ended" : "failed");
      });
    }

    dialog.querySelector("[data-session-extend]").addEventListener("click", extend);
    dialog.querySelector("[data-session-close]").addEventListener("click", close);
    dialog.addEventListener("close", function () {
      if (returnFocus && document.contains(returnFocus)) {
        returnFocus.focus();
      }
    });
    // Work in another tab renews the same session: follow its count.
    window.addEventListener("storage", function (event) {
      if (event.key === SESSION_END_KEY && Number(event.newValue) > endsAt) {
        schedule(Number(event.newValue));
        if (endsAt - Date.now() > warnBefore) {
          close();
        }
      }
    });
    var end = Date.now() + Number(dialog.dataset.secondsLeft) * 1000;
    remember(end);
    schedule(end);
  }

  // 2. The text size, in place.
  function textSize(form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || button.name !== "size") {
        return;
      }
      event.preventDefault();
      var body = new FormData(form);
      body.append("size", button.value);
      fetch(form.action, {
        method: "POST",
        body: body,
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      }).then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        var root = document.documentElement;
        Array.from(root.classList).forEach(function (name) {
          if (name.indexOf("text-size-") === 0) {
            root.classList.remove(name);
          }
        });
        root.classList.add("text-size-" + button.value);
        form.querySelectorAll("button[name=size]").forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
      }).catch(function () {
        var size = document.createElement("input");
        size.type = "hidden";
        size.name = "size";
        size.value = button.value;
        form.appendChild(size);
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  }

  // 3. What was typed, kept across the language switch.
  function typedFields() {
    var kept = [];
    document.querySelectorAll("main form").forEach(function (form) {
      Array.from(form.elements).forEach(function (field) {
        if (!field.name || field.disabled || /password|file|hidden|submit|button/.test(field.type)) {
          return;
        }
        if (field.type === "checkbox" || field.type === "radio") {
          if (field.checked !== field.defaultChecked) {
            kept.push({ name: field.name, value: field.value, checked: field.checked });
          }
        } else if (field.tagName === "SELECT") {
          var changed = Array.from(field.options).some(function (option) {
            return option.selected !== option.defaultSelected;
          });
          if (changed) {
            kept.push({
              name: field.name,
              values: Array.from(field.selectedOptions).map(function (option) { return option.value; }),
            });
          }
        } else if (field.value !== field.defaultValue) {
          kept.push({ name: field.name, value: field.value });
        }
      });
    });
    return kept;
  }

  function keepTyped() {
    var kept = typedFields();
    if (kept.length) {
      sessionStorage.setItem(TYPED_KEY, JSON.stringify({ page: location.pathname + location.search, fields: kept }));
    }
  }

  function restoreTyped() {
    var stored = sessionStorage.getItem(TYPED_KEY);
    if (!stored) {
      return;
    }
    sessionStorage.removeItem(TYPED_KEY);  // once: personal data does not stay in the tab
    var typed = JSON.parse(stored);
    if (typed.page !== location.pathname + location.search) {
      return;
    }
    typed.fields.forEach(function (kept) {
      document.querySelectorAll("main [name='" + CSS.escape(kept.name) + "']").forEach(function (field) {
        if (field.type === "checkbox" || field.type === "radio") {
          if (field.value === kept.value) {
            field.checked = kept.checked;
          }
        } else if (field.tagName === "SELECT") {
          Array.from(field.options).forEach(function (option) {
            option.selected = kept.values.indexOf(option.value) !== -1;
          });
        } else {
          field.value = kept.value;
        }
      });
    });
  }

  var dialog = document.getElementById("session-warning");
  if (dialog && typeof dialog.showModal === "function") {
    sessionWarning(dialog);
  }
  document.querySelectorAll(".text-size-form").forEach(textSize);
  document.querySelectorAll(".language-form").forEach(function (form) {
    form.addEventListener("submit", keepTyped);
  });
  try {
    restoreTyped();
  } catch (error) {
    sessionStorage.removeItem(TYPED_KEY);
  }
})();
