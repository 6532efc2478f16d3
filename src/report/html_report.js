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

  // Filters: search, role, score range, certification held, level.
  var form = document.getElementById('filters');
  var count = document.getElementById('f-count');
  var names = ['q', 'role', 'min', 'max', 'cert', 'level'];
  function field(name) { return form ? form.elements.namedItem(name) : null; }
  function value(name) {
    var f = field(name);
    return f ? String(f.value).trim() : '';
  }
  function applyFilters() {
    var q = value('q').toLowerCase();
    var role = value('role');
    var min = value('min') === '' ? -Infinity : Number(value('min'));
    var max = value('max') === '' ? Infinity : Number(value('max'));
    var cert = value('cert');
    var level = value('level');
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies, function (g) {
      var score = Number(g.getAttribute('data-score'));
      var ok = (q === '' || (g.getAttribute('data-search') || '').indexOf(q) >= 0) &&
        (role === '' || g.getAttribute('data-role') === role) &&
        score >= min && score <= max &&
        (cert === '' || (g.getAttribute('data-certs') || '').indexOf(' ' + cert + ' ') >= 0) &&
        (level === '' || g.getAttribute('data-level') === level);
      g.hidden = !ok;
      if (ok) { shown++; }
    });
    if (count) { count.textContent = shown + ' of ' + table.tBodies.length + ' shown'; }
  }
  if (form) {
    // The address may start the filters: report.html?cert=cpt&min=70
    var params = new URLSearchParams(window.location.search);
    names.forEach(function (name) {
      var f = field(name);
      if (f && params.has(name)) { f.value = params.get(name); }
    });
    form.addEventListener('input', applyFilters);
    form.addEventListener('change', applyFilters);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    form.addEventListener('reset', function () { window.setTimeout(applyFilters, 0); });
    applyFilters();
  }

  // Anchors: #c-jane-doe opens that candidate's row; a second click closes it.
  function openFromHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var g = id ? document.getElementById(id) : null;
    if (!g || !g.classList.contains('r')) { return; }
    g.hidden = false;
    g.classList.add('open');
    g.scrollIntoView({ block: 'nearest' });
  }
  Array.prototype.forEach.call(table.querySelectorAll('a.name, a.open'), function (a) {
    a.addEventListener('click', function (e) {
      var g = a.closest('tbody');
      if (g && g.classList.contains('open')) {
        e.preventDefault();
        g.classList.remove('open');
      } else if (g && window.location.hash === '#' + g.id) {
        e.preventDefault();
        g.classList.add('open');
      }
    });
  });
  window.addEventListener('hashchange', openFromHash);
  openFromHash();
}());
