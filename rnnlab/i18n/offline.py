"""The offline lesson file (rnnlab.lessons.offline): its player, figures and questions."""

STRINGS = {
    # The app's download button (wired by the lesson editor / player; rnnlab.lessons.offline).
    "offline.download": {"es": "Descargar para usar sin conexión (HTML)", "en": "Download for offline use (HTML)"},
    "offline.download_short": {"es": "Para llevar (HTML)", "en": "Take it home (HTML)"},
    "offline.download_help": {
        "es": "Un solo archivo que se abre en cualquier navegador sin internet ni servidor: las escenas, "
              "sus textos con los valores, el escenario paso a paso, las figuras y las preguntas.",
        "en": "One file that opens in any browser with no internet and no server: the scenes, their "
              "texts with the values, the step-by-step stage, the figures and the questions.",
    },
    "offline.series.notebook": {"es": "Serie del cuaderno", "en": "The notebook's series"},
    "offline.series.sine": {"es": "Seno con ruido", "en": "Noisy sine"},
    "offline.part.train": {"es": "entrenamiento", "en": "training"},
    "offline.part.val": {"es": "validación", "en": "validation"},
    "offline.part.test": {"es": "prueba", "en": "test"},
    "offline.axis.time": {"es": "Tiempo (posición en la serie)", "en": "Time (position in the series)"},
    "offline.axis.value": {"es": "Valor", "en": "Value"},
    "offline.axis.epoch": {"es": "Época", "en": "Epoch"},
    "offline.axis.mse": {"es": "ECM, escala log.", "en": "MSE, log scale"},
    "offline.axis.back": {"es": "Pasos hacia atrás desde el último", "en": "Steps back from the last one"},
    "offline.axis.grad": {"es": "Gradiente, escala log.", "en": "Gradient, log scale"},
    "offline.fig.series": {"es": "{name}: la serie y su división cronológica",
                           "en": "{name}: the series and its chronological split"},
    "offline.fig.series_alt": {
        "es": "Gráfico de líneas de {name}: {n} valores entre {lo} y {hi}. Los primeros {train} son de "
              "entrenamiento, los {val} siguientes de validación y los últimos {test} de prueba.",
        "en": "Line chart of {name}: {n} values between {lo} and {hi}. The first {train} are for "
              "training, the next {val} for validation and the last {test} for testing.",
    },
    "offline.fig.loss": {"es": "Curva de aprendizaje", "en": "Learning curve"},
    "offline.fig.val_losses": {"es": "Pérdida de validación por época", "en": "Validation loss per epoch"},
    "offline.fig.train_loss": {"es": "entrenamiento", "en": "training"},
    "offline.fig.val_loss": {"es": "validación", "en": "validation"},
    "offline.fig.loss_alt_run": {
        "es": "{name}: {epochs} épocas; la pérdida de entrenamiento pasa de {first} a {last}; la de "
              "validación termina en {val}.",
        "en": "{name}: {epochs} epochs; the training loss goes from {first} to {last}; the validation "
              "loss ends at {val}.",
    },
    "offline.fig.pred": {"es": "{name}: predicciones a un paso en la prueba",
                         "en": "{name}: one-step predictions on the test part"},
    "offline.fig.pred_alt": {
        "es": "Gráfico de líneas: los {n} valores reales de la prueba, lo que predijo {name} y la "
              "persistencia (repetir el último valor). MASE del modelo en prueba: {mase}.",
        "en": "Line chart: the {n} true values of the test part, what {name} predicted, and "
              "persistence (repeat the last value). The model's test MASE: {mase}.",
    },
    "offline.fig.forecast": {"es": "{name}: un paso frente a muchos", "en": "{name}: one step against many"},
    "offline.fig.forecast_alt": {
        "es": "Gráfico de líneas de la parte de prueba ({n} valores): los valores reales, las predicciones a "
              "un paso (error absoluto medio {one}), el pronóstico recursivo desde el inicio de la prueba, que "
              "usa sus propias predicciones como entrada (error absoluto medio {many}), y {beyond} pasos más "
              "allá de los datos.",
        "en": "Line chart of the test part ({n} values): the true values, the one-step predictions (mean "
              "absolute error {one}), the recursive forecast from the start of the test part, which feeds its "
              "own predictions back as input (mean absolute error {many}), and {beyond} steps beyond the data.",
    },
    "offline.fig.one_step": {"es": "a un paso", "en": "one step"},
    "offline.fig.recursive": {"es": "recursivo", "en": "recursive"},
    "offline.fig.beyond": {"es": "más allá de los datos", "en": "beyond the data"},
    "offline.fig.truth": {"es": "real", "en": "true"},
    "offline.fig.prediction": {"es": "predicción", "en": "prediction"},
    "offline.fig.persistence": {"es": "persistencia", "en": "persistence"},
    "offline.fig.grad": {"es": "Gradientes a través del tiempo (celdas sin entrenar)",
                         "en": "Gradients through time (untrained cells)"},
    "offline.fig.grad_alt": {
        "es": "Gráfico de líneas en escala logarítmica: cuánto llega el gradiente del último estado a "
              "cada paso anterior, en {n} pasos, relativo al último.",
        "en": "Line chart on a log scale: how much of the last state's gradient reaches each earlier "
              "step, over {n} steps, relative to the last one.",
    },
    "offline.fig.grad_alt_cell": {"es": "{cell}: {ratio} a {back} pasos.", "en": "{cell}: {ratio} at {back} steps back."},
    "offline.col.run": {"es": "Ejecución", "en": "Run"},
    "offline.col.mase": {"es": "MASE en prueba", "en": "Test MASE"},
    "offline.col.persistence": {"es": "MASE de la persistencia", "en": "Persistence MASE"},
    "offline.col.vs": {"es": "Mejora sobre la persistencia", "en": "Better than persistence by"},
    "offline.table.caption": {
        "es": "Ejecuciones registradas al exportar la lección (menor MASE es mejor).",
        "en": "Runs recorded when the lesson was exported (lower MASE is better).",
    },
    "offline.no_run": {
        "es": "Esta escena necesita un entrenamiento que no se registró al exportar: entrena en la app "
              "y vuelve a exportar la lección para verlo aquí.",
        "en": "This scene needs a training that was not recorded at export: train in the app and "
              "export the lesson again to see it here.",
    },
    "offline.result_after": {
        "es": "El resultado de la ejecución registrada (se muestra después de responder):",
        "en": "The recorded run's result (shown once you have answered):",
    },
    "offline.scene": {"es": "Escena {n}", "en": "Scene {n}"},
    "offline.on_page": {"es": "En la app: {page}", "en": "In the app: {page}"},
    "offline.check": {"es": "Comprobar", "en": "Check"},
    "offline.answer_label": {"es": "Tu respuesta:", "en": "Your answer:"},
    "offline.lang_es": {"es": "Español", "en": "Español"},
    "offline.lang_en": {"es": "English", "en": "English"},
    "offline.keys": {
        "es": "Teclas: ←/→ cambian de escena; con el escenario enfocado, ←/→, Espacio, Inicio y Fin "
              "recorren los pasos.",
        "en": "Keys: ←/→ change scene; with the stage focused, ←/→, Space, Home and End step "
              "through it.",
    },
    "offline.footer": {
        "es": "Archivo sin conexión de rnnlab: todo lo que muestra va dentro de él (los números se "
              "calcularon al exportarlo; nada se descarga).",
        "en": "An rnnlab offline file: everything it shows is inside it (the numbers were computed "
              "when it was exported; nothing is downloaded).",
    },
    # The player's words, filled in by the file's script (placeholders kept).
    "offline.ui.counter": {"es": "Escena {n} de {total}", "en": "Scene {n} of {total}"},
    "offline.ui.back": {"es": "Anterior", "en": "Back"},
    "offline.ui.next": {"es": "Siguiente", "en": "Next"},
    "offline.ui.language": {"es": "Idioma", "en": "Language"},
    "offline.ui.scenes": {"es": "Todas las escenas", "en": "All scenes"},
    "offline.ui.scene_nav": {"es": "Cambiar de escena", "en": "Move between scenes"},
    "offline.ui.not_a_number": {"es": "Escribe un número, por ejemplo 0,35.",
                                "en": "Type a number, for example 0.35."},
    "offline.ui.no_truth": {
        "es": "Esta pregunta no tiene una respuesta calculada: coméntala en clase.",
        "en": "This question has no computed answer: talk it over in class.",
    },
    "offline.ui.no_truth_choice": {
        "es": "No hay ejecuciones registradas con las que comprobarla: coméntala en clase.",
        "en": "There are no recorded runs to check it against: talk it over in class.",
    },
    "offline.ui.pick_one": {"es": "Elige una opción.", "en": "Pick one option."},
    "offline.ui.value_right": {
        "es": "¡Bien! El motor calculó {truth} y tú dijiste {answer} (a menos de {tolerance}).",
        "en": "Well done! The engine computed {truth} and you said {answer} (within {tolerance}).",
    },
    "offline.ui.value_wrong": {
        "es": "No del todo: el motor calculó {truth} y tú dijiste {answer}.",
        "en": "Not quite: the engine computed {truth} and you said {answer}.",
    },
    "offline.ui.choice_right": {
        "es": "¡Bien! Las ejecuciones registradas dicen: {answer} ({source}).",
        "en": "Well done! The recorded runs say: {answer} ({source}).",
    },
    "offline.ui.choice_wrong": {
        "es": "No: las ejecuciones registradas dicen {answer} ({source}).",
        "en": "No: the recorded runs say {answer} ({source}).",
    },
}
