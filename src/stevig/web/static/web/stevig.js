/* Stevig page behaviour. No inline script anywhere (Content-Security-Policy): everything lives here.
 *
 * - Forms: the server checks every field and answers with Dutch messages and an error summary, so the
 *   browser's own checks are switched off (they would skip the summary).
 * - Error summary (GOV.UK / NL Design System pattern): after a failed submit the focus moves to the
 *   summary, whose links lead to the fields.
 * - Destructive actions: a form with data-confirm asks first.
 */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    document.querySelectorAll("form").forEach(function (form) {
      form.noValidate = true;
    });

    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      if (document.title.indexOf("Fout:") !== 0) {
        document.title = "Fout: " + document.title;
      }
      summary.focus();
    }
    document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (target) {
          event.preventDefault();
          target.focus();
          target.scrollIntoView({ block: "center" });
        }
      });
    });

    document.addEventListener("submit", function (event) {
      var form = event.target;
      var question = form.getAttribute && form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
      }
    });
  });
})();
