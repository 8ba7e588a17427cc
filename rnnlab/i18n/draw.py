"""Strings of "Draw the future" (rnnlab.activities.draw, ui/classroom/live_draw.py, rnnlab/plots/draw.py)."""

STRINGS = {
    # refusals
    "draw.error.horizon": {"es": "Se pueden dibujar entre {low} y {high} puntos.",
                           "en": "Between {low} and {high} points can be drawn."},
    "draw.error.too_short": {
        "es": "La serie tiene {n} valores: para dibujar {horizon} hacen falta al menos {needed}.",
        "en": "The series has {n} values: drawing {horizon} needs at least {needed}."},
    "draw.error.not_finite_series": {"es": "La serie tiene valores que no son números finitos.",
                                     "en": "The series holds values that are not finite numbers."},
    "draw.error.cut": {"es": "El corte en la posición {cut} no cabe: tiene que estar entre {low} y {high}.",
                       "en": "A cut at position {cut} does not fit: it must be between {low} and {high}."},
    "draw.error.length": {"es": "Tu dibujo tiene {n} puntos y hacen falta {horizon}.",
                          "en": "Your drawing has {n} points and {horizon} are needed."},
    "draw.error.missing": {
        "es": "Te faltan {n} de los {horizon} puntos: dibuja toda la línea hasta el final.",
        "en": "{n} of the {horizon} points are missing: draw the line all the way to the end."},
    "draw.error.not_numbers": {"es": "Un dibujo son {horizon} números, uno por paso.",
                               "en": "A drawing is {horizon} numbers, one per step."},
    "draw.error.not_finite": {"es": "Tu dibujo tiene un valor que no es un número finito.",
                              "en": "Your drawing has a value that is not a finite number."},
    "draw.error.too_many": {"es": "Ya has enviado {n} dibujos en esta actividad: se queda el último.",
                            "en": "You have sent {n} drawings in this activity: the last one stays."},
    "draw.error.gone": {"es": "Esa actividad de dibujo ya no está abierta.",
                        "en": "That drawing activity is no longer open."},
    "draw.error.closed": {"es": "El profesor ya ha cerrado los dibujos: se queda el último que enviaste.",
                          "en": "The teacher has closed the drawings: the last one you sent stays."},
    "draw.clipped": {
        "es": "{n} puntos se salían de lo razonable y se han llevado al rango de {low} a {high}.",
        "en": "{n} points were out of any reasonable range and were brought into {low} to {high}."},
    # the teacher
    "draw.open_title": {"es": "Dibujar el futuro", "en": "Draw the future"},
    "draw.horizon": {"es": "Puntos que dibujar", "en": "Points to draw"},
    "draw.horizon_help": {
        "es": "Los estudiantes ven la serie hasta el inicio de la parte de prueba y dibujan los "
        "siguientes puntos.",
        "en": "Students see the series up to the start of the test part and draw the next points."},
    "draw.open": {"es": "Abrir el dibujo", "en": "Open the drawing"},
    "draw.close": {"es": "Cerrar los dibujos", "en": "Close the drawings"},
    "draw.reveal": {"es": "Mostrar la respuesta", "en": "Show the answer"},
    "draw.remove": {"es": "Quitar la actividad", "en": "Remove the activity"},
    "draw.count": {"es": "Dibujos recibidos: {n}", "en": "Drawings received: {n}"},
    "draw.question_open": {"es": "Hay una pregunta abierta: ciérrala para mostrar los dibujos.",
                           "en": "A question is open: close it to show the drawings."},
    "draw.closed_note": {"es": "Dibujos cerrados: nadie puede enviar más.",
                         "en": "Drawings closed: nobody can send more."},
    # everyone
    "draw.title": {"es": "Dibuja los próximos {h} puntos", "en": "Draw the next {h} points"},
    "draw.teacher_note": {
        "es": "La clase ve la serie hasta la línea discontinua y dibuja lo que viene. "
        "La página queda oculta hasta que muestres la respuesta.",
        "en": "The class sees the series up to the dashed line and draws what comes next. "
        "The page stays hidden until you show the answer."},
    "draw.how": {
        "es": "Desliza el dedo (o el ratón) a la derecha de la línea discontinua. Con el teclado: "
        "Tab hasta un punto y ↑/↓ para moverlo. Puedes rehacerlo hasta que el profesor cierre.",
        "en": "Slide your finger (or the mouse) right of the dashed line. By keyboard: Tab to a "
        "point and ↑/↓ to move it. You can redo it until the teacher closes."},
    "draw.surface_label": {
        "es": "Gráfico para dibujar: la serie «{name}» hasta la posición {cut} y {h} puntos por dibujar",
        "en": "Drawing chart: the series “{name}” up to position {cut} and {h} points to draw"},
    "draw.point_label": {"es": "Paso {k} de {h}", "en": "Step {k} of {h}"},
    "draw.point_unset": {"es": "sin dibujar", "en": "not drawn"},
    "draw.drawn_count": {"es": "Puntos dibujados: {n} de {h}", "en": "Points drawn: {n} of {h}"},
    "draw.clear": {"es": "Borrar", "en": "Clear"},
    "draw.send": {"es": "Enviar mi dibujo", "en": "Send my drawing"},
    "draw.sent": {"es": "Dibujo enviado. Puedes rehacerlo y enviarlo otra vez hasta que el profesor cierre.",
                  "en": "Drawing sent. You can redo it and send it again until the teacher closes."},
    "draw.none_yet": {"es": "Dibuja la línea entera antes de enviar.",
                      "en": "Draw the whole line before sending."},
    "draw.wait_reveal": {"es": "Dibujos cerrados: espera a que el profesor muestre la respuesta.",
                         "en": "Drawings closed: wait for the teacher to show the answer."},
    "draw.page_hidden": {"es": "La página vuelve cuando se muestre la respuesta.",
                         "en": "The page comes back once the answer is shown."},
    # the reveal
    "draw.your_score": {"es": "Tu MASE: {mase}. Puesto {place} de {n}.",
                        "en": "Your MASE: {mase}. Place {place} of {n}."},
    "draw.you_beat": {"es": "Mejor que: {names}.", "en": "Better than: {names}."},
    "draw.no_drawing": {"es": "No enviaste ningún dibujo en esta actividad.",
                        "en": "You did not send a drawing in this activity."},
    "draw.no_scale": {
        "es": "La parte mostrada es plana: no hay con qué escalar el error (MASE sin definir).",
        "en": "The part shown is flat: there is nothing to scale the error by (MASE undefined)."},
    "draw.ranking": {"es": "Clasificación (MASE: menos es mejor; por debajo de 1, mejor que el ingenuo estacional "
                     "dentro de lo que se veía)",
                     "en": "Ranking (MASE: lower is better; below 1, better than seasonal naive within "
                     "what was shown)"},
    "draw.col.who": {"es": "Quién", "en": "Who"},
    "draw.col.mase": {"es": "MASE", "en": "MASE"},
    "draw.col.crps": {"es": "CRPS", "en": "CRPS"},
    "draw.col.interval": {"es": "Puntuación de intervalo 10–90 %", "en": "10–90 % interval score"},
    "draw.col.beaten": {"es": "Estudiantes que lo superan", "en": "Students who beat it"},
    "draw.who.class": {"es": "Mediana de la clase", "en": "Class median"},
    "draw.who.seasonal_naive": {"es": "Ingenuo estacional", "en": "Seasonal naive"},
    "draw.who.ets": {"es": "ETS (suavizado exponencial)", "en": "ETS (exponential smoothing)"},
    "draw.who.network": {"es": "Red: {name}", "en": "Network: {name}"},
    "draw.network_missing": {
        "es": "Falta la red: el profesor no tiene un entrenamiento de esta serie en «Entrenar».",
        "en": "The network is missing: the teacher has no training of this series on Train."},
    "draw.network_short": {
        "es": "Falta la red: su ventana ({lookback}) no cabe antes del corte.",
        "en": "The network is missing: its window ({lookback}) does not fit before the cut."},
    "draw.scores_note": {
        "es": "CRPS de la clase: la de todos los dibujos como una distribución; la de un modelo es su "
        "error absoluto medio. La puntuación de intervalo es la de la banda 10–90 % de la clase.",
        "en": "The class's CRPS reads all the drawings as one distribution; a model's is its mean "
        "absolute error. The interval score is that of the class's 10–90 % band."},
    "draw.anchoring": {
        "es": "Anclaje: {flat} de {n} dibujos prolongan el último valor en horizontal y {season} "
        "copian la última temporada.",
        "en": "Anchoring: {flat} of {n} drawings carry the last value on flat and {season} copy "
        "the last season."},
    "draw.anchoring_no_season": {
        "es": "Anclaje: {flat} de {n} dibujos prolongan el último valor en horizontal (esta serie no "
        "tiene temporada que copiar).",
        "en": "Anchoring: {flat} of {n} drawings carry the last value on flat (this series has no "
        "season to copy)."},
    "draw.no_drawings": {"es": "Nadie ha enviado un dibujo: solo se comparan los modelos.",
                         "en": "Nobody sent a drawing: only the models are compared."},
    # the chart
    "draw.fig.title": {"es": "Dibujos de la clase, la realidad y los modelos",
                       "en": "The class's drawings, the truth and the models"},
    "draw.fig.x": {"es": "Posición", "en": "Position"},
    "draw.fig.y": {"es": "Valor", "en": "Value"},
    "draw.fig.series": {"es": "Serie (lo que se veía)", "en": "Series (what was shown)"},
    "draw.fig.drawings": {"es": "Dibujos ({n})", "en": "Drawings ({n})"},
    "draw.fig.fan": {"es": "Banda 10–90 % de la clase", "en": "Class 10–90 % band"},
    "draw.fig.median": {"es": "Mediana de la clase", "en": "Class median"},
    "draw.fig.truth": {"es": "Realidad", "en": "Truth"},
    "draw.fig.network": {"es": "Red {name}", "en": "Network {name}"},
    "draw.fig.alt_extra": {
        "es": "La línea discontinua marca el corte en la posición {cut}; a su derecha, {n} dibujos. "
        "La realidad va de {first} a {last}. Por MASE (menos es mejor): {ranking}.",
        "en": "The dashed line marks the cut at position {cut}; right of it, {n} drawings. "
        "The truth goes from {first} to {last}. By MASE (lower is better): {ranking}."},
}
