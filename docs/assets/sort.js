/* Progressive enhancement: click a column header of a table inside .lp-sortable to sort it. The table is complete without JS. */
document.querySelectorAll(".lp-sortable table").forEach(function (table) {
  table.querySelectorAll("button.lp-sort").forEach(function (button) {
    button.addEventListener("click", function () {
      var col = Number(button.dataset.col);
      var asc = button.dataset.dir !== "asc";
      button.dataset.dir = asc ? "asc" : "desc";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
        var nx = Number(x), ny = Number(y);
        var cmp = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, document.documentElement.lang);
        return asc ? cmp : -cmp;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
