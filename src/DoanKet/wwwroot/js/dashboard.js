// Draws the dashboard's charts from the JSON the page embeds (no inline script, so the CSP can forbid them).
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('dashboard-data');
  if (!el || typeof Chart === 'undefined') return;
  var d = JSON.parse(el.textContent);
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    canvas.closest('figure').hidden = false;
    new Chart(canvas, config);
  }
  function split(s) { var i = s.indexOf(': '); return i > 0 ? [s.slice(0, i), s.slice(i + 2)] : s; }
  var common = { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false };
  draw('chart-main', { type: 'bar', data: { labels: d.main.labels.map(split), datasets: [
      { label: d.main.nowLabel, data: d.main.now, backgroundColor: '#b3141c' },
      { label: d.main.beforeLabel || 'Kỳ trước', data: d.main.before, backgroundColor: '#8a939c' }] },
    options: Object.assign({}, common, { scales: { x: { min: 0, max: 100 } }, plugins: { tooltip: { callbacks: {
      label: function (c) { return c.dataset.label + ': ' + (c.datasetIndex === 0 ? d.main.nowText : d.main.beforeText)[c.dataIndex]; } } } } }) });
  if (d.compare) draw('chart-compare', { type: 'bar', data: { labels: d.compare.labels, datasets: [
      { label: d.compare.title, data: d.compare.values, backgroundColor: d.compare.highlight.map(function (h) { return h ? '#b3141c' : '#0b4f9c'; }) }] },
    options: Object.assign({}, common, { plugins: { legend: { display: false }, tooltip: { callbacks: {
      label: function (c) { return d.compare.texts[c.dataIndex]; } } } } }) });
});
