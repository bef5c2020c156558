/* termsheet — the N-column page's filters: columns by version, rows by status.
   Without this script every column and row is shown. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var status = document.getElementById("filter-status");
  var count = document.getElementById("filter-count");

  function showColumns() {
    var boxes = form.querySelectorAll("input[data-column]");
    Array.prototype.forEach.call(boxes, function (box) {
      var cells = document.querySelectorAll(".columns [data-column='" + box.dataset.column + "']");
      Array.prototype.forEach.call(cells, function (cell) { cell.hidden = !box.checked; });
    });
  }

  function spanSections() {
    var shown = form.querySelectorAll("input[data-column]:checked").length;
    var headings = document.querySelectorAll(".columns .section-row th");
    Array.prototype.forEach.call(headings, function (th) { th.colSpan = shown + 2; });
  }

  function showRows() {
    var wanted = status.value;
    var shown = 0;
    var sections = document.querySelectorAll(".columns tbody.section");
    Array.prototype.forEach.call(sections, function (section) {
      var any = false;
      var rows = section.querySelectorAll("tr.provision");
      Array.prototype.forEach.call(rows, function (row) {
        var visible = !wanted || row.dataset.status === wanted;
        row.hidden = !visible;
        if (visible) { any = true; shown += 1; }
      });
      section.hidden = !any;
    });
    count.textContent = shown + " provision" + (shown === 1 ? "" : "s") + " shown";
  }

  form.addEventListener("change", function () { showColumns(); spanSections(); showRows(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  showColumns();
  spanSections();
  showRows();
}());
