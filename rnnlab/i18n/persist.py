"""Strings of the saved session: the sidebar's button, status and notices."""

STRINGS = {
    "persist.forget": {"es": "Olvidar mi sesión", "en": "Forget my session"},
    "persist.forget_help": {
        "es": "Borra del servidor la serie, los ajustes y las ejecuciones guardados para este "
        "navegador, y empieza de cero. Sin esto, se borran solos 24 horas después del último cambio.",
        "en": "Deletes the series, settings and runs saved on the server for this browser, and "
        "starts afresh. Otherwise they are deleted on their own 24 hours after the last change.",
    },
    "persist.restored": {
        "es": "Tu sesión se ha recuperado: la misma serie, los mismos ajustes y ejecuciones.",
        "en": "Your session was restored: the same series, settings and runs.",
    },
    "persist.forgotten": {
        "es": "Sesión olvidada: se borró lo guardado para este navegador.",
        "en": "Session forgotten: what was saved for this browser has been deleted.",
    },
    "persist.down": {
        "es": "No se guarda: el almacén de sesiones no responde. La aplicación sigue funcionando, "
        "pero si recargas la página empezarás de cero.",
        "en": "Not saved: the session store does not answer. The app keeps working, but "
        "reloading the page will start afresh.",
    },
    "persist.too_big": {
        "es": "No se guardan los últimos cambios: la sesión ocupa {size} y el límite es "
        "{limit}. Borra ejecuciones en la página Comparar o usa una serie más corta.",
        "en": "Latest changes not saved: the session takes {size} and the limit is {limit}. "
        "Delete runs on the Compare page or use a shorter series.",
    },
    "persist.dropped_corrupt": {
        "es": "No se pudo leer la sesión guardada (estaba dañada) y se descartó: empiezas de cero.",
        "en": "The saved session could not be read (it was damaged) and was dropped: you start afresh.",
    },
    "persist.dropped_big": {
        "es": "La sesión guardada superaba el límite de tamaño y se descartó: empiezas de cero.",
        "en": "The saved session was over the size limit and was dropped: you start afresh.",
    },
    "persist.job_running": {
        "es": "Tu entrenamiento sigue en marcha: la recarga no lo detuvo. Su progreso está en la "
        "página Entrenar.",
        "en": "Your training is still running: the reload did not stop it. Its progress is on "
        "the Train page.",
    },
    "persist.job_done": {
        "es": "Tu entrenamiento, que siguió durante la recarga, ha terminado: su ejecución está en "
        "tus resultados.",
        "en": "Your training, which went on through the reload, has finished: its run is in your "
        "results.",
    },
    "persist.job_finished": {
        "es": "Tu entrenamiento terminó mientras se recargaba la página: su ejecución está en tus "
        "resultados.",
        "en": "Your training finished while the page reloaded: its run is in your results.",
    },
    "persist.forget_confirm": {
        "es": "¿Olvidar todo lo guardado para este navegador: la serie, los ajustes y las "
        "ejecuciones? No se puede deshacer.",
        "en": "Forget everything saved for this browser: the series, the settings and the runs? "
        "This cannot be undone.",
    },
    "persist.forget_teacher": {
        "es": "Tu clase en directo sigue abierta: los estudiantes te siguen viendo y puedes terminarla "
        "cuando quieras.",
        "en": "Your live lesson stays open: the class keeps following you, and you can end it "
        "whenever you like.",
    },
    "persist.forget_student": {
        "es": "Sigues en la clase en directo.",
        "en": "You stay in the live lesson.",
    },
    "persist.forget_yes": {"es": "Sí, olvidarla", "en": "Yes, forget it"},
    "persist.forget_no": {"es": "Cancelar", "en": "Cancel"},
    "internals.widgets_not_saved": {
        "es": "Esta versión de Streamlit ha cambiado algo que la aplicación usaba: ya no se "
        "guardan los ajustes de las páginas (la serie y las ejecuciones, sí).",
        "en": "This version of Streamlit changed something the app relied on: page settings are "
        "no longer saved (the series and the runs still are).",
    },
    "internals.fragments_not_saved": {
        "es": "Esta versión de Streamlit ha cambiado algo que la aplicación usaba: un cambio en "
        "una parte que se actualiza sola (el paso del escenario) se guarda en la siguiente "
        "ejecución completa de la página.",
        "en": "This version of Streamlit changed something the app relied on: a change in a part "
        "that updates on its own (the stage's step) is saved at the page's next full run.",
    },
    "internals.sessions_not_freed": {
        "es": "Esta versión de Streamlit ha cambiado algo que la aplicación usaba: la memoria de "
        "una pestaña cerrada se libera más tarde de lo configurado.",
        "en": "This version of Streamlit changed something the app relied on: a closed tab's "
        "memory is freed later than configured.",
    },
    "internals.keras_cleared": {
        "es": "Esta versión de Streamlit ha cambiado algo que la aplicación usaba: los "
        "entrenamientos pueden ir más lentos mientras otros usan la aplicación.",
        "en": "This version of Streamlit changed something the app relied on: trainings may be "
        "slower while others use the app.",
    },
}
