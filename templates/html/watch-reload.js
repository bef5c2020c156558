/* termsheet watch --serve — reloads the page when a watched document was rendered again.
   Served beside the page, never written into the rendered file. */
(function () {
  "use strict";
  var script = document.getElementById("termsheet-watch");
  if (!script || !window.EventSource) { return; }
  var shown = script.dataset.version;
  var events = new EventSource("/_watch/events");
  events.onmessage = function (event) {
    if (event.data !== shown) {
      events.close();
      window.location.reload();
    }
  };
}());
