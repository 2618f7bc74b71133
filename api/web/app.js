// The what-if page: pick a preset (or paste a scenario), change the knobs that decide capacity,
// run it or sweep its load, and see the charts. It talks to the API on the same origin only and
// loads nothing from elsewhere; charts are SVG rendered by the server (GET .../chart?format=svg).

const $ = (selector) => document.querySelector(selector);
const state = { knobs: [], presets: new Map() };
const RUN_CHARTS = ['latency', 'utilization', 'autoscaling', 'connections', 'kafka-lag'];
const SWEEP_CHARTS = ['sweep', 'throughput'];

async function call(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, data: type.includes('json') ? await res.json() : await res.text() };
}

const source = () => document.querySelector('input[name="source"]:checked').value;
const setStatus = (text) => ($('#status').textContent = text);

function clearProblems() {
  for (const el of document.querySelectorAll('[data-error-for]')) el.textContent = '';
  for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  $('#problems').textContent = '';
}

// The error slot for an issue's path: its own field's, else the nearest enclosing one.
function slotFor(path) {
  const slots = [...document.querySelectorAll('[data-error-for]')];
  const exact = slots.find((el) => el.dataset.errorFor === path);
  if (exact !== undefined) return exact;
  const enclosing = slots
    .filter((el) => path.startsWith(`${el.dataset.errorFor}.`) || path.startsWith(`${el.dataset.errorFor}[`))
    .sort((a, b) => b.dataset.errorFor.length - a.dataset.errorFor.length)[0];
  if (enclosing !== undefined) return enclosing;
  return source() === 'text' ? $('[data-error-for="scenario"]') : null;
}

function showProblem(body) {
  const issues = body?.issues ?? [];
  const loose = [];
  for (const issue of issues) {
    const slot = slotFor(issue.path);
    if (slot === null) {
      loose.push(`${issue.path}: ${issue.message}`);
      continue;
    }
    slot.textContent = [
      slot.textContent,
      slot.dataset.errorFor === issue.path ? issue.message : `${issue.path}: ${issue.message}`,
    ]
      .filter(Boolean)
      .join('; ');
    const input = document.querySelector(`[data-path="${CSS.escape(slot.dataset.errorFor)}"]`);
    input?.setAttribute('aria-invalid', 'true');
  }
  $('#problems').textContent = [body?.message ?? 'the request failed', ...loose].join('\n');
  setStatus('');
}

function scenarioRef() {
  return source() === 'preset'
    ? { preset: { name: $('#preset').value, variant: $('#variant').value } }
    : { scenario: $('#scenario-text').value };
}

// The request: the scenario, and the knobs that were changed.
function request() {
  const set = {};
  let load;
  for (const knob of state.knobs) {
    const input = document.querySelector(`[data-path="${CSS.escape(knob.path)}"]`);
    if (input.value === '' || Number(input.value) === knob.value) continue;
    if (knob.path === 'load') load = Number(input.value);
    else set[knob.path] = Number(input.value);
  }
  return {
    ...scenarioRef(),
    ...(Object.keys(set).length > 0 ? { set } : {}),
    ...(load === undefined ? {} : { load }),
  };
}

function runSettings(form) {
  const out = {};
  for (const name of ['seed', 'replications']) {
    const value = form.elements[name].value;
    if (value !== '') out[name] = Number(value);
  }
  return out;
}

function renderKnobs(knobs) {
  state.knobs = knobs;
  const box = $('#knobs');
  box.replaceChildren();
  const titles = {
    load: 'Load',
    service: 'Pods',
    autoscaling: 'Autoscaling (HPA)',
    pool: 'Connection pools',
    database: 'Databases',
  };
  let group = null;
  for (const knob of knobs) {
    if (knob.group !== group) {
      group = knob.group;
      const title = document.createElement('div');
      title.className = 'group-title';
      title.textContent = titles[group] ?? group;
      box.append(title);
    }
    const row = document.createElement('label');
    row.className = 'knob';
    const name = document.createElement('span');
    name.textContent = knob.label;
    const input = document.createElement('input');
    input.type = 'number';
    input.value = String(knob.value);
    input.min = String(knob.min);
    input.step = knob.integer ? '1' : 'any';
    input.dataset.path = knob.path;
    input.name = knob.path;
    input.addEventListener('input', () =>
      row.classList.toggle('changed', Number(input.value) !== knob.value),
    );
    const unit = document.createElement('span');
    unit.className = 'unit';
    unit.textContent = knob.unit ?? '';
    const error = document.createElement('p');
    error.className = 'error';
    error.dataset.errorFor = knob.path;
    error.style.gridColumn = '1 / -1';
    row.append(name, input, unit, error);
    box.append(row);
  }
  const load = knobs.find((k) => k.path === 'load');
  const form = $('#knobs-form');
  if (load !== undefined) {
    form.elements.sweepFrom.value = String(Math.max(load.min, Math.round(load.value * 0.25)));
    form.elements.sweepTo.value = String(Math.round(load.value * 1.5));
  }
}

async function loadKnobs() {
  clearProblems();
  setStatus('Reading the scenario…');
  const res = await call('POST', '/v1/scenarios/validate', scenarioRef());
  if (res.status !== 200) {
    renderKnobs([]);
    return showProblem(res.data);
  }
  renderKnobs(res.data.knobs);
  const warnings = res.data.warnings ?? [];
  setStatus(warnings.length === 0 ? '' : `Warnings: ${warnings.map((w) => w.message).join('; ')}`);
}

async function loadPreset() {
  const name = $('#preset').value;
  const res = await call('GET', `/v1/presets/${encodeURIComponent(name)}`);
  if (res.status !== 200) return showProblem(res.data);
  const preset = res.data;
  const variants = $('#variant');
  variants.replaceChildren(
    ...preset.variants.map((v) => {
      const option = document.createElement('option');
      option.value = v.name;
      option.textContent = `${v.name}: ${v.description}`;
      return option;
    }),
  );
  $('#preset-summary').textContent = preset.summary ?? '';
  const counts = preset.calibration?.counts;
  $('#calibration').textContent =
    counts === undefined
      ? ''
      : `Calibration against its document: ${Object.entries(counts)
          .map(([status, n]) => `${n} ${status}`)
          .join(', ')}.`;
  await loadKnobs();
}

async function poll(location) {
  for (;;) {
    const res = await call('GET', location);
    const job = res.data;
    if (job.status !== 'running') return job;
    const p = job.progress;
    setStatus(p === undefined ? 'Running…' : `Running… ${p.done} of ${p.total} replications`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function showCharts(location, kinds) {
  const box = $('#charts');
  box.replaceChildren();
  for (const kind of kinds) {
    const res = await call('GET', `${location}/chart?format=svg&kind=${kind}`);
    // A chart with nothing to show (no HPA, no Kafka) is left out.
    if (res.status !== 200) continue;
    const figure = document.createElement('figure');
    figure.dataset.kind = kind;
    figure.innerHTML = res.data;
    box.append(figure);
  }
}

function headline(entries) {
  const dl = $('#headline');
  dl.replaceChildren();
  for (const [term, value] of entries) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dl.append(dt, dd);
  }
}

const fmt = (e, digits = 3) =>
  e === null || e === undefined || e.value === null
    ? '—'
    : `${Number(e.value.toPrecision(digits))}${e.ci95 === null ? '' : ` [${Number(e.ci95[0].toPrecision(digits))}, ${Number(e.ci95[1].toPrecision(digits))}]`}`;

async function submit(url, body, onDone) {
  clearProblems();
  $('#charts').replaceChildren();
  $('#headline').replaceChildren();
  setStatus('Submitting…');
  const res = await call('POST', url, { ...body, async: true });
  if (res.status >= 400) return showProblem(res.data);
  const job = await poll(res.data.location);
  if (job.status !== 'done') return showProblem(job.error);
  setStatus(`Done: ${res.data.location}`);
  await onDone(res.data.location, job.result);
}

function runWhatIf(event) {
  event.preventDefault();
  const body = { ...request(), ...runSettings($('#knobs-form')) };
  return submit('/v1/simulations', body, async (location, r) => {
    headline([
      ['succeeded', `${fmt(r.throughput.succeededPerSec)} /s`],
      [
        'p50 / p95 / p99',
        `${fmt(r.latencyMs.succeeded.p50)} / ${fmt(r.latencyMs.succeeded.p95)} / ${fmt(r.latencyMs.succeeded.p99)} ms`,
      ],
      [
        'failed',
        `${fmt({ ...r.requests.failureRate, value: r.requests.failureRate.value * 100, ci95: r.requests.failureRate.ci95?.map((x) => x * 100) ?? null })} %`,
      ],
      ['bottleneck', `${r.bottleneck.component}: ${r.bottleneck.reason}`],
    ]);
    await showCharts(location, RUN_CHARTS);
  });
}

function runSweep() {
  const form = $('#knobs-form');
  const number = (name) => (form.elements[name].value === '' ? undefined : Number(form.elements[name].value));
  const body = {
    ...request(),
    ...runSettings(form),
    vary: [{ load: { from: number('sweepFrom'), to: number('sweepTo'), steps: number('sweepSteps') } }],
  };
  return submit('/v1/sweeps', body, async (location, r) => {
    headline([
      ['points', String(r.points.length)],
      ['knee', r.knee.knee === null ? `none (${r.knee.reason})` : String(r.knee.knee.value)],
    ]);
    await showCharts(location, SWEEP_CHARTS);
  });
}

async function init() {
  const res = await call('GET', '/v1/presets');
  const select = $('#preset');
  for (const preset of res.data) {
    state.presets.set(preset.name, preset);
    const option = document.createElement('option');
    option.value = preset.name;
    option.textContent = `${preset.name}: ${preset.title}`;
    select.append(option);
  }
  select.addEventListener('change', loadPreset);
  $('#variant').addEventListener('change', loadKnobs);
  for (const radio of document.querySelectorAll('input[name="source"]'))
    radio.addEventListener('change', () => {
      $('#preset-source').hidden = source() !== 'preset';
      $('#text-source').hidden = source() !== 'text';
      if (source() === 'preset') loadKnobs();
      else renderKnobs([]);
    });
  $('#load-text').addEventListener('click', loadKnobs);
  $('#knobs-form').addEventListener('submit', runWhatIf);
  $('#sweep').addEventListener('click', runSweep);
  await loadPreset();
  document.body.dataset.ready = 'true';
}

init().catch((e) => showProblem({ message: String(e) }));
