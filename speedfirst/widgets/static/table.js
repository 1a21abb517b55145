// speedfirst's table widget: a plain HTML table whose cells are updated in place.
//
// The kernel sends the header (`columns`) and the body (`rows`, lists of cell
// texts). The table is built once; a new value only rewrites the cells whose
// text changed, and adds or removes rows when their number changes. Setting
// the whole table as HTML instead (an ipywidgets HTML widget) parsed a new
// table on every slider move: about 200 elements, some 550 KB of garbage for
// the browser's garbage collector per move, and the whole table laid out
// again. Cells are text (textContent), never HTML.

function setText(cell, text) {
  const value = text === null || text === undefined ? "" : String(text);
  if (cell.textContent !== value) cell.textContent = value;
}

function fill(row, cells, tag, numeric) {
  while (row.cells.length > cells.length) row.deleteCell(-1);
  cells.forEach((text, i) => {
    let cell = row.cells[i];
    if (!cell) cell = row.appendChild(document.createElement(tag));
    const right = numeric.has(i);
    if (cell.classList.contains("sf-num") !== right) cell.classList.toggle("sf-num", right);
    setText(cell, text);
  });
}

export default {
  render({ model, el }) {
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    const body = table.createTBody();
    const show = () => {
      table.className = "sf-rows " + (model.get("table_class") || "");
      const numeric = new Set(model.get("numeric") || []);
      fill(head, model.get("columns") || [], "th", numeric);
      const rows = model.get("rows") || [];
      while (body.rows.length > rows.length) body.deleteRow(-1);
      rows.forEach((cells, r) => fill(body.rows[r] || body.insertRow(), cells, "td", numeric));
    };
    show();
    el.appendChild(table);
    model.on("change", show);
    return () => model.off("change", show);
  },
};
