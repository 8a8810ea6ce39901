// Tiến độ tải lên: each file's result as the server sends it (server-sent events). Without this
// script the page refreshes itself until the batch is done.
(function () {
  'use strict';
  var table = document.getElementById('batch-items');
  var status = document.getElementById('batch-status');
  if (!table || !status || !window.EventSource || table.getAttribute('data-finished') === 'true') return;
  var events = new EventSource(table.getAttribute('data-events'));

  function cell(row, name, text) {
    var td = row.querySelector('td.' + name);
    if (td) td.textContent = text;
  }

  events.addEventListener('item', function (e) {
    var item = JSON.parse(e.data);
    var row = table.querySelector('tr[data-position="' + Number(item.position) + '"]');
    if (!row) return;
    row.className = 'state-' + item.state;
    cell(row, 'state', item.stateLabel);
    cell(row, 'summary', item.summary);
  });
  events.addEventListener('progress', function (e) {
    var p = JSON.parse(e.data);
    status.textContent = 'Đã xử lý ' + p.done + '/' + p.size + ' tệp…';
  });
  events.addEventListener('done', function (e) {
    var p = JSON.parse(e.data);
    status.textContent = 'Đã xử lý xong ' + p.done + '/' + p.size + ' tệp.';
    events.close();
  });
})();
