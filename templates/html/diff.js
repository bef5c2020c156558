/* termsheet comparison page: previous/next change, hide unchanged rows, the filters of
   the change list (label, kind, section, party, search), deep links.
   Inlined into the page (allowed by the page's Content-Security-Policy through its
   hash); it reads only the page's own structure. Without it the filters are absent,
   every row is shown and every link works. */
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var toolbar = doc.getElementById("toolbar");
  var prevButton = doc.getElementById("prev-change");
  var nextButton = doc.getElementById("next-change");
  var toggle = doc.getElementById("toggle-unchanged");
  var position = doc.getElementById("position");
  var targets = Array.prototype.slice.call(doc.querySelectorAll("[data-change]"));
  var lastShown = null;
  var NARROW = "(max-width: 74.99rem)";

  if (!toolbar) {
    return;
  }
  toolbar.hidden = false;
  if (!targets.length) {
    prevButton.disabled = true;
    nextButton.disabled = true;
    position.textContent = "No changes";
  }

  function announce(text) {
    position.textContent = text;
  }

  function hiding() {
    return toggle.getAttribute("aria-pressed") === "true";
  }

  function setHiding(on) {
    doc.body.classList.toggle("hide-unchanged", on);
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    announce(on ? "Unchanged rows hidden" : "All rows shown");
  }

  /* The change (row or extra anchor) that holds the focus, if any. */
  function focusedTarget() {
    var active = doc.activeElement;
    while (active && active !== doc.body) {
      if (active.hasAttribute && active.hasAttribute("data-change")) {
        return active;
      }
      active = active.parentElement;
    }
    return null;
  }

  /* The bottom of what sticks at the top of the window: the toolbar, and the column
     headings once they have reached it. */
  function barBottom() {
    var bottom = Math.max(0, toolbar.getBoundingClientRect().bottom);
    var head = doc.querySelector(".sbs thead th:nth-child(2)");  /* shown at every width */
    if (head) {
      var box = head.getBoundingClientRect();
      if (box.top <= bottom + 1) {
        bottom = Math.max(bottom, box.bottom);
      }
    }
    return bottom;
  }

  function show(target) {
    if (target.closest(".unchanged") && hiding()) {
      setHiding(false);
    }
    if (target.hasAttribute("data-change") ? !displayed(target) :
        target.closest(".filtered-out")) {
      clearFilters("Filters cleared to show the change");
    }
    lastShown = target;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
    /* The sticky toolbar and column headings may be taller than the CSS allows for (long
       party names on a narrow screen): keep the change below them. */
    var covered = barBottom() - target.getBoundingClientRect().top;
    if (covered > 0) {
      window.scrollBy(0, -covered - 8);
    }
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "#" + target.id);
    }
    var index = targets.indexOf(target);
    if (index >= 0) {
      announce("Change " + (index + 1) + " of " + targets.length);
    }
  }

  /* A change on screen: its row is shown and the filters have not set its view aside. */
  function displayed(element) {
    var view = element.classList.contains("change-view") ? element :
      element.querySelector(".change-view");
    return element.getClientRects().length > 0 &&
      !(view && view.classList.contains("unmatched"));
  }

  function go(step) {
    var visible = targets.filter(displayed);
    if (!visible.length) {
      announce(targets.length ? "No change is shown" : "No changes");
      return;
    }
    /* The change in focus; else the one last shown, if it is still on screen (a click on
       a button takes the focus); else the reading position decides. */
    var current = focusedTarget();
    if (!current && lastShown) {
      var box = lastShown.getBoundingClientRect();
      if (box.bottom > barBottom() && box.top < window.innerHeight) {
        current = lastShown;
      }
    }
    var index = current ? visible.indexOf(current) : -1;
    var target = null;
    if (index >= 0) {
      target = visible[index + step] || null;
    } else {
      /* Nothing focused: the first change below the headings, or the last one above them. */
      var line = barBottom();
      var i;
      if (step > 0) {
        for (i = 0; i < visible.length; i += 1) {
          if (visible[i].getBoundingClientRect().top >= line - 1) {
            target = visible[i];
            break;
          }
        }
      } else {
        for (i = visible.length - 1; i >= 0; i -= 1) {
          if (visible[i].getBoundingClientRect().top < line - 1) {
            target = visible[i];
            break;
          }
        }
      }
    }
    if (target) {
      show(target);
    } else {
      announce(step > 0 ? "No further changes" : "No earlier changes");
    }
  }

  function land() {
    var id = location.hash.slice(1);
    if (!id) {
      return;
    }
    try {
      id = decodeURIComponent(id);
    } catch (error) {
      return;
    }
    var target = doc.getElementById(id);
    if (target && target.hasAttribute("tabindex")) {
      show(target);
    }
  }

  /* ---- filters of the change list: each change matches or not; a row is shown when one
     of its changes matches (or, with only a section or a search, when it stands there
     or holds the words); a section heading when a row under it is shown. */
  var filterBox = doc.getElementById("filters");
  var panelBox = doc.getElementById("panel-box");
  var search = doc.getElementById("filter-text");
  var status = doc.getElementById("filter-status");
  var selects = filterBox ? Array.prototype.slice.call(
    filterBox.querySelectorAll("select[data-filter]")) : [];
  var rows = Array.prototype.slice.call(doc.querySelectorAll("tbody.row"));
  var entries = Array.prototype.slice.call(doc.querySelectorAll(".all-changes > li"));
  var rowText = new Map();
  var noMatch = doc.getElementById("no-match");
  var views = Array.prototype.slice.call(doc.querySelectorAll(".sbs .change-view"));

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/\s+/g, " ");
  }

  function words(element, name) {
    return (element.getAttribute(name) || "").split(" ").filter(Boolean);
  }

  function chosenFilters() {
    var chosen = {};
    selects.forEach(function (select) {
      chosen[select.getAttribute("data-filter")] = select.value;
    });
    chosen.terms = search ? fold(search.value).split(" ").filter(Boolean) : [];
    return chosen;
  }

  function matchesChange(element, chosen) {
    return (!chosen.label || words(element, "data-labels").indexOf(chosen.label) >= 0) &&
      (!chosen.kind || element.getAttribute("data-kind") === chosen.kind) &&
      (!chosen.party || words(element, "data-parties").indexOf(chosen.party) >= 0) &&
      (!chosen.section || element.getAttribute("data-section") === chosen.section);
  }

  function matchesText(row, terms) {
    if (!terms.length) {
      return true;
    }
    var text = rowText.get(row);
    if (text === undefined) {
      text = fold(row.textContent);
      rowText.set(row, text);
    }
    return terms.every(function (term) { return text.indexOf(term) >= 0; });
  }

  function rowMatches(row, chosen) {
    if (!matchesText(row, chosen.terms)) {
      return false;
    }
    if (chosen.label || chosen.kind || chosen.party) {
      return Array.prototype.some.call(row.querySelectorAll(".change-view"), function (view) {
        return matchesChange(view, chosen);
      });
    }
    return !chosen.section || row.getAttribute("data-section") === chosen.section;
  }

  function applyFilters() {
    var chosen = chosenFilters();
    var active = Boolean(chosen.label || chosen.kind || chosen.party || chosen.section ||
                         chosen.terms.length);
    var byChange = Boolean(chosen.label || chosen.kind || chosen.party);
    var shownSections = new Set();
    var shown = new Set();
    views.forEach(function (view) {
      view.classList.toggle("unmatched", byChange && !matchesChange(view, chosen));
    });
    rows.forEach(function (row) {
      var show = !active || (!row.classList.contains("kind-section") && rowMatches(row, chosen));
      if (show) {
        shown.add(row);
        shownSections.add(row.getAttribute("data-section"));
      }
    });
    rows.forEach(function (row) {
      var show = shown.has(row) || (row.classList.contains("kind-section") &&
        (shownSections.has(row.id) || rowMatches(row, chosen)));
      row.classList.toggle("filtered-out", !show);
    });
    var count = 0;
    entries.forEach(function (entry) {
      var link = entry.querySelector("a");
      var target = doc.getElementById(link.getAttribute("href").slice(1));
      var row = target && target.closest("tbody.row");
      var show = !active || (matchesChange(entry, chosen) && Boolean(row) &&
        !row.classList.contains("filtered-out"));
      entry.hidden = !show;
      count += show ? 1 : 0;
    });
    if (status) {
      status.textContent = !active ? "All " + entries.length + " changes shown" :
        count ? count + " of " + entries.length + " changes shown" :
        "No change matches these filters";
    }
    if (noMatch) {
      noMatch.hidden = shown.size > 0;
    }
  }

  function clearFilters(message) {
    selects.forEach(function (select) { select.value = ""; });
    if (search) {
      search.value = "";
    }
    applyFilters();
    if (message) {
      announce(message);
    }
  }

  if (filterBox) {
    filterBox.hidden = false;
    selects.forEach(function (select) { select.addEventListener("change", applyFilters); });
    search.addEventListener("input", applyFilters);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && search.value) {
        search.value = "";
        applyFilters();
        event.stopPropagation();
      }
    });
    doc.getElementById("filter-reset").addEventListener("click", function () {
      clearFilters();
      search.focus();
    });
    applyFilters();
  }
  /* A narrow window folds the change list above the table; it opens on demand. */
  if (panelBox && window.matchMedia && window.matchMedia(NARROW).matches) {
    panelBox.open = false;
  }

  prevButton.addEventListener("click", function () { go(-1); });
  nextButton.addEventListener("click", function () { go(1); });
  toggle.addEventListener("click", function () { setHiding(!hiding()); });

  doc.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var element = event.target;
    if (element && (element.isContentEditable ||
        /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName))) {
      return;
    }
    switch (event.key) {
      case "j":
      case "n":
        go(1);
        break;
      case "k":
      case "p":
        go(-1);
        break;
      case "u":
        setHiding(!hiding());
        break;
      case "/":
        if (!search) {
          return;
        }
        if (panelBox) {
          panelBox.open = true;
        }
        search.focus();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  window.addEventListener("hashchange", land);
  land();
}());
