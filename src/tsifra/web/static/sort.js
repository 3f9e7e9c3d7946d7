// Click a column header of a table.sortable to sort by it; click again to reverse. No libraries.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      if (!th.dataset.type) return;
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th, column); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(table, th, column); });
    });
  });
  // A number cell carries its raw value in data-value (the text is 1 234,5 or −0,25 in Russian).
  function key(cell, type) {
    var text = cell ? cell.textContent.trim() : "";
    if (type !== "number") return text.toLowerCase();
    var raw = cell && cell.dataset.value !== undefined ? cell.dataset.value : text;
    var n = parseFloat(raw.replace(/[\s\u00a0]/g, "").replace(",", ".").replace("\u2212", "-").replace("+", ""));
    return isNaN(n) ? null : n;
  }
  function sortBy(table, th, column) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[column], th.dataset.type), y = key(b.cells[column], th.dataset.type);
      if (x === null) return 1;
      if (y === null) return -1;
      var order = typeof x === "number" ? x - y : x.localeCompare(y, "ru");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
});
