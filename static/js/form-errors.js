// When a form comes back with errors, the focus goes to the list of them at the top of the page,
// so a screen reader announces it and the keyboard starts from its links to the fields.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("form-errors");
  if (summary) {
    summary.focus();
  }
});
