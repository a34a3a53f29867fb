/* Stevig page behaviour. No inline script anywhere (Content-Security-Policy): everything lives here.
 *
 * - Forms: the server checks every field and answers with Dutch messages and an error summary, so the
 *   browser's own checks are switched off (they would skip the summary).
 * - Error summary (GOV.UK / NL Design System pattern): after a failed submit the focus moves to the
 *   summary, whose links lead to the fields.
 * - Destructive actions: a form with data-confirm asks first.
 * - Idle logout (WCAG 2.2.1): two minutes before the session ends, a warning with "Blijf ingelogd"; the
 *   button renews the session with a POST, without leaving the page.
 * - Drafts: what someone types in a long text field (textarea) of a form is kept in localStorage, so
 *   it survives an idle logout; it comes back in the same field of the same page after logging in.
 *   A draft is removed once its form was saved, after 12 hours, and on "Uitloggen".
 */
(function () {
  "use strict";

  // Set before `ready` runs: with `defer` the document is already parsed, so `ready` calls at once.
  var WARN_BEFORE = 120; // seconds of warning before the idle logout
  var DRAFT_PREFIX = "stevig-concept:";
  var DRAFT_HOURS = 12;
  var SUBMITTED = "stevig-concept-verstuurd";

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

    idleWarning();
    drafts(Boolean(summary));
    scrollableTables();
    window.addEventListener("resize", scrollableTables);
  });

  // --- Wide tables at 320 px ---------------------------------------------------------------------------
  // A table wider than the screen scrolls in its own box (stevig.css); a keyboard user must be able to
  // reach that box to scroll it (WCAG 2.1.1, axe scrollable-region-focusable), so it takes the focus
  // only while it really scrolls. A table in a .stevig-table-scroll box has a focusable box already.

  function scrollableTables() {
    document.querySelectorAll(".stevig-main .utrecht-table").forEach(function (table) {
      if (table.closest(".stevig-table-scroll")) return;
      if (table.scrollWidth > table.clientWidth + 1) {
        table.setAttribute("tabindex", "0");
      } else if (table.getAttribute("tabindex") === "0") {
        table.removeAttribute("tabindex");
      }
    });
  }

  // --- Idle logout warning ----------------------------------------------------------------------------

  function idleWarning() {
    var box = document.getElementById("stevig-idle");
    if (!box) return;
    var idle = parseInt(box.getAttribute("data-idle-seconds"), 10);
    if (!idle || idle <= WARN_BEFORE) return;
    var countdown = box.querySelector("[data-idle-countdown]");
    var stay = box.querySelector("[data-idle-stay]");
    var warnTimer = null;
    var tick = null;
    var endsAt = 0;
    var before = null;

    function minutesText(seconds) {
      if (seconds > 60) return Math.ceil(seconds / 60) + " minuten";
      return seconds + (seconds === 1 ? " seconde" : " seconden");
    }

    function start() {
      window.clearTimeout(warnTimer);
      window.clearInterval(tick);
      endsAt = Date.now() + idle * 1000;
      warnTimer = window.setTimeout(show, (idle - WARN_BEFORE) * 1000);
    }

    function show() {
      before = document.activeElement;
      box.hidden = false;
      stay.focus();
      tick = window.setInterval(function () {
        var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
        if (countdown && (left % 15 === 0 || left <= 10)) countdown.textContent = minutesText(left);
        if (left === 0) {
          window.clearInterval(tick);
          window.location.reload(); // the server asks for a new login; drafts stay in this browser
        }
      }, 1000);
    }

    stay.addEventListener("click", function () {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", box.getAttribute("data-csrf") || "");
      window
        .fetch(box.getAttribute("data-keepalive-url"), {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": box.getAttribute("data-csrf") || "" },
        })
        .then(function (response) {
          if (!response.ok) {
            window.location.reload();
            return;
          }
          box.hidden = true;
          if (countdown) countdown.textContent = minutesText(WARN_BEFORE);
          if (before && before.focus) before.focus();
          start();
        });
    });
    start();
  }

  // --- Drafts of long text fields --------------------------------------------------------------------

  function draftKey(form, field) {
    var action = form.getAttribute("action") || window.location.pathname;
    return DRAFT_PREFIX + window.location.pathname + "|" + action + "|" + field.name;
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function drafts(hasErrors) {
    var store = storage();
    if (!store) return;
    var now = Date.now();
    // Forget old drafts, and the drafts of forms that were saved (the next page shows no errors).
    var submitted = [];
    try {
      submitted = JSON.parse(window.sessionStorage.getItem(SUBMITTED) || "[]");
    } catch (e) {
      submitted = [];
    }
    window.sessionStorage.removeItem(SUBMITTED);
    var onLogin = document.querySelector("form[data-login]") !== null;
    if (!hasErrors && !onLogin) {
      submitted.forEach(function (key) {
        store.removeItem(key);
      });
    }
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(DRAFT_PREFIX) === 0) {
        try {
          if (now - JSON.parse(store.getItem(key)).at > DRAFT_HOURS * 3600 * 1000) store.removeItem(key);
        } catch (e) {
          store.removeItem(key);
        }
      }
    }

    document.querySelectorAll("form[method='post'] textarea[name], form[method='POST'] textarea[name]").forEach(
      function (field) {
        var form = field.form;
        var key = draftKey(form, field);
        var saved = null;
        try {
          saved = JSON.parse(store.getItem(key) || "null");
        } catch (e) {
          saved = null;
        }
        if (saved && saved.text && !field.value.trim()) {
          field.value = saved.text;
          var note = document.createElement("p");
          note.className = "utrecht-paragraph stevig-draft-note";
          note.setAttribute("data-draft-restored", "");
          note.textContent = "Uw tekst van eerder is teruggezet. Kijk of hij klopt en sla op.";
          field.parentNode.insertBefore(note, field);
        }
        field.addEventListener("input", function () {
          if (field.value.trim()) {
            store.setItem(key, JSON.stringify({ text: field.value, at: Date.now() }));
          } else {
            store.removeItem(key);
          }
        });
      }
    );

    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.hasAttribute && form.hasAttribute("data-logout")) {
        for (var j = store.length - 1; j >= 0; j--) {
          var k = store.key(j);
          if (k && k.indexOf(DRAFT_PREFIX) === 0) store.removeItem(k);
        }
        return;
      }
      if (event.defaultPrevented || !form.querySelectorAll) return;
      var keys = [];
      form.querySelectorAll("textarea[name]").forEach(function (field) {
        keys.push(draftKey(form, field));
      });
      if (keys.length) window.sessionStorage.setItem(SUBMITTED, JSON.stringify(keys));
    });
  }
})();
