/**
 * Inline behaviour: click a header to sort (again to reverse), free-text filter, one select per filterable
 * column. Data stays in the escaped table cells; the script only reads textContent and toggles `hidden`.
 */
export const SCRIPT = `
(function () {
  var table = document.getElementById('matrix');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById('filter');
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-col]'));
  var counter = document.getElementById('shown');
  var text = rows.map(function (r) { return r.textContent.toLowerCase(); });
  function cell(r, c) { return r.cells[c] ? r.cells[c].textContent : ''; }
  function apply() {
    var q = filter.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (r, i) {
      var ok = q === '' || text[i].indexOf(q) !== -1;
      for (var s = 0; ok && s < selects.length; s++) {
        var v = selects[s].value;
        if (v !== '' && cell(r, Number(selects[s].dataset.col)) !== v) ok = false;
      }
      r.hidden = !ok;
      if (ok) n++;
    });
    counter.textContent = String(n);
  }
  function key(v) {
    var m = /^(\\d+)/.exec(v);
    return m ? Number(m[1]) : null;
  }
  function compare(a, b) {
    var ka = key(a), kb = key(b);
    if (ka !== null && kb !== null && ka !== kb) return ka - kb;
    return a.localeCompare(b, document.documentElement.lang, { numeric: true });
  }
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, c) {
    th.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var order = rows.map(function (r, i) { return { r: r, v: cell(r, c), i: i }; });
      order.sort(function (a, b) { return dir * compare(a.v, b.v) || a.i - b.i; });
      var frag = document.createDocumentFragment();
      order.forEach(function (o) { frag.appendChild(o.r); });
      body.appendChild(frag);
    });
  });
  filter.addEventListener('input', apply);
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();
`.trim();
