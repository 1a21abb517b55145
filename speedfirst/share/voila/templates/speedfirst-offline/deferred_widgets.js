/*
 * deferred_widgets.js - render widget outputs only after the Voila widget
 * manager has restored all widget models from the kernel.
 *
 * Why: Voila's default renderer (@voila-dashboards/voila:render-outputs) renders
 * every output as soon as the app starts, while KernelWidgetManager.restoreWidgets()
 * is still loading the models. ipywidgets 8.1.9's get_model() then polls for the
 * missing model (100 ms steps, 2 s budget, deadline checked after the sleep and
 * before a final look); if the main thread is blocked (plotly.js loading/drawing)
 * the poll gives up although the model is registered by then, and because the
 * manager is restored by that time WidgetRenderer shows
 * "Error displaying widget: model not found" permanently.
 * Rendering after `restored` means get_model() finds the model on its first,
 * synchronous look, so no timer is involved at all.
 */
(function () {
  'use strict';
  var DEFERRED = 'script[type="application/vnd.voila.deferred-widget+json"]';
  var WIDGET_MIME = 'application/vnd.jupyter.widget-view+json';
  var FALLBACK_MS = 30000; // restore never reported: render anyway (stock behaviour)

  function whenApp() {
    return new Promise(function (resolve) {
      (function poll() {
        if (window.jupyterapp) {
          resolve(window.jupyterapp);
        } else {
          setTimeout(poll, 25);
        }
      })();
    });
  }

  function whenRestored(manager) {
    if (manager.restoredStatus) {
      return Promise.resolve(true);
    }
    return new Promise(function (resolve) {
      var done = false;
      function finish(ok) {
        if (done) return;
        done = true;
        manager.restored.disconnect(onRestored);
        resolve(ok);
      }
      function onRestored() {
        finish(true);
      }
      manager.restored.connect(onRestored);
      setTimeout(function () {
        if (!manager.restoredStatus) {
          console.warn('deferred-widgets: widget manager not restored after ' +
                       FALLBACK_MS + ' ms, rendering widgets anyway');
        }
        finish(manager.restoredStatus);
      }, FALLBACK_MS);
    });
  }

  function renderOne(manager, script) {
    var output = JSON.parse(script.textContent);
    var rendermime = manager.rendermime;
    var mimeType = rendermime.preferredMimeType(output.data, 'any') || WIDGET_MIME;
    var renderer = rendermime.createRenderer(mimeType);
    renderer.addClass('jp-OutputArea-output');
    var host = script.parentElement;
    host.removeChild(script);
    // Same as Voila's render-outputs plugin: Lumino Widget.attach (static,
    // inherited by the renderer class) so attach messages are delivered.
    if (typeof renderer.constructor.attach === 'function') {
      renderer.constructor.attach(renderer, host);
    } else {
      host.appendChild(renderer.node);
    }
    return renderer.renderModel(output).catch(function (error) {
      var pre = document.createElement('pre');
      pre.textContent = 'Javascript Error: ' + error.message;
      pre.className = 'lm-Widget jp-RenderedText';
      pre.setAttribute('data-mime-type', 'application/vnd.jupyter.stderr');
      renderer.node.appendChild(pre);
    });
  }

  async function main() {
    var scripts = Array.prototype.slice.call(document.querySelectorAll(DEFERRED));
    if (scripts.length === 0) return;
    var app = await whenApp();
    var manager = await app.widgetManagerPromise.promise;
    if (!manager) return;
    await whenRestored(manager);
    window.__deferredWidgetsRenderedAt = performance.now();
    scripts.forEach(function (script) {
      renderOne(manager, script);
    });
  }

  main().catch(function (e) {
    console.error('deferred-widgets failed', e);
  });
})();
