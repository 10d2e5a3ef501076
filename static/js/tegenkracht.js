// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Invite page: "select the whole network" buttons tick every checkbox in their fieldset.
  // Without JavaScript the "invite whole network" submit buttons do the same on the server.
  function koppelNetwerkKnoppen(root) {
    root.querySelectorAll("[data-selecteer-netwerk]").forEach(function (knop) {
      knop.hidden = false;
      if (knop.dataset.gekoppeld) {
        return;
      }
      knop.dataset.gekoppeld = "1";
      knop.addEventListener("click", function () {
        var fieldset = knop.closest("fieldset");
        var vakjes = fieldset.querySelectorAll("input[type=checkbox]:not(:disabled)");
        var allemaal = Array.prototype.every.call(vakjes, function (v) { return v.checked; });
        vakjes.forEach(function (v) { v.checked = !allemaal; });
        knop.setAttribute("aria-pressed", allemaal ? "false" : "true");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    koppelNetwerkKnoppen(document);
  });

  // After htmx replaced the response form, announce the save status and keep focus sane.
  document.addEventListener("htmx:afterSwap", function () {
    var status = document.querySelector("[data-opslagstatus]");
    if (status) {
      status.setAttribute("tabindex", "-1");
      status.focus();
    }
  });
})();
