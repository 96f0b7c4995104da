// @ts-nocheck
// Conveniences on top of a page that works without JavaScript: card number spacing, picking the
// payment method from the number, inline checks, and no double submission.
(function () {
  'use strict';
  var form = document.querySelector('form[method="post"]');
  var number = form && form.querySelector('#cardNumber');
  if (!number) return; // not the card form (e.g. the test identity provider's page)
  var expiry = form.querySelector('#expiry');
  var messages = JSON.parse(form.getAttribute('data-messages') || '{}');

  function digits(value) { return value.replace(/\D/g, ''); }
  function brand(value) {
    if (/^4/.test(value)) return 'visa';
    if (/^(5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/.test(value)) return 'mastercard';
    return null;
  }
  function luhn(value) {
    var sum = 0;
    for (var i = 0; i < value.length; i++) {
      var d = value.charCodeAt(value.length - 1 - i) - 48;
      if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
      sum += d;
    }
    return value.length >= 12 && sum % 10 === 0;
  }
  function show(input, message) {
    var error = document.getElementById(input.id + '-error');
    if (!error) return;
    error.textContent = message || '';
    error.hidden = !message;
    input.closest('.field').classList.toggle('invalid', !!message);
    if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    var ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) { return id && id !== error.id; });
    if (message) ids.push(error.id);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' ')); else input.removeAttribute('aria-describedby');
  }

  number.addEventListener('input', function () {
    var value = digits(number.value).slice(0, 19);
    number.value = value.replace(/(\d{4})(?=\d)/g, '$1 ');
    var detected = brand(value);
    if (detected) {
      var radio = form.querySelector('input[name="method"][value="' + detected + '"]');
      if (radio && !radio.checked) radio.checked = true;
    }
  });
  number.addEventListener('blur', function () {
    var value = digits(number.value);
    show(number, value && !luhn(value) ? messages.cardNumber : '');
  });
  expiry.addEventListener('input', function () {
    // MM/YY, or MM/YYYY when the year starts with 20 (a two-digit year 20 is long past, so
    // "12/20…" can only be a four-digit year being typed); the server accepts both.
    var raw = expiry.value;
    // "3/" typed for March: the month is 03.
    var all = digits(/^\d\s*\//.test(raw) ? '0' + raw : raw);
    var value = all.slice(0, all.length > 4 && all.slice(2, 4) === '20' ? 6 : 4);
    expiry.value = value.length > 2 ? value.slice(0, 2) + '/' + value.slice(2) : value;
  });
  form.addEventListener('submit', function () {
    var button = form.querySelector('button[type="submit"]');
    setTimeout(function () { button.disabled = true; }, 0);
  });
})();
