// Filters, search, open-all, copy and print for the readiness report. No network, no storage:
// everything the page shows is already in it. Inside an editor's webview, locations open the file.
(function () {
  'use strict';
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  var findings = Array.prototype.slice.call(document.querySelectorAll('details.finding'));
  var families = Array.prototype.slice.call(document.querySelectorAll('section.family'));
  var files = Array.prototype.slice.call(document.querySelectorAll('section.family .file'));
  var chips = Array.prototype.slice.call(document.querySelectorAll('.chip[data-filter]'));
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var noMatch = document.getElementById('no-match');
  var expand = document.getElementById('expand');

  // Search text per finding, lower-cased once: title, message, file, rule, explanation.
  var haystack = findings.map(function (f) { return f.textContent.toLowerCase(); });

  function active(kind) {
    return chips.filter(function (c) { return c.dataset.filter === kind && c.getAttribute('aria-pressed') === 'true'; })
      .map(function (c) { return c.dataset.value; });
  }

  function apply() {
    var sev = active('sev');
    var fam = active('family');
    var words = search ? search.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var count = 0;
    findings.forEach(function (f, i) {
      var ok = sev.indexOf(f.dataset.sev) >= 0 && fam.indexOf(f.dataset.family) >= 0 &&
        words.every(function (w) { return haystack[i].indexOf(w) >= 0; });
      f.hidden = !ok;
      if (ok) count++;
    });
    files.forEach(function (file) { file.hidden = !file.querySelector('details.finding:not([hidden])'); });
    families.forEach(function (family) { family.hidden = !family.querySelector('details.finding:not([hidden])'); });
    if (shown) shown.textContent = count === findings.length ? findings.length + ' finding' + (findings.length === 1 ? '' : 's')
      : count + ' of ' + findings.length + ' findings shown';
    if (noMatch) noMatch.hidden = count > 0;
  }

  chips.forEach(function (chip) {
    chip.addEventListener('click', function () {
      chip.setAttribute('aria-pressed', chip.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
      apply();
    });
  });
  if (search) search.addEventListener('input', apply);

  // A severity tile shows only that severity.
  Array.prototype.forEach.call(document.querySelectorAll('[data-only-sev]'), function (tile) {
    tile.addEventListener('click', function () {
      var value = tile.getAttribute('data-only-sev');
      chips.forEach(function (c) {
        if (c.dataset.filter === 'sev') c.setAttribute('aria-pressed', c.dataset.value === value ? 'true' : 'false');
        if (c.dataset.filter === 'family') c.setAttribute('aria-pressed', 'true');
      });
      if (search) search.value = '';
      apply();
    });
  });

  // "Fix first" links open the finding they point at.
  Array.prototype.forEach.call(document.querySelectorAll('[data-open]'), function (link) {
    link.addEventListener('click', function () { reveal(link.getAttribute('data-open')); });
  });
  function reveal(id) {
    var target = document.getElementById(id);
    if (!target) return;
    if (target.hidden) {
      chips.forEach(function (c) { c.setAttribute('aria-pressed', 'true'); });
      if (search) search.value = '';
      apply();
    }
    target.open = true;
    target.classList.add('flash');
    setTimeout(function () { target.classList.remove('flash'); }, 1600);
  }
  if (location.hash && /^#f-/.test(location.hash)) reveal(location.hash.slice(1));

  if (expand) {
    expand.addEventListener('click', function () {
      var open = expand.textContent === 'Open all';
      findings.forEach(function (f) { if (!f.hidden) f.open = open; });
      expand.textContent = open ? 'Close all' : 'Open all';
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('button.copy'), function (button) {
    button.addEventListener('click', function () {
      var text = button.getAttribute('data-copy') || '';
      var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1400); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () { select(button); });
      else select(button);
    });
  });
  function select(button) {
    var code = button.parentElement && button.parentElement.querySelector('code');
    if (!code) return;
    var range = document.createRange();
    range.selectNodeContents(code);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Printing shows every finding that is shown on screen, opened.
  var openedForPrint = [];
  window.addEventListener('beforeprint', function () {
    openedForPrint = findings.filter(function (f) { return !f.open; });
    openedForPrint.forEach(function (f) { f.open = true; });
  });
  window.addEventListener('afterprint', function () {
    openedForPrint.forEach(function (f) { f.open = false; });
    openedForPrint = [];
  });

  if (vscode) {
    document.body.classList.add('in-editor');
    Array.prototype.forEach.call(document.querySelectorAll('a.loc'), function (link) {
      link.setAttribute('role', 'link');
      link.setAttribute('tabindex', '0');
      link.setAttribute('title', 'Open in the editor');
    });
    var open = function (link) {
      vscode.postMessage({
        type: 'open',
        path: link.getAttribute('data-path'),
        line: Number(link.getAttribute('data-line')),
        column: Number(link.getAttribute('data-col')),
      });
    };
    document.addEventListener('click', function (e) {
      var link = e.target instanceof Element ? e.target.closest('a.loc') : null;
      if (link) { e.preventDefault(); open(link); }
    });
    document.addEventListener('keydown', function (e) {
      var link = e.target instanceof Element ? e.target.closest('a.loc') : null;
      if (link && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); open(link); }
    });
  }

  apply();
})();
