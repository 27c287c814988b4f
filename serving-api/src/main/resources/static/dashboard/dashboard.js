// The live dashboard of insights-api: polls /ad/{campaignId}/summary and draws the answer. Plain browser JavaScript,
// no build step; Chart.js is loaded before this file.
(function () {
  'use strict';

  const RANGES = {
    '1h': {granularity: 'minute', hours: 1},
    '6h': {granularity: 'minute', hours: 6},
    '24h': {granularity: 'hour', hours: 24},
    '7d': {granularity: 'hour', hours: 7 * 24},
    '90d': {granularity: 'day', days: 90},
  };
  const RECENT_KEY = 'adinsights.dashboard.recentCampaigns';
  const TOKEN_KEY = 'adinsights.dashboard.token';
  const RECENT_MAX = 10;
  const REQUEST_TIMEOUT_MS = 15000;
  const METRICS = ['impressions', 'clicks', 'clickToBasket', 'clickToBasketRate'];
  const COLORS = {
    impressions: '37, 99, 235',
    clicks: '234, 88, 12',
    clickToBasket: '22, 163, 74',
    clickToBasketRate: '147, 51, 234',
  };

  const $ = (id) => document.getElementById(id);
  const numbers = new Intl.NumberFormat('en-US');

  const state = {
    campaign: '',
    range: '24h',
    tz: 'UTC',
    everySeconds: 5,
    // The end of the server's current bucket for (granularity, tz), learnt from its answers: the page asks for
    // [to - range, to) with `to` left to the server, so the browser's clock never matters.
    anchor: null,
    // Minutes exist only after the real-time boundary: when the API refuses them, the same range is shown by hour.
    minutesRefused: false,
    // Whether the last request was the one asked again after the server's bucket moved (asked again only once).
    askedAgain: false,
    generation: 0,
    timer: null,
    polls: 0,
  };
  const charts = {};

  // ---- time zones -------------------------------------------------------------------------------------------------

  function zoneParts(ms, tz) {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(new Date(ms));
    const get = (type) => Number(parts.find((p) => p.type === type).value);
    return {year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'),
      second: get('second')};
  }

  function zoneOffsetMs(ms, tz) {
    const p = zoneParts(ms, tz);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
  }

  /** The instant a local date starts in the zone (two passes settle the offset across a DST change). */
  function startOfLocalDay(year, month, day, tz) {
    const wall = Date.UTC(year, month - 1, day);
    const first = wall - zoneOffsetMs(wall, tz);
    return wall - zoneOffsetMs(first, tz);
  }

  function isKnownZone(tz) {
    try {
      new Intl.DateTimeFormat('en-US', {timeZone: tz});
      return true;
    } catch (e) {
      return false;
    }
  }

  function formatInstant(iso, tz) {
    if (!iso) {
      return '–';
    }
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: tz, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
    }).format(new Date(iso));
  }

  function bucketLabel(iso, granularity, tz) {
    const options = granularity === 'day'
      ? {timeZone: tz, month: 'short', day: '2-digit'}
      : granularity === 'hour'
        ? {timeZone: tz, month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}
        : {timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23'};
    return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
  }

  function age(iso) {
    const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
    if (seconds < 0) {
      return 'ahead of this browser\'s clock';
    }
    if (seconds < 120) {
      return seconds + ' s ago';
    }
    if (seconds < 7200) {
      return Math.round(seconds / 60) + ' min ago';
    }
    if (seconds < 172800) {
      return Math.round(seconds / 3600) + ' h ago';
    }
    return Math.round(seconds / 86400) + ' days ago';
  }

  // ---- the query --------------------------------------------------------------------------------------------------

  function granularity() {
    const wanted = RANGES[state.range].granularity;
    return wanted === 'minute' && state.minutesRefused ? 'hour' : wanted;
  }

  function anchorKey() {
    return granularity() + '|' + state.tz;
  }

  /** The start of the range that ends at the server's `to` (the end of its current bucket). */
  function fromFor(toIso) {
    const range = RANGES[state.range];
    const to = Date.parse(toIso);
    if (range.days) {
      const local = zoneParts(to, state.tz);
      const date = new Date(Date.UTC(local.year, local.month - 1, local.day - range.days));
      return new Date(startOfLocalDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), state.tz))
        .toISOString();
    }
    return new Date(to - range.hours * 3600 * 1000).toISOString();
  }

  function summaryUrl(from) {
    const params = new URLSearchParams({granularity: granularity(), tz: state.tz});
    if (from) {
      params.set('from', from);
    }
    return '../ad/' + encodeURIComponent(state.campaign) + '/summary?' + params.toString();
  }

  function headers() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const result = {Accept: 'application/json'};
    if (token) {
      result.Authorization = 'Bearer ' + token;
    }
    return result;
  }

  async function getJson(url) {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(url, {headers: headers(), signal: controller.signal, cache: 'no-store'});
      const text = await response.text();
      let body = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch (e) {
        body = {detail: text};
      }
      return {status: response.status, ok: response.ok, body: body};
    } finally {
      clearTimeout(timeout);
    }
  }

  // ---- polling ----------------------------------------------------------------------------------------------------

  function schedule(delayMs) {
    clearTimeout(state.timer);
    const generation = state.generation;
    state.timer = setTimeout(() => poll(generation), delayMs);
  }

  async function poll(generation) {
    if (generation !== state.generation) {
      return;
    }
    if (!state.campaign) {
      setStatus('idle', 'Pick a campaign.');
      return;
    }
    const key = anchorKey();
    const anchored = state.anchor && state.anchor.key === key;
    let result;
    try {
      result = await getJson(summaryUrl(anchored ? fromFor(state.anchor.to) : null));
    } catch (e) {
      if (generation === state.generation) {
        setStatus('error', 'The API did not answer (' + e.message + '); retrying.');
        schedule(state.everySeconds * 1000);
      }
      return;
    }
    if (generation !== state.generation) {
      return;
    }
    if (result.ok) {
      const to = result.body.range.to;
      const moved = !anchored || to !== state.anchor.to;
      state.anchor = {key: key, to: to};
      if (moved && !state.askedAgain) {
        // First answer, or the server's current bucket moved on: ask again, once, for exactly the chosen range.
        state.askedAgain = true;
        schedule(0);
        return;
      }
      state.askedAgain = false;
      render(result.body);
      rememberCampaign(state.campaign);
      state.polls += 1;
      document.body.dataset.polls = String(state.polls);
      setStatus('ok', 'Live · updated ' + new Date().toLocaleTimeString('en-GB') + ' · every '
        + state.everySeconds + ' s');
      schedule(state.everySeconds * 1000);
      return;
    }
    const problem = result.body || {};
    if (result.status === 400 && problem.field === 'granularity' && granularity() === 'minute') {
      state.minutesRefused = true;
      state.askedAgain = false;
      showNotice('The API refused minutes for this range, showing hours instead: ' + (problem.detail || '')
        + ' (minutes exist only after the real-time boundary).');
      schedule(0);
      return;
    }
    if (result.status === 401) {
      setStatus('unauthorized', 'Sign in: paste a bearer token with the insights.read scope.');
    } else if (result.status === 403) {
      setStatus('forbidden', 'Not allowed: ' + (problem.detail || 'this token cannot read this campaign.'));
    } else {
      setStatus('error', (problem.title || ('HTTP ' + result.status)) + (problem.detail ? ': '
        + problem.detail : ''));
    }
    schedule(Math.max(state.everySeconds, 5) * 1000);
  }

  function setStatus(kind, text) {
    document.body.dataset.state = kind;
    $('status').textContent = text;
    $('status').className = kind;
  }

  function showNotice(text) {
    $('notice').textContent = text;
    $('notice').hidden = !text;
  }

  // ---- rendering --------------------------------------------------------------------------------------------------

  function setFigure(id, value, text) {
    const element = $(id);
    element.dataset.value = value === null || value === undefined ? '' : String(value);
    element.textContent = text;
  }

  function setInstant(id, iso) {
    const element = $(id);
    element.dataset.value = iso || '';
    element.textContent = iso ? formatInstant(iso, state.tz) + ' (' + age(iso) + ')' : 'unknown';
  }

  function render(answer) {
    const total = answer.total;
    setFigure('total-impressions', total.impressions, numbers.format(total.impressions));
    setFigure('total-clicks', total.clicks, numbers.format(total.clicks));
    setFigure('total-clickToBasket', total.clickToBasket, numbers.format(total.clickToBasket));
    setFigure('total-clickToBasketRate', total.clickToBasketRate, total.clickToBasketRate === null
      ? 'no clicks' : (total.clickToBasketRate * 100).toFixed(2) + ' %');

    $('range-from').dataset.value = answer.range.from;
    $('range-from').textContent = formatInstant(answer.range.from, state.tz);
    $('range-to').dataset.value = answer.range.to;
    $('range-to').textContent = formatInstant(answer.range.to, state.tz);
    $('granularity').textContent = 'by ' + answer.granularity + ' · ' + answer.zone
      + (answer.complete ? '' : ' · incomplete');
    $('granularity').dataset.value = answer.granularity;

    const boundary = answer.boundary;
    setInstant('batch-up-to', boundary.batchUpTo);
    setInstant('realtime-up-to', boundary.realtimeUpTo);
    const at = $('boundary-at');
    at.dataset.value = boundary.at;
    const side = Date.parse(boundary.at) <= Date.parse(answer.range.from) ? ' · the whole range is real-time'
      : Date.parse(boundary.at) >= Date.parse(answer.range.to) ? ' · the whole range is from the lake' : '';
    at.textContent = formatInstant(boundary.at, state.tz) + side;

    const gaps = $('gaps');
    gaps.dataset.count = String(answer.gaps.length);
    gaps.textContent = answer.gaps.length === 0 ? 'none' : answer.gaps.map((gap) => gap.reason + ' from '
      + formatInstant(gap.from, state.tz) + ' to ' + formatInstant(gap.to, state.tz)).join('; ');
    gaps.className = answer.gaps.length === 0 ? '' : 'warning';

    drawCharts(answer);
  }

  /**
   * The x position of an instant in bucket indexes: bucket i is drawn centred on i, from i - 0.5 to i + 0.5, so an
   * instant inside a bucket (the boundary inside a day) falls at its share of that bucket.
   */
  function positionOf(starts, endMs, iso) {
    const ms = Date.parse(iso);
    if (starts.length === 0) {
      return null;
    }
    for (let i = 0; i < starts.length; i++) {
      const bucketEnd = i + 1 < starts.length ? starts[i + 1] : endMs;
      if (ms < bucketEnd) {
        return i - 0.5 + Math.max(0, (ms - starts[i]) / (bucketEnd - starts[i]));
      }
    }
    return starts.length - 0.5;
  }

  function drawCharts(answer) {
    const starts = answer.series.map((point) => Date.parse(point.bucketStart));
    const labels = answer.series.map((point) => bucketLabel(point.bucketStart, answer.granularity, state.tz));
    const boundaryMs = Date.parse(answer.boundary.at);
    const fromMs = Date.parse(answer.range.from);
    const toMs = Date.parse(answer.range.to);
    const inside = (iso) => Boolean(iso) && Date.parse(iso) > fromMs && Date.parse(iso) < toMs;
    const marks = {
      boundary: inside(answer.boundary.at) ? positionOf(starts, toMs, answer.boundary.at) : null,
      realtimeUpTo: inside(answer.boundary.realtimeUpTo)
        ? positionOf(starts, toMs, answer.boundary.realtimeUpTo) : null,
      gaps: answer.gaps.map((gap) => [positionOf(starts, toMs, gap.from), positionOf(starts, toMs, gap.to)]),
    };
    for (const metric of METRICS) {
      const values = answer.series.map((point) => metric === 'clickToBasketRate'
        ? (point.clicks === 0 ? null : point.clickToBasket / point.clicks) : point[metric]);
      const colors = answer.series.map((point, i) => {
        const alpha = !point.complete ? 0.25 : starts[i] < boundaryMs ? 0.9 : 0.6;
        return 'rgba(' + COLORS[metric] + ', ' + alpha + ')';
      });
      const figure = document.querySelector('figure[data-metric="' + metric + '"]');
      figure.dataset.points = String(values.length);
      figure.dataset.sum = metric === 'clickToBasketRate' ? ''
        : String(values.reduce((sum, value) => sum + value, 0));
      chartFor(metric).data.labels = labels;
      const dataset = chartFor(metric).data.datasets[0];
      dataset.data = values;
      dataset.backgroundColor = metric === 'clickToBasketRate' ? 'rgba(' + COLORS[metric] + ', 0.15)' : colors;
      chartFor(metric).options.plugins.boundary = marks;
      chartFor(metric).update('none');
    }
  }

  const boundaryPlugin = {
    id: 'boundary',
    beforeDatasetsDraw(chart, args, marks) {
      if (!marks || !marks.gaps) {
        return;
      }
      const {ctx, chartArea, scales} = chart;
      ctx.save();
      ctx.fillStyle = 'rgba(220, 38, 38, 0.12)';
      for (const [from, to] of marks.gaps) {
        const left = Math.max(scales.x.getPixelForValue(from), chartArea.left);
        const right = Math.min(scales.x.getPixelForValue(to), chartArea.right);
        if (right > left) {
          ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
        }
      }
      ctx.restore();
    },
    afterDatasetsDraw(chart, args, marks) {
      if (!marks) {
        return;
      }
      const {ctx, chartArea, scales} = chart;
      const line = (index, color, dash) => {
        const x = scales.x.getPixelForValue(index);
        ctx.save();
        ctx.strokeStyle = color;
        ctx.lineWidth = 2;
        ctx.setLineDash(dash);
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
        ctx.restore();
        return x;
      };
      // A label is drawn only where it fits between the line and the edge of the plot.
      const label = (x, y, color, text, side) => {
        ctx.save();
        ctx.font = '600 11px system-ui, sans-serif';
        const width = ctx.measureText(text).width;
        const left = side === 'left' ? x - 5 - width : x + 5;
        if (left >= chartArea.left && left + width <= chartArea.right) {
          ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
          ctx.fillRect(left - 2, y - 10, width + 4, 14);
          ctx.fillStyle = color;
          ctx.textAlign = 'left';
          ctx.fillText(text, left, y);
        }
        ctx.restore();
      };
      if (marks.realtimeUpTo !== null && marks.realtimeUpTo !== undefined) {
        const x = line(marks.realtimeUpTo, 'rgb(100, 116, 139)', [2, 3]);
        label(x, chartArea.bottom - 6, 'rgb(71, 85, 105)', 'filling ▶', 'right');
      }
      if (marks.boundary !== null && marks.boundary !== undefined) {
        const x = line(marks.boundary, 'rgb(15, 23, 42)', [6, 4]);
        label(x, chartArea.top + 12, 'rgb(15, 23, 42)', '◀ lake', 'left');
        label(x, chartArea.top + 12, 'rgb(15, 23, 42)', 'real-time ▶', 'right');
      }
    },
  };

  function chartFor(metric) {
    if (!charts[metric]) {
      const rate = metric === 'clickToBasketRate';
      charts[metric] = new Chart($('chart-' + metric), {
        type: rate ? 'line' : 'bar',
        data: {labels: [], datasets: [{
          label: metric, data: [], borderColor: 'rgb(' + COLORS[metric] + ')', borderWidth: rate ? 2 : 0,
          pointRadius: 0, spanGaps: false, fill: rate, categoryPercentage: 1, barPercentage: 0.9,
        }]},
        options: {
          animation: false,
          maintainAspectRatio: false,
          interaction: {mode: 'index', intersect: false},
          plugins: {
            legend: {display: false},
            tooltip: {callbacks: rate ? {label: (item) => item.raw === null ? 'no clicks'
              : (item.raw * 100).toFixed(2) + ' %'} : {}},
          },
          scales: {
            x: {ticks: {autoSkip: true, maxRotation: 0, autoSkipPadding: 12}, grid: {display: false}},
            y: {beginAtZero: true, ticks: rate ? {callback: (value) => (value * 100).toFixed(1) + ' %'}
              : {precision: 0}},
          },
        },
      });
    }
    return charts[metric];
  }

  // ---- campaigns, settings, start-up ------------------------------------------------------------------------------

  function recentCampaigns() {
    try {
      const list = JSON.parse(localStorage.getItem(RECENT_KEY) || '[]');
      return Array.isArray(list) ? list.filter((id) => typeof id === 'string') : [];
    } catch (e) {
      return [];
    }
  }

  function rememberCampaign(id) {
    const list = [id].concat(recentCampaigns().filter((other) => other !== id)).slice(0, RECENT_MAX);
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  }

  async function loadCampaigns() {
    const options = new Set(recentCampaigns());
    let listed = [];
    try {
      const result = await getJson('../campaigns');
      if (result.ok && result.body && Array.isArray(result.body.campaigns)) {
        listed = result.body.campaigns;
      }
    } catch (e) {
      // the picker still offers the recent campaigns, and any id can be typed
    }
    listed.forEach((id) => options.add(id));
    const datalist = $('campaign-list');
    datalist.replaceChildren(...Array.from(options).map((id) => {
      const option = document.createElement('option');
      option.value = id;
      return option;
    }));
    return listed;
  }

  function readForm() {
    state.campaign = $('campaign').value.trim();
    state.range = RANGES[$('range').value] ? $('range').value : '24h';
    const tz = $('tz').value.trim() || 'UTC';
    if (!isKnownZone(tz)) {
      setStatus('error', 'Unknown time zone: ' + tz);
      return false;
    }
    state.tz = tz;
    state.everySeconds = Number($('every').value) || 5;
    return true;
  }

  function restart() {
    state.generation += 1;
    state.anchor = null;
    state.askedAgain = false;
    state.minutesRefused = false;
    showNotice('');
    const params = new URLSearchParams({campaign: state.campaign, range: state.range, tz: state.tz,
      every: String(state.everySeconds)});
    history.replaceState(null, '', '?' + params.toString());
    setStatus('loading', 'Loading…');
    schedule(0);
  }

  async function start() {
    Chart.register(boundaryPlugin);
    const params = new URLSearchParams(location.search);
    $('range').value = RANGES[params.get('range')] ? params.get('range') : '24h';
    $('tz').value = params.get('tz') || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    if (Array.from($('every').options).some((option) => option.value === params.get('every'))) {
      $('every').value = params.get('every');
    }
    $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
    $('token').addEventListener('change', async () => {
      const token = $('token').value.trim();
      if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
      } else {
        sessionStorage.removeItem(TOKEN_KEY);
      }
      await loadCampaigns();
      if (readForm()) {
        restart();
      }
    });
    $('controls').addEventListener('submit', (event) => {
      event.preventDefault();
      if (readForm()) {
        restart();
      }
    });
    for (const id of ['range', 'every']) {
      $(id).addEventListener('change', () => {
        if (readForm()) {
          restart();
        }
      });
    }
    const listed = await loadCampaigns();
    $('campaign').value = params.get('campaign') || recentCampaigns()[0] || listed[0] || '';
    if (readForm()) {
      restart();
    }
  }

  document.addEventListener('DOMContentLoaded', start);
}());
