"""Strings shared by the app shell: navigation, sidebar, landing page, generic messages."""

STRINGS = {
    # Streamlit's own words on its widgets, said in the page's language (ui/elements/a11y.py, widgets'
    # placeholders); what cannot be reached is listed in README ("Streamlit's own words").
    "chrome.upload": {"es": "Subir archivo", "en": "Upload"},
    "chrome.help_for": {"es": "Ayuda:", "en": "Help for"},
    "chrome.remove": {"es": "Quitar", "en": "Remove"},
    "chrome.selected": {"es": "Elegidos", "en": "Selected values"},
    "chrome.clear_all": {"es": "Quitar todos", "en": "Clear all"},
    "chrome.skip": {"es": "Ir al contenido", "en": "Skip to main content"},
    "chrome.sidebar": {"es": "Barra lateral", "en": "Sidebar"},
    "chrome.pages": {"es": "Páginas", "en": "App pages"},
    "chrome.upload_limit": {"es": "Hasta {mb} MB por archivo", "en": "Up to {mb} MB per file"},
    "chrome.choose": {"es": "Elige una opción", "en": "Choose an option"},
    "chrome.choose_many": {"es": "Elige una o varias", "en": "Choose one or more"},
    "app.title": {"es": "rnnlab · Redes recurrentes", "en": "rnnlab · Recurrent networks"},
    "app.language": {"es": "Idioma", "en": "Language"},
    "nav.home": {"es": "Inicio", "en": "Home"},
    "nav.data": {"es": "Datos", "en": "Data"},
    "nav.hidden": {"es": "Estados ocultos", "en": "Hidden states"},
    "nav.train": {"es": "Entrenar", "en": "Train"},
    "nav.compare": {"es": "Comparar", "en": "Compare"},
    "nav.concepts": {"es": "Conceptos", "en": "Concepts"},
    "nav.next": {"es": "Siguiente: {page}", "en": "Next: {page}"},
    "sidebar.series": {"es": "Serie actual", "en": "Current series"},
    "sidebar.used": {"es": "Se usan {n} de {total} valores", "en": "Using {n} of {total} values"},
    "sidebar.change": {"es": "Cambiar en la página Datos", "en": "Change it on the Data page"},
    "error.unexpected": {
        "es": "Algo salió mal: {what}. Tus datos y ejecuciones anteriores siguen intactos. "
        "Prueba de nuevo o cambia los ajustes.",
        "en": "Something went wrong: {what}. Your data and earlier runs are untouched. "
        "Try again or change the settings.",
    },
}

STRINGS.update({
    "home.title": {"es": "rnnlab: mira dentro de una red recurrente", "en": "rnnlab: look inside a recurrent network"},
    "home.intro": {
        "es": "rnnlab enseña cómo las redes neuronales recurrentes (SimpleRNN, LSTM y GRU) aprenden "
        "de series temporales. Genera o sube una serie, recorre paso a paso los estados ocultos de "
        "una red escrita desde cero, entrena modelos Keras y compara sus curvas de pérdida.",
        "en": "rnnlab teaches how recurrent neural networks (SimpleRNN, LSTM and GRU) learn from "
        "time series. Generate or upload a series, step through the hidden states of a network "
        "written from scratch, train Keras models and compare their loss curves.",
    },
    "home.path": {"es": "Un recorrido para la clase", "en": "A path through the lesson"},
    "home.start": {"es": "Empieza aquí: elige una serie", "en": "Start here: pick a series"},
    "home.start_help": {
        "es": "Después sigue el recorrido de abajo, de la 1 a la {last}; cada página usa la serie elegida.",
        "en": "Then follow the path below, 1 to {last}; every page uses the series you picked.",
    },
    "home.figure_title": {"es": "Lo que aprenderá la red", "en": "What the network will learn"},
    "home.figure_alt": {
        "es": "Cada ventana de {lookback} valores seguidos sirve para predecir el valor siguiente.",
        "en": "Each window of {lookback} consecutive values is used to predict the next one.",
    },
    "home.data": {
        "es": "Seno con ruido, un CSV propio o una serie real; división cronológica y ventanas.",
        "en": "Noisy sine, your own CSV or a real series; chronological split and windows.",
    },
    "home.hidden": {
        "es": "Avanza paso a paso: estado oculto, puertas y gradientes de una red en numpy.",
        "en": "Step through time: hidden state, gates and gradients of a numpy network.",
    },
    "home.train": {
        "es": "Entrena LSTM, GRU o SimpleRNN con Keras y compara con referencias honestas.",
        "en": "Train an LSTM, GRU or SimpleRNN with Keras and compare with honest baselines.",
    },
    "home.compare": {
        "es": "SimpleRNN contra LSTM contra GRU: curvas de pérdida, errores y parámetros.",
        "en": "SimpleRNN vs LSTM vs GRU: loss curves, errors and parameter counts.",
    },
    "home.concepts": {
        "es": "La teoría: RNN, LSTM, GRU, BPTT y el gradiente que se desvanece.",
        "en": "The theory: RNN, LSTM, GRU, BPTT and the vanishing gradient.",
    },
    "coming.title": {"es": "Próximamente", "en": "Coming next"},
    "coming.body": {
        "es": "Esta página todavía se está construyendo. Mientras tanto, las demás páginas funcionan.",
        "en": "This page is still being built. Meanwhile, the other pages work.",
    },
})
