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

  // A table wider than the screen scrolls inside its own region (WCAG 1.4.10): make that
  // region reachable by keyboard and name it after the table's caption or heading.
  function markeerScrollTabellen(root) {
    root.querySelectorAll(".tk-tabel-container").forEach(function (regio) {
      if (regio.scrollWidth <= regio.clientWidth || regio.hasAttribute("tabindex")) {
        return;
      }
      var bijschrift = regio.querySelector("caption");
      var kop = regio.closest("section") && regio.closest("section").querySelector("h2, h3");
      // Distinct from the section's own landmark name, which may be the same heading.
      var soort = document.documentElement.lang === "en" ? "table" : "tabel";
      var naam = (bijschrift || kop || { textContent: "" }).textContent.trim();
      naam = naam ? naam + " (" + soort + ")" : "";
      regio.setAttribute("tabindex", "0");
      regio.setAttribute("role", "region");
      if (naam) {
        regio.setAttribute("aria-label", naam);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    koppelNetwerkKnoppen(document);
    markeerScrollTabellen(document);
  });
  window.addEventListener("resize", function () {
    markeerScrollTabellen(document);
  });

  // After htmx replaced the response form, announce the save status and keep focus sane.
  document.addEventListener("htmx:afterSwap", function (e) {
    // Only the form's own saves: the earlier-positions panel beside it loads by htmx too,
    // and taken for a save it marked text typed meanwhile as saved (no autosave, no
    // warning on leaving).
    var bron = e.detail && e.detail.requestConfig && e.detail.requestConfig.elt;
    if (!bron || bron.id !== "reactie-formulier") {
      return;
    }
    var status = document.querySelector("[data-opslagstatus]");
    if (status) {
      status.setAttribute("tabindex", "-1");
      status.focus();
    }
    // A refused save (400 invalid, 409 stale) shows the typed text again, still unsaved.
    var xhr = e.detail && e.detail.xhr;
    toets.gewijzigd = Boolean(xhr && xhr.status >= 400);
    if (xhr && xhr.status < 400) {
      toets.conflict = false;
    }
    werkVoortgangBij();
  });

  // --- The toets form: nobody loses work ---------------------------------------------
  // Autosave (same version rule as "Concept opslaan": a conflict is reported, never
  // overwritten), a warning before leaving with unsaved changes, and live progress.
  var toets = { gewijzigd: false, bezig: null, conflict: false, timer: null, wijzigingen: 0 };
  var WACHTTIJD = 4000;

  function formulier() {
    return document.getElementById("reactie-formulier");
  }

  function hoortBijFormulier(el) {
    var f = formulier();
    return f && el && el.form === f;
  }

  function meld(tekst, fout) {
    var plek = document.querySelector("[data-autosave-status]");
    if (!plek) {
      return;
    }
    plek.textContent = tekst;
    plek.classList.toggle("tk-fout", Boolean(fout));
  }

  function concept(f) {
    // The draft only: a chosen attachment or a half-typed kernpunt waits for its button.
    var data = new FormData(f);
    data.delete("bijlage");
    data.delete("actie");
    Array.from(data.keys()).forEach(function (sleutel) {
      if (sleutel.indexOf("kernpunt-") === 0) {
        data.delete(sleutel);
      }
    });
    return data;
  }

  function slaAutomatischOp() {
    var f = formulier();
    if (!f || !toets.gewijzigd || toets.bezig || toets.conflict) {
      return;
    }
    var bij = toets.wijzigingen;
    toets.bezig = fetch(f.dataset.automatischOpslaan, {
      method: "POST",
      body: concept(f),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (antwoord) {
        return antwoord.json().then(function (json) {
          return { status: antwoord.status, json: json };
        });
      })
      .then(function (r) {
        if (r.status === 200 && r.json.opgeslagen) {
          var versie = f.querySelector("input[name=versie]");
          if (versie) {
            versie.value = r.json.versie;
          }
          // Typed on while saving? Then there is still something to save.
          toets.gewijzigd = toets.wijzigingen !== bij;
          meld(r.json.melding, false);
        } else {
          if (r.status === 409) {
            toets.conflict = true;
          }
          meld(r.json.melding, true);
        }
      })
      .catch(function () {
        meld(f.dataset.offlineMelding || "", true);
      })
      .then(function () {
        toets.bezig = null;
        if (toets.gewijzigd && !toets.conflict) {
          plan();
        }
      });
  }

  function plan() {
    clearTimeout(toets.timer);
    toets.timer = setTimeout(slaAutomatischOp, WACHTTIJD);
  }

  function werkVoortgangBij() {
    var plek = document.querySelector("[data-voortgang]");
    var f = formulier();
    if (!plek || !f) {
      return;
    }
    var keuzes = f.querySelectorAll("select[name^=gevolgen_]");
    var beoordeeld = Array.prototype.filter.call(keuzes, function (k) { return k.value; });
    plek.textContent = plek.dataset.sjabloon
      .replace("__aantal__", beoordeeld.length)
      .replace("__totaal__", keuzes.length);
  }

  function bijWijziging(e) {
    if (!hoortBijFormulier(e.target)) {
      return;
    }
    toets.wijzigingen += 1;
    if (e.target.name === "bijlage" || e.target.name.indexOf("kernpunt-") === 0) {
      toets.gewijzigd = true; // not autosaved, but leaving would still lose it
      return;
    }
    toets.gewijzigd = true;
    werkVoortgangBij();
    plan();
  }
  document.addEventListener("input", bijWijziging);
  document.addEventListener("change", bijWijziging);

  // A manual save while an autosave is under way would carry the old version and be
  // refused as stale by our own autosave: wait for it, then submit.
  document.addEventListener(
    "submit",
    function (e) {
      var f = formulier();
      if (e.target !== f) {
        return;
      }
      clearTimeout(toets.timer);
      // Adding a kernpunt or an attachment reloads the whole page: a plain form post,
      // not htmx (which would only swap the form).
      var volledig = e.submitter && e.submitter.hasAttribute("data-volledige-pagina");
      if (volledig) {
        e.stopImmediatePropagation();
      }
      if (toets.bezig) {
        e.preventDefault();
        e.stopImmediatePropagation();
        var knop = e.submitter;
        toets.bezig.then(function () {
          f.requestSubmit(knop || undefined);
        });
        return;
      }
      toets.gewijzigd = false;
    },
    true
  );

  window.addEventListener("beforeunload", function (e) {
    if (formulier() && toets.gewijzigd) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  // The sticky save bar must not cover the field that has focus (WCAG 2.4.11).
  document.addEventListener("focusin", function (e) {
    var balk = document.querySelector(".tk-plakbalk");
    var f = formulier();
    if (!balk || !f || !f.contains(e.target) || balk.contains(e.target)) {
      return;
    }
    var veld = e.target.getBoundingClientRect();
    var plek = balk.getBoundingClientRect();
    var vastgeplakt = plek.bottom >= window.innerHeight - 1;
    if (vastgeplakt && veld.bottom > plek.top - 8) {
      window.scrollBy(0, veld.bottom - rand + 16);
    }
  });

  document.addEventListener("DOMContentLoaded", werkVoortgangBij);

  // On a narrow screen the main menu folds behind a "Menu" button, so the page's own
  // content starts on the first screen. The CSS folds it only when this ran.
  document.addEventListener("DOMContentLoaded", function () {
    var balk = document.querySelector(".tk-nav[data-inklapbaar]");
    var knop = balk && balk.querySelector(".tk-menuknop");
    if (!knop) {
      return;
    }
    knop.hidden = false;
    balk.classList.add("tk-nav--inklapbaar");
    knop.addEventListener("click", function () {
      var open = knop.getAttribute("aria-expanded") !== "true";
      knop.setAttribute("aria-expanded", open ? "true" : "false");
      balk.classList.toggle("tk-nav--open", open);
    });
  });
})();
