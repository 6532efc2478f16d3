(function () {
  'use strict';
  var table = document.getElementById('ranking');
  if (!table || !table.tHead) { return; }
  var heads = table.tHead.rows[0].cells;
  var state = { col: -1, dir: 1 };
  function key(group, col, numeric) {
    var cell = group.rows[0].cells[col];
    var v = cell.getAttribute('data-v');
    if (v === null) { v = cell.textContent; }
    if (numeric) {
      var n = parseFloat(v);
      return isNaN(n) ? -Infinity : n;
    }
    return v.toLowerCase();
  }
  function sortBy(col, dir) {
    var numeric = heads[col].getAttribute('data-type') === 'num';
    var groups = Array.prototype.slice.call(table.tBodies);
    groups.sort(function (a, b) {
      var x = key(a, col, numeric);
      var y = key(b, col, numeric);
      if (x < y) { return -dir; }
      if (x > y) { return dir; }
      return Number(a.getAttribute('data-rank')) - Number(b.getAttribute('data-rank'));
    });
    groups.forEach(function (g) { table.appendChild(g); });
    for (var i = 0; i < heads.length; i++) {
      heads[i].setAttribute('aria-sort', i === col ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    state = { col: col, dir: dir };
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    var button = th.querySelector('button');
    if (!button) { return; }
    button.addEventListener('click', function () {
      var first = th.getAttribute('data-type') === 'num' && i !== 0 ? -1 : 1;
      sortBy(i, state.col === i ? -state.dir : first);
    });
  });
}());
