"""Load a Voila page N times in headless Chromium and count lost widgets.

usage: load.py URL N [expected_widgets] [expected_charts]
Prints one JSON line per load and a summary line.
"""
import json, sys, time
from playwright.sync_api import sync_playwright

URL, N = sys.argv[1], int(sys.argv[2])
EXP_W = int(sys.argv[3]) if len(sys.argv) > 3 else 7
EXP_C = int(sys.argv[4]) if len(sys.argv) > 4 else 7
import os
THROTTLE = float(os.environ.get('THROTTLE', '1'))
ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync']

PROBE = """() => {
  const t = document.body ? document.body.innerText : '';
  return {
    lost: (t.match(/model not found/g) || []).length,
    sliders: document.querySelectorAll('.widget-slider.widget-hslider').length,
    charts: document.querySelectorAll('.js-plotly-plot').length,
    loading: (t.match(/Loading widget\\.\\.\\./g) || []).length,
    app: !!window.jupyterapp,
    rs: document.readyState, tl: t.length,
  };
}"""

results = []
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path='/usr/bin/chromium', args=ARGS, headless=True)
    i = -1
    attempts = 0
    while len(results) < N and attempts < 3 * N:
        attempts += 1
        i += 1
        ctx = browser.new_context()
        # This machine has no internet; Voila's lab template links two Font Awesome
        # stylesheets on cdn.jsdelivr.net. Their DNS lookups can hang, and the
        # render-blocking <link> then blocks every inline script after it
        # (the page looks stuck at "Executing 1 of N"). Fail them immediately.
        ctx.route('https://cdn.jsdelivr.net/**', lambda route: route.abort())
        page = ctx.new_page()
        if THROTTLE > 1:   # emulate a slower client CPU (Chrome DevTools protocol)
            cdp = ctx.new_cdp_session(page)
            cdp.send('Emulation.setCPUThrottlingRate', {'rate': THROTTLE})
        console_nf = []
        page.on('console', lambda m: console_nf.append(m.text) if 'not found' in m.text else None)
        t0 = time.monotonic()
        page.goto(URL, wait_until='commit', timeout=120000)
        first_chart = all_done = t_app = t_html = None
        state = None
        deadline = t0 + 120
        html_deadline = t0 + 25   # server-side execution stall -> retry (separate known issue)
        stalled = False
        stable_since = None
        while time.monotonic() < deadline:
            try:
                state = page.evaluate(PROBE)
            except Exception:
                time.sleep(0.05); continue
            now = time.monotonic() - t0
            if state['rs'] == 'loading' and time.monotonic() > html_deadline:
                stalled = True
                break
            if t_html is None and state['rs'] != 'loading':
                t_html = now
            if t_app is None and state['app']:
                t_app = now
            if first_chart is None and state['charts'] > 0:
                first_chart = now
            if state['charts'] >= EXP_C and state['sliders'] >= EXP_W and all_done is None:
                all_done = now
            settled = (state['sliders'] + state['lost'] >= EXP_W and state['loading'] == 0 and state['app'])
            if settled:
                stable_since = stable_since or time.monotonic()
                if time.monotonic() - stable_since > 3:   # 3 s of no change after settling
                    break
            else:
                stable_since = None
            time.sleep(0.05)
        info = {}
        try:
            info = page.evaluate("""() => { const m = window.jupyterapp && window.jupyterapp.widgetManager;
               return m ? {get_model: m.get_model.toString().slice(0, 160), restored: m.restoredStatus} : {}; }""")
        except Exception:
            pass
        r = dict(load=i, settled=stable_since is not None, **(state or {}), html_s=round(t_html, 2) if t_html else None, app_s=round(t_app, 2) if t_app else None, first_chart_s=round(first_chart, 2) if first_chart else None,
                 all_charts_s=round(all_done, 2) if all_done else None,
                 console_not_found=len(console_nf), **info)
        if i > 0: r.pop('get_model', None)
        r['stalled_server'] = stalled
        if not stalled:
            results.append(r)
        print(json.dumps(r), flush=True)
        try:
            page.goto('about:blank')  # fires beforeunload -> Voila shuts the kernel down
        except Exception:
            pass
        ctx.close()
    browser.close()
lost = [r.get('lost', 0) for r in results]
fc = sorted(r['first_chart_s'] for r in results if r['first_chart_s'])
fch = sorted(round(r['first_chart_s'] - r['html_s'], 2) for r in results if r['first_chart_s'] and r['html_s'])
ac = sorted(r['all_charts_s'] for r in results if r['all_charts_s'])
print(json.dumps({'SUMMARY': URL, 'throttle': THROTTLE, 'loads': len(results), 'attempts': attempts, 'loads_with_loss': sum(1 for x in lost if x),
                  'lost_total': sum(lost), 'lost_per_load': lost,
                  'first_chart_median_s': fc[len(fc)//2] if fc else None,
                  'first_chart_after_html_median_s': fch[len(fch)//2] if fch else None,
                  'all_charts_median_s': ac[len(ac)//2] if ac else None}), flush=True)
