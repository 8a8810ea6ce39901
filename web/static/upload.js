// Tải lên: drag and drop onto the form, a list of the chosen files, and the upload sent with its
// progress shown. Without this script the form posts as it is.
(function () {
  'use strict';
  var form = document.getElementById('upload-form');
  var input = document.getElementById('files');
  var zone = document.getElementById('dropzone');
  var list = document.getElementById('chosen');
  var error = document.getElementById('upload-error');
  if (!form || !input || !zone || !list || !error) return;
  var maxFiles = Number(form.getAttribute('data-max-files')) || 50;
  var button = form.querySelector('button[type=submit]');

  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
  }

  function showChosen() {
    list.textContent = '';
    for (var i = 0; i < input.files.length; i++) {
      var li = document.createElement('li');
      li.textContent = input.files[i].name;
      list.appendChild(li);
    }
    showError(input.files.length > maxFiles ? 'Quá nhiều tệp: tối đa ' + maxFiles + ' tệp một lần.' : '');
  }

  input.addEventListener('change', showChosen);
  zone.addEventListener('dragover', function (e) {
    e.preventDefault();
    zone.classList.add('dragover');
  });
  zone.addEventListener('dragleave', function () {
    zone.classList.remove('dragover');
  });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    zone.classList.remove('dragover');
    if (!e.dataTransfer || !window.DataTransfer) return;
    // The files already chosen, then the dropped ones.
    var all = new DataTransfer();
    for (var i = 0; i < input.files.length; i++) all.items.add(input.files[i]);
    for (var j = 0; j < e.dataTransfer.files.length; j++) all.items.add(e.dataTransfer.files[j]);
    input.files = all.files;
    showChosen();
  });

  form.addEventListener('submit', function (e) {
    if (input.files.length > maxFiles) {
      e.preventDefault();
      showChosen();
      return;
    }
    if (!window.FormData || !window.XMLHttpRequest) return;
    e.preventDefault();
    var data = new FormData(form);
    var token = data.get('_csrf');
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('x-csrf-token', typeof token === 'string' ? token : '');
    xhr.responseType = 'json';
    var label = button ? button.textContent : '';
    if (button) button.disabled = true;
    xhr.upload.addEventListener('progress', function (p) {
      if (button && p.lengthComputable) button.textContent = 'Đang gửi… ' + Math.round((p.loaded / p.total) * 100) + '%';
    });
    xhr.addEventListener('load', function () {
      var body = xhr.response || {};
      if (xhr.status === 202 && body.batchId) {
        window.location.assign('/tai-len/' + encodeURIComponent(body.batchId));
        return;
      }
      if (button) {
        button.disabled = false;
        button.textContent = label;
      }
      showError(body.message || 'Không tải lên được (mã ' + xhr.status + ').');
    });
    xhr.addEventListener('error', function () {
      if (button) {
        button.disabled = false;
        button.textContent = label;
      }
      showError('Mất kết nối khi đang gửi tệp; hãy thử lại.');
    });
    showError('');
    xhr.send(data);
  });
})();
