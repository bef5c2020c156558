/* termsheet comparison page: previous/next change, hide unchanged rows, deep links.
   Inlined into the page (allowed by the page's Content-Security-Policy through its
   hash); it reads only the page's own structure. Without it every row is shown
   and every link works. */
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
    var head = doc.querySelector(".sbs thead th");
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
    lastShown = target;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "#" + target.id);
    }
    var index = targets.indexOf(target);
    if (index >= 0) {
      announce("Change " + (index + 1) + " of " + targets.length);
    }
  }

  function go(step) {
    if (!targets.length) {
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
    var index = current ? targets.indexOf(current) : -1;
    var target = null;
    if (index >= 0) {
      target = targets[index + step] || null;
    } else {
      /* Nothing focused: the first change below the headings, or the last one above them. */
      var line = barBottom();
      var i;
      if (step > 0) {
        for (i = 0; i < targets.length; i += 1) {
          if (targets[i].getBoundingClientRect().top >= line - 1) {
            target = targets[i];
            break;
          }
        }
      } else {
        for (i = targets.length - 1; i >= 0; i -= 1) {
          if (targets[i].getBoundingClientRect().top < line - 1) {
            target = targets[i];
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
      default:
        return;
    }
    event.preventDefault();
  });

  window.addEventListener("hashchange", land);
  land();
}());
