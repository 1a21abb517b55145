// speedfirst: watch the page's kernel and free it when the tab closes.
//
// Voila shows nothing when a kernel dies under a page: the server restarts it
// empty and the widgets silently stop answering. This script, loaded before
// Voila's own, watches the page's kernel websocket for the "restarting"/"dead"
// status the server sends and then greys the dashboard out under a "session
// ended, reload" banner. Frames are only peeked at (the first 4 KB of status
// messages); nothing is sent. It also sets the _xsrf cookie that Voila's
// page-unload shutdown request echoes (double-submit: any random value works),
// so closed tabs free their kernels at once (voila#1458).
(function () {
  if (!/(^|;\s*)_xsrf=/.test(document.cookie) && window.crypto) {
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    var token = Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
    document.cookie = "_xsrf=" + token + "; path=/; SameSite=Strict";
  }
})();
(function () {
  var Native = window.WebSocket;
  if (!Native || !window.TextDecoder) { return; }
  var decoder = new TextDecoder();
  var STATUS = /"msg_type":\s*"status"/;
  var ENDED = /"execution_state":\s*"(restarting|autorestarting|dead)"/;
  var shown = false;
  function ended() {
    if (shown) { return; }
    shown = true;
    var box = document.createElement("div");
    box.className = "sf-session-ended";
    box.setAttribute("role", "alert");
    box.textContent = "This session has ended: the dashboard's kernel stopped. Reload the page to start a new session. ";
    var button = document.createElement("button");
    button.textContent = "Reload";
    button.addEventListener("click", function () { window.location.reload(); });
    box.appendChild(button);
    document.body.appendChild(box);
    document.body.classList.add("sf-ended");
  }
  function watch(ws, url) {
    if (!/\/api\/kernels\/[^/]+\/channels/.test(url)) { return; }
    ws.addEventListener("message", function (event) {
      var data = event.data, head;
      if (typeof data === "string") { head = data.slice(0, 4096); }
      else if (data instanceof ArrayBuffer) {
        head = decoder.decode(new Uint8Array(data, 0, Math.min(data.byteLength, 4096)));
      } else { return; }
      if (STATUS.test(head) && ENDED.test(head)) { ended(); }
    });
  }
  function Watched(url, protocols) {
    var ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    try { watch(ws, String(url)); } catch (err) { /* never break the page */ }
    return ws;
  }
  Watched.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Watched[k] = Native[k]; });
  window.WebSocket = Watched;
})();
