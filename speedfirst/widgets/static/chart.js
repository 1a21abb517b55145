// speedfirst's chart widget: one plotly.js graph per widget, redrawn in place.
//
// The kernel sends the figure ({data, layout, config}) as the widget's
// `figure` trait; every change is drawn with Plotly.react on the same <div>,
// which diffs against the graph already there. Showing a new figure through an
// Output widget instead tears the graph down, draws a new one and caches a PNG
// preview of it (plotly's mime renderer), three to five times the work.
//
// plotly.js itself is not bundled here (it would travel with every widget's
// state). On speedfirst's own Voila pages the template names the plotly.js
// basic bundle that speedfirst ships (window.sfPlotlyUrl, a static file of the
// template, cached for good): bar and scatter traces are all our charts use,
// and it loads and evaluates in about a quarter of the full bundle's time
// (0.3 s against 1.2 s on a 2-core machine, on the main thread of every page
// load). Elsewhere (JupyterLab) the page already has the full bundle: the
// plotly package ships the jupyterlab-plotly extension, which JupyterLab loads
// at start-up (its module federation container is
// window._JUPYTERLAB["jupyterlab-plotly"]) and whose renderer bundles
// plotly.js. The renderer only loads that bundle when it first draws a figure,
// so if no plotly output drew one yet, ask the renderer (through the public
// rendermime interfaces: the extension's rendererFactory, createRenderer,
// renderModel) to draw an empty figure off the page. Either way the bundle
// sets window.Plotly, which every chart then uses.

const MIME = "application/vnd.plotly.v1+json";

// State shared by every chart on the page. It cannot live in this module's own
// variables: anywidget (0.11, loadEsm) imports a widget's inline ESM from a new
// Blob URL for every widget model, so each chart gets a module instance of its own.
// With per-module state, each of the dashboard's six charts fetched and ran
// plotly.js itself (six <script> elements, window.Plotly set six times; V8's code
// cache made the repeats cheaper than the first run, and a page load's main thread
// went from 1268-1448 ms to 1070-1368 ms once the bundle ran once), the draw
// queue below ordered only one chart's draws, and every chart warmed up on its own.
const shared = (globalThis.__speedfirstCharts ??= {
  loading: null,                // the promise of plotly.js, fetched once per page
  queue: Promise.resolve(),     // every chart's draws, one at a time
  warmed: false,                // the update path has been run once on this page
});

async function loadThroughExtension() {
  const container = window._JUPYTERLAB && window._JUPYTERLAB["jupyterlab-plotly"];
  if (!container) throw new Error("the jupyterlab-plotly extension is not on this page");
  const module = (await container.get("./mimeExtension"))();
  const extensions = [].concat(module.default || []);
  const entry = extensions.find((e) => e.rendererFactory
    && e.rendererFactory.mimeTypes.includes(MIME));
  if (!entry) throw new Error("jupyterlab-plotly has no renderer for " + MIME);
  const renderer = entry.rendererFactory.createRenderer({ mimeType: MIME });
  await renderer.renderModel({
    data: { [MIME]: { data: [], layout: { width: 20, height: 20 }, config: {} } },
    metadata: {}, trusted: true, setData() {},
  });
  renderer.dispose();
  if (!window.Plotly) throw new Error("plotly.js did not load");
  return window.Plotly;
}

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => (window.Plotly ? resolve(window.Plotly)
                                         : reject(new Error("plotly.js did not load")));
    script.onerror = () => reject(new Error("plotly.js could not be fetched from " + url));
    document.head.appendChild(script);
  });
}

function plotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!shared.loading) {
    shared.loading = window.sfPlotlyUrl ? loadScript(window.sfPlotlyUrl) : loadThroughExtension();
    shared.loading.catch(() => { shared.loading = null; });
  }
  return shared.loading;
}

// Every chart of the page draws through one queue, one graph per task, with a
// turn of the event loop before each. anywidget (0.9.14 and later) gives each
// widget model 2 s from its creation to load its module; past that it marks the
// model failed for good, and the model then drops every later message from the
// kernel (its _handle_comm_msg awaits the failed promise), so the chart would
// never follow a slider again. The models are created together when the page
// restores them; drawing several graphs in one long task (plus loading
// plotly.js) could hold the main thread past that deadline on a busy machine.
// Short tasks with turns in between let the modules finish loading first.
const turn = () => new Promise((r) => setTimeout(r, 0));

function enqueue(work) {
  const run = shared.queue.then(turn).then(work);
  shared.queue = run.catch(() => {});
  return run;
}

// The first chart drawn on a page is drawn a second time, from a copy of its
// figure, once the page is idle. A first draw goes through Plotly.newPlot; the
// update path a slider move takes (Plotly.react diffing the new figure against
// the drawn one, then replotting) otherwise runs for the first time at the
// viewer's first move, with V8 compiling it then. Ten viewers moving a slider at
// the same moment on two cores (four runs each way, interleaved): the slowest
// first move came down from 554-964 ms (mean 811) to 535-728 ms (mean 633). It
// costs one redraw (about 30 ms) per page load, off the load's critical path.
const whenIdle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 5000 })
                                                      : setTimeout(fn, 1000));

// fitted(fig, width) and NARROW_PX, the layout for a phone, come from
// speedfirst/figures/narrow.js, which widgets/chart.py puts in front of this file.

function label(layout) {
  const title = layout && layout.title && (layout.title.text || layout.title);
  return typeof title === "string" ? title.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()
                                   : "chart";
}

export default {
  async render({ model, el }) {
    const graph = document.createElement("div");
    graph.className = "sf-graph";
    el.appendChild(graph);
    let Plotly;
    try {
      Plotly = await enqueue(plotly);
    } catch (err) {
      console.error("speedfirst chart:", err);
      graph.textContent = "This chart cannot be drawn: plotly.js did not load. Reload the page.";
      graph.setAttribute("role", "alert");
      return;
    }
    let pending = null;
    let drawing = Promise.resolve();
    let narrow = false;
    let width = 0;
    let drawnConfig = null;
    const draw = (copy = false) => {
      // several changes while a draw runs collapse into one more draw of the latest figure
      if (pending) return pending;
      pending = drawing.then(() => {
        pending = null;
        const sent = model.get("figure") || {};
        if (!sent.data) return drawing;  // nothing to show yet (a tab not opened so far)
        narrow = el.offsetWidth > 0 && el.offsetWidth < NARROW_PX;
        // (a copy has new arrays, which Plotly.react redraws like a changed figure)
        const fig = fitted(copy ? structuredClone(sent) : sent, el.offsetWidth);
        graph.setAttribute("role", "img");
        graph.setAttribute("aria-label", label(fig.layout));
        // The config goes to Plotly.react only when it changed. Given a config,
        // react builds the graph's context afresh, and with it _hasZeroHeight, which
        // it recomputes from the graph's height at that moment: true for the first
        // draw into an empty box, false for the next. With `responsive` on, a graph
        // whose context says false gets a box of height 100% of a parent without a
        // height: 0 px, with the plot hanging out of it over whatever follows. Every
        // other slider move then collapsed the box, the resize observer below fired,
        // and plotly redrew once more to fit (plotly.js#4856, open since 2020).
        const config = JSON.stringify(fig.config || {});
        const changed = config !== drawnConfig;
        drawnConfig = config;
        width = el.offsetWidth;
        drawing = enqueue(() => Plotly.react(graph, fig.data, fig.layout || {},
                                             changed ? fig.config || {} : undefined));
        return drawing;
      });
      return pending;
    };
    const onChange = () => draw();
    model.on("change:figure", onChange);
    await draw();
    if (!shared.warmed && graph._fullLayout) {
      shared.warmed = true;
      whenIdle(() => {
        if (el.offsetWidth > 0) draw(true);
        else shared.warmed = false;  // its tab was closed meanwhile: the next chart drawn warms
      });
    }
    // The widget may be laid out after the first draw (a tab opened later): fit it
    // then. Only the width follows the page: a figure sets its own height, so a
    // change of the box's height is the graph's own doing and needs no redraw.
    const resize = new ResizeObserver(() => {
      if (el.offsetWidth === 0 || el.offsetWidth === width) return;  // hidden, or same width
      width = el.offsetWidth;
      if ((width < NARROW_PX) !== narrow) draw();  // turned to or from a phone layout
      else if (graph._fullLayout) Plotly.Plots.resize(graph);
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      model.off("change:figure", onChange);
      Plotly.purge(graph);
    };
  },
};
