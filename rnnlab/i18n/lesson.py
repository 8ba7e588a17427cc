"""Lesson links and teacher mode."""

STRINGS = {
    "lesson.share": {"es": "Compartir esta configuración", "en": "Share this setup"},
    "lesson.share_help": {
        "es": "Copia este enlace y publícalo: cada estudiante abrirá la misma serie, la misma red "
        "y el mismo paso.",
        "en": "Copy this link and post it: every student opens the same series, the same network "
        "and the same step.",
    },
    "lesson.upload_not_shared": {
        "es": "Un archivo subido no viaja en un enlace: quien lo abra verá la serie del cuaderno. Para "
        "compartir datos reales, elige una serie incluida.",
        "en": "An uploaded file cannot travel in a link: whoever opens it sees the notebook's series. To "
        "share real data, pick a built-in series.",
    },
    "lesson.teacher": {"es": "Modo docente", "en": "Teacher mode"},
    "lesson.teacher_help": {
        "es": "Oculta los controles que elijas y muestra una consigna a los estudiantes.",
        "en": "Hides the controls you choose and shows your students a task.",
    },
    "lesson.hide": {"es": "Controles ocultos", "en": "Hidden controls"},
    "lesson.task": {"es": "Consigna:", "en": "Task:"},
    "lesson.task.none": {"es": "Sin consigna", "en": "No task"},
    "lesson.task.custom": {"es": "Escribir mi propia consigna", "en": "Write my own task"},
    "lesson.task.forget_peak": {
        "es": "Predice qué hará la puerta de olvido en el pico de la serie; después pulsa → en el escenario.",
        "en": "Predict what the forget gate will do at the peak of the series, then press → on the stage.",
    },
    "lesson.task.vanish": {
        "es": "Sube el radio espectral hasta 1,3 y bájalo a 0,7: ¿qué le pasa al gradiente de la "
        "SimpleRNN? ¿Y al de la LSTM?",
        "en": "Raise the spectral radius to 1.3, then lower it to 0.7: what happens to the "
        "SimpleRNN's gradient? And to the LSTM's?",
    },
    "lesson.task.lookback": {
        "es": "Cambia la ventana (lookback) y cuenta cuántas ventanas caen en cada parte.",
        "en": "Change the lookback and count how many windows fall in each split.",
    },
    "lesson.task.compare": {
        "es": "Antes de entrenar, apuesta: ¿qué celda tendrá menor error de test? Luego compruébalo.",
        "en": "Before training, place a bet: which cell will have the lowest test error? Then check.",
    },
    "lesson.dropped": {
        "es": "El enlace tenía valores no válidos que se ignoraron: {params}.",
        "en": "The link had invalid values that were ignored: {params}.",
    },
}
