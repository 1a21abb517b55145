// speedfirst: a plotly figure laid out for a narrow screen, shared by the
// dashboard's chart widget (speedfirst/widgets/static/chart.js, which gets this
// text put in front of it) and the read-only page's lazily drawn charts
// (speedfirst/report.py). A plain script: no import, no export.
//
// On a phone (a graph narrower than NARROW_PX) the desktop layout does not fit:
// a legend above the plot grows into the title as it wraps, and one tick per
// week runs the labels together. There the legend goes under the plot (with
// room made for it), the x axes choose their own ticks, and the mode bar is left
// out (axes with ticks of their own, such as m:ss paces, keep them). The figure
// itself is not changed; fitted() returns a copy to draw.
const NARROW_PX = 560;
const LEGEND_ROW_PX = 21;

function fitted(fig, width) {
  if (!width || width >= NARROW_PX) return fig;
  const layout = { ...(fig.layout || {}) };
  const entries = (fig.data || []).filter((t) => t.showlegend !== false && t.name).length;
  if (layout.showlegend !== false && entries > 1) {
    const room = entries * LEGEND_ROW_PX + 12;
    layout.legend = { ...(layout.legend || {}), orientation: "h", x: 0, xanchor: "left",
                      yref: "container", y: 0, yanchor: "bottom" };
    layout.margin = { ...(layout.margin || {}), b: (layout.margin?.b ?? 60) + room };
    layout.height = (layout.height || 450) + room;
  }
  const title = layout.title && typeof layout.title === "object" ? layout.title : null;
  if (title && title.text) {  // the title at the top, with just the room its lines need
    const lines = (title.text.match(/<br\s*\/?>/gi) || []).length + 1;
    // (plotly places a title anchored at its top by its first line: pad the others in)
    layout.title = { ...title, yref: "container", y: 1, yanchor: "top",
                     pad: { t: 8 + 20 * (lines - 1) } };
    layout.margin = { ...(layout.margin || {}), t: 28 + 20 * (lines - 1) + 22 * lines };
  }
  for (const key of Object.keys(layout)) {  // axes that place their own ticks (not m:ss ones)
    const axis = layout[key];
    if (/^xaxis\d*$/.test(key) && axis && !axis.tickvals && axis.type !== "date") {
      layout[key] = { ...axis, tickmode: "auto", nticks: 6 };
    }
  }
  return { ...fig, layout, config: { ...(fig.config || {}), displayModeBar: false } };
}
