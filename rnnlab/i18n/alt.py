"""Text alternatives of charts (rnnlab.plots.alt) and the chart helper's data view (ui/elements/charts.py)."""

STRINGS = {
    "alt.kind_line": {"es": "Gráfico de líneas", "en": "Line chart"},
    "alt.kind_bar": {"es": "Gráfico de barras", "en": "Bar chart"},
    "alt.kind_heatmap": {"es": "Mapa de calor", "en": "Heatmap"},
    "alt.axes": {"es": "Eje horizontal: {x}; eje vertical: {y}.", "en": "Horizontal axis: {x}; vertical axis: {y}."},
    "alt.line": {
        "es": "{name}: {n} puntos de {x0} a {x1}; empieza en {first} y acaba en {last}; "
        "mínimo {low} en {at_low}, máximo {high} en {at_high}",
        "en": "{name}: {n} points from {x0} to {x1}; starts at {first} and ends at {last}; "
        "lowest {low} at {at_low}, highest {high} at {at_high}",
    },
    "alt.line_one": {"es": "{name}: {first} en {x0}", "en": "{name}: {first} at {x0}"},
    "alt.heatmap": {
        "es": "{name}: {rows} filas ({y}) por {cols} columnas ({x}), valores de {low} a {high}",
        "en": "{name}: {rows} rows ({y}) by {cols} columns ({x}), values from {low} to {high}",
    },
    "alt.more": {"es": "y {n} series más (todas en la tabla de datos)", "en": "and {n} more series (all in the data table)"},
    "alt.key": {"es": "Leyenda: {items}", "en": "Key: {items}"},
    "alt.empty": {"es": "Todavía no hay datos dibujados", "en": "No data drawn yet"},
    "alt.unnamed": {"es": "serie", "en": "series"},
    "alt.col_series": {"es": "serie", "en": "series"},
    "alt.col_x": {"es": "x", "en": "x"},
    "alt.col_y": {"es": "y", "en": "y"},
    "alt.col_value": {"es": "valor", "en": "value"},
    "alt.unrolled": {
        "es": "Diagrama: a la izquierda, una celda recurrente plegada con su bucle: recibe x_t, "
        "produce h_t y se devuelve h_t a sí misma. A la derecha, la misma celda desplegada en {steps} "
        "pasos: x_1 a x_{last} entran desde abajo, h_1 a h_{last} salen por arriba, y cada estado pasa a la "
        "copia siguiente empezando por h_0. Todas las copias comparten los mismos pesos.",
        "en": "Diagram: on the left, one folded recurrent cell with its loop: it takes x_t, "
        "produces h_t and feeds h_t back to itself. On the right, the same cell unrolled over {steps} "
        "steps: x_1 to x_{last} come in from below, h_1 to h_{last} go out at the top, and each state "
        "passes to the next copy, starting from h_0. All copies share the same weights.",
    },
    "alt.spark": {
        "es": "Miniatura de la serie actual, {name}: {n} valores entre {low} y {high}; el último es {last}.",
        "en": "Small picture of the current series, {name}: {n} values between {low} and {high}; the last is {last}.",
    },
    "alt.spark_empty": {"es": "Miniatura de la serie actual, {name}: sin valores.",
                        "en": "Small picture of the current series, {name}: no values."},
    "alt.loss_key": {"es": "Líneas continuas: pérdida de entrenamiento; discontinuas: pérdida de validación.",
                     "en": "Solid lines: training loss; dashed lines: validation loss."},
    "chart.data": {"es": "Datos del gráfico: {title}", "en": "Chart data: {title}"},
    "chart.data_untitled": {"es": "Datos del gráfico", "en": "Chart data"},
    "chart.csv": {"es": "Descargar estos datos (CSV)", "en": "Download this data (CSV)"},
    "chart.rows": {
        "es": "{n} filas: demasiadas para una tabla aquí; descarga el CSV para verlas todas.",
        "en": "{n} rows: too many for a table here; download the CSV to see them all.",
    },
    "alt.equation_box": {"es": "Ecuación (desplázala con las flechas)", "en": "Equation (scroll it with the arrow keys)"},
    "alt.code_box": {"es": "Código (desplázalo con las flechas)", "en": "Code (scroll it with the arrow keys)"},
    "alt.table_box": {"es": "Tabla (desplázala con las flechas)", "en": "Table (scroll it with the arrow keys)"},
}
