// Outlay dashboard: progressive enhancement only. Every page works without this file.
(function () {
  "use strict";

  // Ask before destructive form posts (e.g. revoking a key).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.hasAttribute("data-confirm")) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    }
  });

  // Submit a GET form as soon as one of its selects changes (time zone, grouping, range).
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select instanceof HTMLSelectElement && select.hasAttribute("data-autosubmit") && select.form) {
      select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
    }
  });

  // Copy buttons: <button data-copy="#element-id"> copies that element's text.
  function enableCopyButtons() {
    var buttons = document.querySelectorAll("button[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.querySelector(button.getAttribute("data-copy"));
        if (!target || !navigator.clipboard) {
          return;
        }
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          var label = button.textContent;
          button.textContent = "Copied";
          window.setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }

  // The Apply button of auto-submitting forms is only needed without script.
  function hideApplyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll(".tz-apply"), function (button) {
      button.classList.add("js-hidden");
    });
  }

  // First visit: show times in the browser's zone by adding ?tz= once (the server then remembers it in a cookie).
  function detectTimeZone() {
    if (!document.querySelector(".tz-form")) {
      return;
    }
    var url = new URL(window.location.href);
    if (url.searchParams.has("tz") || /(?:^|;\s*)outlay_tz=/.test(document.cookie)) {
      return;
    }
    try {
      if (window.sessionStorage.getItem("outlay_tz_tried")) {
        return;
      }
      window.sessionStorage.setItem("outlay_tz_tried", "1");
    } catch (e) {
      return;
    }
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zone !== "UTC") {
      url.searchParams.set("tz", zone);
      window.location.replace(url.toString());
    }
  }

  function start() {
    enableCopyButtons();
    hideApplyButtons();
    detectTimeZone();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
