// A table wider than its box scrolls inside its `.table-scroll` wrapper (tsifra.css). A box that
// scrolls is made focusable, so a keyboard can scroll it too, and named after its table's caption
// or the heading before it, so a screen reader says what is in it. A box that fits is left alone.
(function () {
  function label(box) {
    var table = box.querySelector("table");
    if (table && table.caption) return table.caption.textContent.trim();
    var el = box.previousElementSibling;
    while (el && !/^H[1-6]$/.test(el.tagName)) el = el.previousElementSibling;
    return el ? el.textContent.trim() : "";
  }
  function mark() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        var text = box.getAttribute("aria-label") || label(box);
        if (text) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", text);
        }
      } else if (box.tabIndex === 0) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
