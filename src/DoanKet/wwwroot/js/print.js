// The receipt's print button (no inline handler, so the CSP can forbid them).
document.addEventListener('click', function (e) {
  if (e.target.closest('[data-print]')) window.print();
});
