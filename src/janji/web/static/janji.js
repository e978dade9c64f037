// Janji portal: the only script. Progressive enhancement; every page works without it.
// - "Buka semua" / "Tutup semua" open or close every <details> of a promise tree.
// - On a document page, an item and its highlighted source span light up together.
(function () {
  "use strict";
  function each(sel, root, fn) { Array.prototype.forEach.call((root || document).querySelectorAll(sel), fn); }

  each("button.expand, button.collapse", null, function (btn) {
    btn.addEventListener("click", function () {
      var root = document.getElementById(btn.getAttribute("data-target"));
      var open = btn.classList.contains("expand");
      each("details", root, function (d) { d.open = open; });
    });
  });

  function light(id) {
    each(".on", null, function (el) { el.classList.remove("on"); });
    if (!id) return;
    var item = document.getElementById("item-" + id);
    if (item) {
      item.classList.add("on");
      // a collapsed ancestor would hide the item we jumped to
      for (var p = item.parentElement; p; p = p.parentElement) { if (p.tagName === "DETAILS") p.open = true; }
    }
    each('.hl[data-item="' + id.replace(/"/g, "") + '"]', null, function (el) { el.classList.add("on"); });
  }

  function fromHash() {
    var m = /^#(?:src|item)-(.+)$/.exec(window.location.hash);
    light(m ? decodeURIComponent(m[1]) : null);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();

// An evidence file over the portal's limit is refused before it is sent: the visitor keeps what was typed
// and reads why (the server checks again and answers the same way).
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("input[type=file][data-max-bytes]"), function (input) {
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    if (!max) return;
    var note = document.createElement("p");
    note.className = "error";
    note.setAttribute("role", "alert");
    note.hidden = true;
    input.parentNode.insertBefore(note, input.nextSibling);
    function check() {
      var f = input.files && input.files[0];
      var over = !!(f && f.size > max);
      note.hidden = !over;
      note.textContent = over ? f.name + ": berkas terlalu besar (" + (f.size / 1048576).toFixed(1).replace(".", ",") +
        " MB); batas " + Math.round(max / 1048576) + " MB. Pilih berkas lain atau kirim tautannya." : "";
      input.setCustomValidity(over ? note.textContent : "");
      return !over;
    }
    input.addEventListener("change", check);
    if (input.form) input.form.addEventListener("submit", function (e) { if (!check()) e.preventDefault(); });
  });
})();
